"""What a threat does to the attacker's position (catalog ``effect``), and what follows.

Only *control* moves the attacker; *expose* reaches data targets; *deny* availability
targets. So eavesdropping is no foothold, and authenticating an implant's radio commands
(the fix its manufacturer shipped) lowers the implant's compromise probability while
encrypting the radio link does not.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import analyze_attacks, attempt_probabilities
from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
from workbench.analysis.attack.engine import _evidence, target_reach
from workbench.analysis.attack.evidence import ThreatEvidence
from workbench.analysis.attack.graph import build_graph, step_graph
from workbench.analysis.attack.probability import Solver
from workbench.analysis.catalog import check_catalog, default_catalog, load_catalog
from workbench.model import ModelError, load_model
from workbench.model.stencils import default_stencils

ROOT = Path(__file__).resolve().parents[2]
CARDIAC = ROOT / "sample-models" / "cardiac-implant-remote-monitoring.twm.json"


def test_every_shipped_threat_declares_its_effect():
    catalog = default_catalog()
    assert all(t.effect is not None for t in catalog.threats.values())
    for tid in ("network.eavesdropping", "thing.stored-data-exposure", "thing.ble-tracking",
                "flow.wireless-sniffing", "flow.cleartext-across-boundary"):
        assert catalog.threats[tid].effects == {"expose"}, tid
    assert "control" in catalog.threats["thing.implant-rf-command-injection"].effects
    assert catalog.threats["network.radio-jamming"].effects == {"deny"}


USER = {"catalog_format": 1, "namespace": "acme", "version": "1", "threats": [{
    "id": "acme:sniff", "title": "Sniffing", "description": "Reads traffic.",
    "layers": ["network"], "stride": ["I"], "impacts": ["privacy"],
    "suggested_controls": ["transport-encryption"]}], "controls": []}


def test_an_effect_not_backed_by_stride_is_a_load_error(tmp_path):
    doc = copy.deepcopy(USER)
    doc["threats"][0]["effect"] = ["control"]
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ModelError) as info:
        load_catalog([path], include_user_env=False)
    text = info.value.describe()
    assert str(path) in text and "threats[0]" in text and "effect 'control'" in text


def test_catalog_check_asks_a_user_threat_for_its_effect(tmp_path):
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(USER))
    catalog = load_catalog([path], include_user_env=False)
    assert catalog.threats["acme:sniff"].effects == {"expose"}  # derived from STRIDE I
    problems = check_catalog(catalog, ["privacy", "patient_safety", "care_delivery",
                                       "financial", "regulatory", "reputation"])
    assert any(p.path.endswith("acme:sniff.effect") for p in problems)


def _implant_setup():
    from workbench.analysis.pipeline import analyze

    analysed = analyze(load_model(CARDIAC))
    stencils = default_stencils()
    evidence, _ = _evidence(analysed.model, analysed.catalog, analysed.threats, stencils)
    graph = build_graph(analysed.model, evidence)
    profile = next(a for a in attacker_profiles(analysed.model) if a.id == "proximate-radio")
    entries = resolve_entries(analysed.model, [profile], stencils)[profile.id]
    idx = [graph.index[e] for e in entries]

    def p_icd(g) -> float:
        icd = g.index["icd"]
        sol = Solver(step_graph(g, idx, profile.capability)).solve(exact_for=[icd])
        assert sol.exact[icd]
        return float(sol.probability[icd])

    return graph, p_icd, evidence


def test_authenticating_implant_radio_commands_lowers_its_compromise():
    """The worked example of docs/attack-paths.md, recomputed from the evidence: the ICD is
    reached from either radio segment (certain entries) when its own weakness works (one
    fact for both ways in) or the flow's: P = 1 - (1 - p_icd)(1 - p_f1)(1 - p_f2)."""
    from workbench.analysis.attack.evidence import element_probability

    graph, p_icd, evidence = _implant_setup()
    assert graph.index["rf-home"] >= 0
    flows = [element_probability(evidence[f]) for f in ("f-icd-transmitter",
                                                        "f-programmer-icd")]
    fix = ["catalog:radio-link-authentication@icd"]
    own, own_fixed = (element_probability(evidence["icd"], extra) for extra in ((), fix))
    rest = (1 - flows[0]) * (1 - flows[1])
    before, fixed = p_icd(graph), p_icd(graph.with_controls(fix, ["icd"]))
    assert before == pytest.approx(1 - (1 - own) * rest, abs=1e-9)
    assert fixed == pytest.approx(1 - (1 - own_fixed) * rest, abs=1e-9)
    assert own_fixed <= 0.3 * own + 1e-12  # every control threat on it is answered (0.7)
    assert fixed < before - 0.15


def test_encrypting_the_radio_link_does_not_change_who_controls_the_implant():
    """Eavesdropping only exposes data: its controls cannot lower a control figure."""
    graph, p_icd, _ = _implant_setup()
    encrypted = graph.with_controls(
        ["catalog:transport-encryption@rf-home", "ctl-transport-encryption"],
        ["rf-home", "f-icd-transmitter", "f-programmer-icd"])
    assert p_icd(encrypted) == pytest.approx(p_icd(graph), abs=1e-12)


