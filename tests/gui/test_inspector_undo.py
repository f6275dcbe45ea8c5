"""Issue 15: the inspector holds still, its title follows renames, and Ctrl+Z / Ctrl+Shift+Z
work whatever widget has the focus (the field's own text undo first, the model's otherwise).

Keys go through pytest-qt (QTest), which sends the ShortcutOverride to the real focus widget
first, exactly as a keyboard does; so the window must be active and the field focused.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def _focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _rename(qtbot, window, new: str) -> QLineEdit:
    window.scene.select_ids(["pump"])
    name = window.inspector.findChild(QLineEdit, "name")
    _focus(qtbot, name)
    name.selectAll()
    qtbot.keyClicks(name, new)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    return name


def test_ctrl_z_in_a_committed_field_undoes_the_model_edit(qtbot, window):
    name = _rename(qtbot, window, "Pump Mk II")
    assert window.doc.model.component("pump").name == "Pump Mk II"
    assert QApplication.focusWidget() is name  # still typing place
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert window.doc.model.component("pump").name == "Insulin pump"
    assert name.text() == "Insulin pump"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL_SHIFT)
    assert window.doc.model.component("pump").name == "Pump Mk II"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(name, Qt.Key.Key_Y, CTRL)  # the other redo key
    assert window.doc.model.component("pump").name == "Pump Mk II"


def test_ctrl_z_while_typing_undoes_the_text_not_the_model(qtbot, window):
    secure = window.inspector  # an earlier model edit that must survive the text undo
    window.scene.select_ids(["pump"])
    secure = window.inspector.findChild(QCheckBox, "properties.secure_boot")
    secure.setCheckState(Qt.CheckState.Checked)
    name = window.inspector.findChild(QLineEdit, "name")
    _focus(qtbot, name)
    name.end(False)
    qtbot.keyClicks(name, " X")
    assert name.text() == "Insulin pump X"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert name.text() == "Insulin pump"  # the field's own undo
    assert window.doc.model.component("pump").properties.secure_boot is True
    # nothing left to undo in the field: the next Ctrl+Z is the model's
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert window.doc.model.component("pump").properties.secure_boot is None


def test_ctrl_z_from_an_empty_filter_box_and_a_check_box(qtbot, window):
    _rename(qtbot, window, "Pump B")
    search = window.threats.search
    _focus(qtbot, search)
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    assert window.doc.model.component("pump").name == "Insulin pump"
    secure = window.inspector.findChild(QCheckBox, "properties.secure_boot")
    _focus(qtbot, secure)
    qtbot.keyClick(secure, Qt.Key.Key_Z, CTRL_SHIFT)
    assert window.doc.model.component("pump").name == "Pump B"


def test_title_follows_a_rename_and_stays_one_line(qtbot, window):
    _rename(qtbot, window, "Smartphone")
    assert window.inspector.title_text() == "Element: Smartphone"
    name = window.inspector.findChild(QLineEdit, "name")
    _focus(qtbot, name)
    name.selectAll()
    qtbot.keyClicks(name, "Phone")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.inspector.title_text() == "Element: Phone"  # was stuck on Smartphone
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert window.inspector.title_text() == "Element: Smartphone"  # undo too


def test_a_long_title_or_an_error_never_moves_a_field(qtbot, window):
    """Clicks landed in the wrong field when a long name wrapped the title onto a second
    line between a press and the next click."""
    inspector = window.inspector
    window.scene.select_ids(["pump"])
    name = inspector.findChild(QLineEdit, "name")
    secure = inspector.findChild(QCheckBox, "properties.secure_boot")

    def where(widget):
        return widget.mapTo(window, widget.rect().topLeft())

    before = (where(name), where(secure))
    long_name = "Insulin pump with continuous glucose monitor and bolus calculator " * 3
    _focus(qtbot, name)
    name.selectAll()
    qtbot.keyClicks(name, long_name.strip()[:200])
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.doc.model.component("pump").name.startswith("Insulin pump with")
    assert inspector.title.text() != inspector.title_text()  # elided, one line
    assert inspector.title.toolTip() == inspector.title_text()
    assert (where(name), where(secure)) == before
    name.setText("x" * 600)  # refused: an error is shown, under the form
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert inspector.error_text()
    assert (where(name), where(secure)) == before


def test_ctrl_z_in_a_multi_line_note_undoes_its_text_then_the_model(qtbot, window):
    """The workshop's notes are a QPlainTextEdit: its own text history first, as in the
    inspector's one-line fields."""
    from PySide6.QtWidgets import QPlainTextEdit

    _rename(qtbot, window, "Pump C")
    notes = QPlainTextEdit(window.inspector)  # a multi-line field inside the window
    notes.show()
    _focus(qtbot, notes)
    qtbot.keyClicks(notes, "check the BLE pairing")
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert notes.toPlainText() == ""
    assert window.doc.model.component("pump").name == "Pump C"
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert window.doc.model.component("pump").name == "Insulin pump"
