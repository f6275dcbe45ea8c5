"""A lean table flowable for very long registers (thousands of rows).

reportlab's Table measures every cell as a Paragraph and copies its style on each page split;
a 3,700-row register took most of a 13 s report. Here each cell is plain text wrapped once
with the report font's metrics, rows are split by slicing a list, and drawing goes straight to
the canvas. It keeps what the register needs: a header repeated on every page, zebra rows,
wrapped text, and coloured risk badges.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from workbench.report.fonts import BOLD, REGULAR, text_width, wrap_text

PAD_X = 3.0
PAD_Y = 2.5
MAX_LINES = 12


class FastTable(Flowable):
    """Rows of text cells; ``fills[(col, row)]`` paints a cell's text on a coloured badge."""

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                 widths: Sequence[float], *, size: float = 7.0,
                 fills: dict[tuple[int, int], str] | None = None,
                 header_fill: str = "#2b3a55", zebra: str = "#f3f5f9", grid: str = "#c8ccd4",
                 anchors: Sequence[str] | None = None, id_columns: Sequence[int] = (),
                 _prepared: tuple | None = None):
        super().__init__()
        self.widths = list(widths)
        self.size = size
        self.leading = size + 2
        self.colours = (colors.HexColor(header_fill), colors.HexColor(zebra),
                        colors.HexColor(grid))
        if _prepared is not None:
            (self.head, self.lines, self.heights, self.fills, self.first,
             self.anchors) = _prepared
            return
        self.id_columns = set(id_columns)
        self.anchors = list(anchors or [])  # PDF destination per row, for cross-links
        self.head = self._wrap_row(header, bold=True)
        self.lines = [self._wrap_row(row) for row in rows]
        self.heights = [self._height(cells) for cells in self.lines]
        self.fills = {key: colors.HexColor(value) for key, value in (fills or {}).items()}
        self.first = 0  # index of this part's first row in the whole table (zebra, fills)

    def _wrap_row(self, row: Sequence[str], bold: bool = False) -> list[list[str]]:
        out = []
        for col, (text, w) in enumerate(zip(row, self.widths, strict=False)):
            room = max(w - 2 * PAD_X, 4)
            if not text:
                out.append([])
            elif col in getattr(self, "id_columns", ()) and not bold:
                out.append(list(wrap_id(str(text), round(room, 2), self.size)))
            else:
                out.append(wrap_text(str(text), room, self.size, bold, MAX_LINES))
        return out

    def _height(self, cells: list[list[str]]) -> float:
        return max([len(c) for c in cells] + [1]) * self.leading + 2 * PAD_Y

    def wrap(self, avail_width, avail_height):
        self.width = sum(self.widths)
        self.height = self._height(self.head) + sum(self.heights)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        room = avail_height - self._height(self.head)
        count, used = 0, 0.0
        for height in self.heights:
            if used + height > room:
                break
            used += height
            count += 1
        if count == 0 or count == len(self.heights):
            return [] if count == 0 else [self]
        return [self._part(0, count), self._part(count, len(self.heights))]

    def _part(self, start: int, end: int) -> FastTable:
        part = FastTable([], [], self.widths, size=self.size, _prepared=(
            self.head, self.lines[start:end], self.heights[start:end], self.fills,
            self.first + start, self.anchors))
        part.colours = self.colours
        return part

    def draw(self) -> None:
        canvas = self.canv
        header_fill, zebra, grid = self.colours
        top = self.height
        head_h = self._height(self.head)
        canvas.setFillColor(header_fill)
        canvas.rect(0, top - head_h, self.width, head_h, stroke=0, fill=1)
        self._text_row(self.head, top, colors.white, BOLD)
        y = top - head_h
        canvas.setStrokeColor(grid)
        canvas.setLineWidth(0.25)
        code = canvas._code
        zebra_rg = f"{fp_str(zebra.red, zebra.green, zebra.blue)} rg"
        for offset, (cells, height) in enumerate(zip(self.lines, self.heights, strict=True)):
            index = self.first + offset
            if index < len(self.anchors) and self.anchors[index]:
                canvas.bookmarkHorizontal(self.anchors[index], 0, y + 2)
            # Zebra band, badges and the rule under the row as raw operators (reportlab's
            # rect/roundRect build a path object per call: a third of the drawing time).
            ops = ["q"]
            if index % 2:
                ops.append(f"{zebra_rg} {fp_str(0, y - height, self.width, height)} re f")
            x = 0.0
            for col, width in enumerate(self.widths):
                fill = self.fills.get((col, index))
                if fill is not None:
                    corner = fp_str(x + 1.5, y - PAD_Y - self.leading + 0.5)
                    ops.append(f"q {fp_str(fill.red, fill.green, fill.blue)} rg "
                               f"1 0 0 1 {corner} cm "
                               f"{_round_rect(width - 3, self.leading + 1, 2)} f Q")
                x += width
            ops.append("Q")
            if len(ops) > 2:
                code.append(" ".join(ops))
            self._text_row(cells, y, colors.black, REGULAR, index)
            y -= height
            code.append(f"{fp_str(0, y)} m {fp_str(self.width, y)} l S")
        canvas.setStrokeColor(grid)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    def _text_row(self, cells: list[list[str]], top: float, ink, font: str,
                  index: int | None = None) -> None:
        """Every cell's lines as raw PDF text operators, one text object per row.

        Why not ``canvas.beginText().textLine()``: reportlab re-encodes each line into the
        font's subsets and re-emits the font and colour per cell; on a 13,000-row register
        that was half of the report's time. Each distinct line is encoded once per document
        (:func:`_line_code`), and the row is one ``BT … ET`` block inside ``q … Q``.
        """
        canvas = self.canv
        out = ["q BT"]
        x = 0.0
        leading = fp_str(-self.leading)
        for col, (lines, width) in enumerate(zip(cells, self.widths, strict=False)):
            if not lines:
                x += width
                continue
            colour = ink
            fill = self.fills.get((col, index)) if index is not None else None
            if fill is not None:
                luminance = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue
                colour = colors.white if luminance < 0.55 else colors.black
            out.append(f"{fp_str(colour.red, colour.green, colour.blue)} rg "
                       f"1 0 0 1 {fp_str(x + PAD_X, top - PAD_Y - self.size)} Tm")
            for number, line in enumerate(lines):
                if number:
                    out.append(f"0 {leading} Td")
                out.append(_line_code(canvas, font, self.size, line))
            x += width
        out.append("ET Q")
        canvas._code.append(" ".join(out))


