"""A flow whose box reaches the view though none of its lines does is not painted
(``FlowItem.in_view``): the canvas must look exactly as when every flow is painted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.gui.helpers import viewport_frames
from workbench.gui.items import FlowItem

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


def _culled_and_whole(window, monkeypatch) -> tuple[list[QImage], list[QImage], int]:
    skipped = []
    real, real_far = FlowItem.in_view, FlowItem._far

    def counted(self, exposed):
        shown = real(self, exposed)
        skipped.append(not shown)
        return shown

    def far(self, area):
        out = real_far(self, area)
        skipped.append(out)
        return out

    monkeypatch.setattr(FlowItem, "in_view", counted)
    monkeypatch.setattr(FlowItem, "_far", far)
    culled = viewport_frames(window)  # twice: the second frame reuses what the first found far
    for item in window.scene.flows.values():
        item._far_from = None  # nothing known far: every flow painted in full
    monkeypatch.setattr(FlowItem, "in_view", lambda self, exposed: True)
    monkeypatch.setattr(FlowItem, "_far", lambda self, area: False)
    whole = viewport_frames(window)
    monkeypatch.undo()
    for item in window.scene.flows.values():
        item._far_from = None
    return culled, whole, sum(skipped)


@pytest.mark.parametrize("name", ["ght-shared-ehr-pacs", "hospital-ward-iomt"])
def test_culled_flows_leave_the_canvas_as_it_was(make_window, monkeypatch, name):
    window = make_window(SAMPLES / f"{name}.twm.json")
    culled, whole, _ = _culled_and_whole(window, monkeypatch)  # the whole model
    assert culled == whole
    window.view.resetTransform()
    window.view.scale(3.0, 3.0)
    seen = 0
    for item in list(window.scene.elements.values())[:12]:  # close up on cards in turn
        window.view.centerOn(item)
        culled, whole, skipped = _culled_and_whole(window, monkeypatch)
        assert culled == whole, item.item_id
        seen += skipped
    assert seen  # some flow was skipped: the test saw the culling at work


def test_a_flow_rerouted_into_a_known_view_is_painted(make_window, monkeypatch):
    """A flow found far from a frame's area is skipped at once in the next frame with that
    area, until its route changes (``FlowItem.set_route`` forgets it)."""
    window = make_window(SAMPLES / "hospital-ward-iomt.twm.json")
    window.view.resetTransform()
    window.view.scale(3.0, 3.0)
    cards = list(window.scene.elements.values())
    window.view.centerOn(cards[0])
    viewport_frames(window)
    far = [f for f in window.scene.flows.values() if f._far_from is not None]
    assert far
    moved = far[0]
    rect = cards[0].scene_rect()  # route it across the card in view
    moved.set_route(moved.flow, [rect.translated(-400, 0), rect.translated(400, 0)])
    assert moved._far_from is None
    culled, whole, _ = _culled_and_whole(window, monkeypatch)
    assert culled == whole


def _repainted_and_whole(window, monkeypatch) -> tuple[list[QImage], list[QImage], int]:
    """The frames painted again at the same view (the routes' answers of the frame before
    reused: ``FlowItem._shows_in``), how many flows were judged afresh, and the frames
    with every flow painted in full."""
    viewport_frames(window)
    judged = []
    real = FlowItem.in_view

    def counted(self, exposed):
        judged.append(self)
        return real(self, exposed)

    monkeypatch.setattr(FlowItem, "in_view", counted)
    again = viewport_frames(window)
    monkeypatch.undo()
    for item in window.scene.flows.values():
        item._far_from = item._shown_in = None
    monkeypatch.setattr(FlowItem, "in_view", lambda self, exposed: True)
    monkeypatch.setattr(FlowItem, "_far", lambda self, area: False)
    whole = viewport_frames(window)
    monkeypatch.undo()
    for item in window.scene.flows.values():
        item._far_from = item._shown_in = None
    return again, whole, len(judged)


@pytest.mark.parametrize("name", ["ght-shared-ehr-pacs", "hospital-ward-iomt"])
def test_a_frame_painted_again_at_the_same_view_looks_as_painted_in_full(
        make_window, monkeypatch, name):
    window = make_window(SAMPLES / f"{name}.twm.json")
    again, whole, judged = _repainted_and_whole(window, monkeypatch)
    assert again == whole
    assert judged < len(window.scene.flows)  # the answers were reused: the test saw it
    window.view.resetTransform()
    window.view.scale(3.0, 3.0)
    for item in list(window.scene.elements.values())[:8]:  # close up on cards in turn
        window.view.centerOn(item)
        again, whole, _ = _repainted_and_whole(window, monkeypatch)
        assert again == whole, item.item_id
    lit = next(iter(window.scene.flows))  # a lit flow and a selected one, at the same view
    window.scene.set_highlight({lit})
    window.scene.flows[lit].setSelected(True)
    again, whole, _ = _repainted_and_whole(window, monkeypatch)
    assert again == whole


def test_a_flow_rerouted_forgets_where_it_showed(make_window):
    window = make_window(SAMPLES / "hospital-ward-iomt.twm.json")
    viewport_frames(window)
    shown = [f for f in window.scene.flows.values() if f._shown_in is not None]
    assert shown
    flow = shown[0]
    rect = window.scene.elements[flow.flow.source].scene_rect()
    flow.set_route(flow.flow, [rect.translated(-9000, 0), rect.translated(-8000, 0)])
    assert flow._shown_in is None


def test_arrowheads_keep_the_flows_pen_made_solid_and_its_colour():
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush, QPen

    from workbench.gui.items import _flow_pen, _head_style

    for highlighted in (False, True):
        for selected in (False, True):
            for dashed in (False, True):
                pen = QPen(_flow_pen(highlighted, selected, dashed))
                solid = QPen(pen)
                solid.setStyle(Qt.PenStyle.SolidLine)
                head_pen, head_brush = _head_style(highlighted, selected)
                assert head_pen == solid
                assert head_brush == QBrush(pen.color())
