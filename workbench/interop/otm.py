"""Open Threat Model (OTM 0.2.0) import and export.

OTM describes trust zones, components, data flows, threats (as definitions referenced from
components and flows with a state) and mitigations. What OTM cannot express (layer,
security properties, via networks, threat keys, risk overrides) travels in ``attributes``
under ``workbench.*`` keys, so ``import(export(model))`` gives the same model back while other
tools still read a plain OTM file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from workbench.interop.builder import ModelBuilder
from workbench.interop.common import (
    Fields,
    ImportResult,
    check_element_count,
    decode_text,
    fail,
    read_bytes_guarded,
)
from workbench.interop.safe_yaml import safe_yaml_load
from workbench.model.entities import (
    ComponentProperties,
    ControlInstance,
    DataAsset,
    Flow,
    FlowRoute,
    ThreatInstance,
)
from workbench.model.enums import ControlStatus, Layer, Stride, ThreatStatus, ZoneKind
from workbench.model.io import parse_json_text
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.text import json_escape_unsafe
from workbench.model.threat_model import ThreatModel

OTM_VERSION = "0.2.0"
DIAGRAM = "workbench-diagram"
UNZONED = "workbench-unzoned"
#: OTM levels are 0-100; workbench levels on a 0-4 reference scale.
SCALE = 25

_STRIDE_NAMES = {Stride.SPOOFING: "Spoofing", Stride.TAMPERING: "Tampering",
                 Stride.REPUDIATION: "Repudiation",
                 Stride.INFORMATION_DISCLOSURE: "Information Disclosure",
                 Stride.DENIAL_OF_SERVICE: "Denial of Service",
                 Stride.ELEVATION_OF_PRIVILEGE: "Elevation of Privilege"}
_STATE_OUT = {ThreatStatus.ACCEPTED: "exposed", ThreatStatus.MITIGATED: "mitigated",
              ThreatStatus.REJECTED: "not-applicable"}
_STATE_IN = {"exposed": ThreatStatus.ACCEPTED, "open": ThreatStatus.ACCEPTED,
             "mitigated": ThreatStatus.MITIGATED, "not-applicable": ThreatStatus.REJECTED,
             "na": ThreatStatus.REJECTED, "accepted": ThreatStatus.RISK_ACCEPTED}
_MITIGATION_IN = {"implemented": ControlStatus.IMPLEMENTED, "verified": ControlStatus.VERIFIED,
                  "required": ControlStatus.PLANNED, "recommended": ControlStatus.PLANNED,
                  "planned": ControlStatus.PLANNED}
_ZONE_HINTS = (("internet", ZoneKind.PUBLIC_INTERNET), ("public", ZoneKind.PUBLIC_INTERNET),
               ("home", ZoneKind.PATIENT_HOME), ("hospital", ZoneKind.HOSPITAL),
               ("cloud", ZoneKind.VENDOR_CLOUD), ("partner", ZoneKind.PARTNER),
               ("mobile", ZoneKind.MOBILE))


# ------------------------------------------------------------------------- reading --------
def read_otm_document(path: Path) -> Any:
    """Parse an OTM file as JSON or YAML (by extension, then by first character)."""
    raw = read_bytes_guarded(path)
    source = str(path)
    text = decode_text(raw, source)
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return parse_json_text(text, source)
    return safe_yaml_load(text, source)


def import_otm(path: str | Path, stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    return otm_to_model(read_otm_document(path), str(path), stencils)


def _wb(attrs: Any, key: str) -> Any:
    return attrs.get(f"workbench.{key}") if isinstance(attrs, dict) else None


#: What our own export writes in each ``workbench.*`` attribute, as the model checks it.
#: Fields the importer sets itself (ids, ends, the element) are left out or stood in for.
_HINT_CHECKS: dict[str, Any] = {
    "kind": ZoneKind,
    "route": FlowRoute.model_validate,
    "properties": ComponentProperties.model_validate,
    "asset": lambda v: DataAsset.model_validate({**_own(v, {"id"}), "id": "x"}),
    "flow": lambda v: Flow.model_validate({
        **_own(v, {"id", "source", "target", "bidirectional", "data_assets", "foreign"}),
        "id": "x", "source": "a", "target": "b"}),
    "control": lambda v: ControlInstance.model_validate(
        {**_own(v, {"id", "title", "foreign"}), "id": "x", "title": "t"}),
    "threat": lambda v: ThreatInstance.model_validate(
        {"key": "k", "catalog_id": "c", **_own(v, {"id", "element", "mitigations", "foreign"}),
         "id": "x", "element": "e"}),
    **{key: TypeAdapter(ThreatModel.model_fields[key].annotation).validate_python
       for key in ("risk", "metadata", "regulatory", "attackers", "targets", "review",
                   "workshops")},
}


def _hint(b: ModelBuilder, attrs: Any, key: str, where: str) -> Any:
    """``workbench.KEY`` of ``attrs`` when it holds what our export writes there, else None.

    These attributes only carry our own round trip. A hand-edited or hostile file whose
    hint the model would refuse used to refuse the whole file, with a path of our model
    rather than of the file; now the hint is dropped with a warning and the item is read
    as any other tool's (``tests/interop/test_hostile_input.py``)."""
    value = _wb(attrs, key)
    if value is None:
        return None
    try:
        shape = list if key in ("attackers", "targets", "workshops") else dict
        if key not in ("kind", "properties", "route") and not isinstance(value, shape):
            raise TypeError(f"expected {'a list' if shape is list else 'an object'}, found "
                            f"{type(value).__name__}")
        _HINT_CHECKS[key](value)
    except (ValidationError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0]
        if isinstance(exc, ValidationError) and exc.errors():
            first = exc.errors()[0]
            loc = ".".join(str(x) for x in first["loc"])
            reason = f"{loc + ': ' if loc else ''}{first['msg']}"
        warning = (f"{where}.attributes.workbench.{key} ignored ({reason}); read as any "
                   f"other tool's")
        if warning not in b.warnings:  # a threat placed on many elements: said once
            b.warnings.append(warning)
        return None
    return value


