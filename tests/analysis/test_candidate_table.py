"""The fundable candidates as arrays (``CandidateSites``, made by ``applicable_candidates``)
against the objects they describe, and the risk-first gains read from them
(``RiskTerm.removed_table``) against the plain ``RiskTerm.removed`` of each candidate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.attack import recommend
from workbench.analysis.attack.engine import _fundable
from workbench.analysis.attack.evidence import Candidate, CandidateTable
from workbench.analysis.attack.plan_risk import RiskTerm
from workbench.analysis.catalog import default_catalog
from workbench.analysis.pipeline import analyze
from workbench.model import default_stencils, load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


def _model(which: str):
    import sys

    if which != "synthetic-300":
        return load_model(SAMPLES / f"{which}.twm.json")
    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    from gen_synthetic import synthetic_model

    return synthetic_model(300, seed=0)


@pytest.fixture(scope="module", params=["hospital-ward-iomt", "insulin-closed-loop",
                                        "synthetic-300"])
def analysed(request):
    result = analyze(_model(request.param), default_catalog(), attack_graph=True)
    return result


def _with_edge_cases(result) -> dict[str, Candidate]:
    """The analysis's candidates (copies) plus what a shortcut could misread: a model
    control's id that looks like a catalog candidate's, a catalog id on two elements, one
    on an element the model does not have."""
    some = result.model.components[0].id
    out = {cid: replace(c) for cid, c in result.attack_graph.candidates.items()}
    for cid, elements in {f"catalog:network-segmentation@{some}x": {f"{some}x"},
                          f"catalog:network-segmentation@{some}": {some, "other"},
                          "catalog:@" + some: {some}}.items():
        out[cid] = Candidate(cid, cid, 1.0, set(elements))
    return out


def test_sites_are_the_candidates_fields(analysed) -> None:
    """Every entry's control and element numbers name its id and its one element; every
    plain catalog candidate on one element (``catalog_control_of``) not sharing its id
    with a model control has them; each fleet's positions are its members, in order."""
    result = analysed
    table, _ = recommend.applicable_candidates(
        _with_edge_cases(result), result.model, result.catalog, default_stencils())
    sites = table.sites
    assert sites is not None
    own = {c.id for c in result.model.controls}
    keys, values = list(table), list(table.values())
    assert len(sites.control) == len(sites.element) == len(keys)
    on_site = 0
    for k, (cid, cand) in enumerate(zip(keys, values, strict=True)):
        c, e = int(sites.control[k]), int(sites.element[k])
        if c >= 0:
            on_site += 1
            element = sites.elements[e]
            assert type(cand) is Candidate
            assert cid == cand.id == f"catalog:{sites.controls[c]}@{element}"
            assert set(cand.elements) == {element}
            assert cid not in own
        else:
            assert (type(cand) is not Candidate or cid in own
                    or recommend.catalog_control_of(cand) is None), cid
    fleets = {cid: c for cid, c in table.items()
              if isinstance(c, recommend.FleetCandidate)}
    assert sites.fleets.keys() == fleets.keys()
    for fid, fleet in fleets.items():
        assert tuple(keys[k] for k in sites.fleets[fid].tolist()) == fleet.members
    assert on_site > 100


def test_gains_from_the_table_are_each_candidates_removed_value(analysed) -> None:
    """``removed_table`` gives every single candidate's and every fleet's
    :meth:`RiskTerm.removed` float (the plain sum over the risks it changes), and the
    risk-first order read from it is the one read candidate by candidate."""
    result = analysed
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    assert isinstance(candidates, CandidateTable) and candidates.sites is not None
    fast = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    grouped_types = (recommend.FleetCandidate, recommend.BundleCandidate)
    found = fast.removed_table(candidates, *grouped_types)
    assert found is not None
    singles, one, fleets, grouped = found
    keys, values = list(candidates), list(candidates.values())
    assert [keys[k] for k in singles.tolist()] == [
        cid for cid, c in candidates.items() if not isinstance(c, grouped_types)]
    assert [keys[k] for k in fleets.tolist()] == [
        cid for cid, c in candidates.items() if isinstance(c, recommend.FleetCandidate)]
    assert one.tolist() == [plain.removed((keys[k],)) for k in singles.tolist()]
    assert grouped == [plain.removed(values[k].members) for k in fleets.tolist()]
    # the order: from the table, and from a plain dict (the objects' way)
    other = RiskTerm(result.model, result.catalog, result.threats, candidates)
    assert other.removed_table(dict(candidates), *grouped_types) is None
    by_table = recommend._risk_first(RiskTerm(result.model, result.catalog, result.threats,
                                              candidates), candidates, [])
    by_objects = recommend._risk_first(other, dict(candidates), [])
    assert list(by_table) == list(by_objects)
    assert len(by_table) > 10


