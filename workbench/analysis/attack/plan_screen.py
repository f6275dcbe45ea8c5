"""The control plan's screening arithmetic, worked out once per element *shape*.

Why: at 10,000 elements the plan screens about 224,000 candidates on 20,000 elements and
flows, yet those elements come in about a hundred shapes: the pumps of one kind carry the
same threats with the same chances and the same catalog options, only the candidates'
ids differ (``catalog:<control>@<element>``). What the screening reads about a candidate
(:meth:`ScreenTable.matters`, :meth:`ScreenTable.scores`,
:meth:`ScreenTable.drops`) depends on its element's rows and on which options in them are
its own, so it is computed once per (shape, control) and fanned out to the candidates.

An element's rows name an option by its *local* key: ``:<control>`` for the element's
own catalog candidate ``catalog:<control>@<element>``, the candidate id otherwise (the
model's planned controls). No model id starts with ``:`` (``model.base.Identifier``), so
the local keys of one element are as distinct as its candidate ids. Two elements have one
shape when their usable threats, in order, have the same effects, chance, controls in
place and options (local key, effectiveness) among the screened pool: then their rows are
equal float for float, and a control's figures on them too.

The plain per-element computation these replace is kept in
``tests/analysis/test_plan_screen.py`` as the oracle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.analysis.attack.evidence import usable
from workbench.analysis.attack.graph import AttackGraph, inner_vectors

#: Prefix of catalog candidate ids (``recommend.CATALOG_PREFIX``; not imported:
#: ``recommend`` imports this module).
CATALOG_PREFIX = "catalog:"
#: Where a local key starts in ``catalog:<control>@<element>`` (it keeps the ``:``).
_LOCAL_START = len(CATALOG_PREFIX) - 1


@dataclass
class Row:
    """One threat of an element, reduced for the screening arithmetic."""

    effects: frozenset[str]
    base: float  # chance with the controls in place
    full: float  # chance with every candidate of the pool too
    factor: dict[str, float]  # option -> its (1 - effectiveness) on this threat
    threat: Any = None  # the ThreatEvidence (its access vector decides who can use it)


def without(row: Row, cid: str) -> float:
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


def local_key(cid: str, element: str) -> str:
    """The option's name on ``element``'s rows (module docstring; ``_shape_key`` names
    them the same way, inline)."""
    n = len(element) + 1
    if cid[-n:-n + 1] == "@" and cid.endswith(element) and cid.startswith(CATALOG_PREFIX):
        return cid[_LOCAL_START:-n]
    return cid


def make_rows(threats: list, ids: set[str], name=lambda cid: cid) -> list[Row]:
    """The rows of one element's usable threats; options outside the pool ``ids`` are
    left out, the others keyed by ``name(cid)``."""
    rows = []
    for t in threats:
        base = t.probability * t.in_place
        factor: dict[str, float] = {}
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
    """The pool's elements' threats, once per shape (module docstring).

    Threats no analysed attacker can use (their vector, ``AttackGraph.for_vectors``) are
    left out: they never lower a step. Only candidates of the pool given here touch rows:
    a candidate added to the pool later scores nothing, as it touches no row."""

    def __init__(self, pool: list, graph: AttackGraph, runs=()) -> None:
        self.ids = {c.id for c in pool}
        sets = [inner_vectors(r.profile.vectors) for r in runs]
        self._anyone: frozenset[str] | None = (
            None if not sets or any(v is None for v in sets) else frozenset().union(*sets))
        self._evidence = graph.evidence
        #: element -> the number of its shape; per shape, per local key: its figures
        self.shape_of: dict[str, int] = {}
        self.figures: list[dict[str, Figures]] = []
        self._rows: dict[str, list[Row]] = {}
        #: candidate id -> (its element, its figures there), for candidates on one element
        #: that touch a row there (the others: ``_parts``)
        self._at: dict[str, tuple[str, Figures]] = {}
        self._multi: set[str] = set()
        known: dict[tuple, int] = {}
        ids, anyone, at, multi = self.ids, self._anyone, self._at, self._multi
        for e in sorted({e for c in pool for e in c.elements}):
            threats = _usable(self._evidence.get(e) or [], anyone)
            key, local = _shape_key(threats, e, ids)
            s = known.get(key)
            if s is None:
                s = known[key] = len(self.figures)
                self.figures.append(_figures(make_rows(threats, ids, local.__getitem__)))
            self.shape_of[e] = s
            figures = self.figures[s]
            for cid, name in local.items():
                found = figures.get(name)
                if found is None:
                    continue
                if cid in at or cid in multi:
                    at.pop(cid, None)
                    multi.add(cid)
                else:
                    at[cid] = (e, found)

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
        shape_of, figures = self.shape_of, self.figures
        for e in sorted(elements) if len(elements) > 1 else elements:
            s = shape_of.get(e)
            if s is not None:
                found = figures[s].get(local_key(cid, e))
                if found is not None:
                    out.append((e, found))
        return out

    def _where(self, cand) -> list[tuple[str, Figures]] | tuple[tuple[str, Figures]]:
        """:meth:`_parts`, looked up for a candidate on one element."""
        found = self._at.get(cand.id)
        if found is not None:
            return (found,)
        return self._parts(cand) if cand.id in self._multi else ()

    def matters(self, cands) -> set[str]:
        """The ids of the candidates that can change a step: on one of their elements and
        for one effect (control, expose, deny), a threat they touch is easier than every
        threat they do not touch with every candidate in place (an element's chance is
        its easiest threat's)."""
        at, multi = self._at, self._multi
        out = set()
        for c in cands:
            found = at.get(c.id)
            if found is not None:
                if found[1].matter:
                    out.add(c.id)
            elif c.id in multi and any(f.matter for _, f in self._parts(c)):
                out.add(c.id)
        return out

    def scores(self, cands, weight: dict[str, int], exposure: dict[str, float]
               ) -> dict[str, float]:
        """Per candidate, how much it lowers the chance of a step onto its elements,
        alone or added last to the other candidates there (so a pair that only works
        together scores), times how exposed the element is and how many targets above
        the threshold it leads to, per person-day (``recommend._screen``)."""
        out = {}
        for cand in cands:
            total = 0.0
            for e, found in self._where(cand):
                scale = exposure.get(e, 0.0) * weight.get(e, 1)
                for drop in found.screen:
                    total += scale * drop
            out[cand.id] = total / max(cand.cost, 1e-9)
        return out

    def drops(self, cand, elements: set[str]) -> list[tuple[str, str, float]]:
        """(element, effect, how much the candidate alone lowers the element's chance of
        it) on its elements among ``elements``."""
        return [(e, effect, alone) for e, found in self._where(cand) if e in elements
                for effect, alone in found.alone]


def _usable(threats: list, anyone: frozenset[str] | None) -> list:
    """The threats some analysed attacker can use (all of them when one attacker has every
    vector: then ``usable`` is true of each, and is not asked 131,000 times at 10,000
    elements)."""
    return list(threats) if anyone is None else [t for t in threats if usable(t, anyone)]


def _shape_key(threats: list, element: str, ids: set[str]) -> tuple[tuple, dict[str, str]]:
    """What the rows of ``element`` are made of, options by local key (two elements with
    one key have equal rows), and the local key of each option in ``ids``."""
    n = len(element) + 1
    suffix = "@" + element
    start = _LOCAL_START
    key = []
    local: dict[str, str] = {}
    for t in threats:
        row = [t.effects, t.probability, t.in_place]
        for cid, eff in t.options:
            if cid in ids:
                name = local.get(cid)
                if name is None:
                    name = local[cid] = (cid[start:-n] if cid.endswith(suffix)
                                         and cid.startswith(CATALOG_PREFIX) else cid)
                row.append(name)
                row.append(eff)
        key.append(tuple(row))
    return tuple(key), local


def _figures(rows: list[Row]) -> dict[str, Figures]:
    """Per option (local key) of one shape's rows that lowers some threat: its figures."""
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
