"""Threagile YAML import (``threagile_version: 1.x``).

Threagile (threagile.io, MIT) describes a system as code: ``technical_assets`` (each with a
``type`` process / datastore / external-entity, a ``technology`` such as ``browser``,
``database``, ``iot-device``, ``web-service-rest``, CIA ratings and the data it processes and
stores) whose nested ``communication_links`` are the data flows; ``trust_boundaries`` list the
assets inside and the boundaries nested in them; ``data_assets`` carry CIA ratings. That maps
closely onto our model:

* technical asset -> component; the technology is the foreign type the mapper reads first
  (``database`` says cloud store, ``browser`` and ``iot-device`` say thing), the asset's
  ``type`` is the layer hint; ``internet``, ``multi_tenant``, ``encryption`` (datastores) and
  the processed/stored data assets become properties; out of scope goes to the notes;
* communication link -> flow (``protocol``; encrypted when the protocol is ``https``, ``wss``,
  ``ssh``, ``sftp``, ``ldaps`` or any ``*-encrypted``; authenticated unless
  ``authentication: none``; data sent and received -> the flow's data assets; ``vpn`` noted);
* trust boundary -> zone (``trust_boundaries_nested`` -> parent zone; type words such as
  ``network-cloud-provider`` give the kind);
* data asset -> data asset, CIA words on 0-4 (public 0 ... strictly-confidential 4;
  archive 0 ... mission-critical 4);
* ``individual_risk_categories`` (risks the author wrote by hand) -> one threat instance per
  identified risk on its most relevant asset or link. Risks Threagile *computes* are not in
  the file, so they are not imported: our own rules suggest threats after import.

Threagile keys collections by title and gives every item an ``id``; ids are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.interop.builder import ModelBuilder
from workbench.interop.common import Fields, ImportResult, decode_text, fail, read_bytes_guarded
from workbench.interop.safe_yaml import safe_yaml_load
from workbench.model.enums import Layer, Stride, ThreatStatus, ZoneKind
from workbench.model.stencils import StencilLibrary

TYPE_LAYER = {"external-entity": Layer.THING, "process": Layer.CLOUD,
              "datastore": Layer.CLOUD}
#: Technologies that run on the user's or patient's side whatever the asset type says.
THING_TECH = {"browser", "desktop", "mobile-app", "iot-device", "client-system",
              "devops-client", "cli"}
GATEWAY_TECH = {"gateway", "reverse-proxy", "load-balancer", "waf"}
CONFIDENTIALITY = {"public": 0, "internal": 1, "restricted": 2, "confidential": 3,
                   "strictly-confidential": 4}
CRITICALITY = {"archive": 0, "operational": 1, "important": 2, "critical": 3,
               "mission-critical": 4}
ENCRYPTED_PROTOCOLS = {"https", "wss", "ssh", "sftp", "scp", "ldaps", "mqtts"}
BOUNDARY_KIND = (("cloud", ZoneKind.VENDOR_CLOUD), ("hoster", ZoneKind.VENDOR_CLOUD),
                 ("on-prem", ZoneKind.OTHER))
STRIDE = {"spoofing": Stride.SPOOFING, "tampering": Stride.TAMPERING,
          "repudiation": Stride.REPUDIATION,
          "information-disclosure": Stride.INFORMATION_DISCLOSURE,
          "denial-of-service": Stride.DENIAL_OF_SERVICE,
          "elevation-of-privilege": Stride.ELEVATION_OF_PRIVILEGE}


def looks_like_threagile(doc: Any) -> bool:
    return isinstance(doc, dict) and ("threagile_version" in doc
                                      or "technical_assets" in doc)


def import_threagile(path: str | Path, stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    source = str(path)
    doc = safe_yaml_load(decode_text(read_bytes_guarded(path), source), source)
    return threagile_to_model(doc, source, stencils)


def _level(f: Fields, data: dict[str, Any], key: str, here: str,
           scale: dict[str, int]) -> int | None:
    word = (f.text(data, key, here) or "").lower()
    if not word:
        return None
    if word not in scale:
        raise fail(f.source, f"{here}.{key}", f"unknown rating {word!r} (expected one of "
                                              f"{', '.join(scale)})")
    return scale[word]


def _items(f: Fields, doc: dict[str, Any], key: str, here: str
           ) -> list[tuple[str, dict[str, Any], str]]:
    """(title, body, path) of a Threagile collection (a mapping keyed by title)."""
    section = f.obj(doc.get(key), here, optional=True)
    return [(str(title), f.obj(body, f"{here}.{title}"), f"{here}.{title}")
            for title, body in section.items()]


def _strings(f: Fields, data: dict[str, Any], key: str, here: str) -> list[str]:
    return [str(v) for v in f.lst(data.get(key), f"{here}.{key}") if v is not None]


def threagile_to_model(doc: Any, source: str,
                       stencils: StencilLibrary | None = None) -> ImportResult:
    f = Fields(source)
    doc = f.obj(doc, "$")
    if not looks_like_threagile(doc):
        raise fail(source, "$", "not a Threagile model (no threagile_version and no "
                                "technical_assets)")
    version = f.text(doc, "threagile_version", "") or "1"
    if not version.startswith("1"):
        raise fail(source, "threagile_version", f"Threagile version {version!r} is not "
                                                f"supported (expected 1.x)")
    b = ModelBuilder(source, "threagile", stencils)

    asset_ids: dict[str, str] = {}
    for title, a, here in _items(f, doc, "data_assets", "data_assets"):
        foreign = f.text(a, "id", here) or title
        data: dict[str, Any] = {"name": title}
        for key, scale in (("confidentiality", CONFIDENTIALITY), ("integrity", CRITICALITY),
                           ("availability", CRITICALITY)):
            level = _level(f, a, key, here, scale)
            if level is not None:
                data[key] = level
        text = " ".join(x for x in (f.text(a, "description", here, limit=20_000),
                                    f.text(a, "justification_cia_rating", here,
                                           limit=20_000)) if x)
        if text:
            data["description"] = text
        words = f"{title} {f.text(a, 'description', here, limit=20_000) or ''}".lower()
        if any(w in words for w in ("patient", "health", "medical", "clinical")):
            data.update(kind="health_data", personal=True, special_category=True)
        elif any(w in words for w in ("password", "credential", "secret", "token", "key")):
            data["kind"] = "credentials"
        asset_ids[foreign] = b.add_asset(foreign, data)

    def assets(values: list[str], here: str) -> list[str]:
        out = []
        for value in values:
            if value in asset_ids:
                out.append(asset_ids[value])
            else:
                b.warnings.append(f"{here}: unknown data asset {value!r} not linked")
        return list(dict.fromkeys(out))

    boundaries = _items(f, doc, "trust_boundaries", "trust_boundaries")
    zone_of: dict[str, str] = {}
    parent_of: dict[str, str] = {}
    zone_ids: dict[str, str] = {}
    for title, t, here in boundaries:
        foreign = f.text(t, "id", here) or title
        ttype = (f.text(t, "type", here) or "").lower()
        kind = next((k for word, k in BOUNDARY_KIND if word in ttype), ZoneKind.OTHER)
        zone_ids[foreign] = b.add_zone(foreign, title, kind=kind.value,
                                       description=" ".join(x for x in (
                                           f.text(t, "description", here, limit=20_000),
                                           f"Threagile boundary type {ttype!r}." if ttype
                                           else None) if x))
        for inner in _strings(f, t, "trust_boundaries_nested", here):
            parent_of[inner] = foreign
        for asset in _strings(f, t, "technical_assets_inside", here):
            zone_of.setdefault(asset, foreign)
    for zone in b.zones:
        foreign = b.ids.foreign_of.get(("zone", zone["id"]), zone["id"])
        if foreign in parent_of and parent_of[foreign] in zone_ids:
            zone["parent"] = zone_ids[parent_of[foreign]]
    # An asset listed in a boundary and in one nested inside it belongs to the inner one.
    for title, t, here in boundaries:
        foreign = f.text(t, "id", here) or title
        if foreign in parent_of:
            for asset in _strings(f, t, "technical_assets_inside", here):
                zone_of[asset] = foreign

    technical = _items(f, doc, "technical_assets", "technical_assets")
    for title, t, here in technical:
        foreign = f.text(t, "id", here) or title
        atype = (f.text(t, "type", here) or "").lower()
        tech = (f.text(t, "technology", here) or "").lower()
        hint = (Layer.THING if tech in THING_TECH or f.flag(t, "used_as_client_by_human", here)
                else Layer.GATEWAY if tech in GATEWAY_TECH
                else TYPE_LAYER.get(atype, Layer.CLOUD))
        props: dict[str, Any] = {}
        if f.flag(t, "internet", here):
            props["internet_exposed"] = True
        if f.flag(t, "multi_tenant", here):
            props["multi_tenant"] = True
        encryption = (f.text(t, "encryption", here) or "").lower()
        if atype == "datastore" and encryption:
            props["encryption_at_rest"] = encryption != "none"
        held = assets([*_strings(f, t, "data_assets_processed", here),
                       *_strings(f, t, "data_assets_stored", here)], here)
        if held:
            props["data_assets"] = held
        notes = []
        if f.flag(t, "out_of_scope", here):
            notes.append("Out of scope in Threagile: "
                         + (f.text(t, "justification_out_of_scope", here) or ""))
        if f.text(t, "owner", here):
            props["vendor"] = f.text(t, "owner", here)
        if notes:
            props["notes"] = "\n".join(notes)
        zone = zone_of.get(foreign)
        b.add_component(foreign, title, f"{atype} {tech}".strip(), layer_hint=hint,
                        zone=zone_ids.get(zone) if zone else None,
                        description=f.text(t, "description", here, limit=20_000),
                        extra=" ".join(_strings(f, t, "tags", here)), properties=props,
                        kind={"datastore": "store", "external-entity": "external"}.get(
                            atype, "process"))

    for title, t, here in technical:
        source_asset = b.ids.get(f.text(t, "id", here) or title, "element") or ""
        for link_title, link, lpath in _items(f, t, "communication_links",
                                              f"{here}.communication_links"):
            protocol = (f.text(link, "protocol", lpath) or "").lower()
            authentication = (f.text(link, "authentication", lpath) or "none").lower()
            notes = [x for x in (f.text(link, "description", lpath, limit=20_000),
                                 "Over a VPN." if f.flag(link, "vpn", lpath) else None,
                                 f"Authentication: {authentication}; authorisation: "
                                 f"{f.text(link, 'authorization', lpath) or 'none'}.")
                     if x]
            flow_foreign = f"{f.text(t, 'id', here) or title}>{link_title}"
            target = b.flow_end(f.text(link, "target", lpath), flow_foreign, "target")
            b.add_flow(flow_foreign, source_asset, target, name=link_title,
                       protocol=protocol or None,
                       encrypted=protocol in ENCRYPTED_PROTOCOLS or "encrypted" in protocol,
                       authenticated=authentication != "none",
                       data_assets=assets([*_strings(f, link, "data_assets_sent", lpath),
                                           *_strings(f, link, "data_assets_received", lpath)],
                                          lpath),
                       notes="\n".join(notes))
    links = {b.ids.foreign_of.get(("flow", fl["id"]), "").split(">", 1)[-1]: fl["id"]
             for fl in b.flows}

    for title, cat, here in _items(f, doc, "individual_risk_categories",
                                   "individual_risk_categories"):
        stride = STRIDE.get((f.text(cat, "stride", here) or "").lower())
        for risk_title, risk, rpath in _items(f, cat, "risks_identified",
                                              f"{here}.risks_identified"):
            element = None
            for key in ("most_relevant_technical_asset", "most_relevant_communication_link"):
                ref = f.text(risk, key, rpath)
                if ref:
                    element = b.element(ref) or links.get(ref)
                    if element:
                        break
            if element is None:
                b.skip(f"risk {risk_title!r} names no technical asset or link the model has")
                continue
            severity = f.text(risk, "severity", rpath)
            cid = f.text(cat, "id", here) or title
            b.add_threat(f"{cid}@{element}", element, key=f"threagile:{cid}@{element}",
                         catalog_id=f"threagile:{cid}", title=title,
                         stride=[stride.value] if stride else [],
                         status=ThreatStatus.ACCEPTED.value,
                         comment="\n".join(x for x in (
                             f.text(cat, "description", here, limit=20_000),
                             f"Severity in Threagile: {severity}" if severity else None,
                             f"Mitigation: {f.text(cat, 'mitigation', here, limit=20_000)}"
                             if f.text(cat, "mitigation", here) else None) if x))

    author = f.obj(doc.get("author"), "author", optional=True)
    overview = f.obj(doc.get("business_overview"), "business_overview", optional=True)
    return b.build({"title": f.text(doc, "title", "") or Path(source).stem,
                    "owner": f.text(author, "name", "author"),
                    "description": f.text(overview, "description", "business_overview",
                                          limit=20_000)})
