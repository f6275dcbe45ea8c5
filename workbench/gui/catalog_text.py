"""Catalog titles in the interface language.

Threat and control instances store the catalog's English title when the rule engine created
them; a French interface shows the catalog's ``title_fr`` instead, unless the analyst
retitled the instance (their words are kept as typed).
"""

from __future__ import annotations

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
