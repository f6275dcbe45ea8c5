"""Assemble a workbench model from the pieces an importer finds, then validate it.

Importers speak in foreign ids; the builder turns them into valid unique ids, classifies
components with the :class:`StencilMapper`, and keeps a record of every decision.
"""

from __future__ import annotations

from typing import Any

from workbench.interop.common import UNMAPPED_MARKER, IdMaker, ImportResult, fail, finish
from workbench.interop.mapping import MappingDecision, StencilMapper
from workbench.model.defaults import default_risk_settings
from workbench.model.enums import Layer
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import FORMAT_NAME, SCHEMA_VERSION

TITLE_MAX = 500
TEXT_MAX = 20_000


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

    # -- zones and assets --------------------------------------------------------------
    def add_zone(self, foreign: str, name: str | None, *, kind: str = "other",
                 trust_level: int = 5, parent: str | None = None,
                 description: str | None = None, box: dict[str, float] | None = None) -> str:
        zid = self.ids.make(foreign, space="zone", hint="zone")
        zone: dict[str, Any] = {"id": zid, "name": short(name) or zid, "kind": kind,
                                "trust_level": max(0, min(10, int(trust_level)))}
        if parent:
            zone["parent"] = parent
        if description:
            zone["description"] = short(description, TEXT_MAX)
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
                      stencil: str | None = None) -> str:
        cid = self.ids.make(foreign, space="element", hint="element")
        name = short(name) or foreign_type or cid
        props = dict(properties or {})
        if stencil and stencil in self.stencils:
            decision = MappingDecision(cid, name, foreign_type, stencil,
                                       self.stencils[stencil].layer, True, "kept from source")
        else:
            decision = self.mapper.map(cid, name, foreign_type, layer_hint, extra)
        self.mapping.append(decision)
        if not decision.mapped:
            note = (f"{UNMAPPED_MARKER} imported from {self.fmt} as type "
                    f"{foreign_type or 'unknown'!r}; no stencil matched. Reclassify it.")
            props["notes"] = f"{note}\n{props['notes']}" if props.get("notes") else note
        comp: dict[str, Any] = {"id": cid, "name": name, "stencil": decision.stencil,
                                "layer": decision.layer.value, "properties": props}
        if zone:
            comp["zone"] = zone
        if description:
            comp["description"] = short(description, TEXT_MAX)
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

    def element(self, foreign: str) -> str | None:
        """Our id of a foreign component, else of a foreign flow (threats sit on either)."""
        return self.ids.get(foreign, space="element") or self.ids.get(foreign, space="flow")

    # -- flows, threats, controls ------------------------------------------------------
    def add_flow(self, foreign: str, source: str, target: str, **fields: Any) -> str:
        # Own key space: a flow may reuse a component's foreign id; ``used`` keeps ours unique.
        fid = self.ids.make(foreign, space="flow", hint="flow")
        flow = {"id": fid, "source": source, "target": target}
        for key, value in fields.items():
            if value not in (None, "", [], False):
                flow[key] = short(value) if key == "name" else value
        if "notes" in flow:
            flow["notes"] = short(flow["notes"], TEXT_MAX)
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
        return ImportResult(model, self.fmt, self.mapping, self.warnings, counts)
