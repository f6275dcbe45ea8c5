"""Document machinery shared by both reports: styles, page templates, TOC, tables, metadata.

Portrait A4 for text, a landscape template for the diagram and the wide risk register;
headings feed the table of contents; every page carries a footer with the page number.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from workbench import __version__
from workbench.report.fonts import BOLD, ITALIC, REGULAR, register_fonts
from workbench.report.i18n import fr_typography, tr

MARGIN = 16 * mm
PORTRAIT = A4
LANDSCAPE = landscape(A4)
HEADER_FILL = colors.HexColor("#2b3a55")
ZEBRA = colors.HexColor("#f3f5f9")
GRID = colors.HexColor("#c8ccd4")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    caption: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle


HYPHENATION = {"en": "en_GB", "fr": "fr_FR"}


def make_styles(cell_size: float = 8.0) -> Styles:
    """Styles; ``embeddedHyphenation`` lets a line break at the soft hyphens that
    :func:`soft_hyphens` puts in words too wide for their column (nothing else is
    hyphenated: names and ids stay whole and searchable)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, spaceAfter=5,
                          embeddedHyphenation=1)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=3),
        tiny=ParagraphStyle("tiny", parent=body, fontSize=6.5, leading=8, spaceAfter=0),
        cell=ParagraphStyle("cell", parent=body, fontSize=cell_size, leading=cell_size + 2,
                            spaceAfter=0),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=BOLD, fontSize=cell_size,
                                 leading=cell_size + 2, spaceAfter=0),
        head=ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=cell_size,
                            leading=cell_size + 2, textColor=colors.white, spaceAfter=0),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=19,
                          spaceBefore=4, spaceAfter=8, textColor=HEADER_FILL),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
                          spaceBefore=8, spaceAfter=4, textColor=HEADER_FILL),
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=24, leading=30,
                             spaceAfter=10, textColor=HEADER_FILL),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=14, leading=18,
                                spaceAfter=18, textColor=colors.HexColor("#444444")),
        caption=ParagraphStyle("caption", parent=body, fontName=ITALIC, fontSize=8,
                               leading=10, alignment=TA_CENTER,
                               textColor=colors.HexColor("#555555")),
        toc1=ParagraphStyle("toc1", parent=body, fontSize=10, leading=14, leftIndent=10),
        toc2=ParagraphStyle("toc2", parent=body, fontSize=9, leading=12, leftIndent=24),
    )


_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("report_lang", default="en")


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """While a story is built, every paragraph and cell follows ``lang``'s typography."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


@lru_cache(maxsize=4)
def _dictionary(lang: str):
    try:
        import pyphen
    except ImportError:
        return None
    return pyphen.Pyphen(lang=HYPHENATION.get(lang, "en_GB"))


def soft_hyphens(text: str, room: float, size: float, font: str = "") -> str:
    """Soft hyphens (U+00AD) at the dictionary's break points of each word wider than
    ``room``: such a word breaks as "approvision-/nement", never "approvisio/nnement"."""
    font = font or REGULAR
    dictionary = _dictionary(_LANG.get())
    if dictionary is None or stringWidth(text, font, size) <= room:
        return text
    words = text.split(" ")
    for index, word in enumerate(words):
        # Identifiers and references ("flow.cleartext-across-boundary", "CWE-319") are
        # never hyphenated: an engineer searches for them whole.
        if len(word) > 5 and not any(c in word for c in ".@:_/0123456789") \
                and stringWidth(word, font, size) > room:
            words[index] = dictionary.inserted(word, hyphen="\u00ad").replace("-\u00ad", "-")
    return " ".join(words)


def typeset(text: str) -> str:
    """Text as the report's language writes it (French: spaces before : ; ! ? %, quotes).

    reportlab's Paragraph breaks lines at a narrow no-break space (U+202F is in its list of
    whitespace) and draws it as a plain space: "99 / % tous chemins" could split over two
    lines. U+00A0, which it does not break, takes its place in paragraphs.
    """
    return unbreakable(fr_typography(text)) if _LANG.get() == "fr" else text


def unbreakable(text: str) -> str:
    """Narrow no-break spaces as no-break spaces, the one kind reportlab never breaks."""
    return text.replace("\u202f", "\u00a0")


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from plain text (escaped: model text never becomes markup)."""
    return Paragraph(escape(typeset(text)), style)


