"""Exact and Monte Carlo reach probabilities on graphs small enough to check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.analysis.attack import probability
from workbench.analysis.attack.graph import StepGraph
from workbench.analysis.attack.probability import METHOD_EXACT, METHOD_MC, Solver, wilson

S = "s"


def exact(edges, target="t"):
    graph = StepGraph.from_edges(edges, S)
    node = graph.nodes.index(target)
    sol = Solver(graph).solve(exact_for=[node], monte_carlo=False)
    assert sol.node(node).method == METHOD_EXACT
    return sol.probability[node]


def sampled(edges, target="t", seed=7, samples=10_000):
    graph = StepGraph.from_edges(edges, S)
    node = graph.nodes.index(target)
    sol = Solver(graph, max_rounds=0).solve(samples=samples, seed=seed)  # no peeling
    return sol.node(node)


SERIES = [(S, "a", 0.6), ("a", "t", 0.7)]
PARALLEL = [(S, "a", 0.6), ("a", "t", 0.7), (S, "b", 0.5), ("b", "t", 0.8)]
DIAMOND = [(S, "a", 0.5), ("a", "b", 0.6), ("a", "c", 0.7), ("b", "t", 0.8), ("c", "t", 0.9)]
BRIDGE = [(S, "a", 0.6), (S, "b", 0.5), ("a", "b", 0.4), ("a", "t", 0.7), ("b", "t", 0.8)]
BRIDGE_BIDIRECTIONAL = BRIDGE + [("b", "a", 0.3)]


def test_series():
    """Both steps must work: 0.6 * 0.7 = 0.42."""
    assert exact(SERIES) == pytest.approx(0.42, abs=1e-9)


def test_parallel():
    """Two disjoint routes: 1 - (1 - 0.6*0.7)(1 - 0.5*0.8) = 1 - 0.58*0.6 = 0.652."""
    assert exact(PARALLEL) == pytest.approx(0.652, abs=1e-9)


def test_diamond_with_shared_first_step():
    """The first step s->a is shared: 0.5 * (1 - (1 - 0.6*0.8)(1 - 0.7*0.9))
    = 0.5 * (1 - 0.52*0.37) = 0.5 * 0.8076 = 0.4038.
    Treating the two paths as independent (noisy-OR) would give
    1 - (1 - 0.24)(1 - 0.315) = 0.4794, an overestimate."""
    value = exact(DIAMOND)
    assert value == pytest.approx(0.4038, abs=1e-9)
    assert value < 0.4794 - 0.07


def test_bridge_directed():
    """Factor on the bridge a->b (p3 = 0.4).
    Bridge works: t = (e1 & e4) | ((e2 | e1) & e5)
      = p1 * (1 - (1-p4)(1-p5)) + (1-p1) * p2 * p5 = 0.6*0.94 + 0.4*0.4 = 0.724.
    Bridge fails: two disjoint paths, 1 - (1-0.42)(1-0.4) = 0.652.
    P = 0.4*0.724 + 0.6*0.652 = 0.6808."""
    assert exact(BRIDGE) == pytest.approx(0.6808, abs=1e-9)


def test_bridge_bidirectional():
    """Add b->a with q = 0.3. Condition on the first steps e1 (0.6) and e2 (0.5):
    both: a and b held, 1 - 0.3*0.2 = 0.94, weight 0.3 -> 0.282;
    e1 only: b held if a->b (0.4): 1 - 0.3*(1 - 0.4*0.8) = 0.796, weight 0.3 -> 0.2388;
    e2 only: a held if b->a (0.3): 1 - 0.2*(1 - 0.3*0.7) = 0.842, weight 0.2 -> 0.1684;
    neither: 0. Total 0.6892 (the direction of the bridge matters: 0.6808 without b->a)."""
    assert exact(BRIDGE_BIDIRECTIONAL) == pytest.approx(0.6892, abs=1e-9)


def test_cycle_self_loop_and_unreachable_parts():
    """s->a 0.5, s->b 0.5, a<->b 0.5 each way, a->t 0.5, plus a self-loop on a and an
    island x<->y nobody reaches. P(a) = 1 - 0.5*(1 - 0.5*0.5) = 0.625; P(t) = 0.3125."""
    edges = [(S, "a", 0.5), (S, "b", 0.5), ("a", "b", 0.5), ("b", "a", 0.5), ("a", "a", 0.9),
             ("a", "t", 0.5), ("x", "y", 0.9), ("y", "x", 0.9), ("y", "z", 0.9)]
    assert exact(edges) == pytest.approx(0.3125, abs=1e-9)
    assert exact(edges, "a") == pytest.approx(0.625, abs=1e-9)
    for island in ("x", "y", "z"):
        graph = StepGraph.from_edges(edges, S)
        node = graph.nodes.index(island)
        sol = Solver(graph).solve(samples=640, seed=1)
        assert sol.probability[node] == 0.0


@pytest.mark.parametrize("edges,expected", [
    (PARALLEL, 0.652), (DIAMOND, 0.4038), (BRIDGE, 0.6808), (BRIDGE_BIDIRECTIONAL, 0.6892)])
def test_monte_carlo_inside_its_interval(edges, expected):
    res = sampled(edges)
    assert res.method == METHOD_MC
    assert res.worlds >= 10_000
    assert res.ci_low <= expected <= res.ci_high
    assert abs(res.probability - expected) < 0.01
    assert res.ci_high - res.ci_low < 0.04


def test_series_is_exact_without_sampling():
    """A chain is peeled leaf by leaf: exact even when only sampling was asked for."""
    graph = StepGraph.from_edges(SERIES, S)
    res = Solver(graph).solve(samples=640, seed=0).node(graph.nodes.index("t"))
    assert res.method == METHOD_EXACT
    assert res.probability == pytest.approx(0.42, abs=1e-12)


def _random_graph(rng: np.random.Generator, n: int) -> list[tuple[str, str, float]]:
    """Devices on networks: a few entries, pendants with back-edges, some cycles."""
    edges = []
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < 0.18:
                edges.append((f"n{i}", f"n{j}", float(rng.uniform(0.05, 0.95))))
        if rng.random() < 0.35:
            edges.append((S, f"n{i}", float(rng.uniform(0.05, 0.95))))
    for d in range(4):  # radio devices on n0: entry, in from n0, out to n0
        edges += [(S, f"d{d}", 0.3 + 0.1 * d), ("n0", f"d{d}", 0.6), (f"d{d}", "n0", 0.5)]
    return edges


@pytest.mark.parametrize("seed", range(12))
def test_peeling_matches_plain_enumeration_on_random_graphs(seed):
    """Leaves, entry pendants and synthetic edges change nothing: every node's exact value
    with peeling equals plain enumeration of all worlds without it (to 1e-9)."""
    edges = _random_graph(np.random.default_rng(seed), 5)
    graph = StepGraph.from_edges(edges, S)
    nodes = list(range(graph.n - 1))
    peeled = Solver(graph).solve(exact_for=nodes, monte_carlo=False, limit=24)
    plain = Solver(graph, max_rounds=0).solve(exact_for=nodes, monte_carlo=False, limit=24)
    for i in nodes:
        if plain.exact[i] and peeled.exact[i]:
            assert peeled.probability[i] == pytest.approx(plain.probability[i], abs=1e-9), \
                graph.nodes[i]
    assert plain.exact.sum() >= len(nodes) // 2


def test_same_seed_same_result_other_seed_other_draw():
    a = sampled(DIAMOND, seed=3)
    b = sampled(DIAMOND, seed=3)
    c = sampled(DIAMOND, seed=4)
    assert (a.probability, a.ci_low) == (b.probability, b.ci_low)
    assert c.probability != a.probability


def test_a_large_graph_gives_the_figures_a_small_one_would_same_seed(monkeypatch):
    """Large graphs draw their worlds chunk by chunk into one reused buffer instead of
    keeping them: the figures for a seed are the same either way (bit for bit)."""
    import workbench.analysis.attack.probability as prob

    edges = _random_graph(np.random.default_rng(5), 9)
    graph = StepGraph.from_edges(edges, S)
    monkeypatch.setattr(prob, "CHUNK_CELLS", 64 * 4 * len(edges))  # 4 words per chunk
    kept = Solver(graph, max_rounds=0).solve(samples=1000, seed=[3, 1])
    monkeypatch.setattr(prob, "UNIFORM_CACHE_CELLS", 0)  # nothing kept: the buffer path
    solver = Solver(graph, max_rounds=0)
    streamed = solver.solve(samples=1000, seed=[3, 1])
    again = solver.solve(samples=1000, seed=[3, 1])
    assert kept.probability.tolist() == streamed.probability.tolist() \
        == again.probability.tolist()
    assert 0 < streamed.probability[:-1].max() < 1


@pytest.mark.parametrize("seed", range(6))
def test_small_cores_count_the_worlds_the_numpy_propagation_counts(monkeypatch, seed):
    """A small core's worlds are counted with Python integers along a work list; a large
    one's with numpy rows frontier by frontier: the same counts, node by node, with
    blocked and certain edges, in one chunk or several, and for what-ifs that reuse the
    worlds kept per edge."""
    import workbench.analysis.attack.probability as prob

    edges = _random_graph(np.random.default_rng(seed), 6 + seed)
    edges += [("n1", "n2", 1.0), ("n2", "n3", 0.0)]  # certain and blocked
    graph = StepGraph.from_edges(edges, S)
    for rounds in (0, 64):
        for chunk in (prob.CHUNK_CELLS, 64 * 3 * len(edges)):  # one chunk, or 3 words each
            monkeypatch.setattr(prob, "CHUNK_CELLS", chunk)
            counts = {}
            for cells in (0, 1 << 40):
                monkeypatch.setattr(prob, "SMALL_CORE_CELLS", cells)
                solver = Solver(graph, max_rounds=rounds)
                counts[cells] = solver.sample_counts(solver.extend(graph.p), 1000, [seed, 2])
            assert counts[0][1] == counts[1 << 40][1] == 1024
            assert counts[0][0].tolist() == counts[1 << 40][0].tolist()
            assert counts[0][0].max() == 1024  # the source
            if rounds == 0:  # no peeling: the whole graph is sampled
                assert len(set(counts[0][0].tolist())) > 3
            # what-ifs on the same solver (worlds kept per edge) against a fresh solver
            rng = np.random.default_rng(seed)
            for _ in range(4):
                p = graph.p.copy()
                p[rng.choice(p.size, 3, replace=False)] = rng.choice([0.0, 0.3, 1.0], 3)
                monkeypatch.setattr(prob, "SMALL_CORE_CELLS", 1 << 40)
                again = solver.sample_counts(solver.extend(p), 1000, [seed, 2])
                monkeypatch.setattr(prob, "SMALL_CORE_CELLS", 0)
                fresh = Solver(graph, max_rounds=rounds)
                assert again[0].tolist() == fresh.sample_counts(fresh.extend(p), 1000,
                                                                [seed, 2])[0].tolist()


@pytest.mark.parametrize("seed", range(4))
def test_small_counts_remembered_by_chances_are_a_fresh_solvers(seed):
    """A small core's counts are kept per (worlds, seed, core chances): chances asked
    again (in any order, with another seed or size in between) give exactly a fresh
    solver's counts, and chances that differ on one edge are counted anew."""
    edges = _random_graph(np.random.default_rng(seed), 7)
    graph = StepGraph.from_edges(edges, S)
    rng = np.random.default_rng(100 + seed)
    variants = [graph.p.copy()]
    for _ in range(3):
        p = graph.p.copy()
        p[rng.choice(p.size, 2, replace=False)] = rng.choice([0.0, 0.2, 0.7, 1.0], 2)
        variants.append(p)
    solver = Solver(graph, max_rounds=0)
    for i in [0, 1, 2, 1, 0, 3, 2, 3]:
        for seeds, samples in (([seed, 1], 1000), ([seed, 2], 1000), ([seed, 1], 640)):
            got, worlds = solver.sample_counts(solver.extend(variants[i]), samples, seeds)
            fresh = Solver(graph, max_rounds=0)
            want = fresh.sample_counts(fresh.extend(variants[i]), samples, seeds)
            assert worlds == want[1] and got.tolist() == want[0].tolist()
            assert not got.flags.writeable
    assert 0 < len(solver._small_memo) <= 4 * 3


