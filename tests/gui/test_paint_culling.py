"""A flow whose box reaches the view though none of its lines does is not painted
(``FlowItem.in_view``): the canvas must look exactly as when every flow is painted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPainter

from workbench.gui.items import FlowItem

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


def _frames(window) -> list[QImage]:
    """The viewport as the window paints it (grab) and as QGraphicsView.render paints it."""
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    window.view.render(painter)
    painter.end()
    return [viewport.grab().toImage(), image]


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
    culled = _frames(window)  # twice: the second frame reuses what the first found far
    for item in window.scene.flows.values():
        item._far_from = None  # nothing known far: every flow painted in full
    monkeypatch.setattr(FlowItem, "in_view", lambda self, exposed: True)
    monkeypatch.setattr(FlowItem, "_far", lambda self, area: False)
    whole = _frames(window)
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
    _frames(window)
    far = [f for f in window.scene.flows.values() if f._far_from is not None]
    assert far
    moved = far[0]
    rect = cards[0].scene_rect()  # route it across the card in view
    moved.set_route(moved.flow, [rect.translated(-400, 0), rect.translated(400, 0)])
    assert moved._far_from is None
    culled, whole, _ = _culled_and_whole(window, monkeypatch)
    assert culled == whole
