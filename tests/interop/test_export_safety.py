"""Exports safe to open: no formula a spreadsheet would run, no control character in any
text export, SVG that stays well-formed XML, and the CSV importer reads our quotes back."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest

from workbench.cli.main import main
from workbench.interop.csv_export import model_to_csv
from workbench.interop.csv_import import csv_to_model
from workbench.interop.csv_safe import csv_cell, unneutralise
from workbench.model.io import save_model

from .helpers import rich_model

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"Pump\")", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rReturned"]
CONTROLS = "Pump\x00NUL \x1b[2J ESC \u202eexe.live <script>alert(1)</script>"
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_model():
    model = rich_model()
    names = [*FORMULAS[:3], CONTROLS]
    components = [c.model_copy(update={"name": n}) for c, n in zip(model.components, names,
                                                                     strict=True)]
    threats = [t.model_copy(update={"title": FORMULAS[3]}) for t in model.threats]
    controls = [c.model_copy(update={"title": FORMULAS[4]}) for c in model.controls]
    zones = [z.model_copy(update={"name": FORMULAS[5]}) if z.id == "home" else z
             for z in model.zones]
    return model.model_copy(update={"components": components, "threats": threats,
                                    "controls": controls, "zones": zones})


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.twm.json"
    save_model(hostile_model(), path)
    return path


def _export(path: Path, fmt: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "csv-model"])
def test_no_csv_cell_starts_a_formula(hostile_file: Path, tmp_path: Path, fmt: str) -> None:
    text = _export(hostile_file, fmt, tmp_path).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert cells
    risky = [c for c in cells if c[:1] in {"=", "+", "-", "@", "\t", "\r"}
             and not re.fullmatch(r"[+-]?\d+(\.\d+)?", c)]
    assert risky == []
    assert not UNSAFE.search(text)
    if fmt == "csv-model":  # every hostile name is there, shown as text
        for name in FORMULAS[:3]:
            assert "'" + name in cells


@pytest.mark.parametrize("fmt", ["md", "json", "svg", "otm"])
def test_text_exports_hold_no_control_characters(hostile_file: Path, tmp_path: Path,
                                                 fmt: str) -> None:
    text = _export(hostile_file, fmt, tmp_path).decode("utf-8")
    assert not UNSAFE.search(text), UNSAFE.search(text)
    if fmt == "md":
        assert "<script>" not in text and "&lt;script&gt;" in text
    if fmt == "svg":
        DET.fromstring(text.encode("utf-8"))  # well-formed XML
        assert "\\x1b" in text  # shown, not dropped


def test_csv_model_round_trips_formula_names() -> None:
    model = hostile_model()
    back = csv_to_model(model_to_csv(model), "m.csv").model
    names = {c.id: c.name for c in back.components}
    for comp in model.components[:3]:
        assert names[comp.id] == comp.name.strip()
    assert [(f.id, f.authentication, f.encrypted) for f in back.flows] == \
        [(f.id, f.authentication, f.encrypted) for f in model.flows]
    assert {z.id: z.parent for z in back.zones} == {z.id: z.parent for z in model.zones}


@pytest.mark.parametrize("value", [*FORMULAS, "-3", "+1.5", "'t Hooft ward", "Plain", ""])
def test_cell_and_its_inverse(value: str) -> None:
    cell = csv_cell(value)
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
        assert cell == value  # numbers stay numbers
    else:
        assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    assert unneutralise(cell) == value