@pytest.mark.parametrize("seed", range(3))
def test_edge_worlds_redrawn_for_changed_chances_are_a_fresh_solvers(seed):
    """Each drawn edge's worlds, kept per seed and redrawn where the chance changed (found
    by one comparison), are a fresh solver's: chances lowered, raised, zeroed, made
    certain and set back, with another seed in between."""
    edges = _random_graph(np.random.default_rng(seed), 8)
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph, max_rounds=0)
    rng = np.random.default_rng(200 + seed)
    for step in range(8):
        p = graph.p.copy()
        if step % 4:
            p[rng.choice(p.size, 3, replace=False)] = rng.choice([0.0, 0.1, 0.5, 1.0], 3)
        for seeds in ([seed, 1], [seed, 2]):
            probs = solver.extend(p)[solver.c_edge].astype(np.float32)
            drawn = np.flatnonzero(~solver.c_fixed)
            got = list(solver._edge_worlds(probs, drawn, 3, seeds))
            fresh = Solver(graph, max_rounds=0)
            assert got == fresh._edge_worlds(probs, drawn, 3, seeds)


@pytest.mark.parametrize("seed", range(3))
def test_edge_worlds_kept_in_versions_are_a_fresh_solvers(seed, monkeypatch):
    """A small core's per-edge worlds kept in two versions (the plan's whole pool changes
    most edges, the next what-ifs are near the engine's chances again): chances
    alternating between the engine's, the whole pool's and a few changes of either give a
    fresh solver's worlds each time, and once both versions exist the alternation draws
    only the edges that differ from the nearest one."""
    edges = _random_graph(np.random.default_rng(seed), 9)
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph, max_rounds=0)
    drawn = np.flatnonzero(~solver.c_fixed)
    assert drawn.size >= 8
    rng = np.random.default_rng(300 + seed)
    base = graph.p.copy()
    pool = base * 0.5  # the whole pool: every drawn edge's chance changes
    near = base.copy()
    near[rng.choice(base.size, 1)] = 0.05
    stale_rows: list[int] = []
    bits = solver._stale_bits
    monkeypatch.setattr(solver, "_stale_bits", lambda wanted, stale, words, seeds: (
        stale_rows.append(stale.size), bits(wanted, stale, words, seeds))[1])
    for step, p in enumerate([base, pool, base, pool, near, pool, base, near]):
        probs = solver.extend(p)[solver.c_edge].astype(np.float32)
        got = list(solver._edge_worlds(probs, drawn, 3, [seed, 1]))
        fresh = Solver(graph, max_rounds=0)
        assert got == fresh._edge_worlds(probs, drawn, 3, [seed, 1]), step
    assert stale_rows[:2] == [drawn.size, drawn.size]  # both versions drawn whole
    assert sum(stale_rows[2:]) <= 3  # then only the near set's changed edge (and back)
    assert len(solver._edge_masks[(3, (seed, 1))]) == probability.EDGE_ROWS_VERSIONS


