"""Every sample model gives a board and a technical report in both languages."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.i18n import tr
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.twm.json"))


def squash(text: str) -> str:
    """Spaces out, and the typographic apostrophe of French reports read as "'"."""
    return re.sub(r"\s+", "", text).replace("’", "'")


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def sample(request):
    path = request.param
    # recommend=False: the attack engine's budgeted "fund first" search is covered elsewhere.
    return gather(load_model(path), path.read_bytes(), recommend=False)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sample_reports(sample, lang):
    board = render_pdf(sample, "board", lang)
    reader = PdfReader(io.BytesIO(board))
    assert len(reader.pages) <= 6
    board_text = squash(" ".join(p.extract_text() or "" for p in reader.pages))
    technical = PdfReader(io.BytesIO(render_pdf(sample, "technical", lang)))
    # Only the per-layer section, found through the PDF bookmarks (extracting all 50+
    # register pages would triple the test's time).
    marks = {m.title: technical.get_destination_page_number(m)
             for m in technical.outline if not isinstance(m, list)}
    layers = marks[tr("sec_layers", lang)]
    after = marks[tr("sec_paths_all", lang)]
    tech_text = squash(" ".join(technical.pages[i].extract_text() or ""
                                for i in range(layers, after + 1)))
    top = sample.top_risks(3)
    for row in top:
        title = row.title_fr if lang == "fr" and row.title_fr else row.title
        assert squash(title) in board_text
        assert squash(row.element_name) in board_text
    for comp in sample.model.components:
        assert squash(comp.name) in tech_text, comp.name
