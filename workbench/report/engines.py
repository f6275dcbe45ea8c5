"""Adapters to the analysis engines (catalog, risk pipeline, attack paths).

Each adapter returns ``None`` when its engine is not installed or fails on this model, and
appends a one-line note that the report prints in its method section. The report never
crashes because an optional engine is missing.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from workbench.model.threat_model import ThreatModel
from workbench.report.data import (
    AttackPath,
    AttackResult,
    Compromise,
    PlanItem,
    RiskRow,
    as_mapping,
    cost_units,
)
from workbench.report.riskcalc import Risk, scale_max

log = logging.getLogger(__name__)


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if not isinstance(obj, dict) and hasattr(obj, name):
            return getattr(obj, name)
    return default


def catalog_titles(notes: list[str]) -> dict[str, tuple[str, str]]:
    """Catalog id -> (English title, French title) for threats and controls."""
    module = _module("workbench.analysis.catalog")
    loader = getattr(module, "default_catalog", None) or getattr(module, "load_catalog", None)
    if loader is None:
        return {}
    try:
        catalog = loader()
    except Exception as exc:  # noqa: BLE001 - an optional engine must not break reports
        notes.append(f"catalog unavailable: {exc}")
        return {}
    titles: dict[str, tuple[str, str]] = {}
    for attr in ("threats", "controls"):
        entries = _get(catalog, attr, default=[]) or []
        if isinstance(entries, dict):
            entries = list(entries.values())
        for entry in entries:
            entry_id = _get(entry, "id")
            if entry_id:
                title = str(_get(entry, "title", default="") or "")
                title_fr = str(_get(entry, "title_fr", default="") or "")
                titles[str(entry_id)] = (title, title_fr)
                cost = _get(entry, "cost") if attr == "controls" else None
                if cost:
                    COSTS_SEEN[str(entry_id)] = str(cost)
                refs = _get(entry, "references") if attr == "controls" else None
                if refs is not None:
                    FRAMEWORKS_SEEN[str(entry_id)] = {
                        key: (list(value) if isinstance(value, list) else [])
                        for key, value in as_mapping(refs).items() if value}
    return titles


#: Cost class of each catalog control seen by :func:`catalog_titles` (id -> low|medium|high).
COSTS_SEEN: dict[str, str] = {}
#: Regulatory references of each catalog control: id -> {framework key: [references]}.
FRAMEWORKS_SEEN: dict[str, dict[str, list[str]]] = {}


def control_frameworks(catalog_id: str | None) -> dict[str, list[str]]:
    """Frameworks a catalog control maps to (empty for the organisation's own controls)."""
    if not catalog_id:
        return {}
    return (FRAMEWORKS_SEEN.get(catalog_id)
            or FRAMEWORKS_SEEN.get(catalog_id.split(":", 1)[-1]) or {})


def catalog_cost(catalog_id: str | None) -> str | None:
    """The catalog's cost class for a control id (plain or namespaced ``catalog:id``)."""
    if not catalog_id:
        return None
    return COSTS_SEEN.get(catalog_id) or COSTS_SEEN.get(catalog_id.split(":", 1)[-1])


def _risk(value: Any, fallback: Risk, l_max: int, s_max: int) -> Risk:
    """A pipeline risk value (object with likelihood/severity, or a number) as a cell."""
    if value is None:
        return fallback
    lik = _get(value, "likelihood")
    sev = _get(value, "severity", "impact")
    if isinstance(lik, int | float) and isinstance(sev, int | float):
        return Risk(int(round(lik)), int(round(sev)), l_max, s_max)
    return fallback


def _references(threat_type: Any, catalog_id: str) -> list[str]:
    """Catalog id plus every external reference (CAPEC, CWE, EMB3D, ATT&CK...)."""
    refs = [catalog_id] if catalog_id else []
    found = _get(threat_type, "references")
    if found is not None:
        for value in as_mapping(found).values():
            if isinstance(value, list):
                refs += [str(v) for v in value]
    return refs


def _catalog_suggestions(result: Any, rows: list[RiskRow], model: ThreatModel) -> list[PlanItem]:
    """Catalog controls not yet in the model, ranked by expected risk removed per cost.

    Expected reduction of a control = sum over the open threats it mitigates of the current
    score times the control's effectiveness (an estimate: the exact gain depends on which
    factor the control reduces and on rounding to the scale).
    """
    catalog = _get(result, "catalog")
    if catalog is None or not hasattr(catalog, "controls_for"):
        return []
    present = {c.catalog_id for c in model.controls if c.catalog_id}
    by_id = {r.id: r for r in rows}
    gains: dict[str, float] = {}
    elements: dict[str, list[str]] = {}
    threats: dict[str, int] = {}
    types: dict[str, Any] = {}
    for risk in _get(result, "threats", default=[]) or []:
        inst = _get(risk, "instance")
        row = by_id.get(inst.id)
        if row is None or not row.open:
            continue
        for control in catalog.controls_for(inst.catalog_id):
            if control.id in present:
                continue
            types[control.id] = control
            gains[control.id] = gains.get(control.id, 0.0) + row.residual.score * float(
                control.effectiveness)
            threats[control.id] = threats.get(control.id, 0) + 1
            targets = elements.setdefault(control.id, [])
            if inst.element not in targets:
                targets.append(inst.element)
    items = [PlanItem(id=cid, title=str(types[cid].title), status="suggested",
                      title_fr=str(getattr(types[cid], "title_fr", None) or ""),
                      cost_label=str(types[cid].cost), cost=cost_units(str(types[cid].cost)),
                      reduction=round(gain, 1), elements=elements[cid], threats=threats[cid])
             for cid, gain in gains.items()]
    items.sort(key=lambda p: (-p.per_cost, -p.reduction, p.id))
    return items


def pipeline_risks(model: ThreatModel, notes: list[str]
                   ) -> tuple[list[RiskRow], ThreatModel, list[PlanItem], Any] | None:
    """Risk rows from ``workbench.analysis.pipeline.analyze`` when it exists.

    Returns the rows and the analysed model (the rule engine's suggestions merged in), so
    that every section of the report speaks of the same threats.
    """
    module = _module("workbench.analysis.pipeline")
    if module is None or not hasattr(module, "analyze"):
        return None
    try:
        result = module.analyze(model)
        merged = _get(result, "model", default=model) or model
        l_max, s_max = scale_max(merged)
        names = {c.id: c.name for c in merged.components}
        for flow in merged.flows:
            names[flow.id] = flow.name or (f"{names.get(flow.source, flow.source)} → "
                                           f"{names.get(flow.target, flow.target)}")
        rows: list[RiskRow] = []
        for risk in _get(result, "threats", default=[]) or []:
            inst = _get(risk, "instance")
            ttype = _get(risk, "threat_type")
            title = (_get(ttype, "title") if ttype else None) or inst.title or inst.catalog_id
            inherent = _risk(_get(risk, "inherent"), Risk(2, 2, l_max, s_max), l_max, s_max)
            applied = _get(risk, "controls", default=[]) or []
            controls = [str(_get(c, "title", default="") or _get(c, "control", default=""))
                        for c in applied]
            planned = [str(_get(c, "control")) for c in applied
                       if getattr(_get(c, "status"), "value", _get(c, "status")) == "planned"]
            stride = _get(ttype, "stride") if ttype else inst.stride
            title_fr = (_get(ttype, "title_fr") if ttype else None) or ""
            rows.append(RiskRow(
                id=inst.id, catalog_id=inst.catalog_id, title=str(title), title_fr=str(title_fr),
                element=inst.element, element_name=names.get(inst.element, inst.element),
                layer=str(_get(risk, "layer", default="")),
                stride="".join(getattr(s, "value", str(s)) for s in stride or []),
                status=inst.status.value, owner=inst.owner or "", inherent=inherent,
                residual=_risk(_get(risk, "current"), inherent, l_max, s_max),
                projected=_risk(_get(risk, "projected"), inherent, l_max, s_max),
                impact=dict(_get(risk, "impact", default={}) or {}), controls=controls,
                references=_references(ttype, inst.catalog_id),
                patient_safety=bool(ttype and _get(ttype, "patient_safety")),
                many_patients=bool(ttype and _get(ttype, "mass_harm")),
                harm=str((_get(ttype, "harm") if ttype else "") or ""),
                planned_controls=planned))
        for warning in _get(result, "warnings", default=[]) or []:
            notes.append(str(warning))
        suggestions = _catalog_suggestions(result, rows, merged)
        return rows, merged, suggestions, _get(result, "threats", default=None)
    except Exception as exc:  # noqa: BLE001 - an optional engine must not break reports
        log.warning("risk pipeline failed: %s", exc)
        notes.append(f"risk pipeline failed ({type(exc).__name__}: {exc}); built-in estimate used")
        return None


def attack_paths(model: ThreatModel, notes: list[str], top: int, risks: Any = None,
                 recommend: bool = True) -> AttackResult | None:
    """Attack paths, per-target compromise and recommendations from the attack engine."""
    module = _module("workbench.analysis.attack")
    if module is None or not hasattr(module, "analyze_attacks"):
        return None
    try:
        kwargs: dict[str, Any] = {"top_k": top, "sensitivity": False, "budget_seconds": 1.5,
                                  "recommend": recommend}
        if risks is not None:
            kwargs["risks"] = risks
        result = module.analyze_attacks(model, **kwargs)
        names: dict[str, str] = {}
        for attacker in _get(result, "attackers", default=[]) or []:
            names[str(attacker.get("id"))] = str(attacker.get("name") or attacker.get("id"))
        targets: dict[str, tuple[str, str]] = {}
        for target in _get(result, "targets", default=[]) or []:
            label = target.get("name") or target.get("element")
            names[str(target.get("id"))] = str(label)
            targets[str(target.get("id"))] = (str(target.get("kind") or ""),
                                              str(target.get("element") or ""))
        paths = [AttackPath(attacker=str(d.get("attacker", "")), target=str(d.get("target", "")),
                            path=[str(x) for x in d.get("path", [])],
                            probability=float(d.get("probability", 0.0)),
                            rank=int(d.get("rank", 1)), truncated=bool(d.get("truncated")))
                 for d in map(as_mapping, _get(result, "attack_paths", default=[]) or [])]
        paths.sort(key=lambda p: (-p.probability, p.rank))
        worst: dict[str, dict[str, Any]] = {}
        for item in _get(result, "target_results", default=[]) or []:
            key = str(item.get("target"))
            if key not in worst or item.get("probability", 0) > worst[key].get("probability", 0):
                worst[key] = item
        compromise = [Compromise(
            target=key, probability=float(item.get("probability", 0.0)),
            ci_low=item.get("ci_low"), ci_high=item.get("ci_high"),
            method=str(item.get("method", "")), attacker=str(item.get("attacker") or ""),
            approximate=bool(item.get("approximate")), worlds=int(item.get("worlds") or 0))
            for key, item in worst.items()]
        recommendations = [dict(r) for r in _get(result, "recommendations", default=[]) or []]
        notes += [f"attack engine: {n}" for n in _get(result, "notes", default=[]) or []]
        return AttackResult(paths, compromise, recommendations, names, targets)
    except Exception as exc:  # noqa: BLE001
        log.warning("attack engine failed: %s", exc)
        notes.append(f"attack-path engine failed ({type(exc).__name__}: {exc})")
        return None


def cox_warnings(model: ThreatModel) -> list[str]:
    """Cox (2008) consistency problems of the model's risk matrix, from the plots module."""
    plots = _module("workbench.analysis.plots")
    risk = _module("workbench.analysis.risk")
    if plots is None or risk is None or not hasattr(plots, "cox_checks"):
        return []
    try:
        return list(plots.cox_checks(plots.matrix_spec(risk.Scales.of(model))))
    except Exception as exc:  # noqa: BLE001
        log.warning("matrix check failed: %s", exc)
        return []
