"""Check the catalog's MITRE EMB3D references against EMB3D's own mapping file.

The catalog cites EMB3D threats (TID), device properties (PID) and mitigations (MID) by hand.
EMB3D publishes, for each threat, the properties that expose a device and the mitigations
that counter it (``threats_properties_mitigations_mappings.json`` from mitre/emb3d
``_data/``). This module answers two questions a reviewer of the catalog asks:

* does every id we cite exist? (a typo or a retired id is an error);
* is each threat-control link of the catalog one that EMB3D also makes (one of the
  control's MIDs mitigates one of the threat's TIDs), or is it the project's own judgement?
  Judgement links are not errors (EMB3D does not cover clinical controls such as proximity
  gating); they are listed so a reviewer can look at them.

The mapping file is not shipped (MITRE's terms ask for notice); the user points to a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from workbench.analysis.catalog import Catalog
from workbench.model.errors import ModelError, Problem, format_loc
from workbench.model.io import read_json_document

#: A mapping file is about 60 KB; anything far larger is not one.
MAX_BYTES = 8 * 1024 * 1024


class _Ref(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    text: str = ""


class _Threat(_Ref):
    category: str = ""
    properties: list[_Ref] = []
    mitigations: list[_Ref] = []


class _Mapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    threats: list[_Threat]


@dataclass
class Emb3dReference:
    """EMB3D ids and which mitigations counter which threat."""

    threats: dict[str, str]  # TID -> title
    properties: dict[str, str]  # PID -> text
    mitigations: dict[str, str]  # MID -> title
    mitigated_by: dict[str, set[str]]  # TID -> MIDs


def load_emb3d(path: str | Path) -> Emb3dReference:
    """Read the mapping file safely (size, depth, encoding guards); ModelError on bad input."""
    path = Path(path)
    data = read_json_document(path, max_bytes=MAX_BYTES)
    try:
        mapping = _Mapping.model_validate(data)
    except ValidationError as exc:
        raise ModelError([Problem(format_loc(e["loc"]), e["msg"]) for e in exc.errors()[:5]],
                         str(path)) from None
    if not mapping.threats:
        raise ModelError([Problem("threats", "no EMB3D threat in the file")], str(path))
    return Emb3dReference(
        threats={t.id: t.text for t in mapping.threats},
        properties={p.id: p.text for t in mapping.threats for p in t.properties},
        mitigations={m.id: m.text for t in mapping.threats for m in t.mitigations},
        mitigated_by={t.id: {m.id for m in t.mitigations} for t in mapping.threats})


@dataclass
class Emb3dCheck:
    unknown: list[Problem] = field(default_factory=list)
    cited: int = 0
    supported: list[tuple[str, str]] = field(default_factory=list)  # (threat, control)
    judgement: list[tuple[str, str]] = field(default_factory=list)

    @property
    def links(self) -> int:
        return len(self.supported) + len(self.judgement)

    def to_json(self) -> dict[str, Any]:
        return {"cited_ids": self.cited, "unknown": [p.format("catalog") for p in self.unknown],
                "links_compared": self.links,
                "supported_by_emb3d": [{"threat": t, "control": c} for t, c in self.supported],
                "project_judgement": [{"threat": t, "control": c} for t, c in self.judgement]}


def check_against_emb3d(catalog: Catalog, ref: Emb3dReference) -> Emb3dCheck:
    """Unknown ids, and every threat-control link where both ends cite EMB3D."""
    out = Emb3dCheck()
    for threat in catalog.threats.values():
        for i, ident in enumerate(threat.references.emb3d):
            out.cited += 1
            known = ref.threats if ident.startswith("TID") else ref.properties
            if ident not in known:
                out.unknown.append(Problem(f"threats[{threat.id}].references.emb3d[{i}]",
                                           f"{ident} is not in EMB3D's mapping file"))
    for control in catalog.controls.values():
        for i, ident in enumerate(control.references.emb3d):
            out.cited += 1
            if ident not in ref.mitigations:
                out.unknown.append(Problem(f"controls[{control.id}].references.emb3d[{i}]",
                                           f"{ident} is not in EMB3D's mapping file"))
    for threat in sorted(catalog.threats.values(), key=lambda t: t.id):
        tids = [r for r in threat.references.emb3d if r in ref.mitigated_by]
        if not tids:
            continue
        countered = set().union(*(ref.mitigated_by[t] for t in tids))
        for control in sorted(catalog.controls_for(threat.id), key=lambda c: c.id):
            if not control.references.emb3d:
                continue
            bucket = out.supported if set(control.references.emb3d) & countered \
                else out.judgement
            bucket.append((threat.id, control.id))
    return out
