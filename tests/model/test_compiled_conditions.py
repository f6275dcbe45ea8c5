"""``conditions.compiled`` (a condition as closures) against ``Condition.evaluate``, the
plain tree walk: random trees over every operator on random fact sets (values of every
type a fact takes, missing facts, lists), every catalog rule and likelihood adjustment on
the facts of the sample models' elements, and the rule engine's per-threat test
(``rules._rule``) against ``rules._applies``."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.catalog import load_catalog
from workbench.analysis.rules import _applies, _rule
from workbench.model.conditions import Condition, compiled
from workbench.model.facts import FactIndex
from workbench.model.io import load_model
from workbench.model.stencils import default_stencils

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
ATTRS = ["a", "b", "c", "tags"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-3, 3),
                    st.sampled_from(["", "x", "y"]))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))


def _leaf() -> st.SearchStrategy[dict]:
    return st.one_of(
        st.builds(lambda a, op, v: {"attr": a, "op": op, "value": v}, st.sampled_from(ATTRS),
                  st.sampled_from(["eq", "ne", "contains"]), SCALARS),
        st.builds(lambda a, op, v: {"attr": a, "op": op, "value": v}, st.sampled_from(ATTRS),
                  st.sampled_from(["in", "not_in", "contains_any"]), st.lists(SCALARS,
                                                                              max_size=3)),
        st.builds(lambda a, op, v: {"attr": a, "op": op, "value": v}, st.sampled_from(ATTRS),
                  st.sampled_from(["gt", "gte", "lt", "lte"]),
                  st.one_of(st.integers(-3, 3), st.floats(-3, 3))),
        st.builds(lambda a, v: {"attr": a, "op": "exists", "value": v}, st.sampled_from(ATTRS),
                  st.booleans()),
    )


TREES = st.recursive(_leaf(), lambda inner: st.one_of(
    st.builds(lambda c: {"all": c}, st.lists(inner, max_size=3)),
    st.builds(lambda c: {"any": c}, st.lists(inner, max_size=3)),
    st.builds(lambda c: {"not": c}, inner)), max_leaves=8)
FACTS = st.dictionaries(st.sampled_from(ATTRS), VALUES)


@settings(max_examples=600, deadline=None)
@given(TREES, st.lists(FACTS, min_size=1, max_size=4))
def test_compiled_condition_answers_as_the_tree_walk(tree: dict, fact_sets: list[dict]) -> None:
    condition = Condition.model_validate(tree)
    test = compiled(condition)
    for facts in fact_sets:
        got = test(facts)
        assert type(got) is bool
        assert got == bool(condition.evaluate(facts))


def test_catalog_rules_compiled_answer_as_the_plain_ones_on_the_samples() -> None:
    catalog = load_catalog(include_user_env=False)
    threats = list(catalog.threats.values())
    checked = fired = 0
    for path in SAMPLES:
        model = load_model(path)
        index = FactIndex(model, default_stencils())
        elements = [(index.component(c), c.layer.value, c.stencil, "component")
                    for c in model.components]
        elements += [(index.flow(f), None, None, "flow") for f in model.flows]
        for facts, layer, stencil, kind in elements:
            for threat in threats:
                if threat.applies_to != kind:
                    continue
                plain = _applies(threat, facts, layer, stencil)
                assert _rule(threat)(facts, layer, stencil) == plain
                checked += 1
                fired += plain
            for adjustment in catalog.adjustments:
                if adjustment.applies_to == kind:
                    assert compiled(adjustment.when)(facts) == bool(
                        adjustment.when.evaluate(facts))
    assert checked > 1000 and 0 < fired < checked
