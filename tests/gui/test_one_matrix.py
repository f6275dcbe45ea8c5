"""The window's heatmap draws the matrix the PDF and `workbench heatmap` draw."""

from __future__ import annotations

from collections import Counter

from matplotlib.colors import to_hex

from tests.analysis.test_attack_fixtures import implant_model
from workbench.analysis.risk import Scales
from workbench.analysis.riskmatrix import cells
from workbench.gui.heatmap import HeatmapPanel


def test_window_heatmap_uses_the_shared_cells(qtbot):
    panel = HeatmapPanel()
    qtbot.addWidget(panel)
    panel.scales = Scales.of(implant_model())
    panel.counts = Counter({(4, 4): 3})
    panel._ensure_canvas()
    panel.draw()
    ax = panel.axes
    drawn = {}
    for patch in ax.patches:
        x, y = patch.get_xy()
        words = [t.get_text() for t in ax.texts
                 if x < t.get_position()[0] < x + 1 and y < t.get_position()[1] < y + 0.3]
        drawn[(int(x), int(y))] = (to_hex(patch.get_facecolor()), words[0])
    expected = {(c.column, c.row): (c.colour.lower(), c.name) for c in cells(panel.scales)}
    assert drawn == expected
    assert ax.get_xlabel() == "Likelihood" and ax.get_ylabel() == "Severity"
