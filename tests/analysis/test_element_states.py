"""Elements grouped by state (``attack/element_states.py``) against the element-by-element
computation they replace: each element's state is its shape and the options chosen on
it, and the views and what-if copies built from the groups equal the plain ones, with the
bit sets and with the position-by-position path for elements with many options."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analysis.test_fast_paths import MODELS, SAMPLES, _full_view, _graph_and_candidates
from workbench.analysis.attack import element_states
from workbench.analysis.attack.evidence import element_probability
from workbench.analysis.attack.graph import _positions
from workbench.analysis.catalog import load_catalog

#: (name, model, most options in a bit set): the position-by-position path on samples
CASES = [(n, m, b) for n, m in (MODELS[0], MODELS[len(SAMPLES) - 1])
         for b in (element_states.MAX_BITS, 2)] + [(*MODELS[-1], element_states.MAX_BITS)]
IDS = [f"{n}-{b}" for n, _, b in CASES]
VECTORS = (["network"], ["adjacent"], ["physical", "local"])


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _chosen_sets(candidates) -> list[frozenset[str]]:
    ids = sorted(candidates)
    return [frozenset(), frozenset(ids[:1]), frozenset(ids[::3]), frozenset(ids)]


@pytest.mark.parametrize(("name", "model", "bits"), CASES, ids=IDS)
def test_each_element_gets_its_own_state(name, model, catalog, bits, monkeypatch):
    """Per component and flow: the state's key is (shape, ``_positions`` of the options
    chosen on it), as the per-element loop's memo key; the state's chances are worked out
    on its representative with that element's options in place (``bits`` 2: most
    elements take the position-by-position path)."""
    monkeypatch.setattr(element_states, "MAX_BITS", bits)
    graph, candidates = _graph_and_candidates(model, catalog)
    table = graph._option_table
    options = graph._element_options
    where = {**{graph.index[e]: e for e in table.elements if e in graph.index},
             **{-1 - graph.flow_index[e]: e for e in table.elements
                if e not in graph.index and e in graph.flow_index}}
    for chosen in _chosen_sets(candidates):
        groups = element_states.group(table, table.elements, table.mask(chosen))
        seen = [(int(i), int(s)) for i, s in zip(groups.comp_at, groups.comp_state,
                                                   strict=True)]
        seen += [(-1 - int(i), int(s)) for i, s in zip(groups.flow_at, groups.flow_state,
                                                         strict=True)]
        assert sorted(i for i, _ in seen) == sorted(where)
        for at, state in seen:
            element = where[at]
            rep, picked, key = groups.states[state]
            number, order = graph._element_shapes[element]
            assert key == (number, _positions(order, options[element] & chosen))
            assert picked == options[rep] & chosen  # what the state's chances read
        assert len({s[2] for s in groups.states}) == len(groups.states)


@pytest.mark.parametrize(("name", "model", "bits"), CASES, ids=IDS)
def test_views_and_copies_from_groups_are_the_plain_ones(name, model, catalog, bits,
                                                         monkeypatch):
    """What-if copies (whole pool, one control, a chain) and their attackers' views equal
    the per-element computation from the threats."""
    monkeypatch.setattr(element_states, "MAX_BITS", bits)
    graph, candidates = _graph_and_candidates(model, catalog)
    ids = sorted(candidates)
    everything = graph.with_controls(set(ids), {e for c in ids for e in candidates[c].elements})
    one = graph.with_controls(ids[:1], candidates[ids[0]].elements)
    chain = one.with_controls(ids[1:4], {e for c in ids[1:4] for e in candidates[c].elements})
    for what_if, cids in ((everything, ids), (one, ids[:1]), (chain, ids[:4])):
        assert what_if.chosen_set == frozenset(cids) == frozenset(what_if.chosen)
        # a copy of a copy recomputes its elements with its own controls only (the
        # plan passes them all again): its values are checked through its views
        for element, threats in graph.evidence.items() if what_if is not chain else ():
            if not threats or element not in graph.index:
                continue
            i = graph.index[element]
            touched = any(element in candidates[c].elements for c in cids)
            if not touched:
                continue
            assert what_if.expose_miss[i] == 1.0 - element_probability(threats, cids, "expose")
            assert what_if.deny_miss[i] == 1.0 - element_probability(threats, cids, "deny")
            if any("control" in t.effects for t in threats):
                assert what_if.node_miss[i] == 1.0 - element_probability(threats, cids)
        for vectors in VECTORS:
            fast, plain = what_if.for_vectors(vectors), _full_view(what_if, vectors)
            for attr in ("node_miss", "entry_miss", "flow_miss", "expose_miss",
                         "deny_miss"):
                assert np.array_equal(getattr(fast, attr), getattr(plain, attr)), attr


@pytest.mark.parametrize(("name", "model", "bits"), CASES[::2], ids=IDS[::2])
def test_restrictable_elements_by_option_are_the_dict_they_were(name, model, bits, catalog):
    """``ByOption`` (the table's options sorted by number) answers ``get`` as the dict
    of lists built element by element did, for every option and for an unknown id."""
    graph, _candidates = _graph_and_candidates(model, catalog)
    plain: dict[str, list[str]] = {}
    for element in graph.restrictable:
        for cid in graph._element_options[element]:
            plain.setdefault(cid, []).append(element)
    fast = graph._restrictable_by_option
    assert plain
    for cid in graph._option_table.numbers:
        assert sorted(fast.get(cid, ())) == sorted(plain.get(cid, ())), cid
    assert fast.get("catalog:no-such-control@nowhere", ()) == ()
    # many ids at once (a what-if's added ids): every listed element, as get's lists
    ids = list(graph._option_table.numbers) + ["catalog:no-such-control@nowhere"]
    for chosen in (ids, ids[::3], ids[-2:], ids[5:6], []):
        want = [e for cid in chosen for e in plain.get(cid, ())]
        assert sorted(fast.elements_of(chosen)) == sorted(want)
        assert sorted(fast.elements_of(frozenset(chosen))) == sorted(want)


@pytest.mark.parametrize(("name", "model", "bits"), CASES[::2], ids=IDS[::2])
def test_large_sets_read_by_scanning_the_table_are_the_lookups(name, model, bits, catalog,
                                                               monkeypatch):
    """``OptionTable.mask`` and ``positions`` of a set as large as the table scan the
    table's ids instead of looking each one up: the same mask and the same rows (in
    table order), ids not in the table left out, as the plain lookups."""
    graph, candidates = _graph_and_candidates(model, catalog)
    table = graph._option_table
    assert list(table.numbers.values()) == list(range(len(table.numbers)))
    ids = sorted(candidates) + ["catalog:no-such-control@nowhere"]
    elements = sorted(table.elements) + ["no-such-element"]
    for step in (1, 2, 3, len(ids)):
        chosen, picked = frozenset(ids[::step]), frozenset(elements[::step])
        plain = np.zeros(len(table.numbers) + 1, dtype=bool)
        for cid in chosen:
            if cid in table.numbers:
                plain[table.numbers[cid]] = True
        rows = sorted(table.ordinal[e] for e in picked if e in table.ordinal)
        for share in (10 ** 9, 0):  # every set scanned, then none
            monkeypatch.setattr(element_states, "SCAN_SHARE", share)
            assert table.mask(chosen).tolist() == plain.tolist()
            found = table.positions(picked).tolist()
            assert (found if share else sorted(found)) == rows
