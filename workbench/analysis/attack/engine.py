"""``analyze_attacks``: the one call the CLI, the GUI and the report make.

It strings the parts together (evidence -> graph -> per attacker: solver, paths) and
returns plain, JSON-ready results. Every number that is an estimate says so: Monte Carlo
results carry ``method: "monte-carlo"``, their Wilson interval, the number of worlds and
``approximate: true``; exact ones carry ``method: "exact-enumeration"``.
"""

from __future__ import annotations

import functools
import gc
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
from workbench.analysis.attack.evidence import (
    Candidate,
    EdgeEvidence,
    cost_units,
    evidence_from_risks,
)
from workbench.analysis.attack.graph import AttackGraph, StepGraph, build_graph, step_graph
from workbench.analysis.attack.paths import PathFinder
from workbench.analysis.attack.probability import (
    DEFAULT_SAMPLES,
    EXACT_LIMIT,
    METHOD_EXACT,
    METHOD_MC,
    NodeResult,
    Solution,
    Solver,
)
from workbench.analysis.attack.targets import TargetSpec, resolve_targets
from workbench.model.entities import AttackerProfile
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel


@dataclass
class AttackerRun:
    """One attacker's prepared graph and solution (kept for what-ifs)."""

    profile: AttackerProfile
    entries: list[str]
    graph: StepGraph
    solver: Solver
    solution: Solution
    seed: list[int]


@dataclass
class AttackAnalysis:
    """Everything the attack engine found, as plain data (see :meth:`to_json`)."""

    attackers: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    target_results: list[dict[str, Any]]
    attack_paths: list[dict[str, Any]]
    compromise: dict[str, dict[str, Any]]
    recommendations: list[dict[str, Any]]
    edge_cuts: list[dict[str, Any]]
    choke_points: list[dict[str, Any]]
    layers: list[dict[str, Any]]
    sensitivity: list[dict[str, Any]]
    time_to_compromise: list[dict[str, Any]]
    settings: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "attack_paths": self.attack_paths,
            "compromise": self.compromise,
            "recommendations": self.recommendations,
            "choke_points": self.choke_points,
            "attack": {
                "settings": self.settings,
                "attackers": self.attackers,
                "targets": self.targets,
                "results": self.target_results,
                "edge_cuts": self.edge_cuts,
                "layers": self.layers,
                "sensitivity": self.sensitivity,
                "time_to_compromise": self.time_to_compromise,
                "notes": self.notes,
            },
        }


def _evidence(model: ThreatModel, catalog, risks, stencils
              ) -> tuple[EdgeEvidence, dict[str, Candidate]]:
    if risks is None and not model.threats:
        return {}, {}
    from workbench.analysis.catalog import default_catalog
    from workbench.analysis.risk import Scales, assess

    catalog = catalog or default_catalog()
    if risks is None:
        risks = assess(model, catalog, stencils)
    evidence, candidates = evidence_from_risks(risks, Scales.of(model).likelihood, catalog)
    costs = {c.id: cost_units(c.cost) for c in model.controls}
    for cand in candidates.values():
        if cand.id in costs:
            cand.cost = costs[cand.id]
    from workbench.analysis.attack.recommend import applicable_candidates

    candidates, _ = applicable_candidates(candidates, model, catalog, stencils)
    return evidence, candidates


def _gc_paused(fn):
    """Pause the cyclic garbage collector while ``fn`` runs (restored afterwards).

    The analysis makes many short-lived objects next to a large model; full collections
    would rescan the whole model over and over. It creates no reference cycles.
    """
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper


