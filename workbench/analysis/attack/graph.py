"""The attack graph: who can act on whom, and with what chance of success.

Nodes are components. An attacker who holds one element can act on the next:

* along a flow without carrier networks, from its source to its target (and back when the
  flow is bidirectional);
* across a network segment: both ends of a flow carried by a network component are attached
  to it, so holding either end gives a foothold on the network and holding the network lets
  the attacker act on both ends (the flow's weaknesses count for its target, and for its
  source when the flow is bidirectional); consecutive carrier networks are linked both ways.

Each edge's success chance comes from the element reached and the flow used (see
:mod:`workbench.analysis.attack.evidence` and ``docs/attack-paths.md``). Arrays are numpy so
the graph of a 150,000-element model is built in about a second; parallel edges between the
same two nodes are merged into one (independent chances: ``1 - prod(1 - p)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from workbench.analysis.attack.evidence import _WEAKNESS as WEAKNESS
from workbench.analysis.attack.evidence import (
    P_BASE,
    EdgeEvidence,
    element_probability,
    property_weaknesses,
)
from workbench.model.threat_model import ThreatModel

SOURCE = "@attacker"


@dataclass
class AttackGraph:
    """Raw edges of a model (before merging) plus per-element miss chances."""

    nodes: list[str]
    index: dict[str, int]
    layers: list[str]
    flows: list[str]
    raw_src: np.ndarray
    raw_dst: np.ndarray
    raw_flow: np.ndarray  # index into ``flows`` whose properties count, or -1
    node_miss: np.ndarray  # chance a step onto the node fails, from threats or properties
    flow_miss: np.ndarray  # extra failure factor of a step over the flow
    evidence: EdgeEvidence = field(default_factory=dict)
    self_loops: int = 0
    dangling: int = 0

    @property
    def size(self) -> int:
        return len(self.nodes)

    def with_controls(self, extra: Iterable[str], elements: Iterable[str]) -> AttackGraph:
        """A copy where candidate controls ``extra`` are in place on ``elements``."""
        chosen = tuple(extra)
        node_miss = self.node_miss.copy()
        flow_miss = self.flow_miss.copy()
        flow_index = {f: i for i, f in enumerate(self.flows)}
        for element in set(elements):
            threats = self.evidence.get(element)
            if not threats:
                continue
            miss = 1.0 - element_probability(threats, chosen)
            if element in self.index:
                node_miss[self.index[element]] = miss
            elif element in flow_index:
                flow_miss[flow_index[element]] = miss
        return AttackGraph(self.nodes, self.index, self.layers, self.flows, self.raw_src,
                           self.raw_dst, self.raw_flow, node_miss, flow_miss, self.evidence,
                           self.self_loops, self.dangling)


@dataclass
class StepGraph:
    """One attacker's merged graph; node ``n - 1`` is the attacker's starting point."""

    nodes: list[str]  # component ids, then SOURCE
    src: np.ndarray
    dst: np.ndarray
    p: np.ndarray
    flow: np.ndarray  # a flow carrying the edge (index into AttackGraph.flows) or -1

    @classmethod
    def from_edges(cls, edges: list[tuple[str, str, float]], source: str) -> StepGraph:
        """A graph from ``(u, v, p)`` triples; ``source`` is where the attacker starts."""
        names = list(dict.fromkeys([n for u, v, _ in edges for n in (u, v) if n != source]))
        names.append(source)
        index = {name: i for i, name in enumerate(names)}
        merged: dict[tuple[int, int], float] = {}
        for u, v, p in edges:
            if u == v:
                continue
            key = (index[u], index[v])
            merged[key] = 1.0 - (1.0 - merged.get(key, 0.0)) * (1.0 - p)
        keys = sorted(merged)
        return cls(names, np.array([k[0] for k in keys], dtype=np.int64),
                   np.array([k[1] for k in keys], dtype=np.int64),
                   np.array([merged[k] for k in keys], dtype=float),
                   np.full(len(keys), -1, dtype=np.int64))

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def source(self) -> int:
        return len(self.nodes) - 1


def _miss_of(weaknesses: list[str], base: float) -> float:
    miss = 1.0 - base
    for w in weaknesses:
        miss *= 1.0 - WEAKNESS[w]
    return miss


def build_graph(model: ThreatModel, evidence: EdgeEvidence | None = None) -> AttackGraph:
    """Nodes, raw edges and miss chances of ``model`` (threat evidence overrides properties)."""
    evidence = evidence or {}
    comps = model.components
    nodes = [c.id for c in comps]
    index = {cid: i for i, cid in enumerate(nodes)}
    node_miss = np.empty(len(nodes))
    for i, comp in enumerate(comps):
        threats = evidence.get(comp.id)
        if threats:
            node_miss[i] = 1.0 - element_probability(threats)
        else:
            node_miss[i] = _miss_of(property_weaknesses(comp, None), P_BASE)
    flows = [f.id for f in model.flows]
    flow_miss = np.empty(len(flows))
    src: list[int] = []
    dst: list[int] = []
    via_flow: list[int] = []
    loops = dangling = 0
    add_s, add_d, add_f = src.append, dst.append, via_flow.append
    for k, flow in enumerate(model.flows):
        threats = evidence.get(flow.id)
        if threats:
            flow_miss[k] = 1.0 - element_probability(threats)
        else:
            flow_miss[k] = _miss_of(property_weaknesses(None, flow), 0.0)
        s = index.get(flow.source)
        t = index.get(flow.target)
        if s is None or t is None:
            dangling += 1
            continue
        if s == t:
            loops += 1
            continue
        carriers = [index[v] for v in flow.via if v in index and index[v] not in (s, t)]
        if not carriers:
            add_s(s), add_d(t), add_f(k)
            if flow.bidirectional:
                add_s(t), add_d(s), add_f(k)
            continue
        for n in carriers:
            add_s(s), add_d(n), add_f(-1)
            add_s(t), add_d(n), add_f(-1)
            add_s(n), add_d(t), add_f(k)
            # The source is on the segment too: reachable even if it only sends; the
            # flow's weaknesses count only when it also receives on this flow.
            add_s(n), add_d(s), add_f(k if flow.bidirectional else -1)
        for a, b in zip(carriers, carriers[1:], strict=False):
            if a != b:
                add_s(a), add_d(b), add_f(-1)
                add_s(b), add_d(a), add_f(-1)
    layers = [c.layer.value for c in comps]
    return AttackGraph(nodes, index, layers, flows, np.asarray(src, dtype=np.int64),
                       np.asarray(dst, dtype=np.int64), np.asarray(via_flow, dtype=np.int64),
                       node_miss, flow_miss, evidence, loops, dangling)


def step_graph(graph: AttackGraph, entries: Iterable[int], capability: float) -> StepGraph:
    """Merge parallel edges, add the attacker's entry edges and scale by capability."""
    n = graph.size
    entries = np.unique(np.asarray(list(entries), dtype=np.int64))
    fmiss = np.where(graph.raw_flow >= 0, graph.flow_miss[np.maximum(graph.raw_flow, 0)], 1.0)
    miss = graph.node_miss[graph.raw_dst] * fmiss
    src = np.concatenate([graph.raw_src, np.full(entries.size, n, dtype=np.int64)])
    dst = np.concatenate([graph.raw_dst, entries])
    miss = np.concatenate([miss, graph.node_miss[entries]])
    flow = np.concatenate([graph.raw_flow, np.full(entries.size, -1, dtype=np.int64)])
    key = src * (n + 1) + dst
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    log_miss = np.bincount(inverse, weights=np.log(np.clip(miss, 1e-300, 1.0)),
                           minlength=uniq.size)
    merged_miss = np.exp(log_miss)
    # Attacker capability: miss ** (2 c); c = 0.5 leaves the chance as derived.
    p = 1.0 - np.power(merged_miss, 2.0 * capability) if capability > 0 else np.zeros(uniq.size)
    # Edges with p = 0 stay: the structure is then the same for every set of controls,
    # so a what-if reuses the prepared solver and the same random numbers.
    p = np.clip(p, 0.0, 1.0)
    return StepGraph(graph.nodes + [SOURCE], uniq // (n + 1), uniq % (n + 1), p, flow[first])
