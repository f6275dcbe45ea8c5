"""Update a reviewed model from a vendor's new architecture file, keeping the analyst's work.

A vendor sends version 2 of its architecture; the buyer has already classified version 1,
rated data, answered the review checklist, run a workshop and decided on threats. Importing
version 2 as a fresh model would lose all of that, and a diff against it would be noise.

Element and flow ids come from the source tool (Threat Dragon cell ids, TMT GUIDs, OTM ids),
so they match across versions. The split of ownership, for what exists in both versions:

* the vendor's file owns the structure: which elements and flows exist, their names,
  descriptions and trust zones, a flow's ends, protocol and encryption flags;
* the analyst owns the judgement: an element's type (stencil, layer) and security
  properties once it has been classified, the networks a flow crosses (``via``) and the data
  it carries, zones' kind and trust level, data assets, attackers, targets, threat
  decisions, controls, the review and workshop records, risk settings and metadata, and the
  canvas positions.

New elements come as imported (listed to classify when unmapped); vanished ones disappear
with their targets and entry points (listed), and their threats become orphaned, decisions
kept, as the rule engine does after any edit. New suggestions are left to the next analysis,
so ``workbench diff OLD NEW`` shows exactly what the vendor changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.interop.match_ids import adopt_previous_ids, match_previous_ids
from workbench.model import edits
from workbench.model.edits import grow_zones
from workbench.model.entities import Component, Flow
from workbench.model.enums import ThreatStatus
from workbench.model.layout import ensure_layout
from workbench.model.reclassify import marker_line
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


@dataclass
class UpdateReport:
    """What the update kept, added and dropped; printed by the CLI, shown by the GUI."""

    kept_types: list[str] = field(default_factory=list)  # element ids
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    flows_added: list[str] = field(default_factory=list)
    flows_removed: list[str] = field(default_factory=list)
    dropped_targets: list[str] = field(default_factory=list)
    dropped_entry_points: list[str] = field(default_factory=list)  # "attacker: element"
    vendor_threats_added: list[str] = field(default_factory=list)
    orphaned_threats: list[str] = field(default_factory=list)
    #: "new id -> previous id": matched by source id under another id (interop/match_ids.py).
    matched_ids: list[str] = field(default_factory=list)
    #: "new id: candidates": a previous import numbered clashes; left for the analyst.
    ambiguous_ids: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"updated: {len(self.kept_types)} element(s) keep your classification; "
               f"{len(self.added)} new, {len(self.removed)} removed; flows "
               f"+{len(self.flows_added)} -{len(self.flows_removed)}"]
        for label, items in (("new elements", self.added),
                             ("removed elements", self.removed),
                             ("targets dropped (element removed)", self.dropped_targets),
                             ("entry points dropped", self.dropped_entry_points),
                             ("threats now orphaned (decisions kept)", self.orphaned_threats),
                             ("vendor threats added", self.vendor_threats_added),
                             ("matched by source id under the previous id",
                              self.matched_ids),
                             ("not matched, several previous ids fit (classify again)",
                              self.ambiguous_ids)):
            if items:
                out.append(f"{label} ({len(items)}): {', '.join(items)}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) for k, v in self.__dict__.items()}


def _classified(comp: Component) -> bool:
    """True once the analyst settled the element's type (no "to classify" marker left)."""
    return marker_line(comp) is None


def _component(old: Component | None, new: Component, report: UpdateReport) -> Component:
    if old is None:
        report.added.append(new.id)
        return new
    if not _classified(old):  # nothing settled yet: the vendor's latest reading wins
        return new
    report.kept_types.append(new.id)
    return new.model_copy(update={"stencil": old.stencil, "layer": old.layer,
                                  "properties": old.properties})


def _flow(old: Flow | None, new: Flow, components: set[str], report: UpdateReport) -> Flow:
    if old is None:
        report.flows_added.append(new.id)
        return new
    via = [v for v in (new.via or old.via) if v in components]
    assets = list(dict.fromkeys([*old.data_assets, *new.data_assets]))
    return new.model_copy(update={"via": via, "data_assets": assets})


