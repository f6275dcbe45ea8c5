"""The window's heatmap draws the matrix the PDF and `workbench heatmap` draw."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor

from tests.analysis.test_attack_fixtures import implant_model
from workbench.analysis.risk import Scales
from workbench.analysis.riskmatrix import cells, ink
from workbench.gui.heatmap import HeatmapPanel


def test_window_heatmap_uses_the_shared_cells(qtbot):
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 280)
    panel.scales = Scales.of(implant_model())
    panel.counts = Counter({(4, 4): 3})
    panel._ensure_canvas()
    panel.show()
    qtbot.waitExposed(panel)
    expected = {(c.column, c.row): (c.colour.lower(), c.name) for c in cells(panel.scales)}
    drawn = {(c.column, c.row): (c.colour.lower(), c.name) for c, _ in panel.cells_drawn()}
    assert drawn == expected
    assert dict(((c.likelihood, c.severity), n) for c, n in panel.cells_drawn()
                if n) == {(4, 4): 3}
    # what is painted: each cell's colour, likelihood across and severity up
    image = panel.canvas.grab().toImage()
    ratio = image.devicePixelRatio() or 1.0
    for cell in cells(panel.scales):
        rect = panel.canvas.cell_rect(cell.column, cell.row)
        x, y = rect.left() + 3, rect.top() + 3  # inside the white edge, off the words
        pixel = image.pixelColor(int(x * ratio), int(y * ratio))
        assert pixel.name() == QColor(cell.colour).name(), cell
        assert ink(cell.colour) in ("#1a1a1a", "#ffffff")
    first, last = panel.canvas.cell_rect(0, 0), panel.canvas.cell_rect(1, 1)
    assert last.left() > first.left() and last.top() < first.top()
    assert panel.axis_titles() == ("Likelihood", "Severity")
