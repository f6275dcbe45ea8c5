"""Incremental re-analysis: version 2 of a model from the analysis of version 1.

``workbench diff V1 V2`` (and a vendor's update) analyses two models that differ in a few
dozen elements out of thousands. :func:`analyse` runs the same stages as
:func:`workbench.analysis.pipeline.analyze` and keeps what each stage found per element
(the rules that fire, the base risks, the attack-graph evidence, the exposure);
:func:`reanalyse` then re-evaluates only what version 2 can have changed:

* **rules**: the elements whose facts may differ (docs/interop.md, "Incremental
  re-analysis", lists what each fact reads): changed components and flows, the flows
  touching or carried by a changed component, the ends and carriers of every such flow,
  then every flow touching one of those ends (a flow's facts embed its ends' facts);
  components of a changed zone and holders of a changed data asset count as changed;
* **risk before exposure**: the instances on those elements, on the elements of a changed
  control or target, and instances whose own content changed;
* **exposure**: recomputed on the whole attack graph (a max-product search from each
  attacker's entries: any change can move any element downstream), from evidence rebuilt
  only for elements with a rescored threat;
* **risk after exposure**: the rescored instances, and those whose element's exposure moved.

Anything else is taken from version 1. A change of risk settings or regulatory context
(scales, impact categories, levels) re-runs everything. The result is the very
:class:`AnalysisResult` a full analysis of version 2 gives (same threats, same order,
same figures, same warnings): ``tests/analysis/test_incremental.py`` proves it on random
edits (hypothesis) and on every sample.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field, is_dataclass, replace
from typing import Any

from workbench.analysis.attack.engine import _gc_paused
from workbench.analysis.attack.evidence import EdgeEvidence, evidence_from_risks
from workbench.analysis.attack.exposure import Exposure, element_exposure
from workbench.analysis.attack.graph import AttackGraph, build_graph
from workbench.analysis.catalog import Catalog, default_catalog
from workbench.analysis.pipeline import AnalysisResult
from workbench.analysis.risk import (
    ModelIndex,
    Scales,
    ThreatRisk,
    assess,
    judge_fleet_and_directness,
)
from workbench.analysis.rules import Suggestion, find_suggestions, merge_suggestions
from workbench.model.entities import Flow, ThreatInstance
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel


@dataclass
class Snapshot:
    """A model's analysis with what :func:`reanalyse` reuses, per element and per key."""

    model: ThreatModel  # as given, before the rules' suggestions are merged
    result: AnalysisResult  # what ``pipeline.analyze(model)`` returns
    matches: dict[str, list[Suggestion]]  # rule suggestions per element id
    base: dict[str, Any]  # risk before exposure, by threat key (``risk_memo.StepRisk``)
    evidence: EdgeEvidence  # attack-graph evidence per element, from the base risks
    exposure: dict[str, Exposure]
    catalog: Catalog
    stencils: StencilLibrary
    #: The attack graph of ``evidence``: exposure's, shared with the diff's attack figures
    #: (one build, and the per-attacker views it caches, per version).
    graph: AttackGraph
    #: What the run re-evaluated: elements, instances, and "full" with the reason.
    stats: dict[str, Any] = field(default_factory=dict)
    #: The facts of ``model`` (the rules' and the scoring's; kept for the next version).
    facts: FactIndex | None = None
    #: Harm, fleet and directness judged on every final risk (``judge=False``: not yet,
    #: see :func:`judge`). A re-analysis inherits it from the snapshot it starts from.
    judged: bool = True


@_gc_paused
def analyse(model: ThreatModel, catalog: Catalog | None = None,
            stencils: StencilLibrary | None = None, *, judge: bool = True) -> Snapshot:
    """The full analysis (``pipeline.analyze``'s stages, in its order), kept per element.

    ``judge=False``: leave harm, fleet and directness unset on the risks (the diff's
    table reads scores and levels only; :func:`judge` completes a snapshot later)."""
    catalog = catalog or default_catalog()
    stencils = stencils or default_stencils()
    facts = FactIndex(model, stencils)
    found = find_suggestions(model, catalog, stencils, index=facts)
    snap = _finish(model, catalog, stencils, found, reuse=None, facts=facts, judged=judge)
    snap.stats = {"full": "first analysis", "elements": len(model.components)
                  + len(model.flows), "instances": len(snap.result.threats)}
    return snap


