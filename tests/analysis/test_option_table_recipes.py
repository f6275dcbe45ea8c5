"""The option table's shapes worked out once per recipe, against the element-by-element walk.

``element_states.build_table`` works out an element's shape (``AttackGraph._shape``) once
per *recipe* (component or flow, property fallback, its threats' template numbers) and
reads the other elements' options at the recipe's (threat, option) places. The oracle is
the plain walk: ``_shape`` of every element in turn, and the ``setdefault`` numbering of
the candidates. Checked on the samples, a generated model and perturbed copies (two
devices of one kind told apart by one input), evidence merged from two calls (as the
incremental re-analysis does), and hand-made evidence where one template's elements
differ only in their property fallback, or where a planned control is named like another
element's catalog candidate (template -1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.analysis.test_evidence_templates import _plain_numbers
from tests.analysis.test_risk_memo import _perturbed
from workbench.analysis.attack.element_states import build_table
from workbench.analysis.attack.evidence import ThreatEvidence, evidence_from_risks
from workbench.analysis.attack.graph import AttackGraph, build_graph
from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales
from workbench.analysis.rules import suggest_threats
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _assert_plain(graph: AttackGraph) -> None:
    """``build_table``'s shapes, option orders and numbers are the plain walk's."""
    table = build_table(graph)
    plain = AttackGraph(graph.nodes, graph.index, graph.layers, graph.flows, graph.raw_src,
                        graph.raw_dst, graph.raw_flow, graph.node_miss, graph.flow_miss,
                        graph.evidence, restrictable=graph.restrictable)
    shapes = [plain._shape(e) for e in graph.evidence]  # fresh numbering, element by element
    assert table.elements == list(graph.evidence)
    assert table.shape.tolist() == [number for number, _ in shapes]
    assert table.orders == [order for _, order in shapes]
    numbers, option = _plain_numbers(table.orders)
    assert list(table.numbers.items()) == list(numbers.items())
    assert table.option.tolist() == option
    assert table.count.tolist() == [len(order) for order in table.orders]


def _graph(model, catalog, split: bool = False) -> AttackGraph:
    """The attack graph of ``model``'s evidence with the catalog's options; ``split``:
    the evidence made by two calls (every other element in each), then merged."""
    result = analyze(model, catalog)
    levels = Scales.of(result.model).likelihood
    if not split:
        evidence, _ = evidence_from_risks(result.threats, levels, catalog)
        return build_graph(result.model, evidence)
    elements = list(dict.fromkeys(r.instance.element for r in result.threats))
    first = set(elements[::2])
    one, _ = evidence_from_risks([r for r in result.threats if r.instance.element in first],
                                 levels, catalog)
    two, _ = evidence_from_risks([r for r in result.threats
                                  if r.instance.element not in first], levels, catalog)
    merged = {e: (one.get(e) or two.get(e)) for e in elements if e in one or e in two}
    return build_graph(result.model, merged)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_samples(path, catalog):
    _assert_plain(_graph(load_model(path), catalog))


def test_generated_and_perturbed_models_and_evidence_of_two_calls(catalog, monkeypatch):
    """A generated model (its devices share recipes: the shape walk runs once per
    recipe), three perturbed copies, and each with its evidence made by two calls."""
    generated = suggest_threats(synthetic_model(150, seed=7), catalog)
    models = [generated] + [suggest_threats(_perturbed(generated, s, catalog), catalog)
                            for s in range(3)]
    walked = []
    monkeypatch.setattr(AttackGraph, "_shape", _counting(AttackGraph._shape, walked))
    for model in models:
        for split in (False, True):
            graph = _graph(model, catalog, split)
            walked.clear()
            build_table(graph)
            assert 0 < len(walked) < len(graph.evidence) / 2
            _assert_plain(graph)


def _counting(shape, calls: list):
    def counted(graph, element):
        calls.append(element)
        return shape(graph, element)
    return counted


def _threat(key: str, template: int, options, vector: str = "physical",
            probability: float = 0.4) -> ThreatEvidence:
    return ThreatEvidence(key, probability, 1.0, tuple(options), vector=vector,
                          template=template)


def test_one_recipe_apart_by_fallback_and_a_control_named_like_a_candidate(catalog):
    """Hand-made evidence on a sample's components: every component has the same two
    templates (a physical threat, so each is restrictable with its own property
    fallback); then two elements of one fallback whose threats number -1 (a planned
    control named ``catalog:x@<first>``) with the same numbers but options that meet
    differently."""
    result = analyze(load_model(SAMPLES[0]), catalog)
    comps = [c.id for c in result.model.components]
    evidence = {}
    for e in comps:
        evidence[e] = [
            _threat(f"{e}.1", 900_001, [(f"catalog:x@{e}", 0.5), ("c-own", 0.3)]),
            _threat(f"{e}.2", 900_002, [(f"catalog:y@{e}", 0.4), (f"catalog:x@{e}", 0.5)],
                    vector="network", probability=0.7)]
    fallback = build_graph(result.model, evidence).restrictable
    assert len(set(fallback.values())) > 1  # fallbacks tell elements apart
    first, second = next((a, b) for a in comps for b in comps
                         if a != b and fallback[a] == fallback[b])
    for e in (first, second):
        evidence[e] = [_threat(f"{e}.1", -1, [(f"catalog:x@{first}", 0.2)]),
                       _threat(f"{e}.2", 900_003, [(f"catalog:x@{e}", 0.5)])]
    graph = build_graph(result.model, evidence)
    _assert_plain(graph)
    table = build_table(graph)
    at = table.ordinal
    assert len(table.orders[at[first]]) == 1 and len(table.orders[at[second]]) == 2


def test_evidence_of_two_calls_merged(catalog):
    """One threat type at two levels on two components of one fallback, each element's
    evidence from its own call, merged as the incremental re-analysis does: the two
    templates must not share a number (nor a shape)."""
    from tests.analysis.test_evidence_templates import _risk

    ttype = next(t for t in catalog.threats.values()
                 if t.effects and any(c.reduces_effective in ("likelihood", "both")
                                      for c in catalog.controls_for(t.id)))
    model = load_model(SAMPLES[0])
    a, b = (c.id for c in model.components[:2])
    one, _ = evidence_from_risks([_risk(a, "t1", ttype, 2)], (1, 2, 3, 4), catalog)
    two, _ = evidence_from_risks([_risk(b, "t2", ttype, 3)], (1, 2, 3, 4), catalog)
    graph = build_graph(model, {**one, **two})
    assert graph.restrictable.get(a) == graph.restrictable.get(b)
    _assert_plain(graph)
    table = build_table(graph)
    assert table.shape[table.ordinal[a]] != table.shape[table.ordinal[b]]
