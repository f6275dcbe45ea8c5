"""Choosing controls to fund: the cheapest set that brings every target under the threshold.

Pure search over an *evaluator*: a function from a set of candidate ids to the worst
attacker's probability of each target with those candidates in place. The engine's
evaluator (``recommend.py``) re-solves the attack graph with common random numbers; tests
and ``benchmarks/bench_control_plan.py`` use exact enumeration on small graphs. Adding a
control never raises a probability (fewer successful steps in every world), and the
search relies on that.

1. Targets the whole candidate set brings under the threshold are *fixable*; the others
   are reported as such and handled last (step 5).
2. Greedy with re-evaluation: each step adds the candidate that removes the most excess
   over the threshold (fixable targets) per cost unit, re-measured against the controls
   already chosen (lazily: a candidate is measured again only when its last gain could
   still win); when no single candidate helps, pairs are tried, so a control that only
   pays off with another is found. Controls made redundant by later ones are removed.
3. Exact branch and bound over subsets when there are at most ``max_exact`` candidates:
   include/exclude depth-first search, pruned by cost (cost so far plus the cheapest
   remaining candidate must beat the best set found) and by feasibility (the set plus
   every remaining candidate must bring the fixable targets under). The greedy set is the
   first incumbent. Ties on cost go to the lower summed probability, then to the ids.
4. The chosen set is ordered for funding by :func:`choose_step` (below), given the earlier
   steps.
5. Targets that cannot be brought under get steps chosen by :func:`choose_step` while some
   candidate still lowers their excess (at most ``max_steps`` steps in all).

*Which step comes first* (steps 4 and 5; the covering set itself is the cheapest, steps
2-3, so cost is the budget there). A board acts on the first step, so it must be the one
that matters most: a step's gain is the (weighted) excess it removes, and the largest gain
wins. Candidates whose gain is at least ``NEAR_TIE`` (0.8) of it are near-ties, decided by
gain per cost unit (then cost, then id): cost decides between steps of similar weight,
never against a step that removes clearly more. Gain per cost alone let any 1-day control
that trims 0.01 come before a 28-day one that removes 0.5.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct

EPS = 1e-12
#: Subsets are searched exactly up to this many candidates (2^12 = 4,096 subsets at most,
#: far fewer once pruned).
MAX_EXACT = 12
#: Evaluations the search may spend (ordering the chosen steps comes on top: at most
#: ``max_steps^2 / 2``, mostly cached).
DEFAULT_BUDGET = 240
MAX_STEPS = 10
#: Steps for targets no candidate set brings under must lower the summed excess over the
#: threshold by at least this much (smaller gains are not worth a board's line).
MIN_REDUCTION = 1e-3
#: Pairs tried when no single candidate helps (the cheapest pairs first).
MAX_PAIRS = 60
#: Funding order (:func:`choose_step`): gains from this share of the round's largest gain
#: are near-ties, decided by gain per cost. 0.8 on the casebook: 7 of 10 shipped fixes
#: among the first three; 1/3 and 0.5 (cost-effectiveness among material gains): 4 of 10
#: (docs/attack-paths.md, "Which step comes first").
NEAR_TIE = 0.8

Evaluator = Callable[[list[str]], np.ndarray]


class BudgetExhausted(Exception):
    """The search spent its evaluations."""


class Oracle:
    """Cached evaluator counting what the search spends.

    Its vectors are read-only views: the search only reads them, and :meth:`excess` keeps
    each one's summed excess on that guarantee (a write through them raises)."""

    def __init__(self, fn: Evaluator, budget: int):
        self.fn = fn
        self.budget = budget
        self.spent = 0
        self.cache: dict[frozenset[str], np.ndarray] = {}
        # (id(v), id(threshold), id(mask)) -> (v, threshold, mask, excess): the objects
        # kept, so no id is reused while the memo lives; identity checked on a hit.
        self._excesses: dict[tuple[int, int, int], tuple[Any, Any, Any, float]] = {}

    def excess(self, v: np.ndarray, threshold, mask: np.ndarray | None = None) -> float:
        """:func:`_excess`, once per (vector, threshold, mask) objects: the search asks
        again of the vectors it summed (the step before, a pair's base), and with the risk
        term a vector is 800,000 floats at 50,000 elements. Exact: the same objects, and
        the oracle's vectors cannot change (read-only); the thresholds and masks the plan
        passes are made once per plan and never written."""
        key = (id(v), id(threshold), id(mask))
        hit = self._excesses.get(key)
        if hit is not None and hit[0] is v and hit[1] is threshold and hit[2] is mask:
            return hit[3]
        out = _excess(v, threshold, mask)
        self._excesses[key] = (v, threshold, mask, out)
        return out

    def __call__(self, chosen: Iterable[str], *, free: bool = False) -> np.ndarray:
        key = frozenset(chosen)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if not free:
            if self.spent >= self.budget:
                raise BudgetExhausted
            self.spent += 1
        value = np.asarray(self.fn(sorted(key)), dtype=float).view()
        value.flags.writeable = False
        self.cache[key] = value
        return value


