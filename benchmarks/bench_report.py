"""Benchmark: technical report of a 300-element model (goal: under 10 s).

Prints, in one run: the time to gather the analysis, to build the board and the technical
report, and a baseline in the same run (a minimal PDF listing the same elements and threats
in one plain table, no diagram, no TOC), so the figures can be compared on any machine.

    .venv/bin/python benchmarks/bench_report.py [--elements 300] [--threats-per-element 3]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.model import (  # noqa: E402
    Component,
    ComponentProperties,
    ControlInstance,
    DataAsset,
    Flow,
    Layer,
    Metadata,
    MitigationLink,
    Stride,
    ThreatInstance,
    ThreatModel,
    TrustZone,
)
from workbench.model.defaults import default_risk_settings  # noqa: E402
from workbench.model.enums import LAYER_ORDER, AssetKind, ZoneKind  # noqa: E402

STENCILS = {Layer.THING: "infusion-pump", Layer.GATEWAY: "biomedical-gateway",
            Layer.NETWORK: "hospital-lan", Layer.CLOUD: "ehr"}
STRIDES = list(Stride)


def synthetic_model(elements: int, threats_per: int, seed: int = 7) -> ThreatModel:
    """A hospital-group estate: wards of devices, gateways, networks and shared cloud."""
    rng = random.Random(seed)
    zones = [TrustZone(id=f"z{i}", name=f"Site {i} – réseau biomédical",
                       kind=ZoneKind.HOSPITAL_BIOMEDICAL, trust_level=5) for i in range(6)]
    zones.append(TrustZone(id="hds", name="Hébergeur HDS", kind=ZoneKind.HEALTH_DATA_HOST,
                           trust_level=8))
    assets = [DataAsset(id="ehr", name="Dossier patient", kind=AssetKind.HEALTH_DATA,
                        personal=True, special_category=True, confidentiality=4, integrity=4,
                        availability=3, impact={"patient_safety": 3, "legal": 4}),
              DataAsset(id="tel", name="Télémétrie", kind=AssetKind.TELEMETRY, integrity=3)]
    comps: list[Component] = []
    shares = {Layer.THING: 0.6, Layer.GATEWAY: 0.15, Layer.NETWORK: 0.1, Layer.CLOUD: 0.15}
    for layer in LAYER_ORDER:
        for i in range(max(1, int(elements * shares[layer]))):
            zone = "hds" if layer == Layer.CLOUD else f"z{i % 6}"
            comps.append(Component(
                id=f"{layer.value}-{i}", name=f"{layer.value.title()} n°{i} équipement",
                stencil=STENCILS[layer], layer=layer, zone=zone,
                properties=ComponentProperties(
                    data_assets=["ehr"] if layer == Layer.CLOUD else ["tel"],
                    legacy=rng.random() < 0.2, internet_exposed=layer == Layer.CLOUD)))
    by_layer = {layer: [c for c in comps if c.layer == layer] for layer in LAYER_ORDER}
    flows = []
    for index, thing in enumerate(by_layer[Layer.THING]):
        gateway = by_layer[Layer.GATEWAY][index % len(by_layer[Layer.GATEWAY])]
        net = by_layer[Layer.NETWORK][index % len(by_layer[Layer.NETWORK])]
        flows.append(Flow(id=f"f{index}", source=thing.id, target=gateway.id,
                          protocol="HL7 v2", via=[net.id], encrypted=index % 3 > 0,
                          authenticated=index % 2 == 0, data_assets=["tel"]))
    for index, gateway in enumerate(by_layer[Layer.GATEWAY]):
        cloud = by_layer[Layer.CLOUD][index % len(by_layer[Layer.CLOUD])]
        flows.append(Flow(id=f"g{index}", source=gateway.id, target=cloud.id, protocol="HTTPS",
                          encrypted=True, authenticated=True, data_assets=["ehr"]))
    controls = [ControlInstance(id=f"c{i}", title=f"Mesure de sécurité {i}",
                                elements=[comps[i].id], status="planned" if i % 2 else
                                "implemented", cost=["low", "medium", "high"][i % 3],
                                effectiveness=0.5) for i in range(60)]
    threats = []
    for comp in comps:
        for k in range(threats_per):
            threats.append(ThreatInstance(
                id=f"t-{comp.id}-{k}", key=f"T{k}:{comp.id}", catalog_id=f"T-SYN-{k}",
                element=comp.id, title=f"Menace synthétique {k} sur l'élément",
                stride=[STRIDES[(k + len(comp.id)) % 6]], likelihood=1 + rng.randrange(4),
                status="accepted",
                mitigations=[MitigationLink(control=f"c{rng.randrange(60)}",
                                            status=rng.choice(["planned", "implemented"]))]))
    return ThreatModel(metadata=Metadata(title="Synthetic hospital group", system="GHT",
                                         authors=["bench"]),
                       risk=default_risk_settings(), zones=zones, data_assets=assets,
                       components=comps, flows=flows, threats=threats, controls=controls)


def minimal_pdf(model: ThreatModel) -> bytes:
    """Baseline: one plain table of the same threats, default fonts, no diagram, no TOC."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    names = {c.id: c.name for c in model.components}
    rows = [["id", "element", "threat", "status"]] + [
        [t.id, names.get(t.element, t.element), t.title or "", t.status.value]
        for t in model.threats]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, repeatRows=1)])
    return buffer.getvalue()


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    elapsed = time.perf_counter() - start
    extra = ""
    if isinstance(result, bytes):
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(result)).pages)
        extra = f"  {len(result) / 1024:8.0f} KiB  {pages:4d} pages"
    print(f"{label:<46} {elapsed:7.2f} s{extra}")
    return result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=300)
    parser.add_argument("--threats-per-element", type=int, default=3)
    args = parser.parse_args()

    from workbench.report.data import gather
    from workbench.report.pdf import render_pdf

    model = synthetic_model(args.elements, args.threats_per_element)
    print(f"model: {len(model.components)} elements, {len(model.flows)} flows, "
          f"{len(model.threats)} recorded threats, {len(model.controls)} controls")
    _, t_base = timed("baseline: minimal PDF (one plain table)", minimal_pdf, model)
    print("-- model's own threats (no engines)")
    data, t_gather = timed("gather", gather, model, use_engines=False)
    timed("board report (en)", render_pdf, data, "board", "en")
    _, t_tech = timed("technical report (en)", render_pdf, data, "technical", "en")
    print(f"   end to end: {t_gather + t_tech:.2f} s for {len(data.risks)} register rows")
    print("-- as `workbench report --audience technical` runs: rule engine, risk model, attack "
          "engine with recommendations")
    data, t_gather = timed("gather (pipeline + attack engine)", gather, model)
    _, t_tech = timed("technical report (en)", render_pdf, data, "technical", "en")
    timed("technical report (fr)", render_pdf, data, "technical", "fr")
    total = t_gather + t_tech
    print(f"   end to end: {total:.2f} s for {len(data.risks)} register rows (goal < 10 s: "
          f"{'met' if total < 10 else 'NOT met'}); {total / t_base:.1f}x the minimal baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
