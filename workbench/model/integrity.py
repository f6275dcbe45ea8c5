"""Referential integrity of a model: every reference resolves, every id is unique.

Messages name both ends ("flow 'f3' from 'pump' to unknown component 'gw-9'") so an
analyst can fix a hand-edited file without searching for the other side.
"""

from __future__ import annotations

from workbench.model.conditions import check_condition
from workbench.model.enums import Layer
from workbench.model.errors import Problem
from workbench.model.facts import COMPONENT_VOCABULARY
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


def check_integrity(model: ThreatModel, stencils: StencilLibrary) -> list[Problem]:
    """All referential problems of ``model``; an empty list means it is consistent."""
    problems: list[Problem] = []
    problems += _duplicates(model)
    components = model.components_by_id()
    zones = model.zones_by_id()
    assets = model.assets_by_id()
    flow_ids = {f.id for f in model.flows}
    elements = set(components) | flow_ids
    control_ids = {c.id for c in model.controls}
    categories = {c.id for c in model.risk.impact_categories}

    for i, zone in enumerate(model.zones):
        if zone.parent is not None and zone.parent not in zones:
            problems.append(Problem(f"zones[{i}].parent",
                                    f"zone {zone.id!r} has unknown parent zone {zone.parent!r}"))
    problems += _zone_cycles(model)

    for i, asset in enumerate(model.data_assets):
        for cat in asset.impact:
            if categories and cat not in categories:
                problems.append(Problem(f"data_assets[{i}].impact.{cat}",
                                        f"data asset {asset.id!r} rates unknown impact "
                                        f"category {cat!r}"))

    for i, comp in enumerate(model.components):
        here = f"components[{i}]"
        stencil = stencils.get(comp.stencil)
        if stencil is None:
            problems.append(Problem(f"{here}.stencil",
                                    f"component {comp.id!r} uses unknown stencil {comp.stencil!r}"))
        elif stencil.layer != comp.layer:
            problems.append(Problem(f"{here}.layer",
                                    f"component {comp.id!r} is in layer {comp.layer.value!r} but "
                                    f"stencil {comp.stencil!r} belongs to {stencil.layer.value!r}"))
        if comp.zone is not None and comp.zone not in zones:
            problems.append(Problem(f"{here}.zone",
                                    f"component {comp.id!r} is in unknown zone {comp.zone!r}"))
        for j, asset_id in enumerate(comp.properties.data_assets):
            if asset_id not in assets:
                problems.append(Problem(f"{here}.properties.data_assets[{j}]",
                                        f"component {comp.id!r} holds unknown data asset "
                                        f"{asset_id!r}"))

    for i, flow in enumerate(model.flows):
        here = f"flows[{i}]"
        for end in ("source", "target"):
            ref = getattr(flow, end)
            if ref not in components:
                other = flow.target if end == "source" else flow.source
                problems.append(Problem(f"{here}.{end}",
                                        f"flow {flow.id!r} ({end} of {flow.id!r}, other end "
                                        f"{other!r}) refers to unknown component {ref!r}"))
        if flow.source == flow.target:
            problems.append(Problem(f"{here}.target",
                                    f"flow {flow.id!r} goes from {flow.source!r} to itself"))
        for j, net in enumerate(flow.via):
            comp = components.get(net)
            if comp is None:
                problems.append(Problem(f"{here}.via[{j}]",
                                        f"flow {flow.id!r} from {flow.source!r} to "
                                        f"{flow.target!r} goes via unknown component {net!r}"))
            elif comp.layer != Layer.NETWORK:
                problems.append(Problem(f"{here}.via[{j}]",
                                        f"flow {flow.id!r} goes via {net!r}, which is a "
                                        f"{comp.layer.value}, not a network"))
        for j, asset_id in enumerate(flow.data_assets):
            if asset_id not in assets:
                problems.append(Problem(f"{here}.data_assets[{j}]",
                                        f"flow {flow.id!r} from {flow.source!r} to "
                                        f"{flow.target!r} carries unknown data asset "
                                        f"{asset_id!r}"))

    for i, attacker in enumerate(model.attackers):
        for j, ref in enumerate(attacker.entry_elements):
            if ref not in components:
                problems.append(Problem(f"attackers[{i}].entry_elements[{j}]",
                                        f"attacker {attacker.id!r} enters at unknown component "
                                        f"{ref!r}"))
        if attacker.entry_rule is not None:
            for message in check_condition(attacker.entry_rule, COMPONENT_VOCABULARY):
                problems.append(Problem(f"attackers[{i}].entry_rule",
                                        f"attacker {attacker.id!r}: {message}"))

    for i, target in enumerate(model.targets):
        if target.element not in components:
            problems.append(Problem(f"targets[{i}].element",
                                    f"target {target.id!r} points to unknown component "
                                    f"{target.element!r}"))

    for i, threat in enumerate(model.threats):
        if threat.element in elements and not threat.mitigations and not threat.impact:
            continue  # nearly every threat (the rule engine's): nothing to look up
        here = f"threats[{i}]"
        if threat.element not in elements and threat.status.value != "orphaned":
            problems.append(Problem(f"{here}.element",
                                    f"threat {threat.id!r} sits on unknown element "
                                    f"{threat.element!r}"))
        for j, link in enumerate(threat.mitigations):
            if link.control not in control_ids:
                problems.append(Problem(f"{here}.mitigations[{j}].control",
                                        f"threat {threat.id!r} is mitigated by unknown control "
                                        f"{link.control!r}"))
        for cat in threat.impact:
            if categories and cat not in categories:
                problems.append(Problem(f"{here}.impact.{cat}",
                                        f"threat {threat.id!r} rates unknown impact category "
                                        f"{cat!r}"))

    for i, control in enumerate(model.controls):
        for j, ref in enumerate(control.elements):
            if ref not in elements:
                problems.append(Problem(f"controls[{i}].elements[{j}]",
                                        f"control {control.id!r} applies to unknown element "
                                        f"{ref!r}"))

    for kind, mapping in (("elements", model.layout.elements), ("zones", model.layout.zones),
                          ("flows", model.layout.flows)):
        known = {"elements": set(components), "zones": set(zones), "flows": flow_ids}[kind]
        for ref in mapping:
            if ref not in known:
                problems.append(Problem(f"layout.{kind}.{ref}",
                                        f"layout places unknown {kind[:-1]} {ref!r}"))
    return problems


