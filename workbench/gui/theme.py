"""Colours and sizes shared by the canvas items (one place to tune the look)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workbench.model.enums import Layer

LAYER_FILL = {
    Layer.THING: QColor("#e8f1fb"),
    Layer.GATEWAY: QColor("#eaf6ec"),
    Layer.NETWORK: QColor("#f3eefa"),
    Layer.CLOUD: QColor("#fdf3e6"),
}
LAYER_EDGE = {
    Layer.THING: QColor("#3b73b9"),
    Layer.GATEWAY: QColor("#3c8d4f"),
    Layer.NETWORK: QColor("#7a55b0"),
    Layer.CLOUD: QColor("#c27a1a"),
}
LANE_FILL = (QColor("#f7f9fc"), QColor("#fbfcfd"))
LANE_HEADER = QColor("#4a5568")
ZONE_EDGE = QColor("#8a94a6")
ZONE_FILL = QColor(120, 140, 170, 18)
FLOW = QColor("#505a6b")
HIGHLIGHT = QColor("#e0218a")
SELECTION = QColor("#1f6feb")
TEXT = QColor("#1d232c")
MUTED = QColor("#5b6573")
DIM_OPACITY = 0.18


def zone_trust_colour(level: int) -> QColor:
    """Low trust reads red, high trust green: trust boundaries jump out."""
    level = max(0, min(10, level))
    red = QColor("#c0392b")
    green = QColor("#2e8b57")
    t = level / 10
    return QColor(int(red.red() + (green.red() - red.red()) * t),
                  int(red.green() + (green.green() - red.green()) * t),
                  int(red.blue() + (green.blue() - red.blue()) * t))