def otm_to_model(doc: Any, source: str, stencils: StencilLibrary | None = None) -> ImportResult:
    f = Fields(source)
    doc = f.obj(doc, "$")
    if "otmVersion" not in doc:
        _not_otm(doc, source)
    version = f.text(doc, "otmVersion", "", required=True)
    if not str(version).startswith("0."):
        raise fail(source, "otmVersion", f"unsupported OTM version {version!r} (expected 0.2.0)")
    project = f.obj(doc.get("project"), "project")
    check_element_count(sum(len(doc[k]) for k in ("components", "dataflows", "trustZones")
                            if isinstance(doc.get(k), list)), source)
    b = ModelBuilder(source, "otm", stencils)

    # Trust zones, parents resolved after all are known.
    zone_parents: list[tuple[dict[str, Any], str, str]] = []
    for i, raw in enumerate(f.lst(doc.get("trustZones"), "trustZones")):
        here = f"trustZones[{i}]"
        z = f.obj(raw, here)
        zid_foreign = f.text(z, "id", here, required=True, limit=None)
        attrs = z.get("attributes")
        if _wb(attrs, "synthetic"):
            b.ids.make(zid_foreign, space="zone")  # reserve, not a real zone
            continue
        rating = f.number(f.obj(z.get("risk"), f"{here}.risk", optional=True), "trustRating",
                          f"{here}.risk", 50.0)
        kind = _hint(b, attrs, "kind", here) or _zone_kind(f.text(z, "type", here) or "",
                                                f.text(z, "name", here, limit=None) or "")
        level = _wb(attrs, "trust_level")
        zname = f.text(z, "name", here, required=True, limit=None)
        zid = b.add_zone(zid_foreign, zname, kind=kind,
                         trust_level=int(level if isinstance(level, int)
                                         else round((rating or 0) / 10)),
                         description=f.text(z, "description", here, limit=20_000),
                         box=_box(f, z, here))
        parent = f.obj(z.get("parent"), f"{here}.parent", optional=True)
        if parent.get("trustZone"):
            zone_parents.append((b.zones[-1], str(parent["trustZone"]), f"{here}.parent"))
        del zid
    for zone, foreign_parent, here in zone_parents:
        pid = b.ids.get(foreign_parent, "zone")
        if pid is None:
            raise fail(source, here, f"trust zone {zone['id']!r} has unknown parent "
                                     f"{foreign_parent!r}")
        zone["parent"] = pid

    for i, raw in enumerate(f.lst(doc.get("assets"), "assets")):
        here = f"assets[{i}]"
        a = f.obj(raw, here)
        stored = _hint(b, a.get("attributes"), "asset", here)
        if isinstance(stored, dict):
            data = {k: v for k, v in stored.items() if k != "id"}
        else:
            risk = f.obj(a.get("risk"), f"{here}.risk", optional=True)
            data = {"name": f.text(a, "name", here, required=True)}
            for key in ("confidentiality", "integrity", "availability"):
                value = f.number(risk, key, f"{here}.risk")
                if value is not None:
                    data[key] = max(0, min(10, round(value / SCALE)))
            if a.get("description"):
                data["description"] = f.text(a, "description", here, limit=20_000)
        b.add_asset(f.text(a, "id", here, required=True, limit=None), data)

    threat_defs = _index(f, doc, "threats")
    mitigation_defs = _index(f, doc, "mitigations")
    used_threats: set[str] = set()
    threat_sources: dict[str, list[str]] = {}  # OTM threat id -> our instance ids
    control_elements: dict[str, list[str]] = {}
    controls: dict[str, str] = {}

    def control_for(foreign: str, here: str, element: str) -> str:
        if foreign not in mitigation_defs:
            raise fail(source, here, f"refers to unknown mitigation {foreign!r}")
        if foreign not in controls:
            m, mpath = mitigation_defs[foreign]
            stored = _hint(b, m.get("attributes"), "control", mpath)
            fields: dict[str, Any] = {}
            if isinstance(stored, dict):
                fields = _own(stored, {"id", "title", "foreign"})
            else:
                rr = f.number(m, "riskReduction", mpath)
                if rr is not None:
                    fields["effectiveness"] = max(0.0, min(1.0, rr / 100))
                fields["evidence"] = f.text(m, "description", mpath, limit=20_000)
            name = f.text(m, "name", mpath, required=True, limit=None)
            controls[foreign] = b.add_control(foreign, name or foreign, **fields)
        control_elements.setdefault(controls[foreign], [])
        if element not in control_elements[controls[foreign]]:
            control_elements[controls[foreign]].append(element)
        return controls[foreign]

    def threats_on(item: dict[str, Any], here: str, element: str) -> None:
        for j, raw in enumerate(f.lst(item.get("threats"), f"{here}.threats")):
            tpath = f"{here}.threats[{j}]"
            ref = f.obj(raw, tpath)
            tid = f.text(ref, "threat", tpath, required=True, limit=None)
            if tid not in threat_defs:
                raise fail(source, f"{tpath}.threat", f"refers to unknown threat {tid!r}")
            used_threats.add(tid)
            t, dpath = threat_defs[tid]
            links = []
            for k, mraw in enumerate(f.lst(ref.get("mitigations"), f"{tpath}.mitigations")):
                mpath = f"{tpath}.mitigations[{k}]"
                mref = f.obj(mraw, mpath)
                mid = f.text(mref, "mitigation", mpath, required=True, limit=None)
                state = (f.text(mref, "state", mpath) or "").lower()
                link: dict[str, Any] = {"control": control_for(mid, f"{mpath}.mitigation",
                                                               element),
                                        "status": _MITIGATION_IN.get(state,
                                                                     ControlStatus.PLANNED)}
                evidence = _wb(mref.get("attributes"), "evidence")
                if isinstance(evidence, str):
                    link["evidence"] = evidence
                links.append(link)
            state = (f.text(ref, "state", tpath) or "").lower()
            stored = _hint(b, t.get("attributes"), "threat", dpath)
            if isinstance(stored, dict) and stored.get("element") == _foreign_of(b, element):
                fields = _own(stored, {"id", "key", "catalog_id", "element", "manual",
                                       "mitigations", "foreign"})
                ours = b.add_threat(stored.get("id", tid), element, key=stored.get("key", tid),
                                    catalog_id=stored.get("catalog_id", tid),
                                    manual=stored.get("manual", True), mitigations=links,
                                    **fields)
                threat_sources.setdefault(tid, []).append(ours)
                continue
            risk = f.obj(t.get("risk"), f"{dpath}.risk", optional=True)
            likelihood = f.number(risk, "likelihood", f"{dpath}.risk")
            ours = b.add_threat(f"{tid}@{element}", element, key=f"otm:{tid}@{element}",
                                catalog_id=f"otm:{tid}",
                                title=f.text(t, "name", dpath, required=True, limit=None),
                                comment=f.text(t, "description", dpath, limit=20_000),
                                stride=_stride_of(t.get("categories")),
                                status=_STATE_IN.get(state, ThreatStatus.SUGGESTED).value,
                                likelihood=(None if likelihood is None
                                            else max(0, min(10, round(likelihood / SCALE)))),
                                mitigations=links)
            threat_sources.setdefault(tid, []).append(ours)

    # Components: two passes so a component parent can be resolved to its zone.
    raw_components = []
    for i, raw in enumerate(f.lst(doc.get("components"), "components")):
        here = f"components[{i}]"
        c = f.obj(raw, here)
        cid = f.text(c, "id", here, required=True, limit=None)
        parent = f.obj(c.get("parent"), f"{here}.parent", optional=True)
        raw_components.append((c, here, cid, parent))
    parent_of = {cid: parent for _, _, cid, parent in raw_components}

    def zone_of(cid: str, here: str, seen: set[str]) -> str | None:
        parent = parent_of.get(cid, {})
        if parent.get("trustZone") is not None:
            foreign = str(parent["trustZone"])
            zid = b.ids.get(foreign, "zone")
            if zid is None:
                raise fail(source, f"{here}.parent.trustZone",
                           f"component {cid!r} is in unknown trust zone {foreign!r}")
            return None if foreign == UNZONED else zid
        if parent.get("component") is not None:
            up = str(parent["component"])
            if up not in parent_of:
                raise fail(source, f"{here}.parent.component",
                           f"component {cid!r} is inside unknown component {up!r}")
            if up in seen:
                raise fail(source, f"{here}.parent.component",
                           f"component {cid!r} is nested inside itself")
            return zone_of(up, here, seen | {up})
        return None

    for c, here, cid_foreign, parent in raw_components:
        attrs = c.get("attributes")
        props = _hint(b, attrs, "properties", here)
        layer = _wb(attrs, "layer")
        ctype = f.text(c, "type", here) or ""
        assets = f.obj(c.get("assets"), f"{here}.assets", optional=True)
        held = [str(a) for key in ("processed", "stored")
                for a in f.lst(assets.get(key), f"{here}.assets.{key}") if a]
        props = dict(props) if isinstance(props, dict) else {}
        if held and "data_assets" not in props:
            props["data_assets"] = _assets(b, held, source, f"{here}.assets")
        description = f.text(c, "description", here, limit=20_000)
        if parent.get("component") is not None:
            description = ((description + "\n") if description else "") + \
                f"Inside component {parent['component']!r} in the source model."
        tags = " ".join(str(t) for t in f.lst(c.get("tags"), f"{here}.tags") if t)
        b.add_component(cid_foreign, f.text(c, "name", here, required=True, limit=None), ctype,
                        layer_hint=_layer(layer) or _layer_hint_for(ctype),
                        zone=zone_of(cid_foreign, here, {cid_foreign}), description=description,
                        extra=tags, box=_box(f, c, here), properties=props,
                        stencil=ctype if layer else None)
    for c, here, cid_foreign, _ in raw_components:
        threats_on(c, here, b.element(cid_foreign) or cid_foreign)

    for i, raw in enumerate(f.lst(doc.get("dataflows"), "dataflows")):
        here = f"dataflows[{i}]"
        d = f.obj(raw, here)
        flow_foreign = f.text(d, "id", here, required=True, limit=None) or ""
        ends = [b.flow_end(d.get(key) if isinstance(d.get(key), str | int) else None,
                           flow_foreign, key) for key in ("source", "destination")]
        stored = _hint(b, d.get("attributes"), "flow", here)
        stored = _own(stored, {"id", "source", "target", "bidirectional", "data_assets",
                               "foreign"}) if isinstance(stored, dict) else {}
        if "via" in stored:
            if not isinstance(stored["via"], list) or not all(
                    isinstance(v, str) for v in stored["via"]):
                raise fail(source, f"{here}.attributes.workbench.flow.via",
                           "expected a list of component ids")
            stored["via"] = [b.element(v) or v for v in stored["via"]]
        assets = [str(a) for a in f.lst(d.get("assets"), f"{here}.assets") if a]
        # Our export writes a made-up name for unnamed flows and says so with name: null.
        name = stored.pop("name") if "name" in stored else f.text(d, "name", here, limit=None)
        fid = b.add_flow(flow_foreign, ends[0], ends[1],
                         name=name,
                         bidirectional=f.flag(d, "bidirectional", here),
                         data_assets=_assets(b, assets, source, f"{here}.assets"),
                         **stored)
        route = _hint(b, d.get("attributes"), "route", here)
        if isinstance(route, dict) and fid is not None:
            b.layout["flows"][fid] = route
        threats_on(d, here, fid or ends[0])

    for control in b.controls:
        control.setdefault("elements", control_elements.get(control["id"], []))
    for tid, (t, dpath) in threat_defs.items():
        if tid in used_threats:
            continue
        stored = _hint(b, t.get("attributes"), "threat", dpath)
        if isinstance(stored, dict) and stored.get("status") == ThreatStatus.ORPHANED.value:
            fields = _own(stored, {"id", "key", "catalog_id", "element", "manual", "foreign"})
            b.add_threat(stored.get("id", tid), stored.get("element", "unknown"),
                         key=stored.get("key", tid), catalog_id=stored.get("catalog_id", tid),
                         manual=stored.get("manual", True), **fields)
        else:
            b.warnings.append(f"threat {tid!r} ({t.get('name')!r}) is defined but not placed "
                              f"on any component or flow; not imported")
    for mid in mitigation_defs:
        if mid not in controls:
            m, mpath = mitigation_defs[mid]
            stored = _hint(b, m.get("attributes"), "control", mpath)
            fields = (_own(stored, {"id", "title", "foreign"})
                      if isinstance(stored, dict) else {})
            if not stored:
                rr = f.number(m, "riskReduction", mpath)
                if rr is not None:
                    fields["effectiveness"] = max(0.0, min(1.0, rr / 100))
            name = f.text(m, "name", mpath, required=True, limit=None)
            cid = b.add_control(mid, name or mid, **fields)
            if not isinstance(stored, dict):
                b.warnings.append(f"mitigation {mid!r} is not applied to any threat; imported "
                                  f"as control {cid!r} on no element")
    # Keep the source's order (threats and mitigations lists), not the order of placement.
    threat_rank: dict[str, int] = {}
    for i, tid in enumerate(threat_defs):
        for ours in threat_sources.get(tid, []):
            threat_rank.setdefault(ours, i)
    b.threats.sort(key=lambda t: threat_rank.get(t["id"], len(threat_rank)))
    control_rank = {b.ids.get(mid, "control"): i for i, mid in enumerate(mitigation_defs)}
    b.controls.sort(key=lambda c: control_rank.get(c["id"], len(control_rank)))
    risk = _hint(b, project.get("attributes"), "risk", "project")
    risk = risk if isinstance(risk, dict) else None
    meta = _hint(b, project.get("attributes"), "metadata", "project")
    metadata = dict(meta) if isinstance(meta, dict) else {
        "title": f.text(project, "name", "project", required=True),
        "owner": f.text(project, "owner", "project"),
        "description": f.text(project, "description", "project", limit=20_000),
        "system": f.text(project, "id", "project")}
    extra = {}
    for key in ("regulatory", "attackers", "targets", "review", "workshops"):
        value = _hint(b, project.get("attributes"), key, "project")
        if value is not None:
            extra[key] = value
    return b.build(metadata, risk=risk, extra=extra)


