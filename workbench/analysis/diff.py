"""Compare two versions of a model: what was added, removed or changed, and how risk moved.

Items are matched by id (threats by their stable ``key``, which survives re-running the
rules), and changes are listed field by field with dotted paths (``properties.secure_boot``).
Risk per target comes from the attack-path analysis when it is available, otherwise from the
threat risk of the target element and the flows touching it (``risk_basis`` says which).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.model.threat_model import ThreatModel

PROBABILITY_NOISE = 0.02
#: How each :attr:`TargetRisk.direction` is marked in the overlay and the reports.
DIRECTION_ARROWS = {"worse": "▲", "better": "▼", "mixed": "▲▼", "same": "=", "added": "+",
                    "removed": "−"}
#: Collections compared, with the attribute used to match items between versions.
COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("components", "id"), ("flows", "id"), ("zones", "id"), ("data_assets", "id"),
    ("threats", "key"), ("controls", "id"), ("attackers", "id"), ("targets", "id"),
)


@dataclass
class ItemChange:
    ident: str
    label: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.ident, "label": self.label}
        if self.fields:
            out["changes"] = {k: {"old": a, "new": b} for k, (a, b) in self.fields.items()}
        return out


@dataclass
class CollectionDiff:
    added: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {k: [c.to_json() for c in getattr(self, k)]
                for k in ("added", "removed", "changed")}


@dataclass
class TargetRisk:
    target: str
    label: str
    old: dict[str, Any] | None  # {"score", "level"} or None when absent in that version
    new: dict[str, Any] | None

    @property
    def delta(self) -> int | None:
        if self.old is None or self.new is None:
            return None
        return int(self.new["score"]) - int(self.old["score"])

    @property
    def probability_delta(self) -> float | None:
        if not self.old or not self.new or "probability" not in self.old \
                or "probability" not in self.new:
            return None
        return round(self.new["probability"] - self.old["probability"], 4)

    @property
    def total_delta(self) -> int | None:
        if self.old is None or self.new is None:
            return None
        return int(self.new["total"]) - int(self.old["total"])

    @property
    def moved(self) -> bool:
        # Smaller probability changes are Monte Carlo noise (2,000 worlds: about +/-0.02).
        return (self.delta != 0 or self.total_delta != 0
                or abs(self.probability_delta or 0.0) >= PROBABILITY_NOISE)

    @property
    def direction(self) -> str:
        """``worse``, ``better``, ``mixed`` (some measures up, some down), ``same``,
        ``added`` or ``removed`` (the target exists in one version only)."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        prob = self.probability_delta or 0.0
        signs = {(d > 0) - (d < 0) for d in (self.delta or 0, self.total_delta or 0)}
        if abs(prob) >= PROBABILITY_NOISE:
            signs.add(1 if prob > 0 else -1)
        signs.discard(0)
        if not signs:
            return "same"
        if len(signs) > 1:
            return "mixed"
        return "worse" if signs == {1} else "better"

    def to_json(self) -> dict[str, Any]:
        return {"target": self.target, "label": self.label, "old": self.old, "new": self.new,
                "delta": self.delta, "total_delta": self.total_delta,
                "probability_delta": self.probability_delta, "direction": self.direction}


