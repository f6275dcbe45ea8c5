"""A condensed diagram for large estates: one box per (zone, layer, element type).

Why: a 300-element hospital group drawn element by element shrinks to an unreadable strip on
an A4 page. Boards need the shape of the system; the technical report's tables list every
element. Groups keep the worst risk level of their members, flows are merged between groups
(encrypted or authenticated only if every merged flow is), and attack paths follow the groups.
"""

from __future__ import annotations

from workbench.model.entities import Component, Flow, Layout
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

#: Above this many components the diagram is condensed.
MAX_DETAILED = 45


def needs_overview(model: ThreatModel) -> bool:
    return len(model.components) > MAX_DETAILED


def condense(model: ThreatModel, levels: dict[str, int], paths: list[list[str]] | None,
             stencils: StencilLibrary, lang: str = "en"
             ) -> tuple[ThreatModel, dict[str, int], list[list[str]] | None]:
    """The grouped model, its element levels, and the paths mapped onto the groups."""
    group_of: dict[str, str] = {}
    members: dict[str, list[Component]] = {}
    for comp in model.components:
        key = f"g-{comp.zone or 'none'}-{comp.layer.value}-{comp.stencil}"
        group_of[comp.id] = key
        members.setdefault(key, []).append(comp)
    components = []
    new_levels: dict[str, int] = {}
    for key, comps in members.items():
        first = comps[0]
        stencil = stencils.get(first.stencil)
        kind = (stencil.label_fr if lang == "fr" and stencil and stencil.label_fr
                else stencil.label if stencil else first.stencil.replace("-", " "))
        name = first.name if len(comps) == 1 else f"{len(comps)} × {kind}"
        components.append(Component(id=key, name=name, stencil=first.stencil,
                                    layer=first.layer, zone=first.zone))
        worst = max((levels.get(c.id, -1) for c in comps), default=-1)
        if worst >= 0:
            new_levels[key] = worst
    merged: dict[tuple[str, str], list[Flow]] = {}
    for flow in model.flows:
        src, dst = group_of.get(flow.source), group_of.get(flow.target)
        if src and dst and src != dst:
            merged.setdefault((src, dst), []).append(flow)
    flows = []
    for index, ((src, dst), group) in enumerate(merged.items()):
        protocols = sorted({f.protocol for f in group if f.protocol})
        label = ", ".join(protocols[:2]) + (" …" if len(protocols) > 2 else "")
        if len(group) > 1:
            label = f"{label} (×{len(group)})" if label else f"×{len(group)}"
        flows.append(Flow(id=f"gf{index}", source=src, target=dst, protocol=label or None,
                          encrypted=all(f.encrypted for f in group),
                          authenticated=all(f.authenticated for f in group),
                          bidirectional=any(f.bidirectional for f in group)))
    new_paths = None
    if paths:
        new_paths = []
        for path in paths:
            mapped: list[str] = []
            for element in path:
                group = group_of.get(element)
                if group and (not mapped or mapped[-1] != group):
                    mapped.append(group)
            new_paths.append(mapped)
    condensed = model.model_copy(update={"components": components, "flows": flows,
                                         "layout": Layout(), "threats": [], "controls": []})
    return condensed, new_levels, new_paths
