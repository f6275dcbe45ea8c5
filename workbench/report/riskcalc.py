"""Risk values as reports need them, and a built-in estimate from the model alone.

The analysis pipeline owns the real risk model; this module only (1) holds a risk as a
(likelihood, severity) cell on the model's scales with a level name and a colour, and
(2) estimates risks from the recorded threat instances when the pipeline is unavailable,
so a report can always be produced. The estimate is documented in docs/reports.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.model.entities import ThreatInstance
from workbench.model.enums import ControlStatus, Layer
from workbench.model.threat_model import ThreatModel

LEVELS = ("low", "moderate", "high", "critical")
# ColorBrewer RdYlBu (reversed): distinct for common colour-blindness and in grayscale.
LEVEL_COLOURS = {"none": "#eeeeee", "low": "#abd9e9", "moderate": "#ffffbf",
                 "high": "#fdae61", "critical": "#d7191c"}
# Upper bounds of likelihood x severity as a fraction of the maximum, per level.
LEVEL_BOUNDS = (0.125, 0.25, 0.5625)


@dataclass(frozen=True)
class Risk:
    """A cell of the matrix: likelihood and severity on the model's scales."""

    likelihood: int
    severity: int
    l_max: int = 4
    s_max: int = 4

    @property
    def score(self) -> int:
        return self.likelihood * self.severity

    @property
    def fraction(self) -> float:
        return self.score / (self.l_max * self.s_max) if self.l_max and self.s_max else 0.0

    @property
    def level(self) -> str:
        if self.score <= 0:
            return "none"
        for name, bound in zip(LEVELS, LEVEL_BOUNDS, strict=False):
            if self.fraction <= bound + 1e-9:
                return name
        return LEVELS[-1]

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS[self.level]

    def short(self) -> str:
        return f"{self.likelihood}×{self.severity}"


def level_index(risk: Risk) -> int:
    return LEVELS.index(risk.level) if risk.level in LEVELS else -1


def scale_max(model: ThreatModel) -> tuple[int, int]:
    lik = max((s.value for s in model.risk.likelihood_levels), default=4) or 4
    sev = max((s.value for s in model.risk.severity_levels), default=4) or 4
    return lik, sev


def derived_impact(model: ThreatModel, threat: ThreatInstance, s_max: int) -> dict[str, int]:
    """Impact per category from the data assets on the threatened element or flow."""
    assets = model.assets_by_id()
    component = model.component(threat.element)
    if component is not None:
        asset_ids = list(component.properties.data_assets)
    else:
        flow = model.flow(threat.element)
        asset_ids = list(flow.data_assets) if flow else []
    impact: dict[str, int] = {}

    def bump(category: str, value: int) -> None:
        value = max(0, min(s_max, value))
        if value:
            impact[category] = max(impact.get(category, 0), value)

    stride = {s.value for s in threat.stride}
    for asset_id in asset_ids:
        asset = assets.get(asset_id)
        if asset is None:
            continue
        for category, value in asset.impact.items():
            bump(category, value)
        if not asset.impact:
            if not stride or stride & {"I"}:
                bump("legal" if asset.personal else "intellectual_assets", asset.confidentiality)
            if not stride or stride & {"T", "S", "E"}:
                bump("decision_making", asset.integrity)
            if not stride or stride & {"D"}:
                bump("care_delivery", asset.availability)
    if component is not None and component.properties.safety_critical_function and (
            not stride or stride & {"T", "S", "D", "E"}):
        bump("patient_safety", s_max)
    return impact


def builtin_risks(model: ThreatModel, catalog_titles: dict[str, tuple[str, str]] | None = None):
    """Risk rows from the model's threat instances (see the module docstring)."""
    from workbench.report.data import RiskRow

    titles = catalog_titles or {}
    l_max, s_max = scale_max(model)
    effectiveness = {c.id: (c.effectiveness if c.effectiveness is not None else 0.5)
                     for c in model.controls}
    control_titles = {c.id: c.title for c in model.controls}
    names = {c.id: (c.name, c.layer.value) for c in model.components}
    for flow in model.flows:
        label = flow.name or f"{names.get(flow.source, (flow.source,))[0]} → " \
                             f"{names.get(flow.target, (flow.target,))[0]}"
        names[flow.id] = (label, Layer.NETWORK.value)
    rows = []
    for threat in model.threats:
        likelihood = threat.likelihood if threat.likelihood else math.ceil(l_max / 2)
        likelihood = max(1, min(l_max, likelihood))
        impact = dict(threat.impact) or derived_impact(model, threat, s_max)
        severity = max(1, min(s_max, max(impact.values(), default=2)))
        current = projected = 1.0
        for link in threat.mitigations:
            factor = 1.0 - effectiveness.get(link.control, 0.5)
            if link.status in (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED):
                current *= factor
            projected *= factor
        title_en, title_fr = titles.get(threat.catalog_id, ("", ""))
        name, layer = names.get(threat.element, (threat.element, ""))
        rows.append(RiskRow(
            id=threat.id, catalog_id=threat.catalog_id,
            title=threat.title or title_en or threat.catalog_id,
            title_fr=title_fr or "", element=threat.element, element_name=name, layer=layer,
            stride="".join(s.value for s in threat.stride), status=threat.status.value,
            owner=threat.owner or "",
            inherent=Risk(likelihood, severity, l_max, s_max),
            residual=Risk(_reduced(likelihood, current), severity, l_max, s_max),
            projected=Risk(_reduced(likelihood, projected), severity, l_max, s_max),
            impact=impact,
            controls=[control_titles.get(m.control, m.control) for m in threat.mitigations],
            references=[threat.catalog_id],
            patient_safety=impact.get("patient_safety", 0) >= max(s_max - 1, 1),
            planned_controls=[m.control for m in threat.mitigations
                              if m.status == ControlStatus.PLANNED]))
    return rows


def _reduced(likelihood: int, factor: float) -> int:
    """Likelihood after controls; rounded up so a control never looks better than it is."""
    return max(1, math.ceil(likelihood * factor - 1e-9))
