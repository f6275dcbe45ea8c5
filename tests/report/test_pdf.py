"""Reports build in both languages, hold the top risks and element names, and stay short."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from workbench.model import ControlInstance, MitigationLink, Stride, ThreatInstance
from workbench.report.data import gather
from workbench.report.pdf import render_pdf

from .factories import report_model


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def data():
    return gather(report_model(), b'{"demo": true}', use_engines=False)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("audience", ["board", "technical"])
def test_report_holds_top_risks_and_names(data, audience, lang):
    pdf = render_pdf(data, audience, lang)
    text = text_of(pdf)
    for row in data.top_risks(3):
        assert norm(row.title) in text
    assert "Insulin pump" in text and "Relais BLE du téléphone" in text
    if audience == "technical":
        for comp in data.model.components:
            assert comp.name in text
    heading = "Synthèse" if lang == "fr" else "Executive summary"
    assert heading in text


def test_rejected_threat_is_not_a_top_risk(data):
    assert "t-spoof" not in [r.id for r in data.top_risks(5)]
    assert data.top_risks(1)[0].id == "t-dose"


def test_board_report_is_at_most_six_pages_even_when_crowded():
    model = report_model()
    for index in range(120):
        model.threats.append(ThreatInstance(
            id=f"x{index}", key=f"x{index}", catalog_id=f"T-X{index % 9}", element="vcloud",
            title=f"Generated threat number {index} with a rather long descriptive title",
            stride=[Stride.DENIAL_OF_SERVICE], likelihood=1 + index % 4,
            mitigations=[MitigationLink(control=f"cx{index}", status="planned")]))
        model.controls.append(ControlInstance(id=f"cx{index}", title=f"Control {index}",
                                              elements=["vcloud"], cost="high",
                                              effectiveness=0.5))
    pdf = render_pdf(gather(model, use_engines=False), "board", "fr")
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 6


def test_fonts_embedded_and_metadata_set(data):
    pdf = render_pdf(data, "board", "fr")
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert "Tiny closed loop" in meta.title
    assert meta.author == "Équipe sécurité"
    assert "Pump + phone + cloud" in meta.subject
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert "/FontFile2" in descriptor, font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts)
    assert "é" in text_of(pdf)


def test_fingerprint_is_sha256_of_file_bytes(data):
    import hashlib

    assert data.fingerprint == hashlib.sha256(b'{"demo": true}').hexdigest()
    assert data.fingerprint in text_of(render_pdf(data, "board", "en")).replace(" ", "")


@pytest.mark.parametrize("extra", [150, 450])  # reportlab Table, then the lean FastTable
def test_technical_register_repeats_header_across_pages(extra):
    model = report_model()
    for index in range(extra):
        model.threats.append(ThreatInstance(
            id=f"r{index}", key=f"r{index}", catalog_id="T-R", element="relay",
            title=f"Register row {index}", likelihood=2))
    pdf = render_pdf(gather(model, use_engines=False), "technical", "en")
    reader = PdfReader(io.BytesIO(pdf))
    marks = {m.title: reader.get_destination_page_number(m) for m in reader.outline
             if not isinstance(m, list)}
    texts = [page.extract_text() or "" for page in reader.pages]
    # The register's own pages (threat details and the element index name the rows too).
    texts = texts[marks["Risk register"]:marks["Threats in detail"]]
    register_pages = [t for t in texts if "Register row" in t and "Executive summary" not in t]
    assert len(register_pages) >= 3
    assert all("STRIDE" in page for page in register_pages)
    found = {int(m) for page in register_pages for m in re.findall(r"Register row (\d+)", page)}
    assert found == set(range(extra))  # every row printed once, none lost at page breaks
    # Table of contents: the register heading is listed with its page number.
    toc_text = reader.pages[1].extract_text()
    assert "Risk register" in toc_text


def test_review_and_workshop_sections_appear_when_present():
    import datetime as dt

    from workbench.model.review import ReviewAnswer, ReviewRecord
    from workbench.model.workshop import Consensus, Vote, WorkshopItem, WorkshopSession

    model = report_model()
    model.review = ReviewRecord(vendor="Acme Médical", answers=[
        ReviewAnswer(item="sbom", answer="no", note="SBOM promised for Q3"),
        ReviewAnswer(item="signed-firmware", answer="yes", evidence="Signed images")])
    model.workshops = [WorkshopSession(
        id="w1", title="Atelier pompe", date=dt.date(2026, 11, 2), participants=["Zoé", "Marc"],
        decisions=["Pairing must be authenticated"],
        items=[WorkshopItem(element="pump", title="Dose tampering",
                            votes=[Vote(participant="Zoé", likelihood=2),
                                   Vote(participant="Marc", likelihood=4)])])]
    text = text_of(render_pdf(gather(model, use_engines=False), "technical", "fr"))
    assert "Grille de revue fournisseur" in text and "Acme Médical" in text
    assert "SBOM promised for Q3" in text  # a gap is listed with its note
    assert "Signed images" not in text  # met items are counted, not listed
    assert "Atelier pompe" in text and "Pairing must be authenticated" in text
    # median and range per rating, disagreement flagged (Zoé 2 vs Marc 4), as in the minutes
    assert "vraisemblance 3 (2–4) ⚠" in text and "Cotations : médiane (étendue)" in text
    model.workshops[0].items[0].consensus = Consensus(likelihood=3, impact={
        "patient_safety": 4}, decided_by=["Zoé", "Marc"])
    english = text_of(render_pdf(gather(model, use_engines=False), "technical", "en"))
    assert "likelihood 3, safety 4 — Zoé, Marc" in english
    plain = text_of(render_pdf(gather(report_model(), use_engines=False), "technical", "en"))
    assert "Vendor review checklist" not in plain


def test_inconsistent_risk_matrix_gets_a_visible_warning():
    model = report_model()
    model.risk.options["risk_levels"] = [
        {"id": "all", "name": "All", "colour": "#ffffff", "max_fraction": 1.0}]
    data = gather(model, recommend=False)
    assert data.matrix_warnings
    text = text_of(render_pdf(data, "board", "fr"))
    assert "Cox" in text and "Attention" in text
    assert not gather(report_model(), recommend=False).matrix_warnings


@pytest.mark.parametrize("audience", ["board", "technical"])
def test_blank_model_still_gives_a_report(audience):
    from workbench.model.templates import from_template

    model = from_template("blank", title="Nothing yet")
    pdf = render_pdf(gather(model), audience, "fr")
    text = text_of(pdf)
    assert "Nothing yet" in text
    # words, not "modelled as 0 elements … found 0 threats" or an empty frame
    assert "aucun élément" in text
    assert "0 éléments" not in text


def test_model_text_is_never_markup():
    model = report_model()
    model.metadata.title = "R&D <b>pilot</b> & <unclosed"
    model.components[0].name = "Pump <i>A</i> & " + "very-long-name-" * 12
    pdf = render_pdf(gather(model, use_engines=False), "technical", "en")
    text = text_of(pdf)
    assert "R&D <b>pilot</b> & <unclosed" in text
    assert "Pump <i>A</i> &" in text


def test_every_page_is_numbered_with_the_total(data):
    reader = PdfReader(io.BytesIO(render_pdf(data, "technical", "en")))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} / {total}" in re.sub(r"\s+", " ", page.extract_text())


def test_board_report_carries_the_vendor_review_and_its_blocking_gaps():
    """A buying or renewal decision hangs on the blocking gaps: the board sees them."""
    from workbench.model.review import ReviewAnswer, ReviewRecord

    model = report_model()
    model.review = ReviewRecord(vendor="Acme Médical", reviewer="CISO", answers=[
        ReviewAnswer(item="signed-firmware", answer="no", note="Unsigned images in the field"),
        ReviewAnswer(item="sbom", answer="yes")])
    text = text_of(render_pdf(gather(model, use_engines=False), "board", "en"))
    # Words, not nested brackets or "gap(s)" (session 5 read-through).
    assert "Review of Acme Médical by CISO" in text
    assert re.search(r"\b\d+ blocking gaps? to close", text) and "gap(s)" not in text
    assert "Unsigned images in the field" in text
    plain = text_of(render_pdf(gather(report_model(), use_engines=False), "board", "en"))
    assert "Review of" not in plain


def test_footer_title_is_cut_by_width_and_never_reaches_the_page_number():
    """The footer title was cut at 120 characters, so a long title ran over "Page N / M";
    the rule above the footer was missing. Now: cut by its printed width, with "…"."""
    model = report_model()
    model.metadata.title = "Remote monitoring " * 12 + "END"
    reader = PdfReader(io.BytesIO(render_pdf(gather(model, use_engines=False), "board", "en")))
    page = reader.pages[1]
    pieces: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and tm[5] < 60:  # the footer line, near the bottom edge
            pieces.append((tm[4], text))

    page.extract_text(visitor_text=visit)
    footer = "".join(t for _, t in sorted(pieces))
    assert "…" in footer and "END" not in footer
    title_x = min(x for x, t in pieces if "Remote" in t)
    number_x = min(x for x, t in pieces if t.strip().startswith("Page"))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from workbench.report.fonts import REGULAR

    title = next(t for _, t in pieces if "Remote" in t)
    assert title_x + stringWidth(title, REGULAR, 7.5) < number_x
    # the rule: a stroked line across the page above the footer
    content = page.get_contents().get_data().decode("latin-1")
    assert re.search(r"\d+(\.\d+)? \d+(\.\d+)? m \d+(\.\d+)? \d+(\.\d+)? l S", content)
