"""The threat-model data (pydantic v2) and its file format. Never imports Qt."""

from workbench.model.conditions import Condition
from workbench.model.entities import (
    AttackerProfile,
    Box,
    Component,
    ComponentProperties,
    ControlInstance,
    DataAsset,
    Flow,
    FlowRoute,
    ImpactCategory,
    Layout,
    Metadata,
    MitigationLink,
    RegulatoryContext,
    RiskSettings,
    ScaleLevel,
    Target,
    ThreatInstance,
    TrustZone,
)
from workbench.model.enums import (
    LAYER_ORDER,
    AssetKind,
    Authentication,
    ControlStatus,
    DebugPort,
    FlowAuthentication,
    Layer,
    PatchStatus,
    Stride,
    ThreatStatus,
    ZoneKind,
)
from workbench.model.errors import ModelError, Problem
from workbench.model.facts import COMPONENT_VOCABULARY, FLOW_VOCABULARY, FactIndex
from workbench.model.integrity import check_integrity
from workbench.model.io import dumps_model, load_model, model_from_document, save_model
from workbench.model.stencils import Stencil, StencilLibrary, default_stencils
from workbench.model.threat_model import SCHEMA_VERSION, ThreatModel

__all__ = [
    "AssetKind", "AttackerProfile", "Authentication", "Box", "COMPONENT_VOCABULARY",
    "Component", "ComponentProperties", "Condition", "ControlInstance", "ControlStatus",
    "DebugPort", "FlowAuthentication",
    "DataAsset", "FLOW_VOCABULARY", "FactIndex", "Flow", "FlowRoute", "ImpactCategory",
    "LAYER_ORDER", "Layer", "Layout", "Metadata", "MitigationLink", "ModelError",
    "PatchStatus", "Problem", "RegulatoryContext", "RiskSettings", "SCHEMA_VERSION",
    "ScaleLevel", "Stencil", "StencilLibrary", "Stride", "Target", "ThreatInstance",
    "ThreatModel", "ThreatStatus", "TrustZone", "ZoneKind", "check_integrity",
    "default_stencils", "dumps_model", "load_model", "model_from_document", "save_model",
]
