"""Attacker profiles (data, with defaults) and where each one starts.

A model's own ``attackers`` list replaces the defaults when it has any enabled profile; a
model profile whose id matches a default replaces just that default when the model sets
``risk.options["attackers"] = "merge"``. Entry points are explicit element ids plus a
declarative :class:`Condition` over component facts (``docs/conditions.md``).
"""

from __future__ import annotations

from typing import Any

from workbench.model.conditions import Condition
from workbench.model.entities import AttackerProfile, Component
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


def _rule(data: dict[str, Any]) -> Condition:
    return Condition.model_validate(data)


DEFAULT_ATTACKERS: tuple[AttackerProfile, ...] = (
    AttackerProfile(
        id="remote-internet", name="Remote internet attacker", capability=0.6,
        vectors=["network"],
        description="Criminal group or state actor acting from abroad over the internet.",
        entry_rule=_rule({"any": [
            {"attr": "properties.internet_exposed", "op": "eq", "value": True},
            {"attr": "stencil", "op": "in", "value": ["public-internet"]},
            {"attr": "zone.kind", "op": "eq", "value": "public_internet"}]})),
    AttackerProfile(
        id="proximate-radio", name="Proximate radio attacker", capability=0.5,
        vectors=["adjacent", "network"],
        description="Someone within radio range of the patient or the ward (BLE, implant RF, "
                    "Wi-Fi, NFC).",
        entry_rule=_rule({"any": [
            {"attr": "has_wireless", "op": "eq", "value": True},
            {"attr": "tags", "op": "contains_any", "value": ["wireless", "radio"]},
            {"attr": "stencil", "op": "in",
             "value": ["ble", "implant-rf", "wifi-home", "wifi-hospital", "nfc", "lpwan"]}]})),
    AttackerProfile(
        id="malicious-app", name="Malicious mobile app", capability=0.4,
        vectors=["local", "network"],
        description="An app installed on the patient's or clinician's phone or tablet.",
        entry_rule=_rule({"any": [
            {"attr": "properties.user_installable_apps", "op": "eq", "value": True},
            {"attr": "tags", "op": "contains", "value": "mobile"},
            {"attr": "stencil", "op": "in", "value": ["smartphone", "tablet", "app-store"]}]})),
    AttackerProfile(
        id="supply-chain", name="Compromised vendor or supply chain", capability=0.7,
        vectors=["network", "local"],
        description="A vendor's update, remote-support or cloud channel turned against users.",
        entry_rule=_rule({"any": [
            {"attr": "tags", "op": "contains", "value": "update"},
            {"attr": "stencil", "op": "in",
             "value": ["firmware-update-server", "vendor-device-cloud", "app-store"]}]})),
    AttackerProfile(
        id="hospital-insider", name="Hospital insider", capability=0.5,
        vectors=["physical", "local", "adjacent", "network"],
        description="Staff member, contractor or visitor with access to hospital premises.",
        entry_rule=_rule({"all": [
            {"attr": "zone.kind", "op": "in",
             "value": ["hospital", "hospital_biomedical", "clinic"]},
            {"attr": "layer", "op": "in", "value": ["thing", "gateway"]}]})),
    AttackerProfile(
        id="partner-insurer", name="Curious partner or insurer", capability=0.3,
        vectors=["network"],
        description="A B2B partner or insurer with legitimate API access, going beyond it.",
        entry_rule=_rule({"any": [
            {"attr": "tags", "op": "contains", "value": "partner"},
            {"attr": "zone.kind", "op": "eq", "value": "partner"},
            {"attr": "stencil", "op": "in", "value": ["partner-api"]}]})),
)

#: Facts cheap enough to compute directly (no pass over flows or assets).
_CHEAP = {"id", "name", "stencil", "layer", "category", "tags", "zone", "zone.kind",
          "zone.trust_level", "has_wireless"}


