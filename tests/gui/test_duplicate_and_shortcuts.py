"""Copy / paste / duplicate with the keyboard (flows between the copies come along), and
Help > Keyboard Shortcuts, read from the actions themselves."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from workbench.gui.shortcuts import ShortcutsDialog, window_shortcuts


def _keys(qtbot, window, key, mods=Qt.KeyboardModifier.ControlModifier):
    window.view.setFocus()
    qtbot.keyClick(window.view, key, mods)


def test_ctrl_d_duplicates_elements_with_the_flow_between_them(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["pump", "relay"])  # not the BLE network their flow goes through
    _keys(qtbot, window, Qt.Key.Key_D)
    model = window.doc.model
    copies = set(window.scene.selected_ids())
    assert len(copies) == 2 and not copies & {"pump", "relay"}
    by_stencil = {model.component(c).stencil: c for c in copies}
    assert set(by_stencil) == {"insulin-pump", "phone-ble-relay"}
    pump = model.component(by_stencil["insulin-pump"])
    assert pump.properties == model.component("pump").properties  # properties come along
    (flow,) = [f for f in model.flows if f.source in copies]
    assert (flow.source, flow.target) == (by_stencil["insulin-pump"], by_stencil["phone-ble-relay"])
    assert flow.via == ["ble"] and flow.encrypted  # still through the ward's BLE link
    old, new = model.layout.elements["pump"], model.layout.elements[pump.id]
    assert (new.x - old.x, new.y - old.y) == (30.0, 30.0)
    _keys(qtbot, window, Qt.Key.Key_Z)
    assert len(window.doc.model.components) == 5 and len(window.doc.model.flows) == 2


def test_pasting_twice_does_not_stack_the_copies(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.scene.select_ids(["pump"])
    _keys(qtbot, window, Qt.Key.Key_C)
    _keys(qtbot, window, Qt.Key.Key_V)
    (first,) = window.scene.selected_ids()
    _keys(qtbot, window, Qt.Key.Key_V)
    (second,) = window.scene.selected_ids()
    boxes = window.doc.model.layout.elements
    assert first != second
    assert (boxes[second].x - boxes[first].x, boxes[second].y - boxes[first].y) == (30.0, 30.0)
    assert window.doc.model.component(second).name == "Insulin pump"


def test_f1_lists_every_shortcut_of_the_window(qtbot, make_window):
    window = make_window()
    _keys(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ShortcutsDialog) and w.isVisible())
    listed = {(command, keys) for _, command, keys in dialog.rows}
    bound = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(bound) > 25
    for action in bound:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in action.shortcuts())
        assert (action.text().replace("&", ""), keys) in listed, action.text()
    commands = {command for _, command, _ in dialog.rows}
    assert {"Duplicate", "Draw Trust Zone", "Workshop…", "Fit to Window"} <= commands
    assert any("handle" in keys for _, _, keys in dialog.rows)  # gestures too
    assert ("Resize a trust zone", "Drag its edge or corner") in {
        (command, keys) for _, command, keys in dialog.rows}
    dialog.search.setText("zone")
    assert dialog.visible_rows() and all("zone" in " ".join(r).lower()
                                         for r in dialog.visible_rows())
    dialog.close()


def test_no_two_commands_share_a_key(make_window):
    window = make_window()
    keys = Counter(keys for _, _, keys in window_shortcuts(window) for keys in keys.split(", "))
    assert [k for k, n in keys.items() if n > 1] == []


def test_align_has_keys_that_work_on_the_canvas(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    expected = {"left": "Alt+Shift+L", "right": "Alt+Shift+R", "top": "Alt+Shift+T",
                "bottom": "Alt+Shift+B", "hcenter": "Alt+Shift+C", "vcenter": "Alt+Shift+M"}
    for how, keys in expected.items():
        assert window.align_actions[how].shortcut().toString() == keys
    ids = list(window.scene.elements)[:2]
    window.scene.select_ids(ids)
    window.view.setFocus()
    _keys(qtbot, window, Qt.Key.Key_L,
          Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    xs = {window.doc.model.layout.elements[i].x for i in ids}
    assert len(xs) == 1  # left edges aligned
