"""Why a suggested threat applies (analysis/explain.py), checked against an oracle.

Oracle: the deciding clauses must be *sufficient*. Keep the value of every leaf named as a
reason, give every other leaf the value that works against the result (false where a true
leaf helps, true under an odd number of ``not``), and the condition must still come out as
it did. A reason list that left out a needed leaf fails; so does one naming a leaf whose
value on the element is not the one stated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.explain import Explainer, deciding_clauses
from workbench.model.conditions import Condition

ROOT = Path(__file__).resolve().parents[2]
ATTRS = [f"f{i}" for i in range(12)]


leaf = st.builds(lambda v: {"leaf": v}, st.booleans())
trees = st.recursive(
    leaf,
    lambda kids: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(kids, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(kids, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, kids)),
    max_leaves=10)


def to_condition(tree, counter) -> Condition:
    if "leaf" in tree:
        attr = ATTRS[next(counter) % len(ATTRS)]
        return Condition(attr=attr, op="eq", value=tree["leaf"])
    if "not" in tree:
        return Condition.model_validate({"not": to_condition(tree["not"], counter)})
    key = "all" if "all" in tree else "any"
    return Condition.model_validate({key: [to_condition(t, counter) for t in tree[key]]})


def adversarial(cond: Condition, facts: dict, kept: set, want: bool, odd: bool = False) -> bool:
    """Evaluate with kept leaves at their value and the others set against ``want``."""
    if cond.attr is not None:
        if (cond.attr, cond.op, cond.value) in kept:
            return cond.evaluate(facts)
        helps_when = want != odd  # the leaf's value that helps reach `want` at the top
        return not helps_when
    if cond.not_ is not None:
        return not adversarial(cond.not_, facts, kept, want, not odd)
    values = [adversarial(c, facts, kept, want, odd) for c in (cond.all or cond.any)]
    return all(values) if cond.all is not None else any(values)


@settings(max_examples=300, deadline=None)
@given(trees, st.lists(st.booleans(), min_size=12, max_size=12))
def test_deciding_clauses_are_true_and_sufficient(tree, values):
    import itertools

    cond = to_condition(tree, itertools.count())
    facts = dict(zip(ATTRS, values, strict=True))
    result = cond.evaluate(facts)
    clauses = deciding_clauses(cond, facts, result)
    for clause in clauses:  # each reason is stated with the element's real value
        leaf_value = facts[clause.attr] == clause.expected
        assert leaf_value == (not clause.negated)
        assert clause.actual == facts[clause.attr]
    kept = {(c.attr, c.op, c.expected) for c in clauses}
    assert adversarial(cond, facts, kept, result) == result


def test_an_any_lists_every_branch_that_holds_and_a_not_reads_negated():
    cond = Condition.model_validate({"all": [
        {"any": [{"attr": "f0", "op": "eq", "value": True},
                 {"attr": "f1", "op": "eq", "value": True},
                 {"attr": "f2", "op": "eq", "value": True}]},
        {"not": {"attr": "f3", "op": "eq", "value": True}}]})
    facts = {"f0": True, "f1": False, "f2": True, "f3": False}
    clauses = deciding_clauses(cond, facts, True)
    assert [(c.attr, c.negated) for c in clauses] == [("f0", False), ("f2", False),
                                                      ("f3", True)]


SAMPLES = sorted((ROOT / "sample-models").glob("*.twm.json"))


@pytest.mark.skipif(not SAMPLES, reason="sample models not present")
@pytest.mark.parametrize("path", SAMPLES[:3], ids=lambda p: p.name.split(".")[0])
def test_every_suggestion_of_a_sample_is_explained(path):
    from workbench.analysis.pipeline import analyze
    from workbench.model import default_stencils
    from workbench.model.io import load_model

    stencils = default_stencils()
    model = load_model(path)
    result = analyze(model, stencils=stencils, exposure=False)
    explainer = Explainer(model, stencils)
    seen = 0
    for risk in result.threats:
        if risk.instance.status.value != "suggested" or risk.threat_type is None:
            continue
        why = explainer.why(risk.threat_type, risk.instance.element)
        assert why is not None and why.holds, (risk.instance.key, why)
        if risk.threat_type.when is not None:
            assert why.clauses, risk.instance.key  # a rule with a condition says which part
        seen += 1
    assert seen > 10
