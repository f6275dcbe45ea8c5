"""OWASP Threat Dragon v2 JSON import.

A Threat Dragon model is ``{version, summary, detail: {diagrams: [{cells: [...]}]}}``. Cells
are actors, processes and stores (components), flows, trust boundaries (boxes or curves) and
text blocks. Boxes become trust zones holding the components drawn inside them; curves are
lines, so they become zones with no members and every flow that crosses one says so in its
notes. Text blocks go to the model description. Each threat becomes a threat instance, and
its mitigation text a control linked to it. Nothing is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.interop.builder import ModelBuilder
from workbench.interop.common import (
    Fields,
    ImportResult,
    check_element_count,
    fail,
    read_bytes_guarded,
)
from workbench.interop.geometry import box_contains, box_inside, center, segments_cross
from workbench.model.enums import ControlStatus, Layer, Stride, ThreatStatus
from workbench.model.io import parse_json_text
from workbench.model.stencils import StencilLibrary

NODE_SHAPES = {"actor": Layer.THING, "process": Layer.CLOUD, "store": Layer.CLOUD}
DFD_KIND = {"actor": "external", "process": "process", "store": "store"}
TYPE_SHAPES = {"tm.Actor": "actor", "tm.Process": "process", "tm.Store": "store",
               "tm.Flow": "flow", "tm.Boundary": "trust-boundary-curve",
               "tm.BoundaryBox": "trust-boundary-box", "tm.Text": "td-text-block"}
STRIDE_NAMES = {"spoofing": Stride.SPOOFING, "tampering": Stride.TAMPERING,
                "repudiation": Stride.REPUDIATION,
                "information disclosure": Stride.INFORMATION_DISCLOSURE,
                "denial of service": Stride.DENIAL_OF_SERVICE,
                "elevation of privilege": Stride.ELEVATION_OF_PRIVILEGE}
STATUS = {"open": ThreatStatus.ACCEPTED, "mitigated": ThreatStatus.MITIGATED,
          "na": ThreatStatus.REJECTED, "n/a": ThreatStatus.REJECTED,
          "notapplicable": ThreatStatus.REJECTED}


def import_threatdragon(path: str | Path,
                        stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    doc = parse_json_text(read_bytes_guarded(path), str(path))
    return threatdragon_to_model(doc, str(path), stencils)


def shape_of(cell: dict[str, Any]) -> str:
    """The cell's kind; older files only carry ``data.type``."""
    shape = cell.get("shape")
    if isinstance(shape, str) and shape:
        return shape
    data = cell.get("data")
    return TYPE_SHAPES.get(data.get("type", ""), "") if isinstance(data, dict) else ""


V1_DATA = ("description", "outOfScope", "reasonOutOfScope", "threats", "protocol",
           "isEncrypted", "isPublicNetwork", "isBidirectional", "isALog", "storesCredentials",
           "privilegeLevel")


def is_v1(doc: Any) -> bool:
    """Threat Dragon 1.x keeps each diagram's cells under ``diagramJson`` (JointJS)."""
    detail = doc.get("detail") if isinstance(doc, dict) else None
    diagrams = detail.get("diagrams") if isinstance(detail, dict) else None
    return isinstance(diagrams, list) and any(
        isinstance(d, dict) and "diagramJson" in d for d in diagrams)


