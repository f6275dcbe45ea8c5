"""Reference answers for checking control plans: tiny random problems solved by brute force.

Used by ``tests/analysis/test_control_plan.py`` and ``benchmarks/bench_control_plan.py``;
the product never calls it. A problem is a small attack graph with one random fact per
element per world (the element's easiest threat works or not, shared by every way in),
threats with likelihoods, candidate controls that cut some threats on one element, and
targets. :func:`exact_probabilities` enumerates every world; :func:`brute_force` tries
every subset of candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from workbench.analysis.attack.evidence import ThreatEvidence, element_probability


@dataclass
class Problem:
    """A tiny attack graph with threats, candidate controls and targets."""

    n: int
    edges: list[tuple[int, int]]
    entries: list[list[int]]  # per attacker, the elements it can try first
    threats: list[list[ThreatEvidence]]  # per element
    costs: dict[str, float]
    element_of: dict[str, int]  # candidate -> element
    targets: list[int]
    threshold: float
    _memo: dict[frozenset[str], np.ndarray] = field(default_factory=dict, repr=False)

    def elements(self) -> dict[str, frozenset[str]]:
        """Candidate -> the element it sits on, as :func:`plan_controls` takes it."""
        return {c: frozenset({str(v)}) for c, v in self.element_of.items()}

    def element_p(self, chosen: frozenset[str]) -> np.ndarray:
        return np.array([element_probability(t, chosen) for t in self.threats])

    def evaluate(self, chosen: list[str]) -> np.ndarray:
        """Worst attacker's exact probability of each target with ``chosen`` in place."""
        key = frozenset(chosen)
        if key not in self._memo:
            self._memo[key] = exact_probabilities(self, self.element_p(key))
        return self._memo[key]


def exact_probabilities(problem: Problem, p: np.ndarray) -> np.ndarray:
    """Enumerate the 2^n worlds (element works or not) and propagate reachability."""
    n = problem.n
    worlds = np.arange(1 << n)
    works = ((worlds[:, None] >> np.arange(n)) & 1).astype(bool)  # (W, n)
    weight = np.prod(np.where(works, p, 1.0 - p), axis=1)
    worst = np.zeros(len(problem.targets))
    for entries in problem.entries:
        held = np.zeros_like(works)
        held[:, entries] = works[:, entries]
        while True:
            grown = held.copy()
            for a, b in problem.edges:
                grown[:, b] |= held[:, a] & works[:, b]
            if np.array_equal(grown, held):
                break
            held = grown
        reach = np.array([weight[held[:, t]].sum() for t in problem.targets])
        worst = np.maximum(worst, reach)
    return worst


def random_problem(rng: np.random.Generator, *, max_nodes: int = 7,
                   max_candidates: int = 9) -> Problem:
    """A random small problem: 3 to ``max_nodes`` elements, 2 to ``max_candidates``
    candidates; some elements carry two equally easy threats, so that only a pair of
    controls lowers them (the combinations a screened greedy misses). The threshold lies
    between one target's probability with every candidate and without any."""
    n = int(rng.integers(3, max_nodes + 1))
    edges = sorted({(int(a), int(b)) for a, b in rng.integers(0, n, size=(2 * n, 2))
                    if a != b})
    levels = (0.1, 0.3667, 0.6333, 0.9)
    threats: list[list[ThreatEvidence]] = [[] for _ in range(n)]
    k = int(rng.integers(2, max_candidates + 1))
    costs: dict[str, float] = {}
    element_of: dict[str, int] = {}
    options: list[list[list[tuple[str, float]]]] = []
    for v in range(n):
        count = int(rng.integers(1, 4))
        q = [float(levels[int(i)]) for i in rng.integers(0, 4, size=count)]
        if count > 1 and rng.random() < 0.4:
            q[1] = q[0]  # two equally easy threats
        threats[v] = [ThreatEvidence(f"t{v}.{i}", x) for i, x in enumerate(q)]
        options.append([[] for _ in q])
    for j in range(k):
        cid = f"c{j}"
        v = int(rng.integers(0, n))
        hit = rng.choice(len(threats[v]), size=int(rng.integers(1, len(threats[v]) + 1)),
                         replace=False)
        eff = float(rng.choice([0.3, 0.5, 0.6, 0.7, 0.9]))
        for i in hit.tolist():
            options[v][i].append((cid, eff))
        costs[cid] = float(rng.choice([1.0, 3.0, 9.0]))
        element_of[cid] = v
    threats = [[ThreatEvidence(t.key, t.probability, 1.0, tuple(options[v][i]))
                for i, t in enumerate(ts)] for v, ts in enumerate(threats)]
    attackers = int(rng.integers(1, 3))
    entries = [sorted({int(x) for x in rng.integers(0, n, size=int(rng.integers(1, 3)))})
               for _ in range(attackers)]
    targets = sorted({int(x) for x in rng.integers(0, n, size=int(rng.integers(1, 3)))})
    problem = Problem(n, edges, entries, threats, costs, element_of, targets, 0.0)
    # A threshold between what one target gets with every candidate and without any, so
    # most problems need a plan; other targets may be unfixable or already under.
    base, full = problem.evaluate([]), problem.evaluate(sorted(costs))
    j = int(rng.integers(0, len(targets)))
    u = float(rng.uniform(0.1, 0.9))
    problem.threshold = round(float(full[j] + u * (base[j] - full[j])), 4)
    return problem


@dataclass
class Truth:
    """Brute force over every subset of candidates."""

    values: dict[frozenset[str], np.ndarray]
    costs: dict[frozenset[str], float]
    threshold: float

    @property
    def fixable(self) -> np.ndarray:
        full = max(self.values, key=len)
        return self.values[full] <= self.threshold + 1e-12

    def best_cover_cost(self) -> float | None:
        """Cheapest set bringing every fixable target under (None: nothing to do)."""
        mask = self.fixable
        base = self.values[frozenset()]
        if not (base[mask] > self.threshold + 1e-12).any():
            return None
        return min(c for s, c in self.costs.items()
                   if np.all(self.values[s][mask] <= self.threshold + 1e-12))

    def best_excess_within(self, budget: float) -> float:
        """Smallest summed excess over the threshold among sets costing at most ``budget``."""
        return min(float(np.maximum(0.0, v - self.threshold).sum())
                   for s, v in self.values.items() if self.costs[s] <= budget + 1e-9)


def brute_force(problem: Problem) -> Truth:
    ids = sorted(problem.costs)
    values: dict[frozenset[str], np.ndarray] = {}
    costs: dict[frozenset[str], float] = {}
    for r in range(len(ids) + 1):
        for subset in combinations(ids, r):
            key = frozenset(subset)
            values[key] = problem.evaluate(list(subset))
            costs[key] = sum(problem.costs[c] for c in subset)
    return Truth(values, costs, problem.threshold)


__all__ = ["Problem", "Truth", "brute_force", "exact_probabilities", "random_problem"]
