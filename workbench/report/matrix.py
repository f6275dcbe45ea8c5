"""The likelihood x severity matrix drawn natively as reportlab vectors.

Native rather than an embedded matplotlib figure: text stays selectable, fonts match the
report, and it costs nothing at build time. Each cell shows the threat count and the level
word's initial so the matrix still reads in grayscale.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import HexColor

from workbench.model.threat_model import ThreatModel
from workbench.report.fonts import BOLD, REGULAR, register_fonts, wrap_text
from workbench.report.i18n import SCALE_NAMES, tr, vocab
from workbench.report.riskcalc import Risk, scale_max


def counts(risks: list[Risk]) -> Counter:
    return Counter((r.likelihood, r.severity) for r in risks)


def matrix_drawing(model: ThreatModel, risks: list[Risk], title: str, lang: str,
                   cell: float = 42.0) -> Drawing:
    """One matrix: likelihood rows (high at the top), severity columns."""
    register_fonts()
    l_max, s_max = scale_max(model)
    lik_names = {s.value: vocab(SCALE_NAMES, s.name, lang) if s.name in SCALE_NAMES else s.name
                 for s in model.risk.likelihood_levels}
    sev_names = {s.value: vocab(SCALE_NAMES, s.name, lang) if s.name in SCALE_NAMES else s.name
                 for s in model.risk.severity_levels}
    axis_w, axis_h, title_h = 76.0, 30.0, 18.0
    width = axis_w + s_max * cell + 4
    height = title_h + l_max * cell + axis_h + 12
    drawing = Drawing(width, height)
    group = Group()
    drawing.add(group)
    group.add(String(axis_w + s_max * cell / 2, height - 12, title, fontName=BOLD,
                     fontSize=9.5, textAnchor="middle"))
    tally = counts(risks)
    bottom = axis_h + 12
    for lik in range(1, l_max + 1):
        y = bottom + (lik - 1) * cell
        name = lik_names.get(lik, str(lik))
        lines = wrap_text(name, axis_w - 20, 6.5, max_lines=2)
        for index, line in enumerate(lines):
            group.add(String(axis_w - 4, y + cell / 2 + 2 - index * 8 + (len(lines) - 1) * 4,
                             line, fontName=REGULAR, fontSize=6.5, textAnchor="end"))
        for sev in range(1, s_max + 1):
            x = axis_w + (sev - 1) * cell
            risk = Risk(lik, sev, l_max, s_max)
            group.add(Rect(x, y, cell, cell, fillColor=HexColor(risk.colour),
                           strokeColor=HexColor("#ffffff"), strokeWidth=1.2))
            count = tally.get((lik, sev), 0)
            colour = HexColor("#ffffff") if risk.level == "critical" else HexColor("#1a1a1a")
            if count:
                group.add(String(x + cell / 2, y + cell / 2 - 1, str(count), fontName=BOLD,
                                 fontSize=11, textAnchor="middle", fillColor=colour))
            initial = tr(f"level_{risk.level}", lang)[:1]
            group.add(String(x + cell - 3, y + 3, initial, fontName=REGULAR, fontSize=5.5,
                             textAnchor="end", fillColor=colour))
    for sev in range(1, s_max + 1):
        x = axis_w + (sev - 1) * cell + cell / 2
        name = sev_names.get(sev, str(sev))
        for index, line in enumerate(wrap_text(name, cell - 2, 6.5, max_lines=2)):
            group.add(String(x, bottom - 9 - index * 8, line, fontName=REGULAR, fontSize=6.5,
                             textAnchor="middle"))
    group.add(String(axis_w + s_max * cell / 2, 2, tr("severity", lang) + " →",
                     fontName=BOLD, fontSize=7.5, textAnchor="middle"))
    label = String(0, 0, tr("likelihood", lang) + " →", fontName=BOLD, fontSize=7.5,
                   textAnchor="middle")
    side = Group(label)
    side.transform = (0, 1, -1, 0, 8, bottom + l_max * cell / 2)
    group.add(side)
    return drawing


def side_by_side(model: ThreatModel, left: list[Risk], right: list[Risk], lang: str,
                 max_width: float, right_title: str | None = None) -> Drawing:
    """Inherent next to residual, scaled to the available width."""
    first = matrix_drawing(model, left, tr("inherent", lang), lang)
    second = matrix_drawing(model, right, right_title or tr("residual", lang), lang)
    gap = 30.0
    width = first.width + gap + second.width
    height = max(first.height, second.height)
    scale = min(1.6, max_width / width)
    drawing = Drawing(width * scale, height * scale)
    for index, part in enumerate((first, second)):
        group = Group(*part.contents)
        group.transform = (scale, 0, 0, scale, (first.width + gap) * scale * index, 0)
        drawing.add(group)
    return drawing
