"""The plan's what-ifs built on an evaluated set's copy (``recommend._with_controls`` with
``base``; the copy's views start from the base copy's, ``AttackGraph._parent``) equal
copies of the engine's graph built afresh, view by view, and the plan is unchanged."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.test_fast_paths import MODELS, SAMPLES, _full_view, _graph_and_candidates
from workbench.analysis.attack import recommend
from workbench.analysis.catalog import load_catalog

VECTORS = (["network"], ["adjacent"], ["physical"], ["local", "network"],
           ["physical", "local"])
CASES = MODELS[:len(SAMPLES)] + MODELS[-1:]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_a_what_if_on_an_evaluated_copy_is_the_fresh_one(name, model, catalog):
    graph, candidates = _graph_and_candidates(model, catalog)
    ids = sorted(candidates)
    assert len(ids) >= 6
    # nested, as the plan's search stands on an evaluated subset of the set it measures
    second = ids[:1] + ids[len(ids) // 2:len(ids) // 2 + 3]
    sets = [ids[:1], second, sorted(set(second) | set(ids[::3])), ids]
    prior = None
    for chosen in sets:
        fresh = recommend._with_controls(graph, chosen, candidates)
        built = recommend._with_controls(graph, chosen, candidates, prior)
        for vectors in VECTORS:
            a, b = fresh.for_vectors(vectors), built.for_vectors(vectors)
            plain = _full_view(built, vectors)
            for attr in ("node_miss", "entry_miss", "flow_miss", "expose_miss",
                         "deny_miss"):
                assert np.array_equal(getattr(a, attr), getattr(b, attr)), attr
                assert np.array_equal(getattr(b, attr), getattr(plain, attr)), attr
        for attr in ("node_miss", "flow_miss", "expose_miss", "deny_miss"):
            assert np.array_equal(getattr(fresh, attr), getattr(built, attr)), attr
        prior = (built, frozenset(built.chosen))
    # per-element chances are memoised per shape: elements of one kind share one
    assert len(graph._shape_numbers) < len(graph._element_shapes)


@pytest.mark.parametrize(("name", "model"), CASES[:len(SAMPLES)], ids=[n for n, _ in
                                                                      CASES[:len(SAMPLES)]])
def test_a_what_if_puts_the_members_on_their_elements(name, model, catalog):
    """``_with_controls`` (members and the singles' elements read in one pass, the other
    members' looked up) equals the copy of the sorted members on the union of every
    member's elements, as built before; fleets and bundles expand to their members."""
    graph, candidates = _graph_and_candidates(model, catalog)
    ids = sorted(candidates)
    grouped = [c for c in ids if isinstance(candidates[c], recommend._GROUPED)]
    for chosen in (ids, grouped, grouped[:1] + ids[:3], ids[1::4]):
        if not chosen:
            continue
        members = sorted({m for c in chosen for m in recommend._members(candidates[c])})
        plain = graph.with_controls(members, set().union(
            *[candidates[m].elements for m in members]))
        fast = recommend._with_controls(graph, chosen, candidates)
        assert fast.chosen_set == frozenset(members)
        for attr in ("node_miss", "flow_miss", "expose_miss", "deny_miss"):
            assert np.array_equal(getattr(fast, attr), getattr(plain, attr)), attr
        assert fast._touched() == plain._touched()


def test_exact_nodes_are_the_targets_and_their_attempts_sorted():
    """``recommend._exact_nodes`` (numpy) against the set expression it replaced: the
    targets' nodes and attempt nodes (-1: none), sorted, distinct, Python ints."""
    rng = np.random.default_rng(3)
    for size in (0, 1, 7, 300):
        attempt = np.where(rng.random(400) < 0.4, rng.integers(0, 500, 400), -1)
        nodes = rng.integers(0, 400, size).astype(np.int64)
        listed = nodes.tolist()
        want = sorted(set(listed) | {int(attempt[t]) for t in listed if attempt[t] >= 0})
        got = recommend._exact_nodes(nodes, attempt.astype(np.int64))
        assert got == want and all(type(x) is int for x in got)


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_a_copys_options_mask_from_its_parents_is_the_tables(name, model, catalog):
    """A what-if built on an evaluated set's copy marks only the ids it adds on that
    copy's mask (``AttackGraph._options_mask``): the table's mask of its whole set, and
    the ids it adds are the set difference its views read (``_view_todo_since``); a set
    not holding the copy's ids (not a superset) is masked from scratch."""
    graph, candidates = _graph_and_candidates(model, catalog)
    ids = sorted(candidates)
    table = graph._option_table
    second = ids[:1] + ids[len(ids) // 2:len(ids) // 2 + 3]
    prior = None
    for chosen in (ids[:1], second, sorted(set(second) | set(ids[::3])), ids):
        built = recommend._with_controls(graph, chosen, candidates, prior)
        had, mask = built._chosen_mask
        assert had == built.chosen_set
        assert np.array_equal(mask, table.mask(set(had)))
        if prior is not None:
            assert built._added == (prior[1], built.chosen_set - prior[1])
            assert built._added[0] is prior[0].chosen_set
        prior = (built, built.chosen_set)
    smaller = frozenset(ids[1:2])  # not a superset of the last copy's ids
    assert prior[0]._options_mask(smaller, table)[1] is None
    assert np.array_equal(prior[0]._options_mask(smaller, table)[0], table.mask(smaller))


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_expanded_members_are_the_sorted_set(name, model, catalog):
    """``recommend._expand`` (the candidates' member tuples as sorted runs, repeats
    dropped) is the sorted set of every member, for fleets, bundles and singles, sets
    whose candidates share members, and in any order of the chosen ids."""
    graph, candidates = _graph_and_candidates(model, catalog)
    ids = sorted(candidates)
    grouped = [c for c in ids if isinstance(candidates[c], recommend._GROUPED)]
    shared = [m for c in grouped for m in recommend._members(candidates[c])][:3]
    rng = np.random.default_rng(5)
    for chosen in (ids, grouped, grouped[:1] + ids[:3], ids[1::4], grouped + shared, [],
                   list(rng.permutation(ids)[:7])):
        want = sorted({m for c in chosen for m in recommend._members(candidates[c])})
        assert recommend._expand(chosen, candidates) == want
        assert recommend._expand(chosen[::-1], candidates) == want


def test_changed_targets_are_the_per_target_loop():
    """``recommend._changed_targets`` (numpy) against the loop it replaced: every target
    whose chance moved by more than 1e-12 or was above the threshold before, in order,
    with Python floats; differences on and next to 1e-12, values on the threshold, NaN."""
    rng = np.random.default_rng(11)
    threshold = 0.3
    for size in (0, 1, 50, 2000):
        before = rng.choice([0.0, 0.1, 0.3, 0.30000000000000004, 0.5, 1.0, np.nan], size)
        before = np.where(rng.random(size) < 0.5, rng.random(size), before)
        after = before - rng.choice([0.0, 1e-12, 2e-12, 5e-13, 0.1, np.nan], size)
        names = [(f"t{k}", f"e{k % 7}") for k in range(size)]
        want = []
        for (tid, element), b, a in zip(names, before.tolist(), after.tolist(), strict=True):
            if abs(b - a) > 1e-12 or b > threshold:
                want.append({"target": tid, "element": element, "before": b, "after": a})
        got = recommend._changed_targets(names, before, after, threshold)
        assert repr(got) == repr(want)  # NaN compares unequal: compare the spelling
        assert all(type(x["before"]) is float and type(x["after"]) is float for x in got)


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_the_whole_pools_copy_from_option_numbers_is_the_ids_copy(name, model, catalog):
    """``recommend._pool_copy`` (the options marked from the screening table's numbers
    and the others' ids, ``AttackGraph.with_options``) against ``_with_controls`` of the
    pool's ids: the copy's arrays, its elements, its options and every view of it; with
    groups and singles in the head (numbered) and after it (looked up)."""
    from workbench.analysis.attack.engine import prepare_runs
    from workbench.analysis.attack.evidence import CandidateTable
    from workbench.analysis.attack.plan_screen import ScreenTable
    from workbench.analysis.pipeline import analyze

    candidates = CandidateTable()  # with sites, as the engine fills it
    result = analyze(model, catalog)
    graph, _runs, _notes = prepare_runs(result.model, catalog, risks=result.threats,
                                        candidates=candidates)
    assert candidates.sites is not None
    ids = sorted(candidates)
    positions = {c: k for k, c in enumerate(candidates)}
    rng = np.random.default_rng(len(ids))
    table = graph._option_table
    sited = 0
    for share in (1.0, 0.5, 0.1):
        pool = [candidates[c] for c in ids if rng.random() < share] or [candidates[ids[0]]]
        rng.shuffle(pool)
        for head in (len(pool), len(pool) // 2, 0):
            numbers = ScreenTable(pool[:head], graph).pool_numbers
            # the screening's positions: the head's, and some of the others' (numbered)
            seen = pool[:head] + [c for c in pool[head:] if rng.random() < 0.5]
            at = np.array([positions[c.id] for c in seen], dtype=np.int64)
            known = recommend._known_numbers(candidates, at,
                                             ScreenTable(seen, graph).pool_numbers)
            assert known is not None
            sited += any(c.id in known.fleets for c in pool)
            plain = recommend._with_controls(graph, [c.id for c in pool], candidates)
            fast = recommend._pool_copy(graph, pool, numbers, candidates, known)
            unknown = recommend._pool_copy(graph, pool, numbers, dict(candidates))
            for attr in ("node_miss", "flow_miss", "expose_miss", "deny_miss"):
                assert np.array_equal(getattr(unknown, attr), getattr(plain, attr)), attr
            assert unknown._touched() == plain._touched()
            assert fast._touched() == plain._touched()
            assert frozenset(fast.chosen_set) == plain.chosen_set & table.numbers.keys()
            assert len(fast.chosen_set) == len(plain.chosen_set & table.numbers.keys())
            for attr in ("node_miss", "flow_miss", "expose_miss", "deny_miss"):
                assert np.array_equal(getattr(fast, attr), getattr(plain, attr)), attr
            for vectors in VECTORS:
                a, b = fast.for_vectors(vectors), plain.for_vectors(vectors)
                assert fast._todo == plain._todo
                for attr in ("node_miss", "entry_miss", "flow_miss", "expose_miss",
                             "deny_miss"):
                    assert np.array_equal(getattr(a, attr), getattr(b, attr)), attr
    if name == CASES[-1][0]:
        assert sited  # fleets read by their members' positions
