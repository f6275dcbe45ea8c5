"""French (and later other) strings of the workshop mode and diff overlay.

They live in their own catalog, ``translations/workshop_<lang>.ts/.qm``, so this package can
grow its strings without touching the main window's catalog. The language follows the one
``workbench.gui.i18n`` installed (its translator's ``language()``); called again whenever a
window builds its Tools menu, so switching back to English removes ours too.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.gui.package_i18n import PackageCatalogs

TRANSLATIONS = Path(__file__).resolve().parent / "translations"

_catalogs = PackageCatalogs(TRANSLATIONS)


def sync_language() -> str:
    """Install (or remove) the workshop catalog to match the main one; returns the code."""
    return _catalogs.sync()


def _code() -> str:
    return _catalogs.code


@lru_cache(maxsize=4)
def _question_texts(code: str) -> dict[str, Any]:
    path = Path(__file__).resolve().parent / f"questions_{code}.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def question(framework: str, category: str, name: str, text: str) -> tuple[str, str]:
    """(name, text) of a walkthrough question in the interface language (English fallback:
    the questions themselves are the core's data, ``workbench/workshop/questions.json``)."""
    if _code() == "en":
        return name, text
    entry = _question_texts(_code()).get(framework, {}).get(category)
    if not isinstance(entry, dict):
        return name, text
    return str(entry.get("name") or name), str(entry.get("question") or text)
