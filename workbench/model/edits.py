"""Editing operations on a threat model, as plain functions (no Qt).

Every function takes a :class:`ThreatModel` and returns a *new* one; the input is never
mutated. Unchanged sub-objects are shared between the two versions, so an edit costs a few
list copies, an undo stack can keep both versions, and a view can find what changed by
object identity (``old_item is new_item`` means "not touched").

The GUI wraps each call in an undo command; the CLI and tests call them directly.
Changes to a component, flow, zone or threat are validated by pydantic: a bad value raises
``pydantic.ValidationError`` and the model is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from workbench.model.entities import (
    Box,
    Component,
    ControlInstance,
    Flow,
    Layout,
    MitigationLink,
    Target,
    ThreatInstance,
    TrustZone,
)
from workbench.model.enums import ControlStatus, Layer, ThreatStatus
from workbench.model.layout import ELEMENT_H, ELEMENT_W, auto_layout
from workbench.model.stencils import Stencil
from workbench.model.threat_model import ThreatModel

_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


# --- ids -------------------------------------------------------------------------------------

def used_ids(model: ThreatModel) -> set[str]:
    """Every id in the shared component/flow/zone/control space."""
    return ({c.id for c in model.components} | {f.id for f in model.flows}
            | {z.id for z in model.zones} | {c.id for c in model.controls}
            | {t.id for t in model.threats})


def new_id(model: ThreatModel, base: str, taken: set[str] | None = None) -> str:
    """A readable id from ``base`` that no other object uses (``pump``, ``pump-2``...)."""
    taken = used_ids(model) if taken is None else taken
    # 56: room for a "-NNNNNNN" suffix within the 64 characters of an element id.
    slug = _SLUG.sub("-", base).strip("-.").lower()[:56].strip("-.") or "item"
    if not slug[0].isalnum():
        slug = "x" + slug
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


# --- components and flows ----------------------------------------------------------------------

def _with_layout(model: ThreatModel, layout: Layout, **update: Any) -> ThreatModel:
    return model.model_copy(update={"layout": layout, **update})


def _layout_copy(model: ThreatModel, *, elements: bool = False, zones: bool = False,
                 flows: bool = False) -> Layout:
    """A new Layout whose chosen dicts are fresh copies (boxes themselves are shared)."""
    old = model.layout
    return Layout.model_construct(
        elements=dict(old.elements) if elements else old.elements,
        zones=dict(old.zones) if zones else old.zones,
        flows=dict(old.flows) if flows else old.flows,
    )


def add_component(model: ThreatModel, component: Component,
                  box: Box | None = None) -> ThreatModel:
    """Add ``component`` (its id must be new) at ``box``, or where auto-layout puts it."""
    if component.id in used_ids(model):
        raise ValueError(f"id {component.id!r} is already used")
    result = model.model_copy(update={"components": [*model.components, component]})
    layout = _layout_copy(result, elements=True, zones=True)
    if box is None:
        box = auto_layout(result).elements[component.id]
    layout.elements[component.id] = box
    grow_zones(result, layout, [component.id])
    return _with_layout(result, layout)


def add_from_stencil(model: ThreatModel, stencil: Stencil, x: float, y: float,
                     zone: str | None = None, name: str | None = None) -> tuple[ThreatModel, str]:
    """A new component of ``stencil`` centred on (x, y); returns the model and the new id.
    ``name``: the stencil's label in the user's language (default: its English label)."""
    comp_id = new_id(model, stencil.id)
    comp = stencil.instantiate(comp_id, name=name, zone=zone)
    box = Box(x=x - ELEMENT_W / 2, y=y - ELEMENT_H / 2, w=ELEMENT_W, h=ELEMENT_H)
    return add_component(model, comp, box), comp_id


def add_flow(model: ThreatModel, source: str, target: str, *, protocol: str | None = None,
             via: Iterable[str] = (), flow_id: str | None = None,
             **fields: Any) -> tuple[ThreatModel, str]:
    """A flow from ``source`` to ``target``; both must be components and differ."""
    comps = model.components_by_id()
    for end in (source, target):
        if end not in comps:
            raise ValueError(f"unknown component {end!r}")
    if source == target:
        raise ValueError("a flow needs two different components")
    via = list(via)
    for net in via:
        if net not in comps or comps[net].layer != Layer.NETWORK:
            raise ValueError(f"{net!r} is not a network component")
    flow_id = flow_id or new_id(model, f"f-{source}-{target}")
    flow = Flow(id=flow_id, source=source, target=target, protocol=protocol, via=via, **fields)
    return model.model_copy(update={"flows": [*model.flows, flow]}), flow_id


def _replace(items: list[Any], item_id: str, new: Any) -> list[Any]:
    out = list(items)
    for i, item in enumerate(out):
        if item.id == item_id:
            out[i] = new
            return out
    raise KeyError(item_id)


def _updated(old: Any, changes: Mapping[str, Any]) -> Any:
    """``old`` with ``changes`` applied, fully validated (nested dicts merge one level)."""
    data = old.model_dump()
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return type(old).model_validate(data)


def update_component(model: ThreatModel, comp_id: str,
                     changes: Mapping[str, Any]) -> ThreatModel:
    """Change fields of one component (``properties`` may be a partial dict)."""
    old = model.component(comp_id)
    if old is None:
        raise KeyError(comp_id)
    if "id" in changes and changes["id"] != comp_id:
        raise ValueError("use rename_element to change an id")
    new = _updated(old, changes)
    if new.zone is not None and new.zone not in model.zones_by_id():
        raise ValueError(f"unknown zone {new.zone!r}")
    _known_assets(model, new.properties.data_assets)
    return model.model_copy(update={"components": _replace(model.components, comp_id, new)})


def _known_assets(model: ThreatModel, ids: Iterable[str]) -> None:
    assets = model.assets_by_id()
    unknown = [a for a in ids if a not in assets]
    if unknown:
        known = ", ".join(assets) or "none defined"
        raise ValueError(f"unknown data asset {unknown[0]!r} (known: {known})")


def update_flow(model: ThreatModel, flow_id: str, changes: Mapping[str, Any]) -> ThreatModel:
    old = model.flow(flow_id)
    if old is None:
        raise KeyError(flow_id)
    new = _updated(old, changes)
    comps = model.components_by_id()
    for net in new.via:
        if net not in comps or comps[net].layer != Layer.NETWORK:
            raise ValueError(f"via: {net!r} is not a network component")
    for end in (new.source, new.target):
        if end not in comps:
            raise ValueError(f"unknown component {end!r}")
    _known_assets(model, new.data_assets)
    return model.model_copy(update={"flows": _replace(model.flows, flow_id, new)})


def update_zone(model: ThreatModel, zone_id: str, changes: Mapping[str, Any]) -> ThreatModel:
    old = model.zones_by_id().get(zone_id)
    if old is None:
        raise KeyError(zone_id)
    return model.model_copy(update={"zones": _replace(model.zones, zone_id, _updated(old,
                                                                                    changes))})


def add_zone(model: ThreatModel, name: str, **fields: Any) -> tuple[ThreatModel, str]:
    zone_id = new_id(model, name)
    zone = TrustZone(id=zone_id, name=name, **fields)
    return model.model_copy(update={"zones": [*model.zones, zone]}), zone_id


def remove_elements(model: ThreatModel, ids: Iterable[str]) -> ThreatModel:
    """Delete components, flows and zones; everything that referred to them follows.

    Flows touching a removed component go too; a removed network leaves the ``via`` lists;
    threats on removed elements become *orphaned* (the decision is kept, as the rule engine
    does), controls, targets and attacker entries forget the removed ids.
    """
    ids = set(ids)
    comps = [c for c in model.components if c.id not in ids]
    kept = {c.id for c in comps}
    gone_comps = {c.id for c in model.components} - kept
    flows: list[Flow] = []
    for flow in model.flows:
        if flow.id in ids or flow.source not in kept or flow.target not in kept:
            continue
        if any(v in gone_comps for v in flow.via):
            flow = flow.model_copy(update={"via": [v for v in flow.via if v in kept]})
        flows.append(flow)
    gone = gone_comps | ({f.id for f in model.flows} - {f.id for f in flows})
    zone_gone = {z.id for z in model.zones if z.id in ids}
    zones = [z if z.parent not in zone_gone else z.model_copy(update={"parent": None})
             for z in model.zones if z.id not in zone_gone]
    comps = [c if c.zone not in zone_gone else c.model_copy(update={"zone": None})
             for c in comps]
    threats = [t if t.element not in gone or t.status == ThreatStatus.ORPHANED
               else t.model_copy(update={"status": ThreatStatus.ORPHANED,
                                         "previous_status": t.status})
               for t in model.threats]
    controls = [c if not gone.intersection(c.elements)
                else c.model_copy(update={"elements": [e for e in c.elements if e not in gone]})
                for c in model.controls]
    targets = [t for t in model.targets if t.element not in gone]
    attackers = [a if not gone.intersection(a.entry_elements)
                 else a.model_copy(update={"entry_elements": [e for e in a.entry_elements
                                                              if e not in gone]})
                 for a in model.attackers]
    layout = Layout.model_construct(
        elements={k: v for k, v in model.layout.elements.items() if k not in gone},
        zones={k: v for k, v in model.layout.zones.items() if k not in zone_gone},
        flows={k: v for k, v in model.layout.flows.items() if k not in gone},
    )
    return model.model_copy(update={
        "components": comps, "flows": flows, "zones": zones, "threats": threats,
        "controls": controls, "targets": targets, "attackers": attackers, "layout": layout})


# --- layout ------------------------------------------------------------------------------------

def move_elements(model: ThreatModel, positions: Mapping[str, tuple[float, float]]) -> ThreatModel:
    """Put components (or zones) at new top-left positions; sizes are kept."""
    layout = _layout_copy(model, elements=True, zones=True)
    components = {c.id for c in model.components}
    for key, (x, y) in positions.items():
        if key in layout.zones:
            target = layout.zones
        elif key in layout.elements or key in components:
            target = layout.elements
        else:
            continue
        old = target.get(key) or Box(x=0, y=0, w=ELEMENT_W, h=ELEMENT_H)
        target[key] = Box(x=float(x), y=float(y), w=old.w, h=old.h)
    grow_zones(model, layout, positions)
    return _with_layout(model, layout)


def grow_zones(model: ThreatModel, layout: Layout, ids: Iterable[str],
               pad: float = 14.0) -> None:
    """Stretch each zone rectangle (never shrink it) so it still holds its moved or added
    members; changes ``layout`` in place."""
    comps = model.components_by_id()
    for key in ids:
        comp = comps.get(key)
        if comp is None or comp.zone is None or comp.zone not in layout.zones:
            continue
        box, zone = layout.elements[key], layout.zones[comp.zone]
        if zone.w is None or zone.h is None:
            continue
        left = min(zone.x, box.x - pad)
        top = min(zone.y, box.y - pad - 22.0)
        right = max(zone.x + zone.w, box.x + (box.w or ELEMENT_W) + pad)
        bottom = max(zone.y + zone.h, box.y + (box.h or ELEMENT_H) + pad)
        if (left, top, right, bottom) != (zone.x, zone.y, zone.x + zone.w, zone.y + zone.h):
            layout.zones[comp.zone] = Box(x=left, y=top, w=right - left, h=bottom - top)


def _centre(box: Box) -> tuple[float, float]:
    return box.x + (box.w or ELEMENT_W) / 2, box.y + (box.h or ELEMENT_H) / 2


def _holds(box: Box | None, point: tuple[float, float]) -> bool:
    if box is None or not box.w or not box.h:
        return False
    return box.x <= point[0] <= box.x + box.w and box.y <= point[1] <= box.y + box.h


def resize_zone(model: ThreatModel, zone_id: str, box: Box) -> ThreatModel:
    """A trust zone's rectangle dragged by an edge or a corner to ``box``; its members
    follow the drawn-zone rule of :func:`zone_from_rect` (a member is an element whose
    centre the rectangle holds).

    * A member whose centre is left outside leaves the zone for the innermost other zone
      whose rectangle holds its centre (its parent zone, usually), else no zone.
    * An element whose centre the rectangle now holds joins it when it was in no zone, in
      a zone enclosing this one (the ward grown over a device of the hospital), or in a
      zone whose rectangle no longer holds it. An element of a zone nested in this one
      stays there, and one of an unrelated overlapping zone that still holds it is not
      taken: growing a zone is not redrawing the site.
    * Nesting: the innermost other zone holding the whole new rectangle becomes its parent
      (none: no parent); zones it now holds wholly, whose parent it does not hold, become
      its children; a child it no longer holds wholly moves up to its former parent.
    """
    zone = next((z for z in model.zones if z.id == zone_id), None)
    if zone is None:
        raise ValueError(f"no trust zone {zone_id!r}")
    if not box.w or not box.h or box.w <= 0 or box.h <= 0:
        raise ValueError("a trust zone needs a width and a height")
    layout = _layout_copy(model, zones=True)
    layout.zones[zone_id] = box
    parents = {z.id: z.parent for z in model.zones}

    def ancestors(zid: str | None) -> set[str]:
        seen: set[str] = set()
        while zid is not None and zid not in seen:
            seen.add(zid)
            zid = parents.get(zid)
        return seen

    rect = (box.x, box.y, box.x + box.w, box.y + box.h)

    def wholly_inside(other: Box) -> bool:
        return rect[0] <= other.x and rect[1] <= other.y \
            and other.x + (other.w or 0) <= rect[2] and other.y + (other.h or 0) <= rect[3]

    def holds_rect(other: Box) -> bool:
        return other.x <= rect[0] and other.y <= rect[1] \
            and rect[2] <= other.x + (other.w or 0) and rect[3] <= other.y + (other.h or 0)

    # nesting follows the rectangle too, as for a drawn zone: the innermost other zone
    # holding the whole new rectangle is the parent, zones now wholly inside whose parent
    # is not inside become children, and a child left partly outside moves up one level
    released = {zid for zid, parent in parents.items() if parent == zone_id
                and zid in layout.zones and not wholly_inside(layout.zones[zid])}
    for zid in released:
        parents[zid] = zone.parent
    nested = {zid for zid in parents if zid != zone_id and zone_id in ancestors(zid)}
    others = {zid: b for zid, b in layout.zones.items() if zid != zone_id and zid in parents}
    inner = {zid for zid, b in others.items() if b.w and b.h and wholly_inside(b)}
    holders = [((b.w or 0) * (b.h or 0), zid) for zid, b in others.items()
               if b.w and b.h and holds_rect(b) and zid not in inner and zid not in nested]
    new_parent = min(holders)[1] if holders else None
    parents[zone_id] = new_parent
    above = ancestors(new_parent)
    adopted = {zid for zid in inner - above - nested if parents[zid] not in inner}
    for zid in adopted:
        parents[zid] = zone_id
    zones = [z if parents.get(z.id) == z.parent else z.model_copy(update={"parent":
                                                                       parents[z.id]})
             for z in model.zones]
    nested |= adopted
    enclosing = ancestors(zone.parent) | above

    def innermost_other(point: tuple[float, float]) -> str | None:
        hits = [((b.w or 0) * (b.h or 0), zid) for zid, b in layout.zones.items()
                if zid != zone_id and zid in parents and _holds(b, point)]
        return min(hits)[1] if hits else None

    comps = []
    for comp in model.components:
        element = layout.elements.get(comp.id)
        if element is None:
            comps.append(comp)
            continue
        point = _centre(element)
        inside = _holds(box, point)
        zone_now = comp.zone
        if zone_now == zone_id and not inside:
            zone_now = innermost_other(point)
        elif zone_now != zone_id and inside and zone_now not in nested and (
                zone_now is None or zone_now in enclosing
                or not _holds(layout.zones.get(zone_now), point)):
            zone_now = zone_id
        comps.append(comp if zone_now == comp.zone
                     else comp.model_copy(update={"zone": zone_now}))
    return _with_layout(model, layout, components=comps, zones=zones)


#: The gap (px) distribution leaves between cards that were overlapping or touching.
MIN_GAP = 12.0


def align_elements(model: ThreatModel, ids: Iterable[str], how: str) -> ThreatModel:
    """Align boxes on the ``left``, ``right``, ``top``, ``bottom``, ``hcenter`` or ``vcenter``
    of the group, or space them with equal gaps: ``distribute_h`` (left to right) or
    ``distribute_v`` (top to bottom; ``distribute`` is its old name)."""
    boxes = {i: model.layout.elements[i] for i in ids if i in model.layout.elements}
    if len(boxes) < 2:
        return model

    def w(b: Box) -> float:
        return b.w or ELEMENT_W

    def h(b: Box) -> float:
        return b.h or ELEMENT_H

    positions: dict[str, tuple[float, float]] = {}
    if how == "left":
        x = min(b.x for b in boxes.values())
        positions = {i: (x, b.y) for i, b in boxes.items()}
    elif how == "right":
        r = max(b.x + w(b) for b in boxes.values())
        positions = {i: (r - w(b), b.y) for i, b in boxes.items()}
    elif how == "top":
        y = min(b.y for b in boxes.values())
        positions = {i: (b.x, y) for i, b in boxes.items()}
    elif how == "bottom":
        r = max(b.y + h(b) for b in boxes.values())
        positions = {i: (b.x, r - h(b)) for i, b in boxes.items()}
    elif how == "hcenter":
        c = sum(b.x + w(b) / 2 for b in boxes.values()) / len(boxes)
        positions = {i: (c - w(b) / 2, b.y) for i, b in boxes.items()}
    elif how == "vcenter":
        c = sum(b.y + h(b) / 2 for b in boxes.values()) / len(boxes)
        positions = {i: (b.x, c - h(b) / 2) for i, b in boxes.items()}
    elif how in ("distribute_h", "distribute_v", "distribute"):
        return distribute_elements(model, boxes, "x" if how == "distribute_h" else "y")
    else:
        raise ValueError(f"unknown alignment {how!r}")
    return move_elements(model, positions)


def distribute_elements(model: ThreatModel, boxes: Mapping[str, Box], axis: str) -> ThreatModel:
    """Equal gaps between 3 or more boxes along ``axis`` (``x`` or ``y``), in the order of
    their centres. The first and last stay put, as in drawing tools; if the cards overlap
    (no room for a gap) they are spread :data:`MIN_GAP` apart from the first onward, so the
    group grows rather than stacking. The other coordinate is never changed."""
    if len(boxes) < 3:
        return model  # two cards have one gap: nothing to equalise

    def start(b: Box) -> float:
        return b.x if axis == "x" else b.y

    def size(b: Box) -> float:
        return (b.w or ELEMENT_W) if axis == "x" else (b.h or ELEMENT_H)

    order = sorted(boxes.items(), key=lambda kv: (start(kv[1]) + size(kv[1]) / 2, kv[0]))
    first, last = order[0][1], order[-1][1]
    span = start(last) + size(last) - start(first)
    gap = max((span - sum(size(b) for _, b in order)) / (len(order) - 1), MIN_GAP)
    positions: dict[str, tuple[float, float]] = {}
    at = start(first)
    for key, b in order:
        positions[key] = (at, b.y) if axis == "x" else (b.x, at)
        at += size(b) + gap
    return move_elements(model, positions)


def relayout(model: ThreatModel) -> ThreatModel:
    """Forget every position and lay the model out by layer and trust zone."""
    return model.model_copy(update={"layout": auto_layout(model)})


# --- copy and paste ---------------------------------------------------------------------------

def copy_selection(model: ThreatModel, ids: Iterable[str]) -> dict[str, Any]:
    """A JSON-able clip of the chosen components and the flows between them."""
    ids = set(ids)
    comps = [c for c in model.components if c.id in ids]
    chosen = {c.id for c in comps}
    # every flow between two copied elements, even through a network left behind: pasted
    # into the same model it keeps going through that network (see :func:`paste`)
    flows = [f for f in model.flows if f.source in chosen and f.target in chosen]
    return {
        "components": [c.model_dump(mode="json", exclude_none=True) for c in comps],
        "flows": [f.model_dump(mode="json", exclude_none=True) for f in flows],
        "boxes": {c.id: model.layout.elements[c.id].model_dump(exclude_none=True)
                  for c in comps if c.id in model.layout.elements},
    }


def paste(model: ThreatModel, clip: Mapping[str, Any],
          offset: tuple[float, float] = (30.0, 30.0)) -> tuple[ThreatModel, list[str]]:
    """Add a clip from :func:`copy_selection` with fresh ids; returns the new component ids.

    References to zones or data assets the model lacks are dropped, so a clip taken from
    another model pastes cleanly; a flow's network that was not copied stays on its route
    when the model has it (duplicating two devices keeps their link through the ward LAN).
    """
    taken = used_ids(model)
    zones = model.zones_by_id()
    assets = model.assets_by_id()
    networks = {c.id for c in model.components if c.layer == Layer.NETWORK}
    mapping: dict[str, str] = {}
    comps: list[Component] = []
    layout = _layout_copy(model, elements=True)
    for raw in clip.get("components", []):
        comp = Component.model_validate(raw)
        fresh = new_id(model, comp.id, taken)
        taken.add(fresh)
        mapping[comp.id] = fresh
        props = comp.properties.model_copy(
            update={"data_assets": [a for a in comp.properties.data_assets if a in assets]})
        comps.append(comp.model_copy(update={
            "id": fresh, "zone": comp.zone if comp.zone in zones else None,
            "properties": props}))
        box = clip.get("boxes", {}).get(comp.id)
        if box is not None:
            b = Box.model_validate(box)
            layout.elements[fresh] = Box(x=b.x + offset[0], y=b.y + offset[1], w=b.w, h=b.h)
    flows: list[Flow] = []
    for raw in clip.get("flows", []):
        flow = Flow.model_validate(raw)
        if flow.source not in mapping or flow.target not in mapping:
            continue
        fresh = new_id(model, flow.id, taken)
        taken.add(fresh)
        flows.append(flow.model_copy(update={
            "id": fresh, "source": mapping[flow.source], "target": mapping[flow.target],
            "via": [mapping.get(v, v) for v in flow.via if v in mapping or v in networks],
            "data_assets": [a for a in flow.data_assets if a in assets]}))
    result = model.model_copy(update={"components": [*model.components, *comps],
                                      "flows": [*model.flows, *flows]})
    missing = [c.id for c in comps if c.id not in layout.elements]
    if missing:
        fresh_layout = auto_layout(result)
        for key in missing:
            layout.elements[key] = fresh_layout.elements[key]
    return _with_layout(result, layout), [c.id for c in comps]


# --- threats and controls -------------------------------------------------------------------

def update_threat(model: ThreatModel, threat_id: str,
                  changes: Mapping[str, Any]) -> ThreatModel:
    """Change a threat's decision fields (status, reason, owner, likelihood, impact...)."""
    old = next((t for t in model.threats if t.id == threat_id), None)
    if old is None:
        raise KeyError(threat_id)
    new = _updated(old, changes)
    return model.model_copy(update={"threats": _replace(model.threats, threat_id, new)})


