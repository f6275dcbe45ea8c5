"""The attack engine on whole models: entries, targets, paths, controls, CLI output."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.analysis.test_attack_fixtures import implant_model
from workbench.analysis.attack import analyze_attacks
from workbench.analysis.attack.evidence import ThreatEvidence
from workbench.cli.main import main
from workbench.model import ControlInstance, MitigationLink, ThreatInstance, load_model, save_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _remote_model():
    """Implant model where the uplink answers back, so the internet reaches the implant:
    internet -> cell -> transmitter -> rf -> implant."""
    model = implant_model()
    model.flows[1] = model.flows[1].model_copy(update={"bidirectional": True})
    return model


def test_default_attackers_and_targets_are_found():
    result = analyze_attacks(implant_model(), samples=2048, recommend=False)
    entries = {a["id"]: a["entries"] for a in result.attackers}
    assert "implant" in entries["proximate-radio"]
    assert "cloud" in entries["remote-internet"]
    kinds = {(t["kind"], t["element"]) for t in result.targets}
    assert ("patient_safety", "implant") in kinds
    assert ("health_data", "cloud") in kinds


def test_paths_come_in_order_and_respect_k():
    result = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                             targets=["patient_safety:implant"], top_k=3, samples=2048,
                             recommend=False)
    paths = [p for p in result.attack_paths if p["target"] == "patient_safety:implant"]
    assert 1 <= len(paths) <= 3
    probs = [p["probability"] for p in paths]
    assert probs == sorted(probs, reverse=True)
    assert len({tuple(p["path"]) for p in paths}) == len(paths)
    assert all(p["path"][-1] == "implant" for p in paths)
    one = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                          targets=["implant"], top_k=1, samples=2048, recommend=False)
    assert one.attack_paths[0]["path"] == paths[0]["path"]


def test_a_blocking_control_removes_paths_and_lowers_probability():
    """A threat on the transmitter answered by a fully effective control in place: every
    edge into the transmitter fails, so no path goes through it."""
    model = _remote_model()
    model.threats = [ThreatInstance(id="t1", key="takeover@transmitter", catalog_id="x",
                                    element="transmitter", stride=["T"], likelihood=4,
                                    mitigations=[MitigationLink(control="c1",
                                                                status="verified")])]
    before = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                             targets=["patient_safety:implant"], samples=4096,
                             recommend=False)
    assert any("transmitter" in p["path"] for p in before.attack_paths)
    p_before = before.compromise["implant"]["probability"]
    assert p_before > 0
    model.controls = [ControlInstance(id="c1", title="Signed commands", status="verified",
                                      elements=["transmitter"], effectiveness=1.0)]
    after = analyze_attacks(model, attackers=["remote-internet"],
                            targets=["patient_safety:implant"], samples=4096,
                            recommend=False)
    assert not any("transmitter" in p["path"] for p in after.attack_paths)
    assert after.compromise["implant"]["probability"] < p_before


def test_explicit_evidence_drives_edge_probability():
    """With evidence 'near certain, no control' on the implant, the radio step is likelier
    than with the same threat behind a 90 % effective control."""
    open_ = {"implant": [ThreatEvidence("k", 0.9)]}
    closed = {"implant": [ThreatEvidence("k", 0.9, in_place=0.1)]}
    kw = dict(attackers=["proximate-radio"], targets=["patient_safety:implant"],
              samples=2048, recommend=False, sensitivity=False)
    a = analyze_attacks(implant_model(), evidence=open_, **kw)
    b = analyze_attacks(implant_model(), evidence=closed, **kw)
    assert a.compromise["implant"]["probability"] > b.compromise["implant"]["probability"]


def test_same_seed_same_result():
    a = analyze_attacks(_remote_model(), samples=2048, seed=5, recommend=False)
    b = analyze_attacks(_remote_model(), samples=2048, seed=5, recommend=False)
    assert a.to_json() == b.to_json()


def test_sensitivity_names_the_step_that_matters_most():
    result = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                             targets=["patient_safety:implant"], samples=4096,
                             recommend=False)
    steps = result.sensitivity[0]["steps"]
    assert steps and steps[0]["reduction"] >= steps[-1]["reduction"]
    # The implant hangs off the RF segment only: removing that last step removes it all.
    last = next(s for s in steps if s["to"] == "implant")
    assert last["probability_without"] == pytest.approx(0.0)


def test_a_step_that_changes_nothing_reads_zero_not_summation_noise():
    """On the wearable sample, blocking some of the internet attacker's steps changes
    nothing: their reduction read 4e-19 and 9e-19 and put them ahead of the other no-effect
    steps. A reader sees 0, and such steps keep the order in which the paths walk them."""
    from workbench.analysis.pipeline import analyze

    model = load_model(next(p for p in SAMPLES if p.name.startswith("wearable")))
    result = analyze(model)
    attacks = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                              recommend=False)
    reductions = [s["reduction"] for row in attacks.sensitivity for s in row["steps"]]
    assert reductions.count(0.0) >= 10
    assert all(r == 0.0 or abs(r) >= 1e-12 for r in reductions)


def test_unknown_attacker_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown attacker 'nobody'"):
        analyze_attacks(implant_model(), attackers=["nobody"])


def test_time_to_compromise_percentiles_are_ordered():
    result = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                             targets=["implant"], samples=1024, recommend=False,
                             sensitivity=False, ttc=True)
    row = result.time_to_compromise[0]
    assert 0 < row["days_p5"] <= row["days_p50"] <= row["days_p95"]


def test_cli_json_contract(tmp_path, capsys):
    path = tmp_path / "m.twm.json"
    save_model(implant_model(), path)
    code = main(["analyze", str(path), "--json", "--top", "2", "--samples", "1024",
                 "--seed", "3", "--attacker", "proximate-radio"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["attack_paths"]
    first = data["attack_paths"][0]
    assert set(first) >= {"attacker", "target", "path", "probability"}
    assert first["attacker"] == "proximate-radio"
    entry = data["compromise"]["implant"]
    assert set(entry) >= {"probability", "ci_low", "ci_high", "method"}
    assert isinstance(data["recommendations"], list)
    assert isinstance(data["choke_points"], list)


def test_cli_rejects_bad_options(tmp_path, capsys):
    path = tmp_path / "m.twm.json"
    save_model(implant_model(), path)
    assert main(["analyze", str(path), "--json", "--top", "0"]) == 1
    assert "--top" in capsys.readouterr().err
    assert main(["analyze", str(path), "--json", "--attacker", "ghost"]) == 1
    assert "ghost" in capsys.readouterr().err


@pytest.mark.skipif(not SAMPLES, reason="sample models not committed yet")
@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_each_sample_model_has_a_path_to_a_patient_safety_target(path):
    from workbench.analysis.pipeline import analyze

    result = analyze(load_model(path))
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats,
                             samples=2048, recommend=False, sensitivity=False)
    safety = [p for p in attack.attack_paths if p["kind"] == "patient_safety"]
    assert safety, f"{path.name}: no path to a patient-safety target"
    assert all(0 < p["probability"] <= 1 for p in safety)
    element = safety[0]["element"]
    assert attack.compromise[element]["probability"] > 0


def test_cli_output_follows_the_schema(tmp_path, capsys):
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "schema" /
                         "analysis.schema.json").read_text())
    path = tmp_path / "m.twm.json"
    save_model(implant_model(), path)
    assert main(["analyze", str(path), "--json", "--samples", "1024", "--ttc"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema)
    assert data["attack"]["time_to_compromise"]


def test_path_steps_multiply_to_the_path_probability():
    result = analyze_attacks(_remote_model(), attackers=["remote-internet"],
                             targets=["implant"], samples=1024, recommend=False,
                             sensitivity=False)
    path = result.attack_paths[0]
    steps = path["steps"]
    assert [s["to"] for s in steps] == path["path"]
    assert steps[0]["from"] is None
    assert math.prod(s["p"] for s in steps) == pytest.approx(path["probability"], rel=1e-9)
    assert all(s["effort_days"] >= 1.0 for s in steps)


def test_recommendation_funds_the_planned_control_that_cuts_the_path():
    """The only candidate is a planned control (90 %) against the near-certain takeover of
    the transmitter, which every remote path to the implant crosses: the plan takes it and
    the implant's probability drops by most of its value."""
    model = _remote_model()
    model.threats = [ThreatInstance(id="t1", key="takeover@transmitter", catalog_id="x",
                                    element="transmitter", stride=["T"], likelihood=4,
                                    mitigations=[MitigationLink(control="c1")])]
    model.controls = [ControlInstance(id="c1", title="Signed commands", status="planned",
                                      elements=["transmitter"], effectiveness=0.9,
                                      cost="low")]
    result = analyze_attacks(model, attackers=["remote-internet"], targets=["implant"],
                             samples=4096, threshold=0.0)
    plan = result.recommendations
    assert plan and plan[0]["controls"] == ["c1"]
    assert plan[0]["cost"] == plan[0]["step_days"] == 6.5  # "low": 3-10 person-days
    before = plan[0]["risk_reduction"] + plan[0]["max_probability"]  # a single target
    assert before > 0
    # The takeover drops from 0.9 to 0.09, so the implant's probability falls by ~90 %.
    assert plan[0]["risk_reduction"] > 0.8 * before


