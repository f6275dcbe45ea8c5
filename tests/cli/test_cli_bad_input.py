"""Bad input gives one clear line per problem and exit code 1, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model import dumps_model

from ..model.factories import tiny_model


def valid_doc() -> dict:
    return json.loads(dumps_model(tiny_model()))


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_validate(capsys, *files: Path) -> tuple[int, list[str]]:
    code = main(["validate", *map(str, files)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if line]


def test_valid_file_exits_zero(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "ok.twm.json", valid_doc())
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: ok"


def test_truncated_json(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cut.twm.json"
    path.write_text(dumps_model(tiny_model())[:300])
    code, lines = run_validate(capsys, path)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith(f"{path}: $: invalid JSON at line")


def test_wrong_type_names_the_field(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["flows"][1]["encrypted"] = "sometimes"
    code, lines = run_validate(capsys, write(tmp_path / "t.twm.json", doc))
    assert code == 1
    assert lines == [f"{tmp_path / 't.twm.json'}: flows[1].encrypted: Input should be a valid "
                     f"boolean, unable to interpret input (got 'sometimes')"]


def test_unknown_field_is_an_error(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["components"][0]["colour"] = "red"
    code, lines = run_validate(capsys, write(tmp_path / "f.twm.json", doc))
    assert code == 1 and "components[0].colour: unknown field" in lines[0]


def test_unknown_stencil(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["components"][0]["stencil"] = "toaster"
    code, lines = run_validate(capsys, write(tmp_path / "s.twm.json", doc))
    assert code == 1 and "components[0].stencil" in lines[0] and "'toaster'" in lines[0]


def test_dangling_reference(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["flows"][0]["target"] = "ghost"
    code, lines = run_validate(capsys, write(tmp_path / "d.twm.json", doc))
    assert code == 1 and "flows[0].target" in lines[0] and "'ghost'" in lines[0]


def test_duplicate_id(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["components"].append(dict(doc["components"][0]))
    code, lines = run_validate(capsys, write(tmp_path / "dup.twm.json", doc))
    assert code == 1 and any("duplicate id" in line for line in lines)


def test_non_utf8_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "latin1.twm.json"
    path.write_bytes('{"metadata": {"title": "Hôpital"}}'.encode("latin-1"))
    code, lines = run_validate(capsys, path)
    assert code == 1 and lines == [f"{path}: $: not UTF-8 text (invalid byte at offset 25)"]


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.twm.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, lines = run_validate(capsys, path)
    assert code == 1 and len(lines) == 1 and "50.0 MB, over the 32 MB limit" in lines[0]


def test_json_nested_ten_thousand_deep(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deep.twm.json"
    path.write_text("[" * 10_000 + "]" * 10_000)
    code, lines = run_validate(capsys, path)
    assert code == 1 and len(lines) == 1 and "nested" in lines[0]


def test_moderately_deep_json_inside_a_valid_key(tmp_path: Path, capsys) -> None:
    doc = valid_doc()
    doc["risk"]["options"]["x"] = json.loads("[" * 200 + "]" * 200)
    code, lines = run_validate(capsys, write(tmp_path / "deep2.twm.json", doc))
    assert code == 1 and len(lines) == 1
    assert "levels deep (limit 64)" in lines[0] and lines[0].startswith(str(tmp_path))


def test_directory_instead_of_file(tmp_path: Path, capsys) -> None:
    code, lines = run_validate(capsys, tmp_path)
    assert code == 1 and lines == [f"{tmp_path}: $: is a directory, not a model file"]


def test_missing_file(tmp_path: Path, capsys) -> None:
    code, lines = run_validate(capsys, tmp_path / "nope.twm.json")
    assert code == 1 and lines == [f"{tmp_path / 'nope.twm.json'}: $: no such file"]


def test_top_level_must_be_an_object(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.twm.json"
    path.write_text("[1, 2]")
    code, lines = run_validate(capsys, path)
    assert code == 1 and "expected a JSON object, found list" in lines[0]


def test_every_file_is_checked_and_reported(tmp_path: Path, capsys) -> None:
    good = write(tmp_path / "good.twm.json", valid_doc())
    code, lines = run_validate(capsys, tmp_path / "a.twm.json", good, tmp_path / "b.twm.json")
    assert code == 1 and len(lines) == 2


@pytest.mark.parametrize("argv", [["info"], ["validate"]])
def test_info_on_bad_file_through_the_real_entry_point(tmp_path: Path, argv: list[str]) -> None:
    path = tmp_path / "broken.twm.json"
    path.write_text("{not json")
    result = subprocess.run([sys.executable, "-m", "workbench", *argv, str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: $: invalid JSON")


def test_exports_are_ordinary_files_not_private(tmp_path) -> None:
    """Atomic writes go through a private temp file; the result must not stay private."""
    import os

    from tests.model.factories import tiny_model
    from workbench.model.io import save_model

    model = tmp_path / "m.twm.json"
    save_model(tiny_model(), model)
    old = os.umask(0o022)
    try:
        for fmt, name in (("png", "d.png"), ("md", "s.md")):
            assert main(["export", str(model), "--format", fmt, "-o", str(tmp_path / name)]) == 0
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
        save_model(tiny_model(), tmp_path / "new.twm.json")
        assert (tmp_path / "new.twm.json").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)
