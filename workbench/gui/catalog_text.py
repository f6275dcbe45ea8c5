"""Catalog titles and descriptions, stencil and built-in attacker names in the interface
language.

Threat and control instances store the catalog's English title when the rule engine created
them; a French interface shows the catalog's ``title_fr`` instead, unless the analyst
retitled the instance (their words are kept as typed).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from workbench.analysis.catalog import Catalog, default_catalog
from workbench.gui.i18n import current_language


def _catalog(catalog: Catalog | None) -> Catalog | None:
    if catalog is not None:
        return catalog
    try:
        return default_catalog()
    except Exception:  # noqa: BLE001 - a broken user catalog must not blank the panels
        return None


def threat_title(catalog_id: str, title: str | None, catalog: Catalog | None = None) -> str:
    """The title to show for a threat instance of ``catalog_id`` stored as ``title``."""
    french = current_language() == "fr"
    if title and not french:  # the common case: no catalog lookup at all
        return title
    found = _catalog(catalog)
    entry = found.threats.get(catalog_id) if found is not None else None
    if entry is None:
        return title or catalog_id
    if french and entry.title_fr and title in (None, "", entry.title):
        return entry.title_fr
    return title or entry.title


def control_title(catalog_id: str | None, title: str, catalog: Catalog | None = None) -> str:
    """The title to show for a control (instance or catalog entry)."""
    if current_language() != "fr" or not catalog_id:
        return title
    found = _catalog(catalog)
    entry = found.controls.get(catalog_id) if found is not None else None
    if entry is not None and entry.title_fr and title in ("", entry.title):
        return entry.title_fr
    return title


def threat_description(entry) -> str:
    """A catalog threat's description (``ThreatType``) in the interface language: French
    from ``workbench/data/catalog-descriptions-fr.json`` when it has the entry, else the
    catalog's own."""
    return _description("threats", entry)


def control_description(entry) -> str:
    """The same for a catalog control."""
    return _description("controls", entry)


def _description(kind: str, entry) -> str:
    if entry is None:
        return ""
    english = getattr(entry, "description", "") or ""
    if current_language() != "fr":
        return english
    from workbench.analysis.descriptions_fr import shipped_descriptions

    return getattr(shipped_descriptions(), kind).get(entry.id, english)


def stencil_label(stencil, fallback: str = "") -> str:
    """A stencil's name in the interface language (the stencil file's ``label_fr``)."""
    if stencil is None:
        return fallback
    if current_language() == "fr" and getattr(stencil, "label_fr", None):
        return stencil.label_fr
    return stencil.label


@lru_cache(maxsize=1)
def _attackers_fr() -> dict[str, dict[str, str]]:
    """French names of the built-in attacker profiles (``workbench/data/attackers-fr.json``)."""
    try:
        text = (files("workbench.data") / "attackers-fr.json").read_text(encoding="utf-8")
        return dict(json.loads(text)["attackers"])
    except (OSError, ValueError, KeyError):  # a broken install shows English names
        return {}


def _builtin(attacker_id: str):
    from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS

    return next((a for a in DEFAULT_ATTACKERS if a.id == attacker_id), None)


def attacker_name(attacker_id: str, name: str | None) -> str:
    """An attacker's name to show: the French name of a built-in profile while it keeps its
    built-in English name; an analyst's own name as typed."""
    if current_language() != "fr":
        return name or attacker_id
    french = _attackers_fr().get(attacker_id)
    builtin = _builtin(attacker_id)
    if french and builtin is not None and name in (None, "", builtin.name):
        return french["name"]
    return name or attacker_id


def attacker_description(attacker_id: str, description: str | None) -> str | None:
    """The same rule for the profile's description."""
    if current_language() != "fr":
        return description
    french = _attackers_fr().get(attacker_id)
    builtin = _builtin(attacker_id)
    if french and builtin is not None and description in (None, "", builtin.description):
        return french.get("description") or description
    return description


def scale_name(name: str) -> str:
    """A level of the default likelihood or severity scales ("Critical" -> "Critique");
    an organisation's own level names are shown as written."""
    if current_language() != "fr":
        return name
    from workbench.analysis.riskmatrix import SCALE_NAMES_FR

    return SCALE_NAMES_FR.get(name, name)


def impact_name(category_id: str, name: str) -> str:
    """An impact category: the EBIOS French wording for the default ten, while they keep
    their default English name."""
    if current_language() != "fr":
        return name
    from workbench.model.defaults import IMPACT_CATEGORIES, IMPACT_NAMES_FR

    default = {cid: text for cid, text, _ in IMPACT_CATEGORIES}.get(category_id)
    if category_id in IMPACT_NAMES_FR and name in (default, "", None):
        return IMPACT_NAMES_FR[category_id]
    return name


def _de(name: str) -> str:
    """French "de X", elided before a vowel: "d’Application", "de Balance"."""
    return f"d’{name}" if name[:1].lower() in "aeiouyéèêàâîïôûœ" else f"de {name}"


def target_name(kind: str, element_name: str, name: str, derived: bool,
                function: str | None = None) -> str:
    """A target's name: a derived one is worded again in French ("données de santé de
    Balance connectée"); the model's own targets keep the name given."""
    if not derived or current_language() != "fr":
        return name
    if kind == "health_data":
        return f"données de santé {_de(element_name)}"
    if kind == "care_service":
        return f"service de soins {element_name}"
    if kind == "patient_safety":
        what = "thérapie" if function in (None, "", "therapy") else function
        return f"{what} {_de(element_name)}"
    return name


def target_label(model, kind: str, element: str, name: str | None, derived: bool,
                 components: dict[str, Any] | None = None) -> str:
    """:func:`target_name` for a target of ``model`` (its element's name and function);
    ``components``: ``model.components_by_id()``, for many targets of one model."""
    comp = model.component(element) if components is None else components.get(element)
    if comp is None:
        return name or element
    return target_name(kind, comp.name, name or comp.name, derived,
                       comp.properties.safety_critical_function)