@dataclass
class Step:
    """One funding step: the control added, what the targets were before and after."""

    added: str
    before: np.ndarray
    after: np.ndarray
    goal: str  # "under-threshold" (part of the cheapest covering set) or "reduce"


@dataclass
class Plan:
    steps: list[Step]
    base: np.ndarray
    method: str  # "exact", "best-found", "greedy", "none"
    optimal: bool
    evaluations: int
    candidates: int
    fixable: np.ndarray  # per target: the candidates together bring it under
    reachable: np.ndarray  # per target: probability with every candidate in place
    notes: list[str] = field(default_factory=list)

    @property
    def chosen(self) -> list[str]:
        return [s.added for s in self.steps]

    def cost(self, costs: dict[str, float]) -> float:
        return sum(costs[c] for c in self.chosen)


def _excess(v: np.ndarray, threshold: float, mask: np.ndarray | None = None) -> float:
    """The summed excess of ``v`` over ``threshold`` (where ``mask``). One temporary, the
    maximum taken in place: with the risk term a value vector is 800,000 floats at 50,000
    elements, and each fresh temporary is fresh pages; the same floats, summed alike."""
    over = np.subtract(v, threshold)
    np.maximum(0.0, over, out=over)
    return float(over[mask].sum() if mask is not None else over.sum())


def _feasible(v: np.ndarray, threshold, mask: np.ndarray) -> bool:
    limit = np.broadcast_to(threshold, v.shape)
    return bool(np.all(v[mask] <= limit[mask] + EPS))


def plan_controls(evaluate: Evaluator, costs: dict[str, float], threshold, *,
                  max_exact: int = MAX_EXACT, budget: int = DEFAULT_BUDGET,
                  max_steps: int = MAX_STEPS,
                  elements: dict[str, frozenset[str]] | None = None,
                  groups: np.ndarray | None = None,
                  scored: np.ndarray | None = None) -> Plan:
    """The plan for ``costs`` (candidate id -> cost > 0); see the module docstring.

    ``threshold``: one probability, or one per target (a caller weighting targets scales
    both the evaluator's values and the thresholds by the weights: the same sets are
    feasible, and the excess removed counts each target by its weight).
    ``elements``: the elements each candidate sits on (candidates sharing one interact).
    ``groups``: per value, the target it measures (several values may measure one target,
    e.g. the worst attacker and each attacker): a target is fixable when all its values
    can be brought under.
    ``scored``: per value, True for a value that only counts in a step's gain (a risk
    level the board reads, ``plan_risk.py``): never part of the covering set's goal, so
    the cheapest covering set stays the cheapest set bringing the targets under. With it,
    the whole plan (covering set and further steps) is ordered by :func:`choose_step`, so
    the steps lowering the most scored value come first.
    """
    oracle = Oracle(evaluate, budget)
    elements = elements or {}
    ids = sorted(costs, key=lambda c: (costs[c], c))
    base = oracle([], free=True)
    shown = f"{threshold:g}" if np.ndim(threshold) == 0 else "set for each target"
    threshold = np.broadcast_to(np.asarray(threshold, dtype=float), base.shape)
    full = oracle(ids, free=True) if ids else base
    fixable = full <= threshold + EPS
    if groups is not None:
        groups = np.asarray(groups)
        bad = sorted_distinct(groups[~fixable])
        fixable = ~np.isin(groups, bad)
    if scored is not None:
        fixable = fixable & ~np.asarray(scored, dtype=bool)
    plan = Plan([], base, "none", False, 0, len(ids), fixable, full)
    above = base > threshold + EPS
    if not above.any():
        plan.notes.append(f"no control plan: every target is already under the threshold "
                          f"{shown}")
        plan.optimal = True
        return plan
    if not ids:
        plan.notes.append("no control plan: no applicable candidate control lowers a step "
                          "towards a target above the threshold")
        return plan
    need = above & fixable
    cover: list[str] = []
    exhausted = False
    if need.any():
        try:
            cover = _greedy_cover(oracle, ids, costs, threshold, fixable, elements)
            cover = _drop_redundant(oracle, cover, costs, threshold, fixable)
            plan.method = "greedy"
            if len(ids) <= max_exact:
                cover, plan.optimal = _branch_and_bound(oracle, ids, costs, threshold,
                                                        fixable, cover)
                plan.method = "exact" if plan.optimal else "best-found"
        except BudgetExhausted as stop:
            exhausted = True
            if not cover:  # the greedy's steps so far (cached evaluations)
                cover = list(stop.args[0]) if stop.args else []
            plan.method = "best-found"
    plan.steps = _order(oracle, cover, costs, threshold, max_steps)
    if len(cover) > max_steps:
        plan.notes.append(f"control plan: the covering set has {len(cover)} controls; the "
                          f"first {max_steps} in funding order are listed")
    if (~fixable).any() and len(plan.steps) < max_steps:
        if plan.method == "none":
            plan.method = "greedy"
        more, stopped = _reduce(oracle, [c for c in ids if c not in cover], cover, costs,
                                threshold, max_steps - len(plan.steps), elements)
        plan.steps += more
        exhausted = exhausted or stopped
    if scored is not None and len(plan.steps) > 1:
        goal = {s.added: s.goal for s in plan.steps}
        plan.steps = _order(oracle, plan.chosen, costs, threshold, max_steps)
        for s in plan.steps:
            s.goal = goal[s.added]
    plan.evaluations = oracle.spent
    if exhausted:
        plan.notes.append(f"control plan: search budget of {budget} evaluations spent; the "
                          f"plan is the best found, not proven the cheapest")
    if not plan.steps and not exhausted and need.any():
        plan.notes.append("no control plan: no candidate (alone, in pairs or all together) "
                          "lowers a target above the threshold")
    elif not plan.steps and not exhausted:
        plan.notes.append(f"no control plan: no target above the threshold can be brought "
                          f"under it, and no candidate, alone or in pairs, lowers their summed "
                          f"excess by {MIN_REDUCTION:g} or more")
    elif not plan.steps:
        plan.notes.append("no control plan: the search budget ran out before a step was "
                          "found (raise the budget, or narrow the targets)")
    return plan


