"""What to fund first: a control plan (``plan.py``). Edge cuts live in :mod:`.cuts`.

*Controls.* Candidates are the model's controls not yet in place and catalog controls
suggested for the threats found, each only where its catalog placement allows it
(:mod:`workbench.analysis.placement`). A candidate is dropped when it can never change
the chance of a step (its element, or the flow, is not reached by any attacker, or a threat
it does not touch stays the easiest one even with every other candidate in place); the
rest go to :func:`workbench.analysis.attack.plan.plan_controls`, which re-evaluates after
each choice and searches subsets exactly when there are few candidates. Every what-if
reuses the attacker's prepared solver and the same random numbers (common random
numbers), so differences between plans are not sampling noise, and the search budget is a
number of evaluations: the same seed gives the same plan on any machine.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, compress, islice, pairwise, repeat
from operator import attrgetter, itemgetter, not_
from typing import Any

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.element_states import OptionPick
from workbench.analysis.attack.evidence import (
    CONTROL,
    DENY,
    EXPOSE,
    Candidate,
    CandidateSites,
    CandidateTable,
    usable,
)
from workbench.analysis.attack.graph import AttackGraph, inner_vectors, step_graph
from workbench.analysis.attack.plan import MAX_EXACT, MAX_STEPS, plan_controls
from workbench.analysis.attack.plan_risk import RiskTerm
from workbench.analysis.attack.plan_screen import Row, ScreenTable
from workbench.analysis.attack.probability import Solution
from workbench.analysis.attack.step_patch import StepPatch
from workbench.analysis.attack.targets import TargetSpec

#: Worlds per what-if during the search (the final figures use the full size).
WHAT_IF_SAMPLES = 4096
#: Weight of a target's excess over the threshold when steps are chosen and ordered, by
#: target kind: what a board protects first (judgement; docs/attack-paths.md section 8).
TARGET_WEIGHTS = {"patient_safety": 3.0, "health_data": 2.0, "care_service": 1.0}
#: Weight of the mean attacker's excess next to the worst attacker's in a step's gain:
#: small, so the worst attacker comes first, yet not zero, so closing the remote attacker's
#: way in still counts where an insider already stands on the target (URGENT/11: the
#: monitors' flat LAN). 0.1 kept the casebook's other conclusions; 0.3 and 1 lost
#: Béthune's (docs/attack-paths.md, "What a plan optimises").
MEAN_ATTACKER_WEIGHT = 0.1
#: What reaches a target besides control of its element (``engine.target_reach``).
TARGET_EFFECT = {"health_data": EXPOSE, "care_service": DENY}
#: Evaluation budget: BUDGET_WORK / size, clamped, where the size of one evaluation is
#: the edges of every attacker's step graph plus 20 per target and attacker (the targets'
#: probabilities are read one by one). Deterministic: it depends on the model only.
BUDGET_WORK = 1_100_000
MIN_BUDGET, MAX_BUDGET = 12, 800


def evaluation_budget(runs, targets: int) -> int:
    """How many what-if evaluations the plan may spend on this model."""
    size = sum(int(r.graph.p.size) for r in runs) + 20 * targets * len(runs)
    return int(min(MAX_BUDGET, max(MIN_BUDGET, BUDGET_WORK // max(size, 1))))
#: Candidates the search evaluates (the best by the screening score beyond that); with a
#: budget given explicitly (``--plan-evaluations``), up to half of it, at most MAX_SEARCHED.
MAX_CANDIDATES = 60
MAX_SEARCHED = 500
#: Prefix of candidate ids made from catalog suggestions (``catalog:<control>@<element>``).
CATALOG_PREFIX = "catalog:"

#: Per attacker run: the chances on its sampled (core) edges and the solution they gave.
State = list[tuple[np.ndarray, Solution]]


def catalog_control_of(cand: Candidate) -> str | None:
    """The catalog control id of a ``catalog:<control>@<element>`` candidate or of a
    fleet, else None."""
    if isinstance(cand, FleetCandidate):
        return cand.control
    if not cand.id.startswith(CATALOG_PREFIX) or len(cand.elements) != 1:
        return None
    (element,) = cand.elements
    suffix = "@" + element
    if not cand.id.endswith(suffix):
        return None
    return cand.id[len(CATALOG_PREFIX):-len(suffix)]


@dataclass
class FleetCandidate(Candidate):
    """One catalog control on every element of one stencil: a programme, funded once.

    A fleet of 200 pumps otherwise gives 200 candidates, and a plan of "inventory on pump
    17, inventory on pump 42, ...". ``members`` are the per-element candidates it stands
    for; evaluating the fleet puts all of them in place.
    """

    members: tuple[str, ...] = ()
    control: str = ""


@dataclass
class BundleCandidate(Candidate):
    """Controls that together close an element's easiest ways in, funded as one step.

    An element's chance is its easiest threat's (``evidence.element_probability``), so on
    a pump with three near-certain threats no single control moves it: only a set that
    answers all three does ("authenticate the radio link" plus "isolate the legacy
    firmware"). A bundle starts from one *anchor* control touching the easiest threats
    and adds the cheapest controls (per threat answered) until every one of them is
    answered; the plan weighs it like any candidate and lists its members as steps.
    """

    members: tuple[str, ...] = ()
    anchor: str = ""
    element: str = ""
    effect: str = ""
    drop: float = 0.0  # how much it lowers the element's chance of that effect


BUNDLE_PREFIX = "bundle:"
#: Control kinds a bundle is made of ("" : the analyst's own control).
PREVENTIVE = frozenset({"prevent", ""})
#: Anchors tried per element and effect (the controls touching most of its easiest
#: threats, per person-day, first), and levels: the second level goes on to answer the
#: threats that are then the easiest.
MAX_ANCHORS, BUNDLE_LEVELS = 6, 2


#: A programme covering N elements costs the first element's person-days plus the
#: control's ``per_element_days`` for each further one (``control-costs.json``).
FLEET_PREFIX = "fleet:"


def applicable_candidates(candidates: dict[str, Candidate], model, catalog, stencils
                          ) -> tuple[dict[str, Candidate], int]:
    """Catalog candidates whose placement allows their element, and how many were not;
    plus one :class:`FleetCandidate` per catalog control and stencil with two or more
    elements. Costs are person-days (:mod:`.plan_costs`).

    The model's own planned controls are kept: the analyst put them there; so are
    candidates that are not plain :class:`Candidate` objects (fleets and bundles are the
    plan's own, made from these).

    A hospital group has a few hundred thousand catalog candidates of about sixty
    controls on elements of a few hundred kinds, and the catalog candidates of one
    element share one elements set (``evidence_from_risks``): what depends on the element
    (its placement site class, its stencil, its id's suffix) is read once per set
    (:class:`_Sites`), what depends on the control and the site class (placement, cost,
    kind) once per pair; per candidate only its id is split and the answer read. The
    plain per-candidate computation is the oracle in
    ``tests/analysis/test_control_placement.py``.
    """
    from workbench.analysis.attack.plan_costs import catalog_days, model_days

    made = candidates.sites if isinstance(candidates, CandidateTable) else None
    if made is not None and not made.fleets and len(made.control) == len(candidates):
        found = _applicable_by_sites(candidates, made, model, catalog, stencils)
        if found is not None:
            return found
    sites = _Sites(model, catalog, stencils)
    own = {c.id: c for c in model.controls}
    kept: dict[str, Candidate] = {}
    # per kept entry, in order: its control's and element's numbers (-1: not a site)
    control_at: list[int] = []
    element_at: list[int] = []
    start = len(CATALOG_PREFIX)
    per_set = sites.per_set
    for cid, cand in candidates.items():
        elements = cand.elements
        at = None
        if type(cand) is Candidate:
            at = per_set.get(id(elements))
            if at is None and len(elements) == 1:
                at = sites.entry(elements)
        if at is not None:  # on one element: a catalog candidate if its id says so
            suffix, answers, fleet, number = at
            if cid.startswith(CATALOG_PREFIX) and cid.endswith(suffix):
                control = cid[start:-len(suffix)]
                price = answers.get(control)
                if price is None:
                    price = answers[control] = sites.price(control, suffix[1:], catalog_days)
                if price:
                    if control and fleet is not None:
                        members = fleet.get(control)
                        if members is None:
                            members = fleet[control] = {}
                        members[suffix] = len(kept)
                    kept[cid] = cand
                    cand.cost, cand.kind, n = price
                    control_at.append(-1 if cid in own else n)
                    element_at.append(number)
                    continue
                continue
        kept[cid] = cand
        control_at.append(-1)
        element_at.append(-1)
        if cid in own:
            cand.cost = model_days(own[cid].cost, max(1, len(elements)))
    dropped = len(candidates) - len(kept)
    ids = list(kept)
    fleets: dict[str, np.ndarray] = {}
    for control, stencil in sorted((control, stencil) for stencil, by in sites.fleets.items()
                                   for control in by):
        members = sites.fleets[stencil][control]
        if len(members) < 2:
            continue
        order = sorted(members)  # the members' ids differ only by their "@<element>"
        ctype = catalog.controls.get(control)
        label = stencils.get(stencil).label if stencils.get(stencil) else stencil
        fid = f"{FLEET_PREFIX}{control}@{stencil}"
        at_members = [members[suffix] for suffix in order]
        fleets[fid] = np.array(at_members, dtype=np.int64)
        kept[fid] = FleetCandidate(
            fid, f"{ctype.title if ctype else control} on every {label} ({len(members)})",
            catalog_days(control, ctype.cost if ctype else None, len(members)),
            {suffix[1:] for suffix in order},
            members=tuple(ids[k] for k in at_members), control=control,
            kind=ctype.kind if ctype else "")
        control_at.append(-1)
        element_at.append(-1)
    table = CandidateTable(kept)
    if len(control_at) == len(kept):  # else a fleet replaced an entry of its id
        table.sites = CandidateSites(np.array(control_at, dtype=np.int64),
                                     np.array(element_at, dtype=np.int64),
                                     list(sites.control_numbers),
                                     list(sites.element_numbers), fleets)
    return table, dropped


def _applicable_by_sites(candidates: CandidateTable, made: CandidateSites, model, catalog,
                         stencils) -> tuple[CandidateTable, int] | None:
    """:func:`applicable_candidates` of a table whose sites number each catalog candidate's
    control and element (``evidence_from_risks``): placement, cost and kind asked once per
    (control, site class) and spread with numpy, fleets grouped by sorting the numbers
    (their order: control, stencil, then the members' ``"@<element>"``), the objects
    touched only to put their cost and kind. Entries without a site (the model's own
    controls) are kept as the per-candidate loop keeps them; None when one of them would
    be read there as a catalog candidate (a catalog-looking model control id): then the
    loop decides."""
    from workbench.analysis.attack.plan_costs import catalog_days, model_days

    keys, values = list(candidates), list(candidates.values())
    control, element = made.control, made.element
    rest = np.flatnonzero(control < 0).tolist()
    for k in rest:
        cand, cid = values[k], keys[k]
        if (type(cand) is Candidate and len(cand.elements) == 1
                and cid.startswith(CATALOG_PREFIX)
                and cid.endswith("@" + next(iter(cand.elements)))):
            return None
    own = {c.id: c for c in model.controls}
    for k in rest:
        if keys[k] in own:
            values[k].cost = model_days(own[keys[k]].cost, max(1, len(values[k].elements)))
    cost = np.empty(len(keys), dtype=float)
    cost[rest] = np.fromiter(map(_COST, map(values.__getitem__, rest)), dtype=float,
                             count=len(rest))
    sites = _Sites(model, catalog, stencils)
    classes: dict[Any, int] = {}
    class_of = np.array([classes.setdefault(sites.where.site_class(e), len(classes))
                         for e in made.elements], dtype=np.int64)
    on_site = np.flatnonzero(control >= 0)
    pair = control[on_site] * max(len(classes), 1) + class_of[element[on_site]]
    _, first, which = np.unique(pair, return_index=True, return_inverse=True)
    which = which.reshape(-1)
    prices = [sites.price(made.controls[control[k]], made.elements[element[k]],
                          catalog_days)[:2] for k in on_site[first].tolist()]
    allowed = np.array([bool(p) for p in prices], dtype=bool)[which]
    keep = np.ones(len(keys), dtype=bool)
    keep[on_site] = allowed
    placed = on_site[allowed]
    for k, p in zip(placed.tolist(), which[allowed].tolist(), strict=True):
        values[k].cost, values[k].kind = prices[p]
    if prices:  # the placed entries' costs: their (control, site class) pair's
        cost[placed] = np.array([p[0] if p else 0.0 for p in prices],
                                dtype=float)[which[allowed]]
    at = np.flatnonzero(keep)
    kept = _without(candidates, keys, np.flatnonzero(~keep))
    dropped = len(candidates) - len(kept)
    out_control = control[at]
    for cid in own:  # a catalog candidate's id that a model control has: no site
        if cid.startswith(CATALOG_PREFIX) and cid in kept:
            out_control[list(kept).index(cid)] = -1
    out_element = element[at]
    position = np.cumsum(keep) - 1  # an entry's position among the kept
    fleets: dict[str, np.ndarray] = {}
    fleet_cost: list[float] = []
    for control_id, stencil, members in _fleet_groups(placed, made, model):
        order = _picked(keys, members.tolist())
        ctype = catalog.controls.get(control_id)
        label = stencils.get(stencil).label if stencils.get(stencil) else stencil
        fid = f"{FLEET_PREFIX}{control_id}@{stencil}"
        fleets[fid] = position[members]
        kept[fid] = FleetCandidate(
            fid, f"{ctype.title if ctype else control_id} on every {label} ({len(order)})",
            catalog_days(control_id, ctype.cost if ctype else None, len(order)),
            set(_picked(made.elements, element[members].tolist())),
            members=order, control=control_id, kind=ctype.kind if ctype else "")
        fleet_cost.append(kept[fid].cost)
    table = kept
    extra = len(kept) - len(out_control)
    if extra == len(fleets):  # else a fleet replaced an entry of its id
        table.sites = CandidateSites(
            np.concatenate([out_control, np.full(extra, -1, dtype=np.int64)]),
            np.concatenate([out_element, np.full(extra, -1, dtype=np.int64)]),
            made.controls, made.elements, fleets,
            np.concatenate([cost[at], np.array(fleet_cost, dtype=float)]))
    return table, dropped


def _without(candidates: CandidateTable, keys: list[str], dropped: np.ndarray
             ) -> CandidateTable:
    """A new table of ``candidates`` but the entries at positions ``dropped`` (``keys``:
    the table's keys in order), without sites.

    Why: the kept are nearly all of a few hundred thousand entries; the dict's own copy
    (a clone of its hash table) and a deletion per dropped entry cost a fraction of
    inserting each kept one into a new dict."""
    table = CandidateTable(candidates)
    remove = dict.__delitem__  # not the table's own: a Python call per entry
    for k in dropped.tolist():
        remove(table, keys[k])
    return table


def _picked(items: list, positions: list[int]) -> tuple:
    """``tuple(items[k] for k in positions)``, the items gathered in C (a fleet's members
    and their elements: a few hundred thousand over a hospital group's fleets)."""
    if len(positions) > 1:
        return itemgetter(*positions)(items)
    return tuple(items[k] for k in positions)


def _fleet_groups(placed: np.ndarray, made: CandidateSites, model
                  ) -> list[tuple[str, str, np.ndarray]]:
    """(control, stencil, the members' positions) of each fleet among the catalog
    candidates at ``placed`` (a control's candidates on the components of one stencil,
    two or more), ordered by control then stencil, the members by ``"@<element>"``: the
    per-candidate loop's order, from ranks of the names instead of a dict per fleet."""
    stencil_of = {c.id: c.stencil for c in model.components}
    of = [stencil_of.get(e) for e in made.elements]
    stencils = sorted({s for s in of if s is not None})
    stencil_rank = {s: r for r, s in enumerate(stencils)}
    rank_of = np.array([-1 if s is None else stencil_rank[s] for s in of], dtype=np.int64)
    control_rank = _id_ranks(made.controls)
    suffix_rank = _id_ranks(["@" + e for e in made.elements])
    named = np.array([bool(c) for c in made.controls], dtype=bool)
    control, element = made.control[placed], made.element[placed]
    has = (rank_of[element] >= 0) & named[control]
    placed, control, element = placed[has], control[has], element[has]
    order = np.lexsort((suffix_rank[element], rank_of[element], control_rank[control]))
    placed, control, element = placed[order], control[order], element[order]
    key = control_rank[control] * max(len(stencils), 1) + rank_of[element]
    starts = np.flatnonzero(np.diff(key, prepend=-1)).tolist() + [len(key)]
    out = []
    for a, b in pairwise(starts):
        if b - a >= 2:
            out.append((made.controls[control[a]], stencils[rank_of[element[a]]],
                        placed[a:b]))
    return out


#: :class:`_Sites`' entry of an element: ``"@" + element``, the answers of its site class
#: (catalog control -> (cost, kind, the control's number), or () where its placement
#: refuses the site), the fleets of its stencil (control -> member suffix -> the member's
#: position among the kept candidates; None: no stencil) and the element's number.
_Entry = tuple[str, dict[str, tuple], dict[str, dict[str, int]] | None, int]


class _Sites:
    """What :func:`applicable_candidates` reads about an element, per elements set."""

    def __init__(self, model, catalog, stencils) -> None:
        from workbench.analysis.placement import Placement

        self.catalog = catalog
        self.where = Placement(model, catalog, stencils)
        self.stencil_of = {c.id: c.stencil for c in model.components}
        #: id(elements set) -> its entry; ``_held`` keeps the sets (and so their ids)
        self.per_set: dict[int, _Entry] = {}
        self._held: list[set[str]] = []
        self._answers: dict[Any, dict[str, tuple]] = {}
        #: stencil -> control -> member suffix -> its position among the kept candidates
        self.fleets: dict[str, dict[str, dict[str, int]]] = {}
        #: numbers of the controls and elements met (``CandidateSites``), in order
        self.control_numbers: dict[str, int] = {}
        self.element_numbers: dict[str, int] = {}

    def entry(self, elements: set[str]) -> _Entry:
        """The entry of a one-element set (kept for the set's next candidates)."""
        (element,) = elements
        answers = self._answers.setdefault(self.where.site_class(element), {})
        stencil = self.stencil_of.get(element)
        fleet = None if stencil is None else self.fleets.setdefault(stencil, {})
        number = self.element_numbers.setdefault(element, len(self.element_numbers))
        found = self.per_set[id(elements)] = ("@" + element, answers, fleet, number)
        self._held.append(elements)
        return found

    def price(self, control: str, element: str, catalog_days) -> tuple:
        """``(cost, kind, the control's number)`` of ``control`` on ``element`` (and every
        element of its site class), () where its placement refuses it."""
        if not self.where.allows(control, element):
            return ()
        ctype = self.catalog.controls.get(control)
        return (catalog_days(control, ctype.cost if ctype else None),
                ctype.kind if ctype else "",
                self.control_numbers.setdefault(control, len(self.control_numbers)))


def _expand(chosen: Iterable[str], candidates: dict[str, Candidate]) -> list[str]:
    """The per-element candidates a set of candidates puts in place, sorted and distinct
    (``sorted({m for c in chosen for m in _members(candidates[c])})``).

    Each what-if's risk values read it: at 50,000 elements three fleets of thousands of
    members. A fleet's members come sorted, so the candidates' member tuples, put in
    order of their first member, make a few sorted runs that the one sort merges, and
    ``dict.fromkeys`` drops a member two candidates share, where a set of every member
    was hashed and sorted from scratch."""
    runs = sorted(map(_members, map(candidates.__getitem__, chosen)), key=_first)
    return list(dict.fromkeys(sorted(chain.from_iterable(runs))))


def _first(members: tuple[str, ...]) -> tuple[str, ...]:
    """A member tuple's first member (as a tuple: none for an empty one)."""
    return members[:1]


def _members(cand: Candidate) -> tuple[str, ...]:
    """The per-element candidates a candidate stands for (itself, or a fleet's or a
    bundle's members)."""
    return cand.members if isinstance(cand, _GROUPED) else (cand.id,)


#: The candidate types standing for members (a tuple built once: ``A | B`` in the
#: ``isinstance`` call built a union object per call, once per candidate in the ranking).
_GROUPED = (FleetCandidate, BundleCandidate)


def _with_controls(graph: AttackGraph, chosen: list[str], candidates: dict[str, Candidate],
                   base: tuple[AttackGraph, frozenset[str]] | None = None) -> AttackGraph:
    """``graph.with_controls`` with the per-element candidates ``chosen`` stands for, on
    their elements (an element's chances read only the options its threats list, so one
    copy serves any number of candidates: the plan's whole pool, 224,000 at 10,000
    elements, is one copy and one view per attacker).

    ``base``: a copy already holding some of them, and those members: only the elements
    of the others are changed (every member is passed, so an element the two sets share
    gets both), and the views start from the base's (``AttackGraph.for_vectors``)."""
    if not chosen:
        return graph
    members, singles, elements = _member_set(chosen, candidates)
    if base is not None:
        start, had = base
        new = members.difference(had)
        return start.with_controls(members, set().union(
            *[candidates[c].elements for c in new]))
    # the members' elements: the singles' were read with them, the rest looked up
    elements.update(*[candidates[m].elements for m in members.difference(singles)])
    return graph.with_controls(members, elements)


def _pool_copy(graph: AttackGraph, pool: list[Candidate], numbers: np.ndarray,
               candidates: dict[str, Candidate], known: _Known | None = None
               ) -> AttackGraph:
    """``_with_controls(graph, [c.id for c in pool], candidates)``'s copy, from the
    options' numbers: ``numbers`` are those of the pool's first candidates (the
    screening table's, ``ScreenTable.pool_numbers``), the others' and the groups'
    members' are looked up. The plan's whole pool is a million candidates at 50,000
    elements: no set of their ids, no scan of the option table against it
    (``AttackGraph.with_options``). The copy made of the ids is the oracle
    (``tests/analysis/test_plan_whatif_copies.py``)."""
    table = graph._option_table
    lookup, spare = table.numbers.get, len(table.numbers)
    grouped = list(map(isinstance, pool, repeat(_GROUPED)))
    alone = list(map(not_, grouped))
    head = len(numbers)
    mask = np.zeros(spare + 1, dtype=bool)
    mask[numbers[np.array(alone[:head], dtype=bool)]] = True
    mask[_numbers_of(map(_ID, compress(pool[head:], alone[head:])), lookup, spare)] = True
    mask[-1] = False
    elements = set(chain.from_iterable(map(_ELEMENTS, compress(pool, alone))))
    # the groups' members: the elements of those not in the pool alone looked up (an
    # option number is one id's: a member whose number a single marked is that single)
    groups = list(compress(pool, grouped))
    sited = [known is not None and c.id in known.fleets and known.table.get(c.id) is c
             for c in groups]
    members = list(chain.from_iterable(c.members for c in compress(groups, map(not_, sited))))
    at = _numbers_of(members, lookup, spare)
    objects = list(map(candidates.__getitem__, members))
    if known is not None and any(sited):  # the fleets' members by their positions
        fleets = known.fleets
        where = np.concatenate([fleets[c.id] for c in compress(groups, sited)])
        found = known.number_at[where]
        values = list(known.table.values())
        unknown = np.flatnonzero(found < 0)
        found[unknown] = _numbers_of(map(_ID, map(values.__getitem__, where[unknown].tolist())),
                                     lookup, spare)
        at = np.concatenate([at, found])
        objects += map(values.__getitem__, where.tolist())
    new = (~mask[at]).tolist()
    mask[at] = True
    mask[-1] = False
    elements.update(chain.from_iterable(map(_ELEMENTS, compress(objects, new))))
    return graph.with_options(OptionPick(table, mask), elements)


@dataclass
class _Known:
    """What :func:`_pool_copy` reads of a :class:`CandidateTable` with sites: per
    position its option number where the screening looked it up (-1 elsewhere), and the
    fleets' members' positions (``CandidateSites.fleets``): a fleet's members are found
    without their 880,000 ids looked up at 50,000 elements."""

    table: CandidateTable
    number_at: np.ndarray
    fleets: dict[str, np.ndarray]


def _known_numbers(candidates: dict[str, Candidate], at: np.ndarray, numbers: np.ndarray
                   ) -> _Known | None:
    """:class:`_Known` of ``candidates`` (None without sites describing every entry):
    ``numbers`` are the option numbers of the candidates at positions ``at``."""
    sites = candidates.sites if isinstance(candidates, CandidateTable) else None
    if sites is None or len(sites.control) != len(candidates):
        return None
    number_at = np.full(len(candidates), -1, dtype=np.int64)
    number_at[at] = numbers
    return _Known(candidates, number_at, sites.fleets)


def _numbers_of(ids: Iterable[str], lookup, spare: int) -> np.ndarray:
    """The option numbers of ``ids`` (``lookup``: the table's ``numbers.get``; ``spare``
    for an id no option has)."""
    return np.fromiter(map(lookup, ids, repeat(spare)), dtype=np.int64)


_ID = attrgetter("id")


def _member_set(chosen: Iterable[str], candidates: dict[str, Candidate]
                ) -> tuple[set[str], set[str], set[str]]:
    """The per-element candidates ``chosen`` stands for, as a set (a copy reads them as
    one: no order, no sorting of the plan's whole pool); the chosen ones that stand for
    themselves, and their elements (read while they are at hand: the whole pool is
    224,000 at 10,000 elements, looked up once)."""
    # Whole-list steps (map, compress) instead of a Python loop per candidate; the sets
    # get their items in the loop's order (the grouped members, then the singles).
    chosen = chosen if isinstance(chosen, list | tuple) else list(chosen)
    cands = list(map(candidates.__getitem__, chosen))
    grouped = list(map(isinstance, cands, repeat(_GROUPED)))
    out: set[str] = set()
    for cand in compress(cands, grouped):
        out.update(cand.members)
    alone = list(map(not_, grouped))
    singles = set(compress(chosen, alone))
    elements = set(chain.from_iterable(map(_ELEMENTS, compress(cands, alone))))
    out |= singles
    return out, singles, elements


_ELEMENTS = attrgetter("elements")


def _evaluate(graph: AttackGraph, runs, specs: list[TargetSpec], chosen: list[str],
              candidates: dict[str, Candidate], samples: int, exact_limit: int,
              ref: State | None = None, memo: list[dict] | None = None,
              base: tuple[AttackGraph, frozenset[str]] | None = None,
              copies: dict[frozenset[str], tuple[AttackGraph, frozenset[str]]] | None = None,
              indices: tuple[list[int], list[str], list[np.ndarray]] | None = None,
              copy: AttackGraph | None = None) -> tuple[np.ndarray, State]:
    """Each attacker's probability of each target (rows: attackers, columns: targets) with
    ``chosen`` controls in place; the worst attacker's is the maximum of a column.

    A target is reached as the engine says (:func:`engine.target_reach`): control of its
    element, or for data and availability targets an attempt plus the element's exposure
    or denial, whose chances the controls lower too.

    ``ref``: the state the search stands on. A control on peeled devices only (a pump on
    one gateway) leaves an attacker's core edges as they were, so the core's probabilities
    (Monte Carlo and exact) are taken from ``ref`` and only peeled nodes are recomputed;
    with the same random numbers, sampling again would give the same values.

    ``memo``: per attacker, results by the chances of its step graph. Most candidates
    change one or two elements, which most attackers' graphs do not see at all (or see
    the same way as a set already measured): their row is taken as it was, with no solve.

    ``base``: an evaluated subset's copy and members (:func:`_with_controls`); ``copies``:
    where this evaluation's copy and members are kept, by ``chosen``; ``indices``:
    :func:`_indices`, when the caller has them; ``copy``: the what-if copy, made by the
    caller (:func:`_pool_copy`; ``chosen`` is then not read).
    """
    from workbench.analysis.attack.engine import targets_reach

    g2 = copy if copy is not None else _with_controls(graph, chosen, candidates, base)
    if copies is not None and chosen:
        copies[frozenset(chosen)] = (g2, g2.chosen_set)
    nodes, kinds, entries = indices or _indices(graph, runs, specs)
    node_array = np.asarray(nodes, dtype=np.int64)
    per = np.zeros((len(runs), len(specs)))
    state: State = []
    for k, run in enumerate(runs):
        view = g2.for_vectors(run.profile.vectors)
        known = memo[k] if memo is not None else None
        seen = None
        if isinstance(known, _Memo):
            seen = _view_key(view, graph.for_vectors(run.profile.vectors))
            key = known.views.get(seen) if seen is not None else None
            if key is not None:  # this view was measured: no step graph to build
                sol, row, core_p = known[key]
                state.append((core_p, sol))
                per[k] = row
                continue
        sg = (_patched_step_graph(known, view, graph.for_vectors(run.profile.vectors),
                                  entries[k], run.profile.capability)
              if seen is not None else step_graph(view, entries[k], run.profile.capability))
        p = sg.p
        core_p = run.solver.extend(p)[run.solver.c_edge]
        key = b"".join(x.tobytes() for x in (p, sg.expose_p, sg.deny_p) if x is not None)
        hit = known.get(key) if known is not None else None
        if hit is not None:
            state.append((core_p, hit[0]))
            per[k] = hit[1]
            _remember_view(known, seen, key)
            continue
        if ref is not None and np.array_equal(core_p, ref[k][0]):
            sol = run.solver.solve(p, reuse=ref[k][1])
        else:
            wanted = _exact_nodes(node_array, sg.attempt)
            sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=wanted,
                                   limit=exact_limit)
        state.append((core_p, sol))
        what_if = replace(run, graph=sg, solution=sol)
        per[k] = targets_reach(what_if, node_array, kinds, sol)  # all targets at once
        if known is not None and len(known) < MEMO_SIZE:
            known[key] = (sol, per[k].copy(), core_p)
            _remember_view(known, seen, key)
    return per, state


class _Memo(dict):
    """One attacker's results in a plan's search, by the chances of its step graph (the
    bytes of ``p``, ``expose_p`` and ``deny_p``: ``(solution, row, core_p)``), and in
    ``views`` those keys by the attacker's view of the what-if copy (:func:`_view_key`).

    Equal views give equal step graphs (the attacker's entries, capability and the
    graph's edges are the plan's), so a view seen before skips ``step_graph`` and the
    solver's ``extend`` too (a small model's what-ifs repeat views often)."""

    __slots__ = ("views", "patch")

    def __init__(self) -> None:
        super().__init__()
        self.views: dict[tuple, bytes] = {}
        #: The attacker's step graph of the plan's graph, which what-ifs are patched from.
        self.patch: StepPatch | None = None


def _patched_step_graph(known: _Memo, view: AttackGraph, base: AttackGraph,
                        entries: np.ndarray, capability: float):
    """The step graph of an attacker's ``view`` of a what-if copy, patched from its step
    graph of ``base`` (the plan's graph) on the steps the what-if changed
    (:class:`.step_patch.StepPatch`: the same chances as ``step_graph``)."""
    patch = known.patch
    if (patch is None or patch.base is not base or patch.capability != capability
            or not np.array_equal(patch.entries, entries)):
        patch = known.patch = StepPatch(base, entries, capability)
    return patch.step_graph(view)


def _remember_view(known: _Memo | dict, seen: tuple | None, key: bytes) -> None:
    """Note that the view ``seen`` has the step graph chances ``key`` (already in
    ``known``), while there is room."""
    if seen is not None and key in known and len(known.views) < MEMO_SIZE:
        known.views[seen] = key


#: The arrays of a graph that :func:`graph.step_graph` reads chances from.
_VIEW_ARRAYS = ("node_miss", "flow_miss", "entry_miss", "expose_miss", "deny_miss")


#: Up to this many elements a view key holds the chance arrays' bytes whole (cheaper
#: than telling the changed positions apart; the step graph's key is as large).
WHOLE_VIEW_KEY = 1024


def _view_key(view: AttackGraph, base: AttackGraph) -> tuple | None:
    """What an attacker's ``view`` of a what-if copy gives ``step_graph``: on a small
    model the chance arrays' bytes; else what differs from ``base``, the attacker's view
    of the plan's graph: per chance array, the positions whose values differ bit for bit
    and those values (a what-if changes a few elements: a small key, not the model's
    arrays). None when the two do not share their edges, nodes and open segments, or an
    array is not of floats (then only the step graph's chances tell)."""
    if not (view.raw_src is base.raw_src and view.raw_dst is base.raw_dst
            and view.raw_flow is base.raw_flow and view.nodes is base.nodes
            and view.broadcast is base.broadcast):
        return None
    arrays = [getattr(view, name) for name in _VIEW_ARRAYS]
    if any(a is not None and a.dtype != np.float64 for a in arrays):
        return None
    if len(view.nodes) <= WHOLE_VIEW_KEY:
        return tuple([None if a is None else a.tobytes() for a in arrays])
    return tuple([_changed(a, getattr(base, name))
                  for a, name in zip(arrays, _VIEW_ARRAYS, strict=True)])


def _changed(own: np.ndarray | None, base: np.ndarray | None) -> tuple | None:
    """``own`` told apart from ``base``: None when it is None, else its changed
    positions and their values' bytes (all of it when the two cannot be compared bit
    for bit)."""
    if own is None:
        return None
    if base is None or own.shape != base.shape or own.dtype != base.dtype:
        return ("whole", own.shape, own.tobytes())
    at = np.flatnonzero(own.view(np.int64) != base.view(np.int64))
    return (at.tobytes(), own[at].tobytes())


def _exact_nodes(nodes: np.ndarray, attempt: np.ndarray) -> list[int]:
    """The targets' nodes and their attempt nodes, sorted and distinct (what a what-if
    solves exactly when small enough), read with numpy: ``sorted(set(nodes) |
    {attempt[t] for t in nodes if attempt[t] >= 0})``, thousands of targets."""
    tried = attempt[nodes]
    return sorted_distinct(np.concatenate([nodes, tried[tried >= 0]])).tolist()


def _indices(graph: AttackGraph, runs, specs: list[TargetSpec]
             ) -> tuple[list[int], list[str], list[np.ndarray]]:
    """The targets' nodes and kinds and each attacker's entry nodes (looked up once per
    plan and passed to :func:`_evaluate`: 6,600 targets at 10,000 elements), the entries
    as the array ``step_graph`` reads (not a list of 10,000 converted per what-if)."""
    return ([graph.index[s.element] for s in specs], [s.kind for s in specs],
            [sorted_distinct(np.array([graph.index[e] for e in run.entries], dtype=np.int64))
             for run in runs])


#: What-if copies of the graph kept in one plan's search (each with its attackers' views,
#: a few arrays of the model's size), for evaluations of larger sets to start from.
COPIES_KEPT = 16


#: Results kept per attacker in one plan's search (a solution is a few arrays of the
#: graph's size).
MEMO_SIZE = 4096


#: Targets whose ancestors are counted one by one for the screening weight (beyond, the
#: weight is 1 for every element upstream of some target).
MAX_COUNTED_TARGETS = 400


def _relevant(graph: AttackGraph, runs, hot: list[int], candidates: dict[str, Candidate]
              ) -> tuple[list[Candidate], dict[str, int], np.ndarray]:
    """Candidates on an element (or a flow) that some attacker reaches and from which a
    target above the threshold can be reached (no other control can change a target), and
    per element or flow the number of such targets it leads to (screening weight); third,
    the candidates' positions in the dict."""
    if not hot:
        return [], {}, np.zeros(0, dtype=np.int64)
    reached = np.zeros(graph.size, dtype=bool)
    for r in runs:
        reached |= r.solution.probability[:graph.size] > 0
    preds: dict[int, list[int]] = {}
    for a, b in zip(graph.raw_src.tolist(), graph.raw_dst.tolist(), strict=True):
        preds.setdefault(b, []).append(a)

    def ancestors(starts: list[int]) -> np.ndarray:
        mark = np.zeros(graph.size, dtype=bool)
        mark[starts] = True
        stack = list(starts)
        while stack:
            for a in preds.get(stack.pop(), ()):
                if not mark[a]:
                    mark[a] = True
                    stack.append(a)
        return mark

    upstream = ancestors(hot)
    count = upstream.astype(np.int64)
    if len(hot) <= MAX_COUNTED_TARGETS:
        count = np.zeros(graph.size, dtype=np.int64)
        for t in hot:
            count += ancestors([t])
    weight = {graph.nodes[i]: int(count[i]) for i in np.flatnonzero(upstream & reached)}
    for k, a, b in zip(graph.raw_flow.tolist(), graph.raw_src.tolist(),
                       graph.raw_dst.tolist(), strict=True):
        if k >= 0 and reached[a] and upstream[b]:
            name = graph.flows[k]
            weight[name] = max(weight.get(name, 0), int(count[b]))
    at = _touching_at(candidates, weight.keys())
    values = list(candidates.values())
    return [values[k] for k in at.tolist()], weight, at


def _touching_at(candidates: dict[str, Candidate], names) -> np.ndarray:
    """The positions in the dict of the candidates with an element among ``names``.

    A :class:`CandidateTable` with sites answers for its catalog candidates per element
    number (a mask over 20,000 elements, spread over 224,000 candidates at 10,000
    elements) and reads only its other entries' objects; the plain way, ``isdisjoint``
    per candidate, is the oracle (``tests/analysis/test_candidate_table.py``)."""
    values = list(candidates.values())
    sites = candidates.sites if isinstance(candidates, CandidateTable) else None
    if sites is None or len(sites.control) != len(candidates):
        return np.array([k for k, c in enumerate(values) if not names.isdisjoint(c.elements)],
                        dtype=np.int64)
    near = np.fromiter((e in names for e in sites.elements), dtype=bool,
                       count=len(sites.elements))
    on_site = sites.control >= 0
    keep = np.zeros(len(values), dtype=bool)
    keep[on_site] = near[sites.element[on_site]]
    for k in np.flatnonzero(~on_site).tolist():
        keep[k] = not names.isdisjoint(values[k].elements)
    return np.flatnonzero(keep)


def _exposure(graph: AttackGraph, runs) -> dict[str, float]:
    """Per element and flow: the highest chance any attacker stands on (or uses) it."""
    top = np.zeros(graph.size)
    for r in runs:
        top = np.maximum(top, r.solution.probability[:graph.size])
    exposure = dict(zip(graph.nodes, top.tolist(), strict=False))
    # per flow, the highest over the steps it carries (one pass, not one scan per flow)
    used = graph.raw_flow >= 0
    best = np.full(len(graph.flows), -np.inf)
    np.maximum.at(best, graph.raw_flow[used], top[graph.raw_src[used]])
    for flow, value in zip(graph.flows, best.tolist(), strict=True):
        exposure[flow] = value if value != -np.inf else 0.0
    return exposure


def _screen(pool: list[Candidate], weight: dict[str, int], table: ScreenTable,
            exposure: dict[str, float], sites: CandidateSites | None = None
            ) -> dict[str, float]:
    """Screening score when there are too many candidates to evaluate: how much the
    candidate lowers the chance of a step onto its elements, alone or added last to the
    other candidates on the same element (so a pair that only works together scores),
    times how exposed the element is and how many targets above the threshold it leads
    to, per person-day (worked out per element shape, :mod:`.plan_screen`); a fleet's
    is what its members would do, for its own cost. ``sites``: those of the table the
    pool's fleets are from (their members' costs read there), or None."""
    singles: list[Candidate] = []
    fleets: list[FleetCandidate] = []
    for c in pool:
        if not isinstance(c, _GROUPED):
            singles.append(c)
        elif isinstance(c, FleetCandidate):
            fleets.append(c)
    score = table.scores(singles, weight, exposure)
    if fleets:
        costs = _member_costs(fleets, sites)
        if costs is None:
            costs = {c.id: c.cost for c in pool}
        for c, total in zip(fleets, _member_totals(fleets, score, costs), strict=True):
            score[c.id] = total / max(c.cost, 1e-9)
    return score


def _member_costs(fleets: list[FleetCandidate], sites: CandidateSites | None
                  ) -> np.ndarray | None:
    """The fleets' members' costs, one after the other, from the table's cost array at
    the fleets' member positions; None without sites or costs, or when a fleet is not
    the table's.

    Why the same products: a member not in the pool had cost 0.0 in the plain way, but
    it has no screening score either (``ScreenTable.scores`` answers the pool's singles),
    so its product is 0.0 times a finite, positive cost (:mod:`.plan_costs`): 0.0 both
    ways. The oracle: ``tests/analysis/test_candidate_table.py``."""
    if sites is None or sites.cost is None:
        return None
    at = [sites.fleets.get(c.id) for c in fleets]
    if any(a is None for a in at):
        return None
    return sites.cost[np.concatenate(at)]


def _member_totals(fleets: list[FleetCandidate], score: dict[str, float],
                   costs: dict[str, float] | np.ndarray) -> list[float]:
    """Per fleet, its members' score times cost (0.0 for a member not screened), added
    one after the other from 0.0 in the members' order: ``cumsum`` adds in order, as a
    Python loop would (Python 3.11's ``sum``; 3.12's compensates), with the members'
    figures read by ``map`` over all fleets at once (59,000 members in the 54 fleets
    of a 10,000-element model's search head, a generator per fleet before). ``costs``:
    by id (0.0 for a member not there), or the members' costs in that order."""
    members = list(chain.from_iterable(c.members for c in fleets))
    size = len(members)
    if isinstance(costs, dict):
        costs = np.fromiter(map(costs.get, members, repeat(0.0)), dtype=float, count=size)
    product = (np.fromiter(map(score.get, members, repeat(0.0)), dtype=float, count=size)
               * costs)
    ends = np.cumsum([len(c.members) for c in fleets]).tolist()
    return [float(np.cumsum(np.concatenate(([0.0], product[start:end])))[-1])
            for start, end in zip([0, *ends], ends, strict=False)]


def _scores(table: ScreenTable, weight: dict[str, int], exposure: dict[str, float],
            bundle_score: dict[str, float], sites: CandidateSites | None,
            ranked: list[Candidate]) -> dict[str, float]:
    """:func:`_screen`'s scores of ``ranked``, and the bundles'."""
    score = _screen(ranked, weight, table, exposure, sites)
    score.update(bundle_score)
    return score


def _outside(candidates: dict[str, Candidate], at: np.ndarray) -> set[str]:
    """The ids of the candidates not at the positions ``at`` of the dict: at 10,000
    elements a few thousand left out of 224,000, so the risk-first candidates missing
    from the pool are found in a small set, not a set of the pool's 222,000 ids made
    to be probed 204,000 times (a candidate's id is its key)."""
    left = np.ones(len(candidates), dtype=bool)
    left[at] = False
    return set(compress(candidates, left.tolist()))


def _mattering(table: ScreenTable, pool: list[Candidate], candidates: dict[str, Candidate]
               ) -> list[bool]:
    """Per candidate of ``pool`` (the table's own, whose option numbers it holds), whether
    it can change a step (``ScreenTable.matters``); a fleet when one of its members can.
    Read as flags per option number
    (``ScreenTable.matter_by_number``), not as a set of the pool's ids tested candidate
    by candidate (221,000 at 10,000 elements); a fleet stops at its first member that
    can, as ``isdisjoint`` did. The plain filter is the oracle in
    ``tests/analysis/test_plan_screen.py``."""
    flags = table.matter_by_number(candidates.__getitem__)
    numbers = table.option_numbers
    spare = len(numbers)  # an id no option has: the false last place
    keep = list(map(flags.__getitem__, table.pool_numbers.tolist()))
    for k in compress(range(len(pool)), map(isinstance, pool, repeat(FleetCandidate))):
        keep[k] = any(map(flags.__getitem__,
                          map(numbers.get, pool[k].members, repeat(spare))))
    return keep


def _focus_options(table: ScreenTable, focus: dict[str, set[str]]) -> set[str]:
    """The candidates named on the focus elements' rows: all that :func:`_bundles` reads."""
    return {c for e in focus for r in table.rows(e) for c in r.factor}


def _bundles(table: ScreenTable, singles: dict[str, Candidate],
             focus: dict[str, set[str]], exposure: dict[str, float],
             weight: dict[str, int], views: list[frozenset[str] | None] | None = None
             ) -> tuple[dict[str, BundleCandidate], dict[str, float]]:
    """Bundles closing the easiest threats of each focus element (``focus``: element ->
    effects to close), with a screening score in :func:`_screen`'s units: the drop of the
    element's chance times its exposure and the targets it leads to, per person-day.
    ``singles``: the pool's single candidates, at least those :func:`_focus_options` names.

    ``views``: the vector sets of the analysed attackers (``inner_vectors``; None: every
    vector). Bundles are built for each: a radio attacker's way onto a pump is closed by
    authenticating its commands, and a bundle that also locks the debug port (a physical
    threat the radio attacker cannot use) would cost more for the same drop.

    The greedy (:func:`_close_easiest`) runs once per distinct set of rows (options named
    by their rank, with their costs, :func:`_local_rows`): the elements of one kind carry
    the same threats and options, only the candidates' ids differ."""
    out: dict[str, BundleCandidate] = {}
    score: dict[str, float] = {}
    seen: set[frozenset[str]] = set()
    # Preventive controls only: a bundle closes ways in; detection and response do not stop
    # the step (they stay candidates on their own).
    cost = {c: singles[c].cost for c in _focus_options(table, focus)
            if c in singles and singles[c].kind in PREVENTIVE}
    work = [(e, effect, view) for e in sorted(focus) for effect in sorted(focus[e])
            for view in (views or [None])]
    closed: dict[tuple, tuple[float, list[tuple[tuple[int, ...], float]]]] = {}
    for e, effect, view in work:
        rows = [r for r in table.rows(e) if effect in r.effects
                and (r.threat is None or usable(r.threat, view))]
        if not rows:
            continue
        names, key = _local_rows(rows, cost)
        found = closed.get(key)
        if found is None:
            found = closed[key] = _close_easiest(*key)
        start, levels = found
        for ranks, after in levels:
            chosen = [names[i] for i in ranks]
            key_set = frozenset(chosen)
            if len(chosen) >= 2 and key_set not in seen:
                seen.add(key_set)
                members = tuple(chosen)
                total = round(sum(cost[c] for c in members), 2)
                bid = f"{BUNDLE_PREFIX}{e}:{effect}:{'+'.join(members)}"
                names_shown = " + ".join(singles[c].title.removesuffix(f" on {e}")
                                         for c in members)
                out[bid] = BundleCandidate(
                    bid, f"Close the easiest ways onto {e}: {names_shown}", total,
                    {x for c in members for x in singles[c].elements},
                    members=members, anchor=chosen[0], element=e, effect=effect,
                    drop=start - after)
                score[bid] = (exposure.get(e, 0.0) * weight.get(e, 1)
                              * (start - after) / max(total, 1e-9))
    return out, score


def _local_rows(rows: list[Row], cost: dict[str, float]
                ) -> tuple[list[str], tuple[tuple, tuple[float, ...]]]:
    """The options of ``rows`` a bundle may take (those in ``cost``), sorted by id, and
    the rows with each such option named by its rank there: ((base, ((rank, factor), ...))
    per row, the ranks' costs). The greedy reads nothing else (ties go to the smaller id,
    that is the smaller rank), so equal keys give equal bundles, rank for rank."""
    names = sorted({c for r in rows for c in r.factor if c in cost})
    rank = {c: i for i, c in enumerate(names)}
    key = (tuple((r.base, tuple([(rank[c], f) for c, f in r.factor.items() if c in rank]))
                 for r in rows),
           tuple([cost[c] for c in names]))
    return names, key


def _close_easiest(rows: tuple[tuple[float, tuple[tuple[int, float], ...]], ...],
                   cost: tuple[float, ...]
                   ) -> tuple[float, list[tuple[tuple[int, ...], float]]]:
    """The bundle greedy on rows keyed by :func:`_local_rows`: the largest chance
    (``start``) and, per anchor and level closed, the options chosen so far (ranks, in
    the order chosen) and the largest chance left after them.

    An anchor is one of the options touching most of the easiest threats per
    person-day; then, level by level, the cheapest option (per threat answered) is added
    until every threat as easy as the level's is answered.

    Each row's chance left (its base times the factors of the options chosen, in the
    order chosen) is kept per anchor and multiplied by each option as it is chosen: the
    same products, in the same order, as working each out again from the base at every
    look (13,000 times on a 1,000-element model). The rows an option lowers, and the open
    rows, are bit sets (:func:`_rows_lowered`): how many open rows an option answers is
    one AND and a bit count, the same integer as counting them row by row."""
    factors = [dict(f) for _, f in rows]
    bases = [b for b, _ in rows]
    every = range(len(rows))
    lowers = _rows_lowered(factors)
    start = max(bases)
    top = _row_set(k for k in every if bases[k] >= start - 1e-12)
    touching = sorted(c for c, touched in lowers.items() if touched & top)
    anchors = sorted(touching, key=lambda c: (
        -(lowers[c] & top).bit_count() / max(cost[c], 1e-9), cost[c], c))[:MAX_ANCHORS]
    levels: list[tuple[tuple[int, ...], float]] = []
    for anchor in anchors:
        chosen = [anchor]
        left = [bases[k] * factors[k].get(anchor, 1.0) for k in every]
        now = start
        for _ in range(BUNDLE_LEVELS):
            while True:
                open_rows = _row_set(k for k in every if left[k] >= now - 1e-12)
                if not open_rows:
                    break
                options = sorted(c for c, touched in lowers.items()
                                 if touched & open_rows and c not in chosen)
                if not options:
                    break
                pick = min(options, key=lambda c: (
                    -(lowers[c] & open_rows).bit_count() / max(cost[c], 1e-9), cost[c], c))
                chosen.append(pick)
                left = [value * factors[k].get(pick, 1.0) for k, value in enumerate(left)]
            after = max(left)
            if after >= now - 1e-12:
                break  # this level cannot be closed with the candidates at hand
            levels.append((tuple(chosen), after))
            now = after
    return start, levels


def _rows_lowered(factors: list[dict[int, float]]) -> dict[int, int]:
    """Per option (rank), the rows whose chance it lowers (factor below 1), as a bit set
    (bit ``k``: row ``k``), in the order the options are first met."""
    lowers: dict[int, int] = {}
    for k, factor in enumerate(factors):
        bit = 1 << k
        for c, f in factor.items():
            if f < 1.0:
                lowers[c] = lowers.get(c, 0) | bit
    return lowers


def _row_set(rows: Iterable[int]) -> int:
    """Row numbers as a bit set (bit ``k``: row ``k``)."""
    out = 0
    for k in rows:
        out |= 1 << k
    return out


def _best_path_tree(sg, until: Iterable[int] | None = None) -> dict[int, int]:
    """Predecessor of each node on the attacker's most likely path to it (Dijkstra on
    ``-log p`` from the attacker, once for every target).

    ``until``: the targets whose paths are read. The search stops once each of them is
    settled: a settled node's predecessor, and its settled ancestors', never change
    afterwards (the weights are not negative), so their paths are the full search's;
    the hot targets are likely ones, settled early (on 10,000 elements after a tenth of
    the nodes or fewer). Out-edges are read from arrays sorted by source, not a dict of
    lists built for every edge (ties: the heap orders by distance, then node)."""
    import heapq

    live = sg.el_p > 0
    src, dst = sg.el_src[live], sg.el_dst[live]
    order = np.argsort(src, kind="stable")
    n = int(max(src.max(initial=-1), dst.max(initial=-1), sg.source)) + 1
    starts = np.searchsorted(src[order], np.arange(n + 1)).tolist()
    heads = dst[order].tolist()
    weights = (-np.log(np.maximum(sg.el_p[live], 1e-300)))[order].tolist()
    left = None if until is None else set(until)
    inf = float("inf")
    dist = {sg.source: 0.0}
    back: dict[int, int] = {}
    heap = [(0.0, sg.source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, inf):
            continue
        if left is not None:
            left.discard(u)
            if not left:
                break
        for i in range(starts[u], starts[u + 1]):
            v = heads[i]
            dv = d + weights[i]
            if dv < dist.get(v, inf) - 1e-15:
                dist[v] = dv
                back[v] = u
                heapq.heappush(heap, (dv, v))
    return back


def _path_steps(back: dict[int, int], source: int, target: int) -> list[tuple[int, int]]:
    """Steps of the most likely path to ``target`` in a :func:`_best_path_tree`."""
    steps = []
    v = target
    while v in back and v != source:
        steps.append((back[v], v))
        v = back[v]
    return steps[::-1] if v == source else []


#: Hot targets whose best paths choose the candidates always searched (the most excess
#: first), and those whose minimum cuts do too (a cut is a max-flow per target and
#: attacker: bounded so the focus stays a small share of a large model's analysis).
MAX_FOCUS_TARGETS, MAX_CUT_TARGETS = 40, 10


def _focus(graph: AttackGraph, runs, specs: list[TargetSpec], per: np.ndarray,
           threshold: float, weights: np.ndarray
           ) -> tuple[dict[str, set[str]], list[str]]:
    """Per element or flow, the effects a plan must be able to lower there: every step of
    each target's minimum cuts and most likely path for each attacker above the
    threshold (the entry step included), and the target itself. Second: the elements
    and flows of the patient-safety targets' own focus, most weighted excess first (their
    strongest fixes are always searched, :func:`_strongest`)."""
    from workbench.analysis.attack.cuts import forget_network, minimum_step_cut

    carried: dict[tuple[int, int], set[str]] = {}
    for k, a, b in zip(graph.raw_flow.tolist(), graph.raw_src.tolist(),
                       graph.raw_dst.tolist(), strict=True):
        if k >= 0:
            carried.setdefault((a, b), set()).add(graph.flows[k])
    excess = (np.maximum(0.0, per.max(axis=0) - threshold) * weights) if per.size else []
    hot = [j for j in np.argsort(-np.asarray(excess), kind="stable").tolist()
           if excess[j] > 0][:MAX_FOCUS_TARGETS]
    focus: dict[str, set[str]] = {}
    safety: dict[str, None] = {}  # ordered set
    trees: dict[int, dict[int, int]] = {}
    for rank, j in enumerate(hot):
        spec = specs[j]
        t = graph.index[spec.element]
        mine = safety if spec.kind == "patient_safety" else {}
        mine[spec.element] = None
        focus.setdefault(spec.element, set()).add(CONTROL)
        if spec.kind in TARGET_EFFECT:
            focus[spec.element].add(TARGET_EFFECT[spec.kind])
        for k, run in enumerate(runs):
            if per[k, j] <= threshold:
                continue
            sg = run.graph
            if k not in trees:  # settled as far as this attacker's hot targets
                trees[k] = _best_path_tree(sg, {graph.index[specs[i].element] for i in hot
                                                if per[k, i] > threshold})
            steps = _path_steps(trees[k], sg.source, t)
            if rank < MAX_CUT_TARGETS:
                steps += sorted(minimum_step_cut(sg, t))  # a set: sorted, so the
                # order of the strongest fixes never depends on the hash seed
            for u, v in steps:
                if v >= graph.size:
                    continue
                focus.setdefault(graph.nodes[v], set()).add(CONTROL)
                mine[graph.nodes[v]] = None
                for flow in sorted(carried.get((u, v), ())):
                    focus.setdefault(flow, set()).add(CONTROL)
                    mine[flow] = None
    for run in runs:
        forget_network(run.graph)  # the cuts' networks are not read past here
    return focus, list(safety)


#: Share of the searched candidates kept for those lowering the most critical (then high)
#: risks alone (``plan_risk.py``), after the patient-safety targets' strongest fixes.
RISK_SHARE = 0.25


class RiskFirst:
    """The risk-first order (:func:`_risk_first`): the candidates lowering a scored risk
    alone by (-gain rounded on ``GAIN_DIGITS``, cost, id), as positions into a list of
    ids, sorted only as far as read; a sequence of ids, each made when read.

    Why: at 50,000 elements about a million candidates lower a scored risk alone, and the
    plan reads only the order's head (``RISK_SHARE`` of the search) and the few ids the
    pool left out. A list of the million ids, a test of each against those left out, and
    a sort of the million (three keys, and the ids' ranks first) cost more than the rest
    of the order. Here the head is the ``size + len(skip)`` first by a partition on the
    gain then the cost, only those (and their ties) sorted; the left-out ids are sorted
    among themselves (by position when the positions are a candidate table's,
    ``source``: a flag per position); the whole order is sorted when iterated. Each sort
    is the same keys' (ids ranked as strings among the ones sorted), so each read gives
    the ids in the whole order's order (``tests/analysis/test_candidate_table.py``)."""

    __slots__ = ("keys", "at", "gain", "cost", "source", "_ranks", "_order")

    def __init__(self, keys: list[str], at: np.ndarray, gain: np.ndarray, cost: np.ndarray,
                 source: dict | None = None,
                 ranks: Callable[[], np.ndarray | None] | None = None) -> None:
        self.keys = keys  # the ids the positions point into
        self.at = at  # the candidates' positions in ``keys`` (in no particular order)
        self.gain = gain  # each one's gain, rounded and negated: the order's first key
        self.cost = cost  # each one's cost: the second key
        self.source = source  # the table whose keys ``keys`` are, in its order; or None
        self._ranks = ranks  # integers ordered as all of ``keys`` (None: not known)
        self._order: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.at)

    def __iter__(self) -> Iterator[str]:
        return map(self.keys.__getitem__, self.at[self._whole()].tolist())

    def _whole(self) -> np.ndarray:
        """The whole order, as indices into :attr:`at` (sorted once)."""
        if self._order is None:
            ranks = self._ranks() if self._ranks is not None else None
            self._order = (self._sorted(np.arange(len(self.at))) if ranks is None else
                           np.lexsort((ranks[self.at], self.cost, self.gain)))
        return self._order

    def _sorted(self, some: np.ndarray) -> np.ndarray:
        """``some`` (indices into :attr:`at`) in the order: the ids ranked as strings
        among themselves order them as among all."""
        ids = list(map(self.keys.__getitem__, self.at[some].tolist()))
        return some[np.lexsort((_id_ranks(ids), self.cost[some], self.gain[some]))]

    def _first(self, count: int) -> np.ndarray:
        """The first ``count`` of the order, as indices into :attr:`at`: those before the
        ``count``-th smallest gain, then of its equals those up to the ``count``-th
        smallest cost left, sorted (a candidate past both has ``count`` before it)."""
        if self._order is not None or count >= len(self.at):
            return self._whole()[:count]
        gain = self.gain
        limit = np.partition(gain, count - 1)[count - 1]
        before = np.flatnonzero(gain < limit)
        tied = np.flatnonzero(gain == limit)
        left = count - len(before)  # >= 1: the limit is the count-th smallest
        costs = self.cost[tied]
        ceiling = np.partition(costs, left - 1)[left - 1]
        within = costs <= ceiling if ceiling == ceiling else np.ones(len(tied), dtype=bool)
        some = np.concatenate([before, tied[within]])
        return self._sorted(some)[:count]

    def outside(self, table: dict[str, Candidate], at: np.ndarray) -> list[str]:
        """The ids, in order, of the candidates of ``table`` not at its positions ``at``
        (the pool's): by position when the order is this table's, else by id
        (:func:`_outside`)."""
        if table is self.source and len(self.keys) == len(table):
            left = np.ones(len(table), dtype=bool)
            left[at] = False
            some = self._sorted(np.flatnonzero(left[self.at]))
            return list(map(self.keys.__getitem__, self.at[some].tolist()))
        out = _outside(table, at)
        return [c for c in self if c in out]

    def head(self, size: int, skip: Container[str]) -> list[str]:
        """The first ``size`` ids not in ``skip`` (a set: ``len`` bounds how many of the
        first ids it can hold)."""
        if size <= 0:
            return []
        first = self._first(size + len(skip))  # type: ignore[arg-type]
        found = (c for c in map(self.keys.__getitem__, self.at[first].tolist())
                 if c not in skip)
        return list(islice(found, size))


def _risk_first(term: RiskTerm, candidates: dict[str, Candidate], pool: list[Candidate]
                ) -> RiskFirst:
    """Candidates that lower a scored risk alone, the most risk value removed first
    (then the cheaper, then id); fleets count their members' risks together. Bundles
    are left out (``candidates`` may hold them or not)."""
    del pool  # the order does not depend on what the attack screening kept
    sited = getattr(candidates, "sites", None) is not None
    keys, values = (list(candidates), list(candidates.values())) if sited else ([], [])
    found = (term.removed_table(candidates, FleetCandidate, BundleCandidate, (keys, values))
             if sited else None)
    if found is None:
        ids, costs, gains = _risk_gains(term, candidates)
        return RiskFirst(ids, np.arange(len(ids)), _rounded(np.asarray(gains, dtype=float)),
                         np.asarray(costs, dtype=float).reshape(-1))
    # read from the table's sites (the same entries, order and floats)
    singles, one, fleets, grouped = found
    term.screened()
    every = np.concatenate([one, np.array(grouped, dtype=float)])
    lowers = every > 1e-9
    keep, gains = np.concatenate([singles, fleets])[lowers], every[lowers]
    costs = candidates.sites.cost
    if costs is None:
        at = keep.tolist()
        costs = np.fromiter(map(_COST, map(values.__getitem__, at)), dtype=float,
                            count=len(at))
    else:
        costs = costs[keep]
    return RiskFirst(keys, keep, _rounded(gains), costs, candidates,
                     partial(_site_id_ranks, keys, candidates.sites))


_COST = attrgetter("cost")


def _rounded(gains: np.ndarray) -> np.ndarray:
    """The order's first key: each gain rounded on ``GAIN_DIGITS``, negated.

    Gains are sums of level weights (1, 0.1, x3, x4): two candidates that remove the same
    value may differ by float rounding only (3.5999999999999943 against
    3.6000000000000085 on the ward), and the cheaper must come first, as documented. A
    few thousand distinct gains, each rounded once (Python's ``round``)."""
    if not gains.size:
        return np.zeros(0)
    distinct, at = np.unique(gains, return_inverse=True)
    rounded = np.array([-round(g, GAIN_DIGITS) for g in distinct.tolist()], dtype=float)
    return rounded[at.reshape(-1)]


def _site_id_ranks(keys: list[str], sites: CandidateSites) -> np.ndarray | None:
    """Integers ordered as the table's ids ``keys`` are (code points), from its sites:
    None when a control's name holds ``"@"``.

    Why: sorting a million ids as strings (50,000 elements) is most of the risk-first
    order. A site's id is ``"catalog:<control>@<element>"``, and with no ``"@"`` in a
    control's name no ``"<control>@"`` is a prefix of another: two site ids compare as
    their controls' ``"<control>@"``, then as their elements. So the sites sort by a
    control rank and an element rank (a few dozen and a few thousand names); the other
    entries (fleets, the model's own controls: a few hundred) are sorted as strings and
    put among them by bisection. ``tests/analysis/test_candidate_table.py`` compares
    with the ids' own order."""
    if any("@" in c for c in sites.controls):
        return None
    on = sites.control >= 0
    on_site = np.flatnonzero(on)
    control_rank = _id_ranks([c + "@" for c in sites.controls])
    element_rank = _id_ranks(sites.elements)
    key = (control_rank[sites.control[on_site]] * max(len(sites.elements), 1)
           + element_rank[sites.element[on_site]])
    ordered = on_site[np.argsort(key, kind="stable")]
    others = sorted(np.flatnonzero(~on).tolist(), key=keys.__getitem__)
    # each other id: how many site ids come before it
    site_order = ordered.tolist()
    before = np.array([bisect_left(site_order, keys[k], key=keys.__getitem__)
                       for k in others], dtype=np.int64)
    ranks = np.empty(len(keys), dtype=np.int64)
    place = np.arange(len(site_order))
    ranks[ordered] = place + np.searchsorted(before, place, side="right")
    ranks[np.array(others, dtype=np.int64)] = before + np.arange(len(others))
    return ranks


def _risk_gains(term: RiskTerm, candidates: dict[str, Candidate]
                ) -> tuple[list[str], list[float], list[float]]:
    """The ids, costs and gains of the candidates lowering a scored risk (singles, then
    fleets, each in the dict's order), candidate by candidate (``RiskTerm.removed_for``)."""
    singles: list[tuple[str, Candidate]] = []
    fleets: list[tuple[str, Candidate]] = []
    for entry in candidates.items():
        if isinstance(entry[1], FleetCandidate):
            fleets.append(entry)
        elif not isinstance(entry[1], BundleCandidate):
            singles.append(entry)
    one, grouped = term.removed_for([c for _, c in singles],
                                    [c.members for _, c in fleets])  # as _members
    term.screened()
    kept = [(cid, c, g) for (cid, c), g in zip(singles, one, strict=True) if g > 1e-9]
    kept += [(cid, c, g) for (cid, c), g in zip(fleets, grouped, strict=True) if g > 1e-9]
    return ([cid for cid, _, _ in kept], [c.cost for _, c, _ in kept],
            [g for _, _, g in kept])


#: Decimal places a removed risk value is compared on (weights are multiples of 0.1).
GAIN_DIGITS = 9


#: Strongest fixes always searched: per patient-safety focus element and effect, the
#: single control and the bundle that most lower its chance; at most this share of the
#: searched candidates (the most weighted excess first).
STRONGEST_SHARE = 0.5


def _strongest(pool: list[Candidate], focused: list[bool], safety: list[str],
               focus: dict[str, set[str]], table: ScreenTable, limit: int) -> list[str]:
    """Each patient-safety target's strongest fixes (``_focus``'s second list): on each
    element or flow of its minimum cuts, most likely paths and entry steps, and for each
    effect the plan must lower there, the single candidate and the bundle that lower the
    element's chance the most, whatever they cost (ties: cheaper, then id). Gain per
    person-day would rank a 1-day control that trims a step before the fix that closes it,
    and the search would never measure the fix.

    ``focused``: per candidate of ``pool``, whether it is on an element of ``focus``;
    only those are read. The safety elements are focus elements (``_focus``), and a
    candidate counts here only on a safety element (a bundle: its element, one of its
    elements): at 10,000 elements a few thousand of 222,000. All flags true is the plain
    walk, the oracle in ``tests/analysis/test_candidate_table.py``."""
    singles: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    bundles: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    wanted = set(safety)
    for c in compress(pool, focused):
        if isinstance(c, FleetCandidate):
            continue
        if isinstance(c, BundleCandidate):
            if c.element in wanted:
                bundles.setdefault((c.element, c.effect), []).append((-c.drop, c.cost, c.id))
            continue
        if c.elements.isdisjoint(wanted):
            continue
        for e, effect, drop in table.drops(c, wanted):
            if drop > 1e-12:
                singles.setdefault((e, effect), []).append((-drop, c.cost, c.id))
    out: list[str] = []
    for e in safety:
        for effect in sorted(focus.get(e, ())):
            for table in (bundles, singles):
                best = min(table.get((e, effect), ()), default=None)
                if best is not None and best[2] not in out:
                    out.append(best[2])
    return out[:limit]


def recommend_controls(graph: AttackGraph, runs, specs: list[TargetSpec],
                       candidates: dict[str, Candidate], threshold: float, samples: int,
                       exact_limit: int, deadline: float | None, notes: list[str], *,
                       budget: int | None = None, max_exact: int = MAX_EXACT,
                       max_steps: int = MAX_STEPS, max_candidates: int | None = None,
                       risk_term: RiskTerm | None = None) -> list[dict[str, Any]]:
    """The control plan: one entry per funding step (see ``docs/attack-paths.md``).

    ``risk_term``: the risk levels the board reads (:mod:`.plan_risk`); with it, a step's
    gain also counts the critical and high risks it lowers, candidates that lower one are
    searched even when they change no attack step, and each step says the counted risks
    per level after it (``levels_after``, from today's controls in place).

    ``deadline`` is ignored (kept for callers): the search budget is ``budget``
    evaluations (default: :func:`evaluation_budget`), so the plan depends on the model,
    never on the machine's speed or load.
    """
    del deadline
    if not runs or not specs:
        notes.append("no control plan: no attacker reaches the model or no target")
        return []
    if not candidates:
        notes.append("no control plan: no candidate controls (no threats with catalog "
                     "suggestions or planned controls); see attack.edge_cuts for the steps "
                     "to block")
        return []
    what_if = min(samples, WHAT_IF_SAMPLES)
    weights = np.array([TARGET_WEIGHTS.get(s.kind, 1.0) for s in specs])
    indices = _indices(graph, runs, specs)
    base_per, base_state = _evaluate(graph, runs, specs, [], candidates, what_if,
                                     exact_limit, indices=indices)
    base = base_per.max(axis=0)
    pool, weight, at = _relevant(graph, runs, sorted({graph.index[s.element] for s, p in zip(
        specs, base, strict=True) if p > threshold}), candidates)
    table = ScreenTable(pool, graph, runs)
    known = _known_numbers(candidates, at, table.pool_numbers)
    keep = _mattering(table, pool, candidates)
    kept = np.array(keep, dtype=bool)
    pool, at = list(compress(pool, keep)), at[kept]
    numbers = table.pool_numbers[kept]  # the pool's head: its option numbers
    relevant = len(pool)
    # Candidates on the steps that matter most (each hot target's minimum cuts and most
    # likely paths, entry steps included) are always searched, and so are the bundles
    # that close those elements' easiest threats.
    exposure = _exposure(graph, runs)
    focus, safety = _focus(graph, runs, specs, base_per, threshold, weights)
    # the pool's single candidates (those that matter) as far as bundles read them: the
    # options on the focus elements' rows (not a dict of the whole pool)
    named = _focus_options(table, focus)
    matter = table.matters([candidates[c] for c in named])
    singles = {c: candidates[c] for c in named if c in matter}
    views = sorted({inner_vectors(r.profile.vectors) for r in runs},
                   key=lambda v: sorted(v) if v is not None else ["~"])
    bundles, bundle_score = _bundles(table, singles, focus, exposure, weight, views)
    # the risk-first order leaves bundles out: it reads the candidates as given (a
    # ``CandidateTable``'s sites) unless a bundle replaced one of them
    fundable = candidates if candidates.keys().isdisjoint(bundles) else None
    screened = candidates  # the table ``at`` indexes (the pool's positions)
    candidates = {**candidates, **bundles}
    pool += sorted(bundles.values(), key=lambda c: c.id)
    risk_first = RiskFirst([], np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    if risk_term is not None:
        risk_first = _risk_first(risk_term, candidates if fundable is None else fundable,
                                 pool)
        # the candidates (not bundles) the pool left out, in the order
        pool += map(candidates.__getitem__, risk_first.outside(screened, at))
    reachable = base
    if max_candidates is None:  # a budget asked for buys a wider search
        max_candidates = MAX_CANDIDATES if budget is None else MAX_SEARCHED
    if budget is None:
        budget = evaluation_budget(runs, len(specs))
    # The first round measures every searched candidate once: keep room for steps.
    max_candidates = max(2, min(max_candidates, budget // 2))
    if len(pool) > max_candidates:
        reachable = _evaluate(graph, runs, specs, [], candidates, what_if, exact_limit,
                              base_state, indices=indices,
                              copy=_pool_copy(graph, pool, numbers, candidates, known)
                              )[0].max(axis=0)
        # Focus candidates come first: when they alone fill the search, only they need
        # a screening score (the rest would never be searched).
        focus_set = set(focus)  # set against set: isdisjoint walks the smaller
        focused = [not c.elements.isdisjoint(focus_set) for c in pool]
        in_focus = [c for c, f in zip(pool, focused, strict=True) if f]
        ranked = pool
        if len(in_focus) >= max_candidates:
            wanted = {m for c in in_focus for m in _members(c)} | {c.id for c in in_focus}
            ranked = [c for c in pool if c.id in wanted]
        strongest = _strongest(pool, focused, safety, focus, table,
                               int(max_candidates * STRONGEST_SHARE))
        # the risk-first order is long: only its head is read
        strongest += risk_first.head(int(max_candidates * RISK_SHARE), set(strongest))
        total = len(pool)
        pool = _search_head(pool, {c: i for i, c in enumerate(strongest)}, focused, ranked,
                            partial(_scores, table, weight, exposure, bundle_score,
                                    getattr(fundable, "sites", None)),
                            max_candidates)
        notes.append(f"control plan: search limited to {max_candidates} of {total} "
                     f"candidates: first each patient-safety target's strongest fixes "
                     f"and those lowering the most critical risks ({len(strongest)}, "
                     f"whatever they cost), then those on the steps of "
                     f"each target's minimum cuts "
                     f"and most likely paths, then those that most lower the chance of a "
                     f"step onto exposed elements, weighted by the targets above the "
                     f"threshold they lead to, per person-day (--plan-evaluations widens "
                     f"the search)")
    # The screening's structures are not read past here: let the what-ifs reuse their
    # memory (per element shape and threat row, a large part of the plan's).
    del table, matter
    costs = {c.id: max(float(c.cost), 1e-6) for c in pool}
    states: dict[frozenset[str], State] = {frozenset(): base_state}
    memo: list[dict] = [_Memo() for _ in runs]
    copies: dict[frozenset[str], tuple[AttackGraph, frozenset[str]]] = {}
    attackers = len(runs)
    # Targets count by what they protect (patient safety above health data above
    # availability), and each attacker's chance counts besides the worst's: a plan that
    # closes the remote attacker's way in is worth funding even where an insider already
    # stands on the target. Values and thresholds are scaled by the weights: the same
    # sets bring targets under (the worst under <=> every attacker under), and a step's
    # gain is the weighted excess it removes, worst attacker plus a tenth of the mean.
    # Values: the worst attacker per target, then each attacker's divided by their number
    # (the mean attacker) times MEAN_ATTACKER_WEIGHT, all weighted by the target's kind.
    flat_w = np.concatenate([weights, MEAN_ATTACKER_WEIGHT * np.tile(weights, attackers)
                             / attackers])
    groups = np.tile(np.arange(len(specs)), attackers + 1)
    scored = None
    limits = threshold * flat_w
    if risk_term is not None and len(risk_term.scored):
        # Risk values after the targets' (threshold 0: a risk's value is all excess);
        # they count in a step's gain, never in the covering set's goal.
        extra = len(risk_term.scored)
        scored = np.concatenate([np.zeros(len(groups), bool), np.ones(extra, bool)])
        groups = np.concatenate([groups, len(specs) + np.arange(extra)])
        limits = np.concatenate([limits, np.zeros(extra)])

    seen: dict[frozenset[str], np.ndarray] = {}

    def evaluate(chosen: list[str]) -> np.ndarray:
        key = frozenset(chosen)
        if key not in seen:  # the steps' figures re-read sets the search measured
            seen[key] = _measure(chosen, key)
        return seen[key]

    def _measure(chosen: list[str], key: frozenset[str]) -> np.ndarray:
        # Stand on the state of the largest evaluated subset (same worlds either way).
        ref = max((k for k in states if k <= key), key=len, default=None)
        # and on the what-if copy of the largest evaluated subset kept (only the others'
        # elements change; the same values as a copy of the engine's graph)
        near = max((k for k in copies if k <= key), key=len, default=None)
        start = copies.get(near) if near is not None else None
        if len(copies) >= COPIES_KEPT:
            copies.pop(next(iter(copies)))
        value, state = _evaluate(graph, runs, specs, chosen, candidates, what_if,
                                 exact_limit, states[ref] if ref is not None else None,
                                 memo, start, copies, indices)
        if len(states) < 64:
            states[key] = state
        out = np.concatenate([value.max(axis=0), value.ravel()]) * flat_w
        if scored is not None:
            out = np.concatenate([out, risk_term.values(_expand(chosen, candidates))])
        return out

    def worst(values: np.ndarray) -> np.ndarray:
        return values[:len(specs)] / weights

    plan = plan_controls(evaluate, costs, limits, max_exact=max_exact,
                         budget=budget, max_steps=max_steps,
                         elements={c.id: frozenset(c.elements) for c in pool},
                         groups=groups, scored=scored)
    notes.extend(plan.notes)
    method = {"exact": "exact minimum-cost set", "best-found": "best set found in the budget",
              "greedy": "greedy with re-evaluation (too many candidates for the exact "
                        "search)", "none": "none"}[plan.method]
    if plan.steps or plan.method != "none":
        notes.append(f"control plan: {method}; {relevant} of {len(candidates) - len(bundles)}"
                     f" candidate(s) can change a step towards a target above the threshold"
                     f" (and {len(bundles)} bundle(s) closing an element's easiest threats),"
                     f" {plan.evaluations} evaluation(s) of {what_if} worlds; costs in "
                     f"person-days")
    stuck = [j for j in range(len(specs)) if reachable[j] > threshold and base[j] > threshold]
    if stuck and relevant:
        names = ", ".join(f"{specs[j].id} ({reachable[j]:.3f})" for j in stuck[:5])
        notes.append(f"{len(stuck)} target(s) stay above the threshold {threshold:g} even "
                     f"with all {relevant} relevant candidate controls in place: {names}"
                     + (" ..." if len(stuck) > 5 else ""))
    return _steps_out(plan, specs, candidates, costs, threshold, evaluate, worst,
                      what_if, risk_term, limits)


def _search_head(pool: list[Candidate], first: dict[str, int], focused: list[bool],
                 ranked: list[Candidate], scores, limit: int) -> list[Candidate]:
    """The first ``limit`` candidates of :func:`_search_order` (the ones searched), with
    the screening scores ``scores(ranked)`` (a score is read only for candidates in
    ``ranked``, 0 for the others).

    The order's first keys are "strongest first" (``first``) and "in focus": every
    candidate with neither comes after every candidate with one. When those *leading*
    candidates alone fill the head (at 10,000 elements a few thousand of 222,000), only
    they are sorted and scored: a fleet's score reads its members' (``_screen``), so
    their members in ``ranked`` are scored too. The plain computation (scores for all of
    ``ranked``, the whole pool sorted) is the oracle in ``tests/analysis/test_plan_screen.py``.
    """
    lead = [i for i, c in enumerate(pool) if focused[i] or c.id in first]
    if len(lead) < limit:
        return _search_order(pool, first, focused, scores(ranked))[:limit]
    pool = [pool[i] for i in lead]
    needed = {c.id for c in pool}
    needed.update(chain.from_iterable(c.members for c in pool if isinstance(c, FleetCandidate)))
    score = scores([c for c in ranked if c.id in needed])
    return _search_order(pool, first, [focused[i] for i in lead], score)[:limit]


def _search_order(pool: list[Candidate], first: dict[str, int], focused: list[bool],
                  score: dict[str, float]) -> list[Candidate]:
    """The pool by (strongest first, in focus, -score, cost, id): one numpy ``lexsort``
    over the keys' arrays (ids as a unicode array compare by code point, as str does),
    not a sort of 222,000 tuples or five sorts with a Python key at 10,000 elements."""
    if not pool:
        return pool
    rest = len(first)
    order = np.lexsort((
        _id_ranks([c.id for c in pool]),
        np.array([c.cost for c in pool], dtype=float),
        np.array([-score.get(c.id, 0.0) for c in pool], dtype=float),
        np.array(focused, dtype=bool) == 0,
        np.array([first.get(c.id, rest) for c in pool], dtype=np.int64)))
    return [pool[i] for i in order.tolist()]


def _id_ranks(ids: list[str]) -> np.ndarray:
    """Each id's place in ``sorted(ids)`` (a stable sort: equal ids keep their order), for
    ``lexsort``: a unicode array of the ids would sort the same but holds every id at the
    longest one's width, four bytes a character (bundle ids are long): at 10,000
    elements the process's peak memory."""
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return ranks


def _steps_out(plan, specs: list[TargetSpec], candidates: dict[str, Candidate],
               costs: dict[str, float], threshold: float, evaluate, worst, what_if: int,
               risk_term: RiskTerm | None = None, limits: np.ndarray | None = None
               ) -> list[dict[str, Any]]:
    """One entry per funded control; a bundle's members become steps (each measured with
    the ones before it), so a board reads single controls.

    Without the risk term a bundle's members are consecutive, in the bundle's order. With
    it, every member of the plan is funded in :func:`plan.choose_step` order (lazily, as
    ``plan._Gains`` does): the control lowering the most weighted excess and risk value
    comes first, and a bundle member lowering nothing on its own comes after those that
    do (it still completes its bundle's joint effect on the attack paths)."""
    base = worst(plan.base)
    units: list[tuple[str, Any]] = []  # (member, plan step it comes from)
    for step in plan.steps:
        cand = candidates[step.added]
        parts = list(cand.members) if isinstance(cand, BundleCandidate) else [step.added]
        units += [(m, step) for m in parts if m not in {u for u, _ in units}]
    deferred: set[str] = set()
    if risk_term is not None and limits is not None and len(units) > 1:
        units, deferred = _member_order(units, candidates, evaluate, limits)
    out: list[dict[str, Any]] = []
    chosen: list[str] = []
    days = 0.0
    before = base
    names = [(spec.id, spec.element) for spec in specs]
    members: list[str] = []  # the members of the steps so far (with the risk term)
    for part, step in units:
        cand = candidates[step.added]
        chosen.append(part)
        after = worst(evaluate(chosen))
        member = candidates[part]
        step_days = float(member.cost) if part != step.added else costs[part]
        days += step_days
        changed = _changed_targets(names, before, after, threshold)
        out.append({
            "controls": list(chosen), "added": part, "title": member.title,
            "control": catalog_control_of(member) or part,
            "elements": sorted(member.elements), "step_cost": round(step_days, 2),
            "cost": round(days, 2), "step_days": round(step_days, 2),
            "days": round(days, 2), "cost_unit": "person-days",
            # a deferred member is a step of its own (a bundle's members stay consecutive)
            "bundle": step.added if part != step.added and part not in deferred else None,
            "bundle_title": cand.title if part != step.added and part not in deferred
            else None,
            "marginal_reduction": float(before.sum() - after.sum()),
            "risk_reduction": float(base.sum() - after.sum()),
            "targets_above_threshold": int((after > threshold).sum()),
            "max_probability": float(after.max(initial=0.0)),
            "targets": changed, "goal": step.goal, "method": plan.method,
            "optimal": plan.optimal, "evaluations": plan.evaluations,
            "worlds": what_if,
        })
        if risk_term is not None:
            members, earlier = _expand(chosen, candidates), members
            out[-1]["levels_after"] = risk_term.counts(members)
            out[-1]["lowered"] = risk_term.lowered(earlier, members)
        before = after
    return out


def _changed_targets(names: list[tuple[str, str]], before: np.ndarray, after: np.ndarray,
                     threshold: float) -> list[dict[str, Any]]:
    """A step's ``targets`` entries: each target (``names``: its id and element) whose
    chance moved (by more than 1e-12) or was above the threshold before the step, in
    target order. Picked with numpy: 33,000 targets at 50,000 elements, per step."""
    at = np.flatnonzero((np.abs(before - after) > 1e-12) | (before > threshold)).tolist()
    return [{"target": names[j][0], "element": names[j][1], "before": b, "after": a}
            for j, b, a in zip(at, before[at].tolist(), after[at].tolist(), strict=True)]


def _member_order(units: list[tuple[str, Any]], candidates: dict[str, Candidate],
                  evaluate, limits: np.ndarray
                  ) -> tuple[list[tuple[str, Any]], set[str]]:
    """The plan's members in funding order (``_steps_out``): the plan's decisions in its
    order, a bundle's members by :func:`plan.choose_step` among themselves; a member that
    lowers nothing at its turn is deferred to the end (in the plan's order). Returns the
    order and the deferred members."""
    from workbench.analysis.attack.plan import _excess, choose_step

    def excess(values: np.ndarray) -> float:
        return _excess(values, limits)  # max(0, values - limits), summed

    done: list[str] = []
    idle: list[tuple[str, Any]] = []
    out: list[tuple[str, Any]] = []
    now = excess(evaluate(done))
    groups: list[list[tuple[str, Any]]] = []
    for unit in units:
        if groups and groups[-1][0][1] is unit[1]:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    for group in groups:
        rest = list(group)
        while rest:
            after = {m: excess(evaluate(done + [m])) for m, _ in rest}
            pick = choose_step((now - after[m], float(candidates[m].cost), m)
                               for m, _ in rest)
            if pick is None:
                idle += rest
                break
            unit = next(u for u in rest if u[0] == pick)
            out.append(unit)
            done.append(pick)
            rest.remove(unit)
            now = after[pick]
    return out + idle, {m for m, _ in idle}
