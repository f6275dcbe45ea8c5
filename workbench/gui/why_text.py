"""The threats panel's details: why a suggested threat applies and what can be done.

Words for :mod:`workbench.analysis.explain`'s clauses ("Internet exposed is yes", "Data it
holds or carries includes health data"), the likelihood and impact behind the score, and the
catalog controls for the threat, in the interface language. Returns HTML for a read-only
``QTextBrowser``; every text a user reads goes through ``translate`` (context "Why").
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from workbench.analysis.explain import Applicability, Clause
from workbench.gui.catalog_text import (
    attacker_name,
    control_title,
    impact_name,
    scale_name,
    stencil_label,
    threat_description,
    threat_title,
)
from workbench.gui.i18n import current_language, percent
from workbench.gui.labels import enum_label, field_label, layer_label, status_label

_t = (
    QCoreApplication.translate
)  # lupdate reads tr() calls: QCoreApplication.translate("Why", "Why", "literal")


def fact_label(attr: str) -> str:
    """A fact of the condition vocabulary (docs/conditions.md) in words."""
    for prefix, word in (
        ("source.", QCoreApplication.translate("Why", "source")),
        ("target.", QCoreApplication.translate("Why", "destination")),
    ):
        if attr.startswith(prefix):
            return f"{fact_label(attr[len(prefix) :])} ({word})"
    if attr.startswith("properties."):
        return field_label(attr.split(".", 1)[1])
    labels = {
        "id": QCoreApplication.translate("Why", "Id"),
        "name": QCoreApplication.translate("Why", "Name"),
        "stencil": QCoreApplication.translate("Why", "Element type"),
        "layer": QCoreApplication.translate("Why", "Layer"),
        "category": QCoreApplication.translate("Why", "Category of element"),
        "tags": QCoreApplication.translate("Why", "Kind of element"),
        "zone": QCoreApplication.translate("Why", "Trust zone"),
        "zone.kind": QCoreApplication.translate("Why", "Kind of trust zone"),
        "zone.trust_level": QCoreApplication.translate("Why", "Trust level of its zone"),
        "has_wireless": QCoreApplication.translate("Why", "Has a wireless interface"),
        "data.kinds": QCoreApplication.translate("Why", "Data it holds or carries"),
        "data.personal": QCoreApplication.translate("Why", "Holds or carries personal data"),
        "data.special_category": QCoreApplication.translate(
            "Why", "Holds or carries health data (GDPR art. 9)"
        ),
        "data.max_confidentiality": QCoreApplication.translate(
            "Why", "Highest confidentiality of its data"
        ),
        "data.max_integrity": QCoreApplication.translate(
            "Why", "Highest integrity need of its data"
        ),
        "data.max_availability": QCoreApplication.translate(
            "Why", "Highest availability need of its data"
        ),
        "flows.in": QCoreApplication.translate("Why", "Incoming flows"),
        "flows.out": QCoreApplication.translate("Why", "Outgoing flows"),
        "flows.unencrypted": QCoreApplication.translate("Why", "Unencrypted flows"),
        "flows.unauthenticated": QCoreApplication.translate("Why", "Unauthenticated flows"),
        "flows.weakly_authenticated": QCoreApplication.translate(
            "Why", "Weakly authenticated flows"
        ),
        "flows.unsigned_software_in": QCoreApplication.translate(
            "Why", "Unsigned software received"
        ),
        "flows.unauthenticated_in": QCoreApplication.translate(
            "Why", "Unauthenticated incoming flows"
        ),
        "flows.carried": QCoreApplication.translate("Why", "Flows carried"),
        "flows.carried_unencrypted": QCoreApplication.translate("Why", "Unencrypted flows carried"),
        "flows.carried_unauthenticated": QCoreApplication.translate(
            "Why", "Unauthenticated flows carried"
        ),
        "on_flat_network": QCoreApplication.translate("Why", "On a flat network"),
        "protocol": QCoreApplication.translate("Why", "Protocol"),
        "encrypted": QCoreApplication.translate("Why", "Encrypted"),
        "authenticated": QCoreApplication.translate("Why", "Authenticated"),
        "authentication": QCoreApplication.translate("Why", "Authentication"),
        "signed": QCoreApplication.translate("Why", "Signed software"),
        "carries_software": QCoreApplication.translate("Why", "Carries software"),
        "bidirectional": QCoreApplication.translate("Why", "Bidirectional"),
        "wireless": QCoreApplication.translate("Why", "Wireless link"),
        "crosses_trust_boundary": QCoreApplication.translate("Why", "Crosses a trust boundary"),
        "trust_drop": QCoreApplication.translate("Why", "Drop in trust level"),
        "via.stencils": QCoreApplication.translate("Why", "Networks it goes through"),
        "via.count": QCoreApplication.translate("Why", "Number of networks it goes through"),
        "via.flat": QCoreApplication.translate("Why", "Goes through a flat network"),
    }
    return labels.get(attr) or attr.replace("_", " ").replace(".", " ")


def value_text(attr: str, value: Any, stencils=None) -> str:
    """A fact's value: yes/no, element types by name, vocabulary in words."""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Why", "yes")
            if value
            else QCoreApplication.translate("Why", "no")
        )
    if value is None or value == [] or value == "":
        return QCoreApplication.translate("Why", "not set")
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(value_text(attr, v, stencils) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if attr.endswith("stencil") or attr.endswith("stencils"):
        found = stencils.get(text) if stencils is not None else None
        return stencil_label(found, text)
    if attr.endswith("layer"):
        return layer_label(text)
    if attr.endswith("tags"):
        return tag_label(text)
    if attr.endswith("category"):
        return category_label(text)
    return enum_label(text) if text.islower() else text


def clause_text(clause: Clause, stencils=None) -> str:
    """ "Internet exposed is yes (here: yes)", negated under a ``not``."""
    what = fact_label(clause.attr)
    expected = value_text(clause.attr, clause.expected, stencils)
    phrases = {  # (holds, negated)
        "eq": (
            QCoreApplication.translate("Why", "%1 is %2"),
            QCoreApplication.translate("Why", "%1 is not %2"),
        ),
        "ne": (
            QCoreApplication.translate("Why", "%1 is not %2"),
            QCoreApplication.translate("Why", "%1 is %2"),
        ),
        "in": (
            QCoreApplication.translate("Why", "%1 is one of: %2"),
            QCoreApplication.translate("Why", "%1 is none of: %2"),
        ),
        "not_in": (
            QCoreApplication.translate("Why", "%1 is none of: %2"),
            QCoreApplication.translate("Why", "%1 is one of: %2"),
        ),
        "contains": (
            QCoreApplication.translate("Why", "%1 includes %2"),
            QCoreApplication.translate("Why", "%1 does not include %2"),
        ),
        "contains_any": (
            QCoreApplication.translate("Why", "%1 includes one of: %2"),
            QCoreApplication.translate("Why", "%1 includes none of: %2"),
        ),
        "gt": (
            QCoreApplication.translate("Why", "%1 is above %2"),
            QCoreApplication.translate("Why", "%1 is not above %2"),
        ),
        "gte": (
            QCoreApplication.translate("Why", "%1 is at least %2"),
            QCoreApplication.translate("Why", "%1 is below %2"),
        ),
        "lt": (
            QCoreApplication.translate("Why", "%1 is below %2"),
            QCoreApplication.translate("Why", "%1 is not below %2"),
        ),
        "lte": (
            QCoreApplication.translate("Why", "%1 is at most %2"),
            QCoreApplication.translate("Why", "%1 is above %2"),
        ),
    }
    if clause.op == "exists":
        present = bool(clause.expected) != clause.negated
        text = (
            QCoreApplication.translate("Why", "%1 is set")
            if present
            else QCoreApplication.translate("Why", "%1 is not set")
        ).replace("%1", what)
    elif clause.op in ("eq", "ne") and isinstance(clause.expected, bool):
        # "Secure boot is no", not "Secure boot is not yes"
        value = (clause.expected == (clause.op == "eq")) != clause.negated
        text = (
            QCoreApplication.translate("Why", "%1 is %2")
            .replace("%1", what)
            .replace("%2", value_text(clause.attr, value))
        )
        expected = value_text(clause.attr, value)
    else:
        pair = phrases.get(clause.op, ("%1 %2", "%1 %2"))
        text = pair[1 if clause.negated else 0].replace("%1", what).replace("%2", expected)
    actual = value_text(clause.attr, clause.actual, stencils)
    if clause.op in ("in", "not_in", "contains", "contains_any") or actual != expected:
        text += " " + QCoreApplication.translate("Why", "(here: %1)").replace("%1", actual)
    return text


def _li(items: list[str]) -> str:
    return "<ul style='margin-left:-24px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def why_items(why: Applicability | None, manual: bool, stencils=None) -> list[str]:
    """Why it applies, as list items (escaped HTML)."""
    if manual:
        return [
            html.escape(
                QCoreApplication.translate("Why", "Added by an analyst, not by a catalog rule.")
            )
        ]
    if why is None:
        return [
            html.escape(QCoreApplication.translate("Why", "The element is no longer in the model."))
        ]
    items = []
    if not why.holds:
        items.append(
            html.escape(
                QCoreApplication.translate(
                    "Why",
                    "The catalog rule no longer holds on this element; the "
                    "threat stays because an analyst decided on it.",
                )
            )
        )
        return items
    if why.layers:
        items.append(
            html.escape(
                QCoreApplication.translate("Why", "Rule for elements of layer %1 (this one: %2)")
                .replace("%1", ", ".join(layer_label(x) for x in why.layers))
                .replace("%2", layer_label(why.layer or ""))
            )
        )
    if why.stencils:
        names = [value_text("stencil", s, stencils) for s in why.stencils]
        shown = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
        items.append(
            html.escape(
                QCoreApplication.translate("Why", "Rule for these element types: %1 (this one: %2)")
                .replace("%1", shown)
                .replace("%2", value_text("stencil", why.stencil, stencils))
            )
        )
    items += [html.escape(clause_text(c, stencils)) for c in why.clauses]
    if not items:
        items.append(
            html.escape(
                QCoreApplication.translate(
                    "Why", "The catalog rule applies to every element of this kind."
                )
            )
        )
    return items


def _semicolon() -> str:
    """"; " / " ; " (narrow no-break space before it in French)."""
    return "\u202f; " if current_language() == "fr" else "; "


def _attacker(attacker_id: str, model: Any) -> str:
    from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS

    profiles = [*(getattr(model, "attackers", None) or []), *DEFAULT_ATTACKERS]
    found = next((a for a in profiles if a.id == attacker_id), None)
    return attacker_name(attacker_id, found.name if found is not None else None)


def score_items(risk: Any, scales: Any, model: Any = None) -> list[str]:
    """Likelihood and the highest impacts in words, then the engine's likelihood steps.

    ``scales``: the model's ``RiskSettings`` (level and category names)."""
    items = []
    level = getattr(risk, "likelihood", None)
    names = {lv.value: lv.name for lv in getattr(scales, "likelihood_levels", []) or []}
    if level:
        text = QCoreApplication.translate("Why", "Likelihood %1").replace(
            "%1", f"{level} · {scale_name(names.get(level, ''))}" if level in names else str(level)
        )
        base = getattr(risk, "base_likelihood", None)
        if base is not None and base != level:
            text += " " + QCoreApplication.translate("Why", "(%1 once attempted)").replace(
                "%1", str(base)
            )
        items.append(html.escape(text))
    exposure = getattr(risk, "exposure", None)
    attacker = getattr(risk, "exposure_attacker", None)
    if exposure is not None and attacker:
        shown = percent(exposure)
        items.append(
            html.escape(
                QCoreApplication.translate("Why", "Most exposed to: %1 (can attempt it: %2)")
                .replace("%1", _attacker(attacker, model))
                .replace("%2", shown)
            )
        )
    impact = dict(getattr(risk, "impact", {}) or {})
    categories = {c.id: c.name for c in getattr(scales, "impact_categories", []) or []}
    severity = {lv.value: lv.name for lv in getattr(scales, "severity_levels", []) or []}
    top = sorted(impact.items(), key=lambda kv: -kv[1])[:3]
    if top:
        parts = [
            f"{impact_name(cid, categories.get(cid, cid))} {value}"
            + (f" · {scale_name(severity[value])}" if value in severity else "")
            for cid, value in top
        ]
        items.append(
            html.escape(
                QCoreApplication.translate("Why", "Impact: %1")
                .replace("%1", _semicolon().join(parts))
            )
        )
    notes = list(getattr(risk, "likelihood_reasons", []) or [])
    if current_language() == "fr":  # French typography: U+202F before the colon
        notes = [re.sub(r" ([:;!?])", "\u202f\\1", n)
                 for n in (likelihood_note_fr(n) for n in notes) if n]
    if notes:
        items.append(html.escape(
            QCoreApplication.translate("Why", "Likelihood steps: %1").replace(
                "%1", _semicolon().join(notes))))
    return items


@lru_cache(maxsize=1)
def _reasons_fr() -> dict[str, str]:
    path = Path(__file__).resolve().parent / "translations" / "likelihood_reasons_fr.json"
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["reasons"])
    except (OSError, ValueError, KeyError):
        return {}


