"""Synthetic connected-health models of any size, generated deterministically in memory.

A group of hospitals (one per ~15,000 devices; ten for 150,000 elements) shares a regional
network, an EHR, a PACS, a data lake, an identity provider and a patient portal. Each
hospital has a LAN, a biomedical VLAN, a ward Wi-Fi, an interface engine, IoT gateways
(one per 200 devices) and clinical workstations (one per 100 devices). Devices (pumps,
monitors, ventilators, ...) talk to their gateway over the Wi-Fi or the biomedical VLAN;
properties (patch status, legacy, authentication) vary with a seeded generator.

``python benchmarks/gen_synthetic.py 10000 -o model.twm.json`` writes one to disk.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from workbench.model import (
    Component,
    ComponentProperties,
    Flow,
    Metadata,
    ThreatModel,
    TrustZone,
)
from workbench.model.enums import Authentication, Layer, PatchStatus, ZoneKind

DEVICES_PER_HOSPITAL = 15_000
DEVICE_KINDS = (("infusion-pump", "drug infusion", True), ("patient-monitor", "alarms", True),
                ("ventilator", "ventilation", False), ("smart-pill-dispenser", None, True),
                ("pulse-oximeter", None, True), ("wearable-ecg-patch", None, True))


def _comp(cid: str, stencil: str, layer: Layer, zone: str, **props) -> Component:
    return Component.model_construct(
        id=cid, name=cid, stencil=stencil, layer=layer, zone=zone, description=None,
        properties=ComponentProperties(**props))


def _flow(fid: str, source: str, target: str, via: list[str], bidirectional: bool = False,
          encrypted: bool = True, authenticated: bool = True) -> Flow:
    return Flow.model_construct(id=fid, source=source, target=target, name=None, protocol=None,
                                via=via, bidirectional=bidirectional, encrypted=encrypted,
                                authenticated=authenticated, data_assets=[], notes=None)


def synthetic_model(elements: int, seed: int = 0) -> ThreatModel:
    """About ``elements`` components (flows come on top: about one per device)."""
    rnd = random.Random(seed)
    hospitals = max(1, round(elements / DEVICES_PER_HOSPITAL))
    zones = [TrustZone(id="internet", name="Internet", kind=ZoneKind.PUBLIC_INTERNET,
                       trust_level=0),
             TrustZone(id="group", name="Group data centre", kind=ZoneKind.HEALTH_DATA_HOST,
                       trust_level=8),
             TrustZone(id="vendor", name="Vendor cloud", kind=ZoneKind.VENDOR_CLOUD,
                       trust_level=6),
             TrustZone(id="partner", name="Partner", kind=ZoneKind.PARTNER, trust_level=4)]
    comps = [
        _comp("internet", "public-internet", Layer.NETWORK, "internet"),
        _comp("rhn", "regional-health-network", Layer.NETWORK, "group"),
        _comp("ehr", "ehr", Layer.CLOUD, "group", authentication=Authentication.MFA),
        _comp("pacs", "pacs", Layer.CLOUD, "group", patch_status=PatchStatus.LAGGING),
        _comp("lake", "data-lake", Layer.CLOUD, "group"),
        _comp("idp", "identity-provider", Layer.CLOUD, "group",
              authentication=Authentication.MFA),
        _comp("portal", "patient-portal", Layer.CLOUD, "group", internet_exposed=True,
              authentication=Authentication.PASSWORD),
        _comp("apigw", "api-gateway", Layer.CLOUD, "group", internet_exposed=True),
        _comp("partner-api", "partner-api", Layer.CLOUD, "partner"),
        _comp("vendor-cloud", "vendor-device-cloud", Layer.CLOUD, "vendor",
              internet_exposed=True),
        _comp("fw-server", "firmware-update-server", Layer.CLOUD, "vendor"),
    ]
    flows = [
        _flow("f-portal", "internet", "portal", [], bidirectional=True),
        _flow("f-api", "internet", "apigw", [], bidirectional=True),
        _flow("f-portal-ehr", "portal", "ehr", ["rhn"], bidirectional=True),
        _flow("f-api-ehr", "apigw", "ehr", ["rhn"], bidirectional=True),
        _flow("f-ehr-lake", "ehr", "lake", ["rhn"]),
        _flow("f-pacs-ehr", "pacs", "ehr", ["rhn"], bidirectional=True),
        _flow("f-idp-ehr", "idp", "ehr", ["rhn"], bidirectional=True),
        _flow("f-partner", "partner-api", "apigw", [], bidirectional=True),
        _flow("f-vendor-fw", "fw-server", "vendor-cloud", [], bidirectional=True),
    ]
    shared = len(comps)
    per_hospital = max(10, (elements - shared) // hospitals)
    devices = max(4, int((per_hospital - 6) / (1 + 1 / 200 + 1 / 100)))
    for h in range(hospitals):
        hz, bz = f"h{h}", f"h{h}-bio"
        zones += [TrustZone(id=hz, name=f"Hospital {h}", kind=ZoneKind.HOSPITAL, trust_level=6),
                  TrustZone(id=bz, name=f"Biomedical {h}", kind=ZoneKind.HOSPITAL_BIOMEDICAL,
                            trust_level=7)]
        lan, vlan, wifi, eng, vpn = (f"h{h}-lan", f"h{h}-vlan", f"h{h}-wifi", f"h{h}-eai",
                                     f"h{h}-vpn")
        comps += [_comp(lan, "hospital-lan", Layer.NETWORK, hz),
                  _comp(vlan, "biomedical-vlan", Layer.NETWORK, bz),
                  _comp(wifi, "wifi-hospital", Layer.NETWORK, hz),
                  _comp(vpn, "vpn", Layer.NETWORK, hz),
                  _comp(eng, "interface-engine", Layer.GATEWAY, hz,
                        patch_status=PatchStatus.LAGGING),
                  _comp(f"h{h}-edge", "edge-server", Layer.GATEWAY, hz)]
        flows += [_flow(f"f-{eng}-ehr", eng, "ehr", [lan, "rhn"], bidirectional=True),
                  _flow(f"f-h{h}-edge", f"h{h}-edge", eng, [lan], bidirectional=True),
                  _flow(f"f-{vpn}-vendor", "vendor-cloud", f"h{h}-edge", ["internet", vpn],
                        bidirectional=True)]
        gateways = max(1, devices // 200)
        for g in range(gateways):
            gid = f"h{h}-gw{g}"
            comps.append(_comp(gid, rnd.choice(["hospital-iot-gateway", "biomedical-gateway",
                                                "bedside-gateway"]), Layer.GATEWAY, bz,
                               patch_status=rnd.choice(list(PatchStatus)),
                               legacy=rnd.random() < 0.2))
            flows.append(_flow(f"f-{gid}", gid, eng, [vlan, lan], bidirectional=True))
        for w in range(max(1, devices // 100)):
            wid = f"h{h}-ws{w}"
            comps.append(_comp(wid, "clinical-workstation", Layer.THING, hz,
                               patch_status=rnd.choice(list(PatchStatus)),
                               authentication=Authentication.PASSWORD))
            flows.append(_flow(f"f-{wid}", wid, "ehr", [lan, "rhn"], bidirectional=True))
        for d in range(devices):
            stencil, function, wireless = DEVICE_KINDS[d % len(DEVICE_KINDS)]
            did = f"h{h}-d{d}"
            gid = f"h{h}-gw{d % gateways}"
            comps.append(_comp(
                did, stencil, Layer.THING, bz,
                wireless_interfaces=["Wi-Fi"] if wireless else [],
                safety_critical_function=function,
                patch_status=rnd.choice(list(PatchStatus)), legacy=rnd.random() < 0.3,
                authentication=rnd.choice([Authentication.NONE, Authentication.PASSWORD,
                                           Authentication.CERTIFICATE])))
            flows.append(_flow(f"f-{did}", did, gid, [wifi if wireless else vlan],
                               bidirectional=function is not None,
                               encrypted=rnd.random() < 0.5, authenticated=rnd.random() < 0.5))
    return ThreatModel(metadata=Metadata(title=f"Synthetic group, {len(comps)} components"),
                       zones=zones, components=comps, flows=flows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("elements", type=int)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    model = synthetic_model(args.elements, args.seed)
    if args.output:
        from workbench.model import save_model

        save_model(model, args.output)
    print(f"{len(model.components)} components, {len(model.flows)} flows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