def decide_threat(model: ThreatModel, threat_id: str, status: ThreatStatus,
                  reason: str | None = None, by: str | None = None) -> ThreatModel:
    """Accept, reject (a reason is required) or otherwise decide on a threat."""
    if status == ThreatStatus.REJECTED and not (reason and reason.strip()):
        raise ValueError("rejecting a threat needs a reason")
    changes: dict[str, Any] = {"status": status}
    if reason is not None:
        changes["reason"] = reason
    if by is not None:
        changes["decided_by"] = by
    return update_threat(model, threat_id, changes)


def attach_control(model: ThreatModel, threat_id: str, catalog_id: str, title: str,
                   status: ControlStatus = ControlStatus.PLANNED) -> tuple[ThreatModel, str]:
    """Link a catalog control to a threat, creating the control instance on the threat's
    element if the model does not have it yet; returns the model and the control id."""
    threat = next((t for t in model.threats if t.id == threat_id), None)
    if threat is None:
        raise KeyError(threat_id)
    control = next((c for c in model.controls if c.catalog_id == catalog_id), None)
    controls = list(model.controls)
    if control is None:
        control = ControlInstance(id=new_id(model, catalog_id), catalog_id=catalog_id,
                                  title=title, elements=[threat.element], status=status)
        controls.append(control)
    elif threat.element not in control.elements:
        controls = _replace(controls, control.id, control.model_copy(
            update={"elements": [*control.elements, threat.element]}))
    links = list(threat.mitigations)
    if not any(link.control == control.id for link in links):
        links.append(MitigationLink(control=control.id, status=status))
    new_threat = threat.model_copy(update={"mitigations": links})
    return model.model_copy(update={
        "controls": controls, "threats": _replace(model.threats, threat_id, new_threat)}), \
        control.id