_STEP = re.compile(r"^([+-]?\d+): (finding, the model declares the weakness: )?(.+)$")


def likelihood_note_fr(note: str) -> str | None:
    """One of the engine's likelihood notes (English) in French; None for the exposure
    note, shown in words above, and for an unknown note (better left out than English)."""
    if note == "set by analyst":
        return "fixée par l'analyste"
    match = re.match(r"^catalog default (\d+)$", note)
    if match:
        return f"valeur du catalogue {match.group(1)}"
    match = re.match(r"^at most (\d+): a (\w+) attack reaches one device at a time", note)
    if match:
        return (f"au plus {match.group(1)} : une attaque de ce type n'atteint qu'un "
                "dispositif à la fois (l'attaquant doit le détenir)")
    match = _STEP.match(note)
    if match and not match.group(3).startswith("exposure:"):
        reason = _reasons_fr().get(match.group(3))
        if reason is None:
            return None
        finding = "constat, le modèle déclare la faiblesse : " if match.group(2) else ""
        return f"{match.group(1)} : {finding}{reason}"
    return None


def control_items(risk: Any, catalog: Any) -> list[str]:
    """The catalog's controls for the threat, with those already attached marked."""
    inst = risk.instance
    attached = {c.catalog_id: c for c in getattr(risk, "controls", []) or [] if c.catalog_id}
    controls = catalog.controls_for(inst.catalog_id) if catalog is not None else []
    items = []
    for control in controls:
        text = html.escape(control_title(control.id, control.title, catalog))
        link = attached.get(control.id)
        if link is not None:
            text += (
                " — <i>"
                + html.escape(
                    QCoreApplication.translate("Why", "attached (%1)").replace(
                        "%1", enum_label(link.status.value)
                    )
                )
                + "</i>"
            )
        items.append(text)
    if not items:
        items.append(
            html.escape(
                QCoreApplication.translate(
                    "Why",
                    "No catalog control for this threat: record your own "
                    "measure, or reject the threat with a reason.",
                )
            )
        )
    return items