@dataclass
class ModelDiff:
    collections: dict[str, CollectionDiff]
    metadata: dict[str, tuple[Any, Any]]
    risk: list[TargetRisk]
    risk_basis: str
    #: Each version's control plan (:func:`plan_steps`), only when asked (``--plan``).
    plans: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None

    @property
    def empty(self) -> bool:
        return (all(c.empty for c in self.collections.values()) and not self.metadata
                and not any(r.moved for r in self.risk)
                and (self.plans is None or self.plans[0] == self.plans[1]))

    def to_json(self) -> dict[str, Any]:
        out = {"metadata": {k: {"old": a, "new": b} for k, (a, b) in self.metadata.items()},
               **{name: c.to_json() for name, c in self.collections.items()},
               "risk_per_target": [r.to_json() for r in self.risk],
               "risk_basis": self.risk_basis}
        if self.plans is not None:
            out["plan"] = {"old": self.plans[0], "new": self.plans[1]}
        return out


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts to dotted keys; lists are compared whole (they are small)."""
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) and value:
                out.update(_flatten(value, path))
            else:
                out[path] = value
    return out


def _label(item: Any) -> str:
    for attr in ("name", "title"):
        value = getattr(item, attr, None)
        if value:
            return str(value)
    if hasattr(item, "source") and hasattr(item, "target"):
        return f"{item.source} -> {item.target}"
    return str(getattr(item, "id", ""))


def field_changes(old: Any, new: Any) -> dict[str, tuple[Any, Any]]:
    a = _flatten(old.model_dump(mode="json", exclude_none=True))
    b = _flatten(new.model_dump(mode="json", exclude_none=True))
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}


def diff_collection(old: list[Any], new: list[Any], key: str) -> CollectionDiff:
    before = {getattr(i, key): i for i in old}
    after = {getattr(i, key): i for i in new}
    out = CollectionDiff()
    for ident, item in after.items():
        if ident not in before:
            out.added.append(ItemChange(ident, _label(item)))
        elif before[ident] is not item and before[ident] != item:
            # Equal items (most of them between two versions) skip the two dumps.
            changes = field_changes(before[ident], item)
            if changes:
                out.changed.append(ItemChange(ident, _label(item), changes))
    out.removed = [ItemChange(ident, _label(item)) for ident, item in before.items()
                   if ident not in after]
    return out


#: Monte Carlo settings of the diff's attack figures (no recommendations, no sensitivity).
ATTACK_SAMPLES, ATTACK_SEED = 2000, 0


def _attack_risk(model: ThreatModel, risks: list | None = None
                 ) -> dict[str, dict[str, Any]] | None:
    """Highest compromise probability of each target over all attackers, or None.

    ``risks``: the threat risks :func:`analyze` already scored for this model, so the
    attack engine does not score them again. The reference :func:`attack_from_evidence`
    is tested against (it runs the whole attack stage)."""
    try:
        from workbench.analysis.attack import analyze_attacks
    except ImportError:  # the attack engine is optional for a diff
        return None
    try:
        analysis = analyze_attacks(model, recommend=False, sensitivity=False, top_k=1,
                                   samples=ATTACK_SAMPLES, seed=ATTACK_SEED,
                                   budget_seconds=5.0, risks=risks)
    except Exception:  # noqa: BLE001 - a failing what-if must not hide the structural diff
        return None
    out: dict[str, dict[str, Any]] = {}
    for res in analysis.target_results:
        best = out.get(res["target"])
        if best is None or res.get("probability", 0.0) > best["probability"]:
            out[res["target"]] = {"element": res.get("element"),
                                  "probability": round(float(res.get("probability", 0.0)), 4),
                                  "attacker": res.get("attacker")}
    return out


def attack_from_evidence(model: ThreatModel, evidence: dict[str, list],
                         stencils: Any = None, graph: Any = None
                         ) -> dict[str, dict[str, Any]] | None:
    """:func:`_attack_risk`'s figures from the attack graph's evidence alone.

    The diff needs each target's probability only: the same graph, seed and solver as
    ``analyze_attacks``, without its paths, cuts, choke points and fundable controls
    (these took most of its time on a 5,000-component model). Equal figures, tested.
    ``graph``: the attack graph of ``evidence`` when the caller built it (the exposure
    stage's, ``incremental.Snapshot.graph``).
    """
    try:
        import numpy as np

        from workbench.analysis.attack.engine import prepare_runs, targets_reach
        from workbench.analysis.attack.targets import resolve_targets
        from workbench.model.stencils import default_stencils
    except ImportError:  # the attack engine is optional for a diff
        return None
    try:
        stencils = stencils or default_stencils()
        specs = resolve_targets(model, stencils)
        index = {c.id: i for i, c in enumerate(model.components)}
        nodes = np.array([index[t.element] for t in specs], dtype=np.int64)
        _graph, runs, _notes = prepare_runs(
            model, evidence=evidence, stencils=stencils, samples=ATTACK_SAMPLES,
            seed=ATTACK_SEED, exact_for=sorted(set(nodes.tolist())), graph=graph)
    except Exception:  # noqa: BLE001 - as _attack_risk: the structural diff comes first
        return None
    out: dict[str, dict[str, Any]] = {}
    if not runs or not specs:
        return out
    kinds = [t.kind for t in specs]
    stack = np.vstack([targets_reach(run, nodes, kinds) for run in runs])
    worst = stack.argmax(axis=0)
    for j, spec in enumerate(specs):
        prob = float(stack[worst[j], j])
        best = out.get(spec.id)
        if best is None or prob > best["probability"]:
            out[spec.id] = {"element": spec.element, "probability": round(prob, 4),
                            "attacker": runs[int(worst[j])].profile.id}
    return out


#: Risk per target id: (label, {"score", "level", "total", "threats"[, "probability"]}).
TargetRiskTable = dict[str, tuple[str, dict[str, Any]]]


def target_risk(model: ThreatModel) -> tuple[TargetRiskTable, str]:
    """Risk per target: (label, {"score", "level", ...}) by target id, and the basis used.

    Public so the GUI can compute the baseline once and only the edited model again."""
    from workbench.analysis.pipeline import analyze  # the heavy part; only when risk is wanted

    # As the window shows it: the rules' suggestions merged in (decisions kept), so a model
    # saved before its first analysis is not compared as if it had no threats.
    result = analyze(model)
    return risk_table(result, _attack_risk(result.model, result.threats))


def target_risk_from(model: ThreatModel, since: Any = None, *, judge: bool = True
                     ) -> tuple[TargetRiskTable, str, Any]:
    """:func:`target_risk` of ``model``, and the analysis snapshot it came from.

    ``since``: the snapshot of an earlier version (``incremental.Snapshot``); ``model`` is
    then re-analysed from it (only what changed; the same table, tested). The window's
    Compare overlay keeps the baseline's snapshot and re-analyses the open model from it
    after each edit. ``judge=False``: the snapshot's risks carry no harm, fleet or
    directness judgement (the table reads none; ``incremental.judge`` adds them); a
    re-analysis follows ``since``'s setting."""
    from workbench.analysis import incremental
    from workbench.analysis.attack.engine import _gc_paused

    @_gc_paused
    def run() -> tuple[TargetRiskTable, str, Any]:
        snap = (incremental.reanalyse(since, model) if since is not None
                else incremental.analyse(model, judge=judge))
        table, basis = risk_table(snap.result, attack_from_evidence(
            snap.result.model, snap.evidence, snap.stencils, snap.graph))
        return table, basis, snap

    return run()


def target_risks(old: ThreatModel, new: ThreatModel, *, snapshots: list | None = None
                 ) -> tuple[tuple[TargetRiskTable, str], tuple[TargetRiskTable, str]]:
    """:func:`target_risk` of both versions, the second re-analysed from the first.

    ``analysis/incremental.py`` analyses ``old`` once and re-evaluates only what ``new``
    changed; the tables are the ones two full analyses give (tested). The cyclic GC stays
    paused across both (between the two, a full collection rescanned version 1's analysis:
    half a second on a 5,000-component model). ``snapshots``: filled with both versions'
    ``incremental.Snapshot`` (the plan comparison reuses their analyses, after
    ``incremental.judge``).
    """
    from workbench.analysis.attack.engine import _gc_paused

    @_gc_paused
    def run() -> tuple[tuple[TargetRiskTable, str], tuple[TargetRiskTable, str]]:
        # The table reads scores and levels: harm and fleet judgements (a tenth of an
        # analysis) are left to whoever reads the snapshots' risks (``plan_steps``).
        before, basis, snap = target_risk_from(old, judge=False)
        after, basis_after, snap_after = target_risk_from(new, since=snap)
        if snapshots is not None:
            snapshots.extend([snap, snap_after])
        return (before, basis), (after, basis_after)

    return run()


def risk_table(result: Any, attack: dict[str, dict[str, Any]] | None
               ) -> tuple[TargetRiskTable, str]:
    """The per-target rows from an analysis and the attack figures (None: unavailable)."""
    model = result.model
    names = {c.id: c.name for c in model.components}
    targets = [(t.id, t.name or names.get(t.element, t.element), t.element)
               for t in model.targets]
    if not targets and attack:
        targets = [(tid, names.get(a["element"], a["element"]), a["element"])
                   for tid, a in attack.items()]
    basis = ("current threat risk of each target element and the flows touching it, rule "
             "suggestions included (workbench.analysis.pipeline.analyze)")
    if attack is not None:
        basis += ("; compromise probability: highest over attackers "
                  "(workbench.analysis.attack.analyze_attacks, 2,000 worlds, seed 0)")
    else:
        basis += "; attack-path analysis unavailable"
    if not targets:
        targets = [(c.id, c.name, c.id) for c in model.components]
        basis += "; the model names no targets, so every component is reported"
    touching: dict[str, set[str]] = {}
    for fl in model.flows:
        for end in (fl.source, fl.target):
            touching.setdefault(end, set()).add(fl.id)
    # Per element once: the worst counted threat (the first of the highest score, in
    # analysis order), the total and the count. Scanning every risk for every target was
    # quadratic (a model without targets reports all its components: 5,000 x 50,000
    # comparisons, minutes); listing each target's risks again cost 30,000 list entries.
    per: dict[str, list[Any]] = {}
    for r in result.threats:
        if not r.counted:
            continue
        current = r.current
        agg = per.get(r.instance.element)
        if agg is None:
            per[r.instance.element] = [current.score, current.level, current.score, 1]
        else:
            if current.score > agg[0]:
                agg[0], agg[1] = current.score, current.level
            agg[2] += current.score
            agg[3] += 1
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for ident, label, element in targets:
        elements = {element} | touching.get(element, set())
        # The worst threat says how bad; the total moves with every threat fixed or added.
        score, level, total, count = 0, "none", 0, 0
        for e in sorted(elements):
            agg = per.get(e)
            if agg is None:
                continue
            if count == 0 or agg[0] > score:
                score, level = agg[0], agg[1]
            total += agg[2]
            count += agg[3]
        value: dict[str, Any] = {"score": score, "level": level, "total": total,
                                 "threats": count}
        if attack is not None and ident in attack:
            value["probability"] = attack[ident]["probability"]
        out[ident] = (label, value)
    return out, basis


def diff_models(old: ThreatModel, new: ThreatModel, *, with_risk: bool = True,
                jobs: int = 1, with_plan: bool = False) -> ModelDiff:
    """The structural diff, and with ``with_risk`` the risk per target of both versions.

    The risk of ``new`` is re-analysed from ``old``'s analysis (only what changed:
    :func:`target_risks`). ``jobs`` is kept for callers of the former two-process diff;
    the incremental analysis needs the first version's results, so it runs in one.
    ``with_plan`` (implies the risk): each version's control plan, as ``workbench
    analyze`` gives it (seconds to minutes on a large estate; not shown by default).
    """
    del jobs
    collections = {name: diff_collection(getattr(old, name), getattr(new, name), key)
                   for name, key in COLLECTIONS}
    metadata = field_changes(old.metadata, new.metadata)
    risk: list[TargetRisk] = []
    basis = "not computed"
    plans = None
    if with_risk or with_plan:
        snapshots: list = []
        risk, basis = risk_between(old, new, snapshots=snapshots)
        if with_plan:
            plans = (plan_steps(snapshots[0]), plan_steps(snapshots[1]))
    return ModelDiff(collections, metadata, risk, basis, plans)


def risk_between(old: ThreatModel, new: ThreatModel, *, snapshots: list | None = None
                 ) -> tuple[list[TargetRisk], str]:
    """Risk per target of both versions (:func:`target_risks`), compared, and its basis.

    Apart from :func:`diff_models` so the CLI can print the structural changes (a few
    milliseconds) before the risk (seconds on a large estate)."""
    (before, basis), (after, _) = target_risks(old, new, snapshots=snapshots)
    return compare_risk(before, after), basis


#: What the plan comparison keeps of each step of ``analyze --json``'s recommendations.
PLAN_KEYS = ("added", "title", "control", "elements", "step_days", "days",
             "targets_above_threshold")


def plan_steps(analysed: Any) -> list[dict[str, Any]]:
    """The control plan of an analysed version (an ``AnalysisResult``, or an
    ``incremental.Snapshot``, judged first if it was analysed without):
    ``workbench analyze``'s recommendations (same call, same defaults: 10,000 worlds,
    seed 0, threshold 0.1), each step cut to :data:`PLAN_KEYS`. The diff leaves the
    plan out unless asked: it is a search over fundable controls that costs more than
    the rest of the diff on a large estate, and a different first step between versions
    can come from a near-tie, so it is shown side by side rather than as a "moved"
    figure."""
    from workbench.analysis.attack import analyze_attacks
    from workbench.analysis.incremental import Snapshot, judge

    result = judge(analysed).result if isinstance(analysed, Snapshot) else analysed
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats)
    return [{k: step.get(k) for k in PLAN_KEYS} for step in attack.recommendations]


