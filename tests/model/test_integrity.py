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
