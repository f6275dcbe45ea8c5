"""The board report: at most six pages, each section squeezed into its own page.

Every page's body sits in a ``KeepInFrame(mode="shrink")``, so a model with many risks or
controls makes a page denser but never adds one: the six-page promise holds by construction.
Headings stay outside the frames so the table of contents and PDF bookmarks see them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Spacer

from workbench.report import brief, changes, sections
from workbench.report.data import ReportData
from workbench.report.document import Heading, ReportDoc, Styles, make_styles, p, toc
from workbench.report.i18n import tr

TOP_PATHS = 3
HEADING_ROOM = 34.0
CONTENTS_ROOM = 44 * mm


def _page(content: list, orientation: str, reserve: float = HEADING_ROOM) -> KeepInFrame:
    width, height = ReportDoc.frame_size(orientation)
    return KeepInFrame(width, height - reserve, content, mode="shrink")


def diagram_reserve(data: ReportData, styles: Styles, lang: str) -> float:
    """Height the diagram pages keep below the heading room for the path lines (page 4) or
    the caption (page 3): measured, so the page frame never has to shrink the drawing (and
    its 7 pt text) to make them fit. Both pages use it: one layout, one size."""
    width = min(ReportDoc.frame_size(o)[0] for o in ("portrait", "landscape"))
    below = [p(tr("diagram_caption", lang), styles.caption)]
    below = sections.path_lines(data, styles, lang, TOP_PATHS) if data.paths else below
    height = sum(f.wrap(width, 1000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                 for f in below)
    return HEADING_ROOM + max(height, 24.0) + 8.0


def story(data: ReportData, lang: str) -> tuple[list, Styles]:
    styles = make_styles(cell_size=8.0)
    pw, _ = ReportDoc.frame_size("portrait")
    h1 = styles.h1
    # 1. The message: what is at risk, how likely, the decision, its cost, risk after it.
    first = brief.first_page(data, styles, lang, pw)
    out: list = [_page(first, "portrait", reserve=CONTENTS_ROOM),
                 p(tr("contents", lang), styles.h2), toc(styles), PageBreak()]
    # 2. Executive summary.
    body = sections.summary(data, styles, lang, width=pw)
    body += changes.board_block(data.changes, data.changes_label, styles, lang)
    out += [body[0], _page(body[1:], "portrait")]
    # 3. Architecture diagram, on the page orientation that prints it largest; 4. the same
    # drawing (same layout, same size) with the top attack paths and their context dimmed.
    reserve = diagram_reserve(data, styles, lang)
    orientation = sections.diagram_orientation(data, lang, reserve=reserve)
    dw, dh = ReportDoc.frame_size(orientation)
    out += [NextPageTemplate(orientation), PageBreak(), Heading(tr("sec_diagram", lang), h1, 0),
            _page([sections.diagram(data, lang, dw, dh - reserve),
                   *([p(tr("diagram_caption", lang), styles.caption)]
                     if data.model.components else [])], orientation)]
    paths: list = []
    if data.paths:
        paths.append(sections.diagram(data, lang, dw, dh - reserve, with_paths=TOP_PATHS))
    paths += sections.path_lines(data, styles, lang, TOP_PATHS)
    out += [PageBreak(), Heading(tr("sec_paths", lang), h1, 0), _page(paths, orientation)]
    # 5. Risk matrices and control plan (the plan heading lives inside the frame).
    out += [NextPageTemplate("portrait"), PageBreak(), Heading(tr("sec_matrix", lang), h1, 0),
            _page([*sections.matrices(data, lang, pw),
                   p(sections.matrix_caption(data, lang), styles.caption), Spacer(1, 4 * mm),
                   Heading(tr("sec_plan", lang), h1, 0),
                   *sections.board_plan(data, styles, lang, pw, limit=10),
                   *sections.engine_plan_table(data, styles, lang, pw)], "portrait")]
    # 6. Regulatory readiness.
    out += [PageBreak(), Heading(tr("sec_regulatory", lang), h1, 0),
            _page([*sections.regulatory(data, styles, lang, pw),
                   *sections.board_review(data, styles, lang)], "portrait")]
    return out, styles
