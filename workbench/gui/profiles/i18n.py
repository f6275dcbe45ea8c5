"""Catalogs of the profiles package (``translations/profiles_<lang>.qm``), installed to match
the main window's language (see :mod:`workbench.gui.package_i18n`)."""

from __future__ import annotations

from pathlib import Path

from workbench.gui.package_i18n import PackageCatalogs

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
_catalogs = PackageCatalogs(TRANSLATIONS)


def sync_language() -> str:
    """Install (or remove) this package's catalogs; call before building widgets."""
    return _catalogs.sync()
