"""One entry point for every client (CLI, GUI, PDF report): ``analyze(model) -> AnalysisResult``.

Later stages (attack paths, recommendations) add their results to ``AnalysisResult.extra``
under their own key; ``to_json()`` merges those keys into the output object, so a new
stage needs no change to the CLI or the schema's required part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.analysis.catalog import Catalog, default_catalog
from workbench.analysis.ranking import grouped_rankings
from workbench.analysis.risk import RiskValue, Scales, ThreatRisk, assess, assess_with_exposure
from workbench.analysis.rules import MergeReport, merge_suggestions
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

OUTPUT_FORMAT = "threat-workbench-analysis"
OUTPUT_VERSION = 1


@dataclass
class AnalysisResult:
    """The model with suggestions merged, the risk of each threat, and what changed."""

    model: ThreatModel
    threats: list[ThreatRisk]
    merge: MergeReport
    scales: Scales
    catalog: Catalog
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: The exposure pass's attack graph (``attack.exposure.ExposureGraph``), for
    #: ``analyze_attacks(shared=...)``: the graph is built once per analysis.
    attack_graph: Any = None

    def by_key(self) -> dict[str, ThreatRisk]:
        return {t.key: t for t in self.threats}

    def counted(self) -> list[ThreatRisk]:
        """Risks to treat: not rejected or orphaned, and on an element in scope."""
        return [t for t in self.threats if t.ranked]

    def context(self) -> list[ThreatRisk]:
        """Threats on context elements (not owned or operated): assumptions, not risks."""
        return [t for t in self.threats if t.counted and t.context]

    def summary(self) -> dict[str, Any]:
        """Counts of the threats by layer, status and level (``analyze --json``'s summary).

        One pass over the threats (over a hundred thousand on a hospital group), not one
        per count; each count keeps the order in which its keys first appear, as
        ``Counter`` did.
        """
        by_layer: dict[str, int] = {}
        by_status: dict[str, int] = {}
        inherent: dict[str, int] = {}
        residual: dict[str, int] = {}
        projected: dict[str, int] = {}
        counted_of: dict[str, bool] = {}  # status -> counted (few statuses)
        ranked = context = safety = 0
        for t in self.threats:
            status = t.instance.status.value
            by_status[status] = by_status.get(status, 0) + 1
            counted = counted_of.get(status)
            if counted is None:
                counted = counted_of[status] = t.counted
            if not counted:
                continue
            if t.context:
                context += 1
                continue
            ranked += 1
            by_layer[t.layer] = by_layer.get(t.layer, 0) + 1
            inherent[t.inherent.level] = inherent.get(t.inherent.level, 0) + 1
            residual[t.current.level] = residual.get(t.current.level, 0) + 1
            projected[t.projected.level] = projected.get(t.projected.level, 0) + 1
            if t.patient_safety:
                safety += 1
        return {
            "threats": len(self.threats),
            "counted": ranked,
            "context": context,
            "by_layer": by_layer,
            "by_status": by_status,
            "inherent_levels": inherent,
            "residual_levels": residual,
            "projected_levels": projected,
            "patient_safety": safety,
        }

    def to_json(self) -> dict[str, Any]:
        """The ``workbench analyze --json`` object (schema/analysis.schema.json)."""
        ranking, context = grouped_rankings(self)  # one pass over the threats for both
        out: dict[str, Any] = {
            "format": OUTPUT_FORMAT,
            "version": OUTPUT_VERSION,
            "model": {"title": self.model.metadata.title,
                      "version": self.model.metadata.version},
            "scales": {
                "likelihood": list(self.scales.likelihood),
                "severity": list(self.scales.severity),
                "levels": [{"id": lv.id, "name": lv.name, "colour": lv.colour,
                            "max_fraction": lv.max_fraction} for lv in self.scales.levels],
            },
            "summary": self.summary(),
            "suggestions": {"added": len(self.merge.added), "kept": len(self.merge.kept),
                            "restored": len(self.merge.restored),
                            "orphaned": len(self.merge.orphaned),
                            "dropped": len(self.merge.dropped)},
            "threats": _threats_json(self.threats, self.catalog),
            "ranking": [g.to_json() for g in ranking],
            "context_threats": [g.to_json() for g in context],
            "warnings": list(self.warnings),
        }
        for key, value in self.extra.items():
            out[key] = value
        return out


def threat_json(risk: ThreatRisk, catalog: Catalog) -> dict[str, Any]:
    """One threat of the ``threats`` list (see :func:`_threats_json` for many at once)."""
    return _threats_json([risk], catalog)[0]


def _threats_json(risks: list[ThreatRisk], catalog: Catalog) -> list[dict[str, Any]]:
    """The ``threats`` list of the output, one object per threat instance.

    Thousands of instances share a threat type and a handful of risk values, so the parts
    that come from those (title, STRIDE, suggested controls, each risk value's object) are
    built once per distinct value and the same object is put in every row that has it: the
    document is the same, built several times faster (these rows were the largest part of
    writing ``analyze --json``). Rows of one output share those objects; treat them as
    read-only. A risk value is looked up by identity first (the risk memo hands the same
    object to most rows) and by value (a dataclass hash of six fields) only once per object.
    """
    by_type: dict[str, tuple] = {}
    values: dict[RiskValue, dict[str, Any]] = {}
    seen: dict[int, dict[str, Any]] = {}  # id(value) -> its object; every value outlives this

    def value_json(value: RiskValue) -> dict[str, Any]:
        out = values.get(value)
        if out is None:
            out = values[value] = value.to_json()
        seen[id(value)] = out
        return out

    counted_of: dict[str, bool] = {}  # status -> counted (a handful of statuses)
    rows: list[dict[str, Any]] = []
    for risk in risks:
        inst, ttype = risk.instance, risk.threat_type
        if ttype is not None:
            common = by_type.get(inst.catalog_id)
            if common is None or common[0] is not ttype:
                common = by_type[inst.catalog_id] = (
                    ttype, ttype.title or inst.title or inst.catalog_id,
                    [s.value for s in ttype.stride], ttype.vector, list(ttype.linddun),
                    [c.id for c in catalog.controls_for(inst.catalog_id)],
                    ttype.patient_safety)
            _, title, stride, vector, linddun, suggested, safety = common
        else:
            title = inst.title or inst.catalog_id
            stride, vector, linddun = [s.value for s in inst.stride], None, []
            suggested = [c.id for c in catalog.controls_for(inst.catalog_id)]
            safety = risk.patient_safety
        status = inst.status.value
        counted = counted_of.get(status)
        if counted is None:
            counted = counted_of[status] = risk.counted
        inherent, current, projected = risk.inherent, risk.current, risk.projected
        rows.append({
            "id": inst.id,
            "key": inst.key,
            "catalog_id": inst.catalog_id,
            "title": title,
            "element": inst.element,
            "layer": risk.layer,
            "stride": stride,
            "vector": vector,
            "linddun": linddun,
            "patient_safety": safety,
            "mass_harm": risk.mass_harm,
            "mass_harm_reason": risk.mass_harm_reason or None,
            "finding": risk.finding,
            "harm_distance": risk.harm_distance,
            "harm": risk.harm or None,
            "harm_id": risk.harm_id or None,
            "status": status,
            "counted": counted,
            "context": risk.context,
            "likelihood": risk.likelihood,
            "base_likelihood": (risk.base_likelihood if risk.base_likelihood is not None
                                else risk.likelihood),
            "exposure": (None if risk.exposure is None else
                         {"probability": round(risk.exposure, 4),
                          "attacker": risk.exposure_attacker}),
            "likelihood_reasons": risk.likelihood_reasons,
            "impact": dict(risk.impact),
            "impact_reasons": dict(risk.impact_reasons),
            "risk_inherent": seen.get(id(inherent)) or value_json(inherent),
            "risk_residual": seen.get(id(current)) or value_json(current),
            "risk_projected": seen.get(id(projected)) or value_json(projected),
            "controls": [c.to_json() for c in risk.controls] if risk.controls else [],
            "suggested_controls": suggested,
            "cvss": risk.cvss,
            "owner": inst.owner,
            "reason": inst.reason,
        })
    return rows


def analyze(model: ThreatModel, catalog: Catalog | None = None, *,
            stencils: StencilLibrary | None = None, suggest: bool = True,
            exposure: bool = True, attack_graph: bool = False) -> AnalysisResult:
    """Run the rule engine (unless ``suggest`` is false) then score every threat.

    With ``exposure`` (the default) likelihoods take the attackers' reach into account
    (:func:`workbench.analysis.risk.assess_with_exposure`); every client calls this one
    function, so the window, the CLI and the reports show the same levels.
    ``attack_graph``: keep the exposure pass's attack graph on the result (built with the
    catalog's options) for a caller that runs the attack engine next; it costs the
    options' evidence and memory, so callers that stop at risks leave it off.
    """
    catalog = catalog or default_catalog()
    facts = FactIndex(model, stencils or default_stencils())  # the rules' and the risk's
    if suggest:
        merged, report = merge_suggestions(model, catalog, stencils, index=facts)
    else:
        merged, report = model, MergeReport(kept=[t.key for t in model.threats])
    warnings = [f"threat {k!r} refers to a catalog entry that no longer exists"
                for k in report.unknown_catalog]
    shared: list[Any] = []
    if exposure:
        risks = assess_with_exposure(merged, catalog, stencils, warnings,
                                     graph_out=shared if attack_graph else None,
                                     index=facts.sharing(merged))
    else:
        risks = assess(merged, catalog, stencils, warnings, index=facts.sharing(merged))
    return AnalysisResult(model=merged, threats=risks, merge=report, scales=Scales.of(merged),
                          catalog=catalog, warnings=warnings,
                          attack_graph=shared[0] if shared else None)
