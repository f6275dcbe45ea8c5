"""The report's view of the analysis: the same core API the window and the CLI call.

``workbench.analysis.pipeline.analyze`` scores the threats and
``workbench.analysis.attack.analyze_attacks`` finds the paths; this module only turns
their results into the rows and items the report lays out. There is no second risk
estimate and no look-up by module name: a report shows exactly the levels
``workbench analyze`` prints for the same model (``tests/analysis/test_consistency.py``).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.catalog import Catalog, default_catalog
from workbench.analysis.pipeline import AnalysisResult
from workbench.analysis.plots import cox_checks, matrix_spec
from workbench.analysis.risk import Scales, ThreatRisk
from workbench.report.data import (
    AttackPath,
    AttackResult,
    Compromise,
    PlanItem,
    Reach,
    RiskRow,
    cost_units,
)
from workbench.report.riskcalc import Risk

log = logging.getLogger(__name__)


def catalog_titles(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Catalog id -> (English title, French title) for threats and controls."""
    titles: dict[str, tuple[str, str]] = {}
    for entry in [*catalog.threats.values(), *catalog.controls.values()]:
        titles[entry.id] = (entry.title or "", entry.title_fr or "")
    return titles


@cache
def _shipped() -> Catalog:
    return default_catalog()


def _control_id(catalog_id: str | None) -> str | None:
    if not catalog_id:
        return None
    return catalog_id if catalog_id in _shipped().controls else catalog_id.split(":", 1)[-1]


def control_frameworks(catalog_id: str | None) -> dict[str, list[str]]:
    """Frameworks a catalog control maps to (empty for the organisation's own controls)."""
    ctype = _shipped().controls.get(_control_id(catalog_id) or "")
    if ctype is None:
        return {}
    refs = ctype.references.model_dump()
    return {key: list(value) for key, value in refs.items() if isinstance(value, list) and value}


def catalog_cost(catalog_id: str | None) -> str | None:
    """The catalog's cost class for a control id (plain or namespaced ``catalog:id``)."""
    ctype = _shipped().controls.get(_control_id(catalog_id) or "")
    return str(ctype.cost) if ctype is not None and ctype.cost else None


def _references(risk: ThreatRisk) -> list[str]:
    """Catalog id plus every external reference (CAPEC, CWE, EMB3D, ATT&CK...)."""
    refs = [risk.instance.catalog_id] if risk.instance.catalog_id else []
    if risk.threat_type is not None:
        for value in risk.threat_type.references.model_dump().values():
            if isinstance(value, list):
                refs += [str(v) for v in value]
    return refs


def risk_rows(result: AnalysisResult) -> list[RiskRow]:
    """One row per threat copy, with the pipeline's own levels and colours.

    Threats on context elements (not owned or operated) keep a row marked ``context``:
    the register and the exports list them, counts and rankings leave them out
    (``RiskRow.open`` is false), as ``AnalysisResult.counted()`` does.
    """
    scales: Scales = result.scales
    l_max, s_max = scales.l_max, scales.s_max
    model = result.model
    names = {c.id: c.name for c in model.components}
    for flow in model.flows:
        names[flow.id] = flow.name or (f"{names.get(flow.source, flow.source)} → "
                                       f"{names.get(flow.target, flow.target)}")
    rows: list[RiskRow] = []
    for risk in result.threats:
        inst, ttype = risk.instance, risk.threat_type
        stride = ttype.stride if ttype else inst.stride
        rows.append(RiskRow(
            id=inst.id, catalog_id=inst.catalog_id,
            title=(ttype.title if ttype else None) or inst.title or inst.catalog_id,
            title_fr=(ttype.title_fr if ttype else None) or "",
            element=inst.element, element_name=names.get(inst.element, inst.element),
            layer=risk.layer, stride="".join(s.value for s in stride),
            status=inst.status.value, owner=inst.owner or "",
            inherent=Risk.of(risk.inherent, l_max, s_max),
            residual=Risk.of(risk.current, l_max, s_max),
            projected=Risk.of(risk.projected, l_max, s_max),
            impact=dict(risk.impact), controls=[c.title or c.control for c in risk.controls],
            references=_references(risk),
            patient_safety=risk.patient_safety,
            many_patients=risk.mass_harm,
            harm=risk.harm or (ttype.harm if ttype else None) or "",
            harm_id=risk.harm_id or inst.catalog_id or "",
            planned_controls=[c.control for c in risk.controls
                              if c.status.value == "planned"], context=risk.context))
    return rows