def details_html(
    risk: Any,
    names: dict[str, str],
    why: Applicability | None,
    catalog: Any,
    model: Any,
    stencils=None,
) -> str:
    """The whole details pane for one row of the threats table (``model``: the analysed
    model, for its scales, impact categories and attackers)."""
    scales = getattr(model, "risk", None)
    inst = risk.instance
    title = threat_title(inst.catalog_id, inst.title, catalog)
    element = names.get(inst.element, inst.element)
    where = QCoreApplication.translate("Why", "on %1").replace("%1", element)
    head = (
        f"<b>{html.escape(title)}</b><br>"
        f"<span style='color:#555'>{html.escape(where)}"
        f" · {html.escape(status_label(inst.status.value))}</span>"
    )
    ttype = getattr(risk, "threat_type", None)
    described = threat_description(ttype) if ttype is not None else ""
    if described:  # French from workbench/data/catalog-descriptions-fr.json
        head += f"<p style='margin-top:4px'>{html.escape(described)}</p>"
    manual = bool(getattr(inst, "manual", False)) or (
        catalog is not None and inst.catalog_id not in catalog.threats
    )
    sections = [
        (QCoreApplication.translate("Why", "Why it applies"), why_items(why, manual, stencils)),
        (
            QCoreApplication.translate("Why", "How likely, how bad"),
            score_items(risk, scales, model),
        ),
        (QCoreApplication.translate("Why", "What can be done"), control_items(risk, catalog)),
    ]
    body = "".join(
        f"<p style='margin-bottom:0'><b>{html.escape(name)}</b></p>{_li(items)}"
        for name, items in sections
        if items
    )
    return head + body


