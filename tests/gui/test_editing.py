"""Inspector edits, undo/redo from the keyboard, files, corrupt files, crash recovery."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMessageBox

from workbench.model.io import dumps_model, load_model


def _select(window, key: str):
    window.scene.select_ids([key])
    return window.inspector


def test_inspector_edits_a_property_and_undo_redo_keys(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    inspector = _select(window, "pump")
    name = inspector.findChild(QLineEdit, "name")
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Pump Mk II")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.doc.model.component("pump").name == "Pump Mk II"
    assert window.doc.dirty and window.isWindowModified()
    secure = inspector.findChild(QCheckBox, "properties.secure_boot")
    secure.setCheckState(Qt.CheckState.Checked)
    assert window.doc.model.component("pump").properties.secure_boot is True
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.component("pump").properties.secure_boot is None
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.component("pump").name == "Insulin pump"
    assert name.text() == "Insulin pump"  # the form follows the model
    qtbot.keyClick(window.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.doc.model.component("pump").name == "Pump Mk II"


def test_inspector_shows_validation_error_in_place(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    inspector = _select(window, "f-relay-cloud")
    name = inspector.findChild(QLineEdit, "name")
    name.setText("x" * 600)  # over the 500-character bound
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.doc.model.flow("f-relay-cloud").name is None
    assert "too long: at most 500 characters" in inspector.error_text()
    assert "d7191c" in name.styleSheet()
    window.scene.select_ids([])
    date = inspector.findChild(QLineEdit, "review_date")
    date.setText("31/12/2026")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert "“31/12/2026” is not a date: write it as 2026-12-31" in inspector.error_text()
    assert "should" not in inspector.error_text()  # none of pydantic's own wording


def test_inspector_zone_choice_moves_component_between_zones(make_window, tiny_path):
    window = make_window(tiny_path)
    inspector = _select(window, "lte")
    zone = inspector.findChild(QComboBox, "zone")
    zone.setCurrentIndex(zone.findData("cloud"))
    assert window.doc.model.component("lte").zone == "cloud"


def test_save_close_reopen_gives_same_model(qtbot, make_window, tiny_path, tmp_path):
    window = make_window(tiny_path)
    _select(window, "pump")
    window.doc.apply("rename", lambda m: __import__("workbench.model.edits", fromlist=["x"])
                     .update_component(m, "pump", {"name": "Renamed pump"}))
    out = tmp_path / "saved.twm.json"
    assert window._write(str(out))
    assert not window.doc.dirty
    expected = dumps_model(window.doc.model)
    window.close()
    again = make_window(out)
    assert dumps_model(again.doc.model) == expected
    assert again.doc.model.component("pump").name == "Renamed pump"
    assert str(out.resolve()) in again.recent_files()


def test_unsaved_changes_prompt_can_cancel_close(make_window, tiny_path, dialogs):
    window = make_window(tiny_path)
    window.delete_selection()
    window.scene.select_ids(["pump"])
    window.delete_selection()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.shown[-1][0] == "question"
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_corrupt_file_shows_reason_and_keeps_open_model(make_window, tiny_path, tmp_path,
                                                         dialogs):
    window = make_window(tiny_path)
    before = window.doc.model
    bad = tmp_path / "bad.twm.json"
    data = json.loads(tiny_path.read_text())
    data["flows"][0]["target"] = "nowhere"
    bad.write_text(json.dumps(data))
    assert not window.open_path(str(bad))
    kind, title, text = dialogs.shown[-1]
    assert kind == "critical" and "nowhere" in text and "flows[0].target" in text
    assert window.doc.model is before and window.doc.path == str(tiny_path.resolve())
    (tmp_path / "junk.twm.json").write_bytes(b"{not json")
    assert not window.open_path(str(tmp_path / "junk.twm.json"))
    assert "invalid JSON" in dialogs.shown[-1][2]
    assert window.doc.model is before


def test_recovery_after_simulated_crash(make_window, tiny_path, dialogs):
    window = make_window(tiny_path)
    window.scene.select_ids(["lte"])
    window.delete_selection()
    edited = dumps_model(window.doc.model)
    window.autosave()  # the 60-second timer's job
    assert window.recovery.pending()
    # crash: the window vanishes without closeEvent, so the recovery file stays behind
    window.recovery = type(window.recovery)(window.recovery.folder / "elsewhere")
    dialogs.answer = QMessageBox.StandardButton.Yes
    again = make_window(None, offer_recovery=False)
    again.recovery = type(again.recovery)(window.recovery.folder.parent)
    assert again.offer_recovery()
    assert dialogs.shown[-1][0] == "question"
    assert dumps_model(again.doc.model) == edited
    assert again.doc.dirty and again.doc.path == str(tiny_path.resolve())
    again.doc.undo_stack.setClean()
    again.close()
    assert not again.recovery.pending()  # a clean exit removes the recovery file


def test_autosave_timer_is_one_minute(make_window):
    window = make_window()
    assert window.autosave_timer.isActive() and window.autosave_timer.interval() == 60_000


def test_an_edit_reaches_the_recovery_file_after_a_few_quiet_seconds(qtbot, make_window,
                                                                     tiny_path):
    window = make_window(tiny_path)
    assert not window.recovery.pending()
    window.scene.select_ids(["lte"])
    window.delete_selection()
    qtbot.waitUntil(window.recovery.pending, timeout=6_000)  # not a minute later


def test_file_written_by_window_loads_from_cli(make_window, tiny_path, tmp_path):
    window = make_window(tiny_path)
    out = tmp_path / "w.twm.json"
    window._write(str(out))
    assert load_model(out, window.stencils).metadata.title == "Tiny closed loop"
