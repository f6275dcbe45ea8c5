"""One entry point for every client (CLI, GUI, PDF report): ``analyze(model) -> AnalysisResult``.

Later stages (attack paths, recommendations) add their results to ``AnalysisResult.extra``
under their own key; ``to_json()`` merges those keys into the output object, so a new
stage needs no change to the CLI or the schema's required part.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from workbench.analysis.catalog import Catalog, default_catalog
from workbench.analysis.ranking import grouped_ranking
from workbench.analysis.risk import Scales, ThreatRisk, assess, assess_with_exposure
from workbench.analysis.rules import MergeReport, merge_suggestions
from workbench.model.stencils import StencilLibrary
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

    def by_key(self) -> dict[str, ThreatRisk]:
        return {t.key: t for t in self.threats}

    def counted(self) -> list[ThreatRisk]:
        """Risks to treat: not rejected or orphaned, and on an element in scope."""
        return [t for t in self.threats if t.ranked]

    def context(self) -> list[ThreatRisk]:
        """Threats on context elements (not owned or operated): assumptions, not risks."""
        return [t for t in self.threats if t.counted and t.context]

    def summary(self) -> dict[str, Any]:
        counted = self.counted()
        return {
            "threats": len(self.threats),
            "counted": len(counted),
            "context": len(self.context()),
            "by_layer": dict(Counter(t.layer for t in counted)),
            "by_status": dict(Counter(t.instance.status.value for t in self.threats)),
            "inherent_levels": dict(Counter(t.inherent.level for t in counted)),
            "residual_levels": dict(Counter(t.current.level for t in counted)),
            "projected_levels": dict(Counter(t.projected.level for t in counted)),
            "patient_safety": sum(1 for t in counted if t.patient_safety),
        }

    def to_json(self) -> dict[str, Any]:
        """The ``workbench analyze --json`` object (schema/analysis.schema.json)."""
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
            "threats": [threat_json(t, self.catalog) for t in self.threats],
            "ranking": [g.to_json() for g in grouped_ranking(self)],
            "context_threats": [g.to_json() for g in grouped_ranking(self, context=True)],
            "warnings": list(self.warnings),
        }
        for key, value in self.extra.items():
            out[key] = value
        return out


def threat_json(risk: ThreatRisk, catalog: Catalog) -> dict[str, Any]:
    inst, ttype = risk.instance, risk.threat_type
    return {
        "id": inst.id,
        "key": inst.key,
        "catalog_id": inst.catalog_id,
        "title": (ttype.title if ttype else None) or inst.title or inst.catalog_id,
        "element": inst.element,
        "layer": risk.layer,
        "stride": [s.value for s in (ttype.stride if ttype else inst.stride)],
        "vector": ttype.vector if ttype else None,
        "linddun": list(ttype.linddun) if ttype else [],
        "patient_safety": risk.patient_safety,
        "mass_harm": bool(ttype and ttype.mass_harm),
        "status": inst.status.value,
        "counted": risk.counted,
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
        "risk_inherent": risk.inherent.to_json(),
        "risk_residual": risk.current.to_json(),
        "risk_projected": risk.projected.to_json(),
        "controls": [c.to_json() for c in risk.controls],
        "suggested_controls": [c.id for c in catalog.controls_for(inst.catalog_id)],
        "cvss": risk.cvss,
        "owner": inst.owner,
        "reason": inst.reason,
    }


def analyze(model: ThreatModel, catalog: Catalog | None = None, *,
            stencils: StencilLibrary | None = None, suggest: bool = True,
            exposure: bool = True) -> AnalysisResult:
    """Run the rule engine (unless ``suggest`` is false) then score every threat.

    With ``exposure`` (the default) likelihoods take the attackers' reach into account
    (:func:`workbench.analysis.risk.assess_with_exposure`); every client calls this one
    function, so the window, the CLI and the reports show the same levels.
    """
    catalog = catalog or default_catalog()
    if suggest:
        merged, report = merge_suggestions(model, catalog, stencils)
    else:
        merged, report = model, MergeReport(kept=[t.key for t in model.threats])
    warnings = [f"threat {k!r} refers to a catalog entry that no longer exists"
                for k in report.unknown_catalog]
    if exposure:
        risks = assess_with_exposure(merged, catalog, stencils, warnings)
    else:
        risks = assess(merged, catalog, stencils, warnings)
    return AnalysisResult(model=merged, threats=risks, merge=report, scales=Scales.of(merged),
                          catalog=catalog, warnings=warnings)