class _Bounds:
    """Lazy greedy (Minoux): a candidate's last measured gain per cost is taken as an
    upper bound of its gain now, and only the candidates whose bound could still win are
    evaluated again. Gains are not always diminishing here (a control on an element can
    pay off only once another control lowers its other threat), so the bounds of
    candidates sharing an element with a chosen control are forgotten."""

    def __init__(self, costs: dict[str, float], elements: dict[str, frozenset[str]]):
        self.costs = costs
        self.elements = elements
        self.bound: dict[str, float] = {}

    def chosen(self, picked: Iterable[str]) -> None:
        touched = set().union(*(self.elements.get(c, frozenset()) for c in picked))
        for c in list(self.bound):
            if self.elements.get(c, frozenset()) & touched:
                del self.bound[c]

    def best(self, gain_of: Callable[[str], float], rest: list[str]
             ) -> tuple[float, str] | None:
        """The candidate with the largest gain per cost (ties: cheaper, then id)."""
        order = sorted(rest, key=lambda c: (-self.bound.get(c, np.inf), self.costs[c], c))
        best: tuple[float, str] | None = None
        for i, c in enumerate(order):
            ratio = gain_of(c) / self.costs[c]
            self.bound[c] = ratio
            key = (ratio, -self.costs[c])
            if ratio > EPS and (best is None or key > (best[0], -self.costs[best[1]])):
                best = (ratio, c)
            nxt = order[i + 1] if i + 1 < len(order) else None
            if best is not None and (nxt is None or self.bound.get(nxt, np.inf) <= best[0]):
                break
        return best


def choose_step(scored: Iterable[tuple[float, float, str]]) -> str | None:
    """The step to fund first among ``(gain, cost, id)``: the largest gain, near-ties
    (gains from ``NEAR_TIE`` of it) decided by gain per cost, then cost, then id; None
    when nothing gains."""
    live = [x for x in scored if x[0] > EPS]
    if not live:
        return None
    top = max(g for g, _, _ in live)
    near = [x for x in live if x[0] >= NEAR_TIE * top - EPS]
    return min(near, key=lambda x: (-x[0] / x[1], x[1], x[2]))[2]


