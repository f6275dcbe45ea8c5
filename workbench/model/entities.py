"""The objects a threat model is made of (no Qt, no I/O).

Optional fields default to ``None`` so that files can omit them and still round-trip
byte for byte (the writer drops ``None`` values).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, field_validator

from workbench.model.base import Identifier, ShortText, Strict, Text
from workbench.model.conditions import Condition
from workbench.model.enums import (
    AssetKind,
    Authentication,
    ControlStatus,
    Layer,
    PatchStatus,
    Stride,
    ThreatStatus,
    ZoneKind,
)

Level = Annotated[int, Field(ge=0, le=10)]


class Metadata(Strict):
    title: ShortText
    system: ShortText | None = None
    owner: ShortText | None = None
    authors: list[ShortText] = Field(default_factory=list)
    version: ShortText | None = None
    review_date: dt.date | None = None
    description: Text | None = None
    scope: Text | None = None
    assumptions: list[Text] = Field(default_factory=list)
    out_of_scope: list[Text] = Field(default_factory=list)


class RegulatoryContext(Strict):
    """What the system declares about itself; drives which regulatory sections apply."""

    medical_device: bool = False
    device_class: ShortText | None = None
    markets: list[ShortText] = Field(default_factory=list)
    hosts_health_data: bool = False
    health_data_host_certified: bool | None = None


class ComponentProperties(Strict):
    """Security-relevant facts about one element; stencils give the defaults."""

    wireless_interfaces: list[ShortText] = Field(default_factory=list)
    os_firmware: ShortText | None = None
    secure_boot: bool | None = None
    signed_updates: bool | None = None
    authentication: Authentication | None = None
    encryption_at_rest: bool | None = None
    internet_exposed: bool = False
    patch_status: PatchStatus | None = None
    legacy: bool = False
    safety_critical_function: ShortText | None = None
    user_installable_apps: bool = False
    physical_access: bool = False
    multi_tenant: bool = False
    logging: bool | None = None
    data_assets: list[Identifier] = Field(default_factory=list)
    vendor: ShortText | None = None
    notes: Text | None = None


class Component(Strict):
    id: Identifier
    name: ShortText
    stencil: Identifier
    layer: Layer
    zone: Identifier | None = None
    description: Text | None = None
    properties: ComponentProperties = Field(default_factory=ComponentProperties)
    #: The id the element had in the tool it was imported from, when it could not be ours
    #: (too long, characters our ids refuse); ``import --onto`` matches on it.
    source_id: ShortText | None = None


class Flow(Strict):
    """A data flow between two components, optionally carried by network components."""

    id: Identifier
    source: Identifier
    target: Identifier
    name: ShortText | None = None
    protocol: ShortText | None = None
    via: list[Identifier] = Field(default_factory=list)
    bidirectional: bool = False
    encrypted: bool = False
    authenticated: bool = False
    data_assets: list[Identifier] = Field(default_factory=list)
    notes: Text | None = None
    #: As :attr:`Component.source_id`.
    source_id: ShortText | None = None


class TrustZone(Strict):
    id: Identifier
    name: ShortText
    kind: ZoneKind = ZoneKind.OTHER
    trust_level: Annotated[int, Field(ge=0, le=10)] = 5
    parent: Identifier | None = None
    description: Text | None = None
    #: As :attr:`Component.source_id`.
    source_id: ShortText | None = None


class DataAsset(Strict):
    id: Identifier
    name: ShortText
    kind: AssetKind = AssetKind.OTHER
    personal: bool = False
    special_category: bool = False
    confidentiality: Level = 2
    integrity: Level = 2
    availability: Level = 2
    impact: dict[Identifier, Level] = Field(default_factory=dict)
    description: Text | None = None


class AttackerProfile(Strict):
    """Who attacks, where they start, and how capable they are (scales edge probabilities)."""

    id: Identifier
    name: ShortText
    description: Text | None = None
    capability: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    entry_elements: list[Identifier] = Field(default_factory=list)
    entry_rule: Condition | None = None
    enabled: bool = True


class Target(Strict):
    """Something that matters: a safety function, a store of health data, a care service."""

    id: Identifier
    element: Identifier
    kind: ShortText = "health_data"
    name: ShortText | None = None


class MitigationLink(Strict):
    """A control applied against one threat instance; the link has its own status."""

    control: Identifier
    status: ControlStatus = ControlStatus.PLANNED
    evidence: Text | None = None


class ThreatInstance(Strict):
    """A threat type from the catalog sitting on one element or flow, with the decision on it."""

    id: Identifier
    key: ShortText
    catalog_id: ShortText
    element: Identifier
    title: ShortText | None = None
    stride: list[Stride] = Field(default_factory=list)
    status: ThreatStatus = ThreatStatus.SUGGESTED
    reason: Text | None = None
    owner: ShortText | None = None
    decided_by: ShortText | None = None
    decided_on: dt.date | None = None
    likelihood: Level | None = None
    impact: dict[Identifier, Level] = Field(default_factory=dict)
    cvss: ShortText | None = None
    mitigations: list[MitigationLink] = Field(default_factory=list)
    transferred_to: ShortText | None = None
    comment: Text | None = None
    manual: bool = False
    #: Status before the rule engine marked the instance orphaned; restored if it comes back.
    previous_status: ThreatStatus | None = None


class ControlInstance(Strict):
    """A control (from the catalog or the organisation's own) put in place on elements."""

    id: Identifier
    catalog_id: ShortText | None = None
    title: ShortText
    elements: list[Identifier] = Field(default_factory=list)
    status: ControlStatus = ControlStatus.PLANNED
    owner: ShortText | None = None
    due: dt.date | None = None
    cost: ShortText | None = None
    effectiveness: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    evidence: Text | None = None


class ScaleLevel(Strict):
    value: Annotated[int, Field(ge=0, le=10)]
    name: ShortText
    description: Text | None = None


class ImpactCategory(Strict):
    id: Identifier
    name: ShortText
    description: Text | None = None


class RiskSettings(Strict):
    """Scales and impact categories are part of the model so each organisation can set its own."""

    likelihood_levels: list[ScaleLevel] = Field(default_factory=list)
    severity_levels: list[ScaleLevel] = Field(default_factory=list)
    impact_categories: list[ImpactCategory] = Field(default_factory=list)
    options: dict[Identifier, Any] = Field(default_factory=dict)


class Box(Strict):
    x: float
    y: float
    w: float | None = None
    h: float | None = None


class FlowRoute(Strict):
    waypoints: list[tuple[float, float]] = Field(default_factory=list)
    label_offset: tuple[float, float] | None = None


class Layout(Strict):
    """Where things are drawn; kept apart from the semantics so a move never changes meaning."""

    elements: dict[Identifier, Box] = Field(default_factory=dict)
    zones: dict[Identifier, Box] = Field(default_factory=dict)
    flows: dict[Identifier, FlowRoute] = Field(default_factory=dict)

    @field_validator("elements", "zones")
    @classmethod
    def _finite(cls, value: dict[str, Box]) -> dict[str, Box]:
        for key, box in value.items():
            for number in (box.x, box.y, box.w or 0.0, box.h or 0.0):
                if number != number or abs(number) > 1e7:
                    raise ValueError(f"position of {key!r} is not a finite coordinate")
        return value
