"""The technical report can be traced: stable ids whole, details with the catalog's text,
links from contents, details and index to the register, fingerprint for reproduction."""

from __future__ import annotations

import io
import os
import re

import pytest
from pypdf import PdfReader

from workbench.cli.main import main
from workbench.model.io import load_model, save_model
from workbench.report.data import gather
from workbench.report.i18n import tr
from workbench.report.pdf import render_pdf
from workbench.report.regulatory import assess

from ..conftest import SAMPLES
from .factories import report_model

INSULIN = SAMPLES / "insulin-closed-loop.twm.json"


@pytest.fixture(scope="module")
def insulin():
    data = gather(load_model(INSULIN), INSULIN.read_bytes(), recommend=False)
    return data, PdfReader(io.BytesIO(render_pdf(data, "technical", "en")))


def section_text(reader, title, following):
    marks = {m.title: reader.get_destination_page_number(m) for m in reader.outline
             if not isinstance(m, list)}
    start, end = marks[title], marks[following]
    return " ".join(reader.pages[i].extract_text() or "" for i in range(start, end + 1))


def test_register_lists_every_threat_id_whole(insulin):
    data, reader = insulin
    text = re.sub(r"\s+", "", section_text(reader, tr("sec_register", "en"),
                                            tr("sec_details", "en")))
    for row in data.risks:
        assert row.id in text, row.id


def test_details_give_catalog_text_rule_and_link_to_the_register(insulin):
    data, reader = insulin
    text = " ".join(section_text(reader, tr("sec_details", "en"),
                                 tr("sec_matrix", "en")).split())
    assert "Why it applies:" in text and "Occurrences" in text
    assert "A look-alike app is published in an app store" in text  # catalog description
    marks = {m.title: reader.get_destination_page_number(m) for m in reader.outline
             if not isinstance(m, list)}
    register = range(marks[tr("sec_register", "en")], marks[tr("sec_details", "en")] + 1)
    landed = []
    for index in range(marks[tr("sec_details", "en")], marks[tr("sec_matrix", "en")]):
        for annot in reader.pages[index].get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                landed.append(reader.get_page_number(dest[0]))
    # One link per occurrence, each landing on a register page.
    assert len(landed) >= len(data.risks)
    assert {page for page in landed} - set(register) <= set(range(len(reader.pages)))
    assert sum(page in register for page in landed) >= len(data.risks)


def test_contents_lines_are_links_to_their_sections(insulin):
    _, reader = insulin
    contents = next(i for i, page in enumerate(reader.pages)
                    if tr("contents", "en") in (page.extract_text() or ""))
    annots = [a.get_object() for a in reader.pages[contents].get("/Annots") or []]
    assert len(annots) >= 10
    pages = {reader.get_destination_page_number(m) for m in reader.outline
             if not isinstance(m, list)}
    landed = {reader.get_page_number(a["/Dest"][0]) for a in annots if "/Dest" in a}
    assert landed and landed <= pages | {p + 1 for p in pages}


def test_fingerprint_names_catalog_version_seed_and_tool(insulin):
    _, reader = insulin
    cover = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Catalog version 2026.1" in cover
    assert "Attack-path sampling seed 0" in cover
    assert "Threat Workbench" in cover


def test_fda_signed_updates_count_gateways_too():
    """A transmitter with unsigned updates is an FDA finding as much as the implant."""
    model = load_model(SAMPLES / "cardiac-implant-remote-monitoring.twm.json")
    gateway = next(c for c in model.components if c.layer.value == "gateway")
    gateway.properties.signed_updates = False
    fda = next(i for i in assess(model, "en") if "FDA" in i.title)
    evidence = "; ".join(fda.evidence)
    assert gateway.name in evidence and "missing" in evidence
    devices = [c for c in model.components if c.layer.value in ("thing", "gateway")
               and (c.properties.signed_updates is not None or c.properties.os_firmware)]
    assert f"/{len(devices)}" in evidence


def test_characters_the_font_lacks_are_named(tmp_path, capsys):
    model = report_model()
    model.components[0].name = "心臓モニタ pump"
    path = tmp_path / "m.twm.json"
    save_model(model, path)
    assert main(["report", str(path), "-o", str(tmp_path / "r.pdf")]) == 0
    assert "心臓モニタ" in capsys.readouterr().err
    data = gather(model, use_engines=False)
    assert any("U+5FC3" in note for note in data.notes)  # 心 by number: the PDF cannot draw it


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_fails_before_the_analysis(tmp_path, capsys):
    path = tmp_path / "m.twm.json"
    save_model(report_model(), path)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["report", str(path), "-o", str(folder / "r.pdf")]) != 0
        assert "not writable" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)


def test_references_are_never_split_inside_an_id(insulin):
    """"CAPEC-180, CWE-" / "1188": a reference broken at its own hyphen cannot be searched.
    A list of references breaks at its spaces; each reference stays whole on its line."""
    data, reader = insulin
    lines = " ".join(page.extract_text() or "" for page in reader.pages[:40]).splitlines()
    refs = {r for row in data.risks for r in row.references if r != row.catalog_id}
    assert refs
    cut = [line for line in lines if re.search(r"\b(?:CAPEC|CWE|TID)-$", line.strip())]
    assert not cut, cut[:3]


