"""Control-plan invariants over many random problems and models (hypothesis, repeatable).

Two levels:

* the search (``plan.plan_controls``) on random problems small enough for brute force
  (``plan_reference.random_problem``): no step raises a target, steps chain, the covering
  part brings every fixable target under, a target measured several times (the worst
  attacker and each attacker, ``groups``) gives the same covering set, an empty plan says
  why, the same input gives the same plan;
* the engine's plan (``analyze_attacks``) on random connected-health models run through
  the rules: person-day costs add up, every step adds one new control that its placement
  allows, no step raises a target, a bundle's members are consecutive, an empty plan says
  why, the same seed gives the same plan.

The default run draws 300 problems and 12 models (about 25 s of CPU). The
bulk run is the same tests with more examples (docs/testing.md):

    WORKBENCH_PLAN_EXAMPLES=3000 .venv/bin/python -m pytest -q \
        tests/analysis/test_control_plan_properties.py

(3,000 problems and 150 models: ``WORKBENCH_PLAN_EXAMPLES // 20`` engine models.)
"""

from __future__ import annotations

import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analysis.test_attack_invariants import random_model
from workbench.analysis.attack import analyze_attacks
from workbench.analysis.attack.plan import plan_controls
from workbench.analysis.attack.plan_reference import brute_force, random_problem

BULK = int(os.environ.get("WORKBENCH_PLAN_EXAMPLES", "0"))
PROBLEMS = BULK or 300
MODELS = max(12, BULK // 20)
EPS = 1e-9


@settings(max_examples=PROBLEMS, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_plan_invariants_on_random_problems(seed: int) -> None:
    problem = random_problem(np.random.default_rng(seed))
    plan = plan_controls(problem.evaluate, problem.costs, problem.threshold)
    again = plan_controls(problem.evaluate, problem.costs, problem.threshold)
    assert plan.chosen == again.chosen  # deterministic
    assert len(set(plan.chosen)) == len(plan.chosen)
    current = plan.base
    for step in plan.steps:
        assert np.allclose(step.before, current)
        assert np.all(step.after <= step.before + EPS), "a control raised a target"
        current = step.after
    goals = [s.goal for s in plan.steps]
    assert goals == sorted(goals, key=lambda g: g != "under-threshold")  # cover first
    truth = brute_force(problem)
    cover = [s.added for s in plan.steps if s.goal == "under-threshold"]
    if cover and plan.method in ("exact", "greedy") and truth.best_cover_cost() is not None:
        # the covering part, funded in full (it is never cut on these small problems)
        assert np.all(problem.evaluate(cover)[truth.fixable] <= problem.threshold + 1e-12)
    if not plan.steps:
        assert plan.notes and "no control plan" in plan.notes[-1]

    # The same values twice over (the worst attacker and one attacker) with groups: the
    # same sets bring the targets under, so the same covering set.
    t = len(problem.targets)

    def twice(chosen: list[str]) -> np.ndarray:
        v = problem.evaluate(chosen)
        return np.concatenate([v, 0.5 * v])

    doubled = plan_controls(twice, problem.costs,
                            np.concatenate([np.full(t, problem.threshold),
                                            np.full(t, 0.5 * problem.threshold)]),
                            groups=np.tile(np.arange(t), 2))
    assert np.array_equal(doubled.fixable[:t], plan.fixable)
    if plan.method == "exact" and doubled.method == "exact":
        cost = sum(problem.costs[c] for c in cover)
        assert sum(problem.costs[s.added] for s in doubled.steps
                   if s.goal == "under-threshold") == cost


@settings(max_examples=MODELS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9), st.integers(3, 9), st.integers(2, 12))
def test_engine_plan_invariants_on_random_models(seed: int, n: int, flows: int) -> None:
    from workbench.analysis.catalog import default_catalog
    from workbench.analysis.pipeline import analyze
    from workbench.analysis.placement import Placement
    from workbench.model.stencils import default_stencils

    analysed = analyze(random_model(seed, n, flows), default_catalog())
    model, catalog = analysed.model, analysed.catalog

    def run():
        return analyze_attacks(model, catalog, risks=analysed.threats, samples=1024,
                               seed=seed, sensitivity=False, top_k=2)

    result = run()
    plan = result.recommendations
    assert plan == run().recommendations  # same seed, same plan
    if not plan:
        assert any("control plan" in note for note in result.notes)
        return
    where = Placement(model, catalog, default_stencils())
    days = 0.0
    seen: list[str] = []
    bundles: list[str] = []
    for step in plan:
        assert step["cost_unit"] == "person-days" and step["step_days"] > 0
        days += step["step_days"]
        assert abs(step["days"] - days) < 0.02 * len(seen) + 0.01
        assert step["added"] not in seen
        seen.append(step["added"])
        assert step["controls"] == seen
        if step["control"] in catalog.controls:
            assert all(where.allows(step["control"], e) for e in step["elements"])
        for target in step["targets"]:
            assert target["after"] <= target["before"] + EPS, step["added"]
        if step["bundle"]:
            if bundles and bundles[-1] == step["bundle"]:
                continue
            assert step["bundle"] not in bundles, "a bundle's members are consecutive"
            bundles.append(step["bundle"])
