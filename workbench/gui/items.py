"""Graphics items of the diagram. They draw; they hold no state the model does not have.

Each item keeps a reference to the model object it shows, so the scene can tell by
identity (``item.comp is comp``) whether it needs a redraw after an edit.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem

from workbench.gui import theme
from workbench.gui.catalog_text import stencil_label
from workbench.gui.icons import draw_glyph, stencil_icon
from workbench.model.entities import Box, Component, Flow, TrustZone
from workbench.model.enums import Layer
from workbench.model.geometry import clip_segment
from workbench.model.layout import ELEMENT_H, ELEMENT_W
from workbench.model.stencils import Stencil

#: An element's rectangle as floats (x, y, width, height), as ``QRectF`` holds it.
Edges = tuple[float, float, float, float]
#: A rectangle's sides as floats (left, top, right, bottom).
Bounds = tuple[float, float, float, float]


ICON = 28.0
PAD = 7.0
#: Radius of the connection handle: large enough to hit on a projector or a touchpad.
HANDLE_R = 9.0

_NAME_FONT = QFont()
_NAME_FONT.setPointSizeF(9.0)
_NAME_FONT.setBold(True)
_SMALL_FONT = QFont()
_SMALL_FONT.setPointSizeF(7.5)


def wrap_elide(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Wrap ``text`` into at most ``max_lines`` lines of ``width``; the last is elided.

    Text never spills out of its box, so labels of neighbours can never overlap.
    """
    metrics = QFontMetricsF(font)
    words = text.split()
    lines: list[str] = []
    current = ""
    i = 0
    while i < len(words):
        trial = f"{current} {words[i]}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            i += 1
            if metrics.horizontalAdvance(current) > width and len(lines) < max_lines - 1:
                lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
                current = ""
        else:
            lines.append(current)
            current = ""
            if len(lines) == max_lines - 1:
                break
    rest = " ".join([current, *words[i:]]).strip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines[:max_lines] or [""]


