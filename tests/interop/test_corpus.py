"""The corpus script over the files written for the tests: every file imports, and the
counts in the source match the model except where the importer says why."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("interop_corpus",
                                                  ROOT / "tools" / "interop_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_corpus_imports_whole(capsys: pytest.CaptureFixture) -> None:
    code = _script().main([str(ROOT / "tests" / "data" / "interop")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "!!" not in out  # no unexplained difference between source and model
    summary = next(line for line in out.splitlines() if " files: " in line)
    total = int(summary.split()[0])
    assert total >= 50 and f"{total} imported" in summary.replace(
        f"{total} files: ", "")
    assert "skipped: flow 'loop' (Retry) goes from 'hub' to itself" in out


def test_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    """The committed corpus is regenerated, not hand-edited."""
    spec = importlib.util.spec_from_file_location(
        "build_interop_corpus", ROOT / "tools" / "build_interop_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    module.build(tmp_path)
    committed = ROOT / "tests" / "data" / "interop" / "corpus"
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        sorted(p.name for p in committed.iterdir())
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (committed / path.name).read_bytes(), path.name
