"""A lean table flowable for very long registers (thousands of rows).

reportlab's Table measures every cell as a Paragraph and copies its style on each page split;
a 3,700-row register took most of a 13 s report. Here each cell is plain text wrapped once
with the report font's metrics, rows are split by slicing a list, and drawing goes straight to
the canvas. It keeps what the register needs: a header repeated on every page, zebra rows,
wrapped text, and coloured risk badges.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
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
                out.append(wrap_id(str(text), room, self.size))
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
        for offset, (cells, height) in enumerate(zip(self.lines, self.heights, strict=True)):
            index = self.first + offset
            if index < len(self.anchors) and self.anchors[index]:
                canvas.bookmarkHorizontal(self.anchors[index], 0, y + 2)
            if index % 2:
                canvas.setFillColor(zebra)
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            x = 0.0
            for col, width in enumerate(self.widths):
                fill = self.fills.get((col, index))
                if fill is not None:
                    canvas.setFillColor(fill)
                    canvas.roundRect(x + 1.5, y - PAD_Y - self.leading + 0.5, width - 3,
                                     self.leading + 1, 2, stroke=0, fill=1)
                x += width
            self._text_row(cells, y, colors.black, REGULAR, index)
            y -= height
            canvas.line(0, y, self.width, y)
        canvas.setStrokeColor(grid)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    def _text_row(self, cells: list[list[str]], top: float, ink, font: str,
                  index: int | None = None) -> None:
        canvas = self.canv
        x = 0.0
        for col, (lines, width) in enumerate(zip(cells, self.widths, strict=False)):
            colour = ink
            fill = self.fills.get((col, index)) if index is not None else None
            if fill is not None:
                luminance = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue
                colour = colors.white if luminance < 0.55 else colors.black
            text = canvas.beginText()
            text.setFont(font, self.size, self.leading)
            text.setFillColor(colour)
            text.setTextOrigin(x + PAD_X, top - PAD_Y - self.size)
            for line in lines:
                text.textLine(line)
            canvas.drawText(text)
            x += width


def wrap_id(text: str, width: float, size: float) -> list[str]:
    """An identifier on as many lines as it needs, broken after ". @ - _ :" and never cut:
    "thing.clinical-device-malware@ws" stays whole, traceable, searchable."""
    pieces, current = [], ""
    for char in text:
        current += char
        if char in ".@-_:/":
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
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
    return lines
