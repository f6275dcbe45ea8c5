"""Mouse helpers (scene coordinates -> viewport events, as a user's hand would do) and the
canvas's frames as the screen shows them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest


def vp(window, scene_point: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_point)


def drag(qtbot, window, start: QPointF, end: QPointF, steps: int = 6,
         modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
    viewport = window.view.viewport()
    a, b = vp(window, start), vp(window, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, a)
    for i in range(1, steps + 1):
        p = a + (b - a) * i / steps
        QTest.mouseMove(viewport, QPoint(int(p.x()), int(p.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, b)


def viewport_frames(window) -> list[QImage]:
    """The viewport as the window paints it (grab) and as QGraphicsView.render paints it."""
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    window.view.render(painter)
    painter.end()
    return [viewport.grab().toImage(), image]
