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

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.element_states import (
    ByOption,
    Groups,
    OptionPick,
    OptionTable,
    build_table,
    column,
    group,
    spread,
)
from workbench.analysis.attack.evidence import _WEAKNESS as WEAKNESS
from workbench.analysis.attack.evidence import (
    ACCESS_VECTORS,
    CONTROL,
    DENY,
    EXPOSE,
    FLOW_CONTROL_WEAKNESSES,
    P_BASE,
    EdgeEvidence,
    RecipeEvidence,
    element_probability,
    property_weaknesses,
    usable,
)
from workbench.model.threat_model import ThreatModel

SOURCE = "@attacker"
#: Entries kept in a graph's memo of per-element chances before it is emptied.
MEMO_LIMIT = 500_000


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
    node_miss: np.ndarray  # chance the element's own weakness fails (control), per world
    flow_miss: np.ndarray  # chance the flow's own weakness fails (control through it)
    evidence: EdgeEvidence = field(default_factory=dict)
    self_loops: int = 0
    dangling: int = 0
    #: Chance the element's data exposure / denial of service fails once the attacker can
    #: act on it (1: no such threat); they reach data and availability targets only.
    expose_miss: np.ndarray | None = None
    deny_miss: np.ndarray | None = None

    #: Per element: a broadcast medium (a radio network segment): whoever is in range is
    #: on it. None: no element is.
    broadcast: np.ndarray | None = None
    #: Elements with a threat some attacker may be unable to use (physical, local or
    #: adjacent vector) -> their property-fallback miss chance (used when none of their
    #: control threats is usable). See :meth:`for_vectors`.
    restrictable: dict[str, float] = field(default_factory=dict)
    #: Candidate controls in place on a graph built with them (see :attr:`chosen`).
    _chosen: tuple[str, ...] = ()
    #: Per element: miss chance of the attacker's *entry* step (its own vectors only);
    #: None: ``node_miss``. Set on the views :meth:`for_vectors` returns.
    entry_miss: np.ndarray | None = None

    @property
    def chosen(self) -> tuple[str, ...]:
        """Candidate controls in place in this copy (cumulative over :meth:`with_controls`).

        A copy keeps only a link to what it added (:meth:`with_controls`); the whole tuple
        is put together when asked for, once. The plan applies a large set a few dozen
        elements at a time: building the tuple at every step was quadratic (78 of 290 s
        profiled at 10,000 elements).
        """
        link = self.__dict__.get("_link")
        if link is None:
            return self._chosen
        cached = self.__dict__.get("_chosen_all")
        if cached is None:
            parts: list[tuple[str, ...]] = []
            while link is not None:
                link, extra, _touched = link
                parts.append(extra)
            seq = self.__dict__["_root"]._chosen + tuple(
                c for part in reversed(parts) for c in part)
            cached = self.__dict__["_chosen_all"] = tuple(dict.fromkeys(seq))
        return cached

    @property
    def chosen_set(self) -> frozenset[str]:
        """:attr:`chosen` as a set, which is all the what-ifs read of it (kept, as the
        tuple is). A copy of the root, or of a copy whose controls it all holds again
        (the plan's), is given its own set of controls (:meth:`with_controls`); building
        the tuple first hashed the plan's whole pool, 224,000 ids at 10,000 elements,
        once more."""
        found = self.__dict__.get("_chosen_set")
        if found is None:
            found = self.__dict__["_chosen_set"] = frozenset(self.chosen)
        return found

    def _touched(self) -> set[str]:
        """Elements changed by the chain of :meth:`with_controls` since the root."""
        out: set[str] = set()
        link = self.__dict__.get("_link")
        while link is not None:
            link, _extra, touched = link
            out |= touched
        return out

    def for_vectors(self, vectors: Iterable[str] | None) -> AttackGraph:
        """This graph as seen by an attacker limited to ``vectors`` (None or empty: all).

        Where it starts (the entry step) only threats on its own vectors count. Once it
        holds an element, acting on a neighbour is an adjacent or network step, so those
        two vectors count from then on besides its own; physical and local threats count
        only for attackers that have those vectors (docs/attack-paths.md, "Vectors per
        attacker"). An element none of whose control threats is usable falls back on its
        properties, as if no threat were recorded (recording a physical threat never makes
        an element safer for a remote attacker). Views are cached per graph.
        """
        entry = frozenset(vectors or ()) or None
        if entry is None or entry >= ACCESS_VECTORS or not self.restrictable:
            return self
        inner = inner_vectors(entry)
        cache = self.__dict__.setdefault("_views", {})
        view = cache.get(entry)
        if view is not None:
            return view
        node_miss = self.node_miss.copy()
        flow_miss = self.flow_miss.copy()
        entry_miss = self.node_miss.copy()
        expose_miss = self.effect_miss(EXPOSE).copy()
        deny_miss = self.effect_miss(DENY).copy()
        flow_index = self.flow_index
        chosen = self.chosen_set  # once, not per element (a fleet is hundreds)
        todo: Iterable[str] = self.restrictable
        root = self.__dict__.get("_root")
        if root is not None:
            # A what-if copy: its view is its root's view except on the restrictable
            # elements the copies changed (touched, or carrying an option chosen since
            # the root); the others would be recomputed to the same values. The plan
            # asks for hundreds of views of copies that differ from the engine's graph
            # on a few elements.
            # From the parent copy's view when it has one (a plan's what-if built on an
            # evaluated set: only what this copy adds is recomputed), else the root's.
            views, had = self.__dict__.get("_parent", (None, None))
            base = views.get(entry) if views is not None else None
            if base is None:
                base = root.for_vectors(entry)
                todo = self._view_todo(chosen, root)
            else:
                todo = self._view_todo_since(chosen, had)
            comps, flows = self._restrictable_positions
            for own, theirs in ((node_miss, base.node_miss), (entry_miss, base.entry_miss),
                                (expose_miss, base.effect_miss(EXPOSE)),
                                (deny_miss, base.effect_miss(DENY))):
                own[comps] = theirs[comps]
            flow_miss[flows] = base.flow_miss[flows]
        groups = self._todo_groups(todo, chosen)
        if root is not None:  # back to this copy's own values before recomputing
            at, flows_at = groups.comp_at, groups.flow_at
            node_miss[at] = entry_miss[at] = self.node_miss[at]
            expose_miss[at] = self.effect_miss(EXPOSE)[at]
            deny_miss[at] = self.effect_miss(DENY)[at]
            flow_miss[flows_at] = self.flow_miss[flows_at]
        # An element's chances depend on its threats, the vectors and, of the controls in
        # place, only those some threat of it lists: what-ifs of one plan share them, and
        # so do the elements of one state (shape and options chosen): worked out once per
        # state, written per element with numpy (:mod:`.element_states`).
        memo = self._element_memo
        found = []
        for element, picked, (shape, positions) in groups.states:
            key = (shape, entry, positions)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._view_chances(element, picked, entry, inner)
            found.append(hit)
        comps, states = groups.comp_at, groups.comp_state
        has, value = column(found, 0)  # expose and deny are set together
        spread(expose_miss, comps, states, has, value)
        spread(deny_miss, comps, states, has, column(found, 1)[1])
        has, value = column(found, 2)  # so are a component's control and entry step
        spread(node_miss, comps, states, has, value)
        spread(entry_miss, comps, states, has, column(found, 3)[1])
        spread(flow_miss, groups.flow_at, groups.flow_state, has, value)
        view = AttackGraph(self.nodes, self.index, self.layers, self.flows, self.raw_src,
                           self.raw_dst, self.raw_flow, node_miss, flow_miss, self.evidence,
                           self.self_loops, self.dangling, expose_miss, deny_miss,
                           self.broadcast, self.restrictable,
                           chosen if isinstance(chosen, OptionPick) else tuple(chosen),
                           entry_miss)
        view.__dict__["flow_index"] = flow_index
        view.__dict__["_structures"] = shared_structures(self)
        cache[entry] = view
        return view

    def _view_todo(self, chosen: frozenset[str], root: AttackGraph) -> set[str]:
        """The restrictable elements a what-if copy's views recompute: those the copies
        changed, or with a threat listing an option chosen since the root. The same for
        every attacker's view of the copy, so worked out once per copy; with more options
        added than restrictable elements (the plan's whole pool at once: 224,000 at 10,000
        elements), each element's options are read instead of each option's elements."""
        todo = self.__dict__.get("_todo")
        if todo is None:
            restrictable = self.restrictable
            todo = {e for e in self._touched() if e in restrictable}
            if isinstance(chosen, OptionPick):  # options by number: their elements so
                added_mask = chosen.mask & ~chosen.table.mask(root.chosen_set)
                todo.update(self._restrictable_by_option.elements_with(added_mask))
                self.__dict__["_todo"] = todo
                return todo
            added = chosen - root.chosen_set
            if len(added) > len(restrictable):
                options = self._element_options
                todo.update(e for e in restrictable if not options[e].isdisjoint(added))
            else:
                todo.update(self._restrictable_by_option.elements_of(added))
            self.__dict__["_todo"] = todo
        return todo

    def _chosen_in(self, extra: frozenset[str]) -> bool:
        """Whether every control in place here is in ``extra`` (without putting this
        graph's set together when it is not known yet: a long chain of copies would)."""
        if "_link" not in self.__dict__:
            return extra.issuperset(self._chosen)
        known = self.__dict__.get("_chosen_set")
        return known is not None and known <= extra

    def _todo_groups(self, todo: Iterable[str], chosen: frozenset[str]) -> Groups:
        """``todo`` grouped by state with this copy's ``chosen`` in place
        (:func:`.element_states.group`); the same for every attacker's view of the copy,
        so kept per todo set (a copy's views recompute one or two)."""
        kept = self.__dict__.setdefault("_groups_kept", [])
        for seen, groups in kept:
            if seen is todo:
                return groups
        table = self._option_table
        mask = self.__dict__.get("_chosen_mask")
        groups = group(table, todo, mask[1] if mask is not None and mask[0] is chosen
                       else table.mask(chosen))
        kept.append((todo, groups))
        return groups

    @functools.cached_property
    def _option_table(self) -> OptionTable:
        """The evidence's elements numbered for grouping by state (shared by copies)."""
        return build_table(self)

    def _view_todo_since(self, chosen: frozenset[str], had: tuple[str, ...]) -> set[str]:
        """:meth:`_view_todo` from the parent copy's view (``_parent``): the restrictable
        elements this copy changed or with an option added since the parent. The others
        keep the parent view's values: their own chances and chosen options are the
        parent's."""
        todo = self.__dict__.get("_todo_since")
        if todo is None:
            restrictable = self.restrictable
            _, _, touched = self.__dict__["_link"]
            todo = {e for e in touched if e in restrictable}
            known = self.__dict__.get("_added")  # worked out with this copy's mask
            added = known[1] if known is not None and known[0] is had else None
            if added is None or chosen is not self.__dict__.get("_chosen_set"):
                added = chosen.difference(had)
            todo.update(self._restrictable_by_option.elements_of(added))
            self.__dict__["_todo_since"] = todo
        return todo

    def _view_chances(self, element: str, chosen: frozenset[str], entry: frozenset[str],
                      inner: frozenset[str] | None) -> tuple:
        """(expose, deny, control, entry-step control) miss chances of a restrictable
        element as :meth:`for_vectors` sees it; None where the view keeps the graph's
        value (no non-moving effect to restrict, or no control threat)."""
        fallback = self.restrictable[element]
        # One pass over the threats for the four maxima (``element_probability`` and
        # ``_usable_miss`` each, as the oracle test checks): a maximum does not depend on
        # the order its values come in.
        exp = den = ctl = fst = 0.0
        controls = usable_inner = usable_entry = False
        for t in self.evidence[element]:
            r = t.residual(chosen)
            inner_ok = inner is None or t.vector not in ACCESS_VECTORS or t.vector in inner
            effects = t.effects
            if CONTROL in effects:
                controls = True
                if inner_ok:
                    usable_inner = True
                    ctl = r if r > ctl else ctl
                if t.vector not in ACCESS_VECTORS or t.vector in entry:
                    usable_entry = True
                    fst = r if r > fst else fst
            if inner_ok:
                if EXPOSE in effects:
                    exp = r if r > exp else exp
                if DENY in effects:
                    den = r if r > den else den
        expose = deny = node = first = None
        if element in self.index and inner is not None:
            expose, deny = 1.0 - exp, 1.0 - den
        if controls:
            node = 1.0 - ctl if usable_inner else fallback
            if element in self.index:
                first = 1.0 - fst if usable_entry else fallback
        if len(self._element_memo) > MEMO_LIMIT:
            self._element_memo.clear()
        return expose, deny, node, first

    def _chances(self, element: str, chosen: frozenset[str]) -> tuple:
        """(expose, deny, control) miss chances of ``element`` with ``chosen`` in place,
        every vector counted (:meth:`with_controls`); control None: no control threat."""
        exp = den = ctl = 0.0
        controls = False
        for t in self.evidence[element]:  # one pass, as in _view_chances
            r = t.residual(chosen)
            effects = t.effects
            if CONTROL in effects:
                controls = True
                ctl = r if r > ctl else ctl
            if EXPOSE in effects:
                exp = r if r > exp else exp
            if DENY in effects:
                den = r if r > den else den
        expose, deny = 1.0 - exp, 1.0 - den
        miss = 1.0 - ctl if controls else None
        if len(self._element_memo) > MEMO_LIMIT:
            self._element_memo.clear()
        return expose, deny, miss

    @functools.cached_property
    def _element_memo(self) -> dict[tuple, tuple]:
        """(element, vectors, its controls in place) -> its chances (shared by copies)."""
        return {}

    @functools.cached_property
    def _element_shapes(self) -> dict[str, tuple[int, tuple[str, ...]]]:
        """Element -> (its shape number, its options in shape order), as the option
        table holds them (:meth:`_shape`, worked out per recipe by ``build_table``)."""
        table = self._option_table
        return dict(zip(table.elements, zip(table.shape.tolist(), table.orders,
                                            strict=True), strict=True))

    @functools.cached_property
    def _shape_numbers(self) -> dict[tuple, int]:
        """Shape -> its number (:meth:`_shape`; shared by copies)."""
        return {}

    def _shape(self, element: str) -> tuple[int, tuple[str, ...]]:
        """The element's *shape*: all that :meth:`_view_chances` and :meth:`_chances`
        read of it but the names of its options (whether it is a component, its property
        fallback, and per threat in order its chance, controls in place, options as
        (position, effectiveness), effects and vector). Elements of one kind (a fleet's
        pumps, each with its own ``catalog:<control>@<pump>`` options) share a shape, so
        their chances with the options at the same positions chosen are computed once:
        the memo of per-element chances is keyed on (shape, vectors, positions chosen)."""
        position: dict[str, int] = {}
        at = position.setdefault
        threats = []
        for t in self.evidence.get(element) or ():
            opts = tuple([(at(cid, len(position)), eff) for cid, eff in t.options])
            threats.append((t.probability, t.in_place, opts, t.effects, t.vector))
        shape = (element in self.index, self.restrictable.get(element), tuple(threats))
        numbers = self._shape_numbers
        return numbers.setdefault(shape, len(numbers)), tuple(position)

    @functools.cached_property
    def _element_options(self) -> dict[str, frozenset[str]]:
        """Element -> the candidate ids its threats list (shared by copies)."""
        table = self._option_table  # its options in shape order: each threat's, once
        return dict(zip(table.elements, map(frozenset, table.orders), strict=True))

    def effect_miss(self, effect: str) -> np.ndarray:
        """Per-element miss chance of a non-moving effect (``expose`` or ``deny``)."""
        miss = self.expose_miss if effect == EXPOSE else self.deny_miss
        return np.ones(self.size) if miss is None else miss

    @property
    def size(self) -> int:
        return len(self.nodes)

    @functools.cached_property
    def _restrictable_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the restrictable components and flows (shared by copies)."""
        flow_index = self.flow_index
        comps = [self.index[e] for e in self.restrictable if e in self.index]
        flows = [flow_index[e] for e in self.restrictable
                 if e not in self.index and e in flow_index]
        return np.array(comps, dtype=np.int64), np.array(flows, dtype=np.int64)

    @functools.cached_property
    def _restrictable_by_option(self) -> ByOption:
        """Candidate id -> restrictable elements with a threat it can lower (shared;
        ``dict.get`` as the dict it was, read from the option table)."""
        return ByOption(self._option_table, self.restrictable)

    @functools.cached_property
    def flow_index(self) -> dict[str, int]:
        """Flow id -> position in ``flows``, built once per graph (what-ifs share it: the
        control plan builds thousands of copies, and rebuilding it was a third of each)."""
        return {f: i for i, f in enumerate(self.flows)}

    def _options_mask(self, extra: frozenset[str], table: OptionTable
                      ) -> tuple[np.ndarray, tuple[frozenset[str], frozenset[str]] | None]:
        """``table.mask(extra)``, and (this copy's own ids, those ``extra`` adds to them)
        (None when ``extra`` does not hold them all). A copy that knows its mask and holds a subset
        of ``extra`` (a plan's what-if built on an evaluated set's copy) marks only the
        ids it adds: the members of a set holding fleets are tens of thousands at
        50,000 elements, each looked up again per what-if."""
        known = self.__dict__.get("_chosen_mask")
        if known is not None:
            had, mask = known
            added = extra.difference(had)
            if len(extra) - len(added) == len(had):  # ``had`` is a subset of ``extra``
                return mask | table.mask(added), (had, added)
        return table.mask(extra), None

    def with_controls(self, extra: Iterable[str], elements: Iterable[str]) -> AttackGraph:
        """A copy where candidate controls ``extra`` are in place on ``elements``."""
        extra_set = frozenset(extra)
        chosen = tuple(extra_set) if isinstance(extra, (set, frozenset)) else tuple(extra)
        mask, added = self._options_mask(extra_set, self._option_table)
        copy = self._copy_with(mask, frozenset(elements), chosen)
        if "_root" in self.__dict__ and added is not None:
            copy.__dict__["_added"] = added  # what it adds (:meth:`_view_todo_since`)
        if self._chosen_in(extra_set):
            # all it holds is ``extra``: its set, and the options' mask for its views
            copy.__dict__["_chosen_set"] = extra_set
            copy.__dict__["_chosen_mask"] = (extra_set, mask)
        return copy

    def with_options(self, picked: OptionPick, elements: Iterable[str]) -> AttackGraph:
        """:meth:`with_controls` of a set given as option numbers (``picked``: the
        options' mask, the ids the table does not list left out: no threat lists them)
        on ``elements``, from a graph with no controls added (the engine's). The plan's
        whole pool at once (a million ids at 50,000 elements) is marked from the
        numbers the screening read, not hashed into sets and looked up again. The copy
        is a leaf: its views are asked for, no copy is made of it."""
        if "_link" in self.__dict__ or self._chosen:
            raise ValueError("with_options: a copy of the engine's graph only")
        copy = self._copy_with(picked.mask, frozenset(elements), picked)
        copy.__dict__["_chosen_set"] = picked
        copy.__dict__["_chosen_mask"] = (picked, picked.mask)
        return copy

    def _copy_with(self, mask: np.ndarray, touched: frozenset[str], chosen: Iterable[str]
                   ) -> AttackGraph:
        """The copy with the options of ``mask`` in place on ``touched`` (``chosen``:
        what it adds, for :attr:`chosen`)."""
        node_miss = self.node_miss.copy()
        flow_miss = self.flow_miss.copy()
        expose_miss = self.effect_miss(EXPOSE).copy()
        deny_miss = self.effect_miss(DENY).copy()
        flow_index = self.flow_index
        memo = self._element_memo
        table = self._option_table
        # the touched elements with threats, grouped by state (:mod:`.element_states`)
        groups = group(table, touched, mask, with_threats=True)
        found = []
        for element, picked, (shape, positions) in groups.states:
            key = (shape, None, positions)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._chances(element, picked)
            found.append(hit)
        comps, states = groups.comp_at, groups.comp_state
        every = np.ones(len(found), dtype=bool)
        spread(expose_miss, comps, states, every, column(found, 0)[1])
        spread(deny_miss, comps, states, every, column(found, 1)[1])
        # no control threat to lower (None): the property fallback stands
        has, miss = column(found, 2)
        spread(node_miss, comps, states, has, miss)
        spread(flow_miss, groups.flow_at, groups.flow_state, has, miss)
        copy = AttackGraph(self.nodes, self.index, self.layers, self.flows, self.raw_src,
                           self.raw_dst, self.raw_flow, node_miss, flow_miss, self.evidence,
                           self.self_loops, self.dangling, expose_miss, deny_miss,
                           self.broadcast, self.restrictable)
        copy.__dict__["flow_index"] = flow_index  # same flows: share the lookup
        # What the copy adds, linked to what its parent added, back to the first graph of
        # the chain (the root): the root's views are cached and each copy's view starts
        # from them; no copy keeps its parent, or the parent's arrays, alive.
        copy.__dict__["_root"] = self.__dict__.get("_root", self)
        copy.__dict__["_structures"] = shared_structures(self)
        copy.__dict__["_link"] = (self.__dict__.get("_link"), chosen, touched)
        if "_root" in self.__dict__:
            # A copy of a copy: its views can start from this one's (the views, cached
            # when asked for, and what was chosen; not this copy's own arrays).
            copy.__dict__["_parent"] = (self.__dict__.setdefault("_views", {}),
                                        self.chosen_set)
        copy.__dict__["_element_memo"] = memo
        copy.__dict__["_element_options"] = self._element_options
        copy.__dict__["_option_table"] = table
        copy.__dict__["_shape_numbers"] = self._shape_numbers
        if self.restrictable:  # share the lookups
            copy.__dict__["_restrictable_positions"] = self._restrictable_positions
            copy.__dict__["_restrictable_by_option"] = self._restrictable_by_option
        return copy


@dataclass
class StepGraph:
    """One attacker's graph of independent edges; node ``n - 1`` is the attacker.

    Nodes ``0 .. size - 1`` are the model's components; then come *attempt nodes* (see
    :func:`step_graph`); the last node is the attacker's starting point. Every random fact
    sits on exactly one edge, so the edges are independent and the solver's network
    reliability is exact for the semantics of ``docs/attack-paths.md``.

    ``el_*``: the element-level steps (what a reader sees: "from u, act on v"), sorted by
    ``(src, dst)``, with their chance as one step taken alone. Paths, cuts and choke points
    are expressed in these steps; :meth:`step_edges` maps one to the edges it stands for.
    """

    nodes: list[str]  # component ids, then attempt nodes, then SOURCE
    src: np.ndarray
    dst: np.ndarray
    p: np.ndarray
    flow: np.ndarray  # a flow carrying the edge (index into AttackGraph.flows) or -1
    size: int = -1  # number of components (-1: every node but the source)
    attempt: np.ndarray | None = None  # per node: its attempt node, or -1
    structural: np.ndarray | None = None  # per edge: True for "u can try v" (no chance)
    el_src: np.ndarray | None = None
    el_dst: np.ndarray | None = None
    el_p: np.ndarray | None = None
    #: Per component: chance its data exposure / denial works once the attacker can act on
    #: it (capability applied); None when the graph has no such threats.
    expose_p: np.ndarray | None = None
    deny_p: np.ndarray | None = None
    #: What :meth:`__post_init__` derives from the edges alone, when the caller has it
    #: from a step graph of the same structure (:func:`step_graph`: every what-if of one
    #: attacker): (el_keys, keys, one_in, entry_mask), read-only.
    derived: tuple | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.nodes)
        if self.size < 0:
            self.size = n - 1
        if self.attempt is None:
            self.attempt = np.full(n, -1, dtype=np.int64)
        if self.structural is None:
            self.structural = np.zeros(self.src.size, dtype=bool)
        if self.el_src is None:
            self.el_src, self.el_dst, self.el_p = self.src, self.dst, self.p
        if self.derived is not None:
            self._el_keys, self._keys, self.one_in, self.entry_mask = self.derived
            return
        self._el_keys = self.el_src * n + self.el_dst
        self._keys = self.src * n + self.dst
        inner = self.el_src != n - 1
        indeg = np.bincount(self.el_dst[inner], minlength=n)
        #: Per node: its only element in-neighbour (-1: none or several); entry flags.
        self.one_in = np.full(n, -1, dtype=np.int64)
        sel = inner & (indeg[self.el_dst] == 1)
        self.one_in[self.el_dst[sel]] = self.el_src[sel]
        self.entry_mask = np.zeros(n, dtype=bool)
        self.entry_mask[self.el_dst[~inner]] = True

    def attempt_sources(self) -> np.ndarray:
        """:meth:`attempt_source` of every node at once (cached)."""
        cached = self.__dict__.get("_attempt_sources")
        if cached is None:
            cached = self.attempt.copy()
            cached[cached < 0] = self.one_in[cached < 0]
            cached[self.entry_mask] = self.source
            self.__dict__["_attempt_sources"] = cached
        return cached

    def attempt_source(self, v: int) -> int:
        """Node whose reach is "the attacker can try ``v``" (``source`` for entries, -1: none)."""
        if self.entry_mask[v]:
            return self.source
        if self.attempt[v] >= 0:
            return int(self.attempt[v])
        return int(self.one_in[v])

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

    def edge(self, a: int, b: int) -> int:
        """Position of edge ``a -> b`` (-1 if absent)."""
        key = a * self.n + b
        pos = int(np.searchsorted(self._keys, key))
        return pos if pos < self._keys.size and self._keys[pos] == key else -1

    def step_p(self, a: int, b: int) -> float:
        """Chance of the element-level step ``a -> b`` taken alone (0 if no such step)."""
        key = a * self.n + b
        pos = int(np.searchsorted(self._el_keys, key))
        if pos < self._el_keys.size and self._el_keys[pos] == key:
            return float(self.el_p[pos])
        return 0.0

    def step_edges(self, a: int, b: int) -> list[int]:
        """Edges that carry the element-level step ``a -> b``: blocking it zeroes them."""
        out = [self.edge(a, b)]
        att = int(self.attempt[b]) if b < self.attempt.size else -1
        if att >= 0:
            out.append(self.edge(a, att))
        return [e for e in out if e >= 0]

    def into(self, v: int) -> np.ndarray:
        """Edges whose blocking makes ``v`` unreachable (into ``v`` and its attempt node)."""
        mask = self.dst == v
        att = int(self.attempt[v])
        if att >= 0:
            mask |= self.dst == att
        return np.flatnonzero(mask)


def _positions(order: tuple[str, ...], picked: frozenset[str]) -> tuple[bool, ...]:
    """Which options of ``order`` are ``picked``, position by position (``()`` when none
    is): the memo key's part that :func:`.element_states.group` reproduces from bit sets
    (the oracle tests compare the two)."""
    if not picked:
        return ()
    return tuple(map(picked.__contains__, order))


def _controls(threats) -> bool:
    """Whether any of ``threats`` gives control (the others leave the fallback in place)."""
    return any(CONTROL in t.effects for t in threats)


#: Vectors an attacker gains by holding an element: it is on a link to its neighbours.
NEIGHBOUR_VECTORS = frozenset({"adjacent", "network"})
#: Threat vectors that some attacker profile may lack from a held element on.
_RESTRICTABLE = frozenset({"physical", "local", "adjacent"})


def inner_vectors(vectors: Iterable[str] | None) -> frozenset[str] | None:
    """Vectors an attacker limited to ``vectors`` can use once it holds an element (its own
    plus adjacent and network); None: every vector."""
    own = frozenset(vectors or ())
    if not own:
        return None
    inner = own | NEIGHBOUR_VECTORS
    return None if inner >= ACCESS_VECTORS else inner


def _usable_miss(threats, chosen: tuple[str, ...], vectors: frozenset[str] | None,
                 fallback: float) -> float:
    """Miss chance of control from the threats usable with ``vectors`` (else ``fallback``)."""
    if not any(CONTROL in t.effects and usable(t, vectors) for t in threats):
        return fallback
    return 1.0 - element_probability(threats, chosen, CONTROL, vectors)


def _miss_of(weaknesses: list[str], base: float) -> float:
    miss = 1.0 - base
    for w in weaknesses:
        miss *= 1.0 - WEAKNESS[w]
    return miss


#: Stencil tags of a broadcast medium (radio): being in range puts the attacker on it.
BROADCAST_TAGS = frozenset({"wireless", "radio"})


#: Stencil of the public internet: whoever is on it can address every service it carries.
PUBLIC_INTERNET = "public-internet"


def open_segment(comp, radio: set[str], zone_kind: dict[str, str]) -> bool:
    """Whether entering at network ``comp`` puts the attacker on it with no exploit.

    What the model declares decides, never who the attacker is: a radio medium (in range
    is on it), the public internet (anyone on it can address what it carries), or a wired
    segment declared flat (``flat_network``: no VLANs, no internal filtering, so whoever
    plugs in is on it). A segmented LAN or a private WAN takes its own weakness.
    """
    return (comp.stencil in radio or comp.stencil == PUBLIC_INTERNET
            or zone_kind.get(comp.zone or "") == "public_internet"
            or bool(comp.properties.flat_network))


class _FallbackMemo:
    """Property-fallback miss chances (``_miss_of(property_weaknesses(...))``) remembered
    by the properties they read: a 150,000-element model has a few dozen combinations."""

    def __init__(self) -> None:
        self._components: dict[tuple, float] = {}
        self._flows: dict[tuple, float] = {}

    def component(self, comp) -> float:
        p = comp.properties
        key = (p.internet_exposed, p.authentication, p.patch_status, p.legacy,
               p.user_installable_apps, p.signed_updates)
        miss = self._components.get(key)
        if miss is None:
            miss = self._components[key] = _miss_of(property_weaknesses(comp, None), P_BASE)
        return miss

    def flow(self, flow) -> float:
        key = (flow.encrypted, flow.authentication)
        miss = self._flows.get(key)
        if miss is None:
            miss = self._flows[key] = _miss_of(
                [w for w in property_weaknesses(None, flow) if w in FLOW_CONTROL_WEAKNESSES],
                0.0)
        return miss


def _plain_chances(threats: list) -> tuple[bool, float, float, float | None]:
    """An element's (restrictable, expose miss, deny miss, control miss or None: no
    control threat) with no candidate in place: the three ``element_probability`` maxima
    and the vector test in one pass over its threats (as ``AttackGraph._chances``; a
    maximum does not depend on the order of its values, and chances are never negative).
    """
    exp = den = ctl = 0.0
    controls = limited = False
    for t in threats:
        r = t.probability * t.in_place  # ``residual()`` with nothing chosen
        effects = t.effects
        if CONTROL in effects:
            controls = True
            ctl = r if r > ctl else ctl
        if EXPOSE in effects:
            exp = r if r > exp else exp
        if DENY in effects:
            den = r if r > den else den
        if t.vector in _RESTRICTABLE:
            limited = True
    return limited, 1.0 - exp, 1.0 - den, 1.0 - ctl if controls else None


class _RecipeChances:
    """:func:`_plain_chances` of evidence lists, once per recipe for those tagged with
    one (:class:`RecipeEvidence`): the chances read only the threats' chances, controls
    in place, effects and vectors, which a recipe fixes (a few hundred recipes for
    20,000 elements)."""

    def __init__(self) -> None:
        self._known: dict[object, tuple[bool, float, float, float | None]] = {}

    def __call__(self, threats: list) -> tuple[bool, float, float, float | None]:
        if type(threats) is RecipeEvidence and (recipe := threats.recipe) is not None:
            known = self._known.get(recipe)
            if known is None:
                known = self._known[recipe] = _plain_chances(threats)
            return known
        return _plain_chances(threats)


def build_graph(model: ThreatModel, evidence: EdgeEvidence | None = None,
                stencils=None) -> AttackGraph:
    """Nodes, raw edges and miss chances of ``model`` (threat evidence overrides properties)."""
    from workbench.model.enums import Layer
    from workbench.model.stencils import default_stencils

    evidence = evidence or {}
    stencils = stencils or default_stencils()
    radio = {c.stencil for c in model.components if c.layer == Layer.NETWORK}
    radio = {sid for sid in radio
             if (st := stencils.get(sid)) is not None and BROADCAST_TAGS & set(st.tags)}
    comps = model.components
    zone_kind = {z.id: z.kind.value for z in model.zones}
    nodes = [c.id for c in comps]
    index = {cid: i for i, cid in enumerate(nodes)}
    node_miss = np.empty(len(nodes))
    expose_miss = np.ones(len(nodes))
    deny_miss = np.ones(len(nodes))
    restrictable: dict[str, float] = {}
    fallback_of = _FallbackMemo()
    chances_of = _RecipeChances()
    for i, comp in enumerate(comps):
        threats = evidence.get(comp.id)
        control = None
        if threats:
            limited, expose_miss[i], deny_miss[i], control = chances_of(threats)
            if limited:
                restrictable[comp.id] = fallback_of.component(comp)
        if control is not None:
            node_miss[i] = control
        else:  # no threat recorded that gives control: the documented property fallback
            node_miss[i] = fallback_of.component(comp)
    flows = [f.id for f in model.flows]
    flow_miss = np.empty(len(flows))
    src: list[int] = []
    dst: list[int] = []
    via_flow: list[int] = []
    loops = dangling = 0
    add_s, add_d, add_f = src.append, dst.append, via_flow.append
    for k, flow in enumerate(model.flows):
        threats = evidence.get(flow.id)
        fallback = control = None
        if threats:
            limited, _expose, _deny, control = chances_of(threats)
            if limited:
                fallback = restrictable[flow.id] = fallback_of.flow(flow)
        if control is not None:
            flow_miss[k] = control
        else:
            flow_miss[k] = fallback if fallback is not None else fallback_of.flow(flow)
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
        # A tunnel (encrypted and strongly authenticated) puts its ends only on the
        # segments they sit on: the source on the first carrier, the target on the last
        # (``via`` lists them from source to target), and links the two ends directly.
        # Holding the public internet between a vendor and a VPN concentrator is no
        # foothold on the server behind the VPN; holding the vendor's end is.
        # Any other flow can be injected into anywhere on its way: both ends on every
        # carrier, as before.
        tunnel = flow.encrypted and flow.authenticated and len(carriers) > 1
        if tunnel:  # whoever holds one end sends through the tunnel to the other
            add_s(s), add_d(t), add_f(k)
            if flow.bidirectional:
                add_s(t), add_d(s), add_f(k)
        for n in carriers:
            if not tunnel or n == carriers[0]:
                add_s(s), add_d(n), add_f(-1)
                # The source is on the segment too: reachable even if it only sends; the
                # flow's weaknesses count only when it also receives on this flow.
                add_s(n), add_d(s), add_f(k if flow.bidirectional else -1)
            if not tunnel or n == carriers[-1]:
                add_s(t), add_d(n), add_f(-1)
                add_s(n), add_d(t), add_f(k)
        for a, b in zip(carriers, carriers[1:], strict=False):
            if a != b:
                add_s(a), add_d(b), add_f(-1)
                add_s(b), add_d(a), add_f(-1)
    layers = [c.layer.value for c in comps]
    broadcast = np.array([c.layer == Layer.NETWORK and open_segment(c, radio, zone_kind)
                          for c in comps], dtype=bool)
    return AttackGraph(nodes, index, layers, flows, np.asarray(src, dtype=np.int64),
                       np.asarray(dst, dtype=np.int64), np.asarray(via_flow, dtype=np.int64),
                       node_miss, flow_miss, evidence, loops, dangling, expose_miss,
                       deny_miss, broadcast, restrictable)


def _scale(miss: np.ndarray, capability: float) -> np.ndarray:
    """Success chance from a miss chance and attacker capability: ``1 - miss ** (2 c)``."""
    if capability <= 0:
        return np.zeros(miss.shape)
    return unit(1.0 - np.power(unit(miss), 2.0 * capability))


def unit(x: np.ndarray) -> np.ndarray:
    """``x`` held to [0, 1] by two ufuncs: ``np.clip``'s Python wrappers cost more than the
    arithmetic on a what-if's small arrays, called thousands of times. The same values,
    NaN kept, except that ``-0.0`` comes out as ``0.0``."""
    return np.minimum(np.maximum(x, 0.0), 1.0)


def entry_chances(graph: AttackGraph, entries: np.ndarray, capability: float) -> np.ndarray:
    """Chance that an attacker of ``capability`` holds each of its ``entries`` at the start.

    The one entry rule of the attack engine *and* of exposure (``attack/exposure.py``), so
    that exposure's best path stays a lower bound of the engine's probability. An entry is
    held for certain when it is an open segment (:attr:`AttackGraph.broadcast`): a radio
    medium (in range is on it) or a wired segment the model declares flat (whoever plugs
    in is on it). Any other entry (an internet service, the public internet, a segmented
    LAN) can be *tried* at once but is held only through its own weakness.
    """
    if capability <= 0:
        return np.zeros(entries.size)
    certain = (graph.broadcast[entries] if graph.broadcast is not None
               else np.zeros(entries.size, dtype=bool))
    miss = graph.node_miss if graph.entry_miss is None else graph.entry_miss
    return np.where(certain, 1.0, _scale(miss[entries], capability))


def step_graph(graph: AttackGraph, entries: Iterable[int], capability: float) -> StepGraph:
    """One attacker's graph of independent edges (one random fact per element and flow).

    A step ``u -> v`` over flow ``f`` works when ``v``'s own weakness works (one fact per
    world, shared by every way into ``v``) or ``f``'s weakness does (its own fact). To keep
    edges independent, each element ``v`` that is not an entry and has several
    in-neighbours gets an *attempt node* ``a_v``: ``u -> a_v`` always works ("the attacker
    holding u can try v"), ``a_v -> v`` carries ``v``'s weakness, and ``u -> v`` carries only
    the flows' weaknesses. An entry element needs no attempt node (the attacker can always
    try it): ``attacker -> v`` carries ``v``'s weakness, ``u -> v`` the flows'. An element
    with one in-neighbour gets one edge of chance ``1 - miss_v miss_f``. Edges that carry no
    random fact at all (no flow weakness possible) are left out; the structure depends only
    on the model and the entries, never on the chances, so what-ifs reuse one solver.
    """
    if not isinstance(entries, np.ndarray):
        entries = list(entries)
    entries = np.asarray(entries, dtype=np.int64)
    if not (entries[1:] > entries[:-1]).all():  # the plan's are sorted, once per plan
        entries = sorted_distinct(entries)
    st = _structure(graph, entries)
    emiss = merged_flow_miss(graph, st)
    p_node = _scale(graph.node_miss, capability)
    # An attacker who enters at a radio segment is on it (in range of a broadcast medium,
    # on the path of every flow it carries): that entry step is certain. A wired segment or
    # the public internet is not broadcast: an on-path position there takes its own
    # weakness, like reaching any segment from an element.
    p_entry = entry_chances(graph, entries, capability)
    p_flow = _scale(emiss, capability)
    p_step = _scale(graph.node_miss[st.v] * emiss, capability)
    p = np.concatenate([np.asarray(p_entry, dtype=float), p_flow[st.flow_only],
                        st.split_ones, p_step[st.single], p_node[st.split]])
    el_p = np.concatenate([p_entry, p_step])
    expose_p = deny_p = None
    if graph.expose_miss is not None:
        expose_p = _scale(graph.expose_miss, capability)
    if graph.deny_miss is not None:
        deny_p = _scale(graph.deny_miss, capability)
    out = StepGraph(list(st.names), st.src, st.dst, p[st.order], st.flow, graph.size,
                    st.attempt, st.structural, st.el_src, st.el_dst, el_p[st.el_order],
                    expose_p, deny_p, st.derived)
    if st.derived is None:  # the structure's own: the same for its every step graph
        st.derived = (out._el_keys, out._keys, out.one_in, out.entry_mask)
        for arr in st.derived:
            arr.flags.writeable = False
    return out


def merged_flow_miss(graph: AttackGraph, st: _Structure) -> np.ndarray:
    """Per merged step of ``st``: the chance all its flows' weaknesses fail (the product
    of its raw edges' flow miss chances, summed as logs in raw edge order)."""
    fmiss = np.where(st.has_flow, graph.flow_miss[st.flow_at], 1.0)
    return np.exp(np.bincount(st.inverse, weights=np.log(held_flow_miss(fmiss)),
                              minlength=st.merged))


