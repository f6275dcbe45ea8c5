"""The plan's screening worked out once per element shape (``attack/plan_screen.py``)
against the plain per-element computation it replaced (kept below as the oracle): which
candidates can matter, their screening scores, their drops alone, the rows bundles read.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.test_fast_paths import MODELS, SAMPLES
from workbench.analysis.attack import analyze_attacks, recommend
from workbench.analysis.attack.evidence import Candidate, usable
from workbench.analysis.attack.graph import inner_vectors
from workbench.analysis.attack.plan_screen import ScreenTable
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze

CASES = [m for m in MODELS if "ward" in m[0] or "insulin" in m[0]] + MODELS[len(SAMPLES):][:2]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


# --- the plain computation: per element, candidates by id ---------------------------------

def _plain_table(pool, graph, runs):
    ids = {c.id for c in pool}
    sets = [inner_vectors(r.profile.vectors) for r in runs]
    anyone = None if not sets or any(v is None for v in sets) else frozenset().union(*sets)
    table = {}
    for e in sorted({e for c in pool for e in c.elements}):
        rows = []
        for t in graph.evidence.get(e) or []:
            if not usable(t, anyone):
                continue
            base = t.probability * t.in_place
            factor: dict[str, float] = {}
            for cid, eff in t.options:
                if cid in ids:
                    factor[cid] = factor.get(cid, 1.0) * (1.0 - eff)
            full = base
            for f in factor.values():
                full *= f
            rows.append((t.effects or frozenset({"control"}), base, full, factor, t))
        table[e] = rows
    return table


def _plain_touches(table, cand):
    """Per (element, effect) the candidate touches, in the table's order: the effect's
    rows and the indices it touches."""
    out = []
    cid = cand.id
    for e in sorted(cand.elements & table.keys()):
        rows = table[e]
        for effect in sorted({x for r in rows for x in r[0]}):
            mine = [r for r in rows if effect in r[0]]
            hit = {j for j, r in enumerate(mine) if r[3].get(cid, 1.0) < 1.0}
            if hit:
                out.append((e, effect, mine, hit))
    return out


def _untouched(rows, hit, at):
    return max((r[at] for j, r in enumerate(rows) if j not in hit), default=0.0)


def _without(row, cid):
    f = row[3].get(cid, 1.0)
    if f > 0:
        return row[2] / f
    value = row[1]
    for other, g in row[3].items():
        if other != cid:
            value *= g
    return value


def _plain_figures(table, cand):
    """(can matter, per (element, effect): (drop alone, screening drop))."""
    matter, out, cid = False, [], cand.id
    for e, effect, rows, hit in _plain_touches(table, cand):
        floor = _untouched(rows, hit, 2)
        matter |= max(rows[j][1] for j in hit) > floor + 1e-12
        base_max, full_max = max(r[1] for r in rows), max(r[2] for r in rows)
        alone = base_max - max(_untouched(rows, hit, 1),
                               max(rows[j][1] * rows[j][3][cid] for j in hit))
        last = max(floor, max(_without(rows[j], cid) for j in hit)) - full_max
        out.append((e, effect, alone, max(alone, last)))
    return matter, out


def _plain_exposure(graph, runs):
    top = np.zeros(graph.size)
    for r in runs:
        top = np.maximum(top, r.solution.probability[:graph.size])
    exposure = {name: float(top[i]) for i, name in enumerate(graph.nodes)}
    for k, flow in enumerate(graph.flows):
        users = graph.raw_src[graph.raw_flow == k]
        exposure[flow] = float(top[users].max()) if users.size else 0.0
    return exposure


# --- the comparison ------------------------------------------------------------------------

def _screenings(model, catalog, monkeypatch):
    """Each ScreenTable the plan builds, with its pool, graph, runs and the screening
    weights (``_relevant``)."""
    seen = []

    class Recording(ScreenTable):
        def __init__(self, pool, graph, runs=()):
            super().__init__(pool, graph, runs)
            seen.append((self, list(pool), graph, runs, weights[-1]))

    weights = []
    relevant = recommend._relevant

    def recorded(*args):
        out = relevant(*args)
        weights.append(out[1])
        return out

    monkeypatch.setattr(recommend, "ScreenTable", Recording)
    monkeypatch.setattr(recommend, "_relevant", recorded)
    result = analyze(model, catalog)
    analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                    sensitivity=False)
    return seen


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_screening_per_shape_is_the_plain_one_per_element(name, model, catalog, monkeypatch):
    _check_screenings(name, model, catalog, monkeypatch)


def test_screening_of_elements_with_more_options_than_bits(catalog, monkeypatch):
    """An element with more options than a bit set holds (``MAX_BITS``) is keyed by its
    option positions in the pool themselves: the same screening as the plain one (here
    every element with more than two options is taken that way)."""
    from workbench.analysis.attack import plan_screen

    monkeypatch.setattr(plan_screen, "MAX_BITS", 2)
    name, model = next(m for m in CASES if m[0].startswith("synthetic"))
    _check_screenings(name, model, catalog, monkeypatch)


def _check_screenings(name, model, catalog, monkeypatch):
    """Each screening table of the plan of ``model`` against the plain computation."""
    seen = _screenings(model, catalog, monkeypatch)
    assert seen
    for table, pool, graph, runs, weight in seen:
        plain = _plain_table(pool, graph, runs)
        exposure = recommend._exposure(graph, runs)
        assert exposure == _plain_exposure(graph, runs)
        singles = [c for c in pool if not isinstance(c, recommend._GROUPED)]
        figures = {c.id: _plain_figures(plain, c) for c in singles}
        assert table.matters(singles) == {c for c, (m, _) in figures.items() if m}
        scores = table.scores(singles, weight, exposure)
        for c in singles:
            total = 0.0
            for e, _, _, drop in figures[c.id][1]:
                total += exposure.get(e, 0.0) * weight.get(e, 1) * drop
            assert scores[c.id] == total / max(c.cost, 1e-9), c.id
            everywhere = set(plain)
            assert table.drops(c, everywhere) == [
                (e, effect, alone) for e, effect, alone, _ in figures[c.id][1]], c.id
        for e, rows in plain.items():
            got = table.rows(e)
            assert [(r.effects, r.base, r.full, r.factor, r.threat) for r in got] == rows
        assert table.rows("no-such-element") == []
        if name.startswith("synthetic"):  # elements of one kind share their figures
            assert len(table.figures) * 5 < len(table.shape_of)
            assert sum(figures[c][0] for c in figures) > 100


def test_a_candidate_outside_the_screened_pool_touches_nothing(catalog, monkeypatch):
    """Candidates the plan adds after the screening table was built (risk-first ones)
    score nothing there, as the plain table (options of the pool only) gives."""
    name, model = next(m for m in CASES if m[0].startswith("synthetic"))
    table, pool, graph, runs, weight = _screenings(model, catalog, monkeypatch)[0]
    by_group: dict[tuple, list] = {}  # (shape, control) -> candidates that can matter
    for x in pool:
        if not isinstance(x, recommend._GROUPED) and table.matters([x]):
            (e,) = x.elements
            by_group.setdefault((table.shape_of[e], x.id.removesuffix("@" + e)), []).append(x)
    c, twin = next(xs[:2] for xs in by_group.values() if len(xs) >= 2)
    (element,) = c.elements
    rest = [x for x in pool if x is not c]
    smaller = ScreenTable(rest, graph, runs)
    assert smaller.matters([c]) == set() and smaller.matters([twin]) == {twin.id}
    assert smaller.scores([c], weight, {element: 1.0}) == {c.id: 0.0}
    assert smaller.drops(c, {element}) == []
    assert [r.factor for r in smaller.rows(element)] == [
        r[3] for r in _plain_table(rest, graph, runs)[element]]


def test_search_order_is_the_five_stable_sorts():
    """``recommend._search_order`` (one lexsort) against the stable sorts it replaced, on
    candidates that tie on every key but the id, ids of several lengths and cases."""
    import random

    rng = random.Random(17)
    pool = [Candidate(f"{rng.choice(['catalog:a', 'catalog:B', 'x', 'catalog:a-b'])}@e"
                      f"{rng.randrange(40)}{'' if rng.random() < 0.5 else '.1'}-{i}",
                      "t", rng.choice([1, 2.5, 2.5, 10]), {f"e{rng.randrange(8)}"})
            for i in range(600)]
    rng.shuffle(pool)
    focus = {"e1": {"control"}, "e3": {"expose"}}
    score = {c.id: rng.choice([0.0, 0.5, 0.5, 1 / 3, 2.0]) for c in pool if rng.random() < .8}
    first = {c.id: i for i, c in enumerate(rng.sample(pool, 12))}
    plain = list(pool)
    plain.sort(key=lambda c: c.id)
    plain.sort(key=lambda c: c.cost)
    plain.sort(key=lambda c: -score.get(c.id, 0.0))
    plain.sort(key=lambda c: not (c.elements & focus.keys()))
    plain.sort(key=lambda c: first.get(c.id, len(first)))
    focused = [not c.elements.isdisjoint(set(focus)) for c in pool]
    assert recommend._search_order(pool, first, focused, score) == plain


def test_id_ranks_sort_as_the_ids_themselves():
    """``recommend._id_ranks`` orders as the ids do under ``lexsort`` (code points, equal
    ids in their order), without a unicode array as wide as the longest id."""
    import random

    import numpy as np

    rng = random.Random(3)
    ids = [rng.choice(["catalog:a@", "catalog:B@", "bundle:x+y@", "é@", "Z"])
           + str(rng.randrange(5)) for _ in range(300)]
    other = [rng.choice([0.0, 1.0]) for _ in ids]
    assert (np.lexsort((recommend._id_ranks(ids), other)).tolist()
            == np.lexsort((np.array(ids), other)).tolist())
    assert recommend._id_ranks([]).tolist() == []


@pytest.mark.parametrize("limit", [5, 12, 30, 200])
def test_search_head_is_the_head_of_the_whole_order(limit):
    """``recommend._search_head`` (only the leading candidates sorted and scored) against
    the plain computation: scores for all of ``ranked``, the whole pool sorted, its head.
    Fleets in focus read members out of focus; some candidates are not ranked (score 0);
    with few leading candidates the whole pool is sorted."""
    import random

    from workbench.analysis.attack.recommend import FleetCandidate

    rng = random.Random(5)
    singles = [Candidate(f"catalog:c{rng.randrange(4)}@e{i % 30}-{i}", "t",
                         rng.choice([1, 2.5, 10]), {f"e{i % 30}"}) for i in range(300)]
    fleets = [FleetCandidate(f"fleet:c{k}", "f", 7.0, set(), members=tuple(
        c.id for c in rng.sample(singles, 6)), control=f"c{k}") for k in range(8)]
    for f in fleets:
        f.elements = {e for c in singles if c.id in f.members for e in c.elements}
    pool = singles + fleets
    rng.shuffle(pool)
    value = {c.id: rng.choice([0.0, 0.5, 1.0, 2.0]) for c in singles}
    ranked = [c for c in pool if rng.random() < 0.8]

    def scores(ranked):  # a fleet's reads its members' among ranked, as _screen does
        out = {c.id: value[c.id] for c in ranked if c.id in value}
        for c in ranked:
            if isinstance(c, FleetCandidate):
                out[c.id] = sum(out.get(m, 0.0) for m in c.members) / 3
        return out

    for focus_share in (0.05, 0.5):
        focus = {f"e{i}" for i in range(30) if rng.random() < focus_share}
        focused = [not c.elements.isdisjoint(focus) for c in pool]
        first = {c.id: i for i, c in enumerate(rng.sample(pool, 4))}
        plain = recommend._search_order(pool, first, focused, scores(ranked))[:limit]
        assert recommend._search_head(pool, first, focused, ranked, scores, limit) == plain


def test_usable_threats_are_the_filter_by_vectors(catalog, monkeypatch):
    """``plan_screen._usable``: every threat when an attacker has every vector (None), else
    those ``usable`` keeps, in order."""
    from workbench.analysis.attack.plan_screen import _usable

    name, model = next(m for m in CASES if "ward" in m[0])
    _, _, graph, _, _ = _screenings(model, catalog, monkeypatch)[0]
    threats = [t for ts in graph.evidence.values() for t in ts]
    assert _usable(threats, None) == threats
    for vectors in (frozenset({"physical"}), frozenset({"network", "adjacent"})):
        kept = _usable(threats, vectors)
        assert kept == [t for t in threats if usable(t, vectors)]
        assert 0 < len(kept) < len(threats)


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_pool_read_by_option_number_is_the_plain_filter(name, model, catalog, monkeypatch):
    """``recommend._mattering`` (flags per option number, a fleet's members looked up until
    one can matter) keeps the candidates the plain filter keeps, in order: a single when
    the plain figures say it can change a step, a fleet when one of its members can."""
    checked = 0
    for table, pool, graph, runs, _ in _screenings(model, catalog, monkeypatch):
        plain = _plain_table(pool, graph, runs)
        singles = [c for c in pool if not isinstance(c, recommend.FleetCandidate)]
        matter = {c.id for c in singles if _plain_figures(plain, c)[0]}
        kept = [c for c in pool if (not matter.isdisjoint(c.members)
                                    if isinstance(c, recommend.FleetCandidate)
                                    else c.id in matter)]
        by_id = {c.id: c for c in pool}
        for cid in table.option_numbers:  # the pool's options by number: the pool's ids
            assert (cid in table.ids) == (cid in by_id), cid
        assert "no-such-id" not in table.ids
        keep = recommend._mattering(table, pool, by_id)
        assert [c for c, k in zip(pool, keep, strict=True) if k] == kept
        assert table.matters(singles) == matter
        checked += len(kept) < len(pool)
    assert checked  # some candidate was dropped


def test_several_elements_option_read_by_its_parts(catalog, monkeypatch):
    """An option touching rows on several pool elements (a model control on two devices)
    is flagged per option number from its figures on each, as ``matters`` says."""
    name, model = next(m for m in CASES if "ward" in m[0])
    several = 0
    for table, pool, _, _, _ in _screenings(model, catalog, monkeypatch):
        by_id = {c.id: c for c in pool}
        flags = table.matter_by_number(by_id.__getitem__)
        for cid, n in table.option_numbers.items():
            if int(table._one[n]) == -2:
                several += 1
                assert flags[n] == bool(table.matters([by_id[cid]]))
        assert flags[-1] is False
    assert several


def test_fleet_scores_add_members_in_order_from_zero():
    """``recommend._member_totals``: each fleet's members' score times cost added one
    after the other from 0.0 (a Python loop), on values where the order of additions
    changes the float, with signed zeros, members not screened and an empty fleet."""
    import random

    from workbench.analysis.attack.recommend import FleetCandidate

    rng = random.Random(11)
    ids = [f"catalog:c@e{i}" for i in range(400)]
    score = {i: rng.choice([0.0, -0.0, 1e16, -1e16, 1.0, 0.1, 1 / 3, rng.random()])
             for i in ids if rng.random() < 0.8}
    costs = {i: rng.choice([1, 2.5, 0.3, 7.0]) for i in ids if rng.random() < 0.9}
    fleets = [FleetCandidate(f"fleet:{k}", "f", 1.0, set(), members=tuple(
        rng.sample(ids, rng.choice([0, 1, 2, 5, 40, 300])))) for k in range(60)]
    fleets.append(FleetCandidate("fleet:zeros", "f", 1.0, set(), members=("z1", "z2")))
    score.update(z1=-0.0, z2=-0.0)
    costs.update(z1=1.0, z2=1.0)
    got = recommend._member_totals(fleets, score, costs)
    for fleet, total in zip(fleets, got, strict=True):
        value = 0.0
        for m in fleet.members:
            value += score.get(m, 0.0) * costs.get(m, 0.0)
        assert total == value and str(total) == str(value), fleet.id