def test_plan_steps_name_elements_not_internal_ids():
    """The attack engine's steps read "Hardened device configuration on ws-b": the id of an
    element in a report an engineer hands on. The element column names it."""
    from workbench.report.sections import step_title

    assert step_title({"title": "Hardened device configuration on ws-b",
                       "elements": ["ws-b"]}) == "Hardened device configuration"
    assert step_title({"title": "Security monitoring by a SOC",
                       "elements": ["ehr", "portal"]}) == "Security monitoring by a SOC"
    path = SAMPLES / "cardiac-implant-remote-monitoring.twm.json"
    data = gather(load_model(path), path.read_bytes())
    assert data.recommendations
    ids = {c.id for c in data.model.components}
    for rec in data.recommendations:
        title = step_title(rec)
        assert not [i for i in ids if title.endswith(f" on {i}")], title


def test_output_folder_is_checked_before_the_analysis(tmp_path, capsys, monkeypatch):
    """Runs as root too (where a 0500 folder is still writable): the folder check comes
    before any analysis, so a refused folder costs no computation."""
    import workbench.cli.cmd_report as cmd_report
    import workbench.report.pdf as pdf

    path = tmp_path / "m.twm.json"
    save_model(report_model(), path)
    folder = tmp_path / "out"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(cmd_report.os, "access", lambda p, mode: False
                        if str(p) == str(folder) else real_access(p, mode))
    called = []
    monkeypatch.setattr(pdf, "gather", lambda *a, **k: called.append(1))
    assert main(["report", str(path), "-o", str(folder / "r.pdf")]) != 0
    assert "not writable" in capsys.readouterr().err
    assert not called


def test_french_details_carry_the_catalogs_french_descriptions():
    """Catalog descriptions were printed in English, labelled "en anglais"; the catalog now
    has them in French (catalogs/descriptions-fr.json): the French report uses them."""
    from workbench.analysis.descriptions_fr import shipped_descriptions
    from workbench.report.document import make_styles
    from workbench.report.trace import threat_details

    data = gather(load_model(INSULIN), INSULIN.read_bytes(), use_engines=False)
    story = threat_details(data, make_styles(), "fr", 500)
    text = " ".join(f.getPlainText() for f in story if hasattr(f, "getPlainText"))
    french = shipped_descriptions()
    found = {row.catalog_id for row in data.risks}
    assert any(" ".join(french.threats[c].split()[:6]) in text for c in found
               if c in french.threats)
    assert "en anglais" not in text


def test_controls_carry_a_cost_range_and_an_effectiveness(insulin):
    """The technical report's Cost and Eff. columns were blank: every control of the
    sample now prints a money range with its person-days and a percentage."""
    data, reader = insulin
    text = " ".join(section_text(reader, tr("sec_controls", "en"),
                                 tr("sec_regulatory", "en")).split())
    controls = data.model.controls
    assert controls
    # "7.5 k€ to 40 k€ (12–32 d)" and "80%" (sections.controls_table) on every row
    assert len(re.findall(r"\(\d+–\d+\s?d\)", text)) >= len(controls), text[:400]
    assert len(re.findall(r"\d+\s?%", text)) >= len(controls)


def test_index_by_element_lists_every_element_and_flow(insulin):
    """373 pages with no index by element: the index names every element and flow."""
    data, reader = insulin
    marks = {m.title: reader.get_destination_page_number(m) for m in reader.outline
             if not isinstance(m, list)}
    start = marks[tr("sec_index", "en")]
    text = " ".join(" ".join(reader.pages[i].extract_text() or ""
                             for i in range(start, len(reader.pages))).split())
    missing = [item.name for item in [*data.model.components, *data.model.flows]
               if " ".join(item.name.split()) not in text]
    assert not missing


def test_method_section_states_the_formulas_and_points_to_the_docs(insulin):
    _, reader = insulin
    text = " ".join(section_text(reader, tr("sec_scope", "en"),
                                 tr("sec_diagram", "en")).split())
    assert "docs/risk-model.md" in text and "docs/attack-paths.md" in text


def test_board_plan_and_vendor_review_are_in_contents_and_bookmarks():
    """The board's control plan and vendor review headings were missing from the contents
    and the PDF outline."""
    path = SAMPLES / "home-telemonitoring.twm.json"  # the sample with a vendor review
    data = gather(load_model(path), path.read_bytes(), recommend=False)
    reader = PdfReader(io.BytesIO(render_pdf(data, "board", "en")))

    def titles(outline):
        for mark in outline:
            yield from titles(mark) if isinstance(mark, list) else [mark.title]

    marks = set(titles(reader.outline))
    assert {tr("sec_plan", "en"), tr("sec_review", "en")} <= marks
    contents = " ".join((reader.pages[0].extract_text() or "").split())
    assert tr("sec_plan", "en") in contents