class _Gains:
    """Lazy :func:`choose_step`: a candidate's last measured gain bounds its gain now
    (bounds of candidates sharing an element with a chosen control are forgotten, as in
    :class:`_Bounds`), so only candidates whose bound reaches the near-tie band of the
    best gain measured so far are measured again."""

    def __init__(self, costs: dict[str, float], elements: dict[str, frozenset[str]]):
        self.costs = costs
        self.elements = elements
        self.bound: dict[str, float] = {}

    chosen = _Bounds.chosen

    def best(self, gain_of: Callable[[str], float], rest: list[str]
             ) -> tuple[float, str] | None:
        """(gain, candidate) of the step :func:`choose_step` picks, or None."""
        order = sorted(rest, key=lambda c: (-self.bound.get(c, np.inf), self.costs[c], c))
        measured: list[tuple[float, float, str]] = []
        top = 0.0
        for c in order:
            if measured and self.bound.get(c, np.inf) < NEAR_TIE * top - EPS:
                break
            gain = gain_of(c)
            self.bound[c] = gain
            measured.append((gain, self.costs[c], c))
            top = max(top, gain)
        pick = choose_step(measured)
        return None if pick is None else (next(g for g, _, c in measured if c == pick), pick)


def _greedy_cover(oracle: Oracle, ids: list[str], costs: dict[str, float], threshold: float,
                  mask: np.ndarray, elements: dict[str, frozenset[str]]) -> list[str]:
    chosen: list[str] = []
    try:
        return _greedy_steps(oracle, ids, costs, threshold, mask, chosen, elements)
    except BudgetExhausted:
        raise BudgetExhausted(list(chosen)) from None


def _greedy_steps(oracle: Oracle, ids: list[str], costs: dict[str, float], threshold: float,
                  mask: np.ndarray, chosen: list[str], elements: dict[str, frozenset[str]]
                  ) -> list[str]:
    bounds = _Bounds(costs, elements)
    current = oracle(chosen)
    while not _feasible(current, threshold, mask):
        now = oracle.excess(current, threshold, mask)
        rest = [c for c in ids if c not in chosen]
        held = list(chosen)
        single = bounds.best(
            lambda c, now=now, held=held: now - oracle.excess(oracle(held + [c]), threshold,
                                                              mask),
            rest)
        picked: tuple[str, ...] | None = (single[1],) if single else None
        if picked is None:  # only combinations help: try pairs
            picked = _best_pair(oracle, chosen, rest, costs, threshold, mask, elements, EPS)
        if picked is None:  # nothing small helps: take everything, redundancy pruned later
            chosen[:] = list(ids)
            return chosen
        chosen += list(picked)
        bounds.chosen(picked)
        current = oracle(chosen)
    return chosen


def _drop_redundant(oracle: Oracle, chosen: list[str], costs: dict[str, float],
                    threshold: float, mask: np.ndarray, free: bool = False) -> list[str]:
    """Remove controls the others make unnecessary, the most expensive first (the set
    stays covering at every point, so a budget that runs out keeps it as it stands)."""
    kept = list(chosen)
    for c in sorted(chosen, key=lambda c: (-costs[c], c)):
        trial = [x for x in kept if x != c]
        try:
            if _feasible(oracle(trial, free=free), threshold, mask):
                kept = trial
        except BudgetExhausted:
            raise BudgetExhausted(kept) from None
    return kept


def _branch_and_bound(oracle: Oracle, ids: list[str], costs: dict[str, float],
                      threshold: float, mask: np.ndarray, incumbent: list[str]
                      ) -> tuple[list[str], bool]:
    """The cheapest set bringing the masked targets under; (set, proven optimal)."""
    # Most useful alone per cost first, so good sets come early; singletons are cached
    # from the greedy's first round.
    base = oracle.excess(oracle([]), threshold, mask)
    alone = {c: base - oracle.excess(oracle([c]), threshold, mask) for c in ids}
    order = sorted(ids, key=lambda c: (-alone[c] / costs[c], costs[c], c))
    suffix_min = [min((costs[c] for c in order[i:]), default=np.inf)
                  for i in range(len(order) + 1)]

    def key(chosen: Sequence[str]) -> tuple[float, float, tuple[str, ...]]:
        return (round(sum(costs[c] for c in chosen), 9),
                round(float(oracle(chosen).sum()), 12), tuple(sorted(chosen)))

    best = list(incumbent)
    best_key = key(best)

    def dfs(i: int, chosen: list[str], cost: float) -> None:
        nonlocal best, best_key
        if _feasible(oracle(chosen), threshold, mask):
            k = key(chosen)
            if k < best_key:
                best, best_key = list(chosen), k
            return  # adding more only costs more
        if i == len(order) or cost + suffix_min[i] > best_key[0] + 1e-9:
            return
        if not _feasible(oracle(chosen + order[i:]), threshold, mask):
            return  # even every remaining candidate would not do
        c = order[i]
        dfs(i + 1, chosen + [c], cost + costs[c])
        dfs(i + 1, chosen, cost)

    try:
        dfs(0, [], 0.0)
    except BudgetExhausted:
        return best, False
    return best, True