@pytest.mark.parametrize("seed", range(4))
def test_large_cores_kept_edge_rows_count_the_whole_draws_worlds(seed, monkeypatch):
    """A large core's per-edge worlds, kept as packed rows and redrawn where the chance
    changed (row by row for a few edges, from the whole draw for many; in one chunk or
    several; from the nearest of two versions), count what a fresh solver counts
    drawing every float chunk by chunk (``EDGE_ROWS_BYTES`` 0: the rows not kept), node
    by node, for what-ifs that lower, raise, zero, make certain and set back chances,
    with another seed in between."""
    import workbench.analysis.attack.probability as prob

    monkeypatch.setattr(prob, "SMALL_CORE_CELLS", 0)
    monkeypatch.setattr(prob, "UNIFORM_CACHE_CELLS", 0)
    monkeypatch.setattr(prob, "ROWS_FOR_ONE", 2)
    by_rows = []
    jump = prob._raw_rows
    monkeypatch.setattr(prob, "_raw_rows",
                        lambda *a: by_rows.append(a[1].size) or _checked_rows(jump, *a))
    edges = _random_graph(np.random.default_rng(seed), 9)
    edges += [("n1", "n2", 1.0), ("n2", "n3", 0.0)]  # certain and blocked
    graph = StepGraph.from_edges(edges, S)
    rng = np.random.default_rng(400 + seed)
    for chunk in (prob.CHUNK_CELLS, 64 * 3 * len(edges)):  # one chunk, or 3 words each
        monkeypatch.setattr(prob, "CHUNK_CELLS", chunk)
        solver = Solver(graph, max_rounds=0)
        for step in range(10):
            p = graph.p.copy()
            if step % 5:
                at = rng.choice(p.size, step % 5, replace=False)
                p[at] = rng.choice([0.0, 0.1, 0.5, 1.0], at.size)
            if step == 3:  # most edges lowered (a plan's whole pool)
                p *= 0.5
            for seeds in ([seed, 1], [seed, 2]):
                monkeypatch.setattr(prob, "EDGE_ROWS_BYTES", 16 << 20)
                got = solver.sample_counts(solver.extend(p), 1000, seeds)
                monkeypatch.setattr(prob, "EDGE_ROWS_BYTES", 0)
                fresh = Solver(graph, max_rounds=0)
                want = fresh.sample_counts(fresh.extend(p), 1000, seeds)
                assert got[1] == want[1] == 1024
                assert got[0].tolist() == want[0].tolist()
                assert not fresh._edge_rows_kept
        # two versions per seed: what-ifs far from the kept rows start one of their own
        assert [len(v) for v in solver._edge_rows_kept.values()] == [2, 2]
    assert by_rows and min(by_rows) < len(edges)


