"""Match a vendor's new import to a reviewed model by source id, whatever ids it was given.

``import --onto`` matches elements by id. Since session 3 the importer keeps a foreign id
that is already valid, else derives ``readable-part-<10 hex of SHA-256>`` from it and keeps
the foreign id in ``source_id``. Models imported before (sessions 1-2) carry the old ids:
the foreign id with bad characters turned into ``-``, trailing ``- _ . : @`` stripped, cut at
100 characters, and clashes numbered ``-2``, ``-3`` in file order, with no ``source_id``.
Matched on id alone, every element whose id changed between the two schemes (names with
spaces, long ids, ids ending in ``_``) would count as removed and added, its
classification, targets and decisions lost.

So before the update, each element, flow and zone of the new import that has no namesake
in the previous model is matched to a previous one:

1. whose ``source_id`` is the new item's foreign id (a model imported since session 3);
2. else whose id is what the old importer made of that foreign id (:func:`legacy_id`, or
   that id numbered ``-2``, ``-3``... when it clashed).

One candidate: matched. Several (the old importer numbered clashes in file order, so the
numbers say nothing): the one with the same name, if exactly one; else none is matched and
the report names them ("classify again"). A match gives the new item the previous id
(everything in the reviewed model already refers to it) and records the foreign id in
``source_id``, so the next version matches on rule 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workbench.interop.common import _ID_BAD_CHARS, _ID_OK
from workbench.model.threat_model import ThreatModel

#: Characters the old importer stripped from both ends of an id, and its length limit.
_OLD_EDGE = "-_.:@"
_OLD_LIMIT = 100
#: The hint each kind of item got when its foreign id left nothing usable.
_HINTS = {"components": "element", "flows": "flow", "zones": "zone"}


def legacy_id(foreign: str, hint: str = "element") -> str:
    """The id the importer of sessions 1-2 gave ``foreign`` when nothing clashed."""
    base = foreign if _ID_OK.match(foreign or "") else _ID_BAD_CHARS.sub("-", foreign or "")
    base = base.strip(_OLD_EDGE)[:_OLD_LIMIT] or hint
    if not base[0].isalnum():
        base = f"{hint}-{base}"
    return base


@dataclass
class IdMatches:
    """New import id -> previous id, and what could not be told apart."""

    renamed: dict[str, str] = field(default_factory=dict)
    #: "new id: candidate, candidate" for items left unmatched on purpose.
    ambiguous: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"matched_by_source_id": [f"{a} -> {b}" for a, b in self.renamed.items()],
                "ambiguous_ids": list(self.ambiguous)}


def _candidates(item: Any, previous: list[Any], free: set[str], hint: str) -> list[Any]:
    foreign = item.source_id or item.id
    by_source = [p for p in previous if p.id in free and p.source_id == foreign]
    if by_source:
        return by_source
    base = legacy_id(foreign, hint)
    numbered = re.compile(re.escape(base) + r"-[2-9][0-9]*")
    return [p for p in previous if p.id in free and p.source_id is None
            and (p.id == base or numbered.fullmatch(p.id))]


def match_previous_ids(previous: ThreatModel, imported: ThreatModel) -> IdMatches:
    """Which items of ``imported`` are items of ``previous`` under another id."""
    out = IdMatches()
    for kind, hint in _HINTS.items():
        before = getattr(previous, kind)
        now = getattr(imported, kind)
        now_ids = {x.id for x in now}
        # Previous items with no namesake in the import: the only ones a match may take.
        free = {p.id for p in before if p.id not in now_ids}
        chosen: dict[str, list[str]] = {}
        for item in now:
            if item.id in {p.id for p in before} or not free:
                continue
            found = _candidates(item, before, free, hint)
            if len(found) > 1:
                named = [p for p in found if getattr(p, "name", None) == item.name]
                if len(named) == 1:
                    found = named
                else:
                    out.ambiguous.append(f"{item.id}: {', '.join(p.id for p in found)}")
                    continue
            if found:
                chosen.setdefault(found[0].id, []).append(item.id)
        for old_id, new_ids in chosen.items():
            if len(new_ids) == 1:
                out.renamed[new_ids[0]] = old_id
            else:  # two new items claim one previous item: neither is sure
                out.ambiguous += [f"{n}: {old_id}" for n in new_ids]
    return out


def adopt_previous_ids(imported: ThreatModel, matches: IdMatches) -> ThreatModel:
    """``imported`` with matched items under their previous ids (references followed),
    their foreign id kept in ``source_id``."""
    ids = matches.renamed
    if not ids:
        return imported

    def r(value: str | None) -> str | None:
        return ids.get(value, value) if value is not None else None

    def moved(item: Any, **update: Any) -> Any:
        if item.id in ids:
            update.update(id=ids[item.id], source_id=item.source_id or item.id)
        return item.model_copy(update=update) if update else item

    threats = []
    for t in imported.threats:
        update: dict[str, Any] = {}
        if t.element in ids:
            update["element"] = ids[t.element]
            if t.key == f"{t.catalog_id}@{t.element}":
                update["key"] = f"{t.catalog_id}@{ids[t.element]}"
        threats.append(t.model_copy(update=update) if update else t)
    layout = imported.layout.model_copy(update={
        part: {ids.get(k, k): v for k, v in getattr(imported.layout, part).items()}
        for part in ("elements", "zones", "flows")})
    return imported.model_copy(update={
        "components": [moved(c, zone=r(c.zone)) for c in imported.components],
        "flows": [moved(f, source=r(f.source), target=r(f.target),
                        via=[ids.get(v, v) for v in f.via]) for f in imported.flows],
        "zones": [moved(z) for z in imported.zones],
        "threats": threats,
        "controls": [c.model_copy(update={"elements": [ids.get(e, e) for e in c.elements]})
                     for c in imported.controls],
        "targets": [t.model_copy(update={"element": ids.get(t.element, t.element)})
                    for t in imported.targets],
        "attackers": [a.model_copy(update={
            "entry_elements": [ids.get(e, e) for e in a.entry_elements]})
            for a in imported.attackers],
        "layout": layout})
