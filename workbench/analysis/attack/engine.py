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
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.analysis.attack.attackers import attacker_profiles, kept_entries
from workbench.analysis.attack.choke import choke_points
from workbench.analysis.attack.cuts import edge_cuts
from workbench.analysis.attack.evidence import (
    CONTROL,
    DENY,
    EXPOSE,
    Candidate,
    CandidateTable,
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
from workbench.analysis.attack.targets import (
    CARE_SERVICE,
    HEALTH_DATA,
    TargetSpec,
    resolve_targets,
)
from workbench.analysis.attack.ttc import DEFAULT_HORIZON
from workbench.model.entities import AttackerProfile
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

if TYPE_CHECKING:
    from workbench.analysis.attack.exposure import ExposureGraph


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


def _evidence(model: ThreatModel, catalog, risks, stencils, want_candidates: bool = True
              ) -> tuple[EdgeEvidence, dict[str, Candidate]]:
    """Evidence per element, and (``want_candidates``) the fundable controls that apply.

    Screening candidates for applicability is most of this step on a large model (3.4 of
    5.5 s at 5,000 components), so callers that fund nothing skip it.
    """
    if risks is None and not model.threats:
        return {}, {}
    from workbench.analysis.catalog import default_catalog
    from workbench.analysis.risk import Scales, assess

    catalog = catalog or default_catalog()
    if risks is None:
        risks = assess(model, catalog, stencils)
    evidence, candidates = evidence_from_risks(risks, Scales.of(model).likelihood, catalog)
    if not want_candidates:
        return evidence, {}
    return evidence, _fundable(model, catalog, candidates, stencils)


def _fundable(model: ThreatModel, catalog, candidates: dict[str, Candidate], stencils
              ) -> dict[str, Candidate]:
    """The model's own control costs put on ``candidates``, then those that apply."""
    from workbench.analysis.attack.recommend import applicable_candidates
    from workbench.analysis.catalog import default_catalog

    # by the model's controls (a few), not by the candidates (a few hundred thousand)
    for cid, cost in {c.id: cost_units(c.cost) for c in model.controls}.items():
        cand = candidates.get(cid)
        if cand is not None and cand.id == cid:
            cand.cost = cost
    found, _ = applicable_candidates(candidates, model, catalog or default_catalog(),
                                     stencils)
    return found


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


def prepare_runs(model: ThreatModel, catalog=None, *, risks: list | None = None,
                 evidence: EdgeEvidence | None = None, attackers: list[str] | None = None,
                 stencils: StencilLibrary | None = None, samples: int = DEFAULT_SAMPLES,
                 seed: int = 0, exact_for: list[int] | None = None,
                 exact_limit: int = EXACT_LIMIT, notes: list[str] | None = None,
                 candidates: dict[str, Candidate] | None = None,
                 timings: dict[str, float] | None = None,
                 graph: AttackGraph | None = None,
                 shared: ExposureGraph | None = None
                 ) -> tuple[AttackGraph, list[AttackerRun], list[str]]:
    """Evidence -> graph -> one solved run per attacker (the common first stage).

    ``exact_for``: component indices to try exactly (with their attempt nodes);
    ``candidates``: filled with the fundable controls found with the evidence;
    ``graph``: ``build_graph(model, evidence, stencils)`` when the caller has it (the
    diff shares it with the exposure stage); ``shared``: the exposure pass's graph and
    evidence with catalog options (``AnalysisResult.attack_graph``), used when it was
    built next to ``risks`` (the same list), so the graph is built once per analysis;
    one built without the options (``ExposureGraph.options``) only when nothing is funded
    (``candidates`` None).
    """
    notes = [] if notes is None else notes
    timings = {} if timings is None else timings
    clock, cpu = time.perf_counter(), time.process_time()
    stencils = stencils or default_stencils()
    if graph is None and shared is not None and evidence is None and risks is not None \
            and shared.risks is risks and (shared.options or candidates is None):
        graph = shared.graph
        if candidates is not None:
            candidates.update(_fundable(model, catalog, shared.candidates, stencils))
    if graph is None:
        if evidence is None:
            evidence, found = _evidence(model, catalog, risks, stencils,
                                        want_candidates=candidates is not None)
            if candidates is not None:
                candidates.update(found)
        graph = build_graph(model, evidence, stencils)
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
    entries = kept_entries(graph, model, profiles, stencils)  # exposure's, when shared
    timings["graph"] = timings.get("graph", 0.0) + time.perf_counter() - clock
    timings["graph_cpu"] = timings.get("graph_cpu", 0.0) + time.process_time() - cpu
    clock, cpu = time.perf_counter(), time.process_time()
    runs: list[AttackerRun] = []
    for i, profile in enumerate(profiles):
        idx = [graph.index[e] for e in entries[profile.id]]
        if not idx:
            notes.append(f"attacker {profile.id!r} has no entry point in this model")
            continue
        sg = step_graph(graph.for_vectors(profile.vectors), idx, profile.capability)
        solver = Solver(sg)
        run_seed = [seed, i]
        wanted = list(exact_for or [])
        wanted += [int(sg.attempt[t]) for t in wanted if sg.attempt[t] >= 0]
        sol = solver.solve(samples=samples, seed=run_seed, exact_for=wanted,
                           limit=exact_limit)
        runs.append(AttackerRun(profile, entries[profile.id], sg, solver, sol, run_seed))
    timings["probability"] = time.perf_counter() - clock
    timings["probability_cpu"] = time.process_time() - cpu
    return graph, runs, notes


@_gc_paused
def _default_catalog():
    from workbench.analysis.catalog import default_catalog

    return default_catalog()


@_gc_paused
def analyze_attacks(model: ThreatModel, catalog=None, *,
                    attackers: list[str] | None = None, targets: list[str] | None = None,
                    top_k: int = 5, samples: int = DEFAULT_SAMPLES, seed: int = 0,
                    risks: list | None = None, evidence: EdgeEvidence | None = None,
                    stencils: StencilLibrary | None = None, exact_limit: int = EXACT_LIMIT,
                    threshold: float = 0.1, max_path_targets: int = 10,
                    recommend: bool = True, sensitivity: bool = True, ttc: bool = False,
                    budget_seconds: float = 3.0, horizon_days: int = DEFAULT_HORIZON,
                    plan_evaluations: int | None = None,
                    shared: ExposureGraph | None = None, cuts: bool = True) -> AttackAnalysis:
    """Attack paths, compromise probabilities, choke points and what to fund first.

    ``attackers`` / ``targets`` filter by id (a target may be named by its id or its
    element id). ``samples`` is the Monte Carlo size (default 10,000 worlds: +/-0.01 at
    95 % in the worst case), ``seed`` makes every random draw reproducible. Optional
    stages (recommendations, sensitivity, choke points) share ``budget_seconds`` and say
    when they stopped early. ``horizon_days`` bounds the time-to-compromise mode.
    ``plan_evaluations``: the control plan's budget in evaluations (default: from the
    model's size; see ``docs/attack-paths.md`` section 8); it never depends on seconds.
    ``shared``: ``AnalysisResult.attack_graph`` (``analyze(..., attack_graph=True)``):
    the exposure pass's graph, reused when ``risks`` is that analysis's list.
    ``cuts=False``: no edge cuts, choke points or layer summary (empty lists), for a caller
    that never shows them (the window's worker, after every edit); the rest is unchanged.
    """
    clock, cpu = time.perf_counter(), time.process_time()
    timings: dict[str, float] = {}
    notes: list[str] = []
    stencils = stencils or default_stencils()
    # a table: the fundable candidates' sites come with them (``CandidateTable.update``)
    candidates: dict[str, Candidate] = CandidateTable()
    specs = resolve_targets(model, stencils)
    if targets:
        wanted = set(targets)
        specs = [t for t in specs if t.id in wanted or t.element in wanted]
        if not specs:
            raise ValueError(f"no target matches {sorted(wanted)[0]!r}")
    index = {c.id: i for i, c in enumerate(model.components)}
    target_nodes = sorted({index[t.element] for t in specs})
    timings["graph"] = time.perf_counter() - clock
    timings["graph_cpu"] = time.process_time() - cpu
    graph, runs, notes = prepare_runs(
        model, catalog, risks=risks, evidence=evidence, attackers=attackers,
        stencils=stencils, samples=samples, seed=seed, exact_for=target_nodes,
        exact_limit=exact_limit, notes=notes, candidates=candidates if recommend else None,
        timings=timings, shared=shared)
    result = _collect(model, graph, runs, specs, top_k, max_path_targets, notes)
    # Wall (perf_counter) and CPU (process_time) seconds: on a shared machine only the
    # CPU figures compare across runs.
    timings["paths"] = time.perf_counter() - clock - timings["graph"] - timings["probability"]
    timings["paths_cpu"] = (time.process_time() - cpu - timings["graph_cpu"]
                            - timings["probability_cpu"])
    # The attack stage proper (evidence, graph, probabilities, paths); the optional
    # stages below share ``budget_seconds`` (and the plan its evaluation budget).
    timings["attack"] = timings["graph"] + timings["probability"] + timings["paths"]
    timings["attack_cpu"] = time.process_time() - cpu
    deadline = time.perf_counter() + budget_seconds
    if sensitivity:
        result["sensitivity"] = _sensitivity(runs, result["_pairs"], samples, exact_limit,
                                             deadline, notes, result["_finders"])
    if recommend:
        from workbench.analysis.attack.recommend import recommend_controls

        term = None
        if risks is not None and candidates:
            from workbench.analysis.attack.plan_risk import RiskTerm

            term = RiskTerm(model, catalog or _default_catalog(), risks, candidates)
        result["recommendations"] = recommend_controls(
            graph, runs, specs, candidates, threshold, samples, exact_limit, deadline, notes,
            budget=plan_evaluations, risk_term=term)
        if risks is not None and result["recommendations"]:
            from workbench.analysis.attack.plan_effect import note_levels

            note_levels(model, catalog, risks, result["recommendations"], notes, term)
    result["edge_cuts"], result["choke"], result["layers"] = [], [], []
    if cuts:
        result["edge_cuts"] = edge_cuts(runs, result["_pairs"], samples, exact_limit, notes)
        result["choke"] = choke_points(runs, specs, result["paths"], samples, exact_limit,
                                       deadline, notes)
        result["layers"] = _layers(model, graph, result["compromise"], result["paths"],
                                   result["choke"])
    if ttc:
        result["ttc"] = _ttc(runs, specs, graph, horizon_days)
    timings["extras"] = (time.perf_counter() - clock - timings["attack"])
    timings["total"] = time.perf_counter() - clock
    timings["extras_cpu"] = time.process_time() - cpu - timings["attack_cpu"]
    timings["total_cpu"] = time.process_time() - cpu
    settings = {"samples": samples, "seed": seed, "top_k": top_k, "exact_limit": exact_limit,
                "threshold": threshold, "evidence": "threats" if graph.evidence else "properties",
                "horizon_days": horizon_days}
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


#: What reaches a target of each kind besides control of its element (docs/attack-paths.md).
KIND_EFFECT = {HEALTH_DATA: EXPOSE, CARE_SERVICE: DENY}


def targets_reach(run: AttackerRun, nodes: np.ndarray, kinds: list[str],
                  solution: Solution | None = None) -> np.ndarray:
    """:func:`target_reach` probabilities for many targets at once (what-ifs, rankings)."""
    return reach_table(run, nodes, kinds, solution, rows=1)[0]


def reach_table(run: AttackerRun, nodes: np.ndarray, kinds: list[str],
                solution: Solution | None = None, rows: int = 3
                ) -> tuple[np.ndarray, ...]:
    """:func:`target_reach` for many targets at once: probability, interval, exactness.

    The same float operations as :func:`target_reach`, element-wise, so the figures are
    bit-identical; one pass instead of a Python call per (attacker, target) pair, which
    was a quarter of the attack stage at 150,000 elements. ``rows=1``: probability only.
    """
    sol = solution or run.solution
    sg = run.graph
    nodes = np.asarray(nodes, dtype=np.int64)
    table = (sol.probability, sol.ci_low, sol.ci_high)[:rows]
    control = [r[nodes] for r in table]
    exact = sol.exact[nodes]
    z = np.zeros(nodes.size)
    for effect, mask in _kind_masks(kinds):
        row = sg.expose_p if effect == EXPOSE else sg.deny_p
        if row is not None:
            z[mask] = row[nodes[mask]]
    active = z > 0
    if not active.any():
        return (*control, exact)
    src = sg.attempt_sources()[nodes]
    safe = np.maximum(src, 0)
    vals = [np.where(active, c + np.maximum(0.0, np.where(src >= 0, r[safe], 0.0) - c) * z,
                     c) for c, r in zip(control, table, strict=True)]
    if rows > 1:
        vals[1] = np.minimum(vals[1], vals[0])
        vals[2] = np.maximum(vals[2], vals[0])
    exact = exact & (~active | (src < 0) | sol.exact[safe])
    return (*vals, exact)


#: The last kinds list :func:`_kind_masks` was asked for (a copy) and its masks.
_LAST_KIND_MASKS: tuple[list[str], list[tuple[str, np.ndarray]]] = ([], [])


def _kind_masks(kinds: list[str]) -> list[tuple[str, np.ndarray]]:
    """Per kind of :data:`KIND_EFFECT`, its effect and which of ``kinds`` are that kind.

    A plan's what-ifs ask :func:`reach_table` about the same targets a hundred times (an
    object array's string comparisons each time): the masks of the last list are kept
    and given again when the list is equal (a comparison of the same string objects)."""
    last, masks = _LAST_KIND_MASKS
    if not isinstance(kinds, list) or kinds != last or not masks:
        kind_arr = np.asarray(kinds, dtype=object)
        masks = [(effect, kind_arr == kind) for kind, effect in KIND_EFFECT.items()]
        if isinstance(kinds, list):
            _remember_kind_masks(list(kinds), masks)
    return masks


def _remember_kind_masks(kinds: list[str], masks: list[tuple[str, np.ndarray]]) -> None:
    """Keep ``masks`` as those of ``kinds`` (read-only), in one assignment (threads)."""
    global _LAST_KIND_MASKS
    for _, mask in masks:
        mask.flags.writeable = False
    _LAST_KIND_MASKS = (kinds, masks)


def target_reach(run: AttackerRun, node: int, kind: str,
                 solution: Solution | None = None) -> tuple[float, float, float, bool]:
    """P(target reached), interval and exactness for one attacker.

    A data (availability) target is reached when the attacker controls its element, or can
    try it and its exposure (denial) works: ``P = P(C) + (P(A) - P(C)) z`` with ``z`` the
    element's exposure (denial) chance, ``C`` control and ``A`` attempt (``C`` implies
    ``A``; ``z`` is a fact of its own, independent of both). Other kinds: ``P(C)``.
    """
    sol = solution or run.solution
    sg = run.graph
    rows = (sol.probability, sol.ci_low, sol.ci_high)
    control = [float(r[node]) for r in rows]
    exact = bool(sol.exact[node])
    effect = KIND_EFFECT.get(kind)
    z_row = None if effect is None else (sg.expose_p if effect == EXPOSE else sg.deny_p)
    z = 0.0 if z_row is None else float(z_row[node])
    if z <= 0:
        return control[0], control[1], control[2], exact
    source = sg.attempt_source(node)
    attempt = [float(r[source]) if source >= 0 else 0.0 for r in rows]
    exact = exact and (source < 0 or bool(sol.exact[source]))
    vals = [c + max(0.0, a - c) * z for c, a in zip(control, attempt, strict=True)]
    return vals[0], min(vals[1], vals[0]), max(vals[2], vals[0]), exact


def _collect(model: ThreatModel, graph: AttackGraph, runs: list[AttackerRun],
             specs: list[TargetSpec], top_k: int, max_path_targets: int,
             notes: list[str]) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    spec_nodes = np.array([graph.index[s.element] for s in specs], dtype=np.int64)
    safety = np.array([s.kind == "patient_safety" for s in specs], dtype=bool)
    chosen: list[tuple[float, AttackerRun, TargetSpec]] = []
    reached_pairs = 0
    if runs and specs:
        kinds = [s.kind for s in specs]
        tables = [reach_table(r, spec_nodes, kinds) for r in runs]
        stack = np.array([t[0] for t in tables])
        worst = stack.argmax(axis=0)
        ids = [r.profile.id for r in runs]
        by = [dict(zip(ids, col, strict=True)) for col in np.round(stack, 6).T.tolist()]
        # Each attacker's 95 % interval and exactness too (the report puts them beside
        # that attacker's paths, not only beside the worst attacker's). Python's round,
        # not numpy's: they can differ in the last digit.
        lows = [_round6(t[1]) for t in tables]
        highs = [_round6(t[2]) for t in tables]
        exacts = [t[3].tolist() for t in tables]
        by_ci = [{ids[r]: [lows[r][j], highs[r][j], exacts[r][j]] for r in range(len(runs))}
                 for j in range(len(specs))]
        picked = (np.arange(len(specs)), worst)
        best = [np.vstack([t[i] for t in tables]).T[picked].tolist() for i in range(4)]
        for j, spec in enumerate(specs):
            r = int(worst[j])
            run = runs[r]
            prob, low, high = best[0][j], best[1][j], best[2][j]
            is_exact = bool(best[3][j])
            sol = run.solution
            results.append({"target": spec.id, "element": spec.element, "kind": spec.kind,
                            "attacker": run.profile.id, "probability": prob,
                            "ci_low": low, "ci_high": high,
                            "method": METHOD_EXACT if is_exact else METHOD_MC,
                            "worlds": 0 if is_exact else sol.worlds,
                            "approximate": not is_exact, "by_attacker": by[j],
                            "by_attacker_ci": by_ci[j],
                            "effect": KIND_EFFECT.get(spec.kind, CONTROL)})
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
        node = graph.index[spec.element]
        search = finder.search(node, top_k)
        if search.truncated:
            notes.append(f"path search {run.profile.id} -> {spec.id} stopped by its time "
                         f"limit after {len(search.paths)} path(s)")
        listed = [_path_json(run, spec, path, search.truncated) for path in search.paths]
        listed.sort(key=lambda x: -x["probability"])
        for rank, item in enumerate(listed, start=1):
            item["rank"] = rank
        paths += listed
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
    return {"results": results, "paths": paths, "compromise": compromise,
            "_pairs": chosen, "_finders": finders}


def _round6(values: np.ndarray) -> list[float]:
    """``[round(x, 6) for x in values]`` with Python's (correctly rounded) ``round``, once
    per distinct value: Monte Carlo figures take at most worlds + 1 values, so a
    150,000-element model has a million intervals but a few thousand distinct bounds."""
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.int64)  # -0.0 stays -0.0
    uniq, inverse = np.unique(bits, return_inverse=True)
    rounded = np.array([round(x, 6) for x in uniq.view(np.float64).tolist()], dtype=float)
    return rounded[inverse].tolist()


