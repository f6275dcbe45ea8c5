"""Risk heatmap dock: likelihood x severity counts, painted with QPainter.

Clicking a cell asks the threats panel to show only the threats in it.

Why QPainter and not matplotlib: the matrix is a grid of coloured cells with two words in
each; importing matplotlib's Qt backend and laying out a figure for it held the window's
thread longer than the threats and attack-path panels together when the first analysis
arrived (``benchmarks/bench_window_scale.py``). The cells still come from
``workbench.analysis.riskmatrix``, as the PDF's and ``workbench heatmap``'s do.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from workbench.analysis.riskmatrix import AXES, Cell, cells, ink
from workbench.gui.i18n import current_language

#: Text sizes in pixels: the figures as matplotlib drew them at 90 dpi (11 pt, 6 pt).
COUNT_PX = 14
NAME_PX = 8
#: The selected cell's outline, as before.
SELECTED = "#1f6feb"
MARGIN = 4.0  # px around the matrix and between an axis's title and its ticks


class MatrixCanvas(QWidget):
    """The painted matrix: cells, counts, level names, ticks and axis titles."""

    def __init__(self, panel: HeatmapPanel):
        super().__init__(panel)
        self.panel = panel
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def grid_rect(self) -> QRectF:
        """Where the cells go: the widget less room for the ticks and the axis titles."""
        scales = self.panel.scales
        fm = QFontMetricsF(self.font())
        ticks = [str(v) for v in (scales.severity if scales is not None else ())]
        tick_w = max((fm.horizontalAdvance(t) for t in ticks), default=0.0)
        left = MARGIN + fm.height() + MARGIN + tick_w + MARGIN
        bottom = MARGIN + fm.height() + MARGIN + fm.height() + MARGIN
        return QRectF(left, MARGIN, max(1.0, self.width() - left - MARGIN),
                      max(1.0, self.height() - MARGIN - bottom))

    def cell_rect(self, column: int, row: int) -> QRectF:
        """A cell in widget coordinates: ``column`` from the left, ``row`` from the bottom."""
        scales = self.panel.scales
        grid = self.grid_rect()
        w = grid.width() / len(scales.likelihood)
        h = grid.height() / len(scales.severity)
        return QRectF(grid.left() + column * w, grid.bottom() - (row + 1) * h, w, h)

    def cell_at_point(self, point: QPointF) -> tuple[int, int] | None:
        """(likelihood, severity) under ``point`` (widget coordinates), or None outside."""
        scales = self.panel.scales
        if scales is None:
            return None
        grid = self.grid_rect()
        if not grid.contains(point):
            return None
        i = int((point.x() - grid.left()) / grid.width() * len(scales.likelihood))
        j = int((grid.bottom() - point.y()) / grid.height() * len(scales.severity))
        i = min(max(i, 0), len(scales.likelihood) - 1)
        j = min(max(j, 0), len(scales.severity) - 1)
        return scales.likelihood[i], scales.severity[j]

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.panel.scales is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self._paint_cells(painter)
        self._paint_axes(painter)
        painter.end()

    def _paint_cells(self, painter: QPainter) -> None:
        count_font = QFont(self.font())
        count_font.setPixelSize(COUNT_PX)
        count_font.setBold(True)
        name_font = QFont(self.font())
        name_font.setPixelSize(NAME_PX)
        name_metrics = QFontMetricsF(name_font)
        selected = None
        for cell, n in self.panel.cells_drawn():
            rect = self.cell_rect(cell.column, cell.row)
            painter.fillRect(rect, QColor(cell.colour))
            painter.setPen(QPen(QColor("white"), 1))
            painter.drawRect(rect)
            if self.panel.selected == (cell.likelihood, cell.severity):
                selected = rect
            painter.setPen(QColor(ink(cell.colour)))
            if n:
                painter.setFont(count_font)
                centre = rect.top() + 0.42 * rect.height()  # 0.58 up from the bottom
                painter.drawText(QRectF(rect.left(), centre - COUNT_PX, rect.width(),
                                        2 * COUNT_PX), Qt.AlignmentFlag.AlignCenter, str(n))
            painter.setFont(name_font)
            name = name_metrics.elidedText(cell.name, Qt.TextElideMode.ElideRight,
                                           rect.width() - 2)
            centre = rect.top() + 0.83 * rect.height()  # 0.17 up from the bottom
            painter.drawText(QRectF(rect.left(), centre - NAME_PX, rect.width(), 2 * NAME_PX),
                             Qt.AlignmentFlag.AlignCenter, name)
        if selected is not None:  # drawn last, so no neighbour's white edge covers it
            painter.setPen(QPen(QColor(SELECTED), 3))
            painter.drawRect(selected.adjusted(1, 1, -1, -1))

    def _paint_axes(self, painter: QPainter) -> None:
        scales = self.panel.scales
        x_title, y_title = self.panel.axis_titles()
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        fm = QFontMetricsF(self.font())
        grid = self.grid_rect()
        for i, value in enumerate(scales.likelihood):
            rect = self.cell_rect(i, 0)
            painter.drawText(QRectF(rect.left(), grid.bottom() + MARGIN, rect.width(),
                                    fm.height()), Qt.AlignmentFlag.AlignCenter, str(value))
        for j, value in enumerate(scales.severity):
            rect = self.cell_rect(0, j)
            painter.drawText(QRectF(0, rect.top(), grid.left() - MARGIN, rect.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
        painter.drawText(QRectF(grid.left(), grid.bottom() + 2 * MARGIN + fm.height(),
                                grid.width(), fm.height()), Qt.AlignmentFlag.AlignCenter,
                         x_title)
        painter.save()  # the severity title reads upwards, along its axis
        painter.translate(MARGIN, grid.bottom())
        painter.rotate(-90)
        painter.drawText(QRectF(0, 0, grid.height(), fm.height()),
                         Qt.AlignmentFlag.AlignCenter, y_title)
        painter.restore()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.panel.select_cell(self.cell_at_point(event.position()))


class HeatmapPanel(QWidget):
    cellClicked = Signal(object)  # (likelihood, severity) or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self.setMinimumSize(220, 220)
        self.placeholder = QLabel(QCoreApplication.translate("Heatmap", "No analysis yet"))
        self._layout.addWidget(self.placeholder)
        self.canvas: MatrixCanvas | None = None
        self.counts: Counter = Counter()
        self.scales = None
        self.selected: tuple[int, int] | None = None

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        self.canvas = MatrixCanvas(self)
        self.placeholder.hide()
        self._layout.addWidget(self.canvas)

    def set_analysis(self, analysis) -> None:
        if analysis is None:
            return
        result = analysis.result
        counts = Counter((t.current.likelihood, t.current.severity)
                         for t in result.counted())  # risks to treat, as the CLI heatmap
        if self.canvas is not None and counts == self.counts and result.scales == self.scales:
            return  # most edits leave the matrix as it was: skip the redraw
        self.scales, self.counts = result.scales, counts
        self._ensure_canvas()
        self.draw()

    def cells_drawn(self) -> list[tuple[Cell, int]]:
        """Each cell of the matrix (``riskmatrix.Cell``, in the window's language) and the
        count painted in it: the convention the PDF and ``workbench heatmap`` share
        (likelihood across, severity up, level colour and name in each cell)."""
        if self.scales is None:
            return []
        return [(cell, self.counts.get((cell.likelihood, cell.severity), 0))
                for cell in cells(self.scales, current_language())]

    def axis_titles(self) -> tuple[str, str]:
        """The x (likelihood) and y (severity) titles, in the window's language."""
        return AXES.get(current_language(), AXES["en"])

    def draw(self) -> None:
        """Repaint the matrix (Qt paints it when the widget is next shown)."""
        if self.canvas is not None:
            self.canvas.update()

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """Matrix coordinates (a cell is 1 x 1, likelihood across from 0, severity up from
        0) -> (likelihood, severity) of the cell, or None outside."""
        if self.scales is None or x is None or y is None:
            return None
        i, j = int(x), int(y)
        if 0 <= i < len(self.scales.likelihood) and 0 <= j < len(self.scales.severity) \
                and x >= 0 and y >= 0:
            return self.scales.likelihood[i], self.scales.severity[j]
        return None

    def select_cell(self, cell: tuple[int, int] | None) -> None:
        self.selected = None if cell == self.selected else cell
        self.draw()
        self.cellClicked.emit(self.selected)