def held_flow_miss(fmiss: np.ndarray) -> np.ndarray:
    """Flow miss chances held to [1e-300, 1] (their logs are summed) by two ufuncs, not
    np.clip (its Python wrappers): the same values."""
    return np.minimum(np.maximum(fmiss, 1e-300), 1.0)


@dataclass
class _Structure:
    """What :func:`step_graph` builds from the model's edges and the entries alone (not
    from any chance): the plan's what-ifs change chances only, so it is built once."""

    inverse: np.ndarray
    merged: int
    v: np.ndarray
    flow_only: np.ndarray
    into_split_count: int
    single: np.ndarray
    split: np.ndarray
    order: np.ndarray
    el_order: np.ndarray
    names: list[str]
    src: np.ndarray
    dst: np.ndarray
    flow: np.ndarray
    attempt: np.ndarray
    structural: np.ndarray
    el_src: np.ndarray
    el_dst: np.ndarray
    #: ``StepGraph.derived`` of its step graphs, from the first one built
    derived: tuple | None = None
    #: Per raw edge: whether it runs over a flow, and that flow's position (0 if not);
    #: the certain "can try" edges' chances (ones): the same for every step graph.
    has_flow: np.ndarray | None = None
    flow_at: np.ndarray | None = None
    split_ones: np.ndarray | None = None


