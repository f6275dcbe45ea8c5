"""Referential integrity: every broken reference is reported with both of its ends."""

from __future__ import annotations

from workbench.model import Component, Flow, Layer, check_integrity, default_stencils

from .factories import tiny_model


def messages(model) -> list[str]:
    return [p.format() for p in check_integrity(model, default_stencils())]


def test_consistent_model_has_no_problem() -> None:
    assert messages(tiny_model()) == []


def test_flow_to_unknown_component_names_the_flow_and_both_ends() -> None:
    model = tiny_model()
    model.flows.append(Flow(id="f-bad", source="pump", target="gw-9"))
    [problem] = messages(model)
    assert problem.startswith("flows[2].target:")
    assert "'f-bad'" in problem and "'pump'" in problem and "'gw-9'" in problem


def test_unknown_stencil_names_component_and_stencil() -> None:
    model = tiny_model()
    model.components[0].stencil = "toaster"
    [problem] = messages(model)
    assert "components[0].stencil" in problem and "'pump'" in problem and "'toaster'" in problem


def test_duplicate_id_points_to_first_use() -> None:
    model = tiny_model()
    model.components.append(Component(id="pump", name="Second pump", stencil="insulin-pump",
                                      layer=Layer.THING))
    problems = messages(model)
    assert any("components[5].id" in p and "components[0]" in p for p in problems)


def test_flow_id_may_not_reuse_a_component_id() -> None:
    model = tiny_model()
    model.flows.append(Flow(id="relay", source="pump", target="vcloud"))
    assert any("flows[2].id" in p and "'relay'" in p for p in messages(model))


def test_layer_must_match_stencil() -> None:
    model = tiny_model()
    model.components[0].layer = Layer.CLOUD
    [problem] = messages(model)
    assert "'insulin-pump'" in problem and "'thing'" in problem and "'cloud'" in problem


def test_flow_via_must_be_a_network() -> None:
    model = tiny_model()
    model.flows[0].via = ["vcloud"]
    [problem] = messages(model)
    assert "flows[0].via[0]" in problem and "not a network" in problem


def test_unknown_zone_asset_and_mitigation_are_reported() -> None:
    model = tiny_model()
    model.components[1].zone = "moon"
    model.flows[1].data_assets.append("dna")
    problems = messages(model)
    assert any("'moon'" in p for p in problems)
    assert any("flows[1].data_assets[1]" in p and "'relay'" in p and "'dna'" in p
               for p in problems)


def test_threats_references_are_checked_where_a_threat_may_hold_one() -> None:
    """A threat on a known element with no mitigation and no rating is skipped; every other
    kind still gives its problem, at its index (the plain loop over every threat)."""
    from workbench.model import ControlInstance, ThreatInstance
    from workbench.model.entities import MitigationLink

    model = tiny_model()
    model.controls.append(ControlInstance(id="c1", title="Pairing", elements=["pump"]))
    plain = {"id": "t0", "key": "k@pump", "catalog_id": "k", "element": "pump"}
    kinds = [
        {},  # sound: skipped
        {"element": "gone"},  # unknown element
        {"element": "gone", "status": "orphaned"},  # an orphan may sit on a vanished element
        {"mitigations": [MitigationLink(control="c1"), MitigationLink(control="c9")]},
        {"impact": {"patient_safety": 2, "made_up": 1}},
        {"element": "f-pump-relay", "mitigations": [MitigationLink(control="c1")]},
    ]
    model.threats = [ThreatInstance(**{**plain, "id": f"t{i}", "key": f"k{i}", **kind})
                     for i, kind in enumerate(kinds * 2)]
    assert [m.split(":")[0] for m in messages(model)] == [
        "threats[1].element", "threats[3].mitigations[1].control", "threats[4].impact.made_up",
        "threats[7].element", "threats[9].mitigations[1].control", "threats[10].impact.made_up"]