@pytest.mark.parametrize("seed", range(3))
def test_stale_edges_drawn_row_by_row_are_the_whole_draws(seed, monkeypatch):
    """Worlds not kept (too many floats) and a few edges changed: their floats are drawn
    row by row (the generator jumps past the other rows); each edge's worlds are those
    of the whole draw ``default_rng(seed).random((edges, worlds))``, with chances
    changed on one edge, on several, on the first and the last, and set back."""
    import workbench.analysis.attack.probability as prob

    monkeypatch.setattr(prob, "UNIFORM_CACHE_CELLS", 0)
    monkeypatch.setattr(prob, "ROWS_FOR_ONE", 1)
    by_rows = []
    jump = prob._raw_rows
    monkeypatch.setattr(prob, "_raw_rows",
                        lambda *a: by_rows.append(a[1].size) or _checked_rows(jump, *a))
    edges = _random_graph(np.random.default_rng(seed), 8)
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph, max_rounds=0)
    drawn = np.flatnonzero(~solver.c_fixed)
    rng = np.random.default_rng(300 + seed)
    base = solver.extend(graph.p)[solver.c_edge].astype(np.float32)
    for step in range(10):
        probs = base.copy()
        if step % 5:
            at = rng.choice(drawn, step % 5, replace=False)
            at[0] = drawn[[0, -1][step % 2]]
            probs[at] = rng.choice([0.0, 0.1, 0.5, 1.0], at.size)
        got = solver._edge_worlds(probs, drawn, 3, [seed, 1])
        uniform = np.random.default_rng([seed, 1]).random((drawn.size, 3 * 64),
                                                           dtype=np.float32)
        rows = np.packbits(uniform < probs[drawn, None], axis=1, bitorder="little")
        assert got == [int.from_bytes(r.tobytes(), "little") for r in rows]
    assert by_rows and min(by_rows) < drawn.size


