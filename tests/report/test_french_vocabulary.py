"""A French report speaks French: no word of the report's English vocabulary appears in it,
except where it comes from the model itself (names the analyst typed) or from catalog text
that has no French version (threat descriptions, see docs/reports.md)."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from workbench.model.io import load_model
from workbench.report import i18n
from workbench.report.data import gather
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")


def words(text: str) -> set[str]:
    return {w.lower().strip("’'") for w in WORD.findall(text)}


def english_vocabulary() -> set[str]:
    english, french = set(), set()
    tables = [i18n.MESSAGES] + [v for v in vars(i18n).values()
                                if isinstance(v, dict) and v and all(
                                    isinstance(x, tuple) and len(x) == 2
                                    for x in v.values())]
    for table in tables:
        for en, fr in table.values():
            english |= words(re.sub(r"\{[^}]*\}", " ", en))
            french |= words(re.sub(r"\{[^}]*\}", " ", fr))
    return {w for w in english - french if len(w) >= 4}


def model_words(path) -> set[str]:
    """Every word the model file or the shipped catalogs carry in English."""
    found = words(path.read_text(encoding="utf-8"))
    for catalog in (SAMPLES.parent / "catalogs").rglob("*.json"):
        data = json.loads(catalog.read_text(encoding="utf-8"))
        for key in ("threats", "controls", "items"):
            table = data.get(key, [])
            if not isinstance(table, list):  # descriptions-fr.json: {id: French text}
                continue
            for entry in table:
                for field in ("description", "harm", "hazard"):
                    found |= words(str(entry.get(field, "")))
    return found


@pytest.mark.parametrize("audience", ["board", "technical"])
@pytest.mark.parametrize("name", ["insulin-closed-loop", "hospital-ward-iomt"])
def test_french_report_has_no_english_report_words(name, audience):
    path = SAMPLES / f"{name}.twm.json"
    data = gather(load_model(path), path.read_bytes(), recommend=False)
    reader = PdfReader(io.BytesIO(render_pdf(data, audience, "fr")))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    # The engines' own messages are quoted as emitted, under a heading saying so.
    quoted = words(" ".join(data.notes))
    leaked = (words(text) & english_vocabulary()) - model_words(path) - quoted
    assert not leaked, sorted(leaked)
