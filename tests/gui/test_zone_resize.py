"""Resizing a trust zone by dragging its edge or corner: undoable, and the elements whose
centre enters or leaves follow the drawn-zone rule (edits.resize_zone)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from tests.gui.helpers import drag


def _zone_around_pump(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z)
    before = {z.id for z in window.doc.model.zones}
    rect = window.scene.elements["pump"].scene_rect().adjusted(-12, -32, 12, 12)
    drag(qtbot, window, rect.topLeft(), rect.bottomRight())
    (zone,) = [z for z in window.doc.model.zones if z.id not in before]
    window.view.setFocus()
    return zone.id


def test_drag_a_corner_over_a_card_and_it_joins_then_undo(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    zone_id = _zone_around_pump(qtbot, window)
    model = window.doc.model
    assert model.component("relay").zone == "home"
    item = window.scene.zones[zone_id]
    relay = window.scene.elements["relay"].scene_rect()
    corner = item.rect().bottomRight()
    assert window.scene.zone_edge_at(corner)[1] == "rb"
    # drag the bottom-right corner past the relay card (its centre comes inside)
    end = QPointF(max(corner.x(), relay.right() + 14), max(corner.y(), relay.bottom() + 14))
    steps = window.doc.undo_stack.count()
    drag(qtbot, window, corner, end)
    model = window.doc.model
    assert model.component("relay").zone == zone_id
    assert model.component("pump").zone == zone_id
    box = model.layout.zones[zone_id]
    assert abs(box.x + box.w - end.x()) < 2 and abs(box.y + box.h - end.y()) < 2
    assert window.doc.undo_stack.count() == steps + 1
    assert "1 element(s) joined" in window.statusBar().currentMessage()
    window.doc.undo_stack.undo()
    assert window.doc.model.component("relay").zone == "home"
    assert abs(window.scene.zones[zone_id].rect().right() - corner.x()) < 1


def test_drag_an_edge_off_a_card_and_it_leaves_for_the_zone_around(qtbot, make_window,
                                                                     tiny_path):
    window = make_window(tiny_path)
    zone_id = _zone_around_pump(qtbot, window)
    item = window.scene.zones[zone_id]
    pump = window.scene.elements["pump"].scene_rect()
    rect = item.rect()
    left = QPointF(rect.left(), rect.center().y() + 15)  # on the left edge, below the title
    assert window.scene.zone_edge_at(left)[1] == "l"
    drag(qtbot, window, left, QPointF(pump.center().x() + 30, left.y()))
    model = window.doc.model
    assert model.component("pump").zone == "home"  # its centre left: back in the home
    box = model.layout.zones[zone_id]
    assert box.x > pump.center().x()
    assert abs(box.x + box.w - rect.right()) < 1  # the right edge stayed put


def test_an_edge_cannot_be_dragged_past_the_smallest_zone(qtbot, make_window, tiny_path):
    from workbench.gui.scene import MIN_ZONE

    window = make_window(tiny_path)
    zone_id = _zone_around_pump(qtbot, window)
    rect = window.scene.zones[zone_id].rect()
    right = QPointF(rect.right(), rect.center().y() + 15)
    drag(qtbot, window, right, QPointF(rect.left() - 300, right.y()))
    box = window.doc.model.layout.zones[zone_id]
    assert abs(box.w - MIN_ZONE[0]) < 1e-6 and abs(box.x - rect.left()) < 1e-6


def test_the_title_bar_still_moves_the_zone_with_its_members(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    zone_id = _zone_around_pump(qtbot, window)
    rect = window.scene.zones[zone_id].rect()
    pump_before = window.doc.model.layout.elements["pump"].x
    title = QPointF(rect.center().x(), rect.top() + 10)
    drag(qtbot, window, title, title + QPointF(40, 0))
    box = window.doc.model.layout.zones[zone_id]
    # moved, not resized (the move may stretch it a few px to pad its members, as before)
    assert abs(box.x - rect.x() - 40) < 6 and abs(box.w - rect.width()) < 6
    assert abs(window.doc.model.layout.elements["pump"].x - pump_before - 40) < 2
