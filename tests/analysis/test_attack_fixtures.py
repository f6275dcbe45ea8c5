"""Small hand-built models for the attack-engine tests (no sample file needed)."""

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


def comp(cid: str, stencil: str, layer: Layer, zone: str | None = None, **props) -> Component:
    return Component(id=cid, name=cid.replace("-", " "), stencil=stencil, layer=layer,
                     zone=zone, properties=ComponentProperties(**props))


def implant_model() -> ThreatModel:
    """Implant -> home transmitter -> vendor cloud -> clinician portal, with a phone app."""
    return ThreatModel(
        metadata=Metadata(title="implant"),
        zones=[TrustZone(id="body", name="Body", kind="patient_body", trust_level=8),
               TrustZone(id="home", name="Home", kind="patient_home", trust_level=4),
               TrustZone(id="cloud", name="Cloud", kind="vendor_cloud", trust_level=7),
               TrustZone(id="net", name="Internet", kind="public_internet", trust_level=0)],
        data_assets=[DataAsset(id="ecg", name="ECG", kind="health_data", personal=True,
                               special_category=True, confidentiality=4, integrity=4)],
        components=[
            comp("implant", "cardiac-implant", Layer.THING, "body",
                 wireless_interfaces=["MICS"], safety_critical_function="pacing",
                 authentication="none", data_assets=["ecg"]),
            comp("rf", "implant-rf", Layer.NETWORK, "body"),
            comp("transmitter", "home-transmitter", Layer.GATEWAY, "home",
                 wireless_interfaces=["MICS", "LTE"], patch_status="lagging"),
            comp("cell", "cellular", Layer.NETWORK, "net"),
            comp("cloud", "vendor-device-cloud", Layer.CLOUD, "cloud",
                 internet_exposed=True, data_assets=["ecg"], authentication="password"),
            comp("portal", "clinician-portal", Layer.CLOUD, "cloud", internet_exposed=True,
                 authentication="mfa"),
        ],
        flows=[
            Flow(id="f-rf", source="transmitter", target="implant", via=["rf"],
                 bidirectional=True, protocol="MICS"),
            Flow(id="f-up", source="transmitter", target="cloud", via=["cell"],
                 encrypted=True, authenticated=True, protocol="HTTPS"),
            Flow(id="f-portal", source="portal", target="cloud", bidirectional=True,
                 encrypted=True, authenticated=True),
        ],
    )
