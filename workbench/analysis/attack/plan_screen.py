"""The control plan's screening arithmetic, worked out once per element *state*.

Why: at 10,000 elements the plan screens about 224,000 candidates on 20,000 elements and
flows, yet those elements come in a few hundred states: the pumps of one kind carry the
same threats with the same chances and the same catalog options, only the candidates'
ids differ (``catalog:<control>@<element>``). What the screening reads about a candidate
(:meth:`ScreenTable.matters`, :meth:`ScreenTable.scores`,
:meth:`ScreenTable.drops`) depends on its element's rows and on which options in them are
its own, so it is computed once per (state, option position) and fanned out to the
candidates.

An element's state is its shape in the attack graph (``AttackGraph._shape``: per threat
its chance, controls in place, effects, vector and options by *position*, the order in
which the element's threats first list them) and which of those positions are candidates
of the screened pool. Two elements of one state have equal rows, float for float, once
each option is named by its position; so do a control's figures on them.

The plain per-element computation these replace is kept in
``tests/analysis/test_plan_screen.py`` as the oracle.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter
from typing import Any

import numpy as np

from workbench.analysis.attack.element_states import MAX_BITS, OptionTable
from workbench.analysis.attack.evidence import usable
from workbench.analysis.attack.graph import AttackGraph, inner_vectors


@dataclass
class Row:
    """One threat of an element, reduced for the screening arithmetic."""

    effects: frozenset[str]
    base: float  # chance with the controls in place
    full: float  # chance with every candidate of the pool too
    #: option (its candidate id, or its position on the element for the figures) ->
    #: its (1 - effectiveness) on this threat
    factor: dict[Any, float]
    threat: Any = None  # the ThreatEvidence (its access vector decides who can use it)


def without(row: Row, cid: Any) -> float:
    """The threat's chance with every pool candidate but ``cid``."""
    f = row.factor.get(cid, 1.0)
    if f > 0:
        return row.full / f
    value = row.base
    for other, g in row.factor.items():
        if other != cid:
            value *= g
    return value


class Effect:
    """One element's threats with one effect: the maxima the screening needs, and the
    rows in decreasing order so "the largest among those a candidate does not touch" is
    found in a step or two."""

    def __init__(self, rows: list[Row]):
        self.rows = rows
        self.by_base = sorted(range(len(rows)), key=lambda i: -rows[i].base)
        self.by_full = sorted(range(len(rows)), key=lambda i: -rows[i].full)
        self.base_max = rows[self.by_base[0]].base
        self.full_max = rows[self.by_full[0]].full

    def untouched_max(self, order: list[int], touched: set[int], full: bool) -> float:
        for i in order:
            if i not in touched:
                return self.rows[i].full if full else self.rows[i].base
        return 0.0


def effects_of(threat) -> frozenset[str]:
    """A threat's effects (``control`` when it names none)."""
    return getattr(threat, "effects", None) or frozenset({"control"})


def make_rows(threats: list, ids: set[str], name: Callable[[str], Any] = lambda cid: cid
              ) -> list[Row]:
    """The rows of one element's usable threats; options outside the pool ``ids`` are
    left out, the others keyed by ``name(cid)``."""
    rows = []
    for t in threats:
        base = t.probability * t.in_place
        factor: dict[Any, float] = {}
        for cid, eff in t.options:
            if cid in ids:
                key = name(cid)
                factor[key] = factor.get(key, 1.0) * (1.0 - eff)
        full = base
        for f in factor.values():
            full *= f
        rows.append(Row(effects_of(t), base, full, factor, t))
    return rows


@dataclass
class Figures:
    """What one control does on one element shape, per effect it touches (sorted)."""

    matter: bool  # it can change a step there (``ScreenTable.matters``)
    alone: list[tuple[str, float]]  # (effect, how much it alone lowers the chance)
    screen: list[float]  # the screening drop: alone, or added last to the pool