_ID_LISTS = ("zones", "data_assets", "components", "flows", "attackers", "targets", "threats",
             "controls")


def _duplicates(model: ThreatModel) -> list[Problem]:
    """Ids must be unique within a list, and components and flows share one id space.

    A sound model (nearly every one opened or saved) is recognised by set sizes alone; only
    a model with a duplicate goes through :func:`_duplicate_problems`, which names each
    place (its per-item messages were most of the check on a large model).
    """
    if _all_unique(model):
        return []
    return _duplicate_problems(model)


def _all_unique(model: ThreatModel) -> bool:
    """True when :func:`_duplicate_problems` would find nothing."""
    for collection in _ID_LISTS:
        items = getattr(model, collection)
        if len({item.id for item in items}) != len(items):
            return False
    components = model.components_by_id()
    if any(flow.id in components for flow in model.flows):
        return False
    return len({threat.key for threat in model.threats}) == len(model.threats)


def _duplicate_problems(model: ThreatModel) -> list[Problem]:
    """Every duplicate id or threat key, each named at its place."""
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for collection in _ID_LISTS:
        local: dict[str, str] = {}
        for i, item in enumerate(getattr(model, collection)):
            here = f"{collection}[{i}].id"
            if item.id in local:
                problems.append(Problem(here, f"duplicate id {item.id!r}: already used by "
                                              f"{local[item.id]}"))
            elif collection == "flows" and item.id in first_seen:
                problems.append(Problem(here, f"flow id {item.id!r} is already the id of "
                                              f"{first_seen[item.id]}"))
            local.setdefault(item.id, f"{collection}[{i}]")
        if collection == "components":
            first_seen.update(local)
    keys: dict[str, str] = {}
    for i, threat in enumerate(model.threats):
        if threat.key in keys:
            problems.append(Problem(f"threats[{i}].key",
                                    f"duplicate threat key {threat.key!r}: already used by "
                                    f"{keys[threat.key]}"))
        keys.setdefault(threat.key, f"threats[{i}]")
    return problems


def _zone_cycles(model: ThreatModel) -> list[Problem]:
    parents = {z.id: z.parent for z in model.zones}
    problems = []
    for i, zone in enumerate(model.zones):
        seen = {zone.id}
        current = parents.get(zone.id)
        while current is not None and current in parents:
            if current in seen:
                problems.append(Problem(f"zones[{i}].parent",
                                        f"zone {zone.id!r} is nested inside itself"))
                break
            seen.add(current)
            current = parents[current]
    return problems