def test_a_changed_table_drops_its_sites() -> None:
    """The sites describe the entries as made: any change drops them; an empty table
    filled from a table keeps them (the engine's way)."""
    made = CandidateTable({"a": Candidate("a", "a", 1.0)})
    made.sites = object()  # type: ignore[assignment]
    filled = CandidateTable()
    filled.update(made)
    assert filled.sites is made.sites
    twice = CandidateTable()
    twice.update(made)
    twice.update(made)
    assert twice.sites is None
    for change in (lambda t: t.__setitem__("b", Candidate("b", "b", 1.0)),
                   lambda t: t.pop("a"), lambda t: t.popitem(), lambda t: t.clear(),
                   lambda t: t.setdefault("c", None), lambda t: t.__delitem__("a"),
                   lambda t: t.__ior__({"d": None})):
        table = CandidateTable(made)
        table.sites = made.sites
        change(table)
        assert table.sites is None


def _rows(found):
    """What the plan reads of ``applicable_candidates``' answer: entries in order with
    their fields (the elements' set order too), the dropped count, and the sites by name
    (numbers differ between the two ways of making them)."""
    table, dropped = found
    rows = [(k, type(c).__name__, c.id, c.title, c.cost, c.kind, list(c.elements),
             getattr(c, "members", None), getattr(c, "control", None))
            for k, c in table.items()]
    sites = table.sites
    named = None
    if sites is not None:
        named = ([(sites.controls[c] if c >= 0 else None,
                   sites.elements[e] if c >= 0 else None)
                  for c, e in zip(sites.control.tolist(), sites.element.tolist(),
                                  strict=True)],
                 {f: p.tolist() for f, p in sites.fleets.items()})
    return rows, dropped, named


@pytest.mark.parametrize("source", [p.name.removesuffix(".twm.json")
                                    for p in sorted(SAMPLES.glob("*.twm.json"))]
                         + ["synthetic-300"])
def test_applicable_by_sites_is_the_per_candidate_loop(source) -> None:
    """``applicable_candidates`` of the evidence's table (placement per control and site
    class from its numbers, fleets by sorting them) gives the per-candidate loop's
    answer on the same candidates as a plain dict: entries, order, costs, kinds, fleets,
    members' and elements' order, and the sites (by name); plus a table holding a model
    control with a catalog-looking id, which the loop must decide."""
    from workbench.analysis.attack.evidence import CandidateSites, evidence_from_risks
    from workbench.analysis.risk import Scales

    model, catalog, stencils = _model(source), default_catalog(), default_stencils()
    result = analyze(model, catalog)
    levels = Scales.of(model).likelihood

    def made():
        return evidence_from_risks(result.threats, levels, catalog)[1]

    table = made()
    assert table.sites is not None
    assert recommend._applicable_by_sites(table, table.sites, model, catalog,
                                          stencils) is not None
    fast = _rows(recommend.applicable_candidates(table, model, catalog, stencils))
    plain = _rows(recommend.applicable_candidates(dict(made()), model, catalog, stencils))
    assert fast == plain
    assert any(row[1] == "FleetCandidate" for row in fast[0]) or source != "synthetic-300"
    # a catalog-looking model control id on one element: the loop reads it as catalog
    some = model.components[0].id
    odd = made()
    sites = odd.sites
    cid = f"catalog:network-segmentation@{some}"
    extra = {k: v for k, v in odd.items() if k != cid}
    at = [k for k, key in enumerate(odd) if key != cid]
    extra[cid] = Candidate(cid, cid, 1.0, {some})
    mixed = CandidateTable(extra)
    mixed.sites = CandidateSites(np.append(sites.control[at], -1),
                                 np.append(sites.element[at], -1),
                                 sites.controls, sites.elements, {})
    assert recommend._applicable_by_sites(mixed, mixed.sites, model, catalog,
                                          stencils) is None
    again = dict(extra)
    again[cid] = Candidate(cid, cid, 1.0, {some})
    for k in again:
        again[k] = replace(again[k]) if k != cid else again[k]
    assert _rows(recommend.applicable_candidates(mixed, model, catalog, stencils))[:2] == \
        _rows(recommend.applicable_candidates(again, model, catalog, stencils))[:2]