#: Structures kept per family of graphs (per entry set: one per attacker, in practice).
STRUCTURES_KEPT = 16


def shared_structures(graph: AttackGraph) -> dict:
    """The structure cache of ``graph``'s family: what-if copies and vector views are given
    their parent's (:meth:`AttackGraph.with_controls`, :meth:`AttackGraph.for_vectors`),
    so it lives as long as some graph of the family does."""
    return graph.__dict__.setdefault("_structures", {})


def _flow_positions(graph: AttackGraph, cache: dict) -> tuple[np.ndarray, np.ndarray]:
    """Per raw edge: whether it runs over a flow, and the flow's position (0 if not). They
    depend on the raw edges alone: one pair per family of graphs (in ``cache``, under a
    key no entry set has), shared by its structures."""
    hit = cache.get(_FLOWS)
    if hit is None or hit[0] is not graph.raw_flow:
        has_flow, flow_at = graph.raw_flow >= 0, np.maximum(graph.raw_flow, 0)
        has_flow.flags.writeable = flow_at.flags.writeable = False
        hit = cache[_FLOWS] = (graph.raw_flow, (has_flow, flow_at))
    return hit[1]


#: Key of :func:`_flow_positions` in a family's structure cache (entry sets are bytes).
_FLOWS = "flow positions"