@_gc_paused
def reanalyse(before: Snapshot, model: ThreatModel) -> Snapshot:
    """The analysis of ``model`` from ``before`` (equal to :func:`analyse` of ``model``)."""
    old = before.model
    catalog, stencils = before.catalog, before.stencils
    reason = _global_change(old, model)
    if reason:
        snap = analyse(model, catalog, stencils, judge=before.judged)
        snap.stats["full"] = reason
        return snap
    index = FactIndex(model, stencils)
    facts, scoring = dirty_elements(old, model, catalog, stencils,
                                    indexes=(before.facts, index))
    # Rules: suggestions of clean elements from version 1, the others evaluated again.
    fresh: dict[str, list[Suggestion]] = {}
    for sug in find_suggestions(model, catalog, stencils, only=facts, index=index):
        fresh.setdefault(sug.element_id, []).append(sug)
    found: list[Suggestion] = []
    for element in [c.id for c in model.components] + [f.id for f in model.flows]:
        found += fresh.get(element, []) if element in facts else before.matches.get(element, [])
    snap = _finish(model, catalog, stencils, found, reuse=before,
                   dirty=facts | scoring, facts=index, judged=before.judged)
    snap.stats.update({"full": None, "fact_elements": len(facts),
                       "scored_elements": len(facts | scoring)})
    return snap


def _finish(model: ThreatModel, catalog: Catalog, stencils: StencilLibrary,
            found: list[Suggestion], reuse: Snapshot | None,
            dirty: set[str] | None = None, *, facts: FactIndex,
            judged: bool = True) -> Snapshot:
    """Merge, base risk, evidence, exposure and risk, reusing ``reuse`` where it holds."""
    old_insts: dict[str, ThreatInstance] = {}
    if reuse is not None:
        old_insts = {t.key: t for t in reuse.result.model.threats}
    merged, report = merge_suggestions(model, catalog, stencils, suggestions=found,
                                       reuse=old_insts or None)
    matches: dict[str, list[Suggestion]] = {}
    for sug in found:
        matches.setdefault(sug.element_id, []).append(sug)
    warnings = [f"threat {k!r} refers to a catalog entry that no longer exists"
                for k in report.unknown_catalog]
    levels = Scales.of(merged).likelihood
    threats = merged.threats
    # Facts read no threat; the rules' facts serve both scoring passes (and assess's
    # model index): computing them again for the merged copy was a second pass over
    # every element (0.3-0.5 s on 5,000 components).
    index = _facts_of(merged, facts)
    # Base risk: version 1's where the instance and everything its score reads are equal.
    kept = [reuse is not None and t.element not in dirty  # type: ignore[operator]
            and _same(old_insts.get(t.key), t) for t in threats]
    # Risk before exposure feeds the evidence and the exposure only: what the attack
    # graph reads of each (``risk_memo.StepRisk``), no harm judged.
    base_list = _score(merged, threats, kept, catalog, index,
                       None if reuse is None else reuse.base, exposure=None, judge=False,
                       lean=True)
    # Evidence per element: version 1's list unless one of its threats was rescored.
    rescored = {t.element for t, k in zip(threats, kept, strict=True) if not k}
    if reuse is None:
        evidence, _ = evidence_from_risks(base_list, levels)
    else:
        evidence = _evidence(base_list, rescored, reuse, levels)
    graph = build_graph(merged, evidence, stencils)
    if reuse is not None:
        _adopt_chances(graph, reuse.graph)
    exposure = element_exposure(merged, base_list, levels, stencils, graph=graph)
    # Risk after exposure: version 1's unless rescored or the element's exposure moved.
    if reuse is None:
        final_kept = [False] * len(threats)
    else:
        old_exposure = reuse.exposure
        moved = {e for e in {t.element for t in threats}  # per element, not per instance
                 if exposure.get(e) != old_exposure.get(e)}
        final_kept = [k and t.element not in moved for t, k in zip(threats, kept, strict=True)]
    earlier = None if reuse is None else {
        t.key: r for t, r in zip(reuse.result.model.threats, reuse.result.threats, strict=True)}
    risks = _score(merged, threats, final_kept, catalog, index, earlier,
                   exposure=exposure, warnings=warnings, judge=judged)
    result = AnalysisResult(model=merged, threats=risks, merge=report,
                            scales=Scales.of(merged), catalog=catalog, warnings=warnings)
    base = {t.key: r for t, r in zip(threats, base_list, strict=True)}
    stats = {"instances": sum(1 for k in final_kept if not k),
             "base_instances": sum(1 for k in kept if not k)}
    return Snapshot(model, result, matches, base, evidence, exposure, catalog, stencils,
                    graph, stats, facts=index, judged=judged)


