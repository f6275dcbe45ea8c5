"""Control plans against brute force over every subset of candidates, old greedy beside.

Random small problems (``workbench.analysis.attack.plan_reference.random_problem``: 3-7
elements, 2-9 candidate controls, 1-2 attackers, 1-2 targets, a threshold between one
target's probability with every candidate and without any, exact
probabilities by enumerating every world) are solved three ways:

* ``plan``: :func:`workbench.analysis.attack.plan.plan_controls` as the product runs it
  (exact branch and bound up to 12 candidates, evaluation budget 240);
* ``plan-greedy``: the same with the exact search switched off (``max_exact=0``): greedy
  with re-evaluation, pairs when no single control helps, redundant controls removed;
* ``old``: the greedy shipped before (candidates screened once against each element's
  easiest threat, then the best excess reduction per cost while some candidate helps).

For each: how often the first point where every *fixable* target (one the whole candidate
set brings under) is under the threshold comes at the best cost found by brute force; the
worst excess cost; plans that stop above the threshold although a subset gets under; plan
steps whose summed excess is worse than the best subset costing no more; empty plans with
no explanation.

Then, unless ``--no-samples``: the plan on the six sample models and on synthetic hospital
groups (``gen_synthetic.py``) through the real engine: targets above the threshold 0.1
before the plan and after its last step, evaluations spent, steps, person-days the
plan spends (``control-costs.json`` midpoints), and the seconds
``analyze_attacks`` takes with and without the plan (one run each, risks from ``analyze``),
wall and CPU (``time.process_time``: what compares across runs on a shared machine), with
the 1-minute load average when the row started. The random-model table gives the CPU
seconds each method spent in all (``cpu s``). Samples run twice: the default budget ("auto") and
``plan_evaluations=240`` (120 searched candidates).

    .venv/bin/python benchmarks/bench_control_plan.py [--models 300] [--seed 7]
        [--no-samples] [--sizes 300,3000] [--wide 240]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.analysis.attack.evidence import element_probability  # noqa: E402
from workbench.analysis.attack.plan import plan_controls  # noqa: E402
from workbench.analysis.attack.plan_reference import (  # noqa: E402
    Problem,
    brute_force,
    exact_probabilities,
    random_problem,
)

EPS = 1e-9


def old_greedy(problem: Problem, max_candidates: int = 24, max_steps: int = 10
               ) -> tuple[list[str], list[str]]:
    """The greedy shipped before this change, on a reference problem: (plan, notes)."""
    thr = problem.threshold
    base = problem.evaluate([])
    everyone = Problem(problem.n, problem.edges, problem.entries, problem.threats,
                       problem.costs, problem.element_of, list(range(problem.n)), thr)
    exposure = exact_probabilities(everyone, everyone.element_p(frozenset()))
    screen = {}
    for cid, v in problem.element_of.items():
        threats = problem.threats[v]
        drop = element_probability(threats) - element_probability(threats, [cid])
        screen[cid] = exposure[v] * drop / problem.costs[cid]
    pool = sorted((c for c in screen if screen[c] > 0),
                  key=lambda c: (-screen[c], problem.costs[c], c))[:max_candidates]

    def excess(v: np.ndarray) -> float:
        return float(np.maximum(0.0, v - thr).sum())

    chosen: list[str] = []
    current = base
    for _ in range(max_steps):
        if excess(current) <= 0:
            break
        best = None
        for c in pool:
            if c in chosen:
                continue
            trial = problem.evaluate(chosen + [c])
            gain = excess(current) - excess(trial)
            score = gain / problem.costs[c]
            if gain > 1e-12 and (best is None or score > best[0]):
                best = (score, c, trial)
        if best is None:
            break
        chosen.append(best[1])
        current = best[2]
    notes = [f"{int((current > thr).sum())} target(s) stay above"] if (
        chosen and excess(current) > 0) else []
    return chosen, notes


@dataclass
class Tally:
    name: str
    feasible: int = 0
    best: int = 0
    stops_above: int = 0
    excess_abs: list[float] = field(default_factory=list)
    excess_rel: list[float] = field(default_factory=list)
    steps: int = 0
    worse_steps: int = 0
    empty_silent: int = 0
    evaluations: list[int] = field(default_factory=list)
    cpu: float = 0.0

    def add(self, problem: Problem, truth, order: list[str], notes: list[str]) -> None:
        thr = problem.threshold
        mask = truth.fixable
        best = truth.best_cover_cost()
        base = truth.values[frozenset()]
        if not order and (base > thr + 1e-12).any() and not notes:
            self.empty_silent += 1
        cost, reached = 0.0, None
        prefix: list[str] = []
        if best is not None and np.all(base[mask] <= thr + 1e-12):
            reached = 0.0
        for c in order:
            prefix.append(c)
            cost += problem.costs[c]
            v = truth.values[frozenset(prefix)]
            self.steps += 1
            if float(np.maximum(0.0, v - thr).sum()) > truth.best_excess_within(cost) + EPS:
                self.worse_steps += 1
            if reached is None and np.all(v[mask] <= thr + 1e-12):
                reached = cost
        if best is None:
            return
        self.feasible += 1
        if reached is None:
            self.stops_above += 1
            return
        self.excess_abs.append(reached - best)
        self.excess_rel.append(reached / best - 1.0)
        if reached <= best + EPS:
            self.best += 1

    def row(self) -> str:
        worst = max(self.excess_abs, default=0.0)
        rel = max(self.excess_rel, default=0.0)
        ev = f"{np.mean(self.evaluations):7.1f}" if self.evaluations else "      -"
        return (f"{self.name:<12} {self.best:>4}/{self.feasible:<4} "
                f"{100.0 * self.best / max(self.feasible, 1):6.1f} % {self.stops_above:>6} "
                f"{worst:>8.1f} {100 * rel:>8.1f} % {self.worse_steps:>4}/{self.steps:<5} "
                f"{self.empty_silent:>6} {ev} {self.cpu:>7.2f}")


def engine_rows(sizes: list[int], wide: int = 240) -> None:
    """Plan cost on real models: evaluations, steps, seconds with and without the plan."""
    import os

    from benchmarks.gen_synthetic import synthetic_model
    from workbench.analysis.attack import analyze_attacks
    from workbench.analysis.pipeline import analyze
    from workbench.model import load_model

    root = Path(__file__).resolve().parents[1]
    models = [(p.stem.removesuffix(".twm"), load_model(p))
              for p in sorted((root / "sample-models").glob("*.twm.json"))]
    models += [(f"synthetic-{n}", synthetic_model(n)) for n in sizes]
    print("model                              budget elements targets above evals steps  "
          "days after  without s  with s  plan s | without cpu  with cpu  plan cpu  load")
    for name, model in models:
        risks = analyze(model).threats
        t, c = time.perf_counter(), time.process_time()
        plain = analyze_attacks(model, risks=risks, recommend=False)
        without, without_cpu = time.perf_counter() - t, time.process_time() - c
        above = sum(1 for r in plain.target_results if r["probability"] > 0.1)
        budgets: list[int | None] = [None]
        if wide and not name.startswith("synthetic"):
            budgets.append(wide)
        for budget in budgets:
            load = os.getloadavg()[0]
            t, c = time.perf_counter(), time.process_time()
            result = analyze_attacks(model, risks=risks, plan_evaluations=budget)
            with_plan, with_cpu = time.perf_counter() - t, time.process_time() - c
            plan = result.recommendations
            last = plan[-1] if plan else {}
            print(f"{name[:34]:<34} {budget or 'auto':>6} {len(model.components):>8} "
                  f"{len(result.targets):>7} {above:>5} "
                  f"{plan[0]['evaluations'] if plan else 0:>5} {len(plan):>5} "
                  f"{last.get('cost', 0):>5.0f} {last.get('targets_above_threshold', '-'):>5} "
                  f"{without:>10.2f} {with_plan:>7.2f} {with_plan - without:>7.2f} | "
                  f"{without_cpu:>11.2f} {with_cpu:>9.2f} {with_cpu - without_cpu:>9.2f} "
                  f"{load:>5.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-samples", action="store_true")
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--wide", type=int, default=240,
                        help="second budget run on the samples (0: default budget only)")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    tallies = {k: Tally(k) for k in ("plan", "plan-greedy", "old")}
    exact = proven = 0
    for _ in range(args.models):  # --models 0: the engine rows only
        problem = random_problem(rng)
        truth = brute_force(problem)
        for name, kwargs in (("plan", {}), ("plan-greedy", {"max_exact": 0})):
            clock = time.process_time()
            plan = plan_controls(problem.evaluate, problem.costs, problem.threshold,
                                 elements=problem.elements(), **kwargs)
            tallies[name].cpu += time.process_time() - clock
            tallies[name].add(problem, truth, plan.chosen, plan.notes)
            tallies[name].evaluations.append(plan.evaluations)
            if name == "plan" and plan.method in ("exact", "best-found"):
                exact += 1
                proven += plan.optimal
        clock = time.process_time()
        order, notes = old_greedy(problem)
        tallies["old"].cpu += time.process_time() - clock
        tallies["old"].add(problem, truth, order, notes)
    print(f"python {platform.python_version()}, numpy {np.__version__}; {args.models} random "
          f"models (seed {args.seed}), 3-7 elements, 2-9 candidates, brute force over every "
          f"subset")
    print("method       best cost       %   stops  worst +cost  worst +%  worse steps  "
          "silent   evals   cpu s")
    for tally in tallies.values():
        print(tally.row())
    print(f"plan: the exact search proved its optimum on {proven} of the {exact} models where "
          f"some target could be brought under the threshold")
    if not args.no_samples:
        engine_rows([int(x) for x in args.sizes.split(",") if x.strip()], args.wide)


if __name__ == "__main__":
    main()