def detach_control(model: ThreatModel, threat_id: str, control_id: str) -> ThreatModel:
    threat = next((t for t in model.threats if t.id == threat_id), None)
    if threat is None:
        raise KeyError(threat_id)
    links = [m for m in threat.mitigations if m.control != control_id]
    return model.model_copy(update={"threats": _replace(
        model.threats, threat_id, threat.model_copy(update={"mitigations": links}))})


def set_threats(model: ThreatModel, threats: list[ThreatInstance]) -> ThreatModel:
    """Replace the threat list, e.g. with the rule engine's merged suggestions."""
    return model.model_copy(update={"threats": list(threats)})


def update_metadata(model: ThreatModel, changes: Mapping[str, Any]) -> ThreatModel:
    return model.model_copy(update={"metadata": _updated(model.metadata, changes)})


def upsert_threat(model: ThreatModel, threat: ThreatInstance) -> ThreatModel:
    """Put a threat instance in the model (a suggestion the analyst now decides on), or
    replace the one with the same id."""
    if any(t.id == threat.id for t in model.threats):
        return model.model_copy(update={"threats": _replace(model.threats, threat.id, threat)})
    if any(t.key == threat.key for t in model.threats):
        raise ValueError(f"another threat already has key {threat.key!r}")
    return model.model_copy(update={"threats": [*model.threats, threat]})


