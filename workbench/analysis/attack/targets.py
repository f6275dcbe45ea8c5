"""What an attacker is after: patient-safety functions, health-data stores, care services.

Targets are derived from the model (editable: the model's own ``targets`` list is added, and
``risk.options["derive_targets"] = false`` turns derivation off).

* ``patient_safety``: a component with a ``safety_critical_function`` or a stencil tagged
  ``safety_critical`` or ``implant``;
* ``health_data``: a component holding a health, imaging or therapy data asset that is
  personal or special-category, or a stencil tagged ``store``;
* ``care_service``: cloud or gateway components that clinicians depend on (stencil tagged
  ``clinical`` or one of the EHR / PACS / telemonitoring / interface-engine stencils).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.model.enums import AssetKind, Layer
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

PATIENT_SAFETY = "patient_safety"
HEALTH_DATA = "health_data"
CARE_SERVICE = "care_service"

_HEALTH_KINDS = {AssetKind.HEALTH_DATA, AssetKind.IMAGING, AssetKind.THERAPY_SETTINGS}
_CARE_STENCILS = {"ehr", "pacs", "telemonitoring-platform", "interface-engine",
                  "clinician-portal", "hds-host"}
_STORE_STENCILS = {"ehr", "pacs", "data-lake", "hds-host", "telemonitoring-platform"}


@dataclass(frozen=True)
class TargetSpec:
    id: str
    element: str
    kind: str
    name: str
    derived: bool

    def to_json(self) -> dict:
        return {"id": self.id, "element": self.element, "kind": self.kind, "name": self.name,
                "derived": self.derived}


def derive_targets(model: ThreatModel, stencils: StencilLibrary) -> list[TargetSpec]:
    """Targets found from element properties, stencil tags and the data they hold."""
    assets = model.assets_by_id()
    sensitive = {a.id for a in assets.values()
                 if a.kind in _HEALTH_KINDS and (a.personal or a.special_category)}
    out: list[TargetSpec] = []
    tag_memo: dict[str, set[str]] = {}
    for comp in model.components:
        tags = tag_memo.get(comp.stencil)
        if tags is None:
            stencil = stencils.get(comp.stencil)
            tags = set(stencil.tags) if stencil else set()
            tag_memo[comp.stencil] = tags
        props = comp.properties
        if props.safety_critical_function or tags & {"safety_critical", "implant"}:
            function = props.safety_critical_function or "therapy"
            out.append(TargetSpec(f"{PATIENT_SAFETY}:{comp.id}", comp.id, PATIENT_SAFETY,
                                  f"{function} of {comp.name}", True))
        if ((sensitive and any(a in sensitive for a in props.data_assets)) or "store" in tags
                or comp.stencil in _STORE_STENCILS):
            out.append(TargetSpec(f"{HEALTH_DATA}:{comp.id}", comp.id, HEALTH_DATA,
                                  f"health data held by {comp.name}", True))
        if comp.layer in (Layer.CLOUD, Layer.GATEWAY) and (
                comp.stencil in _CARE_STENCILS or "clinical" in tags):
            out.append(TargetSpec(f"{CARE_SERVICE}:{comp.id}", comp.id, CARE_SERVICE,
                                  f"care service {comp.name}", True))
    return out


def resolve_targets(model: ThreatModel, stencils: StencilLibrary) -> list[TargetSpec]:
    """The model's explicit targets first, then derived ones not already listed."""
    known = {c.id for c in model.components}
    out = [TargetSpec(t.id, t.element, t.kind, t.name or t.element, False)
           for t in model.targets if t.element in known]
    if model.risk.options.get("derive_targets", True) is not False:
        seen = {(t.element, t.kind) for t in out}
        out += [t for t in derive_targets(model, stencils) if (t.element, t.kind) not in seen]
    return out
