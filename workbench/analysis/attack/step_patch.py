"""A what-if's step graph patched from its base's, where the chances changed.

A plan's what-if changes the miss chances of a few elements and flows; its step graph
(:func:`.graph.step_graph`) differs from the step graph of the plan's graph (the same
attacker: same entries, capability and edges) only on the steps those reach. Building it
whole rescales every array of the model's size, per what-if and attacker. Here the base's
chances are copied and only the changed steps are worked out again, with the same
operations on the same values: each value is an element-wise function of its inputs, and a
merged step's flow term is summed again over its raw edges in raw edge order, one addition
at a time, as ``np.bincount`` adds them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.graph import (
    AttackGraph,
    StepGraph,
    _scale,
    _Structure,
    _structure,
    held_flow_miss,
    merged_flow_miss,
    step_graph,
)

#: The view arrays a patch compares with the base's, bit for bit.
_ARRAYS = ("node_miss", "flow_miss", "entry_miss", "expose_miss", "deny_miss")


@dataclass
class _Places:
    """Where :func:`.graph.step_graph` puts each value of a structure (-1: nowhere)."""

    group_at: np.ndarray  # per merged step: its edge's position in ``p`` (or -1)
    group_flow_only: np.ndarray  # per merged step: that edge carries the flows alone
    group_el_at: np.ndarray  # per merged step: its position in ``el_p``
    split_at: np.ndarray  # per node: position of its attempt edge ``a_v -> v`` (or -1)
    entry_at: np.ndarray  # per entry: position in ``p``
    entry_el_at: np.ndarray  # per entry: position in ``el_p``


#: Up to this many keys :func:`_where_in` compares them one by one (np.isin sorts).
FEW_KEYS = 8


def _where_in(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Positions of ``values`` that are one of ``keys``, in position order."""
    if keys.size > FEW_KEYS:
        return np.flatnonzero(np.isin(values, keys))
    mask = np.zeros(values.size, dtype=bool)
    for k in keys.tolist():
        mask |= values == k
    return np.flatnonzero(mask)


def _places(st: _Structure, entries: np.ndarray, size: int) -> _Places:
    """:class:`_Places` of ``st``, worked out once per structure (kept on it)."""
    kept = st.__dict__.get("_places")
    if kept is not None:
        return kept
    e = entries.size
    at = np.empty(st.order.size, dtype=np.int64)
    at[st.order] = np.arange(st.order.size)
    el_at = np.empty(st.el_order.size, dtype=np.int64)
    el_at[st.el_order] = np.arange(st.el_order.size)
    fo = np.cumsum(st.flow_only) - 1
    n_fo = int(st.flow_only.sum())
    single = np.cumsum(st.single) - 1 + e + n_fo + st.into_split_count
    group_at = np.full(st.merged, -1, dtype=np.int64)
    group_at[st.flow_only] = at[e + fo[st.flow_only]]
    group_at[st.single] = at[single[st.single]]
    split_nodes = np.flatnonzero(st.split)
    split_at = np.full(size, -1, dtype=np.int64)
    split_at[split_nodes] = at[e + n_fo + st.into_split_count + int(st.single.sum())
                               + np.arange(split_nodes.size)]
    out = _Places(group_at, st.flow_only, el_at[e + np.arange(st.merged)], split_at,
                  at[:e], el_at[:e])
    st.__dict__["_places"] = out
    return out


