"""Risk heatmap dock: likelihood x severity counts, drawn with matplotlib (imported lazily).

Clicking a cell asks the threats panel to show only the threats in it.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class HeatmapPanel(QWidget):
    cellClicked = Signal(object)  # (likelihood, severity) or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self.setMinimumSize(220, 220)
        self.placeholder = QLabel(QCoreApplication.translate("Heatmap", "No analysis yet"))
        self._layout.addWidget(self.placeholder)
        self.canvas = None
        self.figure = None
        self.counts: Counter = Counter()
        self.scales = None
        self.selected: tuple[int, int] | None = None

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(3.2, 2.8), dpi=90, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.mpl_connect("button_press_event", self._clicked)
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

    def draw(self) -> None:
        """The matrix in the convention the PDF and `workbench heatmap` share
        (``workbench.analysis.riskmatrix``): likelihood across, severity up, level colour and
        name in each cell."""
        from workbench.analysis.riskmatrix import AXES, cells, ink
        from workbench.gui.i18n import current_language

        scales = self.scales
        lang = current_language()
        fig = self.figure
        fig.clear()
        ax = fig.add_subplot(111)
        lik, sev = scales.likelihood, scales.severity
        from matplotlib.patches import Rectangle

        for cell in cells(scales, lang):
            i, j = cell.column, cell.row
            key = (cell.likelihood, cell.severity)
            edge = "#1f6feb" if self.selected == key else "white"
            ax.add_patch(Rectangle((i, j), 1, 1, facecolor=cell.colour, edgecolor=edge,
                                   linewidth=3 if edge != "white" else 1))
            colour = ink(cell.colour)
            n = self.counts.get(key, 0)
            if n:
                ax.text(i + 0.5, j + 0.58, str(n), ha="center", va="center", fontsize=11,
                        fontweight="bold", color=colour)
            ax.text(i + 0.5, j + 0.17, cell.name, ha="center", va="center", fontsize=6,
                    color=colour)
        ax.set_xlim(0, len(lik))
        ax.set_ylim(0, len(sev))
        ax.set_xticks([i + 0.5 for i in range(len(lik))], [str(v) for v in lik])
        ax.set_yticks([j + 0.5 for j in range(len(sev))], [str(v) for v in sev])
        x_title, y_title = AXES.get(lang, AXES["en"])
        ax.set_xlabel(x_title)
        ax.set_ylabel(y_title)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        self.axes = ax
        self.canvas.draw_idle()

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """Data coordinates -> (likelihood, severity) of the cell, or None outside."""
        if self.scales is None or x is None or y is None:
            return None
        i, j = int(x), int(y)
        if 0 <= i < len(self.scales.likelihood) and 0 <= j < len(self.scales.severity) \
                and x >= 0 and y >= 0:
            return self.scales.likelihood[i], self.scales.severity[j]
        return None

    def select_cell(self, cell: tuple[int, int] | None) -> None:
        self.selected = None if cell == self.selected else cell
        if self.canvas is not None:
            self.draw()
        self.cellClicked.emit(self.selected)

    def _clicked(self, event) -> None:
        self.select_cell(self.cell_at(event.xdata, event.ydata))
