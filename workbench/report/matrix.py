"""The likelihood x severity matrix drawn natively as reportlab vectors.

Native rather than an embedded matplotlib figure: text stays selectable, fonts match the
report, and it costs nothing at build time. Each cell shows the threat count and its level
in words, so the matrix still reads in grayscale; axes, colours and level names are those of
the window's heatmap and `workbench heatmap` (``workbench.analysis.riskmatrix``).
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import HexColor

from workbench.analysis.risk import Scales
from workbench.analysis.riskmatrix import AXES, TITLES, cells, ink, scale_names
from workbench.model.threat_model import ThreatModel
from workbench.report.fonts import BOLD, REGULAR, register_fonts, wrap_text
from workbench.report.riskcalc import Risk

MIN_PT = 7.0  # smallest text on the printed matrix


def counts(risks: list[Risk]) -> Counter:
    return Counter((r.likelihood, r.severity) for r in risks)


def matrix_drawing(model: ThreatModel, risks: list[Risk], title: str, lang: str,
                   cell: float = 42.0) -> Drawing:
    """One matrix in the shared convention (``workbench.analysis.riskmatrix``): likelihood
    across, severity up; each cell its level's colour and name and the threat count."""
    register_fonts()
    scales = Scales.of(model)
    lik_names, sev_names = scale_names(model, lang)
    n_lik, n_sev = len(scales.likelihood), len(scales.severity)
    axis_w, axis_h, title_h = 64.0, 34.0, 18.0
    width = axis_w + n_lik * cell + 4
    height = title_h + n_sev * cell + axis_h + 12
    drawing = Drawing(width, height)
    group = Group()
    drawing.add(group)
    group.add(String(axis_w + n_lik * cell / 2, height - 12, title, fontName=BOLD,
                     fontSize=9.5, textAnchor="middle"))
    tally = counts(risks)
    bottom = axis_h + 12
    for item in cells(scales, lang):
        x = axis_w + item.column * cell
        y = bottom + item.row * cell
        group.add(Rect(x, y, cell, cell, fillColor=HexColor(item.colour),
                       strokeColor=HexColor("#ffffff"), strokeWidth=1.2))
        colour = HexColor(ink(item.colour))
        count = tally.get((item.likelihood, item.severity), 0)
        if count:
            group.add(String(x + cell / 2, y + cell / 2 + 1, str(count), fontName=BOLD,
                             fontSize=11, textAnchor="middle", fillColor=colour))
        group.add(String(x + cell / 2, y + 4, item.name, fontName=REGULAR, fontSize=MIN_PT,
                         textAnchor="middle", fillColor=colour))
    for row, sev in enumerate(scales.severity):
        y = bottom + row * cell
        lines = wrap_text(sev_names.get(sev, str(sev)), axis_w - 18, MIN_PT, max_lines=2,
                          lang=lang)
        for index, line in enumerate(lines):
            group.add(String(axis_w - 4, y + cell / 2 + 2 - index * 8.5 + (len(lines) - 1) * 4,
                             line, fontName=REGULAR, fontSize=MIN_PT, textAnchor="end"))
    for column, lik in enumerate(scales.likelihood):
        x = axis_w + column * cell + cell / 2
        name = lik_names.get(lik, str(lik))
        for index, line in enumerate(wrap_text(name, cell - 2, MIN_PT, max_lines=3,
                                               lang=lang)):
            group.add(String(x, bottom - 9 - index * 8.5, line, fontName=REGULAR,
                             fontSize=MIN_PT, textAnchor="middle"))
    x_title, y_title = AXES.get(lang, AXES["en"])
    group.add(String(axis_w + n_lik * cell / 2, 2, x_title + " →", fontName=BOLD,
                     fontSize=7.5, textAnchor="middle"))
    label = String(0, 0, y_title + " →", fontName=BOLD, fontSize=7.5, textAnchor="middle")
    side = Group(label)
    side.transform = (0, 1, -1, 0, 8, bottom + n_sev * cell / 2)
    group.add(side)
    return drawing


def side_by_side(model: ThreatModel, left: list[Risk], right: list[Risk], lang: str,
                 max_width: float, right_title: str | None = None) -> Drawing:
    """Inherent next to residual, scaled to the available width, under the titles of
    `workbench heatmap` and the window (``riskmatrix.TITLES``: "Before controls", "With the
    controls in place"; the PDF said "Inherent (no controls)", jargon to a board)."""
    before, after, _ = TITLES.get(lang, TITLES["en"])
    first = matrix_drawing(model, left, before, lang)
    second = matrix_drawing(model, right, right_title or after, lang)
    gap = 30.0
    width = first.width + gap + second.width
    height = max(first.height, second.height)
    if width > max_width:  # large scales: one above the other rather than shrunk below 7 pt
        drawing = Drawing(max(first.width, second.width), first.height + gap + second.height)
        for index, part in enumerate((second, first)):
            group = Group(*part.contents)
            group.transform = (1, 0, 0, 1, 0, (second.height + gap) * index)
            drawing.add(group)
        return drawing
    # Never below 1: the smallest text (7 pt) must print at 7 pt at least.
    scale = min(1.6, max_width / width)
    drawing = Drawing(width * scale, height * scale)
    for index, part in enumerate((first, second)):
        group = Group(*part.contents)
        group.transform = (scale, 0, 0, scale, (first.width + gap) * scale * index, 0)
        drawing.add(group)
    return drawing
