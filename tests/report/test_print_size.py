"""No text under 7 pt on A4 at 100 %: a board page whose body overflows its frame is shrunk
as a whole (reportlab's KeepInFrame), which printed the ward's risk matrix at 5 pt. The
matrices, the plan and readiness are now arranged over pages 5 and 6 so that the plan page
never shrinks (docs/reports.md, "One print size rule")."""

from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES


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


@pytest.mark.parametrize("name,lang", [("hospital-ward-iomt", "fr"),
                                       ("insulin-closed-loop", "en")])
def test_board_pages_two_to_five_print_at_7_pt_or_more(name, lang):
    path = SAMPLES / f"{name}.twm.json"
    data = gather(load_model(path), path.read_bytes())  # with the engine's plan, as the CLI
    sizes = smallest_sizes(render_pdf(data, "board", lang))
    assert len(sizes) == 6
    assert [round(s, 2) for s in sizes[1:5] if s < 7.0 - 0.05] == []