def attacker_profiles(model: ThreatModel) -> list[AttackerProfile]:
    """The profiles to analyse: the model's enabled ones, else the defaults."""
    own = [a for a in model.attackers if a.enabled]
    if not own:
        return list(DEFAULT_ATTACKERS)
    if model.risk.options.get("attackers") == "merge":
        by_id = {a.id: a for a in DEFAULT_ATTACKERS}
        for a in model.attackers:
            by_id[a.id] = a
        return [a for a in by_id.values() if a.enabled]
    return own


def _cheap_facts(comp: Component, zones: dict, stencils: StencilLibrary) -> dict[str, Any]:
    stencil = stencils.get(comp.stencil)
    zone = zones.get(comp.zone or "")
    props = comp.properties
    facts: dict[str, Any] = {
        "id": comp.id, "name": comp.name, "stencil": comp.stencil, "layer": comp.layer.value,
        "category": stencil.category if stencil else None,
        "tags": list(stencil.tags) if stencil else [],
        "zone": comp.zone, "zone.kind": zone.kind.value if zone else None,
        "zone.trust_level": zone.trust_level if zone else None,
        "has_wireless": bool(props.wireless_interfaces),
    }
    return facts


def _needs_props(attrs: set[str]) -> set[str]:
    return {a.removeprefix("properties.") for a in attrs if a.startswith("properties.")}


def resolve_entries(model: ThreatModel, attackers: list[AttackerProfile],
                    stencils: StencilLibrary) -> dict[str, list[str]]:
    """Entry element ids per attacker id, in model order (explicit ids first)."""
    rules = [a.entry_rule for a in attackers if a.entry_rule is not None]
    attrs = {x for r in rules for x in r.attributes()}
    props = _needs_props(attrs)
    cheap = all(a in _CHEAP or a.startswith("properties.") for a in attrs)
    index = None if cheap else FactIndex(model, stencils)
    zones = model.zones_by_id()
    known = {c.id for c in model.components}
    out: dict[str, list[str]] = {a.id: [e for e in a.entry_elements if e in known]
                                 for a in attackers}
    # Components of one stencil and zone with the same properties share their facts.
    memo: dict[tuple, list[bool]] = {}
    names = sorted(props)  # once, not per component (150,000 of them)
    for comp in model.components:
        if index is None:
            p = comp.properties
            key = (comp.stencil, comp.zone, comp.layer,
                   tuple([_freeze(getattr(p, name)) for name in names]))
            hits = memo.get(key)
            if hits is None:
                facts = _cheap_facts(comp, zones, stencils)
                for name in props:
                    value = getattr(p, name, None)
                    facts[f"properties.{name}"] = value.value if hasattr(value, "value") \
                        else value
                hits = [a.entry_rule.evaluate(facts) if a.entry_rule else False
                        for a in attackers]
                memo[key] = hits
        else:
            facts = index.component(comp)
            hits = [a.entry_rule.evaluate(facts) if a.entry_rule else False for a in attackers]
        for attacker, hit in zip(attackers, hits, strict=True):
            if hit and comp.id not in attacker.entry_elements:
                out[attacker.id].append(comp.id)
    return out


def kept_entries(graph: Any, model: ThreatModel, attackers: list[AttackerProfile],
                 stencils: StencilLibrary) -> dict[str, list[str]]:
    """:func:`resolve_entries`, kept on ``graph`` (an attack graph's ``__dict__``) for
    ``model``, ``stencils`` and ``attackers`` (the same objects): the exposure pass and
    the attack engine resolve the same model's entries on the one graph they share, a
    walk over every component. Each caller gets lists of its own."""
    kept = graph.__dict__.get("_entries")
    same = (kept is not None and kept[0] is model and kept[1] is stencils
            and len(kept[2]) == len(attackers)
            and all(a is b for a, b in zip(kept[2], attackers, strict=False)))
    if not same:
        kept = (model, stencils, tuple(attackers),
                resolve_entries(model, attackers, stencils))
        graph.__dict__["_entries"] = kept
    return {a: list(found) for a, found in kept[3].items()}


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value
