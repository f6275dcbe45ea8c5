"""A flow dragged across a network card routes via that network (issue 15, workshop)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.gui.helpers import drag, vp
from workbench.gui.pickers import MultiChoiceButton
from workbench.model import edits


def _place(window, key: str, centre: QPointF) -> None:
    """Move a card so its centre is at ``centre`` (scene coordinates), undoably."""
    rect = window.scene.elements[key].scene_rect()
    box = window.doc.model.layout.elements[key]
    window.doc.apply("Move", edits.move_elements,
                     {key: (box.x + centre.x() - rect.center().x(),
                            box.y + centre.y() - rect.center().y())})


def _flows(window, source: str, target: str):
    return [f for f in window.doc.model.flows if f.source == source and f.target == target]


def test_a_flow_dragged_across_a_network_card_routes_via_it(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    end = cloud.scene_rect().center()
    _place(window, "lte", (start + end) / 2)  # the LTE card sits on the way
    _place(window, "ble", QPointF(start.x(), start.y() + 600))  # the BLE card does not
    drag(qtbot, window, start, end)
    flows = _flows(window, "pump", "vcloud")
    assert len(flows) == 1 and flows[0].via == ["lte"]
    assert "Cellular LTE" in window.statusBar().currentMessage()
    scene.select_ids([flows[0].id])
    via = window.inspector.findChild(MultiChoiceButton, "via")
    assert via is not None and via.full_text() == "Cellular LTE"
    window.doc.undo_stack.undo()  # one undo removes the routed flow
    assert not _flows(window, "pump", "vcloud")


def test_two_network_cards_crossed_are_kept_in_the_order_met(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    end = cloud.scene_rect().center()
    _place(window, "lte", start + (end - start) * 0.3)
    _place(window, "ble", start + (end - start) * 0.7)
    drag(qtbot, window, start, end)
    assert [f.via for f in _flows(window, "pump", "vcloud")] == [["lte", "ble"]]


def test_a_flow_that_misses_every_network_card_stays_direct(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    end = cloud.scene_rect().center()
    for key, dy in (("lte", 500), ("ble", 800)):
        _place(window, key, QPointF((start.x() + end.x()) / 2, max(start.y(), end.y()) + dy))
    drag(qtbot, window, start, end)
    assert [f.via for f in _flows(window, "pump", "vcloud")] == [[]]


def test_drawing_onto_a_network_card_then_onward_works_as_before(qtbot, make_window,
                                                                 tiny_path):
    """Device -> network card, then network -> cloud: two plain flows, even when the first
    segment crosses the other network card on the way."""
    window = make_window(tiny_path)
    scene = window.scene
    pump, lte, cloud = scene.elements["pump"], scene.elements["lte"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    _place(window, "ble", (start + lte.scene_rect().center()) / 2)
    drag(qtbot, window, start, lte.scene_rect().center())
    hop = lte.mapToScene(lte.handle_rect().center())
    drag(qtbot, window, hop, cloud.scene_rect().center())
    assert [f.via for f in _flows(window, "pump", "lte")] == [[]]
    assert [f.via for f in _flows(window, "lte", "vcloud")] == [[]]


def test_the_route_is_announced_while_dragging(qtbot, make_window, tiny_path):
    """Before the mouse is released the status bar says which network the flow will take."""
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    end = cloud.scene_rect().center()
    _place(window, "lte", (start + end) / 2)
    _place(window, "ble", QPointF(start.x(), start.y() + 600))
    viewport = window.view.viewport()
    a, b = vp(window, start), vp(window, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(viewport, a + (b - a) / 4)  # short of the LTE card: nothing to say
    assert "Cellular LTE" not in window.statusBar().currentMessage()
    QTest.mouseMove(viewport, b)
    assert "goes via Cellular LTE" in window.statusBar().currentMessage()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert [f.via for f in _flows(window, "pump", "vcloud")] == [["lte"]]
