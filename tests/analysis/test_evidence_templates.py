"""Evidence per threat template, and the option table's numbering.

``evidence_from_risks`` works out once per template (threat type, likelihood level,
controls) what a threat's evidence takes from them, and names each catalog candidate of an
element once: checked against the evidence built threat by threat (also on the samples in
``test_fast_paths.py``), with an element met again after others and a model control
named like a catalog candidate. ``element_states.build_table`` numbers the candidates in
one pass: checked against the ``setdefault`` numbering it replaced.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.analysis.test_fast_paths import _plain_evidence
from workbench.analysis.attack.element_states import build_table
from workbench.analysis.attack.evidence import evidence_from_risks
from workbench.analysis.attack.graph import build_graph
from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
MODELS = [(p.name, lambda p=p: load_model(p)) for p in SAMPLES] + [
    ("synthetic-300", lambda: synthetic_model(300, seed=4))]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _plain_numbers(orders) -> tuple[dict[str, int], list[int]]:
    """The option table's numbering as it was: one ``setdefault`` per option entry."""
    numbers: dict[str, int] = {}
    option: list[int] = []
    for order in orders:
        option.extend(numbers.setdefault(cid, len(numbers)) for cid in order)
    return numbers, option


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_the_option_tables_numbers_are_those_set_entry_by_entry(name, make, catalog):
    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    table = build_table(build_graph(result.model, evidence))
    numbers, option = _plain_numbers(table.orders)
    assert table.numbers == numbers and list(table.numbers) == list(numbers)
    assert table.option.tolist() == option and option


def _risk(element: str, key: str, ttype, level: int, controls=(), custom: bool = False
          ) -> SimpleNamespace:
    """A risk as the evidence reads it; ``custom``: no catalog type (STRIDE letters)."""
    inst = SimpleNamespace(status="open", element=element, key=key,
                           catalog_id=ttype.id, stride=["T", "E"] if custom else [])
    return SimpleNamespace(instance=inst, threat_type=None if custom else ttype,
                           step_likelihood=level,
                           base_likelihood=level, likelihood=level, controls=list(controls),
                           counted=True)


def _fast_and_plain(risks, catalog):
    """``evidence_from_risks`` checked against the plain threat-by-threat evidence (the
    evidence and every candidate's id, title, cost and elements); both candidate tables
    returned for further checks."""
    levels = (1, 2, 3, 4)
    fast, fast_cands = evidence_from_risks(risks, levels, catalog)
    plain, plain_cands = _plain_evidence(risks, levels, catalog)
    assert fast == plain
    assert [(c.id, c.title, c.cost, c.elements) for c in fast_cands.values()] == \
        [(c.id, c.title, c.cost, c.elements) for c in plain_cands.values()]
    return fast, fast_cands, plain_cands


def _type_and_clashing_control(catalog):
    """A threat type with effects that a likelihood control answers, and a planned model
    control on element ``b`` named like that catalog candidate (``catalog:<id>@b``)."""
    ttype = next(t for t in catalog.threats.values()
                 if t.effects and any(c.reduces_effective in ("likelihood", "both")
                                      for c in catalog.controls_for(t.id)))
    ctype = next(c for c in catalog.controls_for(ttype.id)
                 if c.reduces_effective in ("likelihood", "both"))
    clash = SimpleNamespace(catalog_id=None, reduces="likelihood", in_place=False,
                            effectiveness=0.5, control=f"catalog:{ctype.id}@b", title="own")
    return ttype, clash


def test_template_evidence_is_the_plain_evidence_with_clashing_ids_and_elements_met_again(
        catalog):
    ttype, clash = _type_and_clashing_control(catalog)
    risks = [_risk("a", "t1", ttype, 2), _risk("a", "t2", ttype, 3),
             _risk("b", "t3", ttype, 2), _risk("b", "t4", ttype, 3, [clash]),
             _risk("c", "t5", ttype, 2), _risk("c", "t6", ttype, 3),
             _risk("c", "t8", ttype, 3, custom=True),
             _risk("a", "t7", ttype, 1)]  # ``a`` again, after the others
    fast, fast_cands, plain_cands = _fast_and_plain(risks, catalog)
    assert [t.key for t in fast["a"]] == ["t1", "t2", "t7"]
    # one pair per candidate on an element, shared by the threats that list it
    a1, a2 = fast["a"][0].options, fast["a"][1].options
    assert a1[0] is a2[0]