def upgrade_v1(f: Fields, doc: dict[str, Any]) -> dict[str, Any]:
    """A Threat Dragon 1.x document rewritten as 2.x cells, so one reader serves both.

    1.x cells carry ``type`` (``tm.Actor``, ``tm.Process``, ``tm.Store``, ``tm.Flow``,
    ``tm.Boundary``) and their properties at the top level, the name in
    ``attrs.text.text`` (a flow's in ``labels[0].attrs.text.text``), and flow ends as
    ``{"id": cell}``; 2.x has ``shape``, ``data`` and ``{"cell": cell}``.
    """
    detail = f.obj(doc.get("detail"), "detail")
    diagrams = []
    for d, raw in enumerate(f.lst(detail.get("diagrams"), "detail.diagrams")):
        here = f"detail.diagrams[{d}]"
        diagram = f.obj(raw, here)
        graph = f.obj(diagram.get("diagramJson"), f"{here}.diagramJson", optional=True)
        cells = []
        for i, rawc in enumerate(f.lst(graph.get("cells"), f"{here}.diagramJson.cells")):
            cell = f.obj(rawc, f"{here}.diagramJson.cells[{i}]")
            ctype = cell.get("type") if isinstance(cell.get("type"), str) else ""
            data: dict[str, Any] = {k: cell[k] for k in V1_DATA if k in cell}
            data["type"] = ctype
            name = _label_text(cell.get("attrs"))
            labels = cell.get("labels")
            if name is None and isinstance(labels, list) and labels:
                first = labels[0]
                name = _label_text(first.get("attrs")) if isinstance(first, dict) else None
            if name is not None:
                data["name"] = name
            new: dict[str, Any] = {"id": cell.get("id"), "shape": TYPE_SHAPES.get(ctype, ctype),
                                   "data": data}
            for key in ("position", "size", "vertices"):
                if key in cell:
                    new[key] = cell[key]
            for key in ("source", "target"):
                end = cell.get(key)
                if isinstance(end, dict) and "id" in end:
                    new[key] = {"cell": end.get("id")}
                elif end is not None:
                    new[key] = end
            cells.append(new)
        diagrams.append({"title": diagram.get("title"), "cells": cells})
    return {**doc, "version": "2.0.0-from-1",
            "detail": {**detail, "diagrams": diagrams}}