@pytest.mark.parametrize("source", ["hospital-ward-iomt", "insulin-closed-loop",
                                    "synthetic-300"])
def test_sites_costs_are_every_candidates_cost(source) -> None:
    """The sites' ``cost`` array, written where ``_applicable_by_sites`` puts each
    object's cost, is every entry's ``cost`` as a float, bit for bit: the catalog
    candidates' (per control and site class), the model's own controls', the fleets'
    (appended after the singles); the risk-first order read from it is the one read from
    the objects. The table holds no bundles (the plan makes them apart)."""
    from workbench.analysis.attack.evidence import evidence_from_risks
    from workbench.analysis.risk import Scales

    model, catalog, stencils = _model(source), default_catalog(), default_stencils()
    result = analyze(model, catalog, attack_graph=True)
    made = evidence_from_risks(result.threats, Scales.of(model).likelihood, catalog)[1]
    assert made.sites is not None and made.sites.cost is None  # no plan costs yet
    engine = _fundable(model, catalog, result.attack_graph.candidates, stencils)
    for table in (recommend.applicable_candidates(made, model, catalog, stencils)[0], engine):
        sites = table.sites
        assert sites is not None and sites.cost is not None
        assert sites.cost.dtype == np.float64 and len(sites.cost) == len(table)
        expected = [float(c.cost) for c in table.values()]
        assert sites.cost.tolist() == expected
        assert [str(c) for c in sites.cost.tolist()] == [str(c) for c in expected]
        assert not any(isinstance(c, recommend.BundleCandidate) for c in table.values())
    fleets = [c for c in engine.values() if isinstance(c, recommend.FleetCandidate)]
    assert fleets or source != "synthetic-300"
    assert any(c.id in {o.id for o in model.controls} for c in engine.values()) or (
        source == "synthetic-300")
    # the risk-first order: from the array, and from the objects (no array)
    by_array = list(recommend._risk_first(RiskTerm(model, catalog, result.threats, engine),
                                          engine, []))
    engine.sites.cost = None
    assert list(recommend._risk_first(RiskTerm(model, catalog, result.threats, engine),
                                      engine, [])) == by_array


def test_fleet_scores_from_the_sites_costs_are_the_plain_ones() -> None:
    """``_screen`` with the table's sites (the fleets' members' costs read from the cost
    array at their positions) gives the plain scores (costs by id from the pool, 0.0 for
    a member outside it) bit for bit: pools holding some of a fleet's members, none, or
    all, scores for some of the singles (a member outside the pool has none)."""
    import random

    model, catalog = _model("synthetic-300"), default_catalog()
    result = analyze(model, catalog, attack_graph=True)
    table = _fundable(model, catalog, result.attack_graph.candidates, default_stencils())
    assert table.sites is not None and table.sites.fleets
    rng = random.Random(11)

    class Scores:
        """A screening table's ``scores``: an answer for some of the singles given."""

        def scores(self, singles, weight, exposure):
            return {c.id: rng.choice([0.0, 1e16, 1 / 3, rng.random()]) for c in singles
                    if rng.random() < 0.8}

    values = list(table.values())
    for share in (0.0, 0.3, 1.0):
        pool = [c for c in values if isinstance(c, recommend.FleetCandidate)
                or rng.random() < share]
        rng.shuffle(pool)
        state = rng.getstate()
        fast = recommend._screen(pool, {}, Scores(), {}, table.sites)
        rng.setstate(state)
        plain = recommend._screen(pool, {}, Scores(), {})
        assert list(fast) == list(plain)
        assert [str(v) for v in fast.values()] == [str(v) for v in plain.values()]
        assert any(v for k, v in plain.items() if k.startswith("fleet:")) or not share
    assert recommend._member_costs([recommend.FleetCandidate("fleet:none", "", 1.0, set())],
                                   table.sites) is None


