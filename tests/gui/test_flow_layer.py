"""One item paints every flow (``items.FlowLayer``) instead of each flow painting itself.

Two oracles: the frames painted through the layer equal the frames painted the plain way
(each ``FlowItem`` an item with contents, painted by Qt in its own stacking order), at
fitted and close-up views, with a lit path, partly lit and dimmed flows and a selected
flow; and what the window shows after changes repainted bit by bit (selection, a lit
path, moves, drags, deletions, undo) equals a full repaint of the same state: a change
the layer was not told about would leave stale pixels on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from tests.gui.helpers import viewport_frames
from workbench.model import edits

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample-models"
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _plain_frames(window) -> list[QImage]:
    """The frames with the layer hidden and every flow painting itself (as before it)."""
    scene = window.scene
    for flow in scene.flows.values():
        flow.setFlag(NO_CONTENTS, False)
        flow._layer = None
    scene.flow_layer.setVisible(False)
    try:
        return viewport_frames(window)
    finally:
        scene.flow_layer.setVisible(True)
        for flow in scene.flows.values():
            scene.flow_layer.adopt(flow)


def _same_as_plain(window) -> None:
    layered = viewport_frames(window)
    assert layered == _plain_frames(window)
    assert layered == viewport_frames(window)  # painted again at the same view (reused answers)


def _grid_model_path(tmp_path, elements: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_window_scale import grid_layout
    from gen_synthetic import synthetic_model

    from workbench.model.io import save_model

    model = synthetic_model(elements)
    path = tmp_path / "grid.twm.json"
    save_model(model.model_copy(update={"layout": grid_layout(model)}), path)
    return path


@pytest.mark.parametrize("name", ["ght-shared-ehr-pacs", "hospital-ward-iomt"])
def test_the_layer_paints_the_flows_as_they_painted_themselves(make_window, name):
    window = make_window(SAMPLES / f"{name}.twm.json")
    scene = window.scene
    assert scene.flows and all(f.flags() & NO_CONTENTS for f in scene.flows.values())
    _same_as_plain(window)
    window.view.resetTransform()
    window.view.scale(3.0, 3.0)
    for item in list(scene.elements.values())[:10]:  # close up on cards in turn
        window.view.centerOn(item)
        _same_as_plain(window)
    window.view.fit()
    flows = list(scene.flows.values())
    lit = flows[0]
    crossing = next((f for f in flows[1:] if f.hops), None)
    hops = {crossing.item_id: {crossing.hops[0]}} if crossing is not None else None
    scene.set_highlight({lit.item_id, lit.flow.source, lit.flow.target}, hops)
    assert any(f.opacity() < 1.0 for f in flows)  # dimmed flows painted with their opacity
    if crossing is not None:
        assert crossing.partly_lit()
    flows[-1].setSelected(True)
    _same_as_plain(window)
    window.view.resetTransform()
    window.view.scale(2.0, 2.0)
    window.view.centerOn(lit)
    _same_as_plain(window)


def test_a_large_model_at_the_view_it_opens_at(make_window, tmp_path):
    """The hubs' view of a generated hospital group: most flows have a line in view, most
    arrowheads do not (those whose tip is out of reach are not drawn)."""
    window = make_window(_grid_model_path(tmp_path, 300))
    window.view.fit_readable()
    _same_as_plain(window)
    window.view.scale(0.5, 0.5)
    _same_as_plain(window)


def _on_screen(window, qtbot) -> QImage:
    """What the canvas shows now: the window's backing store (repainted only where Qt was
    told), the canvas's part of it (the toolbar's buttons change with the undo stack)."""
    qtbot.wait(20)
    viewport = window.view.viewport()
    corner = viewport.mapTo(window, viewport.rect().topLeft())
    return window.screen().grabWindow(window.winId(), corner.x(), corner.y(),
                                      viewport.width(), viewport.height()).toImage()


def _fresh(window, qtbot) -> QImage:
    """The same state painted afresh (the whole canvas repainted)."""
    window.view.viewport().update()
    return _on_screen(window, qtbot)


def _inner(scene) -> list:
    """Flows whose box lies well inside the layer's: changing them leaves the layer's box
    as it was (a new box repaints the whole layer, which would hide a missed repaint)."""
    layer = scene.flow_layer.boundingRect().adjusted(150, 150, -150, -150)
    return [f for f in scene.flows.values() if layer.contains(f.boundingRect()) and f.hops]


def test_what_changes_a_flow_repaints_it(make_window, qtbot):
    window = make_window(SAMPLES / "hospital-ward-iomt.twm.json")
    scene, doc = window.scene, window.doc
    window.view.resetTransform()
    window.view.scale(1.5, 1.5)
    flows = _inner(scene)
    assert len(flows) >= 2
    window.view.centerOn(flows[0])
    layer_box = scene.flow_layer.boundingRect()
    _on_screen(window, qtbot)

    def check(what: str) -> None:
        shown = _on_screen(window, qtbot)
        assert shown == _fresh(window, qtbot), what

    flows[0].setSelected(True)
    check("a flow selected")
    scene.clearSelection()
    check("the selection cleared")
    scene.set_highlight({flows[0].item_id}, {flows[1].item_id: set(flows[1].hops[:1])})
    check("a path lit")
    scene.set_highlight(None)
    check("the path cleared")
    source = flows[0].flow.source
    box = doc.model.layout.elements[source]
    doc.apply("move", edits.move_elements, {source: (box.x - 110, box.y + 90)})
    check("a card moved: its flows rerouted")
    card = scene.elements[flows[0].flow.target]
    card.setPos(card.pos() + QPointF(-25, 15))
    scene._element_dragged(card)
    check("a card dragged")
    doc.apply("delete", edits.remove_elements, [flows[0].item_id])
    check("a flow deleted")
    doc.undo_stack.undo()
    check("the deletion undone")
    assert scene.flow_layer.boundingRect() == layer_box  # no change was a whole repaint


def test_the_layer_covers_the_flows_and_nothing_more(make_window, tmp_path):
    """The layer's box is the union of the flows' boxes: the scene's bounds (the fit, the
    scroll range) are what they were; it is never hit by a click."""
    window = make_window(SAMPLES / "ght-shared-ehr-pacs.twm.json")
    scene = window.scene
    union = None
    for flow in scene.flows.values():
        box = flow.sceneBoundingRect()
        union = box if union is None else union.united(box)
    assert scene.flow_layer.sceneBoundingRect() == union
    for flow in list(scene.flows.values())[:5]:
        point = flow.segments[0].center()
        assert scene.flow_layer not in scene.items(point)
        assert flow in scene.items(point)
    source = next(iter(scene.flows.values())).flow.source
    box = window.doc.model.layout.elements[source]
    window.doc.apply("move", edits.move_elements, {source: (box.x + 4000, box.y + 3000)})
    union = None
    for flow in scene.flows.values():
        box = flow.sceneBoundingRect()
        union = box if union is None else union.united(box)
    assert scene.flow_layer.sceneBoundingRect() == union


def test_an_edit_that_moves_no_card_keeps_the_routes(make_window):
    """An edit reroutes the flows of each card it touches; a route that comes out the same
    keeps what was worked out for it (where it shows, its arrowheads) and repaints
    nothing, as Qt's ``setPath`` of the same path did."""
    window = make_window(SAMPLES / "hospital-ward-iomt.twm.json")
    viewport_frames(window)
    flow = next(f for f in window.scene.flows.values() if f._shown_in is not None)
    shown, heads = flow._shown_in, flow._arrowheads
    window.doc.apply("rename", edits.update_component, flow.flow.source, {"name": "renamed"})
    assert flow._shown_in is shown and flow._arrowheads is heads
    _same_as_plain(window)
