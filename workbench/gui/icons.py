"""Stencil icons: the file from ``stencils/icons/`` when there is one, else a drawn glyph."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from workbench.gui import theme
from workbench.model.enums import Layer
from workbench.model.stencils import Stencil, stencils_dir


def _icon_file(stencil: Stencil):
    try:
        folder = stencils_dir() / "icons"
    except FileNotFoundError:
        return None
    names = [stencil.icon] if stencil.icon else []
    names += [f"{stencil.id}.svg", f"{stencil.id}.png"]
    for name in names:
        if not name:
            continue
        path = folder / name
        if path.suffix == "":
            for ext in (".svg", ".png"):
                if path.with_suffix(ext).is_file():
                    return path.with_suffix(ext)
        elif path.is_file():
            return path
    return None


def draw_glyph(painter: QPainter, rect: QRectF, layer: Layer, shape: str = "box") -> None:
    """A small layer-coloured shape: device, hub, cloud or network cloud-of-links."""
    edge = theme.LAYER_EDGE.get(layer, theme.FLOW)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(edge, max(1.0, rect.width() / 14)))
    painter.setBrush(QBrush(theme.LAYER_FILL.get(layer, theme.LANE_FILL[0])))
    r = rect.adjusted(rect.width() * 0.1, rect.height() * 0.1,
                      -rect.width() * 0.1, -rect.height() * 0.1)
    if layer == Layer.CLOUD or shape == "cloud":
        path = QPainterPath()
        w, h = r.width(), r.height()
        path.addEllipse(QRectF(r.left(), r.top() + h * 0.35, w * 0.5, h * 0.5))
        path.addEllipse(QRectF(r.left() + w * 0.25, r.top() + h * 0.15, w * 0.5, h * 0.6))
        path.addEllipse(QRectF(r.left() + w * 0.5, r.top() + h * 0.35, w * 0.5, h * 0.5))
        painter.drawPath(path.simplified())
    elif layer == Layer.NETWORK:
        c = r.center()
        pts = [QPointF(c.x() + r.width() / 2.2 * dx, c.y() + r.height() / 2.2 * dy)
               for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1))]
        for p in pts:
            painter.drawLine(c, p)
        for p in [c, *pts]:
            painter.drawEllipse(p, r.width() / 9, r.width() / 9)
    elif layer == Layer.GATEWAY:
        poly = QPolygonF([QPointF(r.center().x(), r.top()), QPointF(r.right(), r.center().y()),
                          QPointF(r.center().x(), r.bottom()), QPointF(r.left(), r.center().y())])
        painter.drawPolygon(poly)
    else:
        painter.drawRoundedRect(r.adjusted(r.width() * 0.15, 0, -r.width() * 0.15, 0),
                                r.width() / 8, r.width() / 8)
        painter.drawEllipse(QPointF(r.center().x(), r.bottom() - r.height() / 6),
                            r.width() / 14, r.width() / 14)
    painter.restore()


@lru_cache(maxsize=256)
def _glyph_pixmap(layer: Layer, shape: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    draw_glyph(painter, QRectF(0, 0, size, size), layer, shape)
    painter.end()
    return pix


_cache: dict[str, QIcon] = {}


def stencil_icon(stencil: Stencil) -> QIcon:
    """The icon shown in the palette and on the canvas (cached per stencil)."""
    icon = _cache.get(stencil.id)
    if icon is None:
        path = _icon_file(stencil)
        icon = QIcon(str(path)) if path else QIcon()
        if icon.isNull():
            icon = QIcon(_glyph_pixmap(stencil.layer, stencil.shape, 64))
        _cache[stencil.id] = icon
    return icon


def layer_pixmap(layer: Layer, size: int = 32) -> QPixmap:
    return _glyph_pixmap(layer, "box", size)