def _order(oracle: Oracle, chosen: list[str], costs: dict[str, float], threshold: float,
           limit: int) -> list[Step]:
    """Funding order: each step is :func:`choose_step`'s among the rest (excess of all
    targets removed; near-ties by gain per cost unit).

    A set longer than ``limit`` keeps the order it was built in (its prefixes are
    already evaluated) and is cut at ``limit``.
    """
    steps: list[Step] = []
    done: list[str] = []
    current = oracle([], free=True)
    if len(chosen) > limit:
        for c in chosen[:limit]:
            done.append(c)
            v = oracle(done, free=True)
            steps.append(Step(c, current, v, "under-threshold"))
            current = v
        return steps
    rest = list(chosen)
    while rest:
        now = oracle.excess(current, threshold)
        after = {c: oracle(done + [c], free=True) for c in rest}
        c = choose_step((now - oracle.excess(after[c], threshold), costs[c], c)
                        for c in rest)
        if c is None:  # no excess left to remove: most probability removed first
            c = min(rest, key=lambda c: (-float(current.sum() - after[c].sum()), costs[c],
                                         c))
        v = after[c]
        steps.append(Step(c, current, v, "under-threshold"))
        done.append(c)
        rest.remove(c)
        current = v
    return steps


def _reduce(oracle: Oracle, pool: list[str], chosen: list[str], costs: dict[str, float],
            threshold: float, room: int, elements: dict[str, frozenset[str]]
            ) -> tuple[list[Step], bool]:
    """Greedy steps lowering the targets no candidate set brings under; and whether the
    budget stopped them."""
    steps: list[Step] = []
    done = list(chosen)
    current = oracle(done, free=True)
    rest = list(pool)
    bounds = _Gains(costs, elements)
    while rest and len(steps) < room:
        now = oracle.excess(current, threshold)
        held = list(done)
        try:
            best = bounds.best(
                lambda c, now=now, held=held: now - oracle.excess(oracle(held + [c]),
                                                                  threshold),
                rest)
        except BudgetExhausted:
            return steps, True
        if best is None or best[0] < MIN_REDUCTION:
            try:  # only combinations help: a pair, funded as two steps
                pair = _best_pair(oracle, done, rest, costs, threshold, None, elements,
                                  MIN_REDUCTION)
            except BudgetExhausted:
                return steps, True
            if pair is None or len(steps) + 2 > room:
                break
            picked = list(pair)
        else:
            picked = [best[1]]
        for c in picked:
            v = oracle(done + [c])
            steps.append(Step(c, current, v, "reduce"))
            done.append(c)
            rest.remove(c)
            current = v
        bounds.chosen(picked)
    return steps, False


def _best_pair(oracle: Oracle, chosen: list[str], rest: list[str], costs: dict[str, float],
               threshold, mask: np.ndarray | None, elements: dict[str, frozenset[str]],
               minimum: float) -> tuple[str, str] | None:
    """The pair with the largest excess drop per cost (at least ``minimum``): pairs on
    one element first, cheapest first, at most half of what is left of the budget."""
    now = oracle.excess(oracle(chosen), threshold, mask)
    pairs = sorted(combinations(rest, 2), key=lambda p: (
        not (elements.get(p[0], frozenset()) & elements.get(p[1], frozenset())),
        costs[p[0]] + costs[p[1]], p))
    room = max(1, (oracle.budget - oracle.spent) // 2)
    best: tuple[float, float, tuple[str, str]] | None = None
    for a, b in pairs[:min(MAX_PAIRS, room)]:
        gain = now - oracle.excess(oracle(chosen + [a, b]), threshold, mask)
        if gain >= minimum:
            key = (gain / (costs[a] + costs[b]), -(costs[a] + costs[b]), (a, b))
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


__all__ = ["DEFAULT_BUDGET", "MAX_EXACT", "BudgetExhausted", "Oracle", "Plan", "Step",
           "plan_controls"]