def _structure(graph: AttackGraph, entries: np.ndarray) -> _Structure:
    """:class:`_Structure` of ``graph`` and ``entries``, built once per family of graphs
    (they share the raw edge arrays and the node list, checked by identity)."""
    cache = shared_structures(graph)
    ident = (graph.raw_src, graph.raw_dst, graph.raw_flow, graph.nodes)
    ent = entries.tobytes()
    hit = cache.get(ent)
    if hit is not None and all(a is b for a, b in zip(hit[0], ident, strict=True)):
        return hit[1]
    n = graph.size
    is_entry = np.zeros(n, dtype=bool)
    is_entry[entries] = True
    key = graph.raw_src * n + graph.raw_dst
    uniq, inverse = np.unique(key, return_inverse=True)
    has_flow = np.bincount(inverse, weights=(graph.raw_flow >= 0).astype(float),
                           minlength=uniq.size) > 0
    # A representative flow per merged step (for explanations): the first with a flow.
    flow_of = np.full(uniq.size, -1, dtype=np.int64)
    with_flow = np.flatnonzero(graph.raw_flow >= 0)
    flow_of[inverse[with_flow[::-1]]] = graph.raw_flow[with_flow[::-1]]
    u, v = uniq // n, uniq % n
    indeg = np.bincount(v, minlength=n)
    split = ~is_entry & (indeg >= 2)
    k = int(split.sum())
    source = n + k
    attempt = np.full(n + k + 1, -1, dtype=np.int64)
    attempt[np.flatnonzero(split)] = n + np.arange(k)
    into_entry, into_split = is_entry[v], split[v]
    single = ~into_entry & ~into_split
    flow_only = (into_entry | into_split) & has_flow
    parts = [
        (np.full(entries.size, source), entries, False, -1),
        (u[flow_only], v[flow_only], False, flow_of[flow_only]),
        (u[into_split], attempt[v[into_split]], True, -1),
        (u[single], v[single], False, flow_of[single]),
        (attempt[np.flatnonzero(split)], np.flatnonzero(split), False, -1),
    ]
    src = np.concatenate([np.asarray(a, dtype=np.int64) for a, *_ in parts])
    dst = np.concatenate([np.asarray(b, dtype=np.int64) for _, b, *_ in parts])
    structural = np.concatenate([np.full(len(a), s, dtype=bool) for a, _, s, _ in parts])
    flow = np.concatenate([np.broadcast_to(np.asarray(f, dtype=np.int64), len(a))
                           for a, _, _, f in parts])
    total = n + k + 1
    order = np.argsort(src * total + dst, kind="stable")
    el_src = np.concatenate([np.full(entries.size, source, dtype=np.int64), u])
    el_dst = np.concatenate([entries, v])
    el_order = np.argsort(el_src * total + el_dst, kind="stable")
    names = graph.nodes + [f"@try:{graph.nodes[i]}" for i in np.flatnonzero(split)] + [SOURCE]
    out = _Structure(inverse, int(uniq.size), v, flow_only, int(into_split.sum()), single,
                     split, order, el_order, names, src[order], dst[order], flow[order],
                     attempt, structural[order], el_src[el_order], el_dst[el_order])
    out.has_flow, out.flow_at = _flow_positions(graph, cache)
    out.split_ones = np.ones(out.into_split_count)
    for arr in (out.src, out.dst, out.flow, out.attempt, out.structural, out.el_src,
                out.el_dst, out.split_ones):
        arr.flags.writeable = False  # shared by every step graph of this structure
    if len(cache) >= STRUCTURES_KEPT:
        cache.clear()
    cache[ent] = (ident, out)
    return out
