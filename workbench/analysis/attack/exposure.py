"""Exposure: how likely each declared attacker is to get a chance to attack each element.

The risk model lowers a threat's likelihood when no declared attacker can easily get at
its element (``docs/risk-model.md``, "Likelihood from exposure"). This module gives, per
element and attacker, the probability that the attacker can *attempt* an attack there:

* 1 on the attacker's entry points (an internet service for a remote attacker, a radio
  link for one in radio range);
* elsewhere, the chance the attacker holds at least one in-neighbour of the element in
  the attack graph, estimated by the most likely way in (max-product path): a lower bound
  of the engine's Monte Carlo figure, deterministic and cheap enough to run on every edit.

Being on a network entry (the public internet, a radio link) needs no exploit: the
attacker holds it from the start. Step chances come from the *base* likelihoods of the
threats (catalog and adjustments, before exposure), so exposure never feeds on itself.

A flow can be attacked from either end or from a network carrying it.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.analysis.attack.attackers import attacker_profiles, kept_entries
from workbench.analysis.attack.evidence import Candidate, EdgeEvidence, evidence_from_risks
from workbench.analysis.attack.graph import AttackGraph, build_graph, step_graph
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel


@dataclass(frozen=True)
class Exposure:
    """The most exposed attacker's chance to attempt an attack on one element."""

    probability: float
    attacker: str | None  # None: no declared attacker can get there
    by_attacker: tuple[tuple[str, float], ...] = ()


@dataclass
class ExposureGraph:
    """The exposure pass's attack graph, built once and handed on to the attack engine.

    The engine's graph used to be built a second time from the final risks: same step
    chances (both read the base likelihood, before exposure), but with the catalog's
    options on each threat. Building the exposure's evidence with the catalog gives the
    engine's graph at once, with the per-attacker views exposure already cached.
    ``risks``: the final (exposure-adjusted) risks this graph goes with; the engine
    reuses the graph only for that very list (``analyze_attacks(shared=...)``).
    """

    evidence: EdgeEvidence
    #: Fundable controls found with the evidence (catalog costs; the engine puts the
    #: model's own control costs on them and screens them for applicability).
    candidates: dict[str, Candidate]
    graph: AttackGraph
    risks: list[Any] | None = None
    #: False: built without the catalog's options (``exposure_graph(..., catalog=None)``):
    #: the same steps, chances and paths, but nothing for the control plan to fund, so
    #: the engine reuses it only for a run that funds nothing (``recommend=False``).
    options: bool = True


def exposure_graph(model: ThreatModel, base: list, likelihood_levels: tuple[int, ...],
                   catalog: Any, stencils: StencilLibrary | None = None) -> ExposureGraph:
    """Evidence (with the catalog's options) and attack graph of the base risks; with
    ``catalog`` None, without the options (:attr:`ExposureGraph.options`): the graph
    :func:`element_exposure` builds for itself, for a caller that funds nothing."""
    evidence, candidates = evidence_from_risks(base, likelihood_levels, catalog)
    return ExposureGraph(evidence, candidates,
                         build_graph(model, evidence, stencils or default_stencils()),
                         options=catalog is not None)


def attempt_probabilities(model: ThreatModel, risks: list, likelihood_levels: tuple[int, ...],
                          stencils: StencilLibrary | None = None, *,
                          evidence: EdgeEvidence | None = None,
                          graph: AttackGraph | None = None
                          ) -> dict[str, dict[str, float]]:
    """Per element (component or flow) id, per attacker id: chance to attempt an attack.

    ``risks`` are the risk model's results *before* exposure (their ``base_likelihood``).
    ``evidence``: ``evidence_from_risks(risks, likelihood_levels)[0]`` when the caller
    already has it (the incremental re-analysis keeps it per element). ``graph``: the
    attack graph of that evidence when the caller already built it (the diff shares it
    with the attack figures, and with it the per-attacker views ``for_vectors`` caches).
    """
    elements, attackers, chances = _attempt_table(model, risks, likelihood_levels, stencils,
                                                  evidence=evidence, graph=graph)
    out: dict[str, dict[str, float]] = {}
    for element, row in zip(elements, chances.tolist(), strict=True):
        out[element] = dict(zip(attackers, row, strict=True))
    return out


def _attempt_table(model: ThreatModel, risks: list, likelihood_levels: tuple[int, ...],
                   stencils: StencilLibrary | None = None, *,
                   evidence: EdgeEvidence | None = None,
                   graph: AttackGraph | None = None
                   ) -> tuple[list[str], list[str], np.ndarray]:
    """:func:`attempt_probabilities` as a table: element ids (components, then flows, in
    model order), the attackers with an entry, and their chances (one row per element).

    The per-element writes were Python loops over every element for every attacker (a
    quarter of exposure's time on 5,000 components); here each attacker's column is a few
    array operations. Same values: the maximum of the same float64 numbers.
    """
    stencils = stencils or default_stencils()
    if graph is None:
        if evidence is None:
            evidence, _ = evidence_from_risks(risks, likelihood_levels)
        graph = build_graph(model, evidence, stencils)
    profiles = attacker_profiles(model)
    entries = kept_entries(graph, model, profiles, stencils)
    n, index = graph.size, graph.index
    # A flow is attempted from the best-held of its ends, or where a carrier is attempted:
    # per flow, the positions of those values in [holds, attempt, 0.0] (0.0: none).
    ways = [[index[end] for end in (flow.source, flow.target) if end in index]
            + [n + index[v] for v in flow.via if v in index] for flow in model.flows]
    width = max((len(w) for w in ways), default=0)
    pick = np.full((len(ways), max(width, 1)), 2 * n, dtype=np.int64)
    for row, way in enumerate(ways):
        pick[row, :len(way)] = way
    attackers: list[str] = []
    columns: list[np.ndarray] = []
    for profile in profiles:
        idx = [index[e] for e in entries.get(profile.id, []) if e in index]
        if not idx:
            continue
        sg = step_graph(graph.for_vectors(profile.vectors), idx, profile.capability)
        total = sg.n
        # holds[x]: chance (best single way) the attacker holds node x of the step graph;
        # nodes past the components are the engine's helper nodes, the last the attacker.
        # The attacker's own start; its edges to the entries carry the engine's entry
        # rule (graph.entry_chances), so no entry is held here on other terms.
        holds = best_holds(sg)
        # attempt on v: the best-held node with a step into v (the attacker's own start
        # counts only through the entry rule below)
        attempt = np.zeros(total)
        inner = sg.src != sg.source
        np.maximum.at(attempt, sg.dst[inner], holds[sg.src[inner]])
        attempt[idx] = 1.0
        values = np.concatenate((holds[:n], attempt[:n], [0.0]))
        columns.append(np.concatenate((attempt[:n], values[pick].max(axis=1)
                                       if ways else np.zeros(0))))
        attackers.append(profile.id)
    elements = list(graph.nodes) + [flow.id for flow in model.flows]
    table = (np.column_stack(columns) if columns
             else np.zeros((len(elements), 0)))
    return elements, attackers, table


