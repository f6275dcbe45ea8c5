"""Fields that hold other elements' ids are picked by name: "Via" lists the model's networks,
"Data assets" the model's assets; the model stores ids; clear messages, also in French."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from workbench.gui.pickers import MultiChoiceButton


def _pick(qtbot, button: MultiChoiceButton, label: str) -> None:
    """Click the button, then the menu entry shown as ``label`` (as a hand would)."""
    menu = button.menu()

    def choose():
        action = next(a for a in menu.actions() if a.text() == label)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        menu.close()  # one tick per opening, as a menu does

    QTimer.singleShot(50, choose)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not menu.isVisible())


def test_via_lists_the_networks_by_name_and_stores_their_ids(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["f-relay-cloud"])
    via = window.inspector.findChild(MultiChoiceButton, "via")
    assert via is not None and window.inspector.findChild(QLineEdit, "via") is None
    assert [a.text() for a in via.menu().actions()] == ["BLE link", "Cellular LTE"]
    assert via.full_text() == "Cellular LTE"
    _pick(qtbot, via, "BLE link")
    assert window.doc.model.flow("f-relay-cloud").via == ["lte", "ble"]
    assert via.full_text() == "Cellular LTE → BLE link"
    _pick(qtbot, via, "Cellular LTE")
    assert window.doc.model.flow("f-relay-cloud").via == ["ble"]
    window.activateWindow()  # the menu had the keyboard
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.view.hasFocus())
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.flow("f-relay-cloud").via == ["lte", "ble"]
    assert via.full_text() == "Cellular LTE → BLE link"  # the picker follows undo
    assert not window.inspector.error_text()


def test_via_menu_stays_open_for_several_ticks_and_makes_one_edit(qtbot, make_window,
                                                                   tiny_path):
    """It closed on each tick: a flow over three networks took three trips to the menu."""
    window = make_window(tiny_path)
    window.scene.select_ids(["f-relay-cloud"])
    via = window.inspector.findChild(MultiChoiceButton, "via")
    menu = via.menu()
    steps = window.doc.undo_stack.count()
    seen = []

    def tick_both():
        for label in ("Cellular LTE", "BLE link"):  # untick LTE, tick BLE
            action = next(a for a in menu.actions() if a.text() == label)
            qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                             pos=menu.actionGeometry(action).center())
            seen.append(menu.isVisible())
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(50, tick_both)
    qtbot.mouseClick(via, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not menu.isVisible() and len(seen) == 2)
    assert seen == [True, True]  # still open after each tick
    assert window.doc.model.flow("f-relay-cloud").via == ["ble"]
    assert window.doc.undo_stack.count() == steps + 1  # one undo step for the pick
    window.doc.undo_stack.undo()
    assert window.doc.model.flow("f-relay-cloud").via == ["lte"]


def test_data_assets_are_picked_by_name(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["pump"])
    assets = window.inspector.findChild(MultiChoiceButton, "properties.data_assets")
    assert [a.text() for a in assets.menu().actions()] == ["Glucose readings",
                                                           "Insulin dosing settings"]
    _pick(qtbot, assets, "Glucose readings")
    assert window.doc.model.component("pump").properties.data_assets == ["dosing", "glucose"]


def test_picker_and_messages_in_french(french, qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["f-relay-cloud"])
    via = window.inspector.findChild(MultiChoiceButton, "via")
    _pick(qtbot, via, "Cellular LTE")
    assert via.full_text() == "(direct, sans réseau)"
    window.scene.select_ids([])
    date = window.inspector.findChild(QLineEdit, "review_date")
    date.setText("31/12/2026")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert "« 31/12/2026 » n'est pas une date" in window.inspector.error_text()
