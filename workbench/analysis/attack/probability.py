"""Probability that an attacker reaches each element: exact when small, else Monte Carlo.

The question is network reliability: every edge works independently with its chance ``p``;
an element is compromised in a *world* (one draw of all edges) when a chain of working edges
leads to it from the attacker. Summing independent paths (noisy-OR) would count a shared
first step twice; working world by world never does.

* **Leaf peeling (exact).** A node whose only in-neighbour is ``u`` and whose out-edges only go
  back to ``u`` cannot help reach anything else, so ``P(v) = P(u) * p(u, v)``. Peeling such
  leaves (medical devices hanging off one gateway or one network) shrinks the graph sampled
  by an order of magnitude without changing any result. Nodes nothing points to are 0.
* **Exact enumeration.** For a requested node, keep the part of the graph that is reachable
  from the attacker and can reach the node; if it has at most ``exact_limit`` (default 20)
  uncertain edges, enumerate all ``2**m`` worlds (bit-parallel, weights from the ``p``).
* **Monte Carlo.** Otherwise sample worlds, 64 per ``uint64`` word: each edge gets a row of
  random bits, and reachability is propagated by bitwise OR/AND over whole rows, frontier by
  frontier until nothing changes (this handles cycles: a node is reached in a world once
  any in-edge from a reached node works). No Python loop runs per sample. The interval is
  Wilson's 95 % score interval on the number of worlds.

Self-loops never change reachability (they are dropped when the graph is built).
"""

from __future__ import annotations

import functools
import math
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.graph import StepGraph, unit

EXACT_LIMIT = 20
#: Exact values remembered per solver (a what-if asks again for untouched targets).
EXACT_MEMO_SIZE = 65_536
#: Core nodes tried for exact enumeration per solve (the rest keep their Monte Carlo value).
MAX_EXACT_ROOTS = 64
DEFAULT_SAMPLES = 10_000
Z95 = 1.959963984540054
#: Cores of at most this many edges x 64-world words are sampled with Python integers
#: (:meth:`Solver._small_counts`), larger ones with numpy rows (:func:`propagate`).
SMALL_CORE_CELLS = 1 << 18
#: Seeds (and sizes) whose per-edge worlds a solver keeps for small cores: an attacker's
#: run, its what-ifs (4,096 worlds) and its final figures use one seed.
EDGE_MASK_SEEDS = 4
#: A large core's per-edge worlds (packed bits) are kept per seed and size up to this many
#: bytes per solver (:meth:`Solver._edge_rows`): 1.3 MB for 2,500 drawn edges of a
#: what-if's 4,096 worlds.
EDGE_ROWS_BYTES = 16 << 20
#: Versions of those rows kept per seed and size (:meth:`Solver._edge_rows`; and of a
#: small core's per-edge worlds, :meth:`Solver._edge_worlds`).
EDGE_ROWS_VERSIONS = 2
#: Small cores' counts remembered per solver, by (worlds, seed, core chances): a plan's
#: what-ifs ask again for chances they changed only outside the core or in exposure.
SMALL_COUNTS_KEPT = 4096
#: Node sequences whose core roots a solver keeps (:meth:`Solver.core_roots`).
ROOTS_KEPT = 256
#: Cap on random floats drawn at once (edges x worlds), to bound memory (~64 MB of float32).
CHUNK_CELLS = 1 << 24
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
#: Random floats kept per solver for reuse (what-ifs redraw the same worlds: common
#: random numbers), as their 32-bit raw outputs, 8 MB per seed and size at most; larger
#: draws are not kept.
UNIFORM_CACHE_CELLS = 1 << 21
#: Stale edges are drawn row by row when at most one in this many of the drawn edges is.
ROWS_FOR_ONE = 8

METHOD_EXACT = "exact-enumeration"
METHOD_MC = "monte-carlo"


def wilson(k: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(0.0, p * (1 - p) / n + z * z / (4 * n * n))) / denom
    low = 0.0 if k <= 0 else max(0.0, centre - half)
    high = 1.0 if k >= n else min(1.0, centre + half)
    return low, high


def propagate(n: int, src: np.ndarray, dst: np.ndarray, present: np.ndarray,
              source: int, starts: np.ndarray | None = None) -> np.ndarray:
    """Reachability bits ``(n, words)`` from ``source``; edges must be sorted by ``src``.

    ``present[e]`` holds one bit per world: edge ``e`` works in that world.
    """
    words = present.shape[1]
    reach = np.zeros((n, words), dtype=np.uint64)
    reach[source] = _ALL
    if starts is None:
        starts = np.searchsorted(src, np.arange(n + 1))
    frontier = np.array([source], dtype=np.int64)
    while frontier.size:
        lo = starts[frontier]
        counts = starts[frontier + 1] - lo
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        targets = dst[offsets]
        order = np.argsort(targets, kind="stable")
        targets = targets[order]
        offsets = offsets[order]
        contrib = reach[src[offsets]] & present[offsets]
        uniq, first = np.unique(targets, return_index=True)
        merged = np.bitwise_or.reduceat(contrib, first, axis=0)
        new = reach[uniq] | merged
        changed = (new != reach[uniq]).any(axis=1)
        reach[uniq] = new
        frontier = uniq[changed]
    return reach


@dataclass
class NodeResult:
    probability: float
    ci_low: float
    ci_high: float
    method: str
    worlds: int

    def to_json(self) -> dict:
        return {"probability": self.probability, "ci_low": self.ci_low,
                "ci_high": self.ci_high, "method": self.method, "worlds": self.worlds,
                "approximate": self.method != METHOD_EXACT}


@dataclass
class Solution:
    """Reach probability of every node of one attacker's graph (source excluded)."""

    probability: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    exact: np.ndarray  # bool per node
    worlds: int
    core_nodes: int
    core_edges: int
    exact_sizes: dict[int, int] = field(default_factory=dict)  # node -> uncertain edges

    def node(self, i: int) -> NodeResult:
        exact = bool(self.exact[i])
        return NodeResult(float(self.probability[i]), float(self.ci_low[i]),
                          float(self.ci_high[i]), METHOD_EXACT if exact else METHOD_MC,
                          0 if exact else self.worlds)