def _path_json(run: AttackerRun, spec: TargetSpec, path, truncated: bool) -> dict[str, Any]:
    """One listed path: its steps, and its probability as the product of its steps.

    The last step onto a data (availability) target also works when the element's
    exposure (denial) does: ``1 - (1 - s)(1 - z)``.
    """
    steps = _steps(run, path.nodes)
    effect = KIND_EFFECT.get(spec.kind)
    z_row = None if effect is None else (run.graph.expose_p if effect == EXPOSE
                                         else run.graph.deny_p)
    if z_row is not None and steps and z_row[path.nodes[-1]] > 0:
        last = steps[-1]
        last["p"] = 1.0 - (1.0 - last["p"]) * (1.0 - float(z_row[path.nodes[-1]]))
        last["effort_days"] = round(1.0 / last["p"], 3) if last["p"] else None
        last["effect"] = effect
    prob = float(np.prod([s["p"] for s in steps])) if steps else 0.0
    names = [run.graph.nodes[v] for v in path.nodes]
    return {"attacker": run.profile.id, "target": spec.id, "element": spec.element,
            "kind": spec.kind, "rank": 0, "path": names, "entry": names[0] if names else None,
            "on_target": len(names) == 1, "probability": prob, "truncated": truncated,
            "steps": steps}


