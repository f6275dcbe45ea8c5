"""French descriptions of the shipped catalog's threats and controls, as data.

The catalogs carry ``title_fr`` beside each English title; their descriptions (a paragraph
each, shown as the threat's tooltip, at the head of its details and on the controls one
can attach) live in ``workbench/data/catalog-descriptions-fr.json`` by catalog id, so a
translator edits one file without touching the rules (beside, not inside, the catalogs
folder: tools that read every catalog file expect lists of rules there). The file is
validated on load: every problem is ``FILE: json.path: message`` (unknown id, empty or
over-long text, wrong shape). Qt-free: the window, the CLI and the reports can all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from workbench.model.errors import ModelError, Problem
from workbench.model.io import read_json_document

FILE_NAME = "catalog-descriptions-fr.json"
#: A description is a paragraph, not a page.
MAX_TEXT = 2000
KINDS = ("threats", "controls")


@dataclass(frozen=True)
class DescriptionsFr:
    """French descriptions by catalog id."""

    threats: dict[str, str] = field(default_factory=dict)
    controls: dict[str, str] = field(default_factory=dict)


def default_path() -> Path:
    return Path(str(files("workbench.data") / FILE_NAME))


def parse_descriptions(doc: object, source: str, catalog=None) -> DescriptionsFr:
    """Check ``doc`` (the parsed JSON) and return its texts; with ``catalog``, every id must
    name one of its threats or controls. Raises :class:`ModelError` listing every problem."""
    problems: list[Problem] = []
    if not isinstance(doc, dict):
        raise ModelError([Problem("$", "must be a JSON object")], source)
    if doc.get("format") != 1:
        problems.append(Problem("$.format", "must be 1"))
    unknown = sorted(set(doc) - {"format", "about", *KINDS})
    problems += [Problem(f"$.{key}", "unknown key") for key in unknown]
    out: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        table = doc.get(kind, {})
        if not isinstance(table, dict):
            problems.append(Problem(f"$.{kind}", "must be an object of id: text"))
            continue
        known = None if catalog is None else set(getattr(catalog, kind))
        out[kind] = {}
        for key, text in table.items():
            where = f"$.{kind}.{key}"
            if not isinstance(text, str) or not text.strip():
                problems.append(Problem(where, "must be a non-empty text"))
            elif len(text) > MAX_TEXT:
                problems.append(Problem(where, f"longer than {MAX_TEXT} characters"))
            elif known is not None and key not in known:
                problems.append(Problem(where, f"no {kind[:-1]} {key!r} in the catalog"))
            else:
                out[kind][key] = text.strip()
    if problems:
        raise ModelError(problems, source)
    return DescriptionsFr(**out)


def load_descriptions(path: Path | None = None, catalog=None) -> DescriptionsFr:
    """Read and check the file (the shipped one by default)."""
    path = path or default_path()
    return parse_descriptions(read_json_document(path), str(path), catalog)


@lru_cache(maxsize=1)
def shipped_descriptions() -> DescriptionsFr:
    """The shipped file, read once. A broken install shows English descriptions rather
    than failing the window; ``tests/analysis/test_descriptions_fr.py`` keeps it valid."""
    try:
        return load_descriptions()
    except (OSError, ModelError):
        return DescriptionsFr()


def missing(catalog, descriptions: DescriptionsFr) -> dict[str, list[str]]:
    """Catalog ids with no French description, by kind."""
    return {kind: sorted(set(getattr(catalog, kind)) - set(getattr(descriptions, kind)))
            for kind in KINDS}