def compare_risk(before: TargetRiskTable, after: TargetRiskTable) -> list[TargetRisk]:
    """One :class:`TargetRisk` per target of either version, baseline order first."""
    out: list[TargetRisk] = []
    for ident in list(before) + [i for i in after if i not in before]:
        label = (after.get(ident) or before[ident])[0]
        out.append(TargetRisk(ident, label, before.get(ident, (None, None))[1],
                              after.get(ident, (None, None))[1]))
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _risk_text(value: dict[str, Any] | None) -> str:
    if value is None:
        return "absent"
    text = f"{value['score']} {value['level']} (total {value['total']})"
    if "probability" in value:
        text += f", p={value['probability']:.2f}"
    return text


def format_structure(diff: ModelDiff) -> list[str]:
    """Text lines of the structural changes: ``+`` added, ``-`` removed, ``~`` changed."""
    lines: list[str] = []
    if diff.metadata:
        lines.append("metadata:")
        lines += [f"  ~ {k}: {_short(a)} -> {_short(b)}" for k, (a, b) in diff.metadata.items()]
    for name, c in diff.collections.items():
        if c.empty:
            continue
        lines.append(f"{name}: +{len(c.added)} -{len(c.removed)} ~{len(c.changed)}")
        lines += [f"  + {i.ident} {i.label!r}" for i in c.added]
        lines += [f"  - {i.ident} {i.label!r}" for i in c.removed]
        for i in c.changed:
            lines.append(f"  ~ {i.ident} {i.label!r}")
            lines += [f"      {k}: {_short(a)} -> {_short(b)}" for k, (a, b) in i.fields.items()]
    return lines


