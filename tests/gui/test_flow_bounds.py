"""A flow's cached box and its quick off-screen test (``FlowItem.boundingRect``,
``FlowItem.in_view``) against the plain computations they replace."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsPathItem

from workbench.gui.items import PAINT_MARGIN, FlowItem
from workbench.model.geometry import clip_segment


def _plain_box(item: FlowItem) -> QRectF:
    return QGraphicsPathItem.boundingRect(item).adjusted(-10, -10, 10, 10)


def _plain_in_view(item: FlowItem, exposed: QRectF) -> bool:
    if exposed.isEmpty():
        return True
    box = exposed.adjusted(-PAINT_MARGIN, -PAINT_MARGIN, PAINT_MARGIN, PAINT_MARGIN)
    area = (box.left(), box.top(), box.width(), box.height())
    return any(clip_segment((s.x1(), s.y1()), (s.x2(), s.y2()), area) is not None
               for s in item.segments)


def test_the_box_follows_the_route_and_the_pen(make_window, tiny_path) -> None:
    window = make_window(tiny_path)
    flows = list(window.scene.flows.values())
    assert flows
    for item in flows:
        assert item.boundingRect() == _plain_box(item)
        item.set_highlight(True)  # a wider pen: a wider box
        assert item.boundingRect() == _plain_box(item)
        item.set_highlight(False)
        assert item.boundingRect() == _plain_box(item)
    a, b = list(window.scene.elements.values())[:2]
    window.scene._route(flows[0], flows[0].flow)  # same route again
    item = flows[0]
    item.set_route(item.flow, [a.scene_rect(), b.scene_rect().translated(400, 300)])
    assert item.boundingRect() == _plain_box(item)


def test_in_view_is_the_plain_clip_test(make_window, tiny_path) -> None:
    window = make_window(tiny_path)
    item = next(iter(window.scene.flows.values()))
    cards = list(window.scene.elements.values())
    rng = random.Random(17)
    checked = shown = 0
    for _ in range(300):
        rects = [QRectF(rng.uniform(-500, 1500), rng.uniform(-500, 1500), rng.uniform(20, 200),
                        rng.uniform(20, 80)) for _ in range(rng.randint(2, 4))]
        item.set_route(item.flow, rects, [c.item_id for c in cards[:len(rects)]]
                       if len(cards) >= len(rects) else None)
        for _ in range(20):
            x, y = rng.uniform(-600, 1600), rng.uniform(-600, 1600)
            if rng.random() < 0.3 and item.segments:  # an edge right at a segment's end
                seg = rng.choice(item.segments)
                x = seg.x1() - PAINT_MARGIN - rng.choice((0.0, 1e-9, 0.5, 1.0, 1.5))
            exposed = QRectF(x, y, rng.choice((0.0, rng.uniform(1, 900))), rng.uniform(1, 600))
            got = item.in_view(exposed)
            assert got == _plain_in_view(item, exposed), (rects, exposed)
            checked += 1
            shown += got
    assert checked and 0 < shown < checked  # both answers were exercised


def test_far_means_no_exposed_part_shows_the_flow(make_window, tiny_path) -> None:
    """``FlowItem._far``: a route it calls far from an area is not in view (plain clip) for
    any exposed rectangle inside that area."""
    window = make_window(tiny_path)
    item = next(iter(window.scene.flows.values()))
    rng = random.Random(18)
    far_seen = near_seen = 0
    for _ in range(300):
        rects = [QRectF(rng.uniform(-500, 1500), rng.uniform(-500, 1500), rng.uniform(20, 200),
                        rng.uniform(20, 80)) for _ in range(rng.randint(2, 4))]
        item.set_route(item.flow, rects)
        area = QRectF(rng.uniform(-600, 1600), rng.uniform(-600, 1600), rng.uniform(50, 900),
                      rng.uniform(50, 600))
        if not item._far(area):
            near_seen += 1
            continue
        far_seen += 1
        for _ in range(10):
            x, y = rng.uniform(area.left(), area.right()), rng.uniform(area.top(), area.bottom())
            exposed = QRectF(x, y, rng.uniform(0, area.right() - x),
                             rng.uniform(0, area.bottom() - y)).intersected(area)
            assert exposed.isEmpty() or not _plain_in_view(item, exposed)
        assert not _plain_in_view(item, area)
    assert far_seen and near_seen
