"""Attackers, Targets and Data dock: real widgets, undo, the analysis following, French."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "workbench" / "gui" / "profiles" / "translations" / "profiles_fr.ts"


def _menu_action(window, text: str):
    for action in window.menuBar().actions():
        menu = action.menu()
        for entry in menu.actions() if menu is not None else []:
            if entry.text() == text:
                return entry
    raise AssertionError(f"no menu entry {text!r}")


def _open(window, text: str = "Attackers, &Targets and Data…"):
    _menu_action(window, text).trigger()
    return window.profiles_panel


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _rows(tree) -> list[str]:
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def _row(tree, key: str):
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == key:
            return item
    raise AssertionError(f"no row {key!r}")


def _paths_from(window, attacker: str) -> list:
    return [p for p in window.attacks.paths if p.attacker == attacker]


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _add_attacker(qtbot, window, name: str, entries: list[str], capability: int | None = None):
    tab = window.profiles_panel.attackers
    qtbot.keyClicks(tab.new_name, name)
    _click(qtbot, tab.add_btn)
    key = tab.current_id()
    if capability is not None:
        _type(qtbot, tab.cap_spin, str(capability))
    window.scene.select_ids(entries)
    _click(qtbot, tab.use_selection_btn)
    return key


# --- attackers ---------------------------------------------------------------------------------

def test_dock_shows_the_builtin_profiles_the_analysis_runs(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open(window)
    tab = panel.attackers
    assert window.profiles_dock.isVisible()
    assert "no attacker of its own" in tab.note.text()
    rows = _rows(tab.tree)
    assert len(rows) == 6 and all("(built-in)" in r for r in rows)
    _row(tab.tree, "remote-internet")
    tab.select_attacker("remote-internet")
    assert "internet exposed" in tab.rule_label.text()  # the rule, in words
    assert "Vendor cloud" in tab.resolved.text()  # where it starts in this model
    _click(qtbot, tab.show_btn)
    assert window.scene.selected_ids() == ["vcloud"]
    assert tab.customise_btn.isVisible()


def test_add_attacker_set_capability_and_entry_point_gives_its_paths(qtbot, make_window,
                                                                     tiny_path):
    window = make_window(tiny_path, analysis="sync")
    tab = _open(window).attackers
    key = _add_attacker(qtbot, window, "Rogue technician", ["relay"], capability=80)
    profile = window.doc.model.attackers[0]
    assert (profile.id, profile.name, profile.capability, profile.entry_elements) == \
        (key, "Rogue technician", 0.8, ["relay"])
    assert window.doc.undo_stack.count() == 3  # add, capability, entry point
    assert "The analysis runs the ticked attackers" in tab.note.text()
    assert _rows(tab.tree) == ["Rogue technician"]  # the defaults are replaced
    assert tab.entries.item(0).text().startswith("Phone BLE relay")
    # the attack-path panel, re-analysed after the edit, lists paths from the new attacker
    paths = _paths_from(window, key)
    assert paths and all(p.elements[0] == "relay" for p in paths)
    assert window.attacks.attacker.findText("Rogue technician") >= 0
    assert not _paths_from(window, "remote-internet")
    before = max(p.probability for p in paths)
    _type(qtbot, tab.cap_spin, "20")
    assert max(p.probability for p in _paths_from(window, key)) < before  # less capable
    for _ in range(4):
        window.doc.undo_stack.undo()
    assert window.doc.model.attackers == []
    assert _paths_from(window, "remote-internet")  # defaults again, after undo


def test_disabling_an_attacker_removes_its_paths(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    tab = _open(window).attackers
    thief = _add_attacker(qtbot, window, "Phone thief", ["relay"])
    hacker = _add_attacker(qtbot, window, "Cloud intruder", ["vcloud"])
    assert _paths_from(window, thief) and _paths_from(window, hacker)
    _row(tab.tree, thief).setCheckState(0, Qt.CheckState.Unchecked)
    assert window.doc.model.attackers[0].enabled is False
    assert not _paths_from(window, thief) and _paths_from(window, hacker)
    assert _row(tab.tree, thief).checkState(0) == Qt.CheckState.Unchecked
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.attackers[0].enabled is True and _paths_from(window, thief)
    tab.select_attacker(thief)
    _click(qtbot, tab.remove_btn)
    assert [a.id for a in window.doc.model.attackers] == [hacker]


def test_editing_a_builtin_profile_copies_the_defaults(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    tab = _open(window).attackers
    tab.select_attacker("proximate-radio")
    assert "built-in" in tab.details.title()
    _type(qtbot, tab.cap_spin, "90")
    model = window.doc.model
    assert len(model.attackers) == 6 and window.doc.undo_stack.count() == 1
    assert next(a for a in model.attackers if a.id == "proximate-radio").capability == 0.9
    assert not any("(built-in)" in r for r in _rows(tab.tree))
    assert tab.current_id() == "proximate-radio"
    window.doc.undo_stack.undo()
    assert window.doc.model.attackers == [] and len(_rows(tab.tree)) == 6


def test_customise_defaults_and_merge_mode(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    tab = _open(window).attackers
    _click(qtbot, tab.customise_btn)
    assert len(window.doc.model.attackers) == 6 and not tab.customise_btn.isVisible()
    tab.select_attacker("remote-internet")
    _click(qtbot, tab.clear_rule_btn)
    assert window.doc.model.attackers[0].entry_rule is None
    assert "No element of this model" in tab.resolved.text()
    assert _row(tab.tree, "remote-internet").text(2) == "none"
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    key = _add_attacker(qtbot, window, "Thief", ["relay"])
    tab.mode.setCurrentIndex(tab.mode.findData("merge"))
    tab.mode.activated.emit(tab.mode.currentIndex())
    assert window.doc.model.risk.options["attackers"] == "merge"
    assert "Merge" in tab.note.text() and len(_rows(tab.tree)) == 7
    assert _paths_from(window, key) and _paths_from(window, "remote-internet")


def test_canvas_menu_marks_an_entry_point_and_assigns_data(qtbot, make_window, tiny_path):
    from workbench.gui import view

    window = make_window(tiny_path, analysis="sync")
    _open(window)
    item = window.scene.elements["relay"]
    window.scene.select_ids(["relay"])
    menu = view.build_context_menu(window, window.scene, item)
    entry_menu = next(a.menu() for a in menu.actions() if a.text() == "Entry Point for")
    action = next(a for a in entry_menu.actions() if a.data() == "hospital-insider")
    assert "(built-in)" in action.text() and not action.isChecked()
    action.trigger()
    insider = next(a for a in window.doc.model.attackers if a.id == "hospital-insider")
    assert insider.entry_elements == ["relay"] and len(window.doc.model.attackers) == 6
    assert any(p.elements[0] == "relay" for p in _paths_from(window, "hospital-insider"))
    data_menu = next(a.menu() for a in view.build_context_menu(
        window, window.scene, item).actions() if a.text() == "Data Assets")
    glucose = next(a for a in data_menu.actions() if a.data() == "glucose")
    assert not glucose.isChecked()
    glucose.trigger()
    assert "glucose" in window.doc.model.component("relay").properties.data_assets
    assert window.doc.undo_stack.count() == 2


# --- targets -----------------------------------------------------------------------------------

def test_add_rename_and_remove_a_target(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = _open(window)
    panel.show_tab("targets")
    tab = panel.targets
    derived = _rows(tab.tree)
    assert derived and all(_row(tab.tree, _id(tab, i)).text(3) == "derived"
                           for i in range(len(derived)))
    window.scene.select_ids(["relay"])
    tab.kind.setCurrentIndex(tab.kind.findData("care_service"))
    _click(qtbot, tab.add_btn)
    target = window.doc.model.targets[0]
    assert (target.element, target.kind, target.name) == ("relay", "care_service",
                                                          "Phone BLE relay")
    assert any(t["id"] == target.id for t in window.analysis.attacks.targets)
    row = _row(tab.tree, target.id)
    assert row.text(3) == "model" and tab.current_id() == target.id
    row.setText(0, "Closed loop availability")  # as the in-place editor commits
    assert window.doc.model.targets[0].name == "Closed loop availability"
    combo = tab.tree.itemWidget(_row(tab.tree, target.id), 1)
    combo.setCurrentIndex(combo.findData("patient_safety"))
    combo.activated.emit(combo.currentIndex())
    assert window.doc.model.targets[0].kind == "patient_safety"
    window.scene.select_ids(["relay", "vcloud"])  # the relay already is one: skipped
    tab.kind.setCurrentIndex(tab.kind.findData("patient_safety"))
    _click(qtbot, tab.add_btn)
    assert [(t.element, t.kind) for t in window.doc.model.targets] == [
        ("relay", "patient_safety"), ("vcloud", "patient_safety")]
    window.doc.undo_stack.undo()
    tab.select_target(target.id)
    _click(qtbot, tab.remove_btn)
    assert window.doc.model.targets == []
    window.doc.undo_stack.undo()
    assert window.doc.model.targets[0].kind == "patient_safety"
    qtbot.mouseClick(tab.derive, Qt.MouseButton.LeftButton)
    assert window.doc.model.risk.options["derive_targets"] is False
    assert [_id(tab, i) for i in range(tab.tree.topLevelItemCount())] == [target.id]


def _id(tab, row: int) -> str:
    return tab.tree.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole)


def test_keep_a_derived_target_as_explicit(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open(window)
    tab = panel.targets
    tab.select_target("patient_safety:pump")
    assert not tab.remove_btn.isEnabled()
    _click(qtbot, tab.keep_btn)
    target = window.doc.model.targets[0]
    assert (target.element, target.kind) == ("pump", "patient_safety")
    ids = [_id(tab, i) for i in range(tab.tree.topLevelItemCount())]
    assert "patient_safety:pump" not in ids  # the explicit one replaces the derived one
    assert _row(tab.tree, target.id).text(3) == "model" and tab.current_id() == target.id


# --- data assets -------------------------------------------------------------------------------

def test_add_a_data_asset_assign_it_and_undo(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open(window)
    panel.show_tab("data")
    tab = panel.assets
    assert tab.table.rowCount() == 2
    _click(qtbot, tab.add_btn)
    assert "name first" in tab.error.text() and len(window.doc.model.data_assets) == 2
    qtbot.keyClicks(tab.new_name, "Pump event log")
    _click(qtbot, tab.add_btn)
    key = tab.current_id()
    assert key == "a-pump-event-log" and tab.table.rowCount() == 3
    _type(qtbot, tab.cells[(key, "confidentiality")], "6")
    _click(qtbot, tab.cells[(key, "personal")])
    kind = tab.cells[(key, "kind")]
    kind.setCurrentIndex(kind.findData("logs"))
    kind.activated.emit(kind.currentIndex())
    asset = window.doc.model.assets_by_id()[key]
    assert (asset.confidentiality, asset.personal, asset.kind.value) == (6, True, "logs")
    tab.impact["patient_safety"].setCurrentIndex(tab.impact["patient_safety"].findData(3))
    tab.impact["patient_safety"].activated.emit(tab.impact["patient_safety"].currentIndex())
    assert window.doc.model.assets_by_id()[key].impact == {"patient_safety": 3}
    window.scene.select_ids(["pump", "f-pump-relay"])
    _click(qtbot, tab.assign_btn)
    model = window.doc.model
    assert key in model.component("pump").properties.data_assets
    assert key in model.flow("f-pump-relay").data_assets
    assert tab.cells[(key, "used")].text() == "2" and "Insulin pump" in tab.used_label.text()
    window.scene.clearSelection()
    _click(qtbot, tab.show_btn)
    assert sorted(window.scene.selected_ids()) == ["f-pump-relay", "pump"]
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert key not in window.doc.model.component("pump").properties.data_assets
    assert tab.cells[(key, "used")].text() == "0"
    count = window.doc.undo_stack.count()
    assert count == 6  # add, C, personal, kind, impact, assign
    for _ in range(count - 1):
        window.doc.undo_stack.undo()
    assert key not in window.doc.model.assets_by_id() and tab.table.rowCount() == 2


def test_bad_value_is_refused_and_removal_asks_about_references(qtbot, make_window,
                                                                tiny_path, dialogs):
    window = make_window(tiny_path)
    panel = _open(window)
    tab = panel.assets
    tab.select_asset("glucose")
    name = tab.cells[("glucose", "name")]
    _type(qtbot, name, "  ")
    assert "name" in tab.error.text() and name.text() == "Glucose readings"
    dialogs.answer = QMessageBox.StandardButton.No
    assert tab.remove_asset() is False
    assert "still held by Vendor cloud and carried by 2 flows" in dialogs.shown[-1][2]
    assert "glucose" in window.doc.model.assets_by_id()
    dialogs.answer = QMessageBox.StandardButton.Yes
    _click(qtbot, tab.remove_btn)
    model = window.doc.model
    assert "glucose" not in model.assets_by_id()
    assert all("glucose" not in f.data_assets for f in model.flows)
    window.doc.undo_stack.undo()
    assert "glucose" in window.doc.model.flow("f-relay-cloud").data_assets


def test_dock_follows_new_and_open(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open(window)
    window.new_model()
    assert panel.assets.table.rowCount() == 0 and panel.targets.tree.topLevelItemCount() == 0
    assert "no attacker of its own" in panel.attackers.note.text()
    window.open_path(str(tiny_path))
    assert panel.assets.table.rowCount() == 2


# --- French --------------------------------------------------------------------------------------


def test_french_dock(french, qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open(window, "Attaquants, &cibles et données…")
    assert window.profiles_dock.windowTitle() == "Attaquants, cibles et données"
    assert [panel.tabs.tabText(i) for i in range(3)] == ["Attaquants", "Cibles", "Données"]
    tab = panel.attackers
    assert tab.customise_btn.text() == "Personnaliser les profils prédéfinis"
    assert "(prédéfini)" in _rows(tab.tree)[0]
    tab.select_attacker("remote-internet")
    assert "exposé à internet" in tab.rule_label.text().lower()
    assert panel.assets.assign_btn.text() == "Affecter à la sélection"

