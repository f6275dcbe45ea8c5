"""The board report: at most six pages, each section squeezed into its own page.

Every page's body sits in a ``KeepInFrame(mode="shrink")``, so a model with many risks or
controls makes a page denser but never adds one: the six-page promise holds by construction.
Headings stay outside the frames so the table of contents and PDF bookmarks see them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Spacer

from workbench.report import brief, changes, plan_page, sections
from workbench.report.data import ReportData
from workbench.report.document import Heading, ReportDoc, Styles, make_styles, p, toc
from workbench.report.i18n import tr

TOP_PATHS = 3
#: The control plan's page: 5 in both arrangements of pages 5 and 6 (see ``story``).
PLAN_PAGE = 5
HEADING_ROOM = 34.0
CONTENTS_ROOM = 44 * mm


def _page(content: list, orientation: str, reserve: float = HEADING_ROOM) -> KeepInFrame:
    width, height = ReportDoc.frame_size(orientation)
    return KeepInFrame(width, height - reserve, content, mode="shrink")


def _fill(pages: list, width: float) -> float:
    """How full the fuller page of ``pages`` ([heading], body, [heading], body) is: above
    1, its frame shrinks every text on it."""
    _, height = ReportDoc.frame_size("portrait")
    fullest = 0.0
    for heading, body in zip(pages[::2], pages[1::2], strict=True):
        room = height - (HEADING_ROOM if heading else 0.0)
        used = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in body)
        fullest = max(fullest, used / room)
    return fullest


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
    body = sections.summary(data, styles, lang, width=pw, plan_page=PLAN_PAGE)
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
    # 5. Risk matrices and control plan; 6. regulatory readiness (headings inside the
    # frames are in the contents too). Of two arrangements, the one whose fuller page is
    # least full: a page that overflows shrinks every text on it under 7 pt (the matrix's
    # labels printed at 5 pt on the ward's plan page).
    matrix = [*sections.matrices(data, lang, pw),
              p(sections.matrix_caption(data, lang), styles.caption), Spacer(1, 4 * mm)]
    plan = plan_page.plan_section(data, styles, lang, pw, limit=10)
    readiness = [*sections.regulatory(data, styles, lang, pw),
                 *sections.board_review(data, styles, lang)]
    head = {key: Heading(tr(key, lang), h1, 0)
            for key in ("sec_matrix", "sec_plan", "sec_regulatory")}
    arrangements = [
        # matrices above the plan, readiness alone (the usual order)
        [[head["sec_matrix"]], [*matrix, head["sec_plan"], *plan],
         [head["sec_regulatory"]], readiness],
        # the plan alone, the matrices above readiness
        [[head["sec_plan"]], plan,
         [head["sec_matrix"]], [*matrix, head["sec_regulatory"], *readiness]],
    ]
    fills = [_fill(pages, pw) for pages in arrangements]
    pages = arrangements[0] if fills[0] <= 1.0 else arrangements[fills.index(min(fills))]
    out += [NextPageTemplate("portrait"), PageBreak(), *pages[0],
            _page(pages[1], "portrait", HEADING_ROOM if pages[0] else 0.0),
            PageBreak(), *pages[2], _page(pages[3], "portrait",
                                          HEADING_ROOM if pages[2] else 0.0)]
    return out, styles