def test_eavesdropping_is_no_foothold():
    """A segment whose only threat is eavesdropping at 0.9 stays at the property fallback
    for control: what lies behind it is not reached any easier."""
    from tests.analysis.test_attack_fixtures import implant_model

    model = implant_model()
    sniff = {"rf": [ThreatEvidence("sniff", 0.9, effects=frozenset({"expose"}))]}
    control = {"rf": [ThreatEvidence("own", 0.9)]}
    a = analyze_attacks(model, evidence=sniff, attackers=["remote-internet"],
                        samples=2048, recommend=False, sensitivity=False)
    b = analyze_attacks(model, evidence=control, attackers=["remote-internet"],
                        samples=2048, recommend=False, sensitivity=False)
    assert a.compromise["rf"]["probability"] < b.compromise["rf"]["probability"]


def test_a_data_target_is_reached_by_exposure_from_where_the_attacker_can_try():
    """P(data target) = P(control) + (P(attempt) - P(control)) z, z the exposure chance.

    The implant's only exposure threat is physical (data read from a lost or explanted
    device): the hospital insider, who has physical access, is the attacker it counts for.
    """
    from workbench.analysis.attack.engine import prepare_runs
    from workbench.analysis.attack.targets import HEALTH_DATA, PATIENT_SAFETY

    model = load_model(CARDIAC)
    graph, runs, _ = prepare_runs(model, attackers=["hospital-insider"], samples=4096,
                                  exact_for=list(range(len(model.components))))
    run = runs[0]
    icd = graph.index["icd"]
    control = target_reach(run, icd, PATIENT_SAFETY)[0]
    data = target_reach(run, icd, HEALTH_DATA)[0]
    z = float(run.graph.expose_p[icd])
    attempt = attempt_probabilities(model, attackers=["hospital-insider"],
                                    samples=4096)["hospital-insider"]["icd"]
    assert z > 0 and data > control
    assert data == pytest.approx(control + (attempt - control) * z, abs=1e-9)


def test_every_target_row_is_the_per_target_formula_for_every_attacker():
    """The results table (computed for all targets at once) gives, for each attacker and
    target, exactly what :func:`target_reach` gives for that pair: probability, interval
    and exactness, data and availability targets included."""
    from workbench.analysis.attack.engine import prepare_runs
    from workbench.analysis.attack.targets import resolve_targets

    model = load_model(CARDIAC)
    specs = resolve_targets(model, default_stencils())
    result = analyze_attacks(model, samples=2048, recommend=False, sensitivity=False)
    index = {c.id: i for i, c in enumerate(model.components)}
    graph, runs, _ = prepare_runs(model, samples=2048,
                                  exact_for=sorted({index[s.element] for s in specs}))
    by_run = {r.profile.id: r for r in runs}
    # Exposure lifts some data target above control of its element (the formula's branch).
    assert any(row["kind"] == "health_data" and row["probability"] > target_reach(
        by_run[row["attacker"]], index[row["element"]], "patient_safety")[0]
        for row in result.target_results)
    for row in result.target_results:
        for attacker, (low, high, exact) in row["by_attacker_ci"].items():
            want = target_reach(by_run[attacker], graph.index[row["element"]], row["kind"])
            assert row["by_attacker"][attacker] == round(want[0], 6)
            assert [low, high, exact] == [round(want[1], 6), round(want[2], 6), want[3]]
        best = target_reach(by_run[row["attacker"]], graph.index[row["element"]], row["kind"])
        assert (row["probability"], row["ci_low"], row["ci_high"]) == best[:3]
        assert (row["method"] == "exact-enumeration") == best[3]


def test_kind_masks_kept_for_the_last_list_are_the_kinds_compared_afresh():
    """``reach_table``'s masks per kind, kept for the last kinds list, are the object
    array's comparisons for each list asked: the same list again, an equal new list, the
    kept list changed in place by its caller, a tuple, an empty list."""
    from workbench.analysis.attack.engine import KIND_EFFECT, _kind_masks

    kinds = ["health_data", "patient_safety", "care_service", "health_data"]
    other = ["care_service", "care_service", "health_data"]
    asked = [kinds, kinds, list(kinds), other, kinds, tuple(other), [], kinds]
    for k, ask in enumerate(asked):
        if k == 4:
            kinds[1] = "care_service"  # the caller's list changed after its masks were kept
        want = [(effect, np.asarray(list(ask), dtype=object) == kind)
                for kind, effect in KIND_EFFECT.items()]
        got = _kind_masks(ask)
        assert [e for e, _ in got] == [e for e, _ in want]
        for (_, a), (_, b) in zip(got, want, strict=True):
            assert a.dtype == bool and a.tolist() == b.tolist()


def test_attempt_probabilities_entries_are_certain_and_bound_compromise():
    model = load_model(CARDIAC)
    attempts = attempt_probabilities(model, samples=4096)
    result = analyze_attacks(model, samples=4096, recommend=False, sensitivity=False)
    for attacker in result.attackers:
        tries = attempts[attacker["id"]]
        for entry in attacker["entries"]:
            assert tries[entry] == 1.0
    # Control implies the attacker could try: the worst attempt bounds the worst control.
    for element, comp in result.compromise.items():
        worst = max(a.get(element, 0.0) for a in attempts.values())
        assert comp["probability"] <= worst + 0.03
    assert np.isfinite(list(attempts["remote-internet"].values())).all()
