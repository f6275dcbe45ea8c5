"""The root document: one connected-health system under study, and its threat analysis."""


from typing import Literal

from pydantic import Field

from workbench.model.base import Strict, new_list
from workbench.model.entities import (
    AttackerProfile,
    Component,
    ControlInstance,
    DataAsset,
    Flow,
    Layout,
    Metadata,
    RegulatoryContext,
    RiskSettings,
    Target,
    ThreatInstance,
    TrustZone,
)
from workbench.model.review import ReviewRecord
from workbench.model.workshop import WorkshopSession

SCHEMA_VERSION = 2
FORMAT_NAME = "threat-workbench-model"


class ThreatModel(Strict):
    """Everything a ``.twm.json`` file holds; ``layout`` only says where to draw."""

    format: Literal["threat-workbench-model"] = FORMAT_NAME
    schema_version: Literal[2] = SCHEMA_VERSION
    metadata: Metadata
    regulatory: RegulatoryContext = Field(default_factory=RegulatoryContext)
    risk: RiskSettings = Field(default_factory=RiskSettings)
    zones: list[TrustZone] = Field(default_factory=new_list)
    data_assets: list[DataAsset] = Field(default_factory=new_list)
    components: list[Component] = Field(default_factory=new_list)
    flows: list[Flow] = Field(default_factory=new_list)
    attackers: list[AttackerProfile] = Field(default_factory=new_list)
    targets: list[Target] = Field(default_factory=new_list)
    threats: list[ThreatInstance] = Field(default_factory=new_list)
    controls: list[ControlInstance] = Field(default_factory=new_list)
    layout: Layout = Field(default_factory=Layout)
    #: Vendor architecture review answers (optional; absent in most models).
    review: ReviewRecord | None = None
    #: Workshop sessions with every vote (optional; None keeps older files byte-identical).
    workshops: list[WorkshopSession] | None = None

    # Lookups. Built on demand: models are small enough, and this keeps the data plain.
    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def flow(self, flow_id: str) -> Flow | None:
        return next((f for f in self.flows if f.id == flow_id), None)

    def components_by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def zones_by_id(self) -> dict[str, TrustZone]:
        return {z.id: z for z in self.zones}

    def assets_by_id(self) -> dict[str, DataAsset]:
        return {a.id: a for a in self.data_assets}

    def element_ids(self) -> set[str]:
        """Ids of everything a threat or control can sit on: components and flows."""
        return {c.id for c in self.components} | {f.id for f in self.flows}