def set_threat_impact(model: ThreatModel, threat_id: str,
                      impact: Mapping[str, int | None]) -> ThreatModel:
    """Set (or with ``None``, clear) the analyst's impact per category for one threat."""
    old = next((t for t in model.threats if t.id == threat_id), None)
    if old is None:
        raise KeyError(threat_id)
    merged = dict(old.impact)
    for key, value in impact.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    new = ThreatInstance.model_validate({**old.model_dump(), "impact": merged})
    return model.model_copy(update={"threats": _replace(model.threats, threat_id, new)})


def zone_around(model: ThreatModel, name: str, ids: Iterable[str], *, pad: float = 14.0,
                **fields: Any) -> tuple[ThreatModel, str]:
    """A new trust zone holding the chosen components, drawn around their boxes."""
    ids = [i for i in ids if model.component(i) is not None]
    if not ids:
        raise ValueError("select at least one element to put in the zone")
    model, zone_id = add_zone(model, name, **fields)
    comps = [c.model_copy(update={"zone": zone_id}) if c.id in ids else c
             for c in model.components]
    boxes = [model.layout.elements[i] for i in ids if i in model.layout.elements]
    layout = _layout_copy(model, zones=True)
    if boxes:
        left = min(b.x for b in boxes) - pad
        top = min(b.y for b in boxes) - pad - 22.0  # room for the zone's title
        right = max(b.x + (b.w or ELEMENT_W) for b in boxes) + pad
        bottom = max(b.y + (b.h or ELEMENT_H) for b in boxes) + pad
        layout.zones[zone_id] = Box(x=left, y=top, w=right - left, h=bottom - top)
    return model.model_copy(update={"components": comps, "layout": layout}), zone_id


