"""Upgrades older model documents to the current schema, one version step at a time.

Version 0 was the draft format used before 1.0: ``elements`` instead of ``components``,
plural layer names (``things``), flows with ``from``/``to``/``two_way``, and a flat
``title`` instead of ``metadata``. Each step is a pure function on plain JSON data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.model.errors import ModelError, Problem
from workbench.model.threat_model import SCHEMA_VERSION

_V0_LAYERS = {"things": "thing", "gateways": "gateway", "networks": "network", "clouds": "cloud",
              "cloud": "cloud"}


def _v0_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in doc.items() if k not in {"elements", "title", "owner", "version"}}
    metadata = doc.get("metadata") or {}
    if not isinstance(metadata, dict):  # left as is: validation names it
        out["metadata"] = metadata
    else:
        out["metadata"] = dict(metadata)
        for key in ("title", "owner", "version"):
            if key in doc:
                out["metadata"].setdefault(key, doc[key])
        out["metadata"].setdefault("title", "Untitled model")
    for key in ("elements", "flows"):
        if not isinstance(doc.get(key, []), list):
            raise ModelError([Problem(key, f"must be a list, not {type(doc[key]).__name__}")])
    components = []
    for element in doc.get("elements", []):
        if not isinstance(element, dict):
            components.append(element)
            continue
        comp = dict(element)
        if isinstance(comp.get("layer"), str):
            comp["layer"] = _V0_LAYERS.get(comp["layer"], comp["layer"])
        if "type" in comp and "stencil" not in comp:
            comp["stencil"] = comp.pop("type")
        components.append(comp)
    out["components"] = components
    flows = []
    for flow in doc.get("flows", []):
        if isinstance(flow, dict):
            flow = dict(flow)
            for old, new in (("from", "source"), ("to", "target"), ("two_way", "bidirectional")):
                if old in flow:
                    flow[new] = flow.pop(old)
        flows.append(flow)
    out["flows"] = flows
    out["format"] = "threat-workbench-model"
    out["schema_version"] = 1
    return out


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Flow ``authenticated: true/false`` becomes ``authentication: strong/none``.

    ``true`` maps to ``strong`` so a migrated model keeps the analysis it had; an analyst
    who knows the key is fleet-wide or the pairing is "Just Works" sets ``weak``.
    """
    out = dict(doc)
    if isinstance(doc.get("flows"), list):  # anything else is left for validation to report
        flows = []
        for flow in doc["flows"]:
            if isinstance(flow, dict) and isinstance(flow.get("authenticated"), bool):
                flow = dict(flow)
                value = flow.pop("authenticated")
                flow.setdefault("authentication", "strong" if value else "none")
            flows.append(flow)
        out["flows"] = flows
    out["schema_version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1,
                                                                     1: _v1_to_v2}


def migrate(doc: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Bring ``doc`` to the current version; returns it and the version it was read at."""
    version = doc.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelError([Problem("schema_version", f"must be an integer, not {version!r}")])
    if version > SCHEMA_VERSION:
        raise ModelError([Problem("schema_version",
                                  f"written by a newer Threat Workbench (schema {version}); this "
                                  f"version reads up to {SCHEMA_VERSION}")])
    if version < 0:
        raise ModelError([Problem("schema_version", f"unknown schema version {version}")])
    original = version
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc, original
