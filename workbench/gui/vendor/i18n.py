"""Catalogs of the vendor-review package: every ``translations/*_<lang>.qm`` is installed
(see :mod:`workbench.gui.package_i18n`)."""

from __future__ import annotations

from pathlib import Path

from workbench.gui.package_i18n import PackageCatalogs

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
_catalogs = PackageCatalogs(TRANSLATIONS)


def sync_language() -> str:
    """Install (or remove) this package's catalogs to match the main one; returns the code."""
    return _catalogs.sync()
