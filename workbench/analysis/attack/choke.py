"""Choke points: the elements whose removal lowers the targets' probabilities the most.

Ranked by what taking the element out of the attacker's reach does (every step onto it
blocked), not by how many listed paths cross it: a node on many paths that the attacker
can bypass changes little, the only way in changes everything. For each candidate and
attacker the targets are recomputed with the same random numbers as the reference
(common random numbers, at most 1,024 worlds), so the drop is not sampling noise;
``reduction`` is the sum over targets of the worst attacker's probability drop. Candidates
are the elements crossed by the listed paths (targets themselves included when they lie on
the way to others), the :data:`MAX_CANDIDATES` with the highest path weight; the others are
listed after them with ``reduction: null``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Worlds per what-if: common random numbers make the differences stable; the ranking
#: needs no more.
WHAT_IF_SAMPLES = 1024
#: Elements measured (the highest path weight first): a count, not a time budget, so the
#: same seed gives the same ranking on any machine.
MAX_CANDIDATES = 8


def _worst(runs, nodes: list[int], kinds: list[str], p_of, samples: int, exact_limit: int,
           refs: list | None = None) -> tuple[np.ndarray, list]:
    """Worst attacker's target probabilities with edge chances ``p_of(run)``.

    ``refs``: reference solutions (same worlds); when the change touches no sampled edge,
    only peeled nodes are recomputed from them.
    """
    from workbench.analysis.attack.engine import targets_reach

    worst = np.zeros(len(nodes))
    sols = []
    for r, run in enumerate(runs):
        p, touched = p_of(run)
        if refs is not None and not len(touched):
            sol = refs[r]  # the element is out of this attacker's reach anyway
        elif refs is not None and not any(run.solver.touches_core(int(e)) for e in touched):
            sol = run.solver.solve(p, reuse=refs[r])
        else:
            # Monte Carlo on the sampled core only (peeled nodes are exact from it), for
            # the reference and every what-if alike: the same worlds, and no exact
            # enumeration per what-if (that is what made this stage slow).
            sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=(),
                                   limit=exact_limit)
        sols.append(sol)
        worst = np.maximum(worst, targets_reach(run, np.asarray(nodes), kinds, sol))
    return worst, sols


def choke_points(runs, specs, paths: list[dict[str, Any]], samples: int, exact_limit: int,
                 deadline: float, notes: list[str]) -> list[dict[str, Any]]:
    """Elements ranked by the drop in the targets' probabilities when they are removed.

    ``deadline`` is not used: a count of candidates bounds the stage, so results do not
    depend on the machine's speed.
    """
    del deadline
    count: dict[str, int] = {}
    weight: dict[str, float] = {}
    attackers: dict[str, set[str]] = {}
    for path in paths:
        for element in dict.fromkeys(path["path"][:-1]):
            count[element] = count.get(element, 0) + 1
            weight[element] = weight.get(element, 0.0) + path["probability"]
            attackers.setdefault(element, set()).add(path["attacker"])
    if not count or not runs:
        return []
    screen = sorted(count, key=lambda e: (-weight[e], -count[e], e))
    if len(screen) > MAX_CANDIDATES:
        notes.append(f"choke points: {MAX_CANDIDATES} of {len(screen)} elements on listed "
                     f"paths measured (highest path weight first; the others: reduction "
                     f"null)")
        screen = screen[:MAX_CANDIDATES]
    index = {name: i for i, name in enumerate(runs[0].graph.nodes[:runs[0].graph.size])}
    reached = {s.element for s in specs}
    wanted = [s for s in specs if s.element in index and s.element in reached]
    nodes = [index[s.element] for s in wanted]
    kinds = [s.kind for s in wanted]
    what_if = min(samples, WHAT_IF_SAMPLES)
    base, refs = _worst(runs, nodes, kinds, lambda r: (r.graph.p, ()), what_if, exact_limit)
    drops: dict[str, float] = {}
    for element in screen:
        v = index[element]

        def removed(run, v=v):
            p = run.graph.p.copy()
            edges = run.graph.into(v)
            if not (p[edges] > 0).any() or run.solution.probability[v] <= 0:
                return p, edges[:0]  # unreachable for this attacker: nothing changes
            p[edges] = 0.0
            return p, edges

        after, _ = _worst(runs, nodes, kinds, removed, what_if, exact_limit, refs)
        drops[element] = float(np.maximum(0.0, base - after).sum())
    ranked = sorted(count, key=lambda e: (e not in drops, -drops.get(e, 0.0),
                                          -weight[e], e))
    total = max(1, len(paths))
    return [{"element": e, "paths": count[e], "probability_weight": round(weight[e], 6),
             "attackers": sorted(attackers[e]), "share": count[e] / total,
             "reduction": round(drops[e], 6) if e in drops else None}
            for e in ranked[:20]]