def zone_from_rect(model: ThreatModel, name: str, x: float, y: float, w: float, h: float,
                   **fields: Any) -> tuple[ThreatModel, str]:
    """A trust zone drawn as a rectangle: the elements whose centre it holds join it.

    Drawing is how analysts think ("the ward network is here"), so the rectangle is kept as
    drawn. An element already in a zone drawn wholly inside the new one stays in that inner
    zone (drawing the hospital around the ward keeps the ward's devices in the ward); the
    innermost existing zone that holds the whole rectangle becomes the new zone's parent.
    """
    if w <= 0 or h <= 0:
        raise ValueError("a trust zone needs a width and a height")
    rect = (x, y, x + w, y + h)

    def inside(box: Box) -> bool:
        bw, bh = box.w or ELEMENT_W, box.h or ELEMENT_H
        return rect[0] <= box.x and rect[1] <= box.y and box.x + bw <= rect[2] \
            and box.y + bh <= rect[3]

    def holds_rect(box: Box) -> bool:
        return box.x <= rect[0] and box.y <= rect[1] and rect[2] <= box.x + (box.w or 0) \
            and rect[3] <= box.y + (box.h or 0)

    zone_boxes = model.layout.zones
    inner = {zid for zid, box in zone_boxes.items() if inside(box)}
    holders = [(box.w * box.h if box.w and box.h else 0.0, zid)
               for zid, box in zone_boxes.items() if holds_rect(box) and zid not in inner]
    if holders and "parent" not in fields:
        fields["parent"] = min(holders)[1]
    model, zone_id = add_zone(model, name, **fields)
    # zones drawn inside become its children, unless their parent is inside too
    zones = [z.model_copy(update={"parent": zone_id})
             if z.id in inner and z.parent not in inner else z for z in model.zones]
    members = set()
    for comp in model.components:
        box = model.layout.elements.get(comp.id)
        if box is None or (comp.zone in inner):
            continue
        cx, cy = box.x + (box.w or ELEMENT_W) / 2, box.y + (box.h or ELEMENT_H) / 2
        if rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]:
            members.add(comp.id)
    comps = [c.model_copy(update={"zone": zone_id}) if c.id in members else c
             for c in model.components]
    layout = _layout_copy(model, zones=True)
    layout.zones[zone_id] = Box(x=x, y=y, w=w, h=h)
    return model.model_copy(update={"components": comps, "zones": zones,
                                    "layout": layout}), zone_id


def add_target(model: ThreatModel, element: str, kind: str,
               name: str | None = None) -> tuple[ThreatModel, str]:
    """Declare a component an attack target (``patient_safety``, ``health_data``...)."""
    comp = model.component(element)
    if comp is None:
        raise ValueError(f"unknown component {element!r}")
    if any(t.element == element and t.kind == kind for t in model.targets):
        raise ValueError(f"{comp.name!r} is already a {kind.replace('_', ' ')} target")
    taken = used_ids(model) | {t.id for t in model.targets}
    target_id = new_id(model, f"t-{kind}-{element}", taken)
    target = Target(id=target_id, element=element, kind=kind, name=name or comp.name)
    return model.model_copy(update={"targets": [*model.targets, target]}), target_id


def remove_targets(model: ThreatModel, element: str) -> ThreatModel:
    """Forget the targets declared on one component (derived targets stay derived)."""
    return model.model_copy(update={"targets": [t for t in model.targets
                                                if t.element != element]})