def catalog_suggestions(result: AnalysisResult, rows: list[RiskRow]) -> list[PlanItem]:
    """Catalog controls not yet in the model, ranked by expected risk removed per cost.

    Expected reduction of a control = sum over the open threats it mitigates of the current
    score times the control's effectiveness (an estimate: the exact gain depends on which
    factor the control reduces and on rounding to the scale).
    """
    catalog = result.catalog
    present = {c.catalog_id for c in result.model.controls if c.catalog_id}
    by_id = {r.id: r for r in rows}
    gains: dict[str, float] = {}
    elements: dict[str, list[str]] = {}
    threats: dict[str, int] = {}
    for risk in result.threats:
        row = by_id.get(risk.instance.id)
        if row is None or not row.open:
            continue
        for control in catalog.controls_for(risk.instance.catalog_id):
            if control.id in present:
                continue
            gains[control.id] = gains.get(control.id, 0.0) + row.residual.score * float(
                control.effectiveness)
            threats[control.id] = threats.get(control.id, 0) + 1
            targets = elements.setdefault(control.id, [])
            if risk.instance.element not in targets:
                targets.append(risk.instance.element)
    items = []
    for cid, gain in gains.items():
        ctype = catalog.controls[cid]
        items.append(PlanItem(id=cid, title=ctype.title, status="suggested",
                              title_fr=ctype.title_fr or "", cost_label=str(ctype.cost),
                              cost=cost_units(str(ctype.cost)), reduction=round(gain, 1),
                              elements=elements[cid], threats=threats[cid]))
    items.sort(key=lambda p: (-p.per_cost, -p.reduction, p.id))
    return items


def attack_result(result: AnalysisResult, notes: list[str], top: int,
                  recommend: bool = True) -> AttackResult | None:
    """Attack paths, per-target compromise and recommendations from the attack engine.

    A failure of this optional stage is reported in the method section, never fatal.
    """
    try:
        analysis = analyze_attacks(result.model, result.catalog, risks=result.threats,
                                   top_k=top, sensitivity=False, budget_seconds=1.5,
                                   recommend=recommend)
    except Exception as exc:  # noqa: BLE001 - the report still has its risks to show
        log.warning("attack engine failed: %s", exc)
        notes.append(f"attack-path engine failed ({type(exc).__name__}: {exc})")
        return None
    names: dict[str, str] = {}
    for attacker in analysis.attackers:
        names[str(attacker["id"])] = str(attacker.get("name") or attacker["id"])
    targets: dict[str, tuple[str, str]] = {}
    for target in analysis.targets:
        names[str(target["id"])] = str(target.get("name") or target.get("element"))
        targets[str(target["id"])] = (str(target.get("kind") or ""),
                                      str(target.get("element") or ""))
    paths = [AttackPath(attacker=str(d["attacker"]), target=str(d["target"]),
                        path=[str(x) for x in d["path"]], probability=float(d["probability"]),
                        rank=int(d.get("rank", 1)), truncated=bool(d.get("truncated")))
             for d in analysis.attack_paths]
    reach: dict[tuple[str, str], Reach] = {}
    for item in analysis.target_results:
        intervals = item.get("by_attacker_ci") or {}
        for attacker, prob in (item.get("by_attacker") or {}).items():
            low, high, exact = intervals.get(attacker, (prob, prob, True))
            reach[(str(attacker), str(item["target"]))] = Reach(float(prob), float(low),
                                                                float(high), bool(exact))
    for path in paths:
        path.reach = reach.get((path.attacker, path.target))
    paths.sort(key=lambda p: (-p.probability, p.rank))
    worst: dict[str, dict[str, Any]] = {}
    for item in analysis.target_results:
        key = str(item["target"])
        if key not in worst or item["probability"] > worst[key]["probability"]:
            worst[key] = item
    compromise = [Compromise(
        target=key, probability=float(item["probability"]), ci_low=item.get("ci_low"),
        ci_high=item.get("ci_high"), method=str(item.get("method", "")),
        attacker=str(item.get("attacker") or ""), approximate=bool(item.get("approximate")),
        worlds=int(item.get("worlds") or 0)) for key, item in worst.items()]
    notes += [f"attack engine: {n}" for n in analysis.notes]
    return AttackResult(paths, compromise, [dict(r) for r in analysis.recommendations],
                        names, targets)


def cox_warnings(scales: Scales) -> list[str]:
    """Cox (2008) consistency problems of the model's risk matrix."""
    return list(cox_checks(matrix_spec(scales)))
