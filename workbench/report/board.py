"""The board report: at most six pages, each section squeezed into its own page.

Every page's body sits in a ``KeepInFrame(mode="shrink")``, so a model with many risks or
controls makes a page denser but never adds one: the six-page promise holds by construction.
Headings stay outside the frames so the table of contents and PDF bookmarks see them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.flowables import _listWrapOn  # what KeepInFrame measures with

from workbench.report import brief, changes, plan_page, sections
from workbench.report.data import ReportData
from workbench.report.document import (
    Heading,
    ReportDoc,
    Styles,
    make_styles,
    p,
    planned_headings,
    toc,
    toc_height,
)
from workbench.report.i18n import tr

TOP_PATHS = 3
#: The control plan's page: 5 in both arrangements of pages 5 and 6 (see ``story``).
PLAN_PAGE = 5
HEADING_ROOM = 34.0
CONTENTS_COLUMNS = 2
#: How much page 1's frame may shrink it: its smallest text (8 pt notes and cells) stays
#: at 7 pt or more, with 2 % for the frame re-wrapping lines at the smaller size.
FIRST_PAGE_SHRINK = 8.0 / 7.0 / 1.02


def _page(content: list, orientation: str, reserve: float = HEADING_ROOM) -> KeepInFrame:
    width, height = ReportDoc.frame_size(orientation)
    return KeepInFrame(width, height - reserve, content, mode="shrink")


def _fill(pages: list, width: float) -> float:
    """How full the fuller page of ``pages`` ([heading], body, [heading], body) is: above
    1, its frame shrinks every text on it. Measured as the frame measures (spaces between
    flowables merged): summing every space over-stated it (1.19 for a page the frame
    shrank by 1.14), which could pick the worse arrangement."""
    _, height = ReportDoc.frame_size("portrait")
    fullest = 0.0
    for heading, body in zip(pages[::2], pages[1::2], strict=True):
        room = height - (HEADING_ROOM if heading else 0.0)
        fullest = max(fullest, _height(body, width) / room)
    return fullest


def _height(flowables: list, width: float) -> float:
    """Height of flowables stacked, as ``KeepInFrame`` measures it before shrinking."""
    return _listWrapOn(flowables, width, None)[1]


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
    # 2. Executive summary.
    body = sections.summary(data, styles, lang, width=pw, plan_page=PLAN_PAGE)
    body += changes.board_block(data.changes, data.changes_label, styles, lang)
    out: list = [body[0], _page(body[1:], "portrait")]
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
    pages = _last_pages(data, styles, lang, matrix, plan)
    out += [NextPageTemplate("portrait"), PageBreak(), *pages[0],
            _page(pages[1], "portrait", HEADING_ROOM if pages[0] else 0.0),
            PageBreak(), *pages[2], _page(pages[3], "portrait",
                                          HEADING_ROOM if pages[2] else 0.0)]
    # 1. The message: what is at risk, how likely, the decision, its cost, risk after it;
    # then the contents, every heading in two columns (built last: it counts them).
    return first_page(data, styles, lang, len(planned_headings(out))) + out, styles


def _last_pages(data: ReportData, styles: Styles, lang: str, matrix: list,
                plan: list) -> list:
    """Pages 5 and 6 as [heading], body, [heading], body: the first arrangement that fits
    (the usual one first), else the one whose fuller page is least full; when none fits,
    the same with the readiness evidence in its board form (gaps and planned items named,
    what is in place counted: ``sections.regulatory(compact=True)``), so no page shrinks
    its text under 7 pt (home and insulin in French printed page 6 at 6.2 and 6.5 pt)."""
    pw, _ = ReportDoc.frame_size("portrait")
    head = {key: Heading(tr(key, lang), styles.h1, 0)
            for key in ("sec_matrix", "sec_plan", "sec_regulatory")}
    best: tuple[float, list] | None = None
    review = sections.board_review(data, styles, lang)
    for compact in (False, True):
        readiness = sections.regulatory(data, styles, lang, pw, compact=compact)
        arrangements = [
            # matrices above the plan, readiness alone (the usual order)
            [[head["sec_matrix"]], [*matrix, head["sec_plan"], *plan],
             [head["sec_regulatory"]], [*readiness, *review]],
            # the plan alone, the matrices above readiness
            [[head["sec_plan"]], plan,
             [head["sec_matrix"]], [*matrix, head["sec_regulatory"], *readiness, *review]],
            # the vendor review (a buying decision) under the plan
            [[head["sec_plan"]], [*plan, *review],
             [head["sec_matrix"]], [*matrix, head["sec_regulatory"], *readiness]],
        ][: 3 if review else 2]
        for pages in arrangements:
            fill = _fill(pages, pw)
            if fill <= 1.0:
                return pages
            if best is None or fill < best[0]:
                best = (fill, pages)
    assert best is not None
    return best[1]


def first_page(data: ReportData, styles: Styles, lang: str, headings: int) -> list:
    """Page 1 and its contents. The contents' room is measured for ``headings`` entries
    (a fixed 44 mm dropped "Risks that matter" from some boards' contents); the decision
    box takes a shorter form when the full one would make the frame shrink the page's
    smallest text (8 pt) under 7 pt."""
    pw, ph = ReportDoc.frame_size("portrait")
    first_styles = brief.page_styles(styles)
    title = p(tr("contents", lang), first_styles.h2)
    contents = toc(first_styles, columns=CONTENTS_COLUMNS)
    reserve = (title.wrap(pw, ph)[1] + title.getSpaceBefore() + title.getSpaceAfter()
               + toc_height(headings, first_styles.toc1.leading, CONTENTS_COLUMNS) + 4)
    for compact in range(3):  # the full decision box, then its two shorter forms
        page = brief.first_page(data, first_styles, lang, pw, compact=compact)
        if _height(page, pw) <= (ph - reserve) * FIRST_PAGE_SHRINK:
            break
    return [_page(page, "portrait", reserve=reserve), title, contents, PageBreak()]

