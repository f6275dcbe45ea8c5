"""Where the attacker can *try* an element: the entry to exposure-based likelihood.

An attacker can attempt an attack on element ``v`` when ``v`` is one of its entry points or
when it controls one of ``v``'s in-neighbours in the attack graph. This is the probability
the risk model needs to turn a catalog likelihood ("how easy is this threat") into an
exposure-aware one ("how easy, given who can get there"). It depends only on the base
evidence (catalog/analyst likelihoods and controls in place), never on an exposure-adjusted
likelihood, so there is no circularity.

Computed exactly like compromise (same solver, same worlds): for an element with several
in-neighbours the graph has an attempt node (see :func:`~.graph.step_graph`); with one
in-neighbour ``u`` it is ``P(u)``; for an entry it is 1.
"""

from __future__ import annotations

import numpy as np

from workbench.analysis.attack.graph import StepGraph
from workbench.analysis.attack.probability import DEFAULT_SAMPLES, Solution


def attempt_array(graph: StepGraph, solution: Solution) -> tuple[np.ndarray, ...]:
    """Per component: probability, interval low and high that the attacker can try it."""
    size = graph.size
    src = graph.attempt[:size].copy()
    src[src < 0] = graph.one_in[:size][src < 0]
    src[graph.entry_mask[:size]] = graph.source  # the source's reach is 1
    out = []
    for row in (solution.probability, solution.ci_low, solution.ci_high):
        out.append(np.where(src >= 0, row[np.maximum(src, 0)], 0.0))
    return tuple(out)


def attempt_probabilities(model, catalog=None, *, risks: list | None = None,
                          evidence=None, attackers: list[str] | None = None,
                          stencils=None, samples: int = DEFAULT_SAMPLES, seed: int = 0,
                          ) -> dict[str, dict[str, float]]:
    """``{attacker id: {element id: P(the attacker can attempt an attack on it)}}``.

    ``risks``: the *base* ``ThreatRisk`` list (catalog or analyst likelihoods, before any
    exposure adjustment); without it and without ``evidence`` the model's threats are
    assessed with :func:`workbench.analysis.risk.assess`. Elements the attacker cannot
    try are left out (probability 0). Same seed, same numbers (Monte Carlo worlds are
    seeded ``[seed, attacker index]`` as in :func:`~.engine.analyze_attacks`).
    """
    from workbench.analysis.attack.engine import prepare_runs

    graph, runs, _notes = prepare_runs(model, catalog, risks=risks, evidence=evidence,
                                       attackers=attackers, stencils=stencils,
                                       samples=samples, seed=seed)
    out: dict[str, dict[str, float]] = {}
    for run in runs:
        prob = attempt_array(run.graph, run.solution)[0]
        hit = np.flatnonzero(prob > 0)
        out[run.profile.id] = dict(zip([graph.nodes[i] for i in hit.tolist()],
                                       prob[hit].tolist(), strict=True))
    return out
