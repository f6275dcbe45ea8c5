"""Shared test data paths and small models for the interop tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model import (
    Component,
    ComponentProperties,
    ControlInstance,
    DataAsset,
    Flow,
    Layer,
    Metadata,
    MitigationLink,
    ThreatInstance,
    ThreatModel,
    TrustZone,
)
from workbench.model.defaults import default_risk_settings
from workbench.model.entities import Box, FlowRoute, Layout, Target
from workbench.model.enums import ControlStatus, Stride, ThreatStatus, ZoneKind

SHARED = Path(__file__).parents[2] / ".." / "shared" / "interop"


def shared(*parts: str) -> Path:
    """A file of the shared interop corpus; the test is skipped when the corpus is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared interop test data not found at {path.resolve()}")
    return path


def rich_model() -> ThreatModel:
    """Uses only generic stencils so it does not depend on the stencil library's content."""
    return ThreatModel(
        metadata=Metadata(title="Rich model", owner="Vendor A", description="For round trips"),
        risk=default_risk_settings(),
        zones=[TrustZone(id="home", name="Home", kind=ZoneKind.PATIENT_HOME, trust_level=3),
               TrustZone(id="bedroom", name="Bedroom", parent="home", trust_level=2),
               TrustZone(id="cloud", name="Cloud", kind=ZoneKind.VENDOR_CLOUD, trust_level=7)],
        data_assets=[DataAsset(id="ecg", name="ECG", confidentiality=3, integrity=4,
                               availability=2, impact={"patient_safety": 4})],
        components=[
            Component(id="dev", name="Patch", stencil="generic-thing", layer=Layer.THING,
                      zone="bedroom", properties=ComponentProperties(
                          wireless_interfaces=["BLE"], secure_boot=False, data_assets=["ecg"])),
            Component(id="net", name="Radio", stencil="generic-network", layer=Layer.NETWORK),
            Component(id="gw", name="Hub", stencil="generic-gateway", layer=Layer.GATEWAY,
                      zone="home"),
            Component(id="svc", name="Platform", stencil="generic-cloud", layer=Layer.CLOUD,
                      zone="cloud", description="Vendor platform",
                      properties=ComponentProperties(internet_exposed=True)),
        ],
        flows=[Flow(id="f1", source="dev", target="gw", via=["net"], protocol="BLE",
                    encrypted=True, data_assets=["ecg"]),
               Flow(id="f2", source="gw", target="svc", name="Upload", protocol="HTTPS",
                    encrypted=True, authenticated=True, bidirectional=True)],
        threats=[
            ThreatInstance(id="t1", key="thing.spoof@dev", catalog_id="thing.spoof",
                           element="dev", title="Spoofed patch", stride=[Stride.SPOOFING],
                           status=ThreatStatus.ACCEPTED, likelihood=3,
                           impact={"patient_safety": 4},
                           mitigations=[MitigationLink(control="c1",
                                                       status=ControlStatus.IMPLEMENTED,
                                                       evidence="pairing test")]),
            ThreatInstance(id="t2", key="flow.mitm@f2", catalog_id="flow.mitm", element="f2",
                           stride=[Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING],
                           status=ThreatStatus.REJECTED, reason="TLS pinned"),
        ],
        controls=[ControlInstance(id="c1", title="Authenticated pairing", elements=["dev"],
                                  status=ControlStatus.IMPLEMENTED, effectiveness=0.6),
                  ControlInstance(id="c2", title="Unused policy")],
        targets=[Target(id="tg", element="dev", kind="safety")],
        layout=Layout(elements={"dev": Box(x=10, y=20, w=80, h=40)},
                      zones={"home": Box(x=0, y=0, w=400, h=300)},
                      flows={"f2": FlowRoute(waypoints=[(5.0, 6.0), (7.5, 8.0)],
                                             label_offset=(1.0, -2.0))}),
    )
