"""Drawing trust zones with the mouse (Z or the palette's button, then a rectangle), and the
empty canvas that says how to start."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui.helpers import drag


def _around(window, *ids, pad=12.0):
    rect = None
    for key in ids:
        r = window.scene.elements[key].scene_rect()
        rect = r if rect is None else rect.united(r)
    return rect.adjusted(-pad, -pad - 20, pad, pad)


def test_press_z_and_drag_a_rectangle_to_draw_a_named_trust_zone(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z)
    assert window.scene.zone_tool
    assert window.view.viewport().cursor().shape() == Qt.CursorShape.CrossCursor
    before = {z.id for z in window.doc.model.zones}
    rect = _around(window, "pump")
    drag(qtbot, window, rect.topLeft(), rect.bottomRight())
    (zone,) = [z for z in window.doc.model.zones if z.id not in before]
    assert window.doc.model.component("pump").zone == zone.id
    assert window.doc.model.component("relay").zone == "home"  # outside the rectangle
    assert zone.parent == "home"
    assert not window.scene.zone_tool  # one zone per arming, as in diagram tools
    assert window.scene.selected_ids() == [zone.id]
    name = window.inspector.findChild(QLineEdit, "name")
    assert QApplication.focusWidget() is name and name.selectedText() == zone.name
    qtbot.keyClicks(name, "Bedside")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.doc.model.zones_by_id()[zone.id].name == "Bedside"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert zone.id not in window.doc.model.zones_by_id()
    assert window.doc.model.component("pump").zone == "home"


def test_the_palette_button_arms_the_tool_and_escape_cancels(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    qtbot.mouseClick(window.palette.zone_button, Qt.MouseButton.LeftButton)
    assert window.scene.zone_tool and window.actions_by_name["draw_zone"].isChecked()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.scene.zone_tool and not window.actions_by_name["draw_zone"].isChecked()
    zones = len(window.doc.model.zones)
    rect = _around(window, "pump", "relay")
    drag(qtbot, window, rect.topLeft() + QPointF(-30, 0), rect.bottomRight())
    assert len(window.doc.model.zones) == zones  # a plain drag selects, as before
    assert set(window.scene.selected_ids()) >= {"pump", "relay"}


def test_a_slip_of_the_mouse_draws_no_zone(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.arm_zone_tool()
    zones = len(window.doc.model.zones)
    start = window.scene.elements["pump"].scene_rect().topLeft() - QPointF(20, 20)
    drag(qtbot, window, start, start + QPointF(15, 10))
    assert len(window.doc.model.zones) == zones
    assert "Too small" in window.statusBar().currentMessage()


def test_the_empty_canvas_says_how_to_start_until_something_is_drawn(qtbot, make_window,
                                                                      monkeypatch):
    window = make_window()
    view = window.view
    hint = view.empty_hint()
    assert "drag a stencil" in hint and "handle" in hint and "trust zone" in hint
    with_hint = view.viewport().grab().toImage()
    with monkeypatch.context() as m:  # the same canvas without the hint's text
        m.setattr(type(view), "empty_hint", lambda self: "")
        view.viewport().update()
        qtbot.wait(10)
        assert view.viewport().grab().toImage() != with_hint  # the hint is painted
    window.palette.activated.emit("insulin-pump")
    qtbot.wait(10)
    after = view.viewport().grab().toImage()
    with monkeypatch.context() as m:
        m.setattr(type(view), "empty_hint", lambda self: "")
        view.viewport().update()
        qtbot.wait(10)
        assert view.viewport().grab().toImage() == after  # gone once there is an element
