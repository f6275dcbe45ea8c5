"""The user's own stencils and catalogs, in the per-user data folder (platformdirs).

Linux: ``~/.local/share/threat-workbench/{stencils,catalogs}/*.json`` (``$XDG_DATA_HOME``
moves it); macOS: ``~/Library/Application Support/threat-workbench/``; Windows:
``%LOCALAPPDATA%\\threat-workbench\\``. ``$WORKBENCH_USER_DIR`` replaces the folder (the
tests point it at an empty folder so a developer's own files never change their results).
Files there are read with the shipped ones on every start, validated the same way, and a
bad one is reported by its path like any other data file.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "threat-workbench"
USER_DIR_ENV = "WORKBENCH_USER_DIR"


def user_dir() -> Path:
    """The folder holding the user's ``stencils/`` and ``catalogs/`` (may not exist)."""
    override = os.environ.get(USER_DIR_ENV, "")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_files(kind: str) -> list[Path]:
    """The JSON files of ``kind`` (``stencils`` or ``catalogs``) the user dropped there."""
    folder = user_dir() / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.json") if p.is_file())
