"""Small hand-built models for tests that must not depend on the sample files."""

from __future__ import annotations

from workbench.model import (
    Component,
    ComponentProperties,
    DataAsset,
    Flow,
    Layer,
    Metadata,
    ThreatModel,
    TrustZone,
)
from workbench.model.defaults import default_risk_settings
from workbench.model.enums import AssetKind, ZoneKind


def tiny_model() -> ThreatModel:
    """An insulin pump talking BLE to a phone relay that posts over cellular to a vendor cloud."""
    return ThreatModel(
        metadata=Metadata(title="Tiny closed loop", system="Pump + phone + cloud",
                          assumptions=["Patients keep their phone updated"]),
        risk=default_risk_settings(),
        zones=[
            TrustZone(id="home", name="Patient home", kind=ZoneKind.PATIENT_HOME, trust_level=4),
            TrustZone(id="cloud", name="Vendor cloud", kind=ZoneKind.VENDOR_CLOUD, trust_level=7),
        ],
        data_assets=[
            DataAsset(id="dosing", name="Insulin dosing settings", kind=AssetKind.THERAPY_SETTINGS,
                      personal=True, special_category=True, confidentiality=2, integrity=4,
                      availability=3, impact={"patient_safety": 4}),
            DataAsset(id="glucose", name="Glucose readings", kind=AssetKind.HEALTH_DATA,
                      personal=True, special_category=True, confidentiality=3, integrity=3),
        ],
        components=[
            Component(id="pump", name="Insulin pump", stencil="insulin-pump", layer=Layer.THING,
                      zone="home", properties=ComponentProperties(
                          wireless_interfaces=["BLE 4.2"], data_assets=["dosing"],
                          safety_critical_function="insulin delivery",
                          secure_boot=None)),  # unknown; diff tests add secure boot later
            Component(id="relay", name="Phone BLE relay", stencil="phone-ble-relay",
                      layer=Layer.GATEWAY, zone="home"),
            Component(id="ble", name="BLE link", stencil="ble", layer=Layer.NETWORK, zone="home"),
            Component(id="lte", name="Cellular LTE", stencil="cellular", layer=Layer.NETWORK),
            Component(id="vcloud", name="Vendor cloud", stencil="vendor-device-cloud",
                      layer=Layer.CLOUD, zone="cloud", properties=ComponentProperties(
                          internet_exposed=True, data_assets=["glucose", "dosing"])),
        ],
        flows=[
            Flow(id="f-pump-relay", source="pump", target="relay", protocol="BLE GATT",
                 via=["ble"], bidirectional=True, encrypted=True, authenticated=False,
                 data_assets=["glucose", "dosing"]),
            Flow(id="f-relay-cloud", source="relay", target="vcloud", protocol="HTTPS",
                 via=["lte"], encrypted=True, authenticated=True, data_assets=["glucose"]),
        ],
    )


def consumer_model():
    """The tiny model with a fitness tracker instead of the insulin pump: no medical device
    declared or drawn (checklist items for medical devices do not apply)."""
    model = tiny_model()
    pump = model.component("pump")
    pump.stencil, pump.name = "fitness-tracker", "Fitness tracker"
    pump.properties.safety_critical_function = None
    model.regulatory.medical_device = False
    return model