def format_risk(diff: ModelDiff) -> list[str]:
    """Text lines of the targets whose risk moved (none when nothing moved)."""
    lines: list[str] = []
    moved = [r for r in diff.risk if r.moved]
    if moved:
        lines.append(f"risk per target ({diff.risk_basis}):")
        for r in moved:
            old = _risk_text(r.old)
            new = _risk_text(r.new)
            delta = (f" (worst {r.delta:+d}, total {r.total_delta:+d})"
                     if r.delta is not None and r.total_delta is not None else "")
            if abs(r.probability_delta or 0.0) >= PROBABILITY_NOISE:
                delta += f" (probability {r.probability_delta:+.2f})"
            lines.append(f"  {r.target} {r.label!r} [{r.direction}]: {old} -> {new}{delta}")
    return lines


def format_plan(diff: ModelDiff, first: int = 5) -> list[str]:
    """Each version's first ``first`` plan steps, and which steps came or went."""
    if diff.plans is None:
        return []
    old, new = diff.plans
    if old == new:
        return [f"control plan: the same {len(old)} step(s) in both versions"]

    def steps(plan: list[dict[str, Any]]) -> str:
        shown = [f"{n}. {s['title']} ({s['step_days']:g} d)"
                 for n, s in enumerate(plan[:first], start=1)]
        more = f"; ... {len(plan) - first} more" if len(plan) > first else ""
        return "; ".join(shown) + more if shown else "no step"

    lines = ["control plan (as workbench analyze gives it; person-days per step):",
             f"  A: {steps(old)}", f"  B: {steps(new)}"]
    if old and new and old[0]["added"] != new[0]["added"]:
        lines.append(f"  first step changed: {old[0]['title']!r} -> {new[0]['title']!r}")
    ids_old, ids_new = {s["added"] for s in old}, {s["added"] for s in new}
    lines += [f"  - {s['title']!r} (only in A)" for s in old if s["added"] not in ids_new]
    lines += [f"  + {s['title']!r} (only in B)" for s in new if s["added"] not in ids_old]
    return lines


def format_diff(diff: ModelDiff) -> list[str]:
    """Text lines for the terminal: ``+`` added, ``-`` removed, ``~`` changed, then the
    targets whose risk moved, then the plans when computed; "no difference" when there is
    none."""
    lines = format_structure(diff) + format_risk(diff)
    if diff.plans is not None and diff.plans[0] != diff.plans[1]:
        lines += format_plan(diff)
    return lines or ["no difference"]
