"""Vendor architecture review in the window: the buyer's checklist and imports from other tools.

``install_vendor_tools(window, menu)`` is the only call the Tools menu makes. Each feature
keeps its strings in its own catalog (``translations/<feature>_<lang>.ts``) so the checklist
and the importer can grow apart; :mod:`workbench.gui.vendor.i18n` installs them all.
"""

from __future__ import annotations


def install_vendor_tools(window, menu) -> None:
    """Add the vendor-review actions to the Tools menu (each feature registers itself)."""
    from workbench.gui.vendor.i18n import sync_language

    sync_language()
    for name in FEATURES:
        module = __import__(f"workbench.gui.vendor.{name}", fromlist=["install"])
        module.install(window, menu)


#: Modules of this package exposing ``install(window, menu)``, in menu order.
FEATURES: tuple[str, ...] = ("imports", "review")
