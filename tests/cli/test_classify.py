"""``workbench classify``: the to-classify list, one change saved, bad ids refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model import load_model

CSV = """kind,id,name,type,layer
component,box,Mystery box,frobnicator,gateway
component,blob,Blob store,quux,cloud
component,pump,Insulin pump,insulin-pump,
"""


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    src = tmp_path / "vendor.csv"
    src.write_text(CSV, encoding="utf-8")
    out = tmp_path / "vendor.twm.json"
    assert main(["import", str(src), "-o", str(out)]) == 0
    return out


def test_list_then_classify_until_nothing_is_left(imported: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["classify", str(imported)]) == 0
    out = capsys.readouterr().out
    assert "to classify (2)" in out and "box 'Mystery box'" in out and "frobnicator" in out

    assert main(["classify", str(imported), "box", "smartphone"]) == 0
    out = capsys.readouterr().out
    assert "generic-gateway -> smartphone (thing)" in out
    assert "1 still to classify: blob" in out
    comp = load_model(imported).component("box")
    assert (comp.stencil, comp.layer.value) == ("smartphone", "thing")
    assert imported.with_name(imported.name + ".bak").is_file()

    assert main(["classify", str(imported), "blob", "data-lake", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["to"] == "data-lake" and data["unmapped"] == []
    assert main(["classify", str(imported), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unmapped"] == []


@pytest.mark.parametrize(("argv", "named"), [
    (["ghost", "smartphone"], "'ghost'"),
    (["box", "toaster"], "'toaster'"),
    (["box"], "give the stencil"),
])
def test_bad_ids_leave_the_file_untouched(imported: Path, capsys, argv, named) -> None:
    before = imported.read_bytes()
    capsys.readouterr()
    assert main(["classify", str(imported), *argv]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and named in err[0] and str(imported) in err[0]
    assert imported.read_bytes() == before


def test_stencils_are_listed_by_layer(imported: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["classify", str(imported), "--json", "--stencils"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "smartphone" in data["stencils"]["thing"]
    assert "data-lake" in data["stencils"]["cloud"]