def _adopt_chances(graph: AttackGraph, before: AttackGraph) -> None:
    """Give version 2's graph the per-attacker chances version 1's views worked out.

    The memo of :meth:`AttackGraph._view_chances` is keyed on (shape number, vectors,
    options chosen by position), and a shape is everything those chances read of an
    element (``AttackGraph._shape``): a pure function of its key. Version 2 numbers its
    shapes in a copy of version 1's table, so an element whose shape did not change gets
    version 1's number and its entries, and a new shape a new number that no old entry
    holds. Recomputing them was most of version 2's per-attacker views (``for_vectors``).
    Nothing is adopted once version 2 has numbered a shape of its own (its numbers could
    then collide with version 1's).
    """
    memo = before.__dict__.get("_element_memo")
    numbers = before.__dict__.get("_shape_numbers")
    if not memo or not numbers or graph.__dict__.get("_shape_numbers"):
        return
    graph.__dict__["_shape_numbers"] = dict(numbers)
    graph.__dict__["_element_memo"] = dict(memo)


def _facts_of(merged: ThreatModel, facts: FactIndex) -> FactIndex:
    """``facts`` (of the model before the merge) as the merged model's: the merge only
    replaces the threat list, and no fact reads a threat."""
    same = all(getattr(merged, name) is getattr(facts.model, name)
               for name in ("components", "flows", "zones", "data_assets"))
    if not same:
        return FactIndex(merged, facts.stencils)
    facts.model = merged
    return facts


def judge(snap: Snapshot) -> Snapshot:
    """Harm, fleet and directness on every risk of a snapshot analysed with
    ``judge=False`` (what ``diff --plan`` and the reports read; the diff's table does not).

    The same functions :func:`risk.assess` runs after scoring, over the whole list: a
    risk kept from version 1 gets the value version 2's full analysis gives it (equal,
    as the incremental tests check for judged snapshots)."""
    if not snap.judged:
        from workbench.analysis.harm import judge_harm

        model, risks = snap.result.model, snap.result.threats
        judge_fleet_and_directness(model, risks, snap.stencils)
        judge_harm(risks, ModelIndex(model, snap.stencils))
        snap.judged = True
    return snap


def _global_change(old: ThreatModel, new: ThreatModel) -> str | None:
    """Why every score must be redone, if it must."""
    if new.risk != old.risk or new.regulatory != old.regulatory:
        return "risk settings or regulatory context changed"
    # How far a harm is from the patient reads "is any patient-safety target declared"
    # (risk.judge_fleet_and_directness): the first one declared, or the last removed,
    # moves every threat.
    if any(t.kind == "patient_safety" for t in old.targets) != any(
            t.kind == "patient_safety" for t in new.targets):
        return "the first patient-safety target declared, or the last one removed"
    return None


