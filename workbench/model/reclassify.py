"""Change an element's type (stencil) after an import, and list what is still to classify.

Importers keep every element they cannot map, with a generic stencil and a note starting
with :data:`UNMAPPED_MARKER` (see ``workbench.interop.builder``). The analyst then picks the
right stencil; :func:`change_stencil` is that one edit, shared by the GUI (one undo step)
and ``workbench classify``. Pure: the input model is never mutated.

What is kept, and why:

* id, name, zone, description, flows, threats, controls: the element is the same thing,
  only its type was wrong;
* properties the user or the importer set: a fact about *this* element outlives its type.
  A property still equal to the old stencil's default was never really stated, so it takes
  the new stencil's default (as a component dropped from the palette would);
* the position, unless the element sits in its old layer's swimlane: then it moves to the
  new layer's lane at the first free row, so lane-based diagrams stay lane-based.

A network that stops being a network can no longer carry flows (``via``): it leaves the
``via`` lists, and :func:`stencil_change_notes` says which flows lost it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from workbench.model import edits
from workbench.model.entities import Box, Component, ComponentProperties
from workbench.model.enums import LAYER_ORDER, Layer
from workbench.model.layout import ELEMENT_H, ELEMENT_W, LANE_W, ROW_GAP, lane_x
from workbench.model.stencils import Stencil, StencilLibrary
from workbench.model.threat_model import ThreatModel

#: Same text as ``workbench.interop.common.UNMAPPED_MARKER`` (the model layer cannot import
#: interop; a test pins the two together).
UNMAPPED_MARKER = "[unmapped]"
#: Properties that describe the element itself, never the type: always kept as they are.
_OWN_FACTS = frozenset({"notes", "data_assets", "vendor"})
#: How ``workbench.interop.builder`` words the tool's type in the marker line.
_FOREIGN_TYPE = re.compile(r" as type '(.*?)';")
#: How the importer words its confidence in the guess ("..., low confidence: ...").
_CONFIDENCE = re.compile(r"\b(high|medium|low) confidence\b")


class ReclassifyError(ValueError):
    """An unknown element or stencil; the message names it (one line for the CLI)."""


@dataclass(frozen=True)
class ToClassify:
    """One element the importer could not map: what it is and what the importer wrote."""

    id: str
    name: str
    stencil: str
    layer: Layer
    note: str

    @property
    def foreign_type(self) -> str:
        """The source tool's type, as the importer wrote it in the note ("" if not there)."""
        found = _FOREIGN_TYPE.search(self.note)
        return found.group(1) if found else ""

    @property
    def confidence(self) -> str:
        """The importer's confidence in its guess (high, medium, low; "" for older files)."""
        found = _CONFIDENCE.search(self.note)
        return found.group(1) if found else ""

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "stencil": self.stencil,
                "layer": self.layer.value, "foreign_type": self.foreign_type,
                "confidence": self.confidence, "note": self.note}


def marker_line(component: Component) -> str | None:
    """The importer's ``[unmapped] …`` line in the notes, or None when classified."""
    for line in (component.properties.notes or "").splitlines():
        if line.lstrip().startswith(UNMAPPED_MARKER):
            return line.strip()
    return None


def to_classify(model: ThreatModel) -> list[ToClassify]:
    """Elements still marked unmapped, in model order (the analyst's to-do list)."""
    out = []
    for comp in model.components:
        line = marker_line(comp)
        if line is not None:
            out.append(ToClassify(comp.id, comp.name, comp.stencil, comp.layer, line))
    return out


def _without_marker(notes: str | None) -> str | None:
    kept = [line for line in (notes or "").splitlines()
            if not line.lstrip().startswith(UNMAPPED_MARKER)]
    text = "\n".join(kept).strip()
    return text or None


def _resolve(model: ThreatModel, component_id: str, stencil: str | Stencil,
             stencils: StencilLibrary) -> tuple[Component, Stencil]:
    comp = model.component(component_id)
    if comp is None:
        raise ReclassifyError(f"no element {component_id!r} in the model")
    new = stencil if isinstance(stencil, Stencil) else stencils.get(stencil)
    if new is None:
        close = difflib.get_close_matches(str(stencil), [s.id for s in stencils], n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "list them with --stencils"
        raise ReclassifyError(f"unknown stencil {stencil!r} ({hint})")
    return comp, new


def _properties(comp: Component, old: Stencil | None, new: Stencil) -> ComponentProperties:
    current = comp.properties.model_dump()
    before = (old.defaults if old is not None else ComponentProperties()).model_dump()
    after = new.defaults.model_dump()
    merged = {}
    for key, value in current.items():
        stated = key in _OWN_FACTS or value != before[key]
        merged[key] = value if stated else after[key]
    merged["notes"] = _without_marker(comp.properties.notes)
    return ComponentProperties.model_validate(merged)


def _lane_of(box: Box) -> int:
    return int((box.x + (box.w or ELEMENT_W) / 2) // LANE_W)


def _free_spot(model: ThreatModel, comp_id: str, box: Box, lane: int) -> tuple[float, float]:
    """Top-left in ``lane`` at ``box``'s row, or the first row below it that is free."""
    x = lane_x(lane) + (LANE_W - (box.w or ELEMENT_W)) / 2
    h = box.h or ELEMENT_H
    others = [b for key, b in model.layout.elements.items()
              if key != comp_id and _lane_of(b) == lane]
    y = box.y
    for _ in range(len(others) + 1):
        clash = [b for b in others if b.y < y + h + ROW_GAP / 2
                 and y < b.y + (b.h or ELEMENT_H) + ROW_GAP / 2]
        if not clash:
            break
        y = max(b.y + (b.h or ELEMENT_H) for b in clash) + ROW_GAP
    return x, y


def stencil_change_notes(model: ThreatModel, component_id: str, stencil: str | Stencil,
                         stencils: StencilLibrary) -> list[str]:
    """What :func:`change_stencil` will do beyond the type (flows losing a network...)."""
    comp, new = _resolve(model, component_id, stencil, stencils)
    if comp.layer != Layer.NETWORK or new.layer == Layer.NETWORK:
        return []
    return [f"flow {f.id!r} no longer goes via {comp.id!r} (not a network any more)"
            for f in model.flows if comp.id in f.via]


def change_stencil(model: ThreatModel, component_id: str, stencil: str | Stencil,
                   stencils: StencilLibrary) -> ThreatModel:
    """``component_id`` becomes a ``stencil``; see the module docstring for what is kept."""
    comp, new = _resolve(model, component_id, stencil, stencils)
    if comp.stencil == new.id and marker_line(comp) is None:
        return model
    old = stencils.get(comp.stencil)
    updated = comp.model_copy(update={"stencil": new.id, "layer": new.layer,
                                      "properties": _properties(comp, old, new)})
    result = model.model_copy(update={"components": [updated if c.id == comp.id else c
                                                     for c in model.components]})
    if comp.layer == Layer.NETWORK and new.layer != Layer.NETWORK:
        flows = [f if comp.id not in f.via else
                 f.model_copy(update={"via": [v for v in f.via if v != comp.id]})
                 for f in result.flows]
        result = result.model_copy(update={"flows": flows})
    box = model.layout.elements.get(comp.id)
    if box is not None and new.layer != comp.layer \
            and _lane_of(box) == LAYER_ORDER.index(comp.layer):
        spot = _free_spot(result, comp.id, box, LAYER_ORDER.index(new.layer))
        result = edits.move_elements(result, {comp.id: spot})
    return result