class StepPatch:
    """One attacker's step graph of ``base`` (an attacker's view of the plan's graph), and
    what it takes to patch it for views that differ from ``base`` in a few chances."""

    def __init__(self, base: AttackGraph, entries: np.ndarray, capability: float) -> None:
        self.base, self.entries, self.capability = base, entries, capability
        self.graph = step_graph(base, entries, capability)
        self.st = _structure(base, entries)
        self.emiss = merged_flow_miss(base, self.st)

    def fits(self, view: AttackGraph) -> bool:
        """Whether ``view`` can be patched from the base: the same edges, nodes and open
        segments, float chance arrays where the base has them, a positive capability."""
        b = self.base
        if not (self.capability > 0 and view.raw_src is b.raw_src and view.raw_dst is b.raw_dst
                and view.raw_flow is b.raw_flow and view.nodes is b.nodes
                and view.broadcast is b.broadcast):
            return False
        for name in _ARRAYS:
            own, theirs = getattr(view, name), getattr(b, name)
            if (own is None) != (theirs is None):
                return False
            if own is not None and (own.dtype != np.float64 or theirs.dtype != np.float64
                                    or own.shape != theirs.shape):
                return False
        return True

    def step_graph(self, view: AttackGraph) -> StepGraph:
        """``step_graph(view, entries, capability)``, patched from the base's when
        :meth:`fits`, else built whole."""
        if not self.fits(view):
            return step_graph(view, self.entries, self.capability)
        return self._patched(view)

    def _patched(self, view: AttackGraph) -> StepGraph:
        """The base's step graph with the steps ``view`` changes worked out again."""
        b, sg, st, cap = self.base, self.graph, self.st, self.capability
        places = _places(st, self.entries, b.size)
        nodes = _differ(view.node_miss, b.node_miss)
        flows = _differ(view.flow_miss, b.flow_miss)
        p, el_p = sg.p.copy(), sg.el_p.copy()
        emiss = self.emiss
        if flows.size:
            emiss = emiss.copy()
            edges = _where_in(st.flow_at, flows)
            edges = edges[st.has_flow[edges]]
            changed = sorted_distinct(st.inverse[edges])
            emiss[changed] = _flow_terms(view, st, changed)
        else:
            changed = flows
        groups = _where_in(st.v, nodes) if nodes.size else nodes
        groups = sorted_distinct(np.concatenate([changed, groups])) if changed.size else groups
        if groups.size:
            e = emiss[groups]
            p_flow = _scale(e, cap)
            p_step = _scale(view.node_miss[st.v[groups]] * e, cap)
            at = places.group_at[groups]
            alone = places.group_flow_only[groups]
            p[at[alone]] = p_flow[alone]
            rest = ~alone & (at >= 0)
            p[at[rest]] = p_step[rest]
            el_p[places.group_el_at[groups]] = p_step
        split = nodes[places.split_at[nodes] >= 0]
        if split.size:
            p[places.split_at[split]] = _scale(view.node_miss[split], cap)
        self._patch_entries(view, places, p, el_p)
        return StepGraph(sg.nodes, sg.src, sg.dst, p, sg.flow, sg.size, sg.attempt,
                         sg.structural, sg.el_src, sg.el_dst, el_p,
                         self._effect(view.expose_miss, b.expose_miss, sg.expose_p),
                         self._effect(view.deny_miss, b.deny_miss, sg.deny_p), st.derived)

    def _patch_entries(self, view: AttackGraph, places: _Places, p: np.ndarray,
                       el_p: np.ndarray) -> None:
        """The entry steps whose miss chance changed, as :func:`.graph.entry_chances`."""
        b = self.base
        own = view.node_miss if view.entry_miss is None else view.entry_miss
        theirs = b.node_miss if b.entry_miss is None else b.entry_miss
        ent = self.entries
        at = np.flatnonzero(own[ent].view(np.int64) != theirs[ent].view(np.int64))
        if not at.size:
            return
        certain = (b.broadcast[ent[at]] if b.broadcast is not None
                   else np.zeros(at.size, dtype=bool))
        value = np.where(certain, 1.0, _scale(own[ent[at]], self.capability))
        p[places.entry_at[at]] = value
        el_p[places.entry_el_at[at]] = value

    def _effect(self, own: np.ndarray | None, theirs: np.ndarray | None,
                scaled: np.ndarray | None) -> np.ndarray | None:
        """A patched copy of the base's scaled exposure or denial chances."""
        if own is None or scaled is None:
            return None
        at = _differ(own, theirs)
        out = scaled.copy()
        if at.size:
            out[at] = _scale(own[at], self.capability)
        return out


def _differ(own: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Positions where two float arrays differ bit for bit."""
    return np.flatnonzero(own.view(np.int64) != base.view(np.int64))


def _flow_terms(view: AttackGraph, st: _Structure, groups: np.ndarray) -> np.ndarray:
    """The merged flow miss chance of ``groups`` with ``view``'s flow chances: each
    group's logs added one at a time in raw edge order from 0.0 (``np.bincount``'s
    sums), then ``np.exp`` of them all."""
    edges = _where_in(st.inverse, groups)  # in raw edge order
    fmiss = np.where(st.has_flow[edges], view.flow_miss[st.flow_at[edges]], 1.0)
    logs = np.log(held_flow_miss(fmiss)).tolist()
    sums = dict.fromkeys(groups.tolist(), 0.0)
    for g, x in zip(st.inverse[edges].tolist(), logs, strict=True):
        sums[g] += x
    return np.exp(np.array([sums[g] for g in groups.tolist()], dtype=np.float64))
