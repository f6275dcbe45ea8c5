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
