"""No text under 7 pt on A4 at 100 %, on every page of every sample's board report in both
languages. A board page whose body overflows its frame is shrunk as a whole (reportlab's
KeepInFrame): that printed the ward's risk matrix at 5 pt, page 1 of the French boards at
6.0 pt and page 6 of the French home board at 6.2 pt (docs/reports.md, "One print size
rule")."""

from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader

from .conftest import SAMPLE_NAMES


def smallest_sizes(pdf: bytes) -> list[float]:
    """The smallest printed text size (points) on each page: font size x text matrix x
    current transformation (a shrunk frame scales the CTM)."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        sizes = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                sizes.append(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]))

        page.extract_text(visitor_text=visit)
        out.append(min(sizes, default=99.0))
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_board_page_prints_at_7_pt_or_more(name, lang, board_pdf):
    sizes = smallest_sizes(board_pdf(name, lang))  # with the engine's plan, as the CLI
    assert len(sizes) == 6
    small = {page: round(size, 2) for page, size in enumerate(sizes, start=1)
             if size < 7.0 - 0.005}
    assert small == {}, f"pages printing under 7 pt (page: smallest size): {small}"


def test_page_one_of_a_model_with_long_names_still_prints_at_7_pt():
    """Long element names lengthen every line of page 1's decision box: with names 50
    characters longer the French insulin board printed page 1 at 6.93 pt until the box
    learnt to count the risks each step lowers rather than name one."""
    from workbench.model import load_model
    from workbench.report.data import gather
    from workbench.report.pdf import render_pdf

    from ..conftest import SAMPLES

    model = load_model(SAMPLES / "insulin-closed-loop.twm.json")
    for component in model.components:
        component.name += " (main hospital site, building B, level 3, room 12)"
    sizes = smallest_sizes(render_pdf(gather(model, None), "board", "fr"))
    assert len(sizes) == 6
    assert round(sizes[0], 2) >= 7.0, sizes