@_gc_paused
def analyze_attacks(model: ThreatModel, catalog=None, *,
                    attackers: list[str] | None = None, targets: list[str] | None = None,
                    top_k: int = 5, samples: int = DEFAULT_SAMPLES, seed: int = 0,
                    risks: list | None = None, evidence: EdgeEvidence | None = None,
                    stencils: StencilLibrary | None = None, exact_limit: int = EXACT_LIMIT,
                    threshold: float = 0.1, max_path_targets: int = 10,
                    recommend: bool = True, sensitivity: bool = True, ttc: bool = False,
                    budget_seconds: float = 3.0) -> AttackAnalysis:
    """Attack paths, compromise probabilities, choke points and what to fund first.

    ``attackers`` / ``targets`` filter by id (a target may be named by its id or its
    element id). ``samples`` is the Monte Carlo size (default 10,000 worlds: +/-0.01 at
    95 % in the worst case), ``seed`` makes every random draw reproducible. Optional
    stages (recommendations, sensitivity) share ``budget_seconds`` and say when they
    stopped early.
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}
    notes: list[str] = []
    stencils = stencils or default_stencils()
    candidates: dict[str, Candidate] = {}
    if evidence is None:
        evidence, candidates = _evidence(model, catalog, risks, stencils)
    graph = build_graph(model, evidence)
    if graph.self_loops:
        notes.append(f"{graph.self_loops} flow(s) from an element to itself ignored")
    if graph.dangling:
        notes.append(f"{graph.dangling} flow(s) naming a missing element ignored")
    profiles = attacker_profiles(model)
    if attackers:
        unknown = set(attackers) - {a.id for a in profiles}
        if unknown:
            raise ValueError(f"unknown attacker {sorted(unknown)[0]!r} "
                             f"(known: {', '.join(a.id for a in profiles)})")
        profiles = [a for a in profiles if a.id in attackers]
    entries = resolve_entries(model, profiles, stencils)
    specs = resolve_targets(model, stencils)
    if targets:
        wanted = set(targets)
        specs = [t for t in specs if t.id in wanted or t.element in wanted]
        if not specs:
            raise ValueError(f"no target matches {sorted(wanted)[0]!r}")
    timings["graph"] = time.perf_counter() - clock
    target_nodes = sorted({graph.index[t.element] for t in specs})
    runs: list[AttackerRun] = []
    for i, profile in enumerate(profiles):
        idx = [graph.index[e] for e in entries[profile.id]]
        if not idx:
            notes.append(f"attacker {profile.id!r} has no entry point in this model")
            continue
        sg = step_graph(graph, idx, profile.capability)
        solver = Solver(sg)
        run_seed = [seed, i]
        sol = solver.solve(samples=samples, seed=run_seed, exact_for=target_nodes,
                           limit=exact_limit)
        runs.append(AttackerRun(profile, entries[profile.id], sg, solver, sol, run_seed))
    timings["probability"] = time.perf_counter() - clock - timings["graph"]
    result = _collect(model, graph, runs, specs, top_k, max_path_targets, notes)
    timings["paths"] = time.perf_counter() - clock - sum(timings.values())
    deadline = time.perf_counter() + budget_seconds
    if sensitivity:
        result["sensitivity"] = _sensitivity(runs, result["_pairs"], samples, exact_limit,
                                             deadline, notes, result["_finders"])
    if recommend:
        from workbench.analysis.attack.recommend import recommend_controls, recommend_cuts

        result["recommendations"] = recommend_controls(
            graph, runs, specs, candidates, threshold, samples, exact_limit, deadline, notes)
        result["edge_cuts"] = recommend_cuts(runs, specs, result["_pairs"], samples,
                                             exact_limit, notes)
    if ttc:
        from workbench.analysis.attack.ttc import time_to_compromise

        result["ttc"] = _ttc(runs, specs, graph, time_to_compromise)
    timings["extras"] = time.perf_counter() - clock - sum(timings.values())
    timings["total"] = time.perf_counter() - clock
    settings = {"samples": samples, "seed": seed, "top_k": top_k, "exact_limit": exact_limit,
                "threshold": threshold, "evidence": "threats" if evidence else "properties"}
    return AttackAnalysis(
        attackers=[{"id": r.profile.id, "name": r.profile.name,
                    "capability": r.profile.capability, "entries": r.entries[:50],
                    "entry_count": len(r.entries), "core_nodes": r.solution.core_nodes,
                    "core_edges": r.solution.core_edges} for r in runs],
        targets=[t.to_json() for t in specs], target_results=result["results"],
        attack_paths=result["paths"], compromise=result["compromise"],
        recommendations=result.get("recommendations", []),
        edge_cuts=result.get("edge_cuts", []), choke_points=result["choke"],
        layers=result["layers"], sensitivity=result.get("sensitivity", []),
        time_to_compromise=result.get("ttc", []), settings=settings, notes=notes,
        timings=timings)


def _collect(model: ThreatModel, graph: AttackGraph, runs: list[AttackerRun],
             specs: list[TargetSpec], top_k: int, max_path_targets: int,
             notes: list[str]) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    spec_nodes = np.array([graph.index[s.element] for s in specs], dtype=np.int64)
    safety = np.array([s.kind == "patient_safety" for s in specs], dtype=bool)
    chosen: list[tuple[float, AttackerRun, TargetSpec]] = []
    reached_pairs = 0
    if runs and specs:
        stack = np.vstack([r.solution.probability[spec_nodes] for r in runs])
        worst = stack.argmax(axis=0)
        by = [dict(zip([r.profile.id for r in runs], col, strict=True))
              for col in np.round(stack, 6).T.tolist()]
        for j, spec in enumerate(specs):
            run = runs[int(worst[j])]
            sol, node = run.solution, int(spec_nodes[j])
            is_exact = bool(sol.exact[node])
            results.append({"target": spec.id, "element": spec.element, "kind": spec.kind,
                            "attacker": run.profile.id,
                            "probability": float(sol.probability[node]),
                            "ci_low": float(sol.ci_low[node]),
                            "ci_high": float(sol.ci_high[node]),
                            "method": METHOD_EXACT if is_exact else METHOD_MC,
                            "worlds": 0 if is_exact else sol.worlds,
                            "approximate": not is_exact, "by_attacker": by[j]})
        # Paths for each attacker's patient-safety targets first, then the most exposed.
        for r, run in enumerate(runs):
            probs = stack[r]
            reached = np.flatnonzero(probs > 0)
            reached_pairs += reached.size
            order = reached[np.lexsort((-probs[reached], ~safety[reached]))]
            chosen += [(float(probs[j]), run, specs[j]) for j in order[:max_path_targets]]
    chosen.sort(key=lambda x: (x[2].kind != "patient_safety", -x[0]))
    skipped = reached_pairs - len(chosen)
    if skipped:
        notes.append(f"paths listed for the {max_path_targets} most exposed targets per "
                     f"attacker; {skipped} other attacker/target pairs have no listed paths")
    finders: dict[str, PathFinder] = {}
    paths: list[dict[str, Any]] = []
    for _prob, run, spec in chosen:
        finder = finders.get(run.profile.id)
        if finder is None:
            finder = finders[run.profile.id] = PathFinder(run.solver)
        search = finder.search(graph.index[spec.element], top_k)
        if search.truncated:
            notes.append(f"path search {run.profile.id} -> {spec.id} stopped by its time "
                         f"limit after {len(search.paths)} path(s)")
        for rank, path in enumerate(search.paths, start=1):
            nodes = [run.graph.nodes[v] for v in path.nodes if v != run.graph.source]
            paths.append({"attacker": run.profile.id, "target": spec.id,
                          "element": spec.element, "kind": spec.kind, "rank": rank,
                          "path": nodes,
                          "probability": path.probability, "truncated": search.truncated,
                          "steps": _steps(run, path.nodes)})
    compromise: dict[str, dict[str, Any]] = {}
    if runs:
        stack = np.vstack([r.solution.probability[:graph.size] for r in runs])
        best = stack.argmax(axis=0)
        worst = stack.max(axis=0)
        hit = np.flatnonzero(worst > 0)
        who = best[hit]
        for r, run in enumerate(runs):
            sol = run.solution
            nodes = hit[who == r]
            for node, prob, low, high, is_exact in zip(
                    nodes.tolist(), sol.probability[nodes].tolist(), sol.ci_low[nodes].tolist(),
                    sol.ci_high[nodes].tolist(), sol.exact[nodes].tolist(), strict=True):
                compromise[graph.nodes[node]] = {
                    "probability": prob, "ci_low": low, "ci_high": high,
                    "method": METHOD_EXACT if is_exact else METHOD_MC,
                    "worlds": 0 if is_exact else sol.worlds, "approximate": not is_exact,
                    "attacker": run.profile.id}
        for spec in specs:
            compromise.setdefault(spec.element, {
                "probability": 0.0, "ci_low": 0.0, "ci_high": 0.0, "method": "unreachable",
                "worlds": 0, "approximate": False, "attacker": None})
    choke = _choke_points(paths, {s.element for s in specs})
    layers = _layers(model, graph, compromise, paths, choke)
    return {"results": results, "paths": paths, "compromise": compromise, "choke": choke,
            "layers": layers, "_pairs": chosen, "_finders": finders}


def _steps(run: AttackerRun, nodes: list[int]) -> list[dict[str, Any]]:
    """Each step of a path with its chance and expected effort (days, mean 1/p).

    A step from the attacker into a network through any of its peeled devices has no
    single edge in the model; its ``p`` is then ``None``.
    """
    out = []
    for a, b in zip([run.graph.source] + nodes, nodes, strict=False):
        e = _edge_index(run.graph, a, b)
        p = float(run.graph.p[e]) if e >= 0 else None
        out.append({"from": None if a == run.graph.source else run.graph.nodes[a],
                    "to": run.graph.nodes[b], "p": p,
                    "effort_days": round(1.0 / p, 3) if p else None})
    return out


def _choke_points(paths: list[dict[str, Any]], target_elements: set[str]
                  ) -> list[dict[str, Any]]:
    """Elements that listed paths cross on their way (the target itself not counted)."""
    count: dict[str, int] = {}
    weight: dict[str, float] = {}
    attackers: dict[str, set[str]] = {}
    for path in paths:
        for element in dict.fromkeys(path["path"][:-1]):
            count[element] = count.get(element, 0) + 1
            weight[element] = weight.get(element, 0.0) + path["probability"]
            attackers.setdefault(element, set()).add(path["attacker"])
    ranked = sorted(count, key=lambda e: (-count[e], -weight[e], e))
    return [{"element": e, "paths": count[e], "probability_weight": round(weight[e], 6),
             "attackers": sorted(attackers[e]), "share": count[e] / max(1, len(paths))}
            for e in ranked[:20]]


def _layers(model: ThreatModel, graph: AttackGraph, compromise: dict[str, dict[str, Any]],
            paths: list[dict[str, Any]], choke: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from workbench.model.enums import LAYER_ORDER

    layer_of = dict(zip(graph.nodes, graph.layers, strict=True))
    out = []
    for layer in LAYER_ORDER:
        members = [n for n, lay in layer_of.items() if lay == layer.value]
        probs = [compromise[n]["probability"] for n in members if n in compromise]
        crossing = sum(1 for p in paths if any(layer_of.get(e) == layer.value
                                               for e in p["path"]))
        out.append({
            "layer": layer.value, "elements": len(members),
            "exposed": sum(1 for p in probs if p > 0),
            "mean_probability": float(np.mean(probs)) if probs else 0.0,
            "max_probability": max(probs, default=0.0),
            "paths": crossing,
            "choke_points": [c["element"] for c in choke
                             if layer_of.get(c["element"]) == layer.value][:5],
        })
    return out


def _sensitivity(runs: list[AttackerRun], pairs, samples: int, exact_limit: int,
                 deadline: float, notes: list[str], finders: dict[str, PathFinder],
                 max_pairs: int = 5, max_edges: int = 12) -> list[dict[str, Any]]:
    """How much each step of the listed paths matters: P(target) minus P without it.

    What-ifs reuse the attacker's random numbers (common random numbers), so the
    difference is not sampling noise; they use at most 4,096 worlds.
    """
    out: list[dict[str, Any]] = []
    samples = min(samples, 4096)
    for _prob, run, spec in pairs[:max_pairs]:
        node = run.graph.nodes.index(spec.element)
        base = run.solution.node(node)
        finder = finders.get(run.profile.id)
        if finder is None:
            finder = finders[run.profile.id] = PathFinder(run.solver)
        edges: list[int] = []
        for path in finder.search(node, 5).paths:
            for a, b in zip(path.nodes, path.nodes[1:], strict=False):
                e = _edge_index(run.graph, a, b)
                if e >= 0 and e not in edges:
                    edges.append(e)
        steps = []
        mc = not base.method.startswith("exact")
        reference: float | None = None if mc else base.probability
        for e in edges[:max_edges]:
            if time.perf_counter() > deadline:
                notes.append("sensitivity stopped by the time budget")
                return out
            p = run.graph.p.copy()
            p[e] = 0.0
            if run.solver.touches_core(e):
                if reference is None:  # the same worlds as the what-ifs
                    reference = float(run.solver.solve(samples=samples, seed=run.seed,
                                                       exact_for=[node]).probability[node])
                sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=[node],
                                       limit=exact_limit, monte_carlo=mc)
            else:  # a peeled step: the core is unchanged, no new sampling needed
                sol = run.solver.solve(p, reuse=run.solution)
                without = float(sol.probability[node])
                steps.append({"from": run.graph.nodes[int(run.graph.src[e])],
                              "to": run.graph.nodes[int(run.graph.dst[e])],
                              "p": float(run.graph.p[e]), "probability_without": without,
                              "reduction": base.probability - without})
                continue
            without = float(sol.probability[node])
            steps.append({"from": run.graph.nodes[int(run.graph.src[e])],
                          "to": run.graph.nodes[int(run.graph.dst[e])],
                          "p": float(run.graph.p[e]),
                          "probability_without": without,
                          "reduction": (reference or 0.0) - without})
        steps.sort(key=lambda s: -s["reduction"])
        out.append({"attacker": run.profile.id, "target": spec.id,
                    "probability": base.probability, "method": base.method, "steps": steps})
    return out


def _edge_index(graph: StepGraph, a: int, b: int) -> int:
    key = a * graph.n + b
    keys = graph.src * graph.n + graph.dst
    pos = int(np.searchsorted(keys, key))
    return pos if pos < keys.size and keys[pos] == key else -1


def _ttc(runs: list[AttackerRun], specs: list[TargetSpec], graph: AttackGraph, fn
         ) -> list[dict[str, Any]]:
    out = []
    for run in runs:
        nodes = [graph.index[s.element] for s in specs]
        days = fn(run.solver, nodes, seed=run.seed)
        for spec in specs:
            p5, p50, p95 = days[graph.index[spec.element]]
            out.append({"attacker": run.profile.id, "target": spec.id,
                        "days_p5": _finite(p5), "days_p50": _finite(p50),
                        "days_p95": _finite(p95)})
    return out


def _finite(x: float) -> float | None:
    return None if not np.isfinite(x) else round(float(x), 3)


def node_result(run: AttackerRun, element: str) -> NodeResult:
    return run.solution.node(run.graph.nodes.index(element))