#: Rounds of :func:`best_holds`' relaxation before it leaves the rest to the heap search
#: (a best way in longer than this many steps: a long chain of devices).
RELAX_ROUNDS = 64


def best_holds(sg) -> np.ndarray:
    """Per node of step graph ``sg``: the chance of its most likely way in from the
    attacker (the largest product of step chances along a path; 1 for the attacker).

    Relaxed over all edges at once, round after round, until no value grows: each
    round is a handful of array operations, and the best ways in are a dozen steps
    long, where the heap search (:func:`best_holds_by_heap`) was a Python loop over
    every edge. The same numbers: both end at the values where each node's is the
    largest ``held[u] * p`` over its in-edges (products taken in path order, as the
    heap search takes them; a product never exceeds its first factor, chances being
    in [0, 1]). A NaN chance counts for nothing, as the heap search's ``>`` has it.
    Past :data:`RELAX_ROUNDS` rounds, the heap search gives the values."""
    total = sg.n
    order = np.argsort(sg.dst, kind="stable")
    src, chance = sg.src[order], sg.p[order]
    dst = sg.dst[order]
    if not dst.size:
        return best_holds_by_heap(sg)
    heads = np.flatnonzero(np.concatenate(([True], dst[1:] != dst[:-1])))
    into = dst[heads]
    held = np.zeros(total)
    held[sg.source] = 1.0
    for _ in range(RELAX_ROUNDS):
        best = np.fmax(held[into], np.fmax.reduceat(held[src] * chance, heads))
        if np.array_equal(best, held[into]):
            return held
        held[into] = best
    return best_holds_by_heap(sg)


def best_holds_by_heap(sg) -> np.ndarray:
    """:func:`best_holds` by a best-first (Dijkstra) search from the attacker on Python
    lists: the plain computation, and the way for long chains."""
    total = sg.n
    held = [0.0] * total
    held[sg.source] = 1.0
    heap = [(-1.0, sg.source)]
    order = np.argsort(sg.src, kind="stable")
    starts = np.searchsorted(sg.src[order], np.arange(total + 1)).tolist()
    dst, chance = sg.dst[order].tolist(), sg.p[order].tolist()
    done = [False] * total
    while heap:
        neg, u = heapq.heappop(heap)
        if done[u]:
            continue
        done[u] = True
        for k in range(starts[u], starts[u + 1]):
            v = dst[k]
            cand = -neg * chance[k]
            if cand > held[v]:
                held[v] = cand
                heapq.heappush(heap, (-cand, v))
    return np.array(held, dtype=float)


def element_exposure(model: ThreatModel, risks: list, likelihood_levels: tuple[int, ...],
                     stencils: StencilLibrary | None = None, *,
                     evidence: EdgeEvidence | None = None,
                     graph: AttackGraph | None = None) -> dict[str, Exposure]:
    """Per element id, the most exposed attacker and its chance to attempt an attack."""
    elements, attackers, table = _attempt_table(model, risks, likelihood_levels, stencils,
                                                evidence=evidence, graph=graph)
    # Python's round of each distinct chance (numpy's rounding can differ in the last
    # digit), then one Exposure per distinct row: thousands of elements share a few rows.
    distinct, where = np.unique(table, return_inverse=True)
    rounded = np.array([round(p, 6) for p in distinct.tolist()], dtype=float)
    table = rounded[where.reshape(table.shape)]
    # Ranked by chance, highest first, then by attacker id.
    by_id = np.argsort(np.array(attackers, dtype=object), kind="stable")
    rank = np.empty(len(attackers), dtype=np.int64)
    rank[by_id] = np.arange(len(attackers))
    order = np.lexsort((np.broadcast_to(rank, table.shape), -table), axis=-1)
    shared: dict[bytes, Exposure] = {}
    out: dict[str, Exposure] = {}
    for element, row, row_order in zip(elements, table, order, strict=True):
        key = row.tobytes()
        exposure = shared.get(key)
        if exposure is None:
            chances = row.tolist()
            ranked = tuple((attackers[j], chances[j]) for j in row_order.tolist())
            if ranked and ranked[0][1] > 0:
                exposure = Exposure(ranked[0][1], ranked[0][0], ranked)
            else:
                exposure = Exposure(0.0, None, ranked)
            shared[key] = exposure
        out[element] = exposure
    return out
