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

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from workbench.analysis.attack.evidence import Candidate
from workbench.analysis.attack.graph import AttackGraph, step_graph
from workbench.analysis.attack.plan import DEFAULT_BUDGET, MAX_EXACT, MAX_STEPS, plan_controls
from workbench.analysis.attack.probability import Solution
from workbench.analysis.attack.targets import TargetSpec

#: Worlds per what-if during the search (the final figures use the full size).
WHAT_IF_SAMPLES = 4096
#: Weight of a target's excess over the threshold when steps are chosen and ordered, by
#: target kind: what a board protects first (judgement; docs/attack-paths.md section 8).
TARGET_WEIGHTS = {"patient_safety": 3.0, "health_data": 2.0, "care_service": 1.0}
#: Evaluation budget: BUDGET_WORK / size, clamped, where the size of one evaluation is
#: the edges of every attacker's step graph plus 20 per target and attacker (the targets'
#: probabilities are read one by one). Deterministic: it depends on the model only.
BUDGET_WORK = 1_100_000
MIN_BUDGET, MAX_BUDGET = 12, DEFAULT_BUDGET


def evaluation_budget(runs, targets: int) -> int:
    """How many what-if evaluations the plan may spend on this model."""
    size = sum(int(r.graph.p.size) for r in runs) + 20 * targets * len(runs)
    return int(min(MAX_BUDGET, max(MIN_BUDGET, BUDGET_WORK // max(size, 1))))
#: Candidates the search evaluates (the best by the screening score beyond that); with a
#: budget given explicitly (``--plan-evaluations``), up to half of it, at most MAX_SEARCHED.
MAX_CANDIDATES = 20
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


#: Cost of a programme covering N elements: the one-element cost times
#: ``1 + FLEET_EXTRA (N - 1)``. 0.05 is the ratio of the extra person-days per further
#: element to the first element's days at the midpoints of the cost classes of
#: ``workbench/report/control-costs.json`` (low 0.35/6.5, medium 0.75/20, high 2/55).
FLEET_EXTRA = 0.05
FLEET_PREFIX = "fleet:"


def applicable_candidates(candidates: dict[str, Candidate], model, catalog, stencils
                          ) -> tuple[dict[str, Candidate], int]:
    """Catalog candidates whose placement allows their element, and how many were not;
    plus one :class:`FleetCandidate` per catalog control and stencil with two or more
    elements.

    The model's own planned controls are kept: the analyst put them there.
    """
    from workbench.analysis.placement import Placement

    where = Placement(model, catalog, stencils)
    kept: dict[str, Candidate] = {}
    for cid, cand in candidates.items():
        control = catalog_control_of(cand)
        if control is None or all(where.allows(control, e) for e in cand.elements):
            kept[cid] = cand
    dropped = len(candidates) - len(kept)
    stencil_of = {c.id: c.stencil for c in model.components}
    fleets: dict[tuple[str, str], list[Candidate]] = {}
    for cand in kept.values():
        control = catalog_control_of(cand)
        element = next(iter(cand.elements)) if control else None
        if control and element in stencil_of:
            fleets.setdefault((control, stencil_of[element]), []).append(cand)
    for (control, stencil), members in sorted(fleets.items()):
        if len(members) < 2:
            continue
        members.sort(key=lambda c: c.id)
        ctype = catalog.controls.get(control)
        label = stencils.get(stencil).label if stencils.get(stencil) else stencil
        unit = min(c.cost for c in members)
        fid = f"{FLEET_PREFIX}{control}@{stencil}"
        kept[fid] = FleetCandidate(
            fid, f"{ctype.title if ctype else control} on every {label} ({len(members)})",
            round(unit * (1.0 + FLEET_EXTRA * (len(members) - 1)), 2),
            {e for c in members for e in c.elements},
            members=tuple(c.id for c in members), control=control)
    return kept, dropped


def _members(cand: Candidate) -> tuple[str, ...]:
    """The per-element candidates a candidate stands for (itself, or a fleet's members)."""
    return cand.members if isinstance(cand, FleetCandidate) else (cand.id,)


def _with_controls(graph: AttackGraph, chosen: list[str], candidates: dict[str, Candidate],
                   chunk: int = 128) -> AttackGraph:
    """``graph.with_controls`` for any number of candidates: a large set is applied a few
    dozen elements at a time, each with only the candidates sitting on them (an element's
    chances depend on those alone), so no step copies the whole set per threat."""
    if not chosen:
        return graph
    chosen = sorted({m for c in chosen for m in _members(candidates[c])})
    if len(chosen) <= chunk:
        return graph.with_controls(chosen, {e for c in chosen for e in candidates[c].elements})
    on: dict[str, list[str]] = {}
    for c in chosen:
        for e in candidates[c].elements:
            on.setdefault(e, []).append(c)
    part: list[tuple[str, list[str]]] = []
    size = 0
    for element, ids in sorted(on.items()):
        part.append((element, ids))
        size += len(ids)
        if size >= chunk:
            graph = graph.with_controls([c for _, cs in part for c in cs],
                                        [e for e, _ in part])
            part, size = [], 0
    if part:
        graph = graph.with_controls([c for _, cs in part for c in cs], [e for e, _ in part])
    return graph


def _evaluate(graph: AttackGraph, runs, specs: list[TargetSpec], chosen: list[str],
              candidates: dict[str, Candidate], samples: int, exact_limit: int,
              ref: State | None = None) -> tuple[np.ndarray, State]:
    """Worst attacker's probability of each target with ``chosen`` controls in place.

    A target is reached as the engine says (:func:`engine.target_reach`): control of its
    element, or for data and availability targets an attempt plus the element's exposure
    or denial, whose chances the controls lower too.

    ``ref``: the state the search stands on. A control on peeled devices only (a pump on
    one gateway) leaves an attacker's core edges as they were, so the core's probabilities
    (Monte Carlo and exact) are taken from ``ref`` and only peeled nodes are recomputed;
    with the same random numbers, sampling again would give the same values.
    """
    from workbench.analysis.attack.engine import target_reach

    g2 = _with_controls(graph, chosen, candidates)
    nodes = [graph.index[s.element] for s in specs]
    worst = np.zeros(len(specs))
    state: State = []
    for k, run in enumerate(runs):
        idx = [graph.index[e] for e in run.entries]
        sg = step_graph(g2, idx, run.profile.capability)
        p = sg.p
        core_p = run.solver.extend(p)[run.solver.c_edge]
        if ref is not None and np.array_equal(core_p, ref[k][0]):
            sol = run.solver.solve(p, reuse=ref[k][1])
        else:
            wanted = sorted(set(nodes) | {int(sg.attempt[t]) for t in nodes
                                          if sg.attempt[t] >= 0})
            sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=wanted,
                                   limit=exact_limit)
        state.append((core_p, sol))
        what_if = replace(run, graph=sg, solution=sol)
        worst = np.maximum(worst, [target_reach(what_if, n, s.kind, sol)[0]
                                   for n, s in zip(nodes, specs, strict=True)])
    return worst, state


#: Targets whose ancestors are counted one by one for the screening weight (beyond, the
#: weight is 1 for every element upstream of some target).
MAX_COUNTED_TARGETS = 400


def _relevant(graph: AttackGraph, runs, hot: list[int], candidates: dict[str, Candidate]
              ) -> tuple[list[Candidate], dict[str, int]]:
    """Candidates on an element (or a flow) that some attacker reaches and from which a
    target above the threshold can be reached (no other control can change a target), and
    per element or flow the number of such targets it leads to (screening weight)."""
    if not hot:
        return [], {}
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
    return [c for c in candidates.values() if c.elements & weight.keys()], weight


@dataclass
class _Row:
    """One threat of an element, reduced for the screening arithmetic."""

    effects: frozenset[str]
    base: float  # chance with the controls in place
    full: float  # chance with every candidate of the pool too
    factor: dict[str, float]  # candidate -> its (1 - effectiveness) on this threat


def _table(pool: list[Candidate], graph: AttackGraph) -> dict[str, list[_Row]]:
    """Per element of the pool, its threats with each candidate's factor (computed once;
    candidate sets are never copied per threat)."""
    ids = {c.id for c in pool}
    table: dict[str, list[_Row]] = {}
    for e in sorted({e for c in pool for e in c.elements}):
        rows = []
        for t in graph.evidence.get(e) or []:
            base = t.probability * t.in_place
            factor: dict[str, float] = {}
            for cid, eff in t.options:
                if cid in ids:
                    factor[cid] = factor.get(cid, 1.0) * (1.0 - eff)
            full = base
            for f in factor.values():
                full *= f
            rows.append(_Row(_effects(t), base, full, factor))
        table[e] = rows
    return table


def _without(row: _Row, cid: str) -> float:
    """The threat's chance with every pool candidate but ``cid``."""
    f = row.factor.get(cid, 1.0)
    if f > 0:
        return row.full / f
    value = row.base
    for other, g in row.factor.items():
        if other != cid:
            value *= g
    return value


class _Effect:
    """One element's threats with one effect: the maxima the screening needs, and the
    rows in decreasing order so "the largest among those a candidate does not touch" is
    found in a step or two."""

    def __init__(self, rows: list[_Row]):
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


def _effect_index(table: dict[str, list[_Row]]
                  ) -> tuple[dict[tuple[str, str], _Effect], dict[str, list[tuple[str, int]]]]:
    """Per (element, effect) its :class:`_Effect`; per candidate the (element, row) pairs
    it touches."""
    effects: dict[tuple[str, str], _Effect] = {}
    touches: dict[str, list[tuple[str, str, int]]] = {}
    for e, rows in table.items():
        for effect in sorted({x for r in rows for x in r.effects}):
            mine = [r for r in rows if effect in r.effects]
            effects[(e, effect)] = _Effect(mine)
            for j, r in enumerate(mine):
                for cid, f in r.factor.items():
                    if f < 1.0:
                        touches.setdefault(cid, []).append((e, effect, j))
    return effects, touches


def _per_effect(cand_id: str, effects: dict[tuple[str, str], _Effect],
                touches: dict[str, list[tuple[str, str, int]]]):
    """(element, effect data, indices the candidate touches in that effect's rows)."""
    hit: dict[tuple[str, str], set[int]] = {}
    for e, effect, j in touches.get(cand_id, ()):
        hit.setdefault((e, effect), set()).add(j)
    for key, mine in hit.items():
        yield key[0], effects[key], mine


def _can_matter(cand: Candidate, table: dict[str, list[_Row]],
                index: tuple[dict, dict]) -> bool:
    """False when the candidate can never change a step: on each of its elements and for
    each effect (control, expose, deny), a threat it does not touch stays at least as easy
    as the ones it does, even with every candidate in place (an element's chance is its
    easiest threat's)."""
    for _, data, mine in _per_effect(cand.id, *index):
        floor = data.untouched_max(data.by_full, mine, full=True)
        if max(data.rows[j].base for j in mine) > floor + 1e-12:
            return True
    return False


def _screen(pool: list[Candidate], graph: AttackGraph, runs, weight: dict[str, int],
            table: dict[str, list[_Row]], index: tuple[dict, dict]) -> dict[str, float]:
    """Screening score when there are too many candidates to evaluate: how much the
    candidate lowers the chance of a step onto its elements, alone or added last to the
    other candidates on the same element (so a pair that only works together scores),
    times how exposed the element is and how many targets above the threshold it leads
    to, per cost unit."""
    effects, touches = index
    top = np.zeros(graph.size)
    for r in runs:
        top = np.maximum(top, r.solution.probability[:graph.size])
    exposure = {name: float(top[i]) for i, name in enumerate(graph.nodes)}
    for k, flow in enumerate(graph.flows):
        users = graph.raw_src[graph.raw_flow == k]
        exposure[flow] = float(top[users].max()) if users.size else 0.0
    score: dict[str, float] = {}
    for c in pool:
        if isinstance(c, FleetCandidate):
            continue
        total = 0.0
        for e, data, mine in _per_effect(c.id, effects, touches):
            rows = data.rows
            alone = data.base_max - max(
                data.untouched_max(data.by_base, mine, full=False),
                max(rows[j].base * rows[j].factor[c.id] for j in mine))
            last = max(data.untouched_max(data.by_full, mine, full=True),
                       max(_without(rows[j], c.id) for j in mine)) - data.full_max
            total += exposure.get(e, 0.0) * weight.get(e, 1) * max(alone, last)
        score[c.id] = total / max(c.cost, 1e-9)
    costs = {c.id: c.cost for c in pool}
    for c in pool:
        if isinstance(c, FleetCandidate):  # what its members would do, for its own cost
            score[c.id] = sum(score.get(m, 0.0) * costs.get(m, 0.0)
                              for m in c.members) / max(c.cost, 1e-9)
    return score


def _effects(threat) -> frozenset[str]:
    return getattr(threat, "effects", None) or frozenset({"control"})


def recommend_controls(graph: AttackGraph, runs, specs: list[TargetSpec],
                       candidates: dict[str, Candidate], threshold: float, samples: int,
                       exact_limit: int, deadline: float | None, notes: list[str], *,
                       budget: int | None = None, max_exact: int = MAX_EXACT,
                       max_steps: int = MAX_STEPS, max_candidates: int | None = None
                       ) -> list[dict[str, Any]]:
    """The control plan: one entry per funding step (see ``docs/attack-paths.md``).

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
    base, base_state = _evaluate(graph, runs, specs, [], candidates, what_if, exact_limit)
    pool, weight = _relevant(graph, runs, sorted({graph.index[s.element] for s, p in zip(
        specs, base, strict=True) if p > threshold}), candidates)
    table = _table(pool, graph)
    index = _effect_index(table)
    matter = {c.id: _can_matter(c, table, index) for c in pool
              if not isinstance(c, FleetCandidate)}
    pool = [c for c in pool if (any(matter.get(m, False) for m in c.members)
                                if isinstance(c, FleetCandidate) else matter[c.id])]
    relevant = len(pool)
    reachable = base
    if max_candidates is None:  # a budget asked for buys a wider search
        max_candidates = MAX_CANDIDATES if budget is None else MAX_SEARCHED
    if budget is None:
        budget = evaluation_budget(runs, len(specs))
    # The first round measures every searched candidate once: keep room for steps.
    max_candidates = max(2, min(max_candidates, budget // 2))
    if len(pool) > max_candidates:
        reachable, _ = _evaluate(graph, runs, specs, [c.id for c in pool], candidates,
                                 what_if, exact_limit, base_state)
        score = _screen(pool, graph, runs, weight, table, index)
        pool.sort(key=lambda c: (-score[c.id], c.cost, c.id))
        notes.append(f"control plan: search limited to the {max_candidates} of {len(pool)} "
                     f"candidates that most lower the chance of a step onto exposed elements "
                     f"(alone or with the other candidates on the same element), weighted by "
                     f"the targets above the threshold they lead to, per cost "
                     f"(--plan-evaluations widens the search)")
        pool = pool[:max_candidates]
    costs = {c.id: max(float(c.cost), 1e-6) for c in pool}
    states: dict[frozenset[str], State] = {frozenset(): base_state}

    def evaluate(chosen: list[str]) -> np.ndarray:
        # Stand on the state of the largest evaluated subset (same worlds either way).
        key = frozenset(chosen)
        ref = max((k for k in states if k <= key), key=len, default=None)
        value, state = _evaluate(graph, runs, specs, chosen, candidates, what_if,
                                 exact_limit, states[ref] if ref is not None else None)
        if len(states) < 64:
            states[key] = state
        return value * weights

    # Targets count by what they protect (patient safety above health data above
    # availability): values and thresholds are scaled by the weights, so the same sets
    # bring targets under, and a step's gain is its weighted excess removed.
    weights = np.array([TARGET_WEIGHTS.get(s.kind, 1.0) for s in specs])
    plan = plan_controls(evaluate, costs, threshold * weights, max_exact=max_exact,
                         budget=budget, max_steps=max_steps,
                         elements={c.id: frozenset(c.elements) for c in pool})
    for step in plan.steps:
        step.before, step.after = step.before / weights, step.after / weights
    plan.base = plan.base / weights
    notes.extend(plan.notes)
    method = {"exact": "exact minimum-cost set", "best-found": "best set found in the budget",
              "greedy": "greedy with re-evaluation (too many candidates for the exact "
                        "search)", "none": "none"}[plan.method]
    if plan.steps or plan.method != "none":
        notes.append(f"control plan: {method}; {relevant} of {len(candidates)} candidate(s) "
                     f"can change a step towards a target above the threshold, "
                     f"{plan.evaluations} evaluation(s) of {what_if} worlds")
    stuck = [j for j in range(len(specs)) if reachable[j] > threshold and base[j] > threshold]
    if stuck and relevant:
        names = ", ".join(f"{specs[j].id} ({reachable[j]:.3f})" for j in stuck[:5])
        notes.append(f"{len(stuck)} target(s) stay above the threshold {threshold:g} even "
                     f"with all {relevant} relevant candidate controls in place: {names}"
                     + (" ..." if len(stuck) > 5 else ""))
    out: list[dict[str, Any]] = []
    chosen: list[str] = []
    cost = 0.0
    for step in plan.steps:
        cand = candidates[step.added]
        chosen.append(step.added)
        cost += costs[step.added]
        changed = []
        for spec, before, after in zip(specs, step.before.tolist(), step.after.tolist(),
                                       strict=True):
            if abs(before - after) > 1e-12 or before > threshold:
                changed.append({"target": spec.id, "element": spec.element,
                                "before": before, "after": after})
        out.append({
            "controls": list(chosen), "added": step.added, "title": cand.title,
            "control": catalog_control_of(cand) or step.added,
            "elements": sorted(cand.elements), "step_cost": costs[step.added],
            "cost": round(cost, 6),
            "marginal_reduction": float(step.before.sum() - step.after.sum()),
            "risk_reduction": float(plan.base.sum() - step.after.sum()),
            "targets_above_threshold": int((step.after > threshold).sum()),
            "max_probability": float(step.after.max(initial=0.0)),
            "targets": changed, "goal": step.goal, "method": plan.method,
            "optimal": plan.optimal, "evaluations": plan.evaluations, "worlds": what_if,
        })
    return out