def _own(stored: dict[str, Any], reserved: set[str]) -> dict[str, Any]:
    """A ``workbench.*`` attribute's fields minus those the importer sets itself.

    Our own export never writes them there; a hand-edited or hostile file that does must
    not override the structure (or clash with the importer's arguments: an internal error
    before). Values still go through the model's validation.
    """
    return {k: v for k, v in stored.items() if isinstance(k, str) and k not in reserved}


def _not_otm(doc: dict[str, Any], source: str) -> None:
    """Say what the file is instead of "otmVersion: missing" when another tool wrote it."""
    if "threagile_version" in doc or "technical_assets" in doc:
        what, fmt = "a Threagile model (it has technical_assets)", "threagile"
    elif isinstance(doc.get("detail"), dict) and "diagrams" in doc["detail"]:
        what, fmt = "a Threat Dragon model (it has detail.diagrams)", "threatdragon"
    else:
        raise fail(source, "otmVersion", "missing: this is not an Open Threat Model file "
                                         "(OTM files start with otmVersion: 0.2.0)")
    raise fail(source, "$", f"this is {what}, not OTM: import it with --from {fmt} "
                            f"(or without --from)")


def _foreign_of(b: ModelBuilder, element: str) -> str:
    return (b.ids.foreign_of.get(("element", element))
            or b.ids.foreign_of.get(("flow", element), element))


