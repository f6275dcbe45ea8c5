"""A small model with threats, controls and French names, for report tests."""

from __future__ import annotations

from workbench.model import (
    ControlInstance,
    MitigationLink,
    Stride,
    ThreatInstance,
    ThreatModel,
)
from workbench.model.entities import RegulatoryContext

from ..model.factories import tiny_model


def report_model() -> ThreatModel:
    model = tiny_model()
    model.metadata.authors = ["Équipe sécurité"]
    model.metadata.version = "1.2"
    model.components[1].name = "Relais BLE du téléphone"
    model.regulatory = RegulatoryContext(medical_device=True, markets=["EU", "US"],
                                         hosts_health_data=True)
    model.threats = [
        ThreatInstance(id="t-dose", key="dose:pump", catalog_id="T-DOSE", element="pump",
                       title="Wrong insulin dose through an unauthenticated BLE write",
                       stride=[Stride.TAMPERING], status="accepted", likelihood=3,
                       owner="Product security",
                       mitigations=[MitigationLink(control="c-pair", status="planned")]),
        ThreatInstance(id="t-leak", key="leak:vcloud", catalog_id="T-LEAK", element="vcloud",
                       title="Glucose history exposed by a cloud misconfiguration",
                       stride=[Stride.INFORMATION_DISCLOSURE], status="accepted",
                       mitigations=[MitigationLink(control="c-audit", status="implemented")]),
        ThreatInstance(id="t-mitm", key="mitm:f", catalog_id="T-MITM", element="f-pump-relay",
                       title="Man-in-the-middle during BLE pairing",
                       stride=[Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE], likelihood=2),
        ThreatInstance(id="t-spoof", key="spoof:relay", catalog_id="T-SPOOF", element="relay",
                       title="Rejected idea", status="rejected", likelihood=4,
                       impact={"patient_safety": 4}),
    ]
    model.controls = [
        ControlInstance(id="c-pair", title="Authenticated BLE pairing (LE Secure Connections)",
                        elements=["pump"], cost="medium", effectiveness=0.7),
        ControlInstance(id="c-audit", title="Cloud configuration audit and encryption at rest",
                        elements=["vcloud"], status="implemented", cost="low",
                        effectiveness=0.6),
    ]
    return model