def _steps(run: AttackerRun, nodes: list[int]) -> list[dict[str, Any]]:
    """Each step of a path with its chance taken alone and expected effort (days, 1/p)."""
    out = []
    sg = run.graph
    for a, b in zip([sg.source] + nodes, nodes, strict=False):
        p = sg.step_p(a, b)
        out.append({"from": None if a == sg.source else sg.nodes[a], "to": sg.nodes[b],
                    "p": p, "effort_days": round(1.0 / p, 3) if p else None})
    return out


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


#: A sensitivity step whose reduction is below this is reported as 0: blocking a step that
#: changes nothing left 4e-19 to 9e-19 of summation noise, which ordered those steps.
ZERO_REDUCTION = 1e-12


def _sensitivity(runs: list[AttackerRun], pairs, samples: int, exact_limit: int,
                 deadline: float, notes: list[str], finders: dict[str, PathFinder],
                 max_pairs: int = 5, max_steps: int = 12) -> list[dict[str, Any]]:
    """How much each step of the listed paths matters: P(target) minus P with it blocked.

    What-ifs reuse the attacker's random numbers (common random numbers), so the
    difference is not sampling noise; they use at most 4,096 worlds. A step inside the
    peeled part is recomputed exactly, without sampling.
    """
    out: list[dict[str, Any]] = []
    samples = min(samples, 4096)
    for _prob, run, spec in pairs[:max_pairs]:
        sg = run.graph
        node = sg.nodes.index(spec.element)
        base = target_reach(run, node, spec.kind)
        finder = finders.get(run.profile.id)
        if finder is None:
            finder = finders[run.profile.id] = PathFinder(run.solver)
        steps_seen: list[tuple[int, int]] = []
        for path in finder.search(node, 5).paths:
            for a, b in zip([sg.source] + path.nodes, path.nodes, strict=False):
                if (a, b) not in steps_seen:
                    steps_seen.append((a, b))
        steps = []
        mc = not base[3]
        reference: float | None = None if mc else base[0]
        for a, b in steps_seen[:max_steps]:
            if time.perf_counter() > deadline:
                notes.append("sensitivity stopped by the time budget")
                return out
            edges = sg.step_edges(a, b)
            p = sg.p.copy()
            p[edges] = 0.0
            if any(run.solver.touches_core(e) for e in edges):
                if reference is None:  # the same worlds as the what-ifs
                    ref_sol = run.solver.solve(samples=samples, seed=run.seed,
                                               exact_for=[node], limit=exact_limit)
                    reference = target_reach(run, node, spec.kind, ref_sol)[0]
                sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=[node],
                                       limit=exact_limit, monte_carlo=mc)
                ref_value = reference
            else:  # a peeled step: the core is unchanged, no new sampling needed
                sol = run.solver.solve(p, reuse=run.solution)
                ref_value = base[0]
            without = target_reach(run, node, spec.kind, sol)[0]
            reduction = (ref_value or 0.0) - without
            if abs(reduction) < ZERO_REDUCTION:  # float noise of a step that changes nothing
                reduction = 0.0
            steps.append({"from": None if a == sg.source else sg.nodes[a],
                          "to": sg.nodes[b], "p": sg.step_p(a, b),
                          "probability_without": without,
                          "reduction": reduction})
        steps.sort(key=lambda s: -s["reduction"])  # stable: no-effect steps in path order
        out.append({"attacker": run.profile.id, "target": spec.id,
                    "probability": base[0],
                    "method": METHOD_EXACT if base[3] else METHOD_MC, "steps": steps})
    return out


def _ttc(runs: list[AttackerRun], specs: list[TargetSpec], graph: AttackGraph,
         horizon: int) -> list[dict[str, Any]]:
    from workbench.analysis.attack.ttc import time_to_compromise

    out = []
    for run in runs:
        nodes = sorted({graph.index[s.element] for s in specs})
        stats = time_to_compromise(run.solver, nodes, seed=run.seed, horizon=horizon)
        for spec in specs:
            item = stats[graph.index[spec.element]]
            out.append({"attacker": run.profile.id, "target": spec.id, **item})
    return out


def node_result(run: AttackerRun, element: str) -> NodeResult:
    return run.solution.node(run.graph.nodes.index(element))