def update_from_import(previous: ThreatModel, imported: ThreatModel,
                       stencils: StencilLibrary | None = None
                       ) -> tuple[ThreatModel, UpdateReport]:
    """``previous`` brought to the structure of ``imported``, keeping the analyst's work.

    Items imported under another id than in ``previous`` (an import of session 2 or
    earlier, or a foreign id that became ``source_id``) are matched first by source id
    (``interop/match_ids.py``) and keep their previous id."""
    report = UpdateReport()
    matches = match_previous_ids(previous, imported)
    imported = adopt_previous_ids(imported, matches)
    report.matched_ids = [f"{a} -> {b}" for a, b in matches.renamed.items()]
    report.ambiguous_ids = list(matches.ambiguous)
    new_ids = {c.id for c in imported.components}
    new_flows = {f.id for f in imported.flows
                 if f.source in new_ids and f.target in new_ids}
    new_zones = {z.id for z in imported.zones}
    report.removed = [c.id for c in previous.components if c.id not in new_ids]
    report.flows_removed = [f.id for f in previous.flows if f.id not in new_flows]
    gone = [*report.removed, *report.flows_removed,
            *(z.id for z in previous.zones if z.id not in new_zones)]
    # What refers to removed elements (threats, controls, targets, entry points) follows
    # them as after any delete in the window: one mechanism, edits.remove_elements.
    base = edits.remove_elements(previous, gone)
    _report_dropped(previous, base, report)

    old_comps = base.components_by_id()
    components = [_component(old_comps.get(c.id), c, report) for c in imported.components]
    old_flows = {f.id: f for f in base.flows}
    flows = [_flow(old_flows.get(f.id), f, new_ids, report) for f in imported.flows
             if f.id in new_flows]
    old_zones = {z.id: z for z in base.zones}
    zones = [z.model_copy(update={"kind": old_zones[z.id].kind,
                                  "trust_level": old_zones[z.id].trust_level})
             if z.id in old_zones else z for z in imported.zones]

    keys = {t.key for t in base.threats}
    vendor_threats = [t for t in imported.threats if t.key not in keys]
    report.vendor_threats_added = [t.id for t in vendor_threats]
    control_ids = {c.id for c in base.controls}
    asset_ids = {a.id for a in base.data_assets}
    model = base.model_copy(update={
        "components": components, "flows": flows, "zones": zones,
        "data_assets": [*base.data_assets,
                        *(a for a in imported.data_assets if a.id not in asset_ids)],
        "threats": [*base.threats, *vendor_threats],
        "controls": [*base.controls, *(c for c in imported.controls
                                       if c.id not in control_ids)]})
    model = _place_new(model, report.added)
    return ThreatModel.model_validate(model.model_dump()), report


def _report_dropped(before: ThreatModel, after: ThreatModel, report: UpdateReport) -> None:
    """Name what the removal took with it. New rule suggestions are not added here: the
    comparison with the previous version must not count threats the rules would have found
    anyway (``workbench threats --write`` or the window's analysis adds them)."""
    kept_targets = {t.id for t in after.targets}
    report.dropped_targets = [t.id for t in before.targets if t.id not in kept_targets]
    entries = {a.id: set(a.entry_elements) for a in after.attackers}
    report.dropped_entry_points = [f"{a.id}: {e}" for a in before.attackers
                                   for e in a.entry_elements if e not in entries[a.id]]
    was = {t.id: t.status for t in before.threats}
    report.orphaned_threats = [t.id for t in after.threats
                               if t.status == ThreatStatus.ORPHANED
                               and was.get(t.id) != ThreatStatus.ORPHANED]


def _place_new(model: ThreatModel, added: list[str]) -> ThreatModel:
    """New elements get the auto-layout's place; zones grow to hold them."""
    model = ensure_layout(model)
    if not added:
        return model
    layout = model.layout.model_copy(deep=True)
    grow_zones(model, layout, added)
    return model.model_copy(update={"layout": layout})
