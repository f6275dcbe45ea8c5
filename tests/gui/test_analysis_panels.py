"""Threats panel, attack paths, risk overlay, heatmap, and analysis off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbench.model.enums import ThreatStatus

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"
needs_sample = pytest.mark.skipif(not SAMPLE.is_file(), reason="sample model not present")


def test_accept_suggested_threat_and_attach_control(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    assert not window.doc.model.threats  # suggestions live in the analysis until decided
    risks = panel.visible_risks()
    assert risks and all(r.instance.status == ThreatStatus.SUGGESTED for r in risks)
    chosen = next(r for r in risks if window.analysis.result.catalog.controls_for(
        r.instance.catalog_id))
    assert panel.select_key(chosen.instance.key)
    qtbot.mouseClick(panel.accept_btn, Qt.MouseButton.LeftButton)
    threat = next(t for t in window.doc.model.threats if t.key == chosen.instance.key)
    assert threat.status == ThreatStatus.ACCEPTED
    assert panel.current_risk().instance.key == chosen.instance.key  # selection kept
    control_id, title = panel.control_choices()[0]
    panel.attach_control(control_id, title)
    model = window.doc.model
    threat = next(t for t in model.threats if t.key == chosen.instance.key)
    control = next(c for c in model.controls if c.catalog_id == control_id)
    assert [m.control for m in threat.mitigations] == [control.id]
    assert threat.element in control.elements
    row = panel.current_risk()
    assert control.id in [c.control for c in row.controls]  # re-analysed with the control
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert not window.doc.model.threats and not window.doc.model.controls


def test_reject_needs_a_reason_and_status_filter(make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    key = panel.visible_risks()[0].instance.key
    panel.select_key(key)
    with pytest.raises(ValueError):
        panel.decide(ThreatStatus.REJECTED, "")
    panel.decide(ThreatStatus.REJECTED, "Pump has no such interface")
    panel.status.setCurrentIndex(panel.status.findData("rejected"))
    assert [r.instance.key for r in panel.visible_risks()] == [key]
    assert panel.visible_risks()[0].instance.reason == "Pump has no such interface"


def test_filters_set_before_an_analysis_apply_to_its_rows(make_window, tiny_path):
    """The rows of a new analysis are filtered once, with the filters already set (the
    panel no longer filters them twice), and unfiltered they are the core order whole."""
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    every = [r.instance.key for r in panel.visible_risks()]
    word = panel.visible_risks()[-1].instance.element
    panel.search.setText(word)
    shown = [r.instance.key for r in panel.visible_risks()]
    assert shown and len(shown) < len(every)
    panel.set_analysis(window.analysis)  # as a new analysis arrives
    assert [r.instance.key for r in panel.visible_risks()] == shown
    assert panel.count.text() == f"{len(shown)} of {len(every)}"
    panel.search.setText("")
    assert [r.instance.key for r in panel.visible_risks()] == every


def test_selection_scope_filters_threat_list(make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    panel.scope.setCurrentIndex(panel.scope.findData("selection"))
    window.scene.select_ids(["pump"])
    assert panel.visible_risks()
    assert {r.instance.element for r in panel.visible_risks()} == {"pump"}


def test_heatmap_cell_click_filters_threats(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    heat = window.heatmap
    assert heat.canvas is not None
    counts = heat.counts
    (lik, sev), n = counts.most_common(1)[0]
    i, j = heat.scales.likelihood.index(lik), heat.scales.severity.index(sev)
    centre = heat.canvas.cell_rect(i, j).center()
    qtbot.mouseClick(heat.canvas, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert heat.selected == (lik, sev)
    shown = window.threats.visible_risks()
    assert len(shown) == n
    assert all((r.current.likelihood, r.current.severity) == (lik, sev) for r in shown)
    window.threats.set_cell(None)
    assert len(window.threats.visible_risks()) == len(window.analysis.result.threats)


def test_risk_overlay_colours_elements_by_worst_risk(make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    window.toggle_risk(True)
    coloured = {k for k, v in window.scene.elements.items() if v.risk_colour is not None}
    assert "vcloud" in coloured
    worst = max((r for r in window.analysis.result.threats if r.instance.element == "vcloud"),
                key=lambda r: r.current.score)
    assert window.scene.elements["vcloud"].risk_colour.name() == worst.current.colour.lower()
    flows_with_threats = {r.instance.element for r in window.analysis.result.threats
                          if r.counted} & set(window.scene.flows)
    assert flows_with_threats
    assert all(window.scene.flows[f].label.risk_colour is not None for f in flows_with_threats)
    window.toggle_risk(False)
    assert all(v.risk_colour is None for v in window.scene.elements.values())
    assert all(f.label.risk_colour is None for f in window.scene.flows.values())


@needs_sample
def test_choose_attack_path_highlights_it_and_dims_the_rest(make_window):
    window = make_window(SAMPLE, analysis="sync")
    panel = window.attacks
    assert panel.list.count() > 0
    row = next(i for i, p in enumerate(panel.shown())
               if len([n for n in p.elements if n in window.scene.elements]) >= 2)
    panel.select_path(row)
    path = panel.shown()[row]
    highlighted = window.scene.highlighted_ids()
    nodes = [n for n in path.elements if n in window.scene.elements]
    assert set(nodes) <= highlighted and len(nodes) >= 2
    # its flows lit whole, or the hops it crosses of someone else's flow
    partly = window.scene.partly_lit_flows()
    assert any(f in highlighted for f in window.scene.flows) or partly
    crossed = {end for hops in partly.values() for hop in hops for end in hop}
    for key, item in window.scene.elements.items():
        assert (item.opacity() == 1.0) == (key in highlighted | crossed)
    panel.list.setCurrentRow(-1)
    assert not window.scene.highlighted_ids()
    assert all(i.opacity() == 1.0 for i in window.scene.elements.values())


@needs_sample
def test_attacker_filter_limits_paths(make_window):
    window = make_window(SAMPLE, analysis="sync")
    panel = window.attacks
    attacker = panel.paths[0].attacker
    panel.attacker.setCurrentIndex(panel.attacker.findData(attacker))
    assert panel.shown() and all(p.attacker == attacker for p in panel.shown())


def test_analysis_runs_in_worker_thread_and_stale_results_are_dropped(qtbot, make_window,
                                                                       tiny_path):
    window = make_window(tiny_path, analysis="async")
    window._analysis_timer.stop()  # the run scheduled at start-up
    with qtbot.waitSignal(window.runner.finished, timeout=20_000):
        window.run_analysis()
    assert window.analysis is not None
    done = []
    window.runner.finished.connect(lambda *a: done.append(a))
    window.runner.start(window.doc.model, window.stencils)
    window.runner.cancel()
    window.runner.wait(20_000)
    qtbot.wait(50)
    assert not done  # a cancelled run never reaches the panels
    assert not window.progress.isVisible()


def test_threat_decision_fields_in_inspector_use_model_scales(make_window, tiny_path):
    from PySide6.QtWidgets import QComboBox, QLineEdit

    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    key = panel.visible_risks()[-1].instance.key
    panel.select_key(key)
    panel.decide(ThreatStatus.ACCEPTED)
    inspector = window.inspector
    assert inspector._target[0] == "threat"
    likelihood = inspector.findChild(QComboBox, "likelihood")
    assert likelihood.count() == 1 + len([x for x in window.doc.model.risk.likelihood_levels
                                          if x.value > 0])
    likelihood.setCurrentIndex(likelihood.findData(1))
    safety = inspector.findChild(QComboBox, "impact.patient_safety")
    safety.setCurrentIndex(safety.findData(4))
    comment = inspector.findChild(QLineEdit, "comment")
    comment.setText("Reviewed in workshop 2")
    comment.editingFinished.emit()
    threat = next(t for t in window.doc.model.threats if t.key == key)
    assert threat.likelihood == 1 and threat.impact == {"patient_safety": 4}
    assert threat.comment == "Reviewed in workshop 2"
    row = next(r for r in window.analysis.result.threats if r.instance.key == key)
    assert row.likelihood == 1 and row.impact["patient_safety"] == 4


def test_moves_do_not_rerun_analysis_but_property_edits_do(make_window, tiny_path):
    from workbench.model import edits

    window = make_window(tiny_path, analysis="sync")
    first = window.analysis
    window.doc.apply("move", edits.move_elements, {"pump": (40.0, 400.0)})
    assert window.analysis is first
    window.doc.apply("edit", edits.update_component, "pump",
                     {"properties": {"internet_exposed": True}})
    assert window.analysis is not first


def test_context_menu_marks_an_attack_target(make_window, tiny_path):
    from workbench.gui.view import build_context_menu

    window = make_window(tiny_path, analysis="sync")
    item = window.scene.elements["relay"]
    menu = build_context_menu(window, window.scene, item)
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    labels = [a.text() for a in submenu.actions()]
    assert labels == ["Patient safety", "Health data", "Care service"]
    submenu.actions()[1].trigger()
    targets = window.doc.model.targets
    assert [(t.element, t.kind) for t in targets] == [("relay", "health_data")]
    assert window.attacks.target.findData(targets[0].id) >= 0
    submenu.actions()[1].trigger()  # twice: refused with a message, model unchanged
    assert len(window.doc.model.targets) == 1
    window.doc.undo_stack.undo()
    assert not window.doc.model.targets


def test_a_one_step_path_says_the_attacker_starts_on_the_target(make_window):
    """The GHT sample's patients' phones are both an internet entry point and a target."""
    ght = SAMPLE.parent / "ght-shared-ehr-pacs.twm.json"
    if not ght.is_file():
        pytest.skip("sample model not present")
    window = make_window(ght, analysis="sync")
    panel = window.attacks
    rows = [panel.list.item(i).text() for i in range(panel.list.count())]
    single = [r for r in rows if " → " not in r.split("   (")[0]]
    assert single and all("Starts on the target: " in r for r in single)
    assert not any("starts on the target" in r.lower() for r in rows if r not in single)
    # the paths that cross steps come first (a board reads those), one-card ones after
    first_single = rows.index(single[0])
    assert first_single > 0 and all(r in single for r in rows[first_single:])
    assert "no control on a path can stop this one" in panel.list.item(first_single).toolTip()
    # each group most likely first
    shown = panel.shown()
    crossing = [p.probability for p in shown[:first_single]]
    assert crossing == sorted(crossing, reverse=True)


def test_path_lights_only_its_own_flows_not_the_neighbours_on_a_shared_network():
    from workbench.gui.attack_panel import flows_along
    from workbench.model import Component, Flow, ThreatModel
    from workbench.model.entities import Metadata

    def comp(cid, stencil, layer):
        return Component(id=cid, name=cid, stencil=stencil, layer=layer)

    model = ThreatModel(
        metadata=Metadata(title="shared segment"),
        components=[comp("phone", "smartphone", "thing"), comp("ble", "ble", "network"),
                    comp("pump", "insulin-pump", "thing"), comp("cgm", "cgm", "thing")],
        flows=[Flow(id="f-pump", source="phone", target="pump", via=["ble"]),
               Flow(id="f-cgm", source="cgm", target="phone", via=["ble"])])
    assert flows_along(["phone", "ble", "pump"], model) == ["f-pump"]
    assert flows_along(["cgm", "ble", "phone"], model) == ["f-cgm"]


@needs_sample
def test_choosing_a_path_brings_all_of_it_into_view(make_window):
    window = make_window(SAMPLE, analysis="sync")
    window.resize(900, 600)
    window.view.reset_zoom()
    window.view.zoom_by(2.0)  # zoomed in on a corner, as after editing one element
    window.view.centerOn(0, 0)
    panel = window.attacks
    row = max(range(len(panel.shown())), key=lambda i: len(panel.shown()[i].elements))
    panel.select_path(row)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    for key in panel.shown()[row].elements:
        item = window.scene.elements.get(key)
        if item is not None:
            assert visible.contains(item.scene_rect()), key


def test_empty_attack_panel_offers_the_two_actions_that_make_a_path(qtbot, make_window,
                                                                     tmp_path, tiny_path):
    from tests.model.factories import tiny_model
    from workbench.model import ThreatModel
    from workbench.model.entities import Metadata
    from workbench.model.io import save_model

    blank = tmp_path / "blank.twm.json"
    save_model(ThreatModel(metadata=Metadata(title="blank")), blank)
    window = make_window(blank, analysis="sync")
    panel = window.attacks
    assert panel.guide.isVisible() and "target" in panel.note.text()
    qtbot.mouseClick(panel.actors_button, Qt.MouseButton.LeftButton)
    assert window.profiles_dock.isVisible()
    panel.mark_button.menu().actions()[0].trigger()  # nothing selected: told what to do
    assert "Select an element" in window.statusBar().currentMessage()

    window = make_window(tiny_path, analysis="sync")
    element = tiny_model().components[0].id
    window.scene.select_ids([element])
    before = len(window.doc.model.targets)
    window.attacks.mark_button.menu().actions()[1].trigger()  # health data
    added = window.doc.model.targets[before:]
    assert [(t.element, t.kind) for t in added] == [(element, "health_data")]


def test_two_targets_on_one_element_give_two_rows_that_say_which(make_window):
    """Home telemonitoring: the insider's 'Hospital LAN → Hospital EHR' reaches its health
    data and its care service; both rows read the same without the target."""
    home = SAMPLE.parent / "home-telemonitoring.twm.json"
    window = make_window(home, analysis="sync")
    panel = window.attacks
    rows = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert len(rows) == len(set(rows)), [r for r in rows if rows.count(r) > 1]
    assert any(r.count("Hospital EHR") >= 2 and "[" in r for r in rows)