def _label_text(attrs: Any) -> str | None:
    text = attrs.get("text") if isinstance(attrs, dict) else None
    value = text.get("text") if isinstance(text, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def threatdragon_to_model(doc: Any, source: str,
                          stencils: StencilLibrary | None = None) -> ImportResult:
    f = Fields(source)
    doc = f.obj(doc, "$")
    v1 = is_v1(doc)
    if v1:
        doc = upgrade_v1(f, doc)
    version = f.text(doc, "version", "")
    if version is not None and not version.startswith("2"):
        raise fail(source, "version", f"Threat Dragon version {version!r} is not supported "
                                      f"(expected 2.x)")
    summary = f.obj(doc.get("summary"), "summary", optional=True)
    detail = f.obj(doc.get("detail"), "detail")
    diagrams = f.lst(detail.get("diagrams"), "detail.diagrams")
    if not diagrams:
        raise fail(source, "detail.diagrams", "no diagram in this Threat Dragon model")
    check_element_count(sum(len(d.get("cells") or []) for d in diagrams
                            if isinstance(d, dict) and isinstance(d.get("cells"), list)),
                        source, "cells")
    b = ModelBuilder(source, "threatdragon", stencils)
    if v1:
        b.warnings.append("Threat Dragon 1.x file: read through its 2.x equivalent (cells, "
                          "names, flows, boundaries and threats; diagram styling ignored)")
    notes: list[str] = []

    for d, raw_diagram in enumerate(diagrams):
        dpath = f"detail.diagrams[{d}]"
        diagram = f.obj(raw_diagram, dpath)
        cells = [(f.obj(c, f"{dpath}.cells[{i}]"), f"{dpath}.cells[{i}]")
                 for i, c in enumerate(f.lst(diagram.get("cells"), f"{dpath}.cells"))]
        boxes: list[tuple[str, dict[str, float]]] = []
        curves: list[tuple[str, list[tuple[float, float]]]] = []
        # Boundaries first, so components can be placed in them; biggest boxes first, so a
        # box drawn inside another becomes its child zone.
        box_cells = [(cell, here, _box(f, cell, here)) for cell, here in cells
                     if shape_of(cell) == "trust-boundary-box"]
        box_cells.sort(key=lambda item: -((item[2] or {}).get("w", 0.0)
                                          * (item[2] or {}).get("h", 0.0)))
        for cell, here, box in box_cells:
            data = f.obj(cell.get("data"), f"{here}.data", optional=True)
            parents = [(pb["w"] * pb["h"], zid) for zid, pb in boxes
                       if box and box_inside(box, pb)]
            zid = b.add_zone(_id(f, cell, here), _name(f, cell, data, here)
                             or f"Trust boundary {len(b.zones) + 1}", box=box,
                             parent=min(parents)[1] if parents else None,
                             description=f.text(data, "description", f"{here}.data"))
            if box:
                boxes.append((zid, box))
        for cell, here in cells:
            shape = shape_of(cell)
            data = f.obj(cell.get("data"), f"{here}.data", optional=True)
            if shape == "trust-boundary-curve":
                zid = b.add_zone(_id(f, cell, here), _name(f, cell, data, here)
                                 or f"Trust boundary {len(b.zones) + 1}",
                                 description="Line boundary drawn in Threat Dragon: the flows "
                                             "that cross it say so in their notes; assign the "
                                             "components on each side to zones.")
                curves.append((zid, _polyline(f, cell, here)))
        for cell, here in cells:
            shape = shape_of(cell)
            data = f.obj(cell.get("data"), f"{here}.data", optional=True)
            if shape in NODE_SHAPES:
                box = _box(f, cell, here)
                inside = [(zb["w"] * zb["h"], zid) for zid, zb in boxes
                          if box and box_contains(zb, center(box))]
                props: dict[str, Any] = {}
                extra = []
                if f.flag(data, "outOfScope", f"{here}.data"):
                    extra.append("Out of scope in Threat Dragon: "
                                 + (f.text(data, "reasonOutOfScope", f"{here}.data") or ""))
                if data.get("isALog"):
                    props["logging"] = True
                if data.get("storesCredentials"):
                    extra.append("Stores credentials.")
                if data.get("isEncrypted") is True and shape == "store":
                    props["encryption_at_rest"] = True
                if extra:
                    props["notes"] = "\n".join(extra)
                b.add_component(_id(f, cell, here), _name(f, cell, data, here), shape,
                                layer_hint=NODE_SHAPES[shape],
                                zone=min(inside)[1] if inside else None,
                                description=f.text(data, "description", f"{here}.data",
                                                   limit=20_000),
                                box=box, properties=props, kind=DFD_KIND[shape])
            elif shape == "td-text-block":
                text = _name(f, cell, data, here)
                if text:
                    notes.append(text)
            elif shape not in {"flow", "trust-boundary-box", "trust-boundary-curve"}:
                b.warnings.append(f"{here}: unknown cell shape {shape!r} "
                                  f"({_name(f, cell, data, here)!r}) not imported")
        positions = {c["id"]: center(box) for c in b.components
                     if (box := b.layout["elements"].get(c["id"]))}
        for cell, here in cells:
            if shape_of(cell) != "flow":
                continue
            data = f.obj(cell.get("data"), f"{here}.data", optional=True)
            ends = [_end(f, b, cell, key, here) for key in ("source", "target")]
            crossing = [z for z, line in curves
                        if ends[0] in positions and ends[1] in positions
                        and segments_cross((positions[ends[0]], positions[ends[1]]), line)]
            names = {z["id"]: z["name"] for z in b.zones}
            flow_notes = [f"Crosses trust boundary {names[z]!r} ({z})." for z in crossing]
            if f.flag(data, "isPublicNetwork", f"{here}.data"):
                flow_notes.append("Carried over a public network.")
            if f.flag(data, "outOfScope", f"{here}.data"):
                flow_notes.append("Out of scope in Threat Dragon: "
                                  + (f.text(data, "reasonOutOfScope", f"{here}.data") or ""))
            if f.text(data, "description", f"{here}.data"):
                flow_notes.append(f.text(data, "description", f"{here}.data", limit=20_000))
            fid = b.add_flow(_id(f, cell, here), ends[0], ends[1],
                             name=_name(f, cell, data, here),
                             protocol=f.text(data, "protocol", f"{here}.data"),
                             encrypted=f.flag(data, "isEncrypted", f"{here}.data"),
                             bidirectional=f.flag(data, "isBidirectional", f"{here}.data"),
                             notes="\n".join(flow_notes) or None)
            _threats(f, b, data, here, fid or ends[0])
        for cell, here in cells:
            if shape_of(cell) in NODE_SHAPES:
                data = f.obj(cell.get("data"), f"{here}.data", optional=True)
                _threats(f, b, data, here, b.element(_id(f, cell, here)) or "")

    title = f.text(summary, "title", "summary") or "Threat Dragon model"
    description = f.text(summary, "description", "summary", limit=20_000)
    if notes:
        description = "\n\n".join([description or "", *notes]).strip()
    authors = [str(c.get("name")) for c in f.lst(detail.get("contributors"),
                                                  "detail.contributors")
               if isinstance(c, dict) and c.get("name")]
    return b.build({"title": title, "owner": f.text(summary, "owner", "summary"),
                    "description": description, "authors": authors})


def _threats(f: Fields, b: ModelBuilder, data: dict[str, Any], here: str, element: str) -> None:
    for j, raw in enumerate(f.lst(data.get("threats"), f"{here}.data.threats")):
        tpath = f"{here}.data.threats[{j}]"
        t = f.obj(raw, tpath)
        ident = f.text(t, "id", tpath) or f"{element}-threat-{j + 1}"
        status = STATUS.get((f.text(t, "status", tpath) or "open").lower().replace(" ", ""),
                            ThreatStatus.SUGGESTED)
        ttype = f.text(t, "type", tpath) or ""
        stride = STRIDE_NAMES.get(ttype.lower())
        comment = [x for x in (f.text(t, "description", tpath, limit=20_000),
                               f"Severity in Threat Dragon: {t['severity']}"
                               if t.get("severity") else None,
                               f"Type: {ttype} ({t.get('modelType', 'STRIDE')})"
                               if ttype and not stride else None) if x]
        links = []
        mitigation = f.text(t, "mitigation", tpath, limit=20_000)
        if mitigation:
            control = b.add_control(f"{ident}-mitigation", mitigation.splitlines()[0],
                                    elements=[element], evidence=mitigation,
                                    status=(ControlStatus.IMPLEMENTED.value
                                            if status == ThreatStatus.MITIGATED
                                            else ControlStatus.PLANNED.value))
            links.append({"control": control,
                          "status": (ControlStatus.IMPLEMENTED.value
                                     if status == ThreatStatus.MITIGATED
                                     else ControlStatus.PLANNED.value)})
        b.add_threat(ident, element, key=f"threatdragon:{ident}",
                     catalog_id=f"threatdragon:{ttype or 'threat'}",
                     title=f.text(t, "title", tpath) or ttype or "Threat",
                     stride=[stride.value] if stride else [], status=status.value,
                     comment="\n".join(comment), mitigations=links)


def _id(f: Fields, cell: dict[str, Any], here: str) -> str:
    return f.text(cell, "id", here, required=True) or ""


def _name(f: Fields, cell: dict[str, Any], data: dict[str, Any], here: str) -> str | None:
    name = f.text(data, "name", f"{here}.data", limit=20_000)
    if name is None:
        attrs = cell.get("attrs")
        text = attrs.get("text") if isinstance(attrs, dict) else None
        if isinstance(text, dict) and isinstance(text.get("text"), str):
            name = text["text"].strip() or None
    return " ".join(name.split()) if name else None


def _box(f: Fields, cell: dict[str, Any], here: str) -> dict[str, float] | None:
    pos = cell.get("position")
    size = cell.get("size")
    if not isinstance(pos, dict):
        return None
    box = {"x": f.number(pos, "x", f"{here}.position", 0.0),
           "y": f.number(pos, "y", f"{here}.position", 0.0)}
    if isinstance(size, dict):
        box["w"] = f.number(size, "width", f"{here}.size", 0.0)
        box["h"] = f.number(size, "height", f"{here}.size", 0.0)
    else:
        box["w"] = box["h"] = 0.0
    return box  # type: ignore[return-value]


def _point(f: Fields, value: Any, here: str) -> tuple[float, float] | None:
    if isinstance(value, dict) and "x" in value and "y" in value:
        return (f.number(value, "x", here, 0.0) or 0.0, f.number(value, "y", here, 0.0) or 0.0)
    return None


def _polyline(f: Fields, cell: dict[str, Any], here: str) -> list[tuple[float, float]]:
    points = [_point(f, cell.get("source"), f"{here}.source")]
    points += [_point(f, v, f"{here}.vertices[{i}]")
               for i, v in enumerate(f.lst(cell.get("vertices"), f"{here}.vertices"))]
    points.append(_point(f, cell.get("target"), f"{here}.target"))
    return [p for p in points if p is not None]


def _end(f: Fields, b: ModelBuilder, cell: dict[str, Any], key: str, here: str) -> str:
    end = f.obj(cell.get(key), f"{here}.{key}", optional=True)
    ref = end.get("cell")
    return b.flow_end(ref if isinstance(ref, str | int) else None, str(cell.get("id")), key)