def _floats(raw: np.ndarray) -> np.ndarray:
    """The float32 numbers numpy's ``Generator.random(dtype=float32)`` makes of 32-bit
    outputs ``raw`` (``random_standard_uniform_fill_f``: the top 24 bits, scaled)."""
    return (raw >> 8).astype(np.float32) * np.float32(2.0 ** -24)


def _checked_rows(jump, seed, rows, width):
    """``probability._raw_rows`` (``jump``), checked against the whole draw."""
    out = jump(seed, rows, width)
    whole = np.random.default_rng(seed).random((int(rows.max()) + 1, width),
                                               dtype=np.float32)
    assert np.array_equal(_floats(out), whole[rows])
    return out


def test_raw_rows_are_rows_of_the_whole_draw():
    from workbench.analysis.attack.probability import _raw_rows

    whole = np.random.default_rng([4, 2]).random((9, 128), dtype=np.float32)
    for rows in ([0], [8], [1, 2], [0, 3, 4, 8], list(range(9))):
        got = _raw_rows([4, 2], np.array(rows, dtype=np.int64), 128)
        assert np.array_equal(_floats(got), whole[rows])


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_raw_chunks_are_the_whole_float_draw(chunk, monkeypatch):
    """The solver's chunks of raw outputs, kept or not, one chunk or several, are the
    floats of one ``default_rng(seed).random((e, worlds), float32)`` draw, chunk by
    chunk along the worlds."""
    import workbench.analysis.attack.probability as prob

    e, words = 5, 7
    monkeypatch.setattr(prob, "CHUNK_CELLS", 64 * chunk * e)
    for cells in (0, 1 << 40):  # not kept, kept
        monkeypatch.setattr(prob, "UNIFORM_CACHE_CELLS", cells)
        solver = Solver(StepGraph.from_edges(DIAMOND, S), max_rounds=0)
        for _ in range(2):  # drawn, then read again (kept or drawn anew)
            got = list(solver._raw_chunks(e, words, [7, 3]))
            rng = np.random.default_rng([7, 3])
            done = 0
            for raw in got:
                c = raw.shape[1] // 64
                assert c == min(chunk, words - done)
                assert np.array_equal(_floats(raw), rng.random((e, c * 64), dtype=np.float32))
                done += c
            assert done == words


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_shorter_raw_chunks_cut_from_a_longer_kept_draw_are_the_whole_float_draw(
        chunk, monkeypatch):
    """A draw of fewer words after a kept longer one of the same seed and edges (the
    engine's 157 words, then the plan's 64 and the choke points' 16) is cut from the
    longer one when that is one chunk, and is, either way, the floats of one
    ``default_rng(seed).random((e, worlds), float32)`` draw; another seed is drawn
    anew."""
    import workbench.analysis.attack.probability as prob

    e = 5
    monkeypatch.setattr(prob, "CHUNK_CELLS", 64 * chunk * e)
    solver = Solver(StepGraph.from_edges(DIAMOND, S), max_rounds=0)
    for edges, words, seeds in ((e, 9, [7, 3]), (e, 4, [7, 3]), (e, 1, [7, 3]),
                                (e, 4, [7, 4]), (e, 9, [7, 3])):
        got = list(solver._raw_chunks(edges, words, seeds))
        rng = np.random.default_rng(seeds)
        done = 0
        for raw in got:
            c = raw.shape[1] // 64
            assert raw.shape[0] == edges and c == min(chunk, words - done)
            assert np.array_equal(_floats(raw), rng.random((edges, c * 64), dtype=np.float32))
            done += c
        assert done == words
    longer = solver._uniforms[(9, (7, 3))]
    for words in (4, 1):
        cut = solver._uniforms[(words, (7, 3))]
        assert np.shares_memory(cut[0], longer[0]) == (chunk >= 9)
    assert not np.shares_memory(solver._uniforms[(4, (7, 4))][0], longer[0])