class LaneItem(QGraphicsItem):
    """A layer swimlane: a tinted column with its title at the top."""

    def __init__(self, index: int, title: str, x: float, width: float, header: float):
        super().__init__()
        self.index = index
        self.title = title
        self._x, self._w, self._header = x, width, header
        self._h = 600.0
        self.setZValue(-100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_height(self, height: float) -> None:
        if abs(height - self._h) > 0.5:
            self.prepareGeometryChange()
            self._h = height

    def boundingRect(self) -> QRectF:
        return QRectF(self._x, 0, self._w, self._h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, theme.LANE_FILL[self.index % 2])
        painter.setPen(QPen(QColor("#d5dbe3"), 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        header = QRectF(self._x, 0, self._w, self._header - 10)
        painter.fillRect(header, QColor("#e9edf2"))
        font = QFont()
        font.setPointSizeF(10.5)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(theme.LANE_HEADER)
        painter.drawText(header, Qt.AlignmentFlag.AlignCenter, self.title)


#: How far (scene px) either side of a zone's border a press grabs the edge to resize it.
EDGE_GRIP = 6.0
_EDGE_CURSORS = {
    "l": Qt.CursorShape.SizeHorCursor, "r": Qt.CursorShape.SizeHorCursor,
    "t": Qt.CursorShape.SizeVerCursor, "b": Qt.CursorShape.SizeVerCursor,
    "lt": Qt.CursorShape.SizeFDiagCursor, "rb": Qt.CursorShape.SizeFDiagCursor,
    "rt": Qt.CursorShape.SizeBDiagCursor, "lb": Qt.CursorShape.SizeBDiagCursor,
}


def resized_rect(start: QRectF, edges: str, delta: QPointF,
                 minimum: tuple[float, float]) -> QRectF:
    """``start`` with the ``edges`` moved by ``delta``, never smaller than ``minimum``
    (the opposite edges stay put)."""
    left, top, right, bottom = start.left(), start.top(), start.right(), start.bottom()
    if "l" in edges:
        left = min(left + delta.x(), right - minimum[0])
    if "r" in edges:
        right = max(right + delta.x(), left + minimum[0])
    if "t" in edges:
        top = min(top + delta.y(), bottom - minimum[1])
    if "b" in edges:
        bottom = max(bottom + delta.y(), top + minimum[1])
    return QRectF(QPointF(left, top), QPointF(right, bottom))


class ZoneItem(QGraphicsItem):
    """A trust zone: dashed rectangle coloured by trust level; selectable by its title."""

    def __init__(self, zone: TrustZone, box: Box):
        super().__init__()
        self.zone = zone
        self.box = box
        self.setZValue(-50)
        # dragged by its title bar; the scene carries the members along
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setAcceptHoverEvents(True)  # the resize cursor on its border
        self._title = ""
        self.set_zone(zone, box)

    @property
    def item_id(self) -> str:
        return self.zone.id

    def set_zone(self, zone: TrustZone, box: Box) -> None:
        self.prepareGeometryChange()
        self.zone, self.box = zone, box
        self.setPos(0, 0)  # the box is in scene coordinates; a drag offsets pos until saved
        self._rect = QRectF(box.x, box.y, box.w or 200.0, box.h or 120.0)
        trust = QCoreApplication.translate("DiagramScene", "trust %1").replace(
            "%1", str(zone.trust_level))
        title = f"{zone.name}  ·  {trust}"
        self._title = QFontMetricsF(_SMALL_FONT).elidedText(
            title, Qt.TextElideMode.ElideRight, self._rect.width() - 12)
        self.update()

    def header_rect(self) -> QRectF:
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), 20)

    def rect(self) -> QRectF:
        """The zone's rectangle as drawn now (the box, or the live one while resized)."""
        return QRectF(self._rect)

    def preview_rect(self, rect: QRectF) -> None:
        """Show ``rect`` while an edge is dragged; the model changes on release."""
        self.prepareGeometryChange()
        self._rect = QRectF(rect)
        self.update()

    def edges_at(self, pos: QPointF) -> str:
        """Which edges of the rectangle ``pos`` (item coordinates) is on: a mix of "l",
        "r", "t", "b" ("rb" is the bottom-right corner), "" inside or outside."""
        r, g = self._rect, EDGE_GRIP
        if not r.adjusted(-g, -g, g, g).contains(pos):
            return ""
        edges = ""
        if abs(pos.x() - r.left()) <= g:
            edges += "l"
        elif abs(pos.x() - r.right()) <= g:
            edges += "r"
        if abs(pos.y() - r.top()) <= g:
            edges += "t"
        elif abs(pos.y() - r.bottom()) <= g:
            edges += "b"
        return edges

    def hoverMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        edges = self.edges_at(event.pos())
        if edges:
            self.setCursor(_EDGE_CURSORS.get(edges, Qt.CursorShape.SizeAllCursor))
        else:
            self.unsetCursor()
        super().hoverMoveEvent(event)

    def boundingRect(self) -> QRectF:
        g = EDGE_GRIP + 2
        return self._rect.adjusted(-g, -g, g, g)

    def shape(self) -> QPainterPath:
        """The title bar (drag to move) and a band along the border (drag to resize); the
        inside is left to the cards and to rubber-band selection."""
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        path.addRect(self.header_rect())
        g = EDGE_GRIP
        r = self._rect
        for band in (QRectF(r.left() - g, r.top() - g, 2 * g, r.height() + 2 * g),
                     QRectF(r.right() - g, r.top() - g, 2 * g, r.height() + 2 * g),
                     QRectF(r.left() - g, r.top() - g, r.width() + 2 * g, 2 * g),
                     QRectF(r.left() - g, r.bottom() - g, r.width() + 2 * g, 2 * g)):
            path.addRect(band)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        colour = theme.zone_trust_colour(self.zone.trust_level)
        pen = QPen(colour, 2.2 if self.isSelected() else 1.4, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(14)
        painter.setBrush(fill)
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setFont(_SMALL_FONT)
        painter.setPen(colour.darker(130))
        painter.drawText(self.header_rect().adjusted(8, 2, -4, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)


class ElementItem(QGraphicsItem):
    """One component: layer-coloured card with icon, wrapped name and type, and a handle."""

    def __init__(self, comp: Component, box: Box, stencil: Stencil | None):
        super().__init__()
        # no itemChange override: PySide 6 mis-counts the None it returns (crashes at scale);
        # the scene reroutes flows from its own mouseMoveEvent instead
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.highlighted = False
        self.risk_colour: QColor | None = None
        self._hover = False
        self.comp = comp
        self.box = box
        self.set_component(comp, stencil)
        self.set_box(box)

    @property
    def item_id(self) -> str:
        return self.comp.id

    def set_component(self, comp: Component, stencil: Stencil | None) -> None:
        self.comp = comp
        self.stencil = stencil
        self._lines: list[str] | None = None
        self.update()

    def set_box(self, box: Box) -> None:
        self.prepareGeometryChange()
        self.box = box
        self.w = box.w or ELEMENT_W
        self.h = box.h or ELEMENT_H
        self._lines = None
        self.setPos(box.x, box.y)

    def _text(self) -> tuple[list[str], str]:
        if self._lines is None:
            width = self.w - ICON - 3 * PAD
            self._lines = wrap_elide(self.comp.name, _NAME_FONT, width, 2)
            kind = stencil_label(self.stencil, self.comp.stencil)  # French: label_fr
            self._kind = QFontMetricsF(_SMALL_FONT).elidedText(
                kind, Qt.TextElideMode.ElideRight, width)
        return self._lines, self._kind

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.w, self.h)

    def scene_rect(self) -> QRectF:
        return self.rect().translated(self.pos())

    def scene_edges(self) -> Edges:
        """:meth:`scene_rect` as floats (x, y, width, height), the same numbers."""
        pos = self.pos()
        return (0.0 + pos.x(), 0.0 + pos.y(), float(self.w), float(self.h))

    def handle_rect(self) -> QRectF:
        return QRectF(self.w - HANDLE_R, self.h / 2 - HANDLE_R, 2 * HANDLE_R, 2 * HANDLE_R)

    def boundingRect(self) -> QRectF:
        return QRectF(-3, -3, self.w + HANDLE_R + 6, self.h + 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        # Winding fill: with the default odd-even rule the handle's inner half (where it
        # overlaps the card) was a hole, so half the presses on the handle missed it.
        path.setFillRule(Qt.FillRule.WindingFill)
        path.addRoundedRect(self.rect(), 8, 8)
        path.addEllipse(self.handle_rect())
        return path

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        layer = self.comp.layer
        rect = self.rect()
        edge = theme.LAYER_EDGE.get(layer, theme.FLOW)
        width = 1.4
        if self.highlighted:
            edge, width = theme.HIGHLIGHT, 3.2
        elif self.isSelected():
            edge, width = theme.SELECTION, 2.6
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(edge, width))
        painter.setBrush(QBrush(theme.LAYER_FILL.get(layer, QColor("white"))))
        radius = 16.0 if layer == Layer.NETWORK else 8.0
        painter.drawRoundedRect(rect, radius, radius)
        if self.risk_colour is not None:
            strip = QPainterPath()
            strip.addRoundedRect(QRectF(1, 1, 8, self.h - 2), 4, 4)
            painter.fillPath(strip, self.risk_colour)
        icon_rect = QRectF(PAD + 3, (self.h - ICON) / 2, ICON, ICON)
        if self.stencil is not None:
            stencil_icon(self.stencil).paint(painter, icon_rect.toAlignedRect())
        else:
            draw_glyph(painter, icon_rect, layer)
        lines, kind = self._text()
        left = icon_rect.right() + PAD
        text_w = self.w - left - PAD
        name_h = QFontMetricsF(_NAME_FONT).height()
        small_h = QFontMetricsF(_SMALL_FONT).height()
        top = (self.h - (len(lines) * name_h + small_h)) / 2
        painter.setPen(theme.TEXT)
        painter.setFont(_NAME_FONT)
        for i, line in enumerate(lines):
            painter.drawText(QRectF(left, top + i * name_h, text_w, name_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        painter.setFont(_SMALL_FONT)
        painter.setPen(theme.MUTED)
        painter.drawText(QRectF(left, top + len(lines) * name_h, text_w, small_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, kind)
        # Always visible (a newcomer must see where flows start), stronger on hover.
        active = self._hover or self.isSelected()
        painter.setPen(QPen(theme.SELECTION if active else edge, 1.6 if active else 1.0))
        painter.setBrush(QColor("white"))
        handle = self.handle_rect()
        painter.drawEllipse(handle)
        c = handle.center()
        arm = HANDLE_R * 0.45
        painter.drawLine(QPointF(c.x() - arm, c.y()), QPointF(c.x() + arm, c.y()))
        painter.drawLine(QPointF(c.x() + arm * 0.3, c.y() - arm * 0.6),
                         QPointF(c.x() + arm, c.y()))
        painter.drawLine(QPointF(c.x() + arm * 0.3, c.y() + arm * 0.6),
                         QPointF(c.x() + arm, c.y()))


def clip_to_rect(inside: QPointF, outside: QPointF, rect: QRectF) -> QPointF:
    """Where the segment from ``inside`` (in ``rect``) to ``outside`` leaves ``rect``."""
    x, y = clip_to_edges(inside.x(), inside.y(), outside.x(), outside.y(), rect.left(),
                         rect.top(), rect.right(), rect.bottom())
    return QPointF(x, y)


def clip_to_edges(ix: float, iy: float, ox: float, oy: float, left: float, top: float,
                  right: float, bottom: float) -> tuple[float, float]:
    """:func:`clip_to_rect` on floats: where the segment from (``ix``, ``iy``) inside the
    rectangle to (``ox``, ``oy``) leaves it.

    Every flow's route clips both ends of each segment when a model opens: Qt's points and
    their accessors cost more than the arithmetic (``tests/gui/test_route_floats.py``
    checks the floats against the ``QRectF`` computation)."""
    dx, dy = ox - ix, oy - iy
    best = 1.0
    if dx:
        for edge in (left, right):
            t = (edge - ix) / dx
            if 0 < t < best and top - 0.5 <= iy + t * dy <= bottom + 0.5:
                best = t
    if dy:
        for edge in (top, bottom):
            t = (edge - iy) / dy
            if 0 < t < best and left - 0.5 <= ix + t * dx <= right + 0.5:
                best = t
    return ix + best * dx, iy + best * dy


def boxes_meet(a: Edges, b: Edges) -> bool:
    """``QRectF.intersects`` for two (x, y, width, height) rectangles: a non-empty overlap
    (a null rectangle meets none; a negative size counts from the other edge)."""
    for pa, sa, pb, sb in ((a[0], a[2], b[0], b[2]), (a[1], a[3], b[1], b[3])):
        lo1 = hi1 = pa
        if sa < 0:
            lo1 += sa
        else:
            hi1 += sa
        if lo1 == hi1:
            return False
        lo2 = hi2 = pb
        if sb < 0:
            lo2 += sb
        else:
            hi2 += sb
        if lo2 == hi2 or lo1 >= hi2 or lo2 >= hi1:
            return False
    return True


class FlowItem(QGraphicsPathItem):
    """A flow: polyline through its networks, arrowheads, dashed when unauthenticated."""

    #: :meth:`boundingRect`, kept until the path or the pen changes (None: not yet asked)
    _bounds: QRectF | None = None
    #: each segment's ends as floats (x1, y1, x2, y2), for :meth:`in_view`
    _ends: list[tuple[float, float, float, float]] = []
    #: the device area (:func:`_device_area`'s object) this route stays away from
    #: (:meth:`_far`); None until a frame finds one, and again when the route changes
    _far_from: QRectF | None = None
    #: :attr:`segments` once asked for (None: made from :attr:`_ends` on demand)
    _segments: list[QLineF] | None = None
    #: the hit shape (:meth:`shape`) once asked for (None: stroked on demand)
    _shape: QPainterPath | None = None
    #: the device area and exposed rectangle of the last frame this route was found to
    #: show in (:meth:`_shows_in`); None again when the route changes
    _shown_in: tuple[QRectF, QRectF] | None = None
    #: :meth:`boundingRect` as floats (left, top, right, bottom), for :class:`FlowLayer`'s
    #: cull; None with :attr:`_bounds`
    _box: Bounds | None = None
    #: the scene's :class:`FlowLayer`, which paints this flow (None: it paints itself)
    _layer: FlowLayer | None = None

    def __init__(self, flow: Flow):
        super().__init__()
        self.flow = flow
        self.highlighted = False
        self._arrowheads: list[QPolygonF] | None = None
        #: the two ends of each segment ({a, b} ids), and those an attack path crosses
        self.hops: list[frozenset[str]] = []
        self.lit_hops: set[frozenset[str]] = set()
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        # paint() is told the exposed part (option.exposedRect) and skips a flow whose box
        # reaches into it though none of its lines does (see in_view)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.label: FlowLabel | None = None
        self._styled_selected = False

    @property
    def item_id(self) -> str:
        return self.flow.id

    def set_route(self, flow: Flow, rects: list[QRectF], ends: list[str] | None = None) -> None:
        """Route through the centres of ``rects`` (source, via..., target), clipped to boxes;
        ``ends`` names each rect's element, so a path can light one hop of the route."""
        self.route_boxes(flow, [(r.x(), r.y(), r.width(), r.height()) for r in rects], ends)

    def route_boxes(self, flow: Flow, boxes: list[Edges], ends: list[str] | None = None) -> None:
        """:meth:`set_route` from (x, y, width, height) floats: the scene reads each
        element's rectangle once per change, not once per flow end, and the route is
        computed on floats, Qt's objects made only for what keeps them."""
        self.flow = flow
        ends = ends if ends is not None and len(ends) == len(boxes) else [""] * len(boxes)
        hops: list[frozenset[str]] = []
        line_ends: list[tuple[float, float, float, float]] = []
        path = QPainterPath()
        for (a, ea), (b, eb) in zip(zip(boxes, ends, strict=True),
                                    zip(boxes[1:], ends[1:], strict=True), strict=False):
            if boxes_meet(a, b):
                continue
            ax, ay, aw, ah = a
            bx, by, bw, bh = b
            cax, cay, cbx, cby = ax + aw / 2, ay + ah / 2, bx + bw / 2, by + bh / 2
            x1, y1 = clip_to_edges(cax, cay, cbx, cby, ax, ay, ax + aw, ay + ah)
            x2, y2 = clip_to_edges(cbx, cby, cax, cay, bx, by, bx + bw, by + bh)
            line_ends.append((x1, y1, x2, y2))
            hops.append(frozenset((ea, eb)))
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        self.hops = hops
        if line_ends != self._ends:  # a new route (an edit reroutes a card's flows anyway)
            self._ends, self._segments = line_ends, None
            self._far_from = self._shown_in = None
            self._arrowheads: list[QPolygonF] | None = None  # drawn from it on demand
            self.setPath(path)
        marks = (QCoreApplication.translate("DiagramScene", "encrypted") if flow.encrypted
                 else None,
                 None if flow.authenticated
                 else QCoreApplication.translate("DiagramScene", "not authenticated"))
        self.setToolTip(" · ".join(x for x in (flow.name, flow.protocol, *marks) if x))
        self._style()

    @property
    def segments(self) -> list[QLineF]:
        """The route's lines (from :attr:`_ends`), made when first asked for: painting and
        label placement need them, a flow off screen and without a label never does."""
        segments = self._segments
        if segments is None:
            segments = self._segments = [QLineF(*ends) for ends in self._ends]
        return segments

    def routed(self) -> bool:
        """The route has at least one line (its cards do not overlap)."""
        return bool(self._ends)

    def _style(self) -> None:
        self._styled_selected = selected = self.isSelected()
        self.setPen(_flow_pen(self.highlighted, selected, not self.flow.authenticated))
        self._bounds = self._box = None  # the pen's width is part of the box

    def set_highlight(self, on: bool, hops: set[frozenset[str]] | None = None) -> None:
        """Light the whole flow (``on``), or only the segments of ``hops`` (a path that
        crosses this flow's route without walking the flow)."""
        self.highlighted = on
        self.lit_hops = set() if on else set(hops or ())
        self._style()
        self.repaint()
        if self.label:
            self.label.update()

    def repaint(self, rect: QRectF | None = None) -> None:
        """Ask for ``rect`` (default: the flow's box) to be painted again: by the
        :class:`FlowLayer` that paints the flow (Qt repaints nothing for an item without
        contents), else by Qt as for any item."""
        if self._layer is None:
            self.update() if rect is None else self.update(rect)
        else:
            self._layer.update(self.boundingRect() if rect is None else rect)

    def partly_lit(self) -> bool:
        return bool(self.lit_hops) and not self.highlighted and any(
            h in self.lit_hops for h in self.hops)

    def shape(self) -> QPainterPath:
        """The route stroked 10 px wide (what a click hits), made when Qt first asks for
        it (a click, a hover, a rubber band): a model's opening made one for every flow."""
        shape = self._shape
        if shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            shape = self._shape = stroker.createStroke(self.path())
        return shape

    def setPath(self, path: QPainterPath) -> None:  # noqa: N802 - keeps the hit shape cached
        if path == self.path():
            return  # as Qt's own: nothing to repaint (an edit reroutes a card's flows)
        self._shape = self._shown_in = None
        if self._layer is not None and self._bounds is not None:
            self.repaint(self._bounds)  # where it was (Qt does this for a painting item)
        super().setPath(path)
        self._bounds = self._box = None
        if self._layer is not None:
            self.repaint()

    def boundingRect(self) -> QRectF:
        """The path's box with room for the hit shape and the arrowheads, computed once per
        route and pen: Qt asks for it thousands of times per frame on a large model (each
        time a call into Python), and it changes only with :meth:`setPath` and the pen
        (:meth:`_style`). Qt copies what it is given; callers must not change it."""
        bounds = self._bounds
        if bounds is None:  # Qt asks for the old box while a change is prepared: still kept
            bounds = self._bounds = super().boundingRect().adjusted(-10, -10, 10, 10)
        return bounds

    def box(self) -> Bounds:
        """:meth:`boundingRect` as floats (left, top, right, bottom), kept with it."""
        box = self._box
        if box is None:
            bounds = self.boundingRect()
            box = self._box = (bounds.left(), bounds.top(), bounds.right(), bounds.bottom())
        return box

    def in_view(self, exposed: QRectF) -> bool:
        """Some line of the route, with its pen and arrowheads (``PAINT_MARGIN``), reaches
        ``exposed`` (item coordinates).

        A flow from a device to a network across the canvas has a box that reaches most
        views, though few of its lines do: on a large model most flows painted for a frame
        drew nothing that showed, and painting them was most of an edit's repaint."""
        if exposed.isEmpty():
            return True
        box = exposed.adjusted(-PAINT_MARGIN, -PAINT_MARGIN, PAINT_MARGIN, PAINT_MARGIN)
        x, y, w, h = area = (box.left(), box.top(), box.width(), box.height())
        # A segment whose box lies a whole unit outside the area cannot meet it: the clip is
        # only asked about the others (most segments of a frame are far off screen).
        low_x, high_x, low_y, high_y = x - 1.0, x + w + 1.0, y - 1.0, y + h + 1.0
        for x1, y1, x2, y2 in self._ends:
            if ((x1 < low_x and x2 < low_x) or (x1 > high_x and x2 > high_x)
                    or (y1 < low_y and y2 < low_y) or (y1 > high_y and y2 > high_y)):
                continue
            if clip_segment((x1, y1), (x2, y2), area) is not None:
                return True
        return False

    def _far(self, area: QRectF) -> bool:
        """No line of the route comes within a unit of ``area`` grown by
        :data:`PAINT_MARGIN` (each segment's box lies outside it, or the clip misses it):
        then no line meets any part of ``area`` that is exposed, as :meth:`in_view` would
        find, with a unit to spare for rounding.

        A frame's items share the painter's area (:func:`_device_area` hands back the same
        object while the view's transform and size stay): a repaint at the same view
        (an edit, the analysis arriving) returns from the flows far from it before asking
        Qt anything else; most of a large model's flows are."""
        margin = PAINT_MARGIN + 1.0
        box = area.adjusted(-margin, -margin, margin, margin)
        x, y, w, h = wide = (box.left(), box.top(), box.width(), box.height())
        for x1, y1, x2, y2 in self._ends:
            if ((x1 < x and x2 < x) or (x1 > x + w and x2 > x + w)
                    or (y1 < y and y2 < y) or (y1 > y + h and y2 > y + h)):
                continue
            if clip_segment((x1, y1), (x2, y2), wide) is not None:
                return False
        return True

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        device = _device_area(painter)
        exposed = option.exposedRect
        self.paint_in(painter, device, exposed, _head_reach(device, exposed))

    def paint_in(self, painter: QPainter, device: QRectF | None, exposed: QRectF,
                 reach: Bounds | None = None) -> None:
        """Paint the flow with ``painter`` on its frame whose area is ``device``
        (:func:`_device_area`), of which ``exposed`` is to be painted: :meth:`paint`, or
        :class:`FlowLayer` for each flow of the scene. Only the arrowheads whose tip lies
        in ``reach`` (:func:`_head_reach`; None: all) are drawn."""
        if device is not None and device is self._far_from:
            return  # this frame's area, already known to be far from every line
        if self.isSelected() != self._styled_selected:
            self._style()  # (selection changes the colour only: a skipped flow waits)
        if not self._shows_in(device, exposed):
            return  # nothing of it would show
        painter.setRenderHint(_ANTIALIASING)
        if self.partly_lit():
            self._paint_partly_lit(painter)
            return
        painter.setPen(self.pen())
        painter.setBrush(_NO_BRUSH)  # a layer's painter still holds the last flow's heads'
        painter.drawPath(self.path())
        if self._ends:
            pen, brush = _head_style(self.highlighted, self._styled_selected)
            self._draw_heads(painter, pen, brush, range(len(self._ends)), reach)

    def _shows_in(self, device: QRectF | None, exposed: QRectF) -> bool:
        """Some line of the route shows in the ``exposed`` part of the frame whose area is
        ``device`` (:func:`_device_area`): :meth:`_far`, then :meth:`in_view` of the
        exposed part inside the area. A frame painted again at the same view and exposed
        part (each edit, the analysis arriving) reuses the answer of the last one that
        found the route showing: the lines and the margins are the same, so is the answer.
        Those that found it far are :attr:`_far_from`."""
        if device is None:
            return self.in_view(exposed)
        last = self._shown_in
        if last is not None and last[0] is device and last[1] == exposed:
            return True
        if self._far(device):
            self._far_from = device  # the next frame with this area returns at once
            return False
        shown = exposed.intersected(device)  # QGraphicsView.render() exposes the whole item
        if shown.isEmpty() or not self.in_view(shown):
            return False
        self._shown_in = (device, QRectF(exposed))
        return True

    def _paint_arrows(self, painter: QPainter, pen: QPen, which) -> None:
        if not self.segments:
            return
        solid = QPen(pen)
        solid.setStyle(Qt.PenStyle.SolidLine)
        self._draw_heads(painter, solid, QBrush(pen.color()), which)

    def _draw_heads(self, painter: QPainter, solid: QPen, brush: QBrush, which,
                    reach: Bounds | None = None) -> None:
        """The heads of the segments ``which`` with the ``solid`` pen and ``brush``, those
        whose tip lies in ``reach`` (None: all): a head lies within its size of its tip,
        so the others cannot show. The last segment ends in an arrowhead, small chevrons
        show the direction through networks; a bidirectional flow's first segment has one
        at its start too (the list's last entry)."""
        heads = self._arrowheads
        if heads is None:  # each made once per route, when first in reach
            heads = self._arrowheads = [None] * (len(self._ends) + 1)
        ends, last = self._ends, len(self._ends) - 1
        tips = [(i, False) for i in which]
        if self.flow.bidirectional and 0 in which:
            tips.append((0, True))
        styled = False
        for i, backwards in tips:
            x1, y1, x2, y2 = ends[i]
            if backwards:
                x1, y1, x2, y2 = x2, y2, x1, y1
            if reach is not None and not (reach[0] <= x2 <= reach[2]
                                          and reach[1] <= y2 <= reach[3]):
                continue
            slot = -1 if backwards else i
            head = heads[slot]
            if head is None:
                size = 10.0 if backwards or i == last else 7
                head = heads[slot] = _arrow(x1, y1, x2, y2, size)
            if not styled:
                painter.setPen(solid)
                painter.setBrush(brush)
                styled = True
            painter.drawPolygon(head)

    def _paint_partly_lit(self, painter: QPainter) -> None:
        """The hops a path crosses in the path's colour, the rest of the route dimmed (the
        item itself stays opaque so the lit hop is as bright as the path's own flows)."""
        lit = [i for i, h in enumerate(self.hops) if h in self.lit_hops]
        dim = [i for i in range(len(self.segments)) if i not in lit]
        faded = QPen(self.pen())
        colour = QColor(faded.color())
        colour.setAlphaF(theme.DIM_OPACITY)
        faded.setColor(colour)
        bright = QPen(self.pen())
        bright.setColor(theme.HIGHLIGHT)
        bright.setWidthF(3.0)
        for pen, which in ((faded, dim), (bright, lit)):
            painter.setPen(pen)
            for i in which:
                painter.drawLine(self.segments[i])
            self._paint_arrows(painter, pen, which)

    def label_anchor(self) -> tuple[QPointF, QLineF] | None:
        if not self.segments:
            return None
        seg = max(self.segments, key=lambda s: s.length())
        return seg.center(), seg


class FlowLayer(QGraphicsItem):
    """Paints every flow of the scene in one item, in the flows' own stacking order.

    Why: Qt painted each flow as an item of its own, and each paint was a call into
    Python (the painter, the option and the widget wrapped for it, the painter's state
    saved and restored): at the view a large model opens at, 1,667 flows have a line in
    view, and those calls were most of a frame. The flows' items (:class:`FlowItem`) stay
    in the scene for selection, hit tests, tooltips and the scene's bounds, flagged
    ``ItemHasNoContents``: Qt never paints them (nor repaints them when they change: what
    changes a flow's look asks this layer, :meth:`FlowItem.repaint`).

    Same pixels (``tests/gui/test_flow_layer.py``): the flows are painted in the order of
    the scene's ``flows`` (the order they were added, which is Qt's order among items of
    the same Z; every flow has Z 0 and nothing else does), each with its own opacity and
    with the painter's brush cleared as Qt's per-item state restore did; a flow whose box
    misses the exposed part is skipped as Qt skipped it (a flow painted where its box
    misses the exposed region draws only inside its box, outside the region painted).
    The layer is never hit (an empty shape, no mouse buttons), and its box is the union of
    the flows' boxes (:meth:`fit`), so the scene's items' bounds are unchanged.
    """

    def __init__(self, flows: dict[str, FlowItem]):
        super().__init__()
        self.flows = flows  # the scene's own dict: its order is the flows' stacking order
        self._rect = QRectF()
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def adopt(self, flow: FlowItem) -> None:
        """Paint ``flow`` from now on (before it is added to the scene)."""
        flow.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        flow._layer = self

    def release(self, flow: FlowItem) -> None:
        """``flow`` leaves the scene: its place is painted again without it."""
        if flow._bounds is not None:
            self.update(flow._bounds)
        flow._layer = None

    def fit(self) -> None:
        """The layer's box made the union of the flows' boxes again (after routes
        changed): Qt asks only the items whose box meets the exposed part to paint."""
        rect = QRectF()
        for flow in self.flows.values():
            rect = rect.united(flow.boundingRect())
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def restyle_selected(self) -> None:
        """The scene's selection changed: each flow selected or let go takes its colour
        now and is painted again (Qt's own repaint of a selected item reaches nothing
        here)."""
        try:
            for flow in self.flows.values():
                if flow.isSelected() != flow._styled_selected:
                    flow._style()
                    flow.repaint()
        except RuntimeError:  # the scene is being destroyed: its items are already gone
            return

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()  # clicks, hovers and rubber bands reach the flows beneath

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        exposed = option.exposedRect
        device = _device_area(painter)
        # Qt's cull of items by box, with a unit to spare (more is painted, never less):
        # the exposed part's box, then the rectangles the canvas repaints (DiagramView)
        left, top = exposed.left() - 1.0, exposed.top() - 1.0
        right, bottom = exposed.right() + 1.0, exposed.bottom() + 1.0
        view = widget.parent() if widget is not None else None
        rects = getattr(view, "painting", None)
        if rects is not None and len(rects) < 2:
            rects = None  # one rectangle: the exposed part's box already
        reach = _head_reach(device, exposed)
        base = painter.opacity()
        for flow in self.flows.values():
            x1, y1, x2, y2 = flow._box or flow.box()
            if x2 < left or x1 > right or y2 < top or y1 > bottom or not flow.isVisible():
                continue
            if rects is not None and not any(x2 >= a and x1 <= c and y2 >= b and y1 <= d
                                             for a, b, c, d in rects):
                continue
            opacity = flow.opacity()
            if opacity != base:
                painter.setOpacity(opacity)  # as Qt sets each item's own
                flow.paint_in(painter, device, exposed, reach)
                painter.setOpacity(base)
            else:
                flow.paint_in(painter, device, exposed, reach)


_NO_BRUSH = QBrush()
_ANTIALIASING = QPainter.RenderHint.Antialiasing  # (an enum member's look-up is a call)


@lru_cache(maxsize=8)
def _flow_pen(highlighted: bool, selected: bool, dashed: bool) -> QPen:
    """A flow's pen: lit, selected or at rest, dashed when the flow is not authenticated.
    Eight pens serve every flow (``setPen`` copies), instead of one made per flow."""
    colour = theme.HIGHLIGHT if highlighted else (theme.SELECTION if selected else theme.FLOW)
    pen = QPen(colour, 3.0 if highlighted else 1.6)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


@lru_cache(maxsize=4)
def _head_style(highlighted: bool, selected: bool) -> tuple[QPen, QBrush]:
    """The pen and brush of a flow's arrowheads: its pen made solid (a dashed flow's heads
    are not dashed), filled with its colour. Four serve every flow, instead of a pen and
    a brush made per flow and frame (``tests/gui/test_paint_culling.py``)."""
    pen = _flow_pen(highlighted, selected, False)
    return QPen(pen), QBrush(pen.color())


def _device_area(painter: QPainter) -> QRectF | None:
    """The part of the item's coordinates ``painter`` can paint on (its viewport), or None
    when its transform cannot be inverted. Every flow of a frame is painted with the same
    transform and viewport: the last answer is kept for them (``_AREA``; read-only)."""
    transform, viewport = painter.combinedTransform(), painter.viewport()
    if _AREA and _AREA[0] == transform and _AREA[1] == viewport:
        return _AREA[2]
    inverse, invertible = transform.inverted()
    area = inverse.mapRect(QRectF(viewport)) if invertible else None
    _AREA[:] = [transform, viewport, area]
    return area


#: The last (transform, viewport, area) of :func:`_device_area`.
_AREA: list = []


#: How far (item units) a flow's painting reaches beyond its lines: the widest pen (3) and
#: the largest arrowhead (10), with room for antialiasing.
PAINT_MARGIN = 16.0


def _arrow(tail_x: float, tail_y: float, tip_x: float, tip_y: float,
           size: float = 10.0) -> QPolygonF:
    """An arrowhead of ``size`` at the tip of the line from the tail, as floats (a
    segment's ends: no ``QLineF`` made for it)."""
    angle = math.atan2(tip_y - tail_y, tip_x - tail_x)
    left = QPointF(tip_x - size * math.cos(angle - 0.4), tip_y - size * math.sin(angle - 0.4))
    right = QPointF(tip_x - size * math.cos(angle + 0.4), tip_y - size * math.sin(angle + 0.4))
    return QPolygonF([QPointF(tip_x, tip_y), left, right])


#: The largest arrowhead's size: a head lies within it of its tip.
HEAD_SIZE = 10.0


def _head_reach(device: QRectF | None, exposed: QRectF) -> Bounds | None:
    """Where an arrowhead's tip must lie for the head to show in ``exposed`` inside the
    frame's area ``device``: that part grown by :data:`PAINT_MARGIN` and
    :data:`HEAD_SIZE`, as (left, top, right, bottom); None (every head) without an area."""
    if device is None:
        return None
    shown = exposed.intersected(device)
    grow = PAINT_MARGIN + HEAD_SIZE
    return (shown.left() - grow, shown.top() - grow, shown.right() + grow,
            shown.bottom() + grow)


@lru_cache(maxsize=4096)
def _label_text(text: str) -> tuple[str, float]:
    """A label's text elided to 110 px in the small font, and its width (0 when empty):
    flows share a few protocols, and a model's opening laid each label's text out twice."""
    metrics = QFontMetricsF(_SMALL_FONT)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, 110)
    return shown, metrics.horizontalAdvance(shown) if shown else 0


class FlowLabel(QGraphicsItem):
    """Protocol label of a flow, with a drawn padlock when the flow is encrypted."""

    def __init__(self, owner: FlowItem):
        super().__init__()
        self.owner = owner
        self.setZValue(20)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.risk_colour: QColor | None = None
        self.refresh()

    #: what the label shows (text, padlock), as last laid out by :meth:`refresh`
    _shown: tuple[str, bool] | None = None

    def refresh(self) -> None:
        """Lay the label out again when what it shows changed. A flow's route is recomputed
        whenever one of its cards moves (and once more as it is made), its text and padlock
        seldom change: the same text keeps the same rectangle and paint, and the label's
        moves are the placement's (``setPos``)."""
        flow = self.owner.flow
        shown = (flow.protocol or flow.name or "", bool(flow.encrypted))
        if shown == self._shown:
            return
        self._shown = shown
        self.prepareGeometryChange()
        self.text, w = _label_text(shown[0])
        self.lock = flow.encrypted
        lock_w = 10 if self.lock else 0
        gap = 4 if (self.text and self.lock) else 0
        self._rect = QRectF(0, 0, w + lock_w + gap + 8, 15)
        self.update()

    @property
    def empty(self) -> bool:
        return not self.text and not self.lock

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = theme.HIGHLIGHT if self.owner.highlighted else (
            self.risk_colour or QColor("#b8c0cc"))
        painter.setPen(QPen(edge, 2.2 if self.risk_colour is not None else 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(self._rect, 4, 4)
        x = 4.0
        if self.lock:
            colour = QColor("#2e7d32")
            painter.setPen(QPen(colour, 1.3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(QRectF(x + 1.5, 2.5, 6, 7), 0, 180 * 16)
            painter.setBrush(colour)
            painter.drawRect(QRectF(x, 6.5, 9, 6))
            x += 14
        if self.text:
            painter.setFont(_SMALL_FONT)
            painter.setPen(theme.TEXT)
            painter.drawText(QRectF(x, 0, self._rect.width() - x, self._rect.height()),
                             Qt.AlignmentFlag.AlignVCenter, self.text)
