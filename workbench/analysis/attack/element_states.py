"""The elements a what-if recomputes, grouped by *state*, as arrays.

A what-if copy of the attack graph (``AttackGraph.with_controls``) and each attacker's view
of it (``AttackGraph.for_vectors``) recompute the chances of the elements the controls
touch. An element's chances read only its *shape* (``AttackGraph._shape``: its threats'
chances, effects and vectors, its options by position) and which of its options are in
place (the positions chosen): its *state*. At 10,000 elements there are about 200 shapes
for 20,000 elements, and a plan's what-if with the whole pool of candidates in place
recomputes every element for every attacker.

So the elements are numbered once per graph family (:class:`OptionTable`: shape number,
options as numbers in shape order, where the chances go), a set of elements is grouped
by state with numpy (:func:`group`: the chosen options as a mask, each element's chosen
positions as a bit set), the chances are worked out (or read from the memo) once per
state, and written to the arrays per element with numpy (:func:`spread`). The memo keys
and the values are those of the element-by-element loop they replace, which the oracle
tests keep (``tests/analysis/test_element_states.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, compress, count, repeat

import numpy as np

from workbench.analysis.attack.evidence import RecipeEvidence

#: Most options an element may have for the bit sets (sums of powers of two, exact in a
#: float's 53 bits): an element with more is grouped position by position in Python.
MAX_BITS = 52

#: A set of ids this share of the table or larger is read by scanning the table
#: (:meth:`OptionTable.mask`, :meth:`OptionTable.positions`): a probe per table entry
#: costs about a quarter of a lookup per chosen id.
SCAN_SHARE = 4


@dataclass
class OptionTable:
    """Every element with evidence, numbered: what grouping reads (shared by copies)."""

    elements: list[str]
    ordinal: dict[str, int]
    shape: np.ndarray  # per element: its shape number
    comp: np.ndarray  # per element: its node position, or -1
    flow: np.ndarray  # per element that is no component: its flow position, or -1
    threats: np.ndarray  # per element: whether it has any threat
    start: np.ndarray  # per element: where its options start in ``option``
    count: np.ndarray  # per element: how many options it has
    option: np.ndarray  # option numbers, element after element, in shape order
    bit: np.ndarray  # per option entry: 2 ** its position in the element's shape
    numbers: dict[str, int]  # candidate id -> option number
    orders: list[tuple[str, ...]]  # per element: its options in shape order

    def mask(self, chosen: Iterable[str]) -> np.ndarray:
        """Per option number, whether it is in ``chosen`` (a copy works it out once for
        itself and its views: the plan's whole pool is 224,000 ids at 10,000 elements).

        A set about as large as the table is read the other way: each of the table's
        ids (in number order, :func:`_numbered`) looked up in the set. The table's
        entries are read in memory order and a set probe is one hash-table read, where
        looking each chosen id up in ``numbers`` reads the dict's index and its entry at
        random places."""
        numbers = self.numbers
        out = np.zeros(len(numbers) + 1, dtype=bool)
        if isinstance(chosen, (set, frozenset)) and len(chosen) * SCAN_SHARE >= len(numbers):
            out[:-1] = np.fromiter(map(chosen.__contains__, numbers), dtype=bool,
                                   count=len(numbers))
        else:  # an id the table does not list marks the spare last place, cleared after
            if not isinstance(chosen, (list, tuple, set, frozenset, dict)):
                chosen = list(chosen)
            out[np.fromiter(map(numbers.get, chosen, repeat(len(numbers))), dtype=np.int64,
                            count=len(chosen))] = True
            out[-1] = False
        return out

    def positions(self, elements: Iterable[str]) -> np.ndarray:
        """Table rows of those of ``elements`` in the table, in their order; a set about
        as large as the table as the rows in table order (the same rows: every reader
        of them is order-free, :func:`group` and :class:`ByOption`), read the way
        :meth:`mask` reads a large set."""
        names = self.elements
        if isinstance(elements, (set, frozenset)) and len(elements) * SCAN_SHARE >= len(names):
            return np.flatnonzero(np.fromiter(map(elements.__contains__, names), dtype=bool,
                                              count=len(names)))
        rows = np.fromiter(map(self.ordinal.get, elements, repeat(-1)), dtype=np.int64)
        return rows[rows >= 0]


def build_table(graph) -> OptionTable:
    """The :class:`OptionTable` of ``graph``'s evidence (every shape computed).

    An element's shape is worked out once per *recipe*: whether it is a component, its
    property fallback and its threats' template numbers (``ThreatEvidence.template``).
    Threats of one template number differ only in the element their catalog candidates
    are named after, so elements of one recipe have one shape, and their options in
    shape order sit at the same (threat, option) places: a few hundred recipes for
    20,000 elements, where the shape walk read every option entry of every element. An
    element with a threat of no template (-1) is worked out on its own."""
    index, flow_index = graph.index, graph.flow_index
    evidence, restrictable = graph.evidence, graph.restrictable
    elements = list(evidence)
    lists = list(evidence.values())
    size = len(elements)
    comp = np.fromiter(map(index.get, elements, repeat(-1)), dtype=np.int64, count=size)
    flow = np.fromiter(map(flow_index.get, elements, repeat(-1)), dtype=np.int64, count=size)
    flow[comp >= 0] = -1  # a component's position is its node's
    #: recipe -> (shape number, (threat, option) places of the options in shape order),
    #: or (shape number, None): worked out element by element
    recipes: dict[tuple, tuple[int, tuple[tuple[int, int], ...] | None]] = {}
    shape: list[int] = []
    orders: list[tuple[str, ...]] = []
    for element, listed, i in zip(elements, lists, comp.tolist(), strict=True):
        # a list tagged with its recipe: the template numbers and the option order are
        # the recipe's (the order its threats first list the element's candidates)
        recipe = listed.recipe if type(listed) is RecipeEvidence else None
        templates = (recipe.numbers if recipe is not None else
                     tuple([t.template for t in listed]))
        key = (i < 0, restrictable.get(element), templates)
        known = recipes.get(key)
        if known is None:
            number, order = graph._shape(element)
            known = recipes[key] = (number, _places(listed) if min(templates, default=0) >= 0
                                    else None)
        number, places = known
        if places is None:
            number, order = graph._shape(element)
        elif recipe is not None:
            order = tuple([pair[0] for pair in listed.options])
        else:
            order = tuple([listed[t].options[o][0] for t, o in places])
        shape.append(number)
        orders.append(order)
    numbers, option = _numbered(orders)
    counts = np.fromiter(map(len, orders), dtype=np.int64, count=size)
    starts = np.cumsum(counts) - counts
    positions = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)
    bits = np.ldexp(1.0, np.minimum(positions, MAX_BITS))  # beyond: grouped in Python
    return OptionTable(elements, dict(zip(elements, count())),
                       np.array(shape, dtype=np.int64), comp, flow,
                       np.fromiter(map(bool, lists), dtype=bool, count=size),
                       starts, counts, option, bits, numbers, orders)


def _numbered(orders: list[tuple[str, ...]]) -> tuple[dict[str, int], np.ndarray]:
    """Each candidate numbered where it is first listed, element after element, and the
    number of every option entry (a ``setdefault`` per entry did the same one at a
    time). Catalog candidates are named after their one element, so an id is most often
    listed once: then the entries' numbers are their positions, and one dict of
    (id, position) pairs is the numbering (a second pass only when some id repeats)."""
    listed = list(chain.from_iterable(orders))
    # one pass over the ids: each keeps its position, right when none is listed twice
    numbers: dict[str, int] = dict(zip(listed, count()))
    if len(numbers) == len(listed):
        return numbers, np.arange(len(listed), dtype=np.int64)
    numbers = dict.fromkeys(listed)  # type: ignore[arg-type]
    numbers.update(zip(numbers, count()))
    return numbers, np.fromiter(map(numbers.__getitem__, listed), dtype=np.int64,
                                count=len(listed))


def _places(threats) -> tuple[tuple[int, int], ...]:
    """(threat, option) places of the distinct candidate ids of ``threats``, in order of
    first listing (``AttackGraph._shape``'s shape order)."""
    seen: set[str] = set()
    places = []
    for t, threat in enumerate(threats):
        for o, (cid, _eff) in enumerate(threat.options):
            if cid not in seen:
                seen.add(cid)
                places.append((t, o))
    return tuple(places)


@dataclass
class Groups:
    """A set of elements grouped by state (:func:`group`)."""

    #: per state: a representative element, its options in place, and the memo key's
    #: part ``(shape number, positions chosen)`` (``graph._positions``'s tuple)
    states: list[tuple[str, frozenset[str], tuple[int, tuple[bool, ...]]]]
    comp_at: np.ndarray  # node positions of the set's components
    comp_state: np.ndarray  # and their states
    flow_at: np.ndarray  # flow positions of the set's flows (elements no component)
    flow_state: np.ndarray  # and their states


def group(table: OptionTable, elements: Iterable[str], mask: np.ndarray,
          with_threats: bool = False) -> Groups:
    """``elements`` (those not in the table left out) grouped by their state with the options of
    ``mask`` (:meth:`OptionTable.mask`) in place.

    ``with_threats``: leave out the elements without any threat (``with_controls`` skips
    them). The positions chosen are one bit set per element: the chosen options as a
    mask over option numbers, each element's entries of the mask summed as powers of two."""
    js = table.positions(elements)
    if with_threats:
        js = js[table.threats[js]]
    numbers = table.numbers
    counts = table.count[js]
    owner = np.repeat(np.arange(js.size), counts)
    entry = _entries(table, js)
    picked = mask[table.option[entry]]
    bits = np.bincount(owner, weights=np.where(picked, table.bit[entry], 0.0),
                       minlength=js.size).astype(np.int64)
    wide = counts > MAX_BITS
    if wide.any():  # more options than bits: each such element a state of its own key
        bits[wide] = -1 - np.arange(int(wide.sum()))
    # one number per (shape, bit set): the bit sets numbered first (a few hundred)
    found, bit_number = np.unique(bits, return_inverse=True)
    keys = table.shape[js] * found.size + bit_number.reshape(-1)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    states = [_state(table, int(js[k]), int(bits[k]), numbers, mask) for k in first]
    if wide.any():  # several such elements may share a state: merge them by key
        states, inverse = _merge(states, inverse)
    comp = table.comp[js]
    is_comp = comp >= 0
    flow = table.flow[js]
    is_flow = ~is_comp & (flow >= 0)
    return Groups(states, comp[is_comp], inverse[is_comp], flow[is_flow], inverse[is_flow])


def _entries(table: OptionTable, js: np.ndarray) -> np.ndarray:
    """Positions in ``table.option`` of the options of elements ``js``, element after
    element."""
    counts = table.count[js]
    return (np.arange(int(counts.sum()), dtype=np.int64)
            - np.repeat(np.cumsum(counts) - counts, counts)
            + np.repeat(table.start[js], counts))


class ByOption:
    """Candidate id -> the elements (of a set given once; those in the table) with a
    threat listing it, as
    ``dict.get`` answers; read from the table's options sorted by number, not a dict of
    224,000 lists built at 10,000 elements before the plan's first what-if."""

    def __init__(self, table: OptionTable, elements: Iterable[str]) -> None:
        js = table.positions(elements)
        entry = _entries(table, js)
        option = table.option[entry]
        order = np.argsort(option, kind="stable")
        names = table.elements
        self._names = [names[j] for j in np.repeat(js, table.count[js])[order].tolist()]
        self._options = option[order]  # per name: the option it is listed under
        self._starts = np.concatenate([[0], np.cumsum(np.bincount(
            option, minlength=len(table.numbers)))]).astype(np.int64)
        self._start = self._starts.tolist()
        self._numbers = table.numbers

    def get(self, cid: str, default=()):
        """The elements with a threat listing ``cid`` (a list), or ``default``."""
        n = self._numbers.get(cid)
        if n is None:
            return default
        start, end = self._start[n], self._start[n + 1]
        return self._names[start:end] if end > start else default

    def elements_of(self, cids: Iterable[str]) -> list[str]:
        """The elements :meth:`get` gives each of ``cids``, in one list (an element may
        come more than once: the callers put them in a set). The ids' numbers are read
        in one pass and their runs gathered with numpy: a fleet added to a what-if's set
        is thousands of ids, each a method call through :meth:`get`."""
        numbers = np.fromiter(map(self._numbers.get, cids, repeat(-1)), dtype=np.int64)
        numbers = numbers[numbers >= 0]
        start = self._starts[numbers]
        count = self._starts[numbers + 1] - start
        total = int(count.sum())
        if not total:
            return []
        at = np.repeat(start - (np.cumsum(count) - count), count) + np.arange(total)
        names = self._names
        return [names[k] for k in at.tolist()]


    def elements_with(self, mask: np.ndarray) -> list[str]:
        """:meth:`elements_of` the options marked in ``mask`` (per option number, as
        :meth:`OptionTable.mask`), in option order: the plan's whole pool is a million
        options at 50,000 elements, read as a mask rather than as ids."""
        names = self._names
        return [names[k] for k in np.flatnonzero(mask[self._options]).tolist()]


class OptionPick:
    """Options in place given by number: a mask over ``table``'s option numbers (the
    spare last place false), read as the set of their ids (``in``, ``len``, iteration in
    number order) by a what-if copy's views (``AttackGraph.with_options``)."""

    def __init__(self, table: OptionTable, mask: np.ndarray) -> None:
        self.table = table
        self.mask = mask

    def __iter__(self):
        return compress(self.table.numbers, self.mask[:-1].tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.mask[:-1]))

    def __contains__(self, cid: object) -> bool:
        n = self.table.numbers.get(cid)  # type: ignore[call-overload]
        return n is not None and bool(self.mask[n])


def _state(table: OptionTable, j: int, bits: int, numbers: dict[str, int],
           mask: np.ndarray) -> tuple[str, frozenset[str], tuple[int, tuple[bool, ...]]]:
    """(element, its options in place, (shape number, positions chosen)) of element ``j``."""
    order = table.orders[j]
    if bits < 0:  # too many options for a bit set: position by position
        chosen = tuple(bool(mask[numbers[cid]]) for cid in order)
    else:
        chosen = tuple(bool(bits >> p & 1) for p in range(len(order)))
    picked = frozenset(cid for cid, on in zip(order, chosen, strict=True) if on)
    return table.elements[j], picked, (int(table.shape[j]), chosen if picked else ())


def _merge(states: list, inverse: np.ndarray) -> tuple[list, np.ndarray]:
    """States with equal keys made one (elements grouped position by position)."""
    number: dict[tuple, int] = {}
    kept: list = []
    remap = np.empty(len(states), dtype=np.int64)
    for k, state in enumerate(states):
        n = number.get(state[2])
        if n is None:
            n = number[state[2]] = len(kept)
            kept.append(state)
        remap[k] = n
    return kept, remap[inverse]


def column(found: list[tuple], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per state: whether item ``k`` of its chances is set (not None), and its value."""
    values = [f[k] for f in found]
    has = np.array([v is not None for v in values], dtype=bool)
    return has, np.array([0.0 if v is None else v for v in values], dtype=float)


def spread(target: np.ndarray, at: np.ndarray, state: np.ndarray,
           has: np.ndarray, values: np.ndarray) -> None:
    """``target[at[i]] = values[state[i]]`` where the state has a value."""
    keep = has[state]
    target[at[keep]] = values[state[keep]]


__all__ = ["MAX_BITS", "SCAN_SHARE", "ByOption", "Groups", "OptionTable", "build_table",
           "column", "group", "spread"]
