"""Compare with…: the canvas marks added, removed and changed items; the list agrees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.model.factories import tiny_model
from workbench.analysis.diff import diff_models
from workbench.gui.diff_overlay import ADDED, CHANGED, COLOURS, REMOVED, RiskTag
from workbench.model import edits
from workbench.model.entities import Component, ComponentProperties, Flow
from workbench.model.enums import Layer, ThreatStatus
from workbench.model.io import load_model, save_model
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
    assert overlay.wait_for_risk()
    rows = overlay.panel.rows()
    assert rows[0] == "Risk per target: 0 worse, 0 better"
    assert rows[-1] == "No difference"
    assert len(rows) > 2 and all(r.startswith("= ") for r in rows[1:-1])
    assert overlay.risk_tags == {}


def test_bad_file_is_refused_with_its_name(qtbot, make_window, tmp_path, tiny_path, dialogs):
    window = make_window(tiny_path)
    bad = tmp_path / "broken.twm.json"
    bad.write_text("{ not json", "utf-8")
    from workbench.gui.workshop import diff_overlay

    overlay = diff_overlay(window)
    assert not overlay.compare_with(str(bad))
    assert dialogs.shown and "broken.twm.json" in dialogs.shown[-1][2]
    assert overlay.marks == {}


SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


def _reject_pump_threats(model):
    """The new version: every threat on the pump ruled out (as after a redesign)."""
    threats = [t.model_copy(update={"status": ThreatStatus.REJECTED,
                                    "reason": "remote bolus removed"})
               if t.element == "pump" else t for t in model.threats]
    return edits.set_threats(model, threats)


def _pump_row(overlay) -> str:
    return next(r for r in overlay.panel.rows() if "Insulin dosing of the pump" in r)


def test_risk_per_target_moves_down_and_tags_the_target(qtbot, make_window, tmp_path,
                                                         stencils):
    new = tmp_path / "v2.twm.json"
    save_model(_reject_pump_threats(load_model(SAMPLE, stencils)), new)
    window = make_window(new)
    from workbench.gui.workshop import diff_overlay

    overlay = diff_overlay(window)
    assert overlay.compare_with(str(SAMPLE))
    assert overlay.panel.rows()[0] == "Risk per target: computing…"
    assert overlay.wait_for_risk()
    row = _pump_row(overlay)
    # the same figures as `workbench diff` prints (the risk model's own numbers change
    # with calibration; what must hold is the drop and that both clients agree)
    cli = next(r for r in diff_models(load_model(SAMPLE, stencils),
                                      load_model(new, stencils)).risk
               if r.target == "t-patient_safety-pump")
    old, now = cli.old, cli.new
    assert now["score"] < old["score"] and cli.total_delta < 0
    assert row.startswith("▼ ") and (
        f"worst {old['score']} {old['level']} → {now['score']} {now['level']}, "
        f"total {old['total']} → {now['total']}") in row
    tag = overlay.risk_tags["t-patient_safety-pump"]
    assert tag.text.startswith(f"▼ {old['score']}→{now['score']}")
    card = window.scene.elements["pump"].scene_rect()
    assert tag.pos().y() >= card.bottom() and card.left() <= tag.pos().x() <= card.right()
    assert "better" in overlay.panel.rows()[0]
    # clicking the row brings the target's element up on the canvas
    tree = overlay.panel.tree
    section = tree.topLevelItem(0)
    item = next(section.child(i) for i in range(section.childCount())
                if "Insulin dosing of the pump" in section.child(i).text(0))
    tree.itemClicked.emit(item, 0)
    assert window.scene.selected_ids() == ["pump"]
    # The open model was re-analysed from the baseline's analysis (incremental), and
    # its table is the one a full analysis gives.
    runner = overlay.risk
    assert runner.snapshot is not None and runner.snapshot.stats["full"] == "first analysis"
    from workbench.analysis.diff import target_risk
    assert runner.tables["current"] == target_risk(load_model(new, stencils))[0]


def test_risk_per_target_follows_edits_and_undo(qtbot, make_window, stencils):
    window = make_window(SAMPLE)
    from workbench.gui.workshop import diff_overlay

    overlay = diff_overlay(window)
    assert overlay.compare_with(str(SAMPLE))
    assert overlay.wait_for_risk()
    assert _pump_row(overlay).startswith("= ") and overlay.risk_tags == {}
    window.doc.apply("Reject pump threats", _reject_pump_threats)
    assert overlay.panel.rows()[0] == "Risk per target: computing…"  # never stale figures
    assert overlay.wait_for_risk()
    assert _pump_row(overlay).startswith("▼ ")
    assert "t-patient_safety-pump" in overlay.risk_tags
    window.doc.undo_stack.undo()
    assert overlay.wait_for_risk()
    assert _pump_row(overlay).startswith("= ") and overlay.risk_tags == {}
    overlay.clear()
    assert not any(isinstance(i, RiskTag) for i in window.scene.items())


def test_risk_per_target_in_french(qapp, make_window, stencils):
    from workbench.gui import i18n

    i18n.install(qapp, "fr")
    try:
        window = make_window(SAMPLE)
        from workbench.gui.workshop import diff_overlay

        overlay = diff_overlay(window)
        assert overlay.compare_with(str(SAMPLE))
        assert overlay.dock.windowTitle() == "Changements"
        assert overlay.wait_for_risk()
        rows = overlay.panel.rows()
        assert rows[0] == "Risque par cible\u202f: 0 en hausse, 0 en baisse"
        row = _pump_row(overlay)
        assert row.startswith("= Insulin dosing of the pump: pire ")
        worst = row.split(": pire ", 1)[1].split(",")[0]
        before, after = worst.split(" → ")
        assert before == after and before.split(" ")[1] in {"critique", "élevé", "modéré"}
    finally:
        i18n.install(qapp, "en")


def test_compare_with_saved_version_shows_the_session_s_edits(qtbot, make_window, tiny_path,
                                                              dialogs):
    window = make_window(tiny_path)
    action = next(a for a in window.tools_menu.actions()
                  if a.text() == "Compare with &Saved Version")
    window.doc.apply("Rename", edits.update_component, "pump", {"name": "Pump v2"})
    action.trigger()
    overlay = window.diff_overlay
    assert overlay.marks["pump"].kind == CHANGED
    assert any("name: 'Insulin pump' → 'Pump v2'" in r for r in overlay.panel.rows())
    assert window.doc.dirty  # comparing never saves nor reloads


def test_compare_with_saved_version_of_an_unsaved_model_explains(qtbot, make_window, dialogs):
    window = make_window()
    action = next(a for a in window.tools_menu.actions()
                  if a.text() == "Compare with &Saved Version")
    action.trigger()
    assert dialogs.shown and "not been saved yet" in dialogs.shown[-1][2]
    assert getattr(window, "diff_overlay", None) is None or not window.diff_overlay.marks
