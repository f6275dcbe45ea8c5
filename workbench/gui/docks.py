"""Docks that feature packages build on first use (workshop, review, changes...)."""

from __future__ import annotations


def restore_dock(window, dock) -> bool:
    """List a feature dock under View and put it back where the user left it; False when it
    has no saved place yet (the caller then places it)."""
    created = getattr(window, "feature_dock_created", None)
    return bool(created(dock)) if created is not None else False