def tag_label(tag: str) -> str:
    """A stencil tag (the rules' vocabulary) in words."""
    return tag_labels().get(tag) or tag.replace("_", " ")


def tag_labels() -> dict[str, str]:
    """Every known stencil tag in words, in the interface language (literal for lupdate)."""
    return {
        "analytics": QCoreApplication.translate("Tags", "analytics"),
        "backup": QCoreApplication.translate("Tags", "backup"),
        "clinical": QCoreApplication.translate("Tags", "clinical"),
        "consumer": QCoreApplication.translate("Tags", "consumer"),
        "fleet_manager": QCoreApplication.translate("Tags", "fleet manager"),
        "hub": QCoreApplication.translate("Tags", "hub"),
        "identity": QCoreApplication.translate("Tags", "identity"),
        "implant": QCoreApplication.translate("Tags", "implant"),
        "legacy_prone": QCoreApplication.translate("Tags", "legacy prone"),
        "medical_device": QCoreApplication.translate("Tags", "medical device"),
        "mobile": QCoreApplication.translate("Tags", "mobile"),
        "monitoring": QCoreApplication.translate("Tags", "monitoring"),
        "notification": QCoreApplication.translate("Tags", "notification"),
        "partner": QCoreApplication.translate("Tags", "partner"),
        "personal_device": QCoreApplication.translate("Tags", "personal device"),
        "radio": QCoreApplication.translate("Tags", "radio"),
        "safety_critical": QCoreApplication.translate("Tags", "safety critical"),
        "single_user": QCoreApplication.translate("Tags", "one person's"),
        "software": QCoreApplication.translate("Tags", "software only"),
        "store": QCoreApplication.translate("Tags", "store"),
        "therapy": QCoreApplication.translate("Tags", "therapy"),
        "unclassified": QCoreApplication.translate("Tags", "unclassified"),
        "update": QCoreApplication.translate("Tags", "update"),
        "wearable": QCoreApplication.translate("Tags", "wearable"),
        "web_facing": QCoreApplication.translate("Tags", "web facing"),
        "wireless": QCoreApplication.translate("Tags", "wireless"),
    }