def test_raw_outputs_below_a_chance_are_the_floats_below_it():
    """``_below`` (the test on the raw integers) against the floats themselves, for
    chances on and next to the floats' steps, 0, 1, above 1, negative and NaN."""
    from workbench.analysis.attack.probability import _below

    rng = np.random.default_rng(11)
    ends = [0, 1, 255, 256, 257, 511, 512, (1 << 32) - 257, (1 << 32) - 256, (1 << 32) - 1]
    raw = np.concatenate([rng.integers(0, 1 << 32, size=4096, dtype=np.uint64),
                          np.array(ends, dtype=np.uint64)]).astype(np.uint32)
    k = (raw >> 8).astype(np.int64)
    steps = np.float32(2.0 ** -24) * k[np.r_[:30, -10:0]].astype(np.float32)
    chances = np.concatenate([
        rng.random(60).astype(np.float32), steps, np.nextafter(steps, np.float32(1)),
        np.nextafter(steps, np.float32(0)),
        np.array([0.0, 1.0, 1.5, -0.5, np.nan, 2.0 ** -24, 1 - 2.0 ** -24, np.inf],
                 dtype=np.float32)])
    rows = np.broadcast_to(raw, (chances.size, raw.size))
    want = _floats(raw)[None, :] < chances[:, None]
    got = _below(rows, chances)
    assert got.dtype == bool and np.array_equal(got, want)
    assert want[:-8].any() and not want[-8:-7].any() and want[-7].all()


def test_core_roots_kept_per_node_sequence_are_the_walks():
    """``core_roots`` is kept per node sequence: the same roots as the walk up the forest
    of a fresh solver, asked again in any order, a caller's change to the list it got
    never reaching the next caller."""
    rng = np.random.default_rng(5)
    edges = _random_graph(rng, 9)
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph)
    asks = [sorted(rng.choice(graph.size, k, replace=False).tolist()) for k in (1, 3, 5, 8)]
    for nodes in asks + asks[::-1] + [[]]:
        got = solver.core_roots(nodes)
        assert got == Solver(graph)._walk_roots(tuple(nodes))
        got.append(-1)
        assert -1 not in solver.core_roots(nodes)


def test_what_ifs_on_one_solver_give_a_fresh_solvers_exact_values():
    """A solver asked again with other chances (the plan's what-ifs) gives, node by node,
    exactly what a fresh solver gives: values it remembers are never stale."""
    edges = _random_graph(np.random.default_rng(11), 6)
    graph = StepGraph.from_edges(edges, S)
    nodes = list(range(graph.n - 1))
    solver = Solver(graph)
    rng = np.random.default_rng(2)
    for _ in range(6):
        p = graph.p.copy()
        touched = rng.choice(p.size, size=2, replace=False)
        p[touched] = rng.uniform(0.0, 1.0, size=2)
        again = solver.solve(p, exact_for=nodes, monte_carlo=False)
        fresh = Solver(graph).solve(p, exact_for=nodes, monte_carlo=False)
        assert again.probability.tolist() == fresh.probability.tolist()
        assert again.exact.tolist() == fresh.exact.tolist()
    assert again.exact[:-1].sum() >= 3


@pytest.mark.parametrize("memo_bytes", [4 << 20, 64])
def test_what_ifs_that_zero_edges_give_a_fresh_solvers_values(memo_bytes, monkeypatch):
    """The reach sets kept per set of working edges (``Solver._forward`` and
    ``relevant_edges``) are never stale: what-ifs that block edges (a chance of 0), come
    back to an earlier set, or pass the memo's size (64 bytes: emptied at every put) give
    node by node what a fresh solver gives."""
    monkeypatch.setattr(probability, "REACH_MEMO_BYTES", memo_bytes)
    edges = _random_graph(np.random.default_rng(5), 6)
    graph = StepGraph.from_edges(edges, S)
    nodes = list(range(graph.n - 1))
    solver = Solver(graph)
    rng = np.random.default_rng(3)
    blocked = [rng.choice(graph.p.size, size=3, replace=False) for _ in range(3)]
    for round_ in range(9):
        p = graph.p.copy()
        p[blocked[round_ % 3]] = 0.0
        p[rng.integers(p.size)] = float(rng.uniform(0.05, 1.0))
        again = solver.solve(p, exact_for=nodes, monte_carlo=False)
        fresh = Solver(graph).solve(p, exact_for=nodes, monte_carlo=False)
        assert again.probability.tolist() == fresh.probability.tolist()
        assert again.exact.tolist() == fresh.exact.tolist()
    assert again.exact[:-1].sum() >= 3