def _same(old: ThreatInstance | None, new: ThreatInstance) -> bool:
    return old is not None and (old is new or old == new)


def _score(model: ThreatModel, threats: list[ThreatInstance], kept: list[bool],
           catalog: Catalog, index: FactIndex, earlier: dict[str, ThreatRisk] | None,
           *, exposure: dict[str, Exposure] | None,
           warnings: list[str] | None = None, judge: bool = True,
           lean: bool = False) -> list[Any]:
    """Risks of ``threats`` in order: ``earlier``'s where kept, the others scored afresh.

    Scoring reads the whole model but never its threat list, so scoring only the
    instances to score gives each the figures a full run gives it. Warnings
    (invalid CVSS vectors) come from one pass over every instance with a vector, in order,
    so they are the full run's whatever was kept.
    """
    todo = [t for t, k in zip(threats, kept, strict=True) if not k]
    fresh = _assess(model, catalog, index, None, exposure, todo, judge, lean) if todo else []
    out: list[ThreatRisk]
    if len(todo) == len(threats):  # nothing kept (a first analysis): the scores in order
        out = fresh
    else:
        scored = iter(fresh)
        out = []
        for inst, keep in zip(threats, kept, strict=True):
            if keep:
                risk = earlier[inst.key]  # type: ignore[index]
                out.append(risk if risk.instance is inst else _on(risk, inst))
            else:
                out.append(next(scored))
    if warnings is not None:
        with_cvss = [t for t in threats if t.cvss]
        if with_cvss:
            _assess(model, catalog, index, warnings, exposure, with_cvss, False, True)
    return out


def _on(risk: Any, inst: ThreatInstance) -> Any:
    """``risk`` around an equal instance of the new version (a copy: results are shared)."""
    if is_dataclass(risk):
        return replace(risk, instance=inst)
    out = copy.copy(risk)  # a StepRisk
    out.instance = inst
    return out


def _assess(model: ThreatModel, catalog: Catalog, index: FactIndex,
            warnings: list[str] | None, exposure: dict[str, Exposure] | None,
            threats: list[ThreatInstance], judge: bool, lean: bool = False) -> list[Any]:
    """``risk.assess`` of these instances; without ``judge``, its scoring alone (the
    memoised scoring it runs, without the harm and fleet judgements after it); ``lean``
    (without ``judge``): what the attack graph reads of each (``risk_memo.StepRisk``)."""
    if judge:
        return assess(model, catalog, index.stencils, warnings, exposure=exposure,
                      index=index, threats=threats)
    from workbench.analysis.risk_memo import assess_memoised

    return assess_memoised(model, catalog, index, Scales.of(model), warnings, exposure,
                           threats=threats, lean=lean)


def _evidence(base: list[ThreatRisk], rescored: set[str], before: Snapshot,
              levels: tuple[int, ...]) -> EdgeEvidence:
    """Evidence of every element: rebuilt where a threat was rescored or came or went."""
    by_element: dict[str, list[ThreatRisk]] = {}
    for risk in base:
        by_element.setdefault(risk.instance.element, []).append(risk)
    old_keys: dict[str, list[str]] = {}
    for inst in before.result.model.threats:
        old_keys.setdefault(inst.element, []).append(inst.key)
    out: EdgeEvidence = {}
    rebuild: list[ThreatRisk] = []
    for element, risks in by_element.items():
        if element in rescored or [r.key for r in risks] != old_keys.get(element):
            rebuild += risks
        elif element in before.evidence:
            out[element] = before.evidence[element]
    fresh, _ = evidence_from_risks(rebuild, levels)
    out.update(fresh)
    return out


def _ends(flow: Flow) -> Iterable[str]:
    yield flow.source
    yield flow.target
    yield from flow.via


def end_facts_read(catalog: Catalog) -> frozenset[str]:
    """Component facts that flow rules and flow likelihood adjustments read through a
    flow's ends (``source.X`` / ``target.X``)."""
    conditions = [t.when for t in catalog.threats.values()
                  if t.applies_to == "flow" and t.when is not None]
    conditions += [a.when for a in catalog.adjustments if a.applies_to == "flow"]
    return frozenset(attr.split(".", 1)[1] for c in conditions for attr in c.attributes()
                     if attr.startswith(("source.", "target.")))