def _touching(candidates, names) -> list:
    """The candidates at ``recommend._touching_at``'s positions, in the dict's order."""
    values = list(candidates.values())
    return [values[k] for k in recommend._touching_at(candidates, names).tolist()]


def test_touching_and_member_sets_are_the_per_candidate_loops(analysed) -> None:
    """``_touching_at`` from the table's sites (an element mask) and ``_member_set`` from
    whole-list steps give what the per-candidate loops give: the same candidates in the
    same order, the same sets."""
    import random

    result = analysed
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    assert candidates.sites is not None
    elements = sorted({e for c in candidates.values() for e in c.elements})
    rng = random.Random(7)
    for names in ({*rng.sample(elements, max(1, len(elements) // 3))}, set(elements),
                  {"no-such-element"}):
        keys = dict.fromkeys(names).keys()
        plain = [c for c in candidates.values() if not keys.isdisjoint(c.elements)]
        fast = _touching(candidates, keys)
        assert [id(c) for c in fast] == [id(c) for c in plain]
        assert _touching(dict(candidates), keys) == plain
    ids = list(candidates)
    for chosen in (ids, rng.sample(ids, len(ids) // 2), ids[-3:], []):
        out, singles, elements_of = set(), set(), set()
        for c in chosen:
            cand = candidates[c]
            if isinstance(cand, recommend._GROUPED):
                out.update(cand.members)
            else:
                singles.add(c)
                elements_of.update(cand.elements)
        assert recommend._member_set(chosen, candidates) == (out | singles, singles,
                                                             elements_of)
        assert recommend._member_set(iter(chosen), candidates)[0] == out | singles


def test_risk_first_order_outside_the_pool_and_head_by_positions(analysed) -> None:
    """The risk-first order kept as table positions (``RiskFirst``) reads, for any pool's
    positions, the ids the plain way read from the list of ids: those not among the
    pool's objects' ids, in order (by position on the order's own table, by id on another
    dict); and its head is ``islice`` of the ids not skipped, for any size and skip set
    (0, 1, past the end; skips inside and outside the order)."""
    import random
    from itertools import islice

    result = analysed
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    assert isinstance(candidates, CandidateTable) and candidates.sites is not None
    order = recommend._risk_first(RiskTerm(result.model, result.catalog, result.threats,
                                           candidates), candidates, [])
    assert order.source is candidates and len(order) > 10
    ids = list(order)
    values = list(candidates.values())
    copy = dict(candidates)  # the same entries: read by id
    by_objects = recommend._risk_first(RiskTerm(result.model, result.catalog,
                                                result.threats, copy), copy, [])
    assert by_objects.source is None and list(by_objects) == ids
    rng = random.Random(5)
    for share in (0.0, 0.5, 0.97, 1.0):
        at = np.array(sorted(rng.sample(range(len(values)), int(len(values) * share))),
                      dtype=np.int64)
        known = {values[k].id for k in at.tolist()}
        plain = [c for c in ids if c not in known]
        assert order.outside(candidates, at) == plain
        assert order.outside(copy, at) == plain  # another dict: by id
        flipped = dict(reversed(candidates.items()))  # positions mean other entries
        back = np.array(sorted(len(values) - 1 - at), dtype=np.int64)
        assert order.outside(flipped, back) == plain
        assert by_objects.outside(candidates, at) == plain
    for size in (0, 1, 3, len(ids) // 2, len(ids), len(ids) + 5):
        for skip in (set(), set(rng.sample(ids, min(len(ids), 7))),
                     set(ids[:size + 2]) | {"not-a-candidate"}):
            expected = list(islice((c for c in ids if c not in skip), size))
            assert order.head(size, skip) == expected
            assert by_objects.head(size, skip) == expected


def test_risk_first_candidates_outside_the_pool_by_positions(analysed) -> None:
    """``_outside`` (the ids at the positions a pool left out) finds, in any order of ids,
    the candidates the plain test finds: not among the ids of the pool's objects. The
    pool's positions are ``_touching_at``'s, whose objects are the plain loop's."""
    import random

    result = analysed
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    values = list(candidates.values())
    elements = sorted({e for c in values for e in c.elements})
    rng = random.Random(9)
    ids = list(candidates)
    for names in ({*rng.sample(elements, max(1, len(elements) // 2))}, set(elements), set()):
        at = recommend._touching_at(candidates, dict.fromkeys(names).keys())
        assert [values[k] for k in at.tolist()] == [
            c for c in values if not names.isdisjoint(c.elements)]
        kept = at[np.array([rng.random() < 0.9 for _ in at], dtype=bool)]
        pool = [values[k] for k in kept.tolist()]
        known = {c.id for c in pool}
        order = rng.sample(ids, len(ids))
        outside = recommend._outside(candidates, kept)
        assert [c for c in order if c in outside] == [c for c in order if c not in known]


def test_strongest_fixes_from_the_focused_candidates_are_the_whole_pools(analysed,
                                                                         monkeypatch
                                                                         ) -> None:
    """``_strongest`` reads only the candidates on a focus element (the safety elements
    are focus elements): the same fixes, in the same order, as every candidate read."""
    from workbench.analysis.attack import analyze_attacks

    result = analysed
    seen: list[tuple[list[str], list[str]]] = []
    plain = recommend._strongest

    def both(pool, focused, safety, focus, table, limit):
        fast = plain(pool, focused, safety, focus, table, limit)
        every = plain(pool, [True] * len(pool), safety, focus, table, limit)
        seen.append((list(fast), every))  # a copy: the caller extends the list
        return fast

    monkeypatch.setattr(recommend, "_strongest", both)
    analyze_attacks(result.model, result.catalog, risks=result.threats,
                    shared=result.attack_graph, seed=1, samples=2000, sensitivity=False,
                    plan_evaluations=24, cuts=False)
    assert any(every for _, every in seen)
    for fast, every in seen:
        assert fast == every


def test_a_table_without_some_entries_is_the_dict_of_the_others_without_sites():
    """``_applicable_by_sites`` copies the table and deletes the dropped entries (the
    dict's clone, instead of inserting the kept ones): the others in order, no sites
    (they describe the entries before)."""
    cands = {f"catalog:c{k}@e{k % 3}": Candidate(f"catalog:c{k}@e{k % 3}", "t", 1.0)
             for k in range(10)}
    table = CandidateTable(cands)
    table.sites = recommend.CandidateSites(np.arange(10), np.arange(10) % 3, [], [], {})
    keys = list(table)
    dropped = np.array([0, 4, 9])
    out = recommend._without(table, keys, dropped)
    assert type(out) is CandidateTable and out.sites is None
    assert list(out.items()) == [(k, cands[k]) for i, k in enumerate(keys)
                                 if i not in {0, 4, 9}]
    assert len(table) == 10 and table.sites is not None  # the table itself unchanged
    assert recommend._picked(keys, [3, 1]) == (keys[3], keys[1])
    assert recommend._picked(keys, [2]) == (keys[2],) and recommend._picked(keys, []) == ()


def test_site_id_ranks_order_as_the_ids(analysed) -> None:
    """``recommend._site_id_ranks`` (controls' and elements' ranks, the other entries put
    among the sites by bisection) orders the table's entries as their ids do; each site
    entry's id is ``catalog:<control>@<element>`` of its numbers (what the ranks read)."""
    result = analysed
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    sites = candidates.sites
    keys = list(candidates)
    for k in np.flatnonzero(sites.control >= 0).tolist():
        assert keys[k] == (f"catalog:{sites.controls[sites.control[k]]}"
                           f"@{sites.elements[sites.element[k]]}")
    ranks = recommend._site_id_ranks(keys, sites)
    assert ranks is not None
    assert np.argsort(ranks).tolist() == sorted(range(len(keys)), key=keys.__getitem__)
    assert (sites.control < 0).any() and (sites.control >= 0).sum() > 10


def test_site_id_ranks_where_names_are_prefixes_of_others() -> None:
    """Controls and elements whose names are prefixes of others, or sort otherwise with
    the ``"@"`` after them (``"a-b"`` < ``"a@"``), and other entries falling between,
    before and after the sites: the ranks order as the ids. A control named with an
    ``"@"`` gives None (the caller sorts the ids)."""
    from workbench.analysis.attack.evidence import CandidateSites

    controls = ["a", "a-b", "ab", "b", "a0", ""]
    elements = ["x", "x-1", "x1", "x@y", "-", "~"]
    keys, control, element = [], [], []
    for c, name in enumerate(controls):
        for e, where in enumerate(elements):
            keys.append(f"catalog:{name}@{where}")
            control.append(c)
            element.append(e)
    others = ["catalog:a", "catalog:a@", "catalog:a-b@x-0", "ctl-1", "fleet:a@pump", "",
              "catalog:b@z", "catalog:", "catalog;", "zzz", "catalog:a@x-"]
    keys += others
    control += [-1] * len(others)
    element += [-1] * len(others)
    sites = CandidateSites(np.array(control), np.array(element), controls, elements, {})
    ranks = recommend._site_id_ranks(keys, sites)
    assert np.argsort(ranks).tolist() == sorted(range(len(keys)), key=keys.__getitem__)
    assert sorted(ranks.tolist()) == list(range(len(keys)))
    odd = CandidateSites(np.array(control), np.array(element), controls[:-1] + ["c@d"],
                         elements, {})
    assert recommend._site_id_ranks(keys, odd) is None


@settings(max_examples=200, deadline=None)
@given(data=st.data(), size=st.integers(1, 60))
def test_risk_first_reads_are_the_whole_sorts(data, size) -> None:
    """``RiskFirst`` sorts only what is read (the head by a partition on gain then cost,
    the left-out ids among themselves): each read must be the plain sort's by (rounded
    gain, cost, id as a string), whatever the ties (few distinct gains and costs, ids
    whose order is not their positions'), with the ids' ranks given or not."""
    from itertools import islice

    ids = data.draw(st.lists(st.text("ab@:", min_size=1, max_size=6), min_size=size,
                             max_size=size, unique=True))
    gains = np.array(data.draw(st.lists(st.sampled_from([-3.6, -1.0, -0.1, -0.0, 0.0]),
                                        min_size=size, max_size=size)))
    costs = np.array(data.draw(st.lists(st.sampled_from([1.0, 2.5, 0.5, 1e-6]),
                                        min_size=size, max_size=size)))
    keys = ["x", *ids, "y"]  # positions into a longer list, in a shuffled order
    at = np.array(data.draw(st.permutations(range(1, size + 1))), dtype=np.int64)
    plain = sorted(range(size), key=lambda k: (gains[k], costs[k], keys[at[k]]))
    expected = [keys[at[k]] for k in plain]
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    for given_ranks in (None, lambda: ranks):
        order = recommend.RiskFirst(keys, at, gains, costs, None, given_ranks)
        count = data.draw(st.integers(0, size + 2))
        skip = set(data.draw(st.lists(st.sampled_from(keys), max_size=4))) | {"zz"}
        assert order.head(count, skip) == list(
            islice((c for c in expected if c not in skip), count))
        table = dict.fromkeys(keys)
        pool = np.array(sorted(data.draw(st.sets(st.integers(0, len(keys) - 1)))),
                        dtype=np.int64)
        known = {keys[k] for k in pool.tolist()}
        by_id = [c for c in expected if c not in known]
        assert order.outside(table, pool) == by_id  # by id: no source
        order.source = table
        assert order.outside(table, pool) == by_id  # by position
        assert list(order) == expected
        assert order.head(count, skip) == list(  # after the whole sort
            islice((c for c in expected if c not in skip), count))
