"""Compare with…: the canvas marks added, removed and changed items; the list agrees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.model.factories import tiny_model
from workbench.gui.diff_overlay import ADDED, CHANGED, COLOURS, REMOVED
from workbench.model import edits
from workbench.model.entities import Component, ComponentProperties, Flow
from workbench.model.enums import Layer
from workbench.model.io import save_model
from workbench.model.layout import ensure_layout


def new_version():
    """The tiny model after a design review: the cloud link dropped, an EHR added, the
    pump now with secure boot."""
    model = ensure_layout(tiny_model())
    model = edits.remove_elements(model, ["f-relay-cloud"])
    model = edits.update_component(model, "pump", {"properties": ComponentProperties(
        wireless_interfaces=["BLE 4.2"], data_assets=["dosing"], secure_boot=True,
        safety_critical_function="insulin delivery")})
    model = edits.update_zone(model, "home", {"trust_level": 2})
    model = edits.add_component(model, Component(id="ehr", name="Hospital EHR",
                                                 stencil="vendor-device-cloud",
                                                 layer=Layer.CLOUD))
    if isinstance(model, tuple):
        model = model[0]
    model = model.model_copy(update={"flows": [*model.flows, Flow(
        id="f-cloud-ehr", source="vcloud", target="ehr", protocol="HL7 FHIR",
        encrypted=True, authenticated=True)]})
    return ensure_layout(model)


def _compare(qtbot, make_window, tmp_path, monkeypatch):
    old = tmp_path / "v1.twm.json"
    new = tmp_path / "v2.twm.json"
    save_model(ensure_layout(tiny_model()), old)
    save_model(new_version(), new)
    window = make_window(new)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(old), "")))
    action = next(a for a in window.tools_menu.actions() if a.text() == "&Compare with…")
    action.trigger()
    return window, window.diff_overlay


def test_compare_marks_added_removed_changed_with_badges(qtbot, make_window, tmp_path,
                                                        monkeypatch):
    window, overlay = _compare(qtbot, make_window, tmp_path, monkeypatch)
    marks = overlay.marks
    assert marks["ehr"].kind == ADDED and marks["ehr"].badge == "+"
    assert marks["ehr"].colour == COLOURS[ADDED]
    assert marks["f-cloud-ehr"].kind == ADDED
    assert marks["pump"].kind == CHANGED and marks["pump"].badge == "~"
    assert marks["home"].kind == CHANGED  # the zone's trust level went down
    assert any("trust_level: 4 → 2" in r for r in overlay.panel.rows())
    removed = marks["f-relay-cloud"]
    assert removed.kind == REMOVED and removed.badge == "−"
    assert removed.pen().style() == Qt.PenStyle.DashLine  # not colour alone
    assert marks["ehr"].pen().style() == Qt.PenStyle.SolidLine
    # marks sit on the items they describe, and the ghost where the flow used to be
    assert marks["ehr"].rect == window.scene.elements["ehr"].scene_rect()
    assert "relay" in window.scene.elements and "f-relay-cloud" not in window.scene.flows
    assert {"relay", "vcloud", "pump"} - set(marks) == {"relay", "vcloud"}
    rows = overlay.panel.rows()
    assert any(r.startswith("+ Hospital EHR") for r in rows)
    assert any(r.startswith("− ") and "f-relay-cloud" in r for r in rows)
    assert any("properties.secure_boot" in r for r in rows)
    assert overlay.dock.isVisible()


def test_overlay_follows_edits_and_clears(qtbot, make_window, tmp_path, monkeypatch):
    window, overlay = _compare(qtbot, make_window, tmp_path, monkeypatch)
    window.doc.apply("Delete", edits.remove_elements, ["ehr"])
    assert "ehr" not in overlay.marks and "f-cloud-ehr" not in overlay.marks
    window.doc.undo_stack.undo()
    assert overlay.marks["ehr"].kind == ADDED
    overlay.clear()
    assert not overlay.marks and not overlay.dock.isVisible()
    assert not any(type(i).__name__ == "DiffMark" for i in window.scene.items())


def test_clicking_a_change_selects_it_on_the_canvas(qtbot, make_window, tmp_path,
                                                   monkeypatch):
    window, overlay = _compare(qtbot, make_window, tmp_path, monkeypatch)
    tree = overlay.panel.tree
    row = next(tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
               for j in range(tree.topLevelItem(i).childCount())
               if tree.topLevelItem(i).child(j).text(0).startswith("+ Hospital EHR"))
    tree.itemClicked.emit(row, 0)
    assert window.scene.selected_ids() == ["ehr"]


def test_same_model_shows_no_difference(qtbot, make_window, tmp_path, tiny_path):
    window = make_window(tiny_path)
    from workbench.gui.workshop import diff_overlay

    overlay = diff_overlay(window)
    assert overlay.compare_with(str(tiny_path))
    assert overlay.marks == {}
    assert overlay.panel.rows() == ["No difference"]


def test_bad_file_is_refused_with_its_name(qtbot, make_window, tmp_path, tiny_path, dialogs):
    window = make_window(tiny_path)
    bad = tmp_path / "broken.twm.json"
    bad.write_text("{ not json", "utf-8")
    from workbench.gui.workshop import diff_overlay

    overlay = diff_overlay(window)
    assert not overlay.compare_with(str(bad))
    assert dialogs.shown and "broken.twm.json" in dialogs.shown[-1][2]
    assert overlay.marks == {}