def test_empty_and_edge_case_models_do_not_fail():
    from workbench.model import Metadata, ThreatModel

    empty = analyze_attacks(ThreatModel(metadata=Metadata(title="empty")))
    assert empty.attack_paths == [] and empty.compromise == {}
    lonely = implant_model()
    lonely.flows = []  # nothing connects: only direct entries are reachable
    result = analyze_attacks(lonely, samples=640, recommend=False)
    assert result.compromise["implant"]["probability"] > 0  # radio entry
    assert all(len(p["path"]) == 1 for p in result.attack_paths)


def test_model_attacker_with_explicit_entry_and_data_rule():
    from workbench.model import AttackerProfile, Condition

    model = implant_model()
    model.attackers = [AttackerProfile(
        id="nurse", name="Curious nurse", capability=1.0, entry_elements=["portal"],
        entry_rule=Condition.model_validate(
            {"attr": "data.special_category", "op": "eq", "value": True}))]
    result = analyze_attacks(model, samples=640, recommend=False)
    assert [a["id"] for a in result.attackers] == ["nurse"]
    entries = result.attackers[0]["entries"]
    assert entries[0] == "portal" and {"implant", "cloud"} <= set(entries)


def test_a_what_if_step_graph_is_the_one_built_from_scratch():
    """What-if copies reuse the structure built for their first graph; their step graph
    (edges, chances, attempt nodes, names) is the one a fresh build of the same model with
    the same controls gives."""
    import numpy as np

    from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
    from workbench.analysis.attack.engine import _evidence
    from workbench.analysis.attack.graph import build_graph, step_graph
    from workbench.model.stencils import default_stencils

    stencils = default_stencils()
    model = load_model(Path(__file__).resolve().parents[2] / "sample-models"
                       / "insulin-closed-loop.twm.json")
    evidence, candidates = _evidence(model, None, None, stencils)
    chosen = sorted(candidates)[::7][:6]
    elements = [e for c in chosen for e in candidates[c].elements]
    profiles = attacker_profiles(model)
    entries = resolve_entries(model, profiles, stencils)
    graph = build_graph(model, evidence, stencils)
    changed = 0
    for profile in profiles:
        idx = [graph.index[e] for e in entries[profile.id]]
        base = step_graph(graph.for_vectors(profile.vectors), idx, profile.capability)
        copy = graph.with_controls(chosen, elements).for_vectors(profile.vectors)
        reused = step_graph(copy, idx, profile.capability)
        fresh_graph = build_graph(model, evidence, stencils).with_controls(chosen, elements)
        fresh = step_graph(fresh_graph.for_vectors(profile.vectors), idx, profile.capability)
        assert reused.nodes == fresh.nodes
        for name in ("src", "dst", "p", "flow", "attempt", "structural", "el_src", "el_dst",
                     "el_p", "expose_p", "deny_p"):
            a, b = getattr(reused, name), getattr(fresh, name)
            assert (a is None and b is None) or np.array_equal(a, b), name
        changed += int(not np.array_equal(base.p, reused.p))
    assert changed  # the controls lowered some chance: the copies are real what-ifs
