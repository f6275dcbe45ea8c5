"""Regulatory readiness: which frameworks apply and how much evidence the model holds.

The checklist is data (``regulatory.json``); this module only knows how to decide whether an
item applies and how to read evidence: named facts about the model, and controls that the
catalog maps to the item's framework (or, for the organisation's own controls, whose title
matches the item's keywords); implemented or verified count fully, planned half. For HAS 5.b
the three expectations E1, E2, E3 must each be covered by a control in place.
This is an indicator for a board, not an audit verdict; the report says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from workbench.model.enums import ControlStatus, Layer, ZoneKind
from workbench.model.errors import ModelError, Problem
from workbench.model.threat_model import ThreatModel

APPLIES = {"always", "health_data", "personal_data", "hospital", "care_provider",
           "medical_device_us", "medical_device_eu"}
FACTS = {"host_certified", "personal_flows_encrypted", "logging_enabled", "threat_model",
         "device_signed_updates", "device_secure_boot", "device_authentication"}
HOSPITAL_ZONES = {ZoneKind.HOSPITAL, ZoneKind.HOSPITAL_BIOMEDICAL, ZoneKind.CLINIC}
US_MARKETS = {"us", "usa", "united states", "fda"}
EU_MARKETS = {"eu", "fr", "france", "europe", "ce", "eea"}


class Item(BaseModel):
    id: str
    title_en: str
    title_fr: str
    applies: str
    facts: list[str] = []
    keywords: list[str] = []
    frameworks: list[str] = []  # catalog control reference keys (ControlReferences fields)


class Checklist(BaseModel):
    format: int
    items: list[Item]


@dataclass
class Readiness:
    id: str
    title: str
    state: str  # ready | partial | gap | not_applicable
    evidence: list[str]


def _few(names: list[str], fr: bool, shown: int = 3) -> str:
    """"A, B, C and 2 more" ("et 1 autre" in French)."""
    more = len(names) - shown
    tail = ""
    if more > 0:
        tail = (f" et {more} autre" + ("s" if more > 1 else "")) if fr else \
            f" and {more} more"
    return ", ".join(names[:shown]) + tail


def _name(model, element_id: str) -> str:
    comp = next((c for c in model.components if c.id == element_id), None)
    return comp.name if comp is not None else element_id


@cache
def load_checklist(path: Path | None = None) -> Checklist:
    """Load and validate the checklist file; a bad file is a ModelError naming the field."""
    path = path or Path(__file__).with_name("regulatory.json")
    try:
        checklist = Checklist.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise ModelError([Problem("$", f"invalid regulatory checklist: {exc}")],
                         str(path)) from None
    for index, item in enumerate(checklist.items):
        if item.applies not in APPLIES:
            raise ModelError([Problem(f"items[{index}].applies",
                                      f"unknown value {item.applies!r}")], str(path))
        unknown = set(item.facts) - FACTS
        if unknown:
            raise ModelError([Problem(f"items[{index}].facts",
                                      f"unknown fact {sorted(unknown)[0]!r}")], str(path))
    return checklist


def _markets(model: ThreatModel) -> set[str]:
    return {m.strip().lower() for m in model.regulatory.markets}


def applies(item: Item, model: ThreatModel) -> bool:
    assets = model.data_assets
    hospital = any(z.kind in HOSPITAL_ZONES for z in model.zones)
    health = model.regulatory.hosts_health_data or any(
        a.kind.value in ("health_data", "imaging") or a.special_category for a in assets)
    markets = _markets(model)
    device = model.regulatory.medical_device
    return {
        "always": True,
        "health_data": health,
        "personal_data": any(a.personal for a in assets) or health,
        "hospital": hospital,
        "care_provider": hospital or health,
        "medical_device_us": device and (not markets or bool(markets & US_MARKETS)),
        "medical_device_eu": device and (not markets or bool(markets & EU_MARKETS)),
    }[item.applies]


def _fact(name: str, model: ThreatModel, lang: str) -> tuple[bool | None, str]:
    """(value, description); None when the model does not say."""
    fr = lang == "fr"
    things = [c for c in model.components if c.layer == Layer.THING]
    if name == "host_certified":
        value = model.regulatory.health_data_host_certified
        return value, ("hébergeur certifié HDS déclaré" if fr else "certified HDS host declared")
    if name == "personal_flows_encrypted":
        personal = {a.id for a in model.data_assets if a.personal}
        flows = [f for f in model.flows if set(f.data_assets) & personal]
        if not flows:
            return None, ""
        clear = [f for f in flows if not f.encrypted]
        text = (f"{len(flows) - len(clear)}/{len(flows)} flux de données personnelles chiffrés"
                if fr else f"{len(flows) - len(clear)}/{len(flows)} personal-data flows "
                "encrypted")
        if clear:  # as for logging: "✘ 15/20 … encrypted" alone did not say which five
            text += (" (en clair : " if fr else " (in clear: ") + _few(
                [f"{_name(model, f.source)} → {_name(model, f.target)}" for f in clear],
                fr) + ")"  # by their ends: three flows of the home sample share a name
        return not clear, text
    if name == "logging_enabled":
        known = [c for c in model.components if c.properties.logging is not None]
        if not known:
            return None, ""
        on = sum(1 for c in known if c.properties.logging)
        text = (f"journalisation sur {on}/{len(known)} éléments" if fr
                else f"logging on {on}/{len(known)} elements")
        missing = [c.name for c in known if not c.properties.logging]
        if missing:  # "✘ logging on 27/28" alone reads as "no logging": name the gap
            names = _few(missing, fr)
            text += f" (sans : {names})" if fr else f" (missing: {names})"
        return on == len(known), text
    if name == "threat_model":
        return bool(model.threats), ("modèle de menaces documenté" if fr
                                     else "threat model documented")
    attr = {"device_signed_updates": "signed_updates", "device_secure_boot": "secure_boot",
            "device_authentication": "authentication"}[name]
    label = {"signed_updates": ("signed updates", "mises à jour signées"),
             "secure_boot": ("secure boot", "démarrage sécurisé"),
             "authentication": ("authentication", "authentification")}[attr]
    if attr in ("signed_updates", "secure_boot"):
        # Every device that runs updatable firmware counts, gateways included: a bedside
        # transmitter with unsigned updates is as much an FDA finding as the implant.
        devices = [c for c in model.components if c.layer in (Layer.THING, Layer.GATEWAY)
                   and (getattr(c.properties, attr) is not None or c.properties.os_firmware)]
        if not devices:
            return None, ""
        bad = [c.name for c in devices if getattr(c.properties, attr) is not True]
        text = f"{label[1] if fr else label[0]}: {len(devices) - len(bad)}/{len(devices)}"
        if bad:
            text += " (" + ("manque" if fr else "missing") + ": " + ", ".join(bad[:3]) + \
                ("…" if len(bad) > 3 else "") + ")"
        return not bad, text
    values = [getattr(c.properties, attr) for c in things]
    known = [v for v in values if v is not None]
    if not known:
        return None, ""
    good = sum(1 for v in known if v and str(v) not in ("none", "unknown"))
    return good == len(known), f"{label[1] if fr else label[0]}: {good}/{len(known)}"


def assess(model: ThreatModel, lang: str = "en",
           titles: dict[str, tuple[str, str]] | None = None,
           frameworks=None) -> list[Readiness]:
    """Readiness per checklist item.

    ``titles`` gives French control titles by catalog id; ``frameworks(catalog_id)`` the
    regulatory references of a catalog control (keyword matching is used without it).
    """
    result = []
    for item in load_checklist().items:
        title = item.title_fr if lang == "fr" else item.title_en
        if not applies(item, model):
            result.append(Readiness(item.id, title, "not_applicable", []))
            continue
        points = 0.0
        failed = False
        evidence: list[str] = []
        for fact in item.facts:
            value, text = _fact(fact, model, lang)
            if value is None:
                continue
            evidence.append(("✔ " if value else "✘ ") + text)
            points += 1.0 if value else 0.0
            failed = failed or not value
        covered_e: set[str] = set()
        for control in model.controls:
            mapped = frameworks(control.catalog_id) if frameworks else {}
            haystack = f"{control.title} {control.catalog_id or ''}".lower()
            if (set(mapped) & set(item.frameworks)) or (
                    not mapped and any(k in haystack for k in item.keywords)):
                done = control.status in (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED)
                points += 1.0 if done else 0.5
                label = control.title
                if lang == "fr" and titles and control.catalog_id:
                    key = control.catalog_id
                    pair = titles.get(key) or titles.get(key.split(":", 1)[-1])
                    label = pair[1] if pair and pair[1] else label
                evidence.append(("✔ " if done else "○ ") + label)
                if done:
                    covered_e.update(mapped.get("has_5b", []))
        if item.id == "has_5b" and frameworks:
            missing = [e for e in ("E1", "E2", "E3") if e not in covered_e]
            if missing:
                failed = True
                evidence.insert(0, "✘ " + ("non couvert : " if lang == "fr" else
                                           "not covered: ") + ", ".join(missing))
            else:
                evidence.insert(0, "✔ E1, E2, E3")
        state = "ready" if points >= 2 and not failed else "partial" if points > 0 else "gap"
        if state == "partial" and all(e.startswith("✔") for e in evidence):
            # One ✔ alone reads as done: say why it is still only partial.
            evidence.append("✘ " + ("un seul élément en place ; «\u202fPrêt\u202f» en demande deux"
                                    if lang == "fr" else
                                    "only one piece of evidence in place; ready needs two"))
        result.append(Readiness(item.id, title, state, evidence))
    return result
