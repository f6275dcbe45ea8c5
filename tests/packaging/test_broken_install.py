"""A broken install (shipped data folder missing) is said as such, never as a write error.

Issue 14: `report` printed "x.pdf: cannot write: stencils/ folder not found" and
`catalog threats` an internal error, and WORKBENCH_DEBUG=1 showed no traceback.
"""

from __future__ import annotations

import functools
import gc
from pathlib import Path

import pytest

import workbench.data
from workbench.cli.main import main

SAMPLE = Path(workbench.data.__file__).parent / "sample-models" / "insulin-closed-loop.twm.json"


def clear_memos() -> None:
    """Every lru_cache in workbench (stencils, catalogs...) forgets what it read.

    ``gc.get_objects`` does not list frozen objects, and ``main(["analyze", ...])`` freezes
    what its imports made (cli/main.py ``_frozen_imports``): unfreeze first, or caches filled
    before are missed (and the broken install goes unseen, or its empty data outlives it)."""
    gc.unfreeze()
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and \
                getattr(obj, "__module__", "").startswith("workbench"):
            obj.cache_clear()


@pytest.fixture
def broken_install(monkeypatch, tmp_path: Path):
    empty = tmp_path / "site-packages" / "workbench" / "data"
    empty.mkdir(parents=True)
    monkeypatch.setattr(workbench.data, "files", lambda _name: empty)
    clear_memos()
    yield empty
    monkeypatch.undo()
    clear_memos()


@pytest.mark.parametrize("argv", [
    ["report", str(SAMPLE), "-o", "{tmp}/board.pdf"],
    ["catalog", "threats"],
    ["analyze", str(SAMPLE), "--json"],
    ["heatmap", str(SAMPLE), "-o", "{tmp}/matrix.png"],
])
def test_missing_data_folder_is_named_as_a_broken_install(
        broken_install, tmp_path: Path, capsys, argv: list[str]) -> None:
    code = main([a.format(tmp=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert code == 1
    [line] = err.splitlines()
    assert "data folder is missing from the installation" in line
    assert "reinstall threat-workbench" in line
    assert "cannot write" not in line and "internal error" not in line
    assert not (tmp_path / "board.pdf").exists()


def test_workbench_debug_shows_the_traceback(broken_install, tmp_path: Path, capsys,
                                             monkeypatch) -> None:
    monkeypatch.setenv("WORKBENCH_DEBUG", "1")
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "board.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "DataMissingError" in err
    assert err.rstrip().splitlines()[-1].startswith("workbench: the program's ")


def test_workbench_debug_shows_the_cause_of_a_one_line_error(tmp_path: Path, capsys,
                                                             monkeypatch) -> None:
    """CLI errors raised `from None` still show what a developer needs."""
    monkeypatch.setenv("WORKBENCH_DEBUG", "1")
    folder = tmp_path / "readonly"
    folder.mkdir()
    out = folder / "x.csv"
    out.mkdir()  # a directory where the output should go
    assert main(["export", str(SAMPLE), "--format", "csv", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().splitlines()[-1] == (
        f"workbench: {out}: is a directory, give a file name for the output")


def test_without_debug_no_traceback(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.csv"
    out.mkdir()
    assert main(["export", str(SAMPLE), "--format", "csv", "-o", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err