def _assets(b: ModelBuilder, foreign: list[str], source: str, here: str) -> list[str]:
    out = []
    for a in foreign:
        aid = b.ids.get(a, "asset")
        if aid is None:
            raise fail(source, here, f"refers to unknown asset {a!r}")
        out.append(aid)
    return out


def _index(f: Fields, doc: dict[str, Any], key: str) -> dict[str, tuple[dict[str, Any], str]]:
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for i, raw in enumerate(f.lst(doc.get(key), key)):
        here = f"{key}[{i}]"
        item = f.obj(raw, here)
        ident = f.text(item, "id", here, required=True, limit=None)
        if ident in out:
            raise fail(f.source, f"{here}.id", f"duplicate id {ident!r}")
        out[ident] = (item, here)
    return out


def _box(f: Fields, item: dict[str, Any], here: str) -> dict[str, float] | None:
    for j, raw in enumerate(f.lst(item.get("representations"), f"{here}.representations")):
        rep = f.obj(raw, f"{here}.representations[{j}]")
        pos = rep.get("position")
        if isinstance(pos, dict):
            rpath = f"{here}.representations[{j}]"
            box = {"x": f.number(pos, "x", f"{rpath}.position", 0.0),
                   "y": f.number(pos, "y", f"{rpath}.position", 0.0)}
            size = rep.get("size")
            if isinstance(size, dict):
                box["w"] = f.number(size, "width", f"{rpath}.size")
                box["h"] = f.number(size, "height", f"{rpath}.size")
            return {k: v for k, v in box.items() if v is not None}
    return None