def rich(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from markup the report itself wrote (bold, links); callers escape any
    model text they put in it. Typography touches the text between tags only."""
    parts = re.split(r"(<[^>]*>)", markup)
    return Paragraph("".join(part if part.startswith("<") else typeset(part)
                             for part in parts), style)


class Heading(Paragraph):
    """A heading that registers itself in the table of contents and as a PDF bookmark."""

    def __init__(self, text: str, style: ParagraphStyle, level: int):
        text = typeset(text)
        super().__init__(escape(text), style)
        self.toc_level = level
        self.toc_text = text

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if isinstance(doc, ReportDoc):
            doc.register_heading(self, self.canv)
        super().draw()


class ReportDoc(BaseDocTemplate):
    """A4 document with portrait and landscape templates and a numbered footer."""

    def __init__(self, target, *, title: str, author: str, subject: str, footer: str,
                 lang: str, keywords: Sequence[str] = ()):
        super().__init__(target, pagesize=PORTRAIT, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title,
                         author=author, subject=subject, creator=f"Threat Workbench "
                         f"{__version__}", producer="Threat Workbench (reportlab)",
                         keywords=list(keywords), lang="fr-FR" if lang == "fr" else "en-GB")
        self.footer = footer
        self.lang = lang
        self._heading_seq = 0
        self.toc_entries: list[tuple[int, str, int]] = []
        self.toc_placeholder: TocPlaceholder | None = None
        self.toc_origin = (0.0, 0.0)
        self.last_page = 0
        portrait_frame = Frame(MARGIN, MARGIN + 4 * mm, PORTRAIT[0] - 2 * MARGIN,
                               PORTRAIT[1] - 2 * MARGIN - 4 * mm, id="portrait",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        landscape_frame = Frame(MARGIN, MARGIN + 4 * mm, LANDSCAPE[0] - 2 * MARGIN,
                                LANDSCAPE[1] - 2 * MARGIN - 4 * mm, id="landscape",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("portrait", [portrait_frame], onPage=self._decorate,
                         pagesize=PORTRAIT),
            PageTemplate("landscape", [landscape_frame], onPage=self._decorate,
                         pagesize=LANDSCAPE),
        ])

    @staticmethod
    def frame_size(orientation: str) -> tuple[float, float]:
        size = PORTRAIT if orientation == "portrait" else LANDSCAPE
        return size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - 4 * mm

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        width, _ = canvas._pagesize
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        page_room = stringWidth(tr("page_of", self.lang, page=doc.page) + " /", REGULAR, 7.5)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, fit_text(
            self.footer, width - 2 * MARGIN - TOTAL_ROOM - page_room - 12, REGULAR, 7.5))
        # "Page N / total": the total is a form filled in once the last page is known.
        canvas.drawRightString(width - MARGIN - TOTAL_ROOM, MARGIN - 2 * mm,
                               tr("page_of", self.lang, page=doc.page) + " /")
        # The rule first: drawn after the translation below it landed off the page.
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, MARGIN + 1 * mm, width - MARGIN, MARGIN + 1 * mm)
        canvas.translate(width - MARGIN - TOTAL_ROOM + 2, MARGIN - 2 * mm)
        canvas.doForm(TOTAL_FORM)
        self.last_page = doc.page
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, TocPlaceholder):
            self.toc_placeholder = flowable

    def register_heading(self, heading: Heading, canvas) -> None:
        """Contents entry and bookmark of a heading, called when it is drawn: headings
        nested in a shrink-to-fit page frame count too (afterFlowable never sees them)."""
        self.toc_entries.append((heading.toc_level, heading.toc_text, self.page))
        self._heading_seq += 1
        key = f"h{self._heading_seq}"
        canvas.bookmarkHorizontal(key, 0, heading.height + 4)
        canvas.addOutlineEntry(heading.toc_text, key, level=heading.toc_level, closed=False)

    def beforeDocument(self) -> None:
        self._heading_seq = 0
        self.toc_entries = []


TOC_FORM = "workbench-toc"
TOTAL_FORM = "workbench-total-pages"
TOTAL_ROOM = 14.0  # points left of the margin for the total page count


class TocPlaceholder(Flowable):
    """Where the table of contents goes, drawn in one layout pass.

    reportlab's TableOfContents needs the whole document laid out twice (multiBuild). Here the
    placeholder draws a PDF form that is only defined once the document is finished and every
    heading's page is known: one pass, half the time for a long register. The contents must fit
    in the space left on its page; second-level entries are dropped first when they do not.
    """

    def __init__(self, styles: Styles, columns: int = 1):
        super().__init__()
        self.styles = styles
        self.columns = columns
        self.box = (0.0, 0.0)

    def wrap(self, avail_width, avail_height):
        self.box = (avail_width, avail_height - 2)
        return self.box

    def draw(self) -> None:
        self.canv.doForm(TOC_FORM)
        # Each line is a link to its heading: headings are known (in order) before the
        # layout, only their pages are not, and links may name destinations set later.
        doc = getattr(self.canv, "_doctemplate", None)
        planned = getattr(doc, "planned_headings", [])
        width, height = self.box
        leading = self.styles.toc1.leading
        fitting = fit_entries(planned, height, leading, self.columns)
        for index, (seq, _level, _text) in enumerate(fitting):
            x, y, w = toc_slot(index, len(fitting), self.box, leading, self.columns)
            self.canv.linkRect("", f"h{seq}", (x, y - 3, x + w, y + leading - 3), relative=1,
                               thickness=0)


def fit_entries(entries: list, height: float, leading: float, columns: int = 1) -> list:
    """(sequence number, level, text) of the entries the contents page shows: second-level
    entries are dropped first when all do not fit."""
    numbered = [(seq, e[0], e[1]) for seq, e in enumerate(entries, start=1)]
    rows = max(int(height // leading), 0)
    if len(numbered) > rows * columns:
        numbered = [e for e in numbered if e[1] == 0]
    return numbered[: rows * columns]


TOC_GAP = 18.0  # points between contents columns


def toc_rows(count: int, columns: int) -> int:
    return -(-count // max(columns, 1))


def toc_height(count: int, leading: float, columns: int = 1) -> float:
    """Height the contents need for ``count`` entries in ``columns`` columns."""
    return toc_rows(count, columns) * leading + 2


def toc_slot(index: int, count: int, box: tuple[float, float], leading: float,
             columns: int) -> tuple[float, float, float]:
    """(x, baseline y, width) of the ``index``-th of ``count`` entries, relative to the
    box's lower left: columns filled top to bottom, left to right (reading order)."""
    width, height = box
    rows = toc_rows(count, columns)
    column, row = divmod(index, rows)
    w = (width - TOC_GAP * (columns - 1)) / columns
    return column * (w + TOC_GAP), height - leading - row * leading, w


def planned_headings(story: list) -> list[tuple[int, str]]:
    """Headings in document order, looking inside page frames (KeepInFrame)."""
    out: list[tuple[int, str]] = []
    for flowable in story:
        if isinstance(flowable, Heading):
            out.append((flowable.toc_level, flowable.toc_text))
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            out += planned_headings(inner)
    return out


def draw_toc_form(canvas, placeholder: TocPlaceholder | None,
                  entries: list[tuple[int, str, int]], origin: tuple[float, float]) -> None:
    """Define the TOC form: entries with dotted leaders and right-aligned page numbers."""
    canvas.beginForm(TOC_FORM)
    if placeholder is not None:
        width, height = placeholder.box
        x0, y0 = origin
        styles = placeholder.styles
        leading = styles.toc1.leading
        pages = {seq: entry[2] for seq, entry in enumerate(entries, start=1)}
        columns = placeholder.columns
        fitting = [(level, text, pages[seq])
                   for seq, level, text in fit_entries(entries, height, leading, columns)]
        for index, (level, text, page) in enumerate(fitting):
            dx, dy, width = toc_slot(index, len(fitting), placeholder.box, leading, columns)
            x0, y = origin[0] + dx, origin[1] + dy
            style = styles.toc1 if level == 0 else styles.toc2
            indent = style.leftIndent
            canvas.setFont(style.fontName, style.fontSize)
            number = str(page)
            number_w = stringWidth(number, style.fontName, style.fontSize)
            room = width - indent - number_w - 16
            label = text
            while label and stringWidth(label, style.fontName, style.fontSize) > room:
                label = label[:-2] + "…" if len(label) > 2 else ""
            canvas.drawString(x0 + indent, y, label)
            start = x0 + indent + stringWidth(label, style.fontName, style.fontSize) + 4
            end = x0 + width - number_w - 4
            dot_w = stringWidth(" .", style.fontName, style.fontSize)
            canvas.setFillColor(colors.HexColor("#888888"))
            canvas.drawRightString(end, y, " ." * max(int((end - start) / dot_w), 0))
            canvas.setFillColor(colors.black)
            canvas.drawRightString(x0 + width, y, number)
    canvas.endForm()


def toc(styles: Styles, columns: int = 1) -> TocPlaceholder:
    return TocPlaceholder(styles, columns)


class Badge(Flowable):
    """Short text on a coloured rounded band: a risk level or a readiness state in a cell.

    A flowable rather than a per-cell BACKGROUND command: reportlab copies every style
    command each time a long table splits across pages, which made a 4,000-row register
    quadratic; badges keep the command list constant.
    """

    def __init__(self, text: str, colour: str, size: float):
        super().__init__()
        self.text = text
        self.fill = colors.HexColor(colour)
        self.size = size
        luminance = 0.299 * self.fill.red + 0.587 * self.fill.green + 0.114 * self.fill.blue
        self.ink = colors.white if luminance < 0.55 else colors.black

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.size + 4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.fill)
        canvas.roundRect(0, 0, self.width, self.height, 2, stroke=0, fill=1)
        canvas.setFillColor(self.ink)
        canvas.setFont(REGULAR, self.size)
        canvas.drawString(2, 2.6, self.text)


