"""Assemble a workbench model from the pieces an importer finds, then validate it.

Importers speak in foreign ids; the builder turns them into valid unique ids, classifies
components with the :class:`StencilMapper`, and keeps a record of every decision.
"""

from __future__ import annotations

from typing import Any

from workbench.interop.common import (
    UNMAPPED_MARKER,
    IdMaker,
    ImportResult,
    fail,
    finish,
    max_elements,
)
from workbench.interop.mapping import MappingDecision, StencilMapper
from workbench.model.defaults import default_risk_settings
from workbench.model.enums import Layer
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import FORMAT_NAME, SCHEMA_VERSION

TITLE_MAX = 500
TEXT_MAX = 20_000


def _with_full_name(description: str | None, full: str | None) -> str | None:
    if not full:
        return description
    return f"Full name: {full}" + (f"\n\n{description}" if description else "")


def short(text: str | None, limit: int = TITLE_MAX) -> str | None:
    if text is None:
        return None
    text = str(text).strip()
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None


class ModelBuilder:
    def __init__(self, source: str, fmt: str, stencils: StencilLibrary | None = None):
        self.source = source
        self.fmt = fmt
        self.stencils = stencils or default_stencils()
        self.mapper = StencilMapper(self.stencils)
        self.ids = IdMaker()
        self.zones: list[dict[str, Any]] = []
        self.assets: list[dict[str, Any]] = []
        self.components: list[dict[str, Any]] = []
        self.component_ids: set[str] = set()
        self.flows: list[dict[str, Any]] = []
        self.threats: list[dict[str, Any]] = []
        self.controls: list[dict[str, Any]] = []
        self.layout: dict[str, dict[str, Any]] = {"elements": {}, "zones": {}, "flows": {}}
        self.mapping: list[MappingDecision] = []
        self.warnings: list[str] = []
        self._keys: set[str] = set()
        self._limit = max_elements()
        self._count = 0
        #: What was left out and why (one line each), also in :attr:`warnings`.
        self.skipped: list[str] = []
        #: Self-loop flows left out: foreign flow id -> our id of the element it loops on.
        self.loops: dict[str, str] = {}

    def _one_more(self) -> None:
        """Count an element; past the limit, stop with one line (any format, any path)."""
        self._count += 1
        if self._count > self._limit:
            raise fail(self.source, "$", f"more than {self._limit:,} elements (components, "
                                         f"flows and zones), the limit per import (set "
                                         f"WORKBENCH_MAX_ELEMENTS to raise it)")

    def skip(self, what: str) -> None:
        """Record something left out of the import; the summary lists it."""
        self.skipped.append(what)
        self.warnings.append(f"skipped: {what}")

    def title(self, name: str | None, what: str) -> tuple[str | None, str | None]:
        """(name fit for a 500-character field, the full name when it had to be cut).

        The cut is visible (ends with an ellipsis) and reported; the caller keeps the full
        name in the description so nothing the vendor wrote is lost.
        """
        if name is None:
            return None, None
        name = str(name).strip()
        if len(name) <= TITLE_MAX:
            return name or None, None
        self.warnings.append(f"{what}: name of {len(name)} characters cut to {TITLE_MAX} "
                             f"(ends with '…'; the full name is kept in the description)")
        return short(name), name

    # -- zones and assets --------------------------------------------------------------
    def add_zone(self, foreign: str, name: str | None, *, kind: str = "other",
                 trust_level: int = 5, parent: str | None = None,
                 description: str | None = None, box: dict[str, float] | None = None) -> str:
        self._one_more()
        zid = self.ids.make(foreign, space="zone", hint="zone")
        name, full = self.title(name, f"trust zone {zid}")
        zone: dict[str, Any] = {"id": zid, "name": name or zid, "kind": kind,
                                "trust_level": max(0, min(10, int(trust_level)))}
        if parent:
            zone["parent"] = parent
        description = _with_full_name(description, full)
        if description:
            zone["description"] = short(description, TEXT_MAX)
        if (source_id := self.ids.source_id(zid, "zone")) is not None:
            zone["source_id"] = short(source_id)
        self.zones.append(zone)
        if box:
            self.layout["zones"][zid] = box
        return zid

    def add_asset(self, foreign: str, data: dict[str, Any]) -> str:
        aid = self.ids.make(foreign, space="asset", hint="asset")
        self.assets.append({"id": aid, **data})
        return aid

    # -- components --------------------------------------------------------------------
    def add_component(self, foreign: str, name: str | None, foreign_type: str = "", *,
                      layer_hint: Layer = Layer.CLOUD, zone: str | None = None,
                      description: str | None = None, extra: str = "",
                      box: dict[str, float] | None = None,
                      properties: dict[str, Any] | None = None,
                      stencil: str | None = None, kind: str = "") -> str:
        self._one_more()
        cid = self.ids.make(foreign, space="element", hint="element")
        name, full = self.title(name, f"element {cid}")
        name = name or short(foreign_type) or cid
        description = _with_full_name(description, full)
        props = dict(properties or {})
        if stencil and stencil in self.stencils:
            decision = MappingDecision(cid, name, foreign_type, stencil,
                                       self.stencils[stencil].layer, True, "kept from source")
        else:
            decision = self.mapper.map(cid, name, foreign_type, layer_hint, extra, kind)
        self.mapping.append(decision)
        if not decision.mapped:
            note = (f"{UNMAPPED_MARKER} imported from {self.fmt} as type "
                    f"{foreign_type or 'unknown'!r}; guess: {decision.stencil} "
                    f"({decision.layer.value}), {decision.confidence} confidence: "
                    f"{decision.how}. Reclassify it.")
            props["notes"] = f"{note}\n{props['notes']}" if props.get("notes") else note
        comp: dict[str, Any] = {"id": cid, "name": name, "stencil": decision.stencil,
                                "layer": decision.layer.value, "properties": props}
        if zone:
            comp["zone"] = zone
        if description:
            comp["description"] = short(description, TEXT_MAX)
        if (source_id := self.ids.source_id(cid, "element")) is not None:
            comp["source_id"] = short(source_id)
        self.components.append(comp)
        self.component_ids.add(cid)
        if box:
            self.layout["elements"][cid] = box
        return cid

    def placeholder(self, foreign: str, why: str, layer_hint: Layer = Layer.THING) -> str:
        """An end a flow points to that the source never drew: kept, named, and flagged."""
        self.warnings.append(why)
        return self.add_component(foreign, "Unconnected end", "unconnected",
                                  layer_hint=layer_hint, properties={"notes": why})

    def flow_end(self, ref: object, flow: str, which: str) -> str:
        """Our id of a flow's end; a missing or unknown end becomes a flagged placeholder
        (one warning), so one odd arrow never refuses the whole file."""
        foreign = "" if ref is None else str(ref).strip()
        ours = self.ids.get(foreign, space="element") if foreign else None
        if ours is not None:
            return ours
        if not foreign:
            why = (f"flow {flow!r} has no {which} element in the source diagram (dangling "
                   f"arrow); an 'Unconnected end' was added")
        else:
            why = (f"flow {flow!r}: its {which} refers to unknown element {foreign!r}; an "
                   f"'Unconnected end' was added")
        return self.placeholder(f"{flow}-{which}", why)

    def element(self, foreign: str) -> str | None:
        """Our id of a foreign component, else of a foreign flow (threats sit on either)."""
        return (self.ids.get(foreign, space="element") or self.ids.get(foreign, space="flow")
                or self.loops.get(foreign))

    # -- flows, threats, controls ------------------------------------------------------
    def add_flow(self, foreign: str, source: str, target: str, **fields: Any) -> str | None:
        """A flow, or None when it goes from an element to itself (skipped and reported:
        the model has no self-loops; a threat the source put on it goes to the element)."""
        if source == target:
            self.skip(f"flow {foreign!r} ({fields.get('name') or 'unnamed'}) goes from "
                      f"{source!r} to itself")
            self.loops[foreign] = source
            return None
        self._one_more()
        # Own key space: a flow may reuse a component's foreign id; ``used`` keeps ours unique.
        fid = self.ids.make(foreign, space="flow", hint="flow")
        flow = {"id": fid, "source": source, "target": target}
        for key, value in fields.items():
            if value not in (None, "", [], False):
                flow[key] = value
        if "name" in flow:
            name, full = self.title(flow["name"], f"flow {fid}")
            flow["name"] = name
            if full:
                flow["notes"] = _with_full_name(flow.get("notes"), full)
        if "notes" in flow:
            flow["notes"] = short(flow["notes"], TEXT_MAX)
        if (source_id := self.ids.source_id(fid, "flow")) is not None:
            flow["source_id"] = short(source_id)
        self.flows.append(flow)
        return fid

    def add_control(self, foreign: str, title: str, **fields: Any) -> str:
        cid = self.ids.make(foreign, space="control", hint="control")
        control = {"id": cid, "title": short(title) or cid}
        control.update({k: v for k, v in fields.items() if v not in (None, "", [])})
        if "evidence" in control:
            control["evidence"] = short(control["evidence"], TEXT_MAX)
        self.controls.append(control)
        return cid

    def add_threat(self, foreign: str, element: str, *, key: str, catalog_id: str,
                   **fields: Any) -> str:
        tid = self.ids.make(foreign, space="threat", hint="threat")
        key = short(key) or tid
        base, n = key, 2
        while key in self._keys:
            key, n = f"{base}#{n}", n + 1
        self._keys.add(key)
        threat: dict[str, Any] = {"id": tid, "key": key, "catalog_id": short(catalog_id),
                                  "element": element, "manual": True}
        for name, value in fields.items():
            if value in (None, "", [], {}):
                continue
            threat[name] = short(value) if name in {"title", "owner", "cvss"} else (
                short(value, TEXT_MAX) if name in {"reason", "comment"} else value)
        self.threats.append(threat)
        return tid

    # -- result -------------------------------------------------------------------------
    def build(self, metadata: dict[str, Any], *, risk: dict[str, Any] | None = None,
              extra: dict[str, Any] | None = None) -> ImportResult:
        if not self.components:
            raise fail(self.source, "$", f"no elements found: is this really a "
                                         f"{self.fmt} model?")
        doc: dict[str, Any] = {
            "format": FORMAT_NAME, "schema_version": SCHEMA_VERSION,
            "metadata": {k: v for k, v in metadata.items() if v not in (None, "", [])},
            "risk": risk or default_risk_settings().model_dump(mode="json", exclude_none=True),
            "zones": self.zones, "data_assets": self.assets, "components": self.components,
            "flows": self.flows, "threats": self.threats, "controls": self.controls,
            "layout": self.layout, **(extra or {}),
        }
        doc["metadata"].setdefault("title", "Imported model")
        model = finish(doc, self.source, self.stencils)
        counts = {"components": len(self.components), "flows": len(self.flows),
                  "trust zones": len(self.zones), "threats": len(self.threats),
                  "controls": len(self.controls)}
        return ImportResult(model, self.fmt, self.mapping, self.warnings, counts,
                            skipped=self.skipped)