def dirty_elements(old: ThreatModel, new: ThreatModel, catalog: Catalog | None = None,
                   stencils: StencilLibrary | None = None, *,
                   indexes: tuple[FactIndex | None, FactIndex | None] = (None, None)
                   ) -> tuple[set[str], set[str]]:
    """(elements whose rule facts may differ, further elements whose scores may differ).

    A superset is always safe (it only costs time); each step names what it covers
    (``model/facts.py`` for facts, ``risk.ModelIndex`` for scores).
    """
    catalog = catalog or default_catalog()
    stencils = stencils or default_stencils()
    def changed(items_a: list, items_b: list) -> set[str]:
        a = {i.id: i for i in items_a}
        b = {i.id: i for i in items_b}
        return {k for k in a.keys() | b.keys()
                if (x := a.get(k)) is not (y := b.get(k)) and x != y}

    both = (old, new)
    comps = changed(old.components, new.components)
    flows = changed(old.flows, new.flows)
    zones = changed(old.zones, new.zones)
    assets = changed(old.data_assets, new.data_assets)
    # Zone facts (kind, trust level) and asset facts are read through their holder.
    for m in both:
        comps |= {c.id for c in m.components
                  if c.zone in zones or assets.intersection(c.properties.data_assets)}
        flows |= {f.id for f in m.flows if assets.intersection(f.data_assets)}
    # A component's safety function (its own, its stencil's, a declared patient-safety
    # target) is read by what sends to it and carries to it (carries_to_safety).
    targets = changed(old.targets, new.targets)
    safety = {t.element for m in both for t in m.targets if t.id in targets}
    before = old.components_by_id()
    after = new.components_by_id()
    for cid in comps:
        a, b = before.get(cid), after.get(cid)
        if a is None or b is None or a.stencil != b.stencil or (
                a.properties.safety_critical_function != b.properties.safety_critical_function):
            safety.add(cid)
    comps |= safety
    facts = comps | flows
    for m in both:
        for f in m.flows:
            ends = set(_ends(f))
            if f.id in flows:
                facts |= ends  # flow counts, carried flows, assets, flat network of its ends
            elif comps.intersection(ends):
                facts.add(f.id)  # end facts, via stencils, ends' scope and safety
                if safety.intersection(ends) or comps.intersection(f.via):
                    facts |= ends  # senders to a safety function; ends of a changed carrier
    # A flow's facts embed its ends' facts: every flow touching an end whose facts read
    # by flow rules and adjustments moved (a gateway that lost one of 200 devices has a
    # new flow count; if no flow rule reads it, its 199 other flows stay as they were).
    read = end_facts_read(catalog)
    index_old, index_new = (i if i is not None and i.model.components is m.components
                            else FactIndex(m, stencils) for i, m in zip(indexes, both,
                                                                        strict=True))
    moved = set(comps)
    for cid in facts - comps:
        a, b = before.get(cid), after.get(cid)
        if a is None or b is None or any(
                index_old.component(a).get(k) != index_new.component(b).get(k) for k in read):
            moved.add(cid)
    for f in new.flows:
        if f.source in moved or f.target in moved:
            facts.add(f.id)
    # Scores only: controls on an element (and mitigation links to them).
    controls = changed(old.controls, new.controls)
    scoring: set[str] = set()
    for m in both:
        ends = {f.id: (f.source, f.target) for f in m.flows}
        for ctl in m.controls:
            if ctl.id in controls:
                scoring.update(ctl.elements)
                for e in ctl.elements:  # a control on every way in acts behind it
                    scoring.update(ends.get(e, ()))
        for t in m.threats:
            if controls.intersection(link.control for link in t.mitigations):
                scoring.add(t.element)
    return facts, scoring - facts