_EXACT_SCRIPT = """
import numpy as np
from tests.analysis.test_attack_probability import _random_graph, S
from workbench.analysis.attack.graph import StepGraph
from workbench.analysis.attack.probability import Solver
for seed in range(40):
    graph = StepGraph.from_edges(_random_graph(np.random.default_rng(seed), 8), S)
    nodes = list(range(graph.n - 1))
    sol = Solver(graph, max_rounds=0).solve(exact_for=nodes, monte_carlo=False, limit=18)
    size = max(sol.exact_sizes.values(), default=0)
    print(seed, [float(x).hex() for x in sol.probability[sol.exact]], size)
"""


def test_exact_values_do_not_depend_on_the_machines_core_count():
    """The same model and seed give the same figures on a one-core and a many-core
    machine: exact enumeration of 2**14 worlds and more sums its weights the same way
    whatever the number of BLAS threads (a BLAS dot product splits among threads)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    outs = []
    for threads in ("1", "2"):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads)
        outs.append(subprocess.run([sys.executable, "-c", _EXACT_SCRIPT], cwd=root, env=env,
                                   capture_output=True, text=True, check=True).stdout)
    assert outs[0] == outs[1]
    assert max(int(line.split()[-1]) for line in outs[0].splitlines()) >= 14


def test_exact_gives_up_beyond_its_bound():
    """A ladder (two rails of 8 steps, rungs both ways) has over 30 uncertain edges, more
    than the limit of 20: Monte Carlo answers."""
    edges = [(S, "a0", 0.5), (S, "b0", 0.5), ("a8", "t", 0.5), ("b8", "t", 0.5)]
    for i in range(8):
        edges += [(f"a{i}", f"a{i + 1}", 0.5), (f"b{i}", f"b{i + 1}", 0.5),
                  (f"a{i}", f"b{i}", 0.5), (f"b{i}", f"a{i}", 0.5)]
    graph = StepGraph.from_edges(edges, S)
    node = graph.nodes.index("t")
    sol = Solver(graph).solve(samples=2000, seed=0, exact_for=[node])
    assert sol.node(node).method == METHOD_MC


def test_wilson_interval():
    lo, hi = wilson(5000, 10_000)
    assert lo == pytest.approx(0.4902, abs=1e-4)
    assert hi == pytest.approx(0.5098, abs=1e-4)
    assert wilson(0, 100)[0] == 0.0
    assert wilson(100, 100)[1] == 1.0


def test_leaf_peeling_keeps_exact_values():
    """Ten devices hang off one gateway (device -> gateway back-edges): each device is
    0.8 (gateway) * 0.5 = 0.4. Once the devices are peeled the gateway hangs off the
    attacker alone, so nothing is left to sample."""
    edges = [(S, "gw", 0.8)]
    for i in range(10):
        edges += [("gw", f"d{i}", 0.5), (f"d{i}", "gw", 0.9)]
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph)
    assert solver.core.size == 1
    sol = solver.solve(samples=640, seed=0, exact_for=[graph.nodes.index("d3")])
    assert sol.probability[graph.nodes.index("d3")] == pytest.approx(0.4, abs=1e-12)
    assert np.isclose(sol.probability[graph.nodes.index("d7")], 0.4)


@pytest.mark.parametrize("seed", range(8))
def test_more_chance_on_any_edge_never_lowers_any_probability(seed):
    """Reachability is monotone: raising one edge's chance cannot lower any node's exact
    probability (checked with peeling on, edge by edge)."""
    rng = np.random.default_rng(100 + seed)
    graph = StepGraph.from_edges(_random_graph(rng, 4), S)
    solver = Solver(graph)
    nodes = list(range(graph.n - 1))
    base = solver.solve(exact_for=nodes, monte_carlo=False, limit=24)
    for e in range(graph.p.size):
        p = graph.p.copy()
        p[e] = min(1.0, p[e] + 0.3)
        more = solver.solve(p, exact_for=nodes, monte_carlo=False, limit=24)
        both = base.exact & more.exact
        assert np.all(more.probability[both] >= base.probability[both] - 1e-12)


def _plain_peel(solver: Solver, p: np.ndarray, table: np.ndarray, exact: np.ndarray) -> None:
    """The peeled nodes' values as ``Solver.solve`` worked them out before a round was
    split into leaves and pendants: one formula for the whole round, picked by
    ``np.where``, from the values before the round."""
    from workbench.analysis.attack.probability import _pendant

    for group in solver.round_groups:
        leaf = solver.kind[group] == 1
        parent, parent_edge, via = (solver.parent[group], solver.parent_edge[group],
                                    solver.via_edge[group])
        out_edge, source_edge = solver.out_edge[group], solver.source_edge[group]
        pe = np.where(parent_edge >= 0, p[np.maximum(parent_edge, 0)], 0.0)
        pe = pe * np.where(via >= 0, p[np.maximum(via, 0)], 1.0)
        up = table[:, parent]
        p_sv = np.where(leaf, 0.0, p[np.maximum(source_edge, 0)])
        a = np.where(out_edge >= 0, p_sv * p[np.maximum(out_edge, 0)], 0.0)
        table[:, group] = np.where(leaf, up * pe, _pendant(p_sv, a, pe, up))
        exact[group] = exact[parent]


@pytest.mark.parametrize("seed", range(10))
def test_peeled_leaves_and_pendants_apart_are_one_formula_per_round(seed):
    """Leaves and entry pendants of a round worked out apart (the pendants' formula on
    the pendants only) give the very floats of one formula over the round, from the
    same core values: random graphs with pendants, leaves and both in one round."""
    rng = np.random.default_rng(400 + seed)
    edges = _random_graph(rng, 4 + seed % 5)
    for d in range(6):  # leaves hanging off devices and off other leaves
        edges.append((f"n{d % 3}", f"l{d}", float(rng.uniform(0.1, 0.9))))
        edges.append((f"l{d}", f"m{d}", float(rng.uniform(0.1, 0.9))))
    graph = StepGraph.from_edges(edges, S)
    solver = Solver(graph)
    kinds = set(solver.kind[np.concatenate(solver.round_groups)].tolist())
    assert kinds == {1, 2}
    for _ in range(3):
        p = graph.p.copy()
        p[rng.choice(p.size, 3, replace=False)] = rng.choice([0.0, 0.4, 1.0], 3)
        sol = solver.solve(p, samples=640, seed=[seed, 1], exact_for=[0, 1])
        ext = solver.extend(p)
        table = np.zeros((3, solver.n))
        table[0], table[1], table[2] = sol.probability, sol.ci_low, sol.ci_high
        exact = sol.exact.copy()
        peeled = np.concatenate(solver.round_groups)
        table[:, peeled], exact[peeled] = -1.0, False  # worked out again below
        _plain_peel(solver, ext, table, exact)
        assert table[0].tolist() == sol.probability.tolist()
        assert table[1].tolist() == sol.ci_low.tolist()
        assert table[2].tolist() == sol.ci_high.tolist()
        assert exact.tolist() == sol.exact.tolist()


def _plain_pendant(p_sv, a, p_uv, reach_u):
    """``probability._pendant`` as it was written with ``np.clip`` and ``np.nan_to_num``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.clip((reach_u - a) / (1.0 - a), 0.0, 1.0)
    return np.where(a >= 1.0, 1.0, p_sv + (1.0 - p_sv) * p_uv * np.nan_to_num(x))