@lru_cache(maxsize=256)
def _round_rect(width: float, height: float, radius: float) -> str:
    """Path operators of a rounded rectangle at the origin (Bézier corners)."""
    k = 0.5523 * radius  # a quarter circle as one cubic Bézier
    w, h, r = width, height, radius
    parts = [f"{fp_str(r, 0)} m", f"{fp_str(w - r, 0)} l",
             f"{fp_str(w - r + k, 0, w, r - k, w, r)} c", f"{fp_str(w, h - r)} l",
             f"{fp_str(w, h - r + k, w - r + k, h, w - r, h)} c", f"{fp_str(r, h)} l",
             f"{fp_str(r - k, h, 0, h - r + k, 0, h - r)} c", f"{fp_str(0, r)} l",
             f"{fp_str(0, r - k, r - k, 0, r, 0)} c", "h"]
    return " ".join(parts)


def _line_code(canvas, font: str, size: float, text: str) -> str:
    """PDF operators showing ``text`` in ``font`` at ``size``: each subset selected, then
    its bytes. Cached per document: a subset, once a character is given one, never moves."""
    doc = canvas._doc
    cache = doc.__dict__.setdefault("_workbench_lines", {})
    key = (font, size, text)
    code = cache.get(key)
    if code is None:
        ttf = pdfmetrics.getFont(font)
        if not getattr(ttf, "_dynamicFont", False) or getattr(ttf, "shapable", False):
            # Not a plain TrueType font: let reportlab write it (kept exact, never cached).
            obj = canvas.beginText()
            obj.setFont(font, size)
            obj.textOut(text)
            return obj.getCode().removeprefix("BT").removesuffix("ET")
        size_code = fp_str(size)
        code = " ".join(f"{ttf.getSubsetInternalName(subset, doc)} {size_code} Tf "
                        f"({canvas._escape(chunk)}) Tj"
                        for subset, chunk in ttf.splitString(text, doc))
        cache[key] = code
    return code


def _split_after(text: str, marks: str) -> list[str]:
    pieces, current = [], ""
    for char in text:
        current += char
        if char in marks:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


@lru_cache(maxsize=65536)
def wrap_id(text: str, width: float, size: float) -> tuple[str, ...]:
    """An identifier on as many lines as it needs, never inside a run unless a run is wider
    than the column: "thing.clinical-device-malware@ws" stays whole, traceable, searchable.

    A list of identifiers ("CAPEC-180, CWE-1188") breaks at its spaces first, each one
    kept whole ("CWE-" / "1188" could not be searched); a single identifier wider than the
    column breaks after ". @ - _ : /", and only a run wider still is cut."""
    pieces: list[str] = []
    for word in _split_after(text, " "):
        pieces += _split_after(word, ".@-_:/") if text_width(word, size) > width else [word]
    lines, line = [], ""
    for piece in pieces:
        if line and text_width(line + piece, size) > width:
            lines.append(line)
            line = ""
        while text_width(piece, size) > width and len(piece) > 1:  # one long run: split it
            cut = len(piece) - 1
            while cut > 1 and text_width(piece[:cut], size) > width:
                cut -= 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    if line:
        lines.append(line)
    return tuple(lines)