def _zone_kind(ztype: str, name: str) -> str:
    text = f"{ztype} {name}".lower()
    for word, kind in _ZONE_HINTS:
        if word in text:
            return kind.value
    return ZoneKind.OTHER.value


def _layer(value: Any) -> Layer | None:
    try:
        return Layer(value) if value else None
    except ValueError:
        return None


def _layer_hint_for(ctype: str) -> Layer:
    t = ctype.lower()
    if any(w in t for w in ("client", "device", "browser", "mobile", "user", "sensor")):
        return Layer.THING
    if "gateway" in t or "hub" in t:
        return Layer.GATEWAY
    if "network" in t:
        return Layer.NETWORK
    return Layer.CLOUD


def _stride_of(categories: Any) -> list[str]:
    out = []
    names = {v.lower(): k.value for k, v in _STRIDE_NAMES.items()}
    for cat in categories if isinstance(categories, list) else []:
        letter = names.get(str(cat).strip().lower())
        if letter and letter not in out:
            out.append(letter)
    return out


# ------------------------------------------------------------------------- writing --------
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "workbench-model"


def _rep(model: ThreatModel, kind: str, ident: str) -> list[dict[str, Any]] | None:
    box = (model.layout.elements if kind == "element" else model.layout.zones).get(ident)
    if box is None:
        return None
    rep: dict[str, Any] = {"representation": DIAGRAM, "id": f"{ident}-shape",
                           "position": {"x": box.x, "y": box.y}}
    if box.w is not None and box.h is not None:
        rep["size"] = {"width": box.w, "height": box.h}
    return [rep]


