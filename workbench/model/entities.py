"""The objects a threat model is made of (no Qt, no I/O).

Optional fields default to ``None`` so that files can omit them and still round-trip
byte for byte (the writer drops ``None`` values).
"""


import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from workbench.model.base import ElementId, Identifier, ShortText, Strict, Text, new_dict, new_list
from workbench.model.conditions import Condition
from workbench.model.enums import (
    AssetKind,
    Authentication,
    ControlStatus,
    DebugPort,
    FlowAuthentication,
    Layer,
    PatchStatus,
    Scope,
    Stride,
    ThreatStatus,
    ZoneKind,
)

Level = Annotated[int, Field(ge=0, le=10)]


class Metadata(Strict):
    title: ShortText
    system: ShortText | None = None
    owner: ShortText | None = None
    authors: list[ShortText] = Field(default_factory=new_list)
    version: ShortText | None = None
    review_date: dt.date | None = None
    description: Text | None = None
    scope: Text | None = None
    assumptions: list[Text] = Field(default_factory=new_list)
    out_of_scope: list[Text] = Field(default_factory=new_list)


class RegulatoryContext(Strict):
    """What the system declares about itself; drives which regulatory sections apply."""

    medical_device: bool = False
    device_class: ShortText | None = None
    markets: list[ShortText] = Field(default_factory=new_list)
    hosts_health_data: bool = False
    health_data_host_certified: bool | None = None


class ComponentProperties(Strict):
    """Security-relevant facts about one element; stencils give the defaults."""

    wireless_interfaces: list[ShortText] = Field(default_factory=new_list)
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
    #: Hardware or service debug interface (JTAG, UART console, service port).
    debug_port: DebugPort | None = None
    #: Network services listening on the element for whoever reaches its network
    #: (e.g. "telnet", "SMBv1", "HTTP admin", "FTP"); empty when none or unknown.
    open_services: list[ShortText] = Field(default_factory=new_list)
    #: For a network: every attached element can reach every other (no VLANs, no
    #: internal filtering), so one foothold reaches the whole segment.
    flat_network: bool | None = None
    data_assets: list[Identifier] = Field(default_factory=new_list)
    vendor: ShortText | None = None
    notes: Text | None = None
    #: organisation (its risks are treated) or context (assumptions); None: the stencil's.
    scope: Scope | None = None


class Component(Strict):
    id: ElementId
    name: ShortText
    stencil: Identifier
    layer: Layer
    zone: Identifier | None = None
    description: Text | None = None
    properties: ComponentProperties = Field(default_factory=ComponentProperties)
    #: The id the element had in the tool it was imported from, when it could not be ours
    #: (too long, characters our ids refuse); ``import --onto`` matches on it.
    source_id: ShortText | None = None

    @model_validator(mode="after")
    def _stencil_defaults(self) -> "Component":
        """Properties the file or the caller left out take the stencil's defaults.

        A hand-written ``{"stencil": "infusion-pump"}`` is then safety-critical, legacy and
        unsigned like the class as fielded. Only omitted keys are filled: an explicit value,
        ``null`` (unknown) included, is kept; the writer spells out such ``null`` values.
        """
        defaults = _stencil_defaults(self.stencil)
        if defaults is None:
            return self
        given = self.properties.model_fields_set
        fill = {name: getattr(defaults, name) for name in defaults.model_fields_set
                if name not in given and getattr(defaults, name) != getattr(self.properties, name)}
        if fill:
            filled = self.properties.model_copy(update=fill, deep=True)
            object.__setattr__(self, "properties", filled)
        return self

    @model_serializer(mode="wrap")
    def _explicit_unknowns(self, handler: SerializerFunctionWrapHandler,
                           info: SerializationInfo) -> dict[str, Any]:
        """Write ``null`` for an unknown property whose stencil has a default, so that
        reading the file back does not turn "unknown" into the stencil's value."""
        data = handler(self)
        defaults = _stencil_defaults(self.stencil) if info.exclude_none else None
        props = data.get("properties") if isinstance(data, dict) else None
        if defaults is not None and isinstance(props, dict):
            for name in defaults.model_fields_set:
                if getattr(self.properties, name) is None and getattr(defaults, name) is not None:
                    props[name] = None
        return data


def _stencil_defaults(stencil_id: str) -> ComponentProperties | None:
    """Default properties of a shipped stencil (None for an unknown one)."""
    try:
        stencil = _stencil_library().get(stencil_id)
    except (FileNotFoundError, ValueError):
        return None
    return stencil.defaults if stencil is not None else None


class Flow(Strict):
    """A data flow between two components, optionally carried by network components."""

    id: ElementId
    source: Identifier
    target: Identifier
    name: ShortText | None = None
    protocol: ShortText | None = None
    via: list[Identifier] = Field(default_factory=new_list)
    bidirectional: bool = False
    encrypted: bool = False
    #: none / weak (defeatable with public means: fleet-wide key, replayable code,
    #: "Just Works" pairing) / strong. Replaced the boolean ``authenticated`` in schema 2.
    authentication: FlowAuthentication = FlowAuthentication.NONE
    #: For flows that carry firmware or software: the receiver verifies the vendor's
    #: signature before installing (null: unknown or not a software flow).
    signed: bool | None = None
    data_assets: list[Identifier] = Field(default_factory=new_list)
    notes: Text | None = None
    #: As :attr:`Component.source_id`.
    source_id: ShortText | None = None

    @model_validator(mode="before")
    @classmethod
    def _boolean_authenticated(cls, data: Any) -> Any:
        """Schema-1 ``authenticated: true/false`` still reads (true = strong, false = none)."""
        if isinstance(data, dict) and isinstance(data.get("authenticated"), bool):
            data = dict(data)
            value = data.pop("authenticated")
            data.setdefault("authentication", "strong" if value else "none")
        return data

    @property
    def authenticated(self) -> bool:
        """Strongly authenticated; weak authentication counts as none for yes/no readers."""
        return self.authentication is FlowAuthentication.STRONG

    @authenticated.setter
    def authenticated(self, value: bool) -> None:
        self.authentication = FlowAuthentication.STRONG if value else FlowAuthentication.NONE


