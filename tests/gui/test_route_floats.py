"""A flow's route computed on floats (``FlowItem.route_boxes``, ``clip_to_edges``,
``boxes_meet``), its lines made on demand, its hit shape stroked on demand and its pens
shared, against the plain computation on Qt's rectangles and points they replace."""

from __future__ import annotations

import random

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen

from tests.model.factories import tiny_model
from workbench.gui import theme
from workbench.gui.items import FlowItem, boxes_meet, clip_to_edges


def _plain_clip(inside: QPointF, outside: QPointF, rect: QRectF) -> QPointF:
    """The clip as it was computed on ``QPointF`` and ``QRectF``."""
    dx, dy = outside.x() - inside.x(), outside.y() - inside.y()
    best = 1.0
    if dx:
        for edge in (rect.left(), rect.right()):
            t = (edge - inside.x()) / dx
            if 0 < t < best and rect.top() - 0.5 <= inside.y() + t * dy <= rect.bottom() + 0.5:
                best = t
    if dy:
        for edge in (rect.top(), rect.bottom()):
            t = (edge - inside.y()) / dy
            if 0 < t < best and rect.left() - 0.5 <= inside.x() + t * dx <= rect.right() + 0.5:
                best = t
    return QPointF(inside.x() + best * dx, inside.y() + best * dy)


def _plain_route(rects: list[QRectF], ends: list[str]) -> tuple[list[QLineF], list]:
    segments, hops = [], []
    for (a, ea), (b, eb) in zip(zip(rects, ends, strict=True),
                                zip(rects[1:], ends[1:], strict=True), strict=False):
        if a.intersects(b):
            continue
        ca, cb = a.center(), b.center()
        segments.append(QLineF(_plain_clip(ca, cb, a), _plain_clip(cb, ca, b)))
        hops.append(frozenset((ea, eb)))
    return segments, hops


def _plain_pen(item: FlowItem) -> QPen:
    colour = theme.HIGHLIGHT if item.highlighted else (
        theme.SELECTION if item.isSelected() else theme.FLOW)
    pen = QPen(colour, 3.0 if item.highlighted else 1.6)
    if not item.flow.authenticated:
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _rect(rng: random.Random) -> QRectF:
    """Cards on a coarse grid (edges that touch or coincide), sometimes null or reversed."""
    step = rng.choice((10.0, 0.5, 1.0 / 3.0))
    w = rng.choice((150.0, 64.0, 0.0, -40.0, rng.randint(1, 30) * step))
    h = rng.choice((64.0, 150.0, 0.0, -20.0, rng.randint(1, 30) * step))
    return QRectF(rng.randint(-40, 120) * step, rng.randint(-40, 120) * step, w, h)


def test_boxes_meet_is_qrectf_intersects() -> None:
    rng = random.Random(5)
    met = 0
    for _ in range(5000):
        a, b = _rect(rng), _rect(rng)
        got = boxes_meet((a.x(), a.y(), a.width(), a.height()),
                         (b.x(), b.y(), b.width(), b.height()))
        assert got == a.intersects(b), (a, b)
        met += got
    assert 0 < met < 5000


def test_clip_to_edges_is_the_plain_clip() -> None:
    rng = random.Random(6)
    for _ in range(5000):
        rect = _rect(rng)
        inside = rect.center()
        outside = QPointF(rng.randint(-400, 1600) * 0.5, rng.randint(-400, 1600) * 0.5)
        got = clip_to_edges(inside.x(), inside.y(), outside.x(), outside.y(), rect.left(),
                            rect.top(), rect.right(), rect.bottom())
        plain = _plain_clip(inside, outside, rect)
        assert got == (plain.x(), plain.y()), (rect, outside)


def test_route_is_the_plain_route(qapp) -> None:
    items = [FlowItem(flow) for flow in tiny_model().flows]
    rng = random.Random(7)
    skipped = 0
    for n in range(300):
        item = items[n % len(items)]
        rects = [_rect(rng) for _ in range(rng.randint(1, 4))]
        ends = [f"e{i}" for i in range(len(rects))]
        item.set_route(item.flow, rects, ends)
        segments, hops = _plain_route(rects, ends)
        skipped += len(rects) - 1 - len(segments)
        assert item.segments == segments
        assert item._ends == [(s.x1(), s.y1(), s.x2(), s.y2()) for s in segments]
        assert item.hops == hops
        assert item.routed() == bool(segments)
        path = QPainterPath()
        for seg in segments:
            path.moveTo(seg.p1())
            path.lineTo(seg.p2())
        assert item.path() == path
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        assert item.shape() == stroker.createStroke(path)
        item.setSelected(rng.random() < 0.3)
        item.set_highlight(rng.random() < 0.3)
        assert item.pen() == _plain_pen(item)
    assert skipped  # overlapping cards were met (no line between them)


def test_the_scene_routes_from_each_card_read_once(make_window, tiny_path) -> None:
    """A model's opening: every flow's route is the plain route through its cards'
    ``scene_rect`` (what the scene read per flow end before)."""
    window = make_window(tiny_path)
    scene = window.scene
    assert scene.flows
    for item in scene.flows.values():
        flow = item.flow
        ids = [e for e in (flow.source, *flow.via, flow.target) if e in scene.elements]
        rects = [scene.elements[e].scene_rect() for e in ids]
        assert [QRectF(*scene.elements[e].scene_edges()) for e in ids] == rects
        assert item.segments == _plain_route(rects, ids)[0]


def test_a_label_laid_out_again_only_when_what_it_shows_changes(qapp) -> None:
    """``FlowLabel.refresh`` skips a flow whose text and padlock are unchanged: after any
    change of the flow the label holds what a new label for that flow would."""
    from workbench.gui.items import FlowLabel

    flow = tiny_model().flows[0]
    item = FlowItem(flow)
    item.label = FlowLabel(item)
    rng = random.Random(8)
    for _ in range(60):
        flow = flow.model_copy(update={
            "protocol": rng.choice((None, "", "HTTPS", "MQTT over TLS 1.3 with mutual auth")),
            "name": rng.choice(("", "telemetry", "a rather long flow name for a label")),
            "encrypted": rng.choice((True, False))})
        item.flow = flow
        item.label.refresh()
        fresh = FlowLabel(item)
        assert (item.label.text, item.label.lock, item.label.boundingRect()) == (
            fresh.text, fresh.lock, fresh.boundingRect())