def category_label(category: str) -> str:
    """A stencil category in words."""
    labels = {
        "API": QCoreApplication.translate("Category", "API"),
        "B2B API": QCoreApplication.translate("Category", "B2B API"),
        "IoT gateway": QCoreApplication.translate("Category", "IoT gateway"),
        "LAN": QCoreApplication.translate("Category", "LAN"),
        "WAN": QCoreApplication.translate("Category", "WAN"),
        "analytics": QCoreApplication.translate("Category", "analytics"),
        "app": QCoreApplication.translate("Category", "app"),
        "backup": QCoreApplication.translate("Category", "backup"),
        "bedside relay": QCoreApplication.translate("Category", "bedside relay"),
        "biomedical gateway": QCoreApplication.translate("Category", "biomedical gateway"),
        "distribution": QCoreApplication.translate("Category", "distribution"),
        "edge": QCoreApplication.translate("Category", "edge"),
        "home device": QCoreApplication.translate("Category", "home device"),
        "home hub": QCoreApplication.translate("Category", "home hub"),
        "home sensor": QCoreApplication.translate("Category", "home sensor"),
        "hosting": QCoreApplication.translate("Category", "hosting"),
        "identity": QCoreApplication.translate("Category", "identity"),
        "imaging": QCoreApplication.translate("Category", "imaging"),
        "implant": QCoreApplication.translate("Category", "implant"),
        "integration": QCoreApplication.translate("Category", "integration"),
        "messaging": QCoreApplication.translate("Category", "messaging"),
        "mobile": QCoreApplication.translate("Category", "mobile"),
        "mobile relay": QCoreApplication.translate("Category", "mobile relay"),
        "monitor": QCoreApplication.translate("Category", "monitor"),
        "monitoring": QCoreApplication.translate("Category", "monitoring"),
        "platform": QCoreApplication.translate("Category", "platform"),
        "portal": QCoreApplication.translate("Category", "portal"),
        "programmer": QCoreApplication.translate("Category", "programmer"),
        "radio": QCoreApplication.translate("Category", "radio"),
        "remote control": QCoreApplication.translate("Category", "remote control"),
        "sensor": QCoreApplication.translate("Category", "sensor"),
        "store": QCoreApplication.translate("Category", "store"),
        "therapy device": QCoreApplication.translate("Category", "therapy device"),
        "tunnel": QCoreApplication.translate("Category", "tunnel"),
        "unclassified": QCoreApplication.translate("Category", "unclassified"),
        "update": QCoreApplication.translate("Category", "update"),
        "wearable": QCoreApplication.translate("Category", "wearable"),
        "workstation": QCoreApplication.translate("Category", "workstation"),
    }
    return labels.get(category) or category
