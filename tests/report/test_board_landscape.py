"""Diagram pages print in the orientation that gives the drawing its largest size: a wide
model gets landscape pages 3 and 4 (and the board stays within six pages), the tall
samples keep portrait because landscape would print them smaller."""

from __future__ import annotations

import io

from pypdf import PdfReader

from workbench.model.io import load_model
from workbench.report.board import diagram_reserve
from workbench.report.data import gather
from workbench.report.document import ReportDoc, language, make_styles
from workbench.report.pdf import render_pdf
from workbench.report.scene import build_scene
from workbench.report.sections import diagram_orientation

from ..conftest import SAMPLES
from .factories import report_model


def orientations(pdf: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return ["landscape" if float(p.mediabox.width) > float(p.mediabox.height) else "portrait"
            for p in pages]


def test_a_wide_model_gets_landscape_diagram_pages_within_six_pages():
    data = gather(report_model(), b"{}", use_engines=False)
    for lang in ("en", "fr"):
        pages = orientations(render_pdf(data, "board", lang))
        assert len(pages) <= 6
        assert pages[2] == "landscape"  # architecture
        assert pages[3] == "landscape"  # the same drawing with the attack paths
        assert pages[:2] == ["portrait", "portrait"]
        assert set(pages[4:]) == {"portrait"}


def scale(data, lang: str, orientation: str, reserve: float) -> float:
    width, height = ReportDoc.frame_size(orientation)
    page = (width, height - reserve)
    scene = build_scene(data.model, lang=lang, element_levels=data.element_levels(),
                        pages=[page])
    return min(page[0] / scene.width, page[1] / scene.height, 1.0)


def test_a_tall_sample_keeps_portrait_because_it_prints_larger():
    data = gather(load_model(SAMPLES / "home-telemonitoring.twm.json"), recommend=False)
    with language("en"):
        reserve = diagram_reserve(data, make_styles(cell_size=8.0), "en")
    chosen = diagram_orientation(data, "en", reserve=reserve)
    other = "landscape" if chosen == "portrait" else "portrait"
    assert chosen == "portrait"
    assert scale(data, "en", chosen, reserve) > scale(data, "en", other, reserve)