class TrustZone(Strict):
    id: ElementId
    name: ShortText
    kind: ZoneKind = ZoneKind.OTHER
    trust_level: Annotated[int, Field(ge=0, le=10)] = 5
    parent: Identifier | None = None
    description: Text | None = None
    #: As :attr:`Component.source_id`.
    source_id: ShortText | None = None


class DataAsset(Strict):
    id: ElementId
    name: ShortText
    kind: AssetKind = AssetKind.OTHER
    personal: bool = False
    special_category: bool = False
    confidentiality: Level = 2
    integrity: Level = 2
    availability: Level = 2
    impact: dict[Identifier, Level] = Field(default_factory=new_dict)
    description: Text | None = None


class AttackerProfile(Strict):
    """Who attacks, where they start, and how capable they are (scales edge probabilities)."""

    id: ElementId
    name: ShortText
    description: Text | None = None
    capability: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    entry_elements: list[Identifier] = Field(default_factory=new_list)
    entry_rule: Condition | None = None
    enabled: bool = True
    #: Attack vectors this attacker can use where it starts (catalog threat ``vector``:
    #: physical, local, adjacent, network). Empty: every vector. Threats on other vectors
    #: do not count for it (docs/attack-paths.md, "Vectors per attacker").
    vectors: list[Literal["physical", "local", "adjacent", "network"]] = Field(
        default_factory=new_list)


class Target(Strict):
    """Something that matters: a safety function, a store of health data, a care service."""

    id: ElementId
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
    stride: list[Stride] = Field(default_factory=new_list)
    status: ThreatStatus = ThreatStatus.SUGGESTED
    reason: Text | None = None
    owner: ShortText | None = None
    decided_by: ShortText | None = None
    decided_on: dt.date | None = None
    likelihood: Level | None = None
    impact: dict[Identifier, Level] = Field(default_factory=new_dict)
    cvss: ShortText | None = None
    mitigations: list[MitigationLink] = Field(default_factory=new_list)
    transferred_to: ShortText | None = None
    comment: Text | None = None
    manual: bool = False
    #: Status before the rule engine marked the instance orphaned; restored if it comes back.
    previous_status: ThreatStatus | None = None


class ControlInstance(Strict):
    """A control (from the catalog or the organisation's own) put in place on elements."""

    id: ElementId
    catalog_id: ShortText | None = None
    title: ShortText
    elements: list[Identifier] = Field(default_factory=new_list)
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
    id: ElementId
    name: ShortText
    description: Text | None = None


class RiskSettings(Strict):
    """Scales and impact categories are part of the model so each organisation can set its own."""

    likelihood_levels: list[ScaleLevel] = Field(default_factory=new_list)
    severity_levels: list[ScaleLevel] = Field(default_factory=new_list)
    impact_categories: list[ImpactCategory] = Field(default_factory=new_list)
    options: dict[Identifier, Any] = Field(default_factory=new_dict)


#: Largest coordinate a drawing may use, and largest element size: beyond, renderers fail
#: (a PNG of a diagram spanning millions of points cannot be allocated) or lose precision.
COORDINATE_LIMIT = 1e6
SIZE_LIMIT = COORDINATE_LIMIT  # a zone of thousands of devices spans the drawing


def _coordinate(number: float, what: str) -> float:
    if number != number or abs(number) > COORDINATE_LIMIT:
        raise ValueError(f"{what} {number!r} is not a coordinate within "
                         f"±{COORDINATE_LIMIT:,.0f}")
    return number


class Box(Strict):
    x: float
    y: float
    w: float | None = None
    h: float | None = None

    @field_validator("x", "y")
    @classmethod
    def _position(cls, value: float) -> float:
        return _coordinate(value, "position")

    @field_validator("w", "h")
    @classmethod
    def _size(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value <= SIZE_LIMIT:
            raise ValueError(f"size {value!r} is not between 0 and {SIZE_LIMIT:,.0f}")
        return value


class FlowRoute(Strict):
    waypoints: list[tuple[float, float]] = Field(default_factory=new_list)
    label_offset: tuple[float, float] | None = None

    @field_validator("waypoints")
    @classmethod
    def _points(cls, value: list[tuple[float, float]]) -> list[tuple[float, float]]:
        for x, y in value:
            _coordinate(x, "waypoint")
            _coordinate(y, "waypoint")
        return value

    @field_validator("label_offset")
    @classmethod
    def _offset(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None:
            _coordinate(value[0], "label offset")
            _coordinate(value[1], "label offset")
        return value


class Layout(Strict):
    """Where things are drawn; kept apart from the semantics so a move never changes meaning."""

    elements: dict[Identifier, Box] = Field(default_factory=new_dict)
    zones: dict[Identifier, Box] = Field(default_factory=new_dict)
    flows: dict[Identifier, FlowRoute] = Field(default_factory=new_dict)


_LIBRARY: list[Any] = []


def _stencil_library() -> Any:
    """``stencils.default_stencils()``, that function imported at the first call only
    (stencils import this module): it is asked once per component read or written, where
    an import statement each time cost more than the lookup itself. Still called each
    time, so a cleared memo (tests) is read again."""
    if not _LIBRARY:
        from workbench.model.stencils import default_stencils

        _LIBRARY.append(default_stencils)
    return _LIBRARY[0]()