def fit_text(text: str, width: float, font: str, size: float) -> str:
    """``text`` cut at a word (or character) boundary with "…" so it fits ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        cut = text.rfind(" ")
        text = text[:cut] if cut > len(text) // 2 else text[:-1]
    return text.rstrip(" ·,;:") + "…"


CELL_PADDING = 6.5  # a table cell's left and right padding, with a little air


def one_line_width(texts: Sequence[str], size: float, font: str = REGULAR) -> float:
    """Column width that prints each of ``texts`` on one line: a figure and its unit
    ("48 person-days", "€710k") never break."""
    return max((stringWidth(typeset(t), font, size) for t in texts), default=0.0) \
        + CELL_PADDING + 1


def figure_column_width(texts: Sequence[str], header: str, styles: Styles) -> float:
    """Width of a table column of figures: each figure, and the header, on one line."""
    return max(one_line_width(texts, styles.cell.fontSize),
               one_line_width([header], styles.head.fontSize, styles.head.fontName))


def fit_widths(shares: Sequence[float], fixed: dict[int, float], total: float) -> list[float]:
    """Column widths: ``fixed`` columns at their width, the others sharing what is left in
    proportion to ``shares``."""
    free = total - sum(fixed.values())
    rest = sum(s for i, s in enumerate(shares) if i not in fixed) or 1.0
    return [fixed[i] if i in fixed else free * s / rest for i, s in enumerate(shares)]


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
          styles: Styles, *, fills: dict[tuple[int, int], str] | None = None,
          wrap: Sequence[bool] | None = None, anchors: Sequence[str] | None = None,
          id_columns: Sequence[int] = (), links: dict[tuple[int, int], str] | None = None
          ) -> Table:
    """A zebra table whose header row repeats on every page it spans.

    Cells are wrapped in Paragraphs only when their text is wider than the column; short
    values stay plain strings, which keeps a 1,000-row register fast to lay out. ``fills``
    (column, row) -> colour turns a cell into a coloured :class:`Badge`. ``anchors`` names a
    PDF destination per row (on its first cell); ``id_columns`` hold identifiers, broken
    after ". @ -" and never cut; ``links`` (column, row) -> destination makes a cell a link.
    """
    from workbench.report.fasttable import wrap_id

    anchors = list(anchors or [])
    links = links or {}
    wrap = wrap or [True] * len(header)
    fills = fills or {}
    size = styles.cell.fontSize
    room = [w - CELL_PADDING for w in widths]  # minus left and right padding
    french = _LANG.get() == "fr"
    data: list[list[object]] = [[Paragraph(escape(soft_hyphens(typeset(h), room[i], size,
                                                               BOLD)), styles.head)
                                 for i, h in enumerate(header)]]
    for row_index, row in enumerate(rows):
        cells: list[object] = []
        for index, value in enumerate(row):
            if french and isinstance(value, str):
                value = unbreakable(fr_typography(value))
            colour = fills.get((index, row_index))
            anchor = (f'<a name="{anchors[row_index]}"/>'
                      if index == 0 and row_index < len(anchors) and anchors[row_index] else "")
            target = links.get((index, row_index))
            if index in id_columns or anchor or target:
                lines = (wrap_id(str(value), room[index], size) if index in id_columns
                         else [typeset(str(value))])
                body = "<br/>".join(escape(line) for line in lines)
                if target:
                    body = f'<a href="#{target}" color="#1f4e9c">{body}</a>'
                cells.append(Paragraph(anchor + body, styles.cell))
            elif colour is not None:
                cells.append(Badge(str(value), colour, size))
            # A Paragraph only when the text must wrap: plain strings lay out ten times faster.
            elif (isinstance(value, str) and wrap[index]
                    and ("\n" in value or stringWidth(value, REGULAR, size) > room[index])):
                cells.append(Paragraph(escape(soft_hyphens(value, room[index], size)),
                                       styles.cell))
            else:
                cells.append(value)
        data.append(cells)
    result = Table(data, colWidths=list(widths), repeatRows=1)
    result.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return result


def build(story: list, *, title: str, author: str, subject: str, footer: str, lang: str,
          keywords: Sequence[str] = (), with_toc: bool = True) -> bytes:
    """Lay the story out once into PDF bytes, then fill in the table of contents."""
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, title=title, author=author, subject=subject, footer=footer,
                    lang=lang, keywords=keywords)
    doc._doSave = 0  # save ourselves, after the TOC form is defined
    doc.planned_headings = planned_headings(story)
    doc.build(story)
    draw_toc_form(doc.canv, doc.toc_placeholder, doc.toc_entries, doc.toc_origin)
    doc.canv.beginForm(TOTAL_FORM)
    doc.canv.setFont(REGULAR, 7.5)
    doc.canv.setFillColor(colors.HexColor("#666666"))
    doc.canv.drawString(0, 0, str(doc.last_page))
    doc.canv.endForm()
    doc.canv.save()
    return buffer.getvalue()


__all__ = ["Heading", "LANDSCAPE", "NextPageTemplate", "PORTRAIT", "PageBreak", "ReportDoc",
           "Styles", "build", "fit_text", "language", "make_styles", "p", "rich", "table",
           "toc", "typeset"]
