"""Drawing on the canvas with real mouse events: add, connect, move, select, delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import drag, vp
from workbench.model.layout import LANE_W, lane_x


def _drop_stencil(window, stencil_id: str, scene_point: QPointF) -> None:
    """What a drag from the palette delivers to the canvas: enter, move, drop."""
    item = window.palette.item_for(stencil_id)
    mime = window.palette.tree.mimeData([item])
    viewport = window.view.viewport()
    pos = QPointF(vp(window, scene_point))
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(pos, actions, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(pos, actions, mime, buttons, mods))


def test_drag_stencil_onto_canvas_adds_element_where_dropped(make_window, tiny_path):
    window = make_window(tiny_path)
    before = len(window.doc.model.components)
    target = QPointF(lane_x(3) + LANE_W / 2, 700)
    _drop_stencil(window, "vendor-device-cloud", target)
    model = window.doc.model
    assert len(model.components) == before + 1
    new = model.components[-1]
    assert new.stencil == "vendor-device-cloud" and new.layer.value == "cloud"
    item = window.scene.elements[new.id]
    assert item.scene_rect().contains(target)
    assert window.scene.selected_ids() == [new.id]
    window.doc.undo_stack.undo()
    assert len(window.doc.model.components) == before
    assert new.id not in window.scene.elements


def test_drop_outside_its_lane_lands_in_its_layer(make_window, tiny_path):
    window = make_window(tiny_path)
    _drop_stencil(window, "insulin-pump", QPointF(lane_x(3) + 50, 700))
    item = window.scene.elements[window.doc.model.components[-1].id]
    assert lane_x(0) <= item.scene_rect().center().x() <= lane_x(0) + LANE_W


def test_connect_two_elements_by_dragging_from_handle(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    pump.setSelected(True)  # the handle shows on hover/selection
    start = pump.mapToScene(pump.handle_rect().center())
    drag(qtbot, window, start, cloud.scene_rect().center())
    flows = [f for f in window.doc.model.flows if f.source == "pump" and f.target == "vcloud"]
    assert len(flows) == 1
    assert flows[0].id in scene.flows
    assert not scene.flows[flows[0].id].path().isEmpty()
    window.doc.undo_stack.undo()
    assert flows[0].id not in scene.flows


def test_drag_moves_element_and_flows_follow_undoably(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    relay = scene.elements["relay"]
    old_box = window.doc.model.layout.elements["relay"]
    flow = scene.flows["f-relay-cloud"]
    old_path = flow.path().boundingRect()
    centre = relay.scene_rect().center()
    drag(qtbot, window, centre, centre + QPointF(0, 180))
    new_box = window.doc.model.layout.elements["relay"]
    assert abs(new_box.y - old_box.y - 180) < 3 and abs(new_box.x - old_box.x) < 3
    assert flow.path().boundingRect() != old_path
    window.doc.undo_stack.undo()
    assert window.doc.model.layout.elements["relay"] == old_box
    assert relay.pos() == QPointF(old_box.x, old_box.y)
    window.doc.undo_stack.redo()
    assert abs(window.doc.model.layout.elements["relay"].y - new_box.y) < 0.01


def test_rubber_band_selects_and_delete_key_removes(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, relay = scene.elements["pump"].scene_rect(), scene.elements["relay"].scene_rect()
    top_left = QPointF(pump.left() - 12, min(pump.top(), relay.top()) - 8)
    bottom_right = QPointF(relay.right() - 30, max(pump.bottom(), relay.bottom()) + 8)
    drag(qtbot, window, top_left, bottom_right)
    assert {"pump", "relay"} <= set(scene.selected_ids())
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    ids = {c.id for c in window.doc.model.components}
    assert "pump" not in ids and "relay" not in ids
    assert not window.doc.model.flows  # both flows touched a deleted element
    window.doc.undo_stack.undo()
    assert {"pump", "relay"} <= {c.id for c in window.doc.model.components}
    assert len(window.doc.model.flows) == 2


def test_copy_paste_duplicates_selection_with_new_ids(make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["pump", "relay", "ble"])
    window.copy()
    window.paste()
    model = window.doc.model
    assert len(model.components) == 8
    pasted = set(window.scene.selected_ids())
    assert len(pasted) == 3 and not pasted & {"pump", "relay", "ble"}
    copies = [f for f in model.flows if f.source in pasted]
    assert len(copies) == 1 and copies[0].via[0] in pasted


def test_align_left_and_auto_layout(make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["ble", "lte"])
    window.doc.apply("move", lambda m: __import__("workbench.model.edits", fromlist=["x"])
                     .move_elements(m, {"lte": (700.0, 500.0)}))
    window.scene.select_ids(["ble", "lte"])
    window.align("left")
    boxes = window.doc.model.layout.elements
    assert boxes["ble"].x == boxes["lte"].x
    window.auto_layout()
    assert window.doc.model.layout.elements["lte"].x != 700.0


def test_zoom_and_fit(make_window, tiny_path):
    window = make_window(tiny_path)
    view = window.view
    view.reset_zoom()
    view.zoom_by(2.0)
    assert abs(view.zoom() - 2.0) < 1e-6
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in window.scene.elements.values():
        assert visible.contains(item.scene_rect())


def test_middle_button_pans(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.view.zoom_by(3.0)
    bar = window.view.horizontalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    before = bar.value()
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(400, 300))
    qtbot.mouseMove(viewport, QPoint(300, 300))
    qtbot.mouseMove(viewport, QPoint(200, 300))
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(200, 300))
    assert bar.value() > before


def test_labels_never_overlap(make_window, tiny_path):
    window = make_window(tiny_path)
    labels = [f.label.sceneBoundingRect() for f in window.scene.flows.values()
              if f.label.isVisible()]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not a.intersects(b)
        for el in window.scene.elements.values():
            assert not a.intersects(el.scene_rect())


def test_new_trust_zone_around_selection(make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["lte", "vcloud"])
    zone_id = window.zone_around_selection("Carrier and cloud")
    model = window.doc.model
    assert model.component("lte").zone == zone_id and model.component("vcloud").zone == zone_id
    zone_rect = window.scene.zones[zone_id].boundingRect()
    for key in ("lte", "vcloud"):
        assert zone_rect.contains(window.scene.elements[key].scene_rect())
    assert window.inspector._target == ("zone", zone_id)
    window.doc.undo_stack.undo()
    assert zone_id not in window.scene.zones and window.doc.model.component("lte").zone is None


def test_drag_zone_by_its_title_moves_its_members(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    zone = scene.zones["home"]
    before_zone = window.doc.model.layout.zones["home"]
    before = {k: window.doc.model.layout.elements[k] for k in ("pump", "relay", "ble")}
    title = zone.header_rect().center()
    drag(qtbot, window, title, title + QPointF(0, 150))
    model = window.doc.model
    assert abs(model.layout.zones["home"].y - before_zone.y - 150) < 3
    for key, box in before.items():
        assert abs(model.layout.elements[key].y - box.y - 150) < 3
        assert abs(model.layout.elements[key].x - box.x) < 3
    assert scene.zones["home"].pos() == QPointF(0, 0)  # the box itself moved
    window.doc.undo_stack.undo()
    assert window.doc.model.layout.zones["home"] == before_zone
    assert scene.elements["pump"].pos() == QPointF(before["pump"].x, before["pump"].y)


def test_every_point_of_the_handle_starts_a_flow(qtbot, make_window, tiny_path):
    """The inner half of the handle overlaps the card: pressing there must connect too,
    not drag the card (it did: the shape's odd-even fill cut the overlap out)."""
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    pump_box = window.doc.model.layout.elements["pump"]
    handle = pump.handle_rect()
    c, r = handle.center(), handle.width() / 2 * 0.8
    offsets = [(0, 0), (-r, 0), (r, 0), (0, -r), (0, r), (-r * 0.7, r * 0.7), (-r * 0.5, 0)]
    for dx, dy in offsets:
        start = pump.mapToScene(c + QPointF(dx, dy))
        drag(qtbot, window, start, cloud.scene_rect().center())
        flows = [f for f in window.doc.model.flows if f.source == "pump" and f.target == "vcloud"]
        assert len(flows) == 1, f"press at {dx:+.1f},{dy:+.1f} from the handle's centre"
        assert window.doc.model.layout.elements["pump"] == pump_box  # the card did not move
        window.doc.undo_stack.undo()
        assert not [f for f in window.doc.model.flows
                    if f.source == "pump" and f.target == "vcloud"]


def test_a_flow_released_just_beside_a_card_snaps_to_it(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    scene = window.scene
    pump, cloud = scene.elements["pump"], scene.elements["vcloud"]
    start = pump.mapToScene(pump.handle_rect().center())
    rect = cloud.scene_rect()
    drag(qtbot, window, start, QPointF(rect.left() - 12, rect.center().y()))
    assert [f for f in window.doc.model.flows if f.source == "pump" and f.target == "vcloud"]


def test_arrowheads_follow_a_moved_element(make_window, tiny_path):
    """Arrowheads are kept per route: after a move they point at the element's new place."""
    from PySide6.QtGui import QImage, QPainter

    from workbench.model import edits

    window = make_window(tiny_path)
    scene = window.scene
    flow = next(f for f in scene.flows.values() if f.segments)
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.render(painter)  # the arrowheads of the first route are drawn and kept
    painter.end()
    target = flow.flow.target
    box = window.doc.model.layout.elements[target]
    window.doc.apply("move", edits.move_elements, {target: (box.x + 120, box.y + 90)})
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    tip = flow._arrowheads[len(flow.segments) - 1][0]
    assert tip == flow.segments[-1].p2()
    assert window.scene.elements[target].scene_rect().adjusted(-1, -1, 1, 1).contains(tip)