class ScreenTable:
    """The pool's elements' threats, once per element *state* (module docstring).

    Threats no analysed attacker can use (their vector, ``AttackGraph.for_vectors``) are
    left out: they never lower a step. Only candidates of the pool given here touch rows:
    a candidate added to the pool later scores nothing, as it touches no row.

    The states are read off the graph's option table (``element_states.OptionTable``,
    built once per graph family for the what-ifs): an element's graph shape number and
    which of its option positions are in the pool, found with numpy as
    ``element_states.group`` does. Elements of one state have equal rows once options are
    named by their position (the shape holds every threat's chance, controls in place,
    effects, vector and options by position), so the figures are worked out on one of
    them, keyed by position, and each pool candidate finds its own through its option
    number: no walk of the 365,000 option entries of a 10,000-element model in Python."""

    def __init__(self, pool: list, graph: AttackGraph, runs=()) -> None:
        sets = [inner_vectors(r.profile.vectors) for r in runs]
        self._anyone: frozenset[str] | None = (
            None if not sets or any(v is None for v in sets) else frozenset().union(*sets))
        self._evidence = graph.evidence
        table: OptionTable = graph._option_table
        self._table = table
        #: per pool candidate, its option number (the spare last one: no option, a fleet)
        self.pool_numbers = np.fromiter(
            map(table.numbers.get, map(_ID, pool), repeat(len(table.numbers))),
            dtype=np.int64, count=len(pool))
        #: per option number, whether it is a pool candidate (the spare last place false)
        self._in_pool = np.zeros(len(table.numbers) + 1, dtype=bool)
        self._in_pool[self.pool_numbers] = True
        self._in_pool[-1] = False
        #: the pool's options, as the rows read them (``cid in ids``)
        self.ids = _Options(table.numbers, self._in_pool.tolist())
        elements = sorted(set().union(*map(_ELEMENTS, pool)))
        #: element -> the number of its figures; per number, per option position: the
        #: figures (elements of one number have equal rows, options named by position)
        self.shape_of: dict[str, int] = {}
        self.figures: list[dict[int, Figures]] = []
        self._rows: dict[str, list[Row]] = {}
        #: per option number: the one (pool element, figures) it touches a row on, the
        #: pool element's place in ``_elements`` (-1: none, -2: several: ``_parts``)
        self._elements = elements
        self._one = np.full(len(table.numbers) + 1, -1, dtype=np.int64)
        self._one_figures: list[Figures] = []
        self._one_at = np.full(len(table.numbers) + 1, -1, dtype=np.int64)
        self._known: dict[tuple, int] = {}  # what rows are made of -> figures' number
        ordinal = table.ordinal
        rows_of = np.fromiter((ordinal.get(e, -1) for e in elements), dtype=np.int64,
                              count=len(elements))
        listed = np.flatnonzero(rows_of >= 0)
        none = [e for k, e in enumerate(elements) if rows_of[k] < 0]
        if none:  # no evidence entry: no rows
            self.shape_of.update(dict.fromkeys(none, self._figures_of([], {}.get)))
        if listed.size:
            self._fill(table, listed, rows_of[listed])

    def _figures_of(self, threats: list, name: Callable[[str], Any]) -> int:
        """The number of the figures of these (usable) threats' rows, options named by
        ``name``: worked out once per distinct rows (states of several graph shapes may
        have equal rows: their elements differ in what the screening does not read)."""
        ids = self.ids
        key = tuple((t.effects, t.probability, t.in_place,
                     tuple([(name(cid), eff) for cid, eff in t.options if cid in ids]))
                    for t in threats)
        n = self._known.get(key)
        if n is None:
            n = self._known[key] = len(self.figures)
            self.figures.append(_figures(make_rows(threats, ids, name)))
        return n

    def _fill(self, table: OptionTable, places: np.ndarray, js: np.ndarray) -> None:
        """States, figures and each option number's (element, figures) for the pool's
        elements ``places`` (in ``_elements``), table rows ``js``."""
        counts = table.count[js]
        owner = np.repeat(np.arange(js.size), counts)
        starts = np.cumsum(counts) - counts
        position = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)
        entry = position + np.repeat(table.start[js], counts)
        option = table.option[entry]
        # the pool's ids as a mask over option numbers (a pool about the table's size
        # is read by scanning the table's ids)
        picked = self._in_pool[:-1][option]
        # each element's positions in the pool as a bit set, as ``element_states.group``
        bits = np.bincount(owner, weights=np.where(picked, table.bit[entry], 0.0),
                           minlength=js.size).astype(np.int64)
        wide = np.flatnonzero(counts > MAX_BITS)
        keys: list = list(zip(table.shape[js].tolist(), bits.tolist(), strict=True))
        for k in wide.tolist():  # too many options for a bit set: the positions themselves
            keys[k] = (keys[k][0], tuple(position[owner == k][picked[owner == k]].tolist()))
        known: dict = {}
        state = np.fromiter((known.setdefault(key, len(known)) for key in keys),
                            dtype=np.int64, count=len(keys))
        _, first = np.unique(state, return_index=True)
        elements = self._elements
        offset = np.zeros(len(known) + 1, dtype=np.int64)
        offset[1:] = np.cumsum(counts[first])
        figure_at = np.full(int(offset[-1]), -1, dtype=np.int64)
        found: list[Figures] = []
        number_of = []  # per state: its figures' number
        for s, k in enumerate(first.tolist()):
            e = elements[int(places[k])]
            order = table.orders[int(js[k])]
            name = {cid: p for p, cid in enumerate(order)}.__getitem__
            number_of.append(self._figures_of(
                _usable(self._evidence.get(e) or [], self._anyone), name))
            for p, f in self.figures[number_of[-1]].items():
                figure_at[offset[s] + p] = len(found)
                found.append(f)
        self.shape_of.update(zip([elements[k] for k in places.tolist()],
                                 np.array(number_of, dtype=np.int64)[state].tolist(),
                                 strict=True))
        # the pool's option entries that touch a row: per option number, how many
        fig = figure_at[offset[state[owner]] + position]
        touch = np.flatnonzero(picked & (fig >= 0))
        number = option[touch]
        many = np.bincount(number, minlength=len(self._one)) > 1
        self._one_figures = found
        self._one[number] = fig[touch]
        self._one_at[number] = places[owner[touch]]
        self._one[many] = -2

    def rows(self, element: str) -> list[Row]:
        """The element's rows with the candidates' own ids (as the bundles read them);
        [] for an element no pool candidate is on."""
        found = self._rows.get(element)
        if found is None:
            found = []
            if element in self.shape_of:
                found = make_rows(_usable(self._evidence.get(element) or [], self._anyone),
                                  self.ids)
            self._rows[element] = found
        return found

    def _parts(self, cand) -> list[tuple[str, Figures]]:
        """Per element of the candidate (sorted) whose rows it touches: (element, its
        figures there); none for a candidate outside the pool."""
        cid = cand.id
        if cid not in self.ids:
            return []
        elements = cand.elements
        out = []
        shape_of, figures, table = self.shape_of, self.figures, self._table
        for e in sorted(elements) if len(elements) > 1 else elements:
            s = shape_of.get(e)
            j = table.ordinal.get(e)
            if s is not None and j is not None and cid in table.orders[j]:
                found = figures[s].get(table.orders[j].index(cid))
                if found is not None:
                    out.append((e, found))
        return out

    def _touches(self, cands: list) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The candidates' ids, what each touches (``_one``: its figures' number, -1
        none, -2 several elements) and where (its element's place in ``_elements``)."""
        ids = list(map(_ID, cands))
        numbers = self._table.numbers  # an id it does not list: the last, touching nothing
        n = np.fromiter(map(numbers.get, ids, repeat(len(numbers))), dtype=np.int64,
                        count=len(ids))
        return ids, self._one[n], self._one_at[n]

    def _where(self, cand) -> list[tuple[str, Figures]] | tuple[tuple[str, Figures]]:
        """:meth:`_parts`, looked up for a candidate on one element."""
        n = self._table.numbers.get(cand.id)
        if n is None:
            return ()
        f = int(self._one[n])
        if f >= 0:
            return ((self._elements[int(self._one_at[n])], self._one_figures[f]),)
        return self._parts(cand) if f == -2 else ()

    def matters(self, cands) -> set[str]:
        """The ids of the candidates that can change a step: on one of their elements and
        for one effect (control, expose, deny), a threat they touch is easier than every
        threat they do not touch with every candidate in place (an element's chance is
        its easiest threat's)."""
        cands = cands if isinstance(cands, list) else list(cands)
        ids, one, _ = self._touches(cands)
        flags = self._figures_matter[np.where(one >= 0, one, len(self._one_figures))]
        for k in np.flatnonzero(one == -2).tolist():
            flags[k] = any(f.matter for _, f in self._parts(cands[k]))
        return set(compress(ids, flags.tolist()))

    @property
    def option_numbers(self) -> dict[str, int]:
        """Candidate id -> option number (the graph's ``OptionTable.numbers``)."""
        return self._table.numbers

    def matter_by_number(self, candidate: Callable[[str], Any]) -> list[bool]:
        """Per option number (and a false spare last place), whether the pool candidate of
        that id is one :meth:`matters` holds: its figures' ``matter`` on the one pool
        element it touches rows of; on several, its figures on each (``_parts``, the
        candidate's object given by ``candidate``). Read per option number, no set of the
        pool's ids (221,000 at 10,000 elements) is made or intersected."""
        one = self._one
        flags = self._figures_matter[np.where(one >= 0, one, len(self._one_figures))]
        several = np.flatnonzero(one == -2).tolist()
        if several:
            names = list(self._table.numbers)
            for n in several:
                flags[n] = any(f.matter for _, f in self._parts(candidate(names[n])))
        return flags.tolist()

    @functools.cached_property
    def _figures_matter(self) -> np.ndarray:
        """Per figures of ``_one_figures``, whether they matter; false in the spare last
        place (an option touching no row, or several)."""
        return np.array([f.matter for f in self._one_figures] + [False], dtype=bool)

    def scores(self, cands, weight: dict[str, int], exposure: dict[str, float]
               ) -> dict[str, float]:
        """Per candidate, how much it lowers the chance of a step onto its elements,
        alone or added last to the other candidates there (so a pair that only works
        together scores), times how exposed the element is and how many targets above
        the threshold it leads to, per person-day (``recommend._screen``).

        A candidate on one element: its screening drops added one after the other from
        0.0, each times the element's scale, as a loop over its figures would (numpy,
        element-wise: the same floats)."""
        cands = cands if isinstance(cands, list) else list(cands)
        ids, one, places = self._touches(cands)
        found = self._one_figures
        width = max((len(f.screen) for f in found), default=0)
        drops = np.zeros((len(found) + 1, width))
        has = np.zeros((len(found) + 1, width), dtype=bool)
        for k, f in enumerate(found):
            drops[k, :len(f.screen)] = f.screen
            has[k, :len(f.screen)] = True
        single = one >= 0
        fig = np.where(single, one, len(found))
        scale_of = np.array([exposure.get(e, 0.0) * weight.get(e, 1) for e in self._elements]
                            + [0.0])
        scale = scale_of[np.where(single, places, len(self._elements))]
        total = np.zeros(len(ids))
        for k in range(width):
            total = np.where(has[fig, k], total + scale * drops[fig, k], total)
        for k in np.flatnonzero(one == -2).tolist():
            value = 0.0
            for e, figures in self._parts(cands[k]):
                part = exposure.get(e, 0.0) * weight.get(e, 1)
                for drop in figures.screen:
                    value += part * drop
            total[k] = value
        cost = np.fromiter(map(_COST, cands), dtype=float, count=len(cands))
        return dict(zip(ids, (total / np.maximum(cost, 1e-9)).tolist(), strict=True))

    def drops(self, cand, elements: set[str]) -> list[tuple[str, str, float]]:
        """(element, effect, how much the candidate alone lowers the element's chance of
        it) on its elements among ``elements``."""
        return [(e, effect, alone) for e, found in self._where(cand) if e in elements
                for effect, alone in found.alone]


class _Options:
    """The pool's options as a read-only set of ids: an id is in it when its option
    number is flagged. It stands for the set of the pool's 224,000 ids at 10,000
    elements, which only option ids are ever looked up in (a fleet's own id is none)."""

    __slots__ = ("_numbers", "_flags", "_spare")

    def __init__(self, numbers: dict[str, int], flags: list[bool]) -> None:
        self._numbers, self._flags, self._spare = numbers, flags, len(numbers)

    def __contains__(self, cid: object) -> bool:
        return self._flags[self._numbers.get(cid, self._spare)]


_ID = attrgetter("id")
_COST = attrgetter("cost")
_ELEMENTS = attrgetter("elements")


def _usable(threats: list, anyone: frozenset[str] | None) -> list:
    """The threats some analysed attacker can use (all of them when one attacker has every
    vector: then ``usable`` is true of each, and is not asked 131,000 times at 10,000
    elements)."""
    return list(threats) if anyone is None else [t for t in threats if usable(t, anyone)]


def _figures(rows: list[Row]) -> dict[Any, Figures]:
    """Per option (its name on the rows) of one state's rows that lowers some threat: its
    figures."""
    touched: dict[str, dict[str, set[int]]] = {}
    effects: dict[str, Effect] = {}
    for effect in sorted({x for r in rows for x in r.effects}):
        mine = [r for r in rows if effect in r.effects]
        effects[effect] = Effect(mine)
        for j, r in enumerate(mine):
            for local, f in r.factor.items():
                if f < 1.0:
                    touched.setdefault(local, {}).setdefault(effect, set()).add(j)
    out = {}
    for local, by in touched.items():
        found = out[local] = Figures(False, [], [])
        for effect, mine in by.items():
            data = effects[effect]
            rows_e = data.rows
            floor = data.untouched_max(data.by_full, mine, full=True)
            if max(rows_e[j].base for j in mine) > floor + 1e-12:
                found.matter = True
            alone = data.base_max - max(
                data.untouched_max(data.by_base, mine, full=False),
                max(rows_e[j].base * rows_e[j].factor[local] for j in mine))
            last = max(floor, max(without(rows_e[j], local) for j in mine)) - data.full_max
            found.alone.append((effect, alone))
            found.screen.append(max(alone, last))
    return out