def _dump(obj: Any, **kw: Any) -> Any:
    return obj.model_dump(mode="json", exclude_none=True, **kw)


def model_to_otm(model: ThreatModel) -> dict[str, Any]:
    """The model as an OTM 0.2.0 document (plain data; see :func:`dumps_otm`)."""
    threats_by_element: dict[str, list[Any]] = {}
    for t in model.threats:
        threats_by_element.setdefault(t.element, []).append(t)

    def refs(element: str) -> list[dict[str, Any]]:
        out = []
        for t in threats_by_element.get(element, []):
            mitigations = []
            for link in t.mitigations:
                item: dict[str, Any] = {"mitigation": link.control, "state": link.status.value}
                if link.evidence:
                    item["attributes"] = {"workbench.evidence": link.evidence}
                mitigations.append(item)
            out.append({"threat": t.id, "state": _STATE_OUT.get(t.status, t.status.value),
                        "mitigations": mitigations})
        return out

    project_attrs: dict[str, Any] = {"workbench.metadata": _dump(model.metadata),
                                     "workbench.risk": _dump(model.risk)}
    for key in ("regulatory", "attackers", "targets", "review", "workshops"):
        value = getattr(model, key)
        if value:
            project_attrs[f"workbench.{key}"] = (
                [_dump(v) for v in value] if isinstance(value, list) else _dump(value))
    doc: dict[str, Any] = {
        "otmVersion": OTM_VERSION,
        "project": {"name": model.metadata.title, "id": _slug(model.metadata.title),
                    "attributes": project_attrs},
        "representations": [{"name": "Architecture diagram", "id": DIAGRAM, "type": "diagram"}],
        "trustZones": [], "assets": [], "components": [], "dataflows": [], "threats": [],
        "mitigations": [],
    }
    if model.metadata.description:
        doc["project"]["description"] = model.metadata.description
    if model.metadata.owner:
        doc["project"]["owner"] = model.metadata.owner
    for z in model.zones:
        item: dict[str, Any] = {"id": z.id, "name": z.name, "type": z.kind.value,
                                "risk": {"trustRating": z.trust_level * 10},
                                "attributes": {"workbench.kind": z.kind.value,
                                               "workbench.trust_level": z.trust_level}}
        if z.description:
            item["description"] = z.description
        if z.parent:
            item["parent"] = {"trustZone": z.parent}
        rep = _rep(model, "zone", z.id)
        if rep:
            item["representations"] = rep
        doc["trustZones"].append(item)
    if any(c.zone is None for c in model.components):
        doc["trustZones"].append({"id": UNZONED, "name": "Not in a trust zone", "type": "other",
                                  "risk": {"trustRating": 50},
                                  "attributes": {"workbench.synthetic": True}})
    for a in model.data_assets:
        item = {"id": a.id, "name": a.name,
                "risk": {"confidentiality": min(100, a.confidentiality * SCALE),
                         "integrity": min(100, a.integrity * SCALE),
                         "availability": min(100, a.availability * SCALE)},
                "attributes": {"workbench.asset": _dump(a)}}
        if a.description:
            item["description"] = a.description
        doc["assets"].append(item)
    for c in model.components:
        item = {"id": c.id, "name": c.name, "type": c.stencil,
                "parent": {"trustZone": c.zone or UNZONED},
                "threats": refs(c.id),
                "attributes": {"workbench.layer": c.layer.value,
                               "workbench.properties": _dump(c.properties)}}
        if c.description:
            item["description"] = c.description
        if c.properties.data_assets:
            item["assets"] = {"processed": list(c.properties.data_assets), "stored": []}
        rep = _rep(model, "element", c.id)
        if rep:
            item["representations"] = rep
        doc["components"].append(item)
    for fl in model.flows:
        flow_attrs = _dump(fl, exclude={"id", "source", "target", "name", "bidirectional",
                                        "data_assets"})
        item = {"id": fl.id, "name": fl.name or f"{fl.source} to {fl.target}",
                "source": fl.source, "destination": fl.target,
                "bidirectional": fl.bidirectional, "assets": list(fl.data_assets),
                "threats": refs(fl.id), "attributes": {"workbench.flow": flow_attrs}}
        if fl.name is None:
            flow_attrs["name"] = None
        if fl.protocol:
            item["tags"] = [fl.protocol]
        route = model.layout.flows.get(fl.id)
        if route is not None:
            item["attributes"]["workbench.route"] = _dump(route)
        doc["dataflows"].append(item)
    for t in model.threats:
        sev = max(t.impact.values(), default=0)
        item = {"id": t.id, "name": t.title or t.catalog_id,
                "categories": [_STRIDE_NAMES[s] for s in t.stride],
                "risk": {"likelihood": None if t.likelihood is None
                         else min(100, t.likelihood * SCALE),
                         "impact": min(100, sev * SCALE)},
                "attributes": {"workbench.threat": _dump(t, exclude={"mitigations"})}}
        if t.comment:
            item["description"] = t.comment
        doc["threats"].append(item)
    for ctl in model.controls:
        item = {"id": ctl.id, "name": ctl.title,
                "riskReduction": round((ctl.effectiveness if ctl.effectiveness is not None
                                        else 0.5) * 100),
                "attributes": {"workbench.control": _dump(ctl)}}
        if ctl.evidence:
            item["description"] = ctl.evidence
        doc["mitigations"].append(item)
    return doc


def dumps_otm(model: ThreatModel) -> str:
    """OTM JSON; control and bidi characters as ``\\uXXXX`` escapes (same data, and a
    viewer or terminal shows them instead of obeying them)."""
    return json_escape_unsafe(json.dumps(model_to_otm(model), indent=2,
                                         ensure_ascii=False)) + "\n"


def default_library() -> StencilLibrary:
    return default_stencils()
