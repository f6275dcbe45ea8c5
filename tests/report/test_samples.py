"""Every sample model gives a board and a technical report in both languages."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.twm.json"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


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
    technical = render_pdf(sample, "technical", lang)
    tech_text = squash(" ".join(p.extract_text() or ""
                                for p in PdfReader(io.BytesIO(technical)).pages))
    top = sample.top_risks(3)
    for row in top:
        title = row.title_fr if lang == "fr" and row.title_fr else row.title
        assert squash(title) in board_text
        assert squash(row.element_name) in board_text
    for comp in sample.model.components:
        assert squash(comp.name) in tech_text, comp.name