@dataclass(frozen=True)
class _PeelGroup:
    """One peeling round's leaves, or its entry pendants, and the positions
    :meth:`Solver.solve` reads for them (``np.maximum(x, 0)`` of an edge index, with
    ``has_*`` saying where it is real). A round's two groups read the values before
    either is written (``Solver._peel_plan``)."""

    nodes: np.ndarray
    parent: np.ndarray
    all_leaves: bool  # True: the round's leaves; False: its entry pendants
    has_parent_edge: np.ndarray
    parent_edge: np.ndarray
    has_via: np.ndarray
    via_edge: np.ndarray
    source_edge: np.ndarray
    has_out_edge: np.ndarray
    out_edge: np.ndarray


class Solver:
    """Structure of one attacker graph, prepared once; solve again with other ``p``.

    Peeling keeps three kinds of nodes out of the sampled core (all exact):

    * *leaves*: one in-neighbour ``u``, out-edges only back to ``u``:
      ``P(v) = P(u) p(u,v)``;
    * *entry pendants*: in-edges from the attacker and from one ``u`` at most, out-edges
      only to that ``u`` (a wireless device on one network). The route attacker -> v -> u
      becomes one *synthetic* edge attacker -> u of chance ``a = p(s,v) p(v,u)`` (routes of
      several pendants are independent, so they merge as ``1 - prod(1 - a)``). Since u is
      then reached with ``P(u) = x + a (1 - x)`` where ``x`` is its chance without v,
      ``x = (P(u) - a) / (1 - a)`` and ``P(v) = p(s,v) + (1 - p(s,v)) p(u,v) x``;
    * nodes nothing points to: 0.
    """

    def __init__(self, graph: StepGraph, max_rounds: int = 64):
        self.graph = graph
        n = graph.n
        self.n = n
        source = graph.source
        e_count = graph.src.size
        src, dst = graph.src.copy(), graph.dst.copy()
        att = graph.attempt  # index -1 (no parent) reads the source's entry: -1
        alive = np.ones(n, dtype=bool)
        kind = np.zeros(n, dtype=np.int8)  # 0 core, 1 leaf, 2 pendant, 3 zero
        parent = np.full(n, -1, dtype=np.int64)
        parent_edge = np.full(n, -1, dtype=np.int64)  # leaf: u->v; pendant: u->v or -1
        source_edge = np.full(n, -1, dtype=np.int64)  # pendant: s->v
        out_edge = np.full(n, -1, dtype=np.int64)  # pendant: v->u or -1
        via_edge = np.full(n, -1, dtype=np.int64)  # pendant into a_u: the edge a_u -> u
        peel_round = np.full(n, -1, dtype=np.int64)
        synth_rounds: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for rnd in range(max_rounds):
            ids = np.flatnonzero(alive[src] & alive[dst])
            s, d = src[ids], dst[ids]
            from_src = s == source
            indeg = np.bincount(d, minlength=n)
            in_src = np.bincount(d[from_src], minlength=n)
            outdeg = np.bincount(s, minlength=n)
            par = np.full(n, -1, dtype=np.int64)
            par_e = np.full(n, -1, dtype=np.int64)
            ns = ~from_src
            single = (indeg[d] - in_src[d] == 1) & ns
            par[d[single]] = s[single]
            par_e[d[single]] = ids[single]
            src_e = np.full(n, -1, dtype=np.int64)
            src_e[d[from_src]] = ids[from_src]
            out_e = np.full(n, -1, dtype=np.int64)
            out_e[s] = ids
            out_d = np.full(n, -1, dtype=np.int64)
            out_d[s] = d
            # Out-edges that lead back to the parent or to the parent's attempt node (which
            # only leads to the parent) cannot help reach anything new.
            back = np.bincount(s[(par[s] >= 0) & ((par[s] == d) | (att[par[s]] == d))],
                               minlength=n)
            leaf = alive & (indeg == 1) & (outdeg == back)
            leaf &= ~((in_src == 1) & (indeg == 1) & (outdeg > 0))  # fed the source: pendant
            leaf_par = np.where(in_src == 1, source, par)
            leaf_e = np.where(in_src == 1, src_e, par_e)
            pendant = alive & (in_src == 1) & (indeg - in_src <= 1) & (outdeg <= 1)
            pendant &= ~(leaf & (in_src == 1) & (outdeg == 0))
            has_par = indeg - in_src == 1
            # A pendant whose way on is u's attempt node a_u (u has several ways in) is
            # exact when u's only in-edge comes from a_u: then P(u | v's route fails) is
            # P(a_u | v's route fails) * p(a_u -> u), by the same inversion on a_u.
            safe_par = np.maximum(par, 0)
            lone = (indeg == 1) & (in_src == 0) & (att >= 0) & (par == att)
            into_att = (has_par & (outdeg == 1) & (par >= 0) & (out_d == att[safe_par])
                        & lone[safe_par])
            pendant &= ~(has_par & (outdeg == 1) & (out_d != par) & ~into_att)
            pendant &= (indeg - in_src == 1) | (outdeg == 1)
            target_u = np.where(has_par & ~into_att, par, out_d)
            zero = alive & (indeg == 0)
            for mask in (leaf, pendant, zero):
                mask[source] = False
            # Two nodes peeled in one round must not depend on each other.
            busy = leaf | pendant
            cand = np.flatnonzero(leaf)
            bad = cand[busy[leaf_par[cand]] & (leaf_par[leaf_par[cand]] == cand)]
            zero[bad] = True
            leaf[bad] = False
            cand = np.flatnonzero(pendant)
            pendant[cand[busy[target_u[cand]]]] = False
            if not leaf.any() and not pendant.any() and not zero.any():
                break
            lv = np.flatnonzero(leaf)
            parent[lv], parent_edge[lv], kind[lv] = leaf_par[lv], leaf_e[lv], 1
            pv = np.flatnonzero(pendant)
            parent[pv], kind[pv] = target_u[pv], 2
            source_edge[pv] = src_e[pv]
            parent_edge[pv] = np.where(has_par[pv], par_e[pv], -1)
            via_edge[pv] = np.where(into_att[pv], par_e[safe_par[pv]], -1)
            out_edge[pv] = np.where(outdeg[pv] == 1, out_e[pv], -1)
            kind[zero] = 3
            peel_round[lv] = peel_round[pv] = rnd
            feeds = pv[out_edge[pv] >= 0]
            if feeds.size:
                us, group = np.unique(parent[feeds], return_inverse=True)
                first_id = src.size
                src = np.concatenate([src, np.full(us.size, source, dtype=np.int64)])
                dst = np.concatenate([dst, us])
                synth_rounds.append((source_edge[feeds], out_edge[feeds], first_id + group))
            alive &= ~(leaf | pendant | zero)
        self.e_count = e_count
        self.ext_count = src.size
        self.ext_src, self.ext_dst = src, dst
        # Synthetic edge -> the (s->v, v->u) pairs it stands for, to show concrete routes.
        self.synth_members: dict[int, list[tuple[int, int]]] = {}
        for e_sv, e_vu, synth in synth_rounds:
            for a, b, k in zip(e_sv.tolist(), e_vu.tolist(), synth.tolist(), strict=True):
                self.synth_members.setdefault(k, []).append((a, b))
        self.synth_rounds = synth_rounds
        self.kind, self.parent, self.parent_edge = kind, parent, parent_edge
        self.source_edge, self.out_edge, self.peel_round = source_edge, out_edge, peel_round
        self.via_edge = via_edge
        self.dead_zero = kind == 3
        core = np.flatnonzero(alive)
        self.core = core
        relabel = np.full(n, -1, dtype=np.int64)
        relabel[core] = np.arange(core.size)
        self.relabel = relabel
        edge_ids = np.arange(src.size)
        keep = alive[src] & alive[dst]
        cs, cd, ce = relabel[src[keep]], relabel[dst[keep]], edge_ids[keep]
        order = np.lexsort((cd, cs))
        self.c_src, self.c_dst, self.c_edge = cs[order], cd[order], ce[order]
        self.c_source = int(relabel[source])
        structural = graph.structural
        real = self.c_edge < e_count
        #: Core edges that carry no random fact ("can try v"): certain unless blocked.
        self.c_fixed = np.zeros(self.c_edge.size, dtype=bool)
        self.c_fixed[real] = structural[self.c_edge[real]]
        self.c_starts = np.searchsorted(self.c_src, np.arange(core.size + 1))
        peeled = np.flatnonzero((kind == 1) | (kind == 2))
        self.leaf_order = peeled[np.argsort(-peel_round[peeled], kind="stable")]
        rounds = peel_round[self.leaf_order]
        cuts = np.flatnonzero(np.diff(rounds)) + 1
        self.round_groups = [g for g in np.split(self.leaf_order, cuts) if g.size]
        self._too_big: set[int] = set()
        self._out: list[list[tuple[int, int]]] | None = None
        self._peel: list[list[_PeelGroup]] | None = None
        #: Per (words, seed): versions of (per drawn edge position its chance, the worlds
        #: it works in).
        self._edge_masks: dict[tuple[int, tuple[int, ...]],
                               list[tuple[np.ndarray, list[int]]]] = {}
        #: The same for large cores, as packed rows: versions of (chances, rows of
        #: ``uint64`` words).
        self._edge_rows_kept: dict[tuple[int, tuple[int, ...]],
                                   list[tuple[np.ndarray, np.ndarray]]] = {}
        self._exact_memo: dict[tuple[int, bytes, bytes], float] = {}
        #: Per set of working core edges (:meth:`_forward`): the forward reach, and per
        #: (node, that set) the relevant edge positions (:meth:`relevant_edges`).
        self._forward_memo = _ReachMemo()
        self._relevant_memo = _ReachMemo()
        self._uniforms: dict[tuple[int, tuple[int, ...]], list[np.ndarray]] = {}
        self._small_memo: dict[tuple[int, tuple[int, ...], bytes], np.ndarray] = {}
        self._roots: dict[tuple[int, ...], tuple[int, ...]] = {}
        touches = np.zeros(self.ext_count, dtype=bool)
        touches[self.c_edge] = True
        for e_sv, e_vu, _ in synth_rounds:
            touches[e_sv] = touches[e_vu] = True
        self._touches_core = touches

    def touches_core(self, edge: int) -> bool:
        """Whether changing ``edge`` can change a core node's probability."""
        return bool(self._touches_core[edge])

    def extend(self, p: np.ndarray) -> np.ndarray:
        """Chances of real and synthetic edges (synthetic ones computed in peel order)."""
        ext = np.zeros(self.ext_count)
        ext[:self.e_count] = p
        for e_sv, e_vu, synth in self.synth_rounds:
            a = unit(ext[e_sv] * ext[e_vu])
            with np.errstate(divide="ignore"):
                logs = np.bincount(synth - synth.min(), weights=np.log1p(-a))
            ext[synth.min():synth.min() + logs.size] = 1.0 - np.exp(logs)
        return ext

    # -- exact ---------------------------------------------------------------------------
    def relevant_edges(self, p: np.ndarray, node: int,
                       forward: tuple[np.ndarray, ...] | None = None) -> np.ndarray:
        """Core edge positions reachable from the source that can reach core ``node``.

        ``forward``: :meth:`_forward` of the same ``p``; it does not depend on ``node``, so
        a solve that asks for many nodes computes it once.
        """
        alive, s, d, fwd, key = forward if forward is not None else self._forward(p)
        memo_key = (node, key)
        positions = self._relevant_memo.get(memo_key)
        if positions is None:
            bwd = _reach_set(self.core.size, d, s, node)
            keep = alive.copy()
            keep[alive] = fwd[s] & bwd[d] & fwd[d]
            positions = np.flatnonzero(keep)
            positions.flags.writeable = False
            self._relevant_memo.put(memo_key, positions, (positions,))
        return positions

    def _forward(self, p: np.ndarray) -> tuple:
        """Working core edges, what the attacker reaches over them, and the key of that
        set of working edges.

        Both reach sets depend only on which core edges work (``p > 0``), and the plan's
        what-ifs lower chances far more often than they zero one: the same set comes back
        hundreds of times on a small model, so it is computed once per set."""
        alive = p[self.c_edge] > 0
        key = np.packbits(alive).tobytes()
        hit = self._forward_memo.get(key)
        if hit is None:
            s, d = self.c_src[alive], self.c_dst[alive]
            hit = (alive, s, d, _reach_set(self.core.size, s, d, self.c_source), key)
            for arr in hit[:4]:
                arr.flags.writeable = False
            self._forward_memo.put(key, hit, hit[:4])
        return hit

    def exact(self, p: np.ndarray, node: int, limit: int = EXACT_LIMIT) -> float | None:
        """Exact reach probability of core ``node`` by enumeration, or None if too big."""
        return self._exact(p, node, limit)[0]

    def _exact(self, p: np.ndarray, node: int, limit: int,
               forward: tuple[np.ndarray, ...] | None = None) -> tuple[float | None, int]:
        """:meth:`exact` and the number of uncertain edges it enumerated (or would have)."""
        if node == self.c_source:
            return 1.0, int((p[self.c_edge[self.relevant_edges(p, node, forward)]] < 1).sum())
        positions = self.relevant_edges(p, node, forward)
        if positions.size == 0:
            return 0.0, 0
        probs = p[self.c_edge[positions]]
        uncertain = np.flatnonzero(probs < 1.0)
        m = uncertain.size
        if m > limit:
            return None, m
        # The value is a function of the node, its relevant edges and their chances only:
        # the plan's what-ifs ask again for targets whose part of the graph no candidate
        # touched, and get the very same float back.
        key = (node, positions.tobytes(), probs.tobytes())
        known = self._exact_memo.get(key)
        if known is not None:
            return known, m
        worlds = 1 << m
        weights = np.ones(1)
        for q in probs[uncertain]:
            weights = np.concatenate([weights * (1.0 - q), weights * q])
        patterns = _world_bits(m)
        present = np.full((positions.size, patterns.shape[1]), _ALL, dtype=np.uint64)
        present[uncertain] = patterns
        s, d = self.c_src[positions], self.c_dst[positions]
        reach = propagate(self.core.size, s, d, present, self.c_source)
        hit = np.unpackbits(reach[node].view(np.uint8), bitorder="little")[:worlds]
        # numpy's own (pairwise) sum, not np.dot: BLAS splits a long dot product among
        # its threads, so its last bits (and a tie between two what-ifs) depended on the
        # machine's core count; it also spun a second thread on a shared machine.
        value = float(weights[hit.astype(bool)].sum())
        if len(self._exact_memo) >= EXACT_MEMO_SIZE:
            self._exact_memo.clear()
        self._exact_memo[key] = value
        return value, m

    # -- Monte Carlo ---------------------------------------------------------------------
    def sample_counts(self, p: np.ndarray, samples: int, seed: int | list[int]
                      ) -> tuple[np.ndarray, int]:
        """Worlds (out of the returned total) in which each core node is reached."""
        words = max(1, -(-samples // 64))
        m = self.core.size
        e = self.c_src.size
        counts = np.zeros(m, dtype=np.int64)
        if e == 0:
            counts[self.c_source] = words * 64
            return counts, words * 64
        probs = p[self.c_edge].astype(np.float32)
        # "Can try" edges are certain (or blocked): no random draw, all ones (or zeros).
        fixed = self.c_fixed
        drawn = np.flatnonzero(~fixed)
        if e * words <= SMALL_CORE_CELLS:
            return self._small_counts_kept(probs, drawn, words, seed), words * 64
        fixed_rows = np.where(probs[fixed] >= 1.0, _ALL, np.uint64(0))[:, None]
        if max(1, drawn.size) * words * 8 <= EDGE_ROWS_BYTES:
            present = np.empty((e, words), dtype=np.uint64)
            present[drawn] = self._edge_rows(probs, drawn, words, seed)
            present[fixed] = fixed_rows
            reach = propagate(m, self.c_src, self.c_dst, present, self.c_source, self.c_starts)
            return np.bitwise_count(reach).sum(axis=1, dtype=np.int64), words * 64
        for raw in self._raw_chunks(max(1, drawn.size), words, seed):
            bits = _below(raw[:drawn.size], probs[drawn])
            present = np.empty((e, raw.shape[1] // 64), dtype=np.uint64)
            present[drawn] = np.packbits(bits, axis=1, bitorder="little").view(np.uint64)
            present[fixed] = fixed_rows
            reach = propagate(m, self.c_src, self.c_dst, present, self.c_source, self.c_starts)
            counts += np.bitwise_count(reach).sum(axis=1, dtype=np.int64)
        return counts, words * 64

    def _small_counts_kept(self, probs: np.ndarray, drawn: np.ndarray, words: int,
                           seed: int | list[int]) -> np.ndarray:
        """:meth:`_small_counts`, remembered by (words, seed, the core edges' chances): the
        counts are a function of those alone (the structure is the solver's), and a plan's
        what-ifs on a small model ask for the same chances again (a quarter to two fifths
        of their counts on the samples): a control that changes only peeled steps, or an
        element's exposure, leaves the core's chances as they were. Read-only arrays."""
        key = (words, _seed_key(seed), probs.tobytes())
        kept = self._small_memo.get(key)
        if kept is None:
            kept = self._small_counts(probs, drawn, words, seed)
            kept.flags.writeable = False
            if len(self._small_memo) >= SMALL_COUNTS_KEPT:
                self._small_memo.clear()
            self._small_memo[key] = kept
        return kept

    def _small_counts(self, probs: np.ndarray, drawn: np.ndarray, words: int,
                      seed: int | list[int]) -> np.ndarray:
        """Worlds in which each core node is reached, for a small core: each node's worlds
        as one Python integer (bit ``w``: world ``w``), relaxed along a work list.

        The same reachability as :func:`propagate` (the least fixed point of "reached if
        the source, or an in-edge from a reached node works"), so the same counts. On a
        small core ``propagate`` spends its time in the overhead of the dozen numpy calls
        of each frontier step; a relaxation here is two integer operations over all
        worlds at once. ``probs``: every core edge's chance
        (float32, as drawn against), ``drawn``: the positions of the random ones.
        """
        full = (1 << (words * 64)) - 1
        masks = [full if q >= 1.0 else 0 for q in probs.tolist()]  # "can try": certain
        for pos, mask in zip(drawn.tolist(), self._edge_worlds(probs, drawn, words, seed),
                             strict=True):
            masks[pos] = mask
        out_edges = self._out_edges()
        reach = [0] * self.core.size
        reach[self.c_source] = full
        queued = [False] * len(reach)
        queued[self.c_source] = True
        queue = deque([self.c_source])
        while queue:
            u = queue.popleft()
            queued[u] = False
            ru = reach[u]
            for v, edge in out_edges[u]:
                rv = reach[v]
                nv = rv | (ru & masks[edge])
                if nv != rv:
                    reach[v] = nv
                    if not queued[v]:
                        queued[v] = True
                        queue.append(v)
        return np.array([r.bit_count() for r in reach], dtype=np.int64)

    def _edge_worlds(self, probs: np.ndarray, drawn: np.ndarray, words: int,
                     seed: int | list[int]) -> list[int]:
        """The worlds in which each drawn edge works, one integer per edge.

        An edge's worlds depend on its chance and the seed's floats for that edge alone
        (common random numbers), so they are kept per seed and redrawn only for the edges
        whose chance changed since: a what-if changes a few edges of hundreds, and turning
        the floats into integers was most of a small core's sampling. The changed edges are
        found by one array comparison with the chances they were drawn for. A few versions
        are kept (:data:`EDGE_ROWS_VERSIONS`), each call starting from the one with the
        fewest stale edges: the plan's whole pool changes most edges, and the what-ifs
        measured after it are near the engine's chances again (at 10,000 elements each
        attacker's 500 drawn edges were drawn anew twice per plan). The list is the
        solver's own: read it, do not change it.
        """
        key = (words, _seed_key(seed))
        versions = self._edge_masks.get(key)
        if not versions or versions[0][0].size != drawn.size:
            if len(self._edge_masks) >= EDGE_MASK_SEEDS:
                self._edge_masks.clear()
            versions = self._edge_masks[key] = []
        wanted = probs[drawn]
        # one comparison per kept version, not a loop per edge
        kept, stale = _nearest(versions, wanted)
        if kept is None or (len(versions) < EDGE_ROWS_VERSIONS
                            and stale.size * ROWS_FOR_ONE > max(1, drawn.size)):
            # per drawn edge: the chance its worlds were drawn for (NaN: none yet), its worlds
            kept = (np.full(drawn.size, np.nan, dtype=np.float32), [0] * drawn.size)
            versions.append(kept)
            stale = np.arange(drawn.size)
        drawn_for, worlds = kept
        if stale.size:
            rows = self._stale_bits(wanted, stale, words, seed)
            for i, row in zip(stale.tolist(), rows, strict=True):
                worlds[i] = int.from_bytes(row.tobytes(), "little")
            drawn_for[stale] = wanted[stale]
        return worlds

    def _edge_rows(self, probs: np.ndarray, drawn: np.ndarray, words: int,
                   seed: int | list[int]) -> np.ndarray:
        """:meth:`_edge_worlds` for a large core: each drawn edge's worlds as a row of
        ``words`` 64-bit words (what :func:`propagate` reads), kept per seed and size and
        redrawn only for the edges whose chance changed since.

        A plan's what-if on a large core (2,500 drawn edges at 50,000 elements) changes
        a few of them, and drawing and testing every edge's 4,096 floats again was most
        of its solve. A few versions are kept (:data:`EDGE_ROWS_VERSIONS`), each what-if
        starting from the one with the fewest stale edges: the plan's whole pool changes
        most edges, and the sets measured after it are near the engine's chances again.
        Read-only rows, the solver's own."""
        key = (words, _seed_key(seed))
        versions = self._edge_rows_kept.get(key)
        if versions is None:
            if len(self._edge_rows_kept) >= EDGE_MASK_SEEDS:
                self._edge_rows_kept.clear()
            versions = self._edge_rows_kept[key] = []
        wanted = probs[drawn]
        kept, stale = _nearest(versions, wanted)
        if kept is None or (len(versions) < EDGE_ROWS_VERSIONS
                            and stale.size * ROWS_FOR_ONE > max(1, drawn.size)):
            # per drawn edge: the chance its worlds were drawn for (NaN: none yet), its worlds
            kept = (np.full(drawn.size, np.nan, dtype=np.float32),
                    np.zeros((drawn.size, words), dtype=np.uint64))
            versions.append(kept)
            stale = np.arange(drawn.size)
        drawn_for, rows = kept
        if stale.size:
            rows[stale] = self._stale_bits(wanted, stale, words, seed).view(np.uint64)
            drawn_for[stale] = wanted[stale]
        return rows

    def _stale_bits(self, wanted: np.ndarray, stale: np.ndarray, words: int,
                    seed: int | list[int]) -> np.ndarray:
        """The worlds of the drawn edges at ``stale`` (positions among ``wanted``, the
        drawn edges' chances) as packed bits, one row of ``words * 8`` bytes each (world
        ``w``: bit ``w % 8`` of byte ``w // 8``): row by row when few edges changed
        (:meth:`_by_rows`), else from the whole draw, chunk by chunk."""
        e = max(1, wanted.size)
        if self._by_rows(stale.size, e, words, seed):
            raw = _raw_rows(seed, stale, words * 64)
            return np.packbits(_below(raw, wanted[stale]), axis=1, bitorder="little")
        out = np.empty((stale.size, words * 8), dtype=np.uint8)
        every = stale.size == e  # all of them (a first draw): no copy of the rows
        done = 0
        for raw in self._raw_chunks(e, words, seed):
            bits = _below(raw if every else raw[stale], wanted[stale])
            width = raw.shape[1] // 8
            out[:, done:done + width] = np.packbits(bits, axis=1, bitorder="little")
            done += width  # chunks in world order
        return out

    def _by_rows(self, stale: int, e: int, words: int, seed: int | list[int]) -> bool:
        """Whether the stale edges' floats are drawn row by row (:func:`_raw_rows`)
        rather than the whole chunk: when the chunk is not kept (too large), is drawn in
        one piece (so row ``r`` is the ``r``-th run of the seed's floats) and few edges
        changed. A plan's what-if changes a handful of a core's hundreds of edges."""
        if stale * ROWS_FOR_ONE > e or (words, _seed_key(seed)) in self._uniforms:
            return False
        return words <= CHUNK_CELLS // (64 * e) and e * words * 64 > UNIFORM_CACHE_CELLS

    def _out_edges(self) -> list[list[tuple[int, int]]]:
        """Per core node, its out-edges as (target, core edge position); built once."""
        if self._out is None:
            starts, dst = self.c_starts.tolist(), self.c_dst.tolist()
            self._out = [[(dst[k], k) for k in range(starts[u], starts[u + 1])]
                         for u in range(self.core.size)]
        return self._out

    def _raw_chunks(self, e: int, words: int, seed: int | list[int]):
        """The seed's random floats as their raw bits (:func:`_below`), chunk by chunk,
        drawn once per solver when small.

        What-ifs (recommendations, sensitivity, edge cuts) solve again with the same seed,
        so they redraw the very same floats; drawing was most of their cost. Kept chunks
        are the ones a fresh generator gives, so results are bit-identical.

        Chunk ``(e, 64 c)`` holds the next ``e * 64 c`` 32-bit outputs that
        ``default_rng(seed).random(..., dtype=float32)`` makes its floats of, row after
        row: the generator's raw 64-bit outputs taken as two halves each, low half first
        (what numpy's float32 draw does), without making the floats (half the cost).
        """
        key = (words, _seed_key(seed))
        kept = self._uniforms.get(key)
        if kept is None:
            kept = self._uniforms_from_longer(e, words, key[1])
        if kept is not None:
            yield from kept
            return
        keep = e * words * 64 <= UNIFORM_CACHE_CELLS
        bits = np.random.PCG64(seed)
        chunk = max(1, min(words, CHUNK_CELLS // (64 * e)))
        drawn: list[np.ndarray] = []
        done = 0
        while done < words:
            c = min(chunk, words - done)
            raw = _halves(bits.random_raw(e * c * 32)).reshape(e, c * 64)
            if keep:
                raw.flags.writeable = False
                drawn.append(raw)
            yield raw
            done += c
        if keep:
            self._uniforms[key] = drawn

    def _uniforms_from_longer(self, e: int, words: int, seed: tuple[int, ...]
                              ) -> list[np.ndarray] | None:
        """:meth:`_raw_chunks`' one chunk for ``words`` cut from a kept one-chunk draw of
        more words with the same seed and edges (kept under its key too), or None.

        The engine's solves draw 157 words per edge (10,000 samples), the plan's
        what-ifs and the choke points fewer (64, 16) with the same seed: a one-chunk
        draw is the generator's first ``e * words * 64`` outputs, row after row, so a
        shorter one is the start of the longer one's outputs, cut into rows of its own
        width (a view, no copy)."""
        whole = next((chunks[0] for (longer, other), chunks in self._uniforms.items()
                      if other == seed and longer > words and len(chunks) == 1
                      and chunks[0].shape[0] == e), None)
        if whole is None:
            return None
        cut = [whole.reshape(-1)[:e * words * 64].reshape(e, words * 64)]
        self._uniforms[(words, seed)] = cut
        return cut

    def solve(self, p: np.ndarray | None = None, samples: int = DEFAULT_SAMPLES,
              seed: int = 0, exact_for: list[int] | tuple[int, ...] = (),
              limit: int = EXACT_LIMIT, monte_carlo: bool = True,
              reuse: Solution | None = None) -> Solution:
        """Probabilities of all nodes; exact for ``exact_for`` (node ids) when small enough.

        ``reuse``: a solution whose core values still hold (``p`` changed only on edges
        for which :meth:`touches_core` is false); only peeled nodes are recomputed.
        """
        p = self.extend(self.graph.p if p is None else p)
        n = self.n
        table = np.zeros((3, n))  # rows: probability, interval low, interval high
        prob, lo, hi = table  # views: writing to them writes to the table
        exact = np.zeros(n, dtype=bool)
        exact[self.dead_zero] = True
        worlds = 0
        if reuse is not None:
            core = self.core
            prob[core], lo[core], hi[core] = (reuse.probability[core], reuse.ci_low[core],
                                              reuse.ci_high[core])
            exact[core] = reuse.exact[core]
            worlds, monte_carlo, exact_for = reuse.worlds, False, ()
        if monte_carlo:
            counts, worlds = self.sample_counts(p, samples, seed)
            prob[self.core] = counts / worlds
            lo[self.core], hi[self.core] = wilson_array(counts, worlds)
        sizes: dict[int, int] = {}
        forward = None
        for node in self.core_roots(exact_for)[:MAX_EXACT_ROOTS]:
            c = int(self.relabel[node])
            if c < 0 or node in self._too_big:
                continue
            if forward is None:
                forward = self._forward(p)
            value, size = self._exact(p, c, limit, forward)
            if value is None:
                # Remember: what-ifs on the same structure would not fit either (they then
                # fall back to Monte Carlo, which is always valid).
                self._too_big.add(node)
            else:
                prob[node] = lo[node] = hi[node] = value
                exact[node] = True
                sizes[node] = size
        source = self.graph.source
        prob[source] = lo[source] = hi[source] = 1.0
        exact[source] = True
        # Peeled nodes, one round at a time from the last (their parents are known first);
        # a round's leaves and pendants both from the values before the round.
        for groups in self._peel_plan():
            ups = [(table[:, g.parent], exact[g.parent]) for g in groups]
            for g, (up, up_exact) in zip(groups, ups, strict=True):
                pe = np.where(g.has_parent_edge, p[g.parent_edge], 0.0)
                pe = pe * np.where(g.has_via, p[g.via_edge], 1.0)
                if g.all_leaves:  # three rows at once: same arithmetic, a third of the calls
                    table[:, g.nodes] = up * pe
                else:
                    p_sv = p[g.source_edge]
                    a = np.where(g.has_out_edge, p_sv * p[g.out_edge], 0.0)
                    table[:, g.nodes] = _pendant(p_sv, a, pe, up)
                exact[g.nodes] = up_exact
        return Solution(prob, lo, hi, exact, worlds, int(self.core.size),
                        int(self.c_src.size), sizes)

    def _peel_plan(self) -> list[list[_PeelGroup]]:
        """Each peeling round's index arrays, built once: they depend on the structure
        only, and every solve (hundreds of what-ifs) walked them again. A round is split
        into its leaves and its entry pendants (either may be absent): the pendants'
        formula was worked out for every node of the round and thrown away for the
        leaves, most of a round on most attackers."""
        if self._peel is None:
            self._peel = []
            for group in self.round_groups:
                leaf = self.kind[group] == 1
                self._peel.append([self._peel_group(group[part], bool(leaves))
                                   for part, leaves in ((leaf, True), (~leaf, False))
                                   if part.any()])
        return self._peel

    def _peel_group(self, nodes: np.ndarray, leaves: bool) -> _PeelGroup:
        """The :class:`_PeelGroup` of peeled ``nodes`` of one round, all leaves or all
        entry pendants."""
        parent_edge, via = self.parent_edge[nodes], self.via_edge[nodes]
        out_edge = self.out_edge[nodes]
        return _PeelGroup(nodes, self.parent[nodes], leaves, parent_edge >= 0,
                          np.maximum(parent_edge, 0), via >= 0, np.maximum(via, 0),
                          np.maximum(self.source_edge[nodes], 0), out_edge >= 0,
                          np.maximum(out_edge, 0))

    def core_roots(self, nodes) -> list[int]:
        """Distinct core nodes the given nodes hang from (vectorised walk up the forest).

        A function of the nodes and the solver's forest alone: kept per node sequence, as
        every what-if of a plan asks for the same targets (two ``np.unique`` a solve)."""
        key = tuple(nodes)
        roots = self._roots.get(key)
        if roots is None:
            if len(self._roots) >= ROOTS_KEPT:
                self._roots.clear()
            roots = self._roots[key] = tuple(self._walk_roots(key))
        return list(roots)

    def _walk_roots(self, nodes: tuple[int, ...]) -> list[int]:
        """:meth:`core_roots` worked out: the walk up the forest."""
        cur = sorted_distinct(np.asarray(nodes, dtype=np.int64))
        while cur.size:
            up = self.parent[cur] >= 0
            if not up.any():
                break
            cur = sorted_distinct(np.where(up, self.parent[cur], cur))
        return cur.tolist()

    def _core_root(self, node: int) -> int:
        while self.parent[node] >= 0:
            node = int(self.parent[node])
        return node


def _nearest(versions: list[tuple[np.ndarray, np.ndarray]], wanted: np.ndarray
             ) -> tuple[tuple[np.ndarray, np.ndarray] | None, np.ndarray]:
    """The kept rows drawn for chances nearest ``wanted`` (the fewest edges differing;
    ties: the first kept) and those edges' positions; (None, no positions) when none
    is kept."""
    best, stale = None, np.zeros(0, dtype=np.int64)
    for kept in versions:
        differ = np.flatnonzero(kept[0] != wanted)
        if best is None or differ.size < stale.size:
            best, stale = kept, differ
    return best, stale


def _seed_key(seed: int | list[int]) -> tuple[int, ...]:
    """A seed as a dictionary key (seeds are ints or lists of ints: [seed, attacker])."""
    return tuple(np.atleast_1d(np.asarray(seed, dtype=np.int64)).tolist())


def _raw_rows(seed: int | list[int], rows: np.ndarray, width: int) -> np.ndarray:
    """Rows ``rows`` (ascending) of the raw bits (:meth:`Solver._raw_chunks`) of
    ``default_rng(seed).random((e, width), float32)``, without drawing the rows between:
    a float32 takes 32 of the generator's 64-bit outputs' bits, so an even ``width``
    starts each row on a fresh output, and the generator jumps to it
    (``PCG64.advance``) instead of drawing there."""
    bits = np.random.PCG64(seed)
    out = np.empty((rows.size, width), dtype=np.uint32)
    at = 0  # the row the generator stands at
    for k, row in enumerate(rows.tolist()):
        if row > at:
            bits.advance((row - at) * width // 2)
        out[k] = _halves(bits.random_raw(width // 2))
        at = row + 1
    return out


def _halves(raw: np.ndarray) -> np.ndarray:
    """The 32-bit halves of 64-bit outputs, low half first, as numpy's generators hand
    them out one at a time (``next_uint32``: a float32 is made of each)."""
    if _LITTLE_ENDIAN:
        return raw.view(np.uint32)
    return np.stack([raw & np.uint64(0xFFFFFFFF), raw >> np.uint64(32)],
                    axis=-1).astype(np.uint32).reshape(-1)


_LITTLE_ENDIAN = sys.byteorder == "little"


def _below(raw: np.ndarray, chances: np.ndarray) -> np.ndarray:
    """Per row ``i``, per world: whether the world's float is below ``chances[i]``, the
    floats being those numpy's ``Generator.random(dtype=float32)`` makes of ``raw``'s
    32-bit outputs, ``(raw >> 8) * 2**-24``, never made.

    The test is done on the integers: ``k * 2**-24 < q`` exactly when
    ``k < ceil(q 2**24)`` (both sides exact in float64), that is ``raw < 256 ceil(q
    2**24)``; a chance of at most 0 (or NaN) takes no world, one of 1 every world."""
    steps = np.ceil(np.where(chances > 0, chances, 0.0).astype(np.float64) * _FLOAT32_STEPS)
    steps = np.minimum(steps, _FLOAT32_STEPS)
    last = (np.maximum(steps, 1.0) * 256.0 - 1.0).astype(np.uint32)  # largest raw taken
    out = raw <= last[:, None]
    none = steps == 0
    if none.any():
        out[none] = False
    return out


#: Distinct float32 values ``Generator.random(dtype=float32)`` draws: ``k * 2**-24``.
_FLOAT32_STEPS = float(1 << 24)


def _pendant(p_sv: np.ndarray, a: np.ndarray, p_uv: np.ndarray, reach_u: np.ndarray
             ) -> np.ndarray:
    """P(v) of entry pendants from P(u) (see :class:`Solver`); monotone in P(u).

    Called once per peeling round and solve (136 times on a 1,000-element model's run):
    written with ufuncs alone, as ``np.clip(..., 0, 1)`` then ``np.nan_to_num`` under
    ``np.errstate`` were, whose Python wrappers cost more than the arithmetic on these
    small arrays. The same values: where ``a >= 1`` the result is 1 whatever ``x`` is,
    so the division there is by 1 instead of 0 (no warning to silence); a NaN ``x`` counts
    as 0, and ``x`` is held to [0, 1] (NaN kept until then, as ``np.clip`` keeps it)."""
    certain = a >= 1.0
    x = np.minimum(np.maximum((reach_u - a) / np.where(certain, 1.0, 1.0 - a), 0.0), 1.0)
    x[np.isnan(x)] = 0.0
    return np.where(certain, 1.0, p_sv + (1.0 - p_sv) * p_uv * x)


#: Bytes of arrays each of a solver's reach memos may hold before it is emptied: a what-if
#: search on a large model may zero many different edges, and the memo must not grow with it.
REACH_MEMO_BYTES = 4 << 20


class _ReachMemo(dict):
    """A dict of reach results emptied whenever the arrays it holds pass
    :data:`REACH_MEMO_BYTES`."""

    held = 0

    def put(self, key: Any, value: Any, arrays: tuple[np.ndarray, ...]) -> None:
        size = sum(a.nbytes for a in arrays) + len(key if isinstance(key, bytes) else key[1])
        if self.held + size > REACH_MEMO_BYTES:
            self.clear()
            self.held = 0
        self[key] = value
        self.held += size


def _world_bits(m: int) -> np.ndarray:
    """Row ``b``: one bit per world of ``2**m`` (64 per word), set where bit ``b`` of the
    world's number is (edge ``b`` works); worlds past ``2**m`` in the last word unset.
    The same for every enumeration with ``m`` uncertain edges, so built once per ``m``
    up to the default limit (5 MB in all)."""
    return _kept_world_bits(m) if m <= EXACT_LIMIT else _build_world_bits(m)


@functools.lru_cache(maxsize=EXACT_LIMIT + 1)
def _kept_world_bits(m: int) -> np.ndarray:
    return _build_world_bits(m)


def _build_world_bits(m: int) -> np.ndarray:
    worlds = 1 << m
    words = max(1, worlds // 64)
    index = np.arange(words * 64, dtype=np.int64)
    out = np.empty((m, words), dtype=np.uint64)
    for bit in range(m):
        bits = ((index >> bit) & 1).astype(bool)
        bits[worlds:] = False
        out[bit] = np.packbits(bits, bitorder="little").view(np.uint64)
    out.flags.writeable = False
    return out


def wilson_array(k: np.ndarray, n: int, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """:func:`wilson` for many counts at once."""
    p = np.asarray(k, dtype=float) / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(np.maximum(0.0, p * (1 - p) / n + z * z / (4 * n * n))) / denom
    low = np.where(p <= 0, 0.0, np.maximum(0.0, centre - half))
    high = np.where(p >= 1, 1.0, np.minimum(1.0, centre + half))
    return low, high


def _reach_set(n: int, src: np.ndarray, dst: np.ndarray, start: int) -> np.ndarray:
    """Boolean reachability from ``start`` (plain BFS over a CSR, vectorised per level).

    A level's new nodes are told apart by a scatter of their places (``last``: each
    node keeps one place, the kept ones are the distinct nodes), not sorted: only the
    set reached is returned. The arrays' own methods and ``np.add.reduce`` are called,
    not ``np.repeat``, ``np.cumsum`` and ``.sum()``'s Python wrappers (a BFS level on a
    small graph is a dozen calls on short arrays)."""
    order = np.argsort(src, kind="stable")
    d = dst[order]
    starts = src[order].searchsorted(np.arange(n + 1))
    seen = np.zeros(n, dtype=bool)
    seen[start] = True
    last = np.empty(n, dtype=np.int64)
    frontier = np.array([start], dtype=np.int64)
    while frontier.size:
        lo = starts[frontier]
        counts = starts[frontier + 1] - lo
        total = int(np.add.reduce(counts))
        if total == 0:
            break
        offsets = (lo - counts.cumsum() + counts).repeat(counts) + np.arange(total)
        nxt = d[offsets]
        nxt = nxt[~seen[nxt]]
        places = np.arange(nxt.size)
        last[nxt] = places
        nxt = nxt[last[nxt] == places]  # each new node once
        seen[nxt] = True
        frontier = nxt
    return seen
