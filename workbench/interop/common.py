"""What every importer shares: guarded reading, typed field access, ids, and the result.

Importers read hostile files: each failure becomes a :class:`ModelError` whose problem names
the file and the field (``dataflows[3].source``), so the CLI prints one line and exits 1.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.model.errors import ModelError, Problem
from workbench.model.io import dumps_model, max_file_bytes, model_from_document, read_at_most
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$")
_ID_BAD_CHARS = re.compile(r"[^A-Za-z0-9_.:@-]+")
#: Marker written in the notes of components the mapper could not classify.
UNMAPPED_MARKER = "[unmapped]"


#: Most elements (components, flows and zones together) an import builds, unless
#: ``WORKBENCH_MAX_ELEMENTS`` says otherwise. A limit by content, not only by bytes: a 31 MB
#: OTM file of 360,000 components passed the size limit, then took a minute and 2 GB to
#: import into a model too big to open. 100,000 is six times the largest estate the
#: benchmarks analyse comfortably and well above any vendor file seen.
DEFAULT_MAX_ELEMENTS = 100_000


def max_elements() -> int:
    try:
        value = int(os.environ.get("WORKBENCH_MAX_ELEMENTS", DEFAULT_MAX_ELEMENTS))
    except ValueError:
        return DEFAULT_MAX_ELEMENTS
    return value if value > 0 else DEFAULT_MAX_ELEMENTS


def check_element_count(count: int, source: str, what: str = "elements") -> None:
    """Refuse, in one line, a file that holds more elements than the limit."""
    limit = max_elements()
    if count > limit:
        raise fail(source, "$", f"{count:,} {what}, over the limit of {limit:,} elements per "
                                f"import (set WORKBENCH_MAX_ELEMENTS to raise it)")


def check_model_size(model: ThreatModel, source: str) -> None:
    """Refuse, in one line, an import whose model would be over the model-file limit.

    The element count is a cheap early guard, but what a model file may weigh is the
    loader's limit (``WORKBENCH_MAX_MODEL_MB``): 90,000 small OTM components (8.9 MB of
    source) made a 52 MB model that ``validate`` and the window then refused. The import
    says so instead of writing a file nothing can open."""
    size = len(dumps_model(model).encode("utf-8"))
    limit = max_file_bytes()
    if size > limit:
        count = len(model.components) + len(model.flows) + len(model.zones)
        raise fail(source, "$", f"the imported model would be {size / 1048576:.1f} MB "
                                f"({count:,} elements), over the {limit / 1048576:.0f} MB "
                                f"limit of a model file, so it could not be opened (set "
                                f"WORKBENCH_MAX_MODEL_MB to raise it)")


def fail(source: str, path: str, message: str) -> ModelError:
    """One problem, ready to raise: ``raise fail(src, "components[2].name", "...")``."""
    return ModelError([Problem(path or "$", message)], source)


def read_bytes_guarded(path: Path) -> bytes:
    """The file's bytes, refusing directories, missing files and files over the size limit."""
    source = str(path)
    limit = max_file_bytes()
    try:
        if path.is_dir():
            raise fail(source, "$", "is a directory, not a file")
        size = path.stat().st_size
        if size > limit:
            raise fail(source, "$", f"file is {size / 1048576:.1f} MB, over the "
                                    f"{limit / 1048576:.0f} MB limit (set "
                                    f"WORKBENCH_MAX_MODEL_MB to raise it)")
        raw = read_at_most(path, limit)
        if raw is None:  # a device (/dev/zero) or a growing file: stat said less
            raise fail(source, "$", f"more than the {limit / 1048576:.0f} MB limit "
                                    f"(not a regular file?)")
        return raw
    except FileNotFoundError:
        raise fail(source, "$", "no such file") from None
    except PermissionError:
        raise fail(source, "$", "permission denied") from None
    except OSError as exc:
        raise fail(source, "$", f"cannot read: {exc.strerror or exc}") from None


