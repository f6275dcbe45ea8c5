"""`workbench desktop install`: the menu entry, icon and MIME type a Linux desktop reads."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from workbench import desktop
from workbench.cli.main import main

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="freedesktop.org only")


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read_string(path.read_text("utf-8"))
    return parser["Desktop Entry"]


def test_install_writes_entry_mime_and_icons_then_uninstall_removes_them(
        tmp_path: Path, capsys) -> None:
    data = tmp_path / "share"
    assert main(["desktop", "install", "--data-dir", str(data), "--no-default"]) == 0
    out = capsys.readouterr().out
    files = desktop.targets(data)
    for path in files.values():
        assert path.is_file() and f"wrote {path}" in out

    section = entry(files["desktop"])
    assert section["Type"] == "Application" and section["Name"] == "Threat Workbench"
    assert section["Icon"] == desktop.APP_ID
    assert desktop.MIME_TYPE in section["MimeType"].split(";")
    # The menu starts the same program that ran `desktop install`, with the clicked file.
    command, arg = section["Exec"].rsplit(" ", 1)
    assert arg == "%f"
    assert Path(command.strip('"')).resolve() == Path(desktop.workbench_command()).resolve()

    mime = SafeET.fromstring(files["mime"].read_bytes())
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == desktop.MIME_TYPE
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.twm.json"]
    svg = SafeET.fromstring(files["icon"].read_bytes())
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"

    assert main(["desktop", "uninstall", "--data-dir", str(data)]) == 0
    assert not any(path.exists() for path in files.values())
    assert main(["desktop", "uninstall", "--data-dir", str(data)]) == 0
    assert "nothing to remove" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="shared-mime-info not installed")
def test_the_mime_database_maps_twm_json_to_workbench(tmp_path: Path) -> None:
    data = tmp_path / "share"
    desktop.install(data, command="/opt/tw/workbench", make_default=False)
    globs = (data / "mime" / "globs2").read_text("utf-8").splitlines()
    assert f"60:{desktop.MIME_TYPE}:*.twm.json" in globs


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed")
def test_the_desktop_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    desktop.install(tmp_path, command="/opt/tw/workbench", make_default=False)
    done = subprocess.run(["desktop-file-validate",
                           str(desktop.targets(tmp_path)["desktop"])],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not (done.stdout + done.stderr).strip(), done.stdout


@pytest.mark.parametrize(("command", "expected"), [
    ("/home/ana/.local/bin/workbench", "/home/ana/.local/bin/workbench"),
    ("/home/ana/My Apps/workbench", '"/home/ana/My Apps/workbench"'),
    ('/opt/a"b$c`d\\e/workbench', '"/opt/a\\"b\\$c\\`d\\\\e/workbench"'),
    ("/opt/100%/workbench", '"/opt/100%%/workbench"'),
])
def test_exec_line_quotes_paths_as_the_spec_says(command: str, expected: str) -> None:
    assert desktop.exec_quote(command) == expected
    assert f"Exec={expected} %f" in desktop.desktop_entry(command)


def test_default_folder_follows_xdg_data_home(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert desktop.default_data_dir() == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert desktop.default_data_dir() == tmp_path / "home" / ".local" / "share"


def test_unwritable_folder_is_one_line_not_a_traceback(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["desktop", "install", "--data-dir", str(blocker / "share")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workbench: ") and "cannot write" in err
    assert len(err.strip().splitlines()) == 1
