"""Linux desktop integration: menu entry, icon, and ``.twm.json`` opening with workbench.

Files follow the freedesktop.org specifications (Desktop Entry, Icon Theme,
shared-mime-info) and go under the user's data folder (``$XDG_DATA_HOME``, else
``~/.local/share``), so no root is needed and ``pip``/``pipx`` uninstall leaves only
these four files, which ``workbench desktop uninstall`` removes. No Qt here: the command
must work on a server with no display libraries too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

APP_ID = "threat-workbench"
MIME_TYPE = "application/x-threat-workbench+json"
DESKTOP_FILE = f"{APP_ID}.desktop"


@dataclass
class DesktopReport:
    """What install/uninstall did: files written or removed, helper tools run or missing."""

    files: list[Path] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path (as the spec says), else ~/.local/share."""
    env = os.environ.get("XDG_DATA_HOME", "")
    if env and Path(env).is_absolute():
        return Path(env)
    return Path.home() / ".local" / "share"


def targets(data_dir: Path) -> dict[str, Path]:
    """Where each shipped file goes under ``data_dir``."""
    icons = data_dir / "icons" / "hicolor" / "scalable"
    return {
        "desktop": data_dir / "applications" / DESKTOP_FILE,
        "mime": data_dir / "mime" / "packages" / f"{APP_ID}.xml",
        "icon": icons / "apps" / f"{APP_ID}.svg",
        "mime_icon": icons / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg",
    }


def shipped(name: str) -> bytes:
    """A file of this package (wheel, checkout or PyInstaller bundle alike)."""
    return resources.files(__package__).joinpath(name).read_bytes()


def workbench_command() -> str:
    """The absolute command that starts this program, for the menu entry's Exec line.

    A bundle is its own executable; a pip/pipx install has a ``workbench`` script next to
    its Python; otherwise whatever ``workbench`` the PATH finds.
    """
    if getattr(sys, "frozen", False):
        return str(Path(sys.executable).resolve())
    beside = Path(sys.executable).with_name("workbench")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside.absolute())
    found = shutil.which("workbench")
    if found:
        return str(Path(found).absolute())
    raise FileNotFoundError("no `workbench` command found: install the package first")


def exec_quote(command: str) -> str:
    """Quote a path for a desktop entry's Exec key (Desktop Entry spec, 'The Exec key')."""
    if all(c.isalnum() or c in "/._-+" for c in command):
        return command
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in command)
    return f'"{escaped}"'.replace("%", "%%")


def desktop_entry(command: str) -> str:
    """The shipped desktop entry with its Exec pointing at ``command``."""
    return shipped(DESKTOP_FILE).decode("utf-8").replace("@EXEC@", exec_quote(command))


def _run(tool: str, *args: str, report: DesktopReport) -> None:
    """Refresh a desktop cache when its tool exists; its absence is not an error."""
    exe = shutil.which(tool)
    if exe is None:
        report.skipped.append(tool)
        return
    done = subprocess.run([exe, *args], capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=60)
    if done.returncode == 0:
        report.ran.append(" ".join([tool, *args]))
    else:
        report.skipped.append(f"{tool} (exit {done.returncode})")


def refresh_caches(data_dir: Path, report: DesktopReport, default: bool) -> None:
    _run("update-mime-database", str(data_dir / "mime"), report=report)
    _run("update-desktop-database", str(data_dir / "applications"), report=report)
    _run("gtk-update-icon-cache", "-f", "-t", str(data_dir / "icons" / "hicolor"),
         report=report)
    if default:
        _run("xdg-mime", "default", DESKTOP_FILE, MIME_TYPE, report=report)


def install(data_dir: Path | None = None, command: str | None = None,
            make_default: bool = True) -> DesktopReport:
    """Write the menu entry, MIME type and icons; refresh the caches that are installed."""
    data_dir = data_dir or default_data_dir()
    report = DesktopReport()
    contents = {
        "desktop": desktop_entry(command or workbench_command()).encode("utf-8"),
        "mime": shipped(f"{APP_ID}-mime.xml"),
        "icon": shipped(f"{APP_ID}.svg"),
        "mime_icon": shipped(f"{APP_ID}.svg"),
    }
    for key, path in targets(data_dir).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(contents[key])
        report.files.append(path)
    # xdg-mime writes ~/.config/mimeapps.list: only when installing for this user.
    refresh_caches(data_dir, report, default=make_default and data_dir == default_data_dir())
    return report


def uninstall(data_dir: Path | None = None) -> DesktopReport:
    """Remove what :func:`install` wrote (nothing else) and refresh the caches."""
    data_dir = data_dir or default_data_dir()
    report = DesktopReport()
    for path in targets(data_dir).values():
        if path.is_file():
            path.unlink()
            report.files.append(path)
    if report.files:
        refresh_caches(data_dir, report, default=False)
    return report
