"""Evidence lists tagged with their recipe (``evidence.RecipeEvidence``) against the
per-element way: ``build_graph``'s plain chances and ``element_states.build_table``'s
shape key and option order read from the recipe equal those worked out from each
element's threats (the same lists as plain lists), on the samples, 300 synthetic
elements and hand-made runs with elements met again and planned model controls."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from tests.analysis.test_evidence_templates import (
    MODELS,
    _risk,
    _two_types_sharing_a_control,
    _type_and_clashing_control,
)
from workbench.analysis.attack import element_states
from workbench.analysis.attack.element_states import build_table
from workbench.analysis.attack.evidence import RecipeEvidence, evidence_from_risks
from workbench.analysis.attack.graph import _plain_chances, _RecipeChances, build_graph
from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _untagged(evidence) -> dict:
    """The same evidence as plain lists: every reader takes the per-element way."""
    return {element: list(threats) for element, threats in evidence.items()}


def _tagged(evidence) -> list[RecipeEvidence]:
    return [t for t in evidence.values()
            if type(t) is RecipeEvidence and t.recipe is not None]


def _same_graphs(model, evidence) -> None:
    """The graph and option table built from the tagged lists are those built from the
    plain lists."""
    fast, plain = build_graph(model, evidence), build_graph(model, _untagged(evidence))
    for name in ("node_miss", "flow_miss", "expose_miss", "deny_miss"):
        assert np.array_equal(getattr(fast, name), getattr(plain, name)), name
    assert fast.restrictable == plain.restrictable
    assert list(fast.restrictable) == list(plain.restrictable)
    one, other = build_table(fast), build_table(plain)
    assert one.orders == other.orders and one.numbers == other.numbers
    assert list(one.numbers) == list(other.numbers)
    for name in ("shape", "comp", "flow", "threats", "start", "count", "option", "bit"):
        assert np.array_equal(getattr(one, name), getattr(other, name)), name


def _per_list_oracle(evidence) -> None:
    """Per tagged list: the recipe's template numbers, plain chances and option order
    are the list's own."""
    chances_of = _RecipeChances()
    for threats in _tagged(evidence):
        assert threats.recipe.numbers == tuple(t.template for t in threats)
        assert chances_of(threats) == _plain_chances(list(threats))
        places = element_states._places(threats)
        assert tuple(p[0] for p in threats.options) == tuple(
            threats[t].options[o][0] for t, o in places)


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_recipe_tagged_evidence_reads_as_the_per_element_way(name, make, catalog):
    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    tagged = _tagged(evidence)
    assert tagged  # the fast path is taken
    _per_list_oracle(evidence)
    _same_graphs(result.model, evidence)


def test_synthetic_elements_share_recipes(catalog):
    """Many elements, few recipes: the per-recipe chances are reused."""
    make = dict(MODELS)["synthetic-300"]
    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    tagged = _tagged(evidence)
    assert len({id(t.recipe) for t in tagged}) * 4 < len(tagged)


def test_an_element_met_again_or_with_a_model_control_is_untagged(catalog):
    """A list holding more than one run (an element met again), or a run with a planned
    model control, is read the per-element way; the graphs are the plain ones."""
    ttype, clash = _type_and_clashing_control(catalog)
    one, other, _control = _two_types_sharing_a_control(catalog)
    risks = [_risk("a", "t1", one, 2), _risk("a", "t2", other, 3),
             _risk("b", "t3", ttype, 2), _risk("b", "t4", ttype, 3, [clash]),
             _risk("c", "t5", one, 2), _risk("c", "t6", other, 3),
             _risk("d", "t7", one, 2), _risk("d", "t8", other, 3),
             _risk("a", "t9", one, 1)]  # ``a`` again, after the others
    evidence, _ = evidence_from_risks(risks, (1, 2, 3, 4), catalog)
    assert evidence["a"].recipe is None and len(evidence["a"]) == 3
    assert type(evidence["b"]) is list
    assert evidence["c"].recipe is evidence["d"].recipe is not None
    _per_list_oracle(evidence)
    chances_of = _RecipeChances()
    for threats in evidence.values():
        assert chances_of(threats) == _plain_chances(list(threats))


def test_a_copy_of_a_tagged_list_is_a_plain_list(catalog):
    """A copied list (pickle, ``copy``) could be changed apart from its recipe: it is a
    plain list, read the per-element way."""
    one, other, _control = _two_types_sharing_a_control(catalog)
    evidence, _ = evidence_from_risks([_risk("a", "t1", one, 2), _risk("a", "t2", other, 3)],
                                      (1, 2, 3, 4), catalog)
    threats = evidence["a"]
    assert type(threats) is RecipeEvidence and threats.recipe is not None
    for made in (copy.copy(threats), copy.deepcopy(threats),
                 pickle.loads(pickle.dumps(threats)), copy.deepcopy(evidence)["a"]):
        assert type(made) is list and made == threats