@pytest.mark.parametrize("seed", range(20))
def test_pendants_with_ufuncs_are_the_clip_and_nan_to_num_formula(seed):
    """The entry pendants' formula without ``np.clip``, ``np.nan_to_num`` and
    ``np.errstate`` gives the same bits: chances of 0, 1 and in between, ``a`` exactly 1,
    just under 1 and NaN, a parent's probability below ``a``, above it, NaN, three rows
    (probability and interval) at once, and no warning."""
    import warnings

    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 40))

    def chances(size):
        x = rng.random(size)
        pick = rng.random(size)
        x[pick < 0.15] = 0.0
        x[(pick >= 0.15) & (pick < 0.3)] = 1.0
        x[(pick >= 0.3) & (pick < 0.35)] = 1.0 - 1e-16
        return x

    p_sv, p_uv, a = chances(k), chances(k), chances(k)
    a[rng.random(k) < 0.05] = np.nan
    reach_u = chances((3, k))
    reach_u[rng.random((3, k)) < 0.05] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = probability._pendant(p_sv, a, p_uv, reach_u)
    want = _plain_pendant(p_sv, a, p_uv, reach_u)
    assert got.shape == want.shape and got.dtype == want.dtype
    assert got.tobytes() == want.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_reach_set_is_a_plain_breadth_first_search(seed):
    """``_reach_set`` (a BFS level at a time, new nodes told apart by a scatter) reaches
    exactly the nodes a plain search over adjacency lists reaches: random graphs with
    repeated edges, self-loops, cycles, isolated nodes and a start with no way out."""
    from workbench.analysis.attack.probability import _reach_set

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 30))
    m = int(rng.integers(0, 4 * n + 1))
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    start = int(rng.integers(0, n))
    out: dict[int, list[int]] = {}
    for a, b in zip(src.tolist(), dst.tolist(), strict=True):
        out.setdefault(a, []).append(b)
    plain = {start}
    queue = [start]
    for u in queue:
        for v in out.get(u, []):
            if v not in plain:
                plain.add(v)
                queue.append(v)
    got = _reach_set(n, src, dst, start)
    assert got.dtype == bool and got.size == n
    assert set(np.flatnonzero(got).tolist()) == plain