def _generic(threat, element: str) -> tuple:
    """What a threat's evidence is, its element's own catalog candidates' ids written
    without the element (the part a template number stands for)."""
    suffix = "@" + element
    options = tuple((cid.removesuffix(suffix) if cid.startswith("catalog:") else cid, eff)
                    for cid, eff in threat.options)
    return (threat.probability, threat.in_place, threat.effects, threat.vector, options)


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_threats_of_one_template_number_are_equal_but_for_their_element(name, make,
                                                                         catalog):
    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    seen: dict[int, tuple] = {}
    numbered = 0
    for element, threats in evidence.items():
        for t in threats:
            own = [cid for cid, _ in t.options if not cid.endswith("@" + element)]
            if t.template < 0:
                assert any(cid.startswith("catalog:") for cid in own)
                continue
            assert not any(cid.startswith("catalog:") for cid in own)
            numbered += 1
            assert seen.setdefault(t.template, _generic(t, element)) == _generic(t, element)
    assert numbered and len(seen) < numbered


def test_a_planned_control_named_like_a_catalog_candidate_numbers_no_template(catalog):
    ttype, clash = _type_and_clashing_control(catalog)
    plain = SimpleNamespace(catalog_id=None, reduces="likelihood", in_place=False,
                            effectiveness=0.5, control="c-own", title="own")
    risks = [_risk("a", "t1", ttype, 2), _risk("a", "t2", ttype, 3, [clash]),
             _risk("b", "t3", ttype, 2), _risk("b", "t4", ttype, 3, [clash]),
             _risk("c", "t5", ttype, 3, [plain]), _risk("d", "t6", ttype, 3, [plain])]
    risks[5].controls = risks[4].controls  # one scoring, one controls object (the memo's)
    evidence, _ = evidence_from_risks(risks, (1, 2, 3, 4), catalog)
    numbers = {t.key: t.template for threats in evidence.values() for t in threats}
    assert numbers["t2"] == numbers["t4"] == -1
    assert numbers["t1"] == numbers["t3"] >= 0
    assert numbers["t5"] == numbers["t6"] >= 0 and numbers["t5"] != numbers["t1"]


def test_two_calls_never_share_a_template_number(catalog):
    """The incremental re-analysis merges an earlier call's evidence lists with a new
    call's: a number must stand for one template there too."""
    ttype = next(t for t in catalog.threats.values()
                 if t.effects and any(c.reduces_effective in ("likelihood", "both")
                                      for c in catalog.controls_for(t.id)))
    first, _ = evidence_from_risks([_risk("a", "t1", ttype, 2)], (1, 2, 3, 4), catalog)
    second, _ = evidence_from_risks([_risk("a", "t1", ttype, 3)], (1, 2, 3, 4), catalog)
    one, = first["a"]
    other, = second["a"]
    assert one.probability != other.probability
    assert 0 <= one.template != other.template >= 0


def test_evidence_made_from_a_draft_is_the_dataclasss():
    from workbench.analysis.attack.evidence import ThreatEvidence, _new_evidence

    values = ("k", 0.5, 0.9, (("c", 0.3),), frozenset({"expose"}), "network", 7)
    made, plain = _new_evidence(*values), ThreatEvidence(*values)
    assert type(made) is ThreatEvidence and made == plain and hash(made) == hash(plain)
    assert [getattr(made, f) for f in ThreatEvidence.__slots__] == \
        [getattr(plain, f) for f in ThreatEvidence.__slots__]
    with pytest.raises(AttributeError):
        made.probability = 1.0  # type: ignore[misc]
    assert not hasattr(made, "__dict__") and made.template == 7


def _two_types_sharing_a_control(catalog):
    """Two threat types with effects whose likelihood controls overlap (an element's
    candidate then serves both threats) but differ, and one control they share."""
    def offered(t):
        return [c.id for c in catalog.controls_for(t.id)
                if c.reduces_effective in ("likelihood", "both")]
    types = [t for t in catalog.threats.values() if t.effects and offered(t)]
    for one in types:
        for other in types:
            shared = set(offered(one)) & set(offered(other))
            if shared and offered(one) != offered(other):
                return one, other, sorted(shared)[0]
    raise AssertionError("no two threat types share a likelihood control")


