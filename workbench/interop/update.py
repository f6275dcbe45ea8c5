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

from workbench.model.edits import grow_zones
from workbench.model.entities import Component, Flow, Layout
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

    def lines(self) -> list[str]:
        out = [f"updated: {len(self.kept_types)} element(s) keep your classification; "
               f"{len(self.added)} new, {len(self.removed)} removed; flows "
               f"+{len(self.flows_added)} -{len(self.flows_removed)}"]
        for label, items in (("new elements", self.added),
                             ("removed elements", self.removed),
                             ("targets dropped (element removed)", self.dropped_targets),
                             ("entry points dropped", self.dropped_entry_points),
                             ("threats now orphaned (decisions kept)", self.orphaned_threats),
                             ("vendor threats added", self.vendor_threats_added)):
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
    """``previous`` brought to the structure of ``imported``, keeping the analyst's work."""
    report = UpdateReport()
    old_comps = previous.components_by_id()
    components = [_component(old_comps.get(c.id), c, report) for c in imported.components]
    ids = {c.id for c in components}
    report.removed = [c.id for c in previous.components if c.id not in ids]

    asset_ids = {a.id for a in previous.data_assets} | {a.id for a in imported.data_assets}
    old_flows = {f.id: f for f in previous.flows}
    flows = [_flow(old_flows.get(f.id), f, ids, report) for f in imported.flows
             if f.source in ids and f.target in ids]
    flow_ids = {f.id for f in flows}
    report.flows_removed = [f.id for f in previous.flows if f.id not in flow_ids]
    elements = ids | flow_ids

    old_zones = {z.id: z for z in previous.zones}
    zones = [z.model_copy(update={"kind": old_zones[z.id].kind,
                                  "trust_level": old_zones[z.id].trust_level})
             if z.id in old_zones else z for z in imported.zones]

    targets = [t for t in previous.targets if t.element in elements]
    report.dropped_targets = [t.id for t in previous.targets if t.element not in elements]
    attackers = []
    for attacker in previous.attackers:
        kept = [e for e in attacker.entry_elements if e in elements]
        report.dropped_entry_points += [f"{attacker.id}: {e}" for e in attacker.entry_elements
                                        if e not in elements]
        attackers.append(attacker.model_copy(update={"entry_elements": kept}))

    keys = {t.key for t in previous.threats}
    vendor_threats = [t for t in imported.threats if t.key not in keys]
    report.vendor_threats_added = [t.id for t in vendor_threats]
    control_ids = {c.id for c in previous.controls}
    controls = [*previous.controls, *(c for c in imported.controls if c.id not in control_ids)]
    data_assets = [*previous.data_assets,
                   *(a for a in imported.data_assets
                     if a.id not in {d.id for d in previous.data_assets})]

    layout = Layout(
        elements={i: b for i, b in previous.layout.elements.items() if i in ids},
        zones={i: b for i, b in previous.layout.zones.items() if i in {z.id for z in zones}},
        flows={i: r for i, r in previous.layout.flows.items() if i in flow_ids})
    model = previous.model_copy(update={
        "components": components, "flows": flows, "zones": zones,
        "data_assets": [a for a in data_assets if a.id in asset_ids],
        "attackers": attackers, "targets": targets,
        "threats": [*previous.threats, *vendor_threats], "controls": controls,
        "layout": layout})
    model = _place_new(model, report.added)
    model = _orphan_vanished(model, elements, report)
    return ThreatModel.model_validate(model.model_dump()), report


def _orphan_vanished(model: ThreatModel, elements: set[str],
                     report: UpdateReport) -> ThreatModel:
    """Threats on removed elements become orphaned with their decision kept, as the rule
    engine does after any edit. New suggestions are not added here: the comparison with
    the previous version must not count threats the rules would have found anyway (run
    ``workbench threats --write`` or the window's analysis for those)."""
    threats = []
    for threat in model.threats:
        if threat.element not in elements and threat.status != ThreatStatus.ORPHANED:
            threat = threat.model_copy(update={"status": ThreatStatus.ORPHANED,
                                               "previous_status": threat.status})
            report.orphaned_threats.append(threat.id)
        threats.append(threat)
    return model.model_copy(update={"threats": threats})


def _place_new(model: ThreatModel, added: list[str]) -> ThreatModel:
    """New elements get the auto-layout's place; zones grow to hold them."""
    model = ensure_layout(model)
    if not added:
        return model
    layout = model.layout.model_copy(deep=True)
    grow_zones(model, layout, added)
    return model.model_copy(update={"layout": layout})