def decode_text(raw: bytes, source: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(source, "$", f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    if not text.strip():
        raise fail(source, "$", "file is empty")
    return text


class Fields:
    """Typed access to parsed documents; a wrong type is a one-line error naming the field."""

    def __init__(self, source: str):
        self.source = source

    def obj(self, value: Any, path: str, *, optional: bool = False) -> dict[str, Any]:
        if value is None and optional:
            return {}
        if not isinstance(value, dict):
            raise fail(self.source, path, f"expected an object, found {_kind(value)}")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        """A list; ``null`` or absent counts as empty (OTM writes ``assets:`` with no value)."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise fail(self.source, path, f"expected a list, found {_kind(value)}")
        return value

    def text(self, data: dict[str, Any], key: str, path: str, *, required: bool = False,
             default: str | None = None, limit: int | None = 500) -> str | None:
        """A text field; ``limit=None`` keeps it whole (ids, so that two long ids never
        become one; names, which the builder cuts visibly and reports)."""
        value = data.get(key)
        here = f"{path}.{key}" if path else key
        if value is None or (isinstance(value, str) and not value.strip() and required):
            if required:
                raise fail(self.source, here, "missing (required)")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise fail(self.source, here, f"expected text, found {_kind(value)}")
        out = str(value).strip()
        if not out:
            return default
        return out if limit is None else out[:limit]

    def number(self, data: dict[str, Any], key: str, path: str,
               default: float | None = None) -> float | None:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(self.source, f"{path}.{key}", f"expected a number, found {_kind(value)}")
        if value != value or abs(value) > 1e9:
            raise fail(self.source, f"{path}.{key}", "number out of range")
        return float(value)

    def flag(self, data: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
            return value.strip().lower() == "true"
        if not isinstance(value, bool):
            raise fail(self.source, f"{path}.{key}", f"expected true or false, found "
                                                    f"{_kind(value)}")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", bool: "a boolean",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


#: Longest foreign id kept verbatim (the model's limit for element, flow and zone ids, so
#: that ``catalog_id@element_id`` threat ids fit in 128); longer ones get :func:`derived_id`.
KEEP_VERBATIM = 64
_EDGE = "-_.:@"


def derived_id(foreign: str, hint: str = "item", salt: str = "") -> str:
    """A valid id made from any foreign id, the same every time for the same input.

    Readable part (bad characters turned into ``-``, cut to 53 characters), ``-`` and 10 hex
    digits of SHA-256 of the foreign id: 64 characters at most. Two ids that differ only
    after the cut or in the characters replaced stay apart, whatever order they come in.
    """
    base = _ID_BAD_CHARS.sub("-", foreign or "").strip(_EDGE)[:53].strip(_EDGE)
    if not base or not base[0].isalnum():
        base = (f"{hint}-{base}" if base else hint)[:53].strip(_EDGE)
    digest = hashlib.sha256(f"{salt}\0{foreign}".encode()).hexdigest()[:10]
    return f"{base}-{digest}"


class IdMaker:
    """Valid, unique model ids from foreign ids, remembering the translation.

    A foreign id that is already a valid id (and not longer than :data:`KEEP_VERBATIM`) is
    kept as it is, trailing punctuation included (our own ids may end in ``-`` or ``@``, and
    an OTM round trip must give them back); any other gets :func:`derived_id`, which depends
    only on the foreign id. Never on file order: version 2 of a vendor file with its elements
    reordered gives every element the id it had in version 1, so ``import --onto`` matches
    them. ``foreign_of`` keeps the source id for the ``source_id`` fields.
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.by_foreign: dict[tuple[str, str], str] = {}
        self.foreign_of: dict[tuple[str, str], str] = {}  # (space, ours) -> foreign

    def make(self, foreign: str, *, space: str = "", hint: str = "item") -> str:
        """Keep the foreign id when valid and free, else derive one from it."""
        foreign = foreign or ""
        key = (space, foreign)
        if key in self.by_foreign:
            return self.by_foreign[key]
        limit = 128 if space == "threat" else KEEP_VERBATIM  # threat ids hold element ids
        if _ID_OK.fullmatch(foreign) and len(foreign) <= limit and foreign not in self.used:
            candidate = foreign
        else:
            # Salted with the space first: the same foreign id used by an element and a flow.
            candidate = derived_id(foreign, hint)
            salt = space
            while candidate in self.used:
                candidate, salt = derived_id(foreign, hint, salt), salt + "+"
        self.used.add(candidate)
        self.by_foreign[key] = candidate
        self.foreign_of[(space, candidate)] = foreign
        return candidate

    def get(self, foreign: str, space: str = "") -> str | None:
        return self.by_foreign.get((space, foreign))

    def source_id(self, ours: str, space: str) -> str | None:
        """The foreign id behind ``ours`` when it differs (then worth keeping), else None."""
        foreign = self.foreign_of.get((space, ours))
        return foreign if foreign is not None and foreign != ours else None


@dataclass
class ImportResult:
    """The imported model plus what the analyst must know: mapping and warnings."""

    model: ThreatModel
    source_format: str
    mapping: list[Any] = field(default_factory=list)  # list[MappingDecision]
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: What the source had that the model did not take, one reason each (also in warnings).
    skipped: list[str] = field(default_factory=list)

    @property
    def unmapped(self) -> list[Any]:
        return [m for m in self.mapping if not m.mapped]

    def report_lines(self) -> list[str]:
        """Human-readable mapping report for the command output."""
        lines = [f"imported from {self.source_format}: "
                 + ", ".join(f"{v} {k}" for k, v in self.counts.items())]
        mapped = [m for m in self.mapping if m.mapped]
        if mapped:
            lines.append(f"mapped to stencils ({len(mapped)}):")
            lines += [f"  {m.describe()}" for m in mapped]
        if self.unmapped:
            lines.append(f"to classify ({len(self.unmapped)}), kept with a generic stencil and "
                         f"marked {UNMAPPED_MARKER} in their notes:")
            lines += [f"  {m.describe()}" for m in self.unmapped]
        lines += [f"warning: {w}" for w in self.warnings]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} item(s) the model cannot hold "
                         f"(listed in the warnings above); everything else was imported")
        return lines


def finish(document: dict[str, Any], source: str,
           stencils: StencilLibrary | None = None) -> ThreatModel:
    """Validate the assembled document exactly as a model file is validated."""
    return model_from_document(document, source, stencils or default_stencils())
