"""CSV parses back with the same rows; SVG, PNG, Markdown and JSON are what they claim."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from workbench.report.data import gather
from workbench.report.exports import EXPORTERS, csv_rows, export_csv

from .factories import report_model


@pytest.fixture(scope="module")
def data():
    return gather(report_model(), use_engines=False)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_csv_has_bom_and_parses_back_with_same_rows(data, tmp_path, lang):
    out = tmp_path / "register.csv"
    export_csv(data, out, lang)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert parsed == csv_rows(data, lang)
    assert len(parsed) == len(data.model.threats)
    assert any(row["element_name"] == "Relais BLE du téléphone" for row in parsed)
    assert parsed[0]["id"] == "t-dose"


def test_svg_is_vector_with_text(data, tmp_path):
    out = tmp_path / "d.svg"
    EXPORTERS["svg"][0](data, out, "fr")
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert "Relais BLE du" in out.read_text(encoding="utf-8")
    assert "Passerelles" in out.read_text(encoding="utf-8")


def test_png_is_a_picture(data, tmp_path):
    out = tmp_path / "d.png"
    EXPORTERS["png"][0](data, out, "en")
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(head[16:20], "big")
    assert width > 1000


def test_markdown_and_json(data, tmp_path):
    md, js = tmp_path / "s.md", tmp_path / "a.json"
    EXPORTERS["md"][0](data, md, "fr")
    EXPORTERS["json"][0](data, js, "en")
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Tiny closed loop")
    assert "Wrong insulin dose" in text and "## Synthèse" in text
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert {t["id"] for t in doc["threats"]} == {t.id for t in data.model.threats}
    dose = next(t for t in doc["threats"] if t["id"] == "t-dose")
    assert dose["risk_projected"]["score"] < dose["risk_inherent"]["score"]
    assert doc["control_plan"][0]["id"] == "c-pair"


@pytest.mark.parametrize("fmt", ["svg", "png", "csv", "md", "json"])
def test_model_exporters_for_the_export_registry(fmt):
    from workbench.report.exports import model_exporter

    content = model_exporter(fmt, "fr")(report_model())
    expected = {"svg": "Relais BLE du", "md": "# Tiny closed loop", "json": '"threats"'}
    if fmt in ("png", "csv"):
        assert isinstance(content, bytes)
        assert content.startswith(b"\x89PNG" if fmt == "png" else b"\xef\xbb\xbf")
    else:
        assert isinstance(content, str) and expected[fmt] in content
