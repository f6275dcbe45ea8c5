"""French wording of each catalog threat's specific harm (``harms-fr.json``).

Why a report data file rather than a catalog field: the harm is ISO 14971 wording the catalog
states in English; a French board must read the same specific harm ("Réponse tardive aux
alertes"), not a generic tier. Each entry repeats the English text it translates, so a test
flags a translation left stale by a catalog change; a stale or missing entry falls back to
the generic tier, never to English.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from workbench.report.datatable import load_table

DATA_FILE = Path(__file__).with_name("harms-fr.json")


class Harm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str
    fr: str


class HarmTable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int
    description: str = ""
    harms: dict[str, Harm]


@cache
def load_harms(path: Path = DATA_FILE) -> HarmTable:
    return load_table(path, HarmTable)

def french_harm(catalog_id: str, english: str) -> str:
    """The French harm of a catalog threat, "" when unknown or stale (English changed)."""
    entry = load_harms().harms.get(catalog_id) or load_harms().harms.get(
        catalog_id.split(":", 1)[-1])
    if entry is None or (english and entry.en != english):
        return ""
    return entry.fr
