"""A short, printable summary of a model (counts per layer, zones, assets)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from workbench.model.enums import LAYER_ORDER
from workbench.model.threat_model import ThreatModel


def summarize(model: ThreatModel) -> dict[str, Any]:
    per_layer = Counter(c.layer for c in model.components)
    per_zone = Counter(c.zone for c in model.components)
    return {
        "title": model.metadata.title,
        "system": model.metadata.system,
        "version": model.metadata.version,
        "components": len(model.components),
        "per_layer": {layer.value: per_layer.get(layer, 0) for layer in LAYER_ORDER},
        "flows": len(model.flows),
        "flows_unencrypted": sum(1 for f in model.flows if not f.encrypted),
        "flows_unauthenticated": sum(1 for f in model.flows if not f.authenticated),
        "zones": [
            {"id": z.id, "name": z.name, "trust_level": z.trust_level,
             "components": per_zone.get(z.id, 0)}
            for z in model.zones
        ],
        "data_assets": [{"id": a.id, "name": a.name, "kind": a.kind.value}
                        for a in model.data_assets],
        "internet_exposed": [c.id for c in model.components if c.properties.internet_exposed],
        "safety_critical": [c.id for c in model.components
                            if c.properties.safety_critical_function],
        "attackers": len(model.attackers),
        "threats": len(model.threats),
        "controls": len(model.controls),
    }


def format_summary(model: ThreatModel) -> str:
    info = summarize(model)
    lines = [f"{info['title']}" + (f" (version {info['version']})" if info["version"] else "")]
    if info["system"]:
        lines.append(f"System: {info['system']}")
    layers = ", ".join(f"{n} {layer}" for layer, n in info["per_layer"].items())
    lines.append(f"Components: {info['components']} ({layers})")
    lines.append(f"Flows: {info['flows']} ({info['flows_unencrypted']} unencrypted, "
                 f"{info['flows_unauthenticated']} unauthenticated)")
    lines.append(f"Trust zones: {len(info['zones'])}")
    for zone in info["zones"]:
        lines.append(f"  - {zone['name']} [{zone['id']}], trust {zone['trust_level']}/10, "
                     f"{zone['components']} components")
    lines.append(f"Data assets: {len(info['data_assets'])}")
    for asset in info["data_assets"]:
        lines.append(f"  - {asset['name']} [{asset['id']}] ({asset['kind']})")
    lines.append(f"Internet-exposed: {', '.join(info['internet_exposed']) or 'none'}")
    lines.append(f"Safety-critical: {', '.join(info['safety_critical']) or 'none'}")
    lines.append(f"Attackers: {info['attackers']}, threats: {info['threats']}, "
                 f"controls: {info['controls']}")
    return "\n".join(lines)