def test_evidence_per_sequence_of_templates_is_the_plain_evidence(catalog):
    """Elements of one sequence of templates share its recipe; per element only the
    candidates' ids differ. A model control named like a catalog candidate of an element
    met later (``catalog:<id>@c``, planned on ``x``) is that candidate: it collects both
    elements, and the table drops its sites."""
    one, other, control = _two_types_sharing_a_control(catalog)
    named = SimpleNamespace(catalog_id=None, reduces="likelihood", in_place=False,
                            effectiveness=0.5, control=f"catalog:{control}@c", title="own")
    risks = [_risk("a", "t1", one, 2), _risk("a", "t2", other, 3),
             _risk("b", "t3", one, 2), _risk("b", "t4", other, 3),
             _risk("x", "t5", one, 2, [named]),
             _risk("c", "t6", one, 2), _risk("c", "t7", other, 3),
             _risk("d", "t10", other, 3), _risk("d", "t11", one, 2),  # another order
             _risk("a", "t8", one, 2), _risk("a", "t9", other, 3)]  # ``a`` met again
    fast, fast_cands, plain_cands = _fast_and_plain(risks, catalog)
    assert list(fast_cands.values()) == list(plain_cands.values())  # every field set
    assert fast_cands[f"catalog:{control}@c"].elements == {"x", "c"}
    assert fast_cands.sites is None
    # without the clash the sites number every catalog candidate on its element
    clean = [r for r in risks if r.instance.element != "x"]
    _, cands = evidence_from_risks(clean, (1, 2, 3, 4), catalog)
    sites = cands.sites
    assert sites is not None
    assert [f"catalog:{sites.controls[k]}@{sites.elements[e]}" for k, e in
            zip(sites.control.tolist(), sites.element.tolist(), strict=True)] == list(cands)
    b1, b2 = fast["b"][0].options, fast["b"][1].options
    shared = f"catalog:{control}@b"
    assert next(p for p in b1 if p[0] == shared) is next(p for p in b2 if p[0] == shared)


def test_a_candidate_id_two_elements_spell_alike_is_found_again(catalog):
    """``catalog:A@B@C`` is control ``A`` on element ``B@C`` and control ``A@B`` on
    element ``C``: an element's first run makes its candidates without looking each up,
    sees the table did not grow by as many, and the whole evidence is made again with
    every id looked up (the plain evidence: one candidate collecting both elements)."""
    effects = next(t for t in catalog.threats.values() if t.effects)

    def control(cid: str) -> SimpleNamespace:
        return SimpleNamespace(id=cid, effectiveness=0.4, title=f"t{cid}", cost="low",
                               reduces_effective="likelihood")

    offered = {"one": [control("A")], "other": [control("A@B"), control("Z")]}
    fake = SimpleNamespace(controls_for=lambda catalog_id: offered.get(catalog_id, []))
    one = SimpleNamespace(id="one", effects=effects.effects, vector="network")
    other = SimpleNamespace(id="other", effects=effects.effects, vector="network")
    risks = [_risk("B@C", "t1", one, 2), _risk("C", "t2", other, 3),
             _risk("D", "t3", other, 2)]
    fast, fast_cands, _plain = _fast_and_plain(risks, fake)
    assert fast_cands["catalog:A@B@C"].elements == {"B@C", "C"}
    assert fast_cands.sites is None
    # without the clash, each first run's candidates are made unlooked-up, with sites
    _, cands = evidence_from_risks(risks[1:], (1, 2, 3, 4), fake)
    assert cands.sites is not None and list(cands) == [
        "catalog:A@B@C", "catalog:Z@C", "catalog:A@B@D", "catalog:Z@D"]


def test_risks_sharing_a_controls_object_at_other_levels_or_types_get_their_own_templates(
        catalog):
    """The loop reuses the last template met with a risk's controls object only when the
    type and level are that template's too: one controls object held by risks of two
    levels and two types gives each its own evidence (the plain evidence)."""
    one, other, _control = _two_types_sharing_a_control(catalog)
    plain = SimpleNamespace(catalog_id=None, reduces="likelihood", in_place=True,
                            effectiveness=0.5, control="c-own", title="own")
    risks = [_risk("a", "t1", one, 2, [plain]), _risk("a", "t2", one, 3),
             _risk("b", "t3", other, 3), _risk("b", "t4", one, 2),
             _risk("c", "t5", one, 2, custom=True), _risk("c", "t6", one, 2)]
    for risk in risks[1:]:
        risk.controls = risks[0].controls
    fast, _cands, _plain = _fast_and_plain(risks, catalog)
    numbers = {t.key: t.template for threats in fast.values() for t in threats}
    assert numbers["t1"] == numbers["t4"] == numbers["t6"]
    assert len({numbers["t1"], numbers["t2"], numbers["t3"], numbers["t5"]}) == 4
