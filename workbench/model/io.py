"""Reading and writing ``.twm.json`` files safely.

Reading never trusts the file: size, encoding, JSON syntax, nesting depth, schema version,
field types and references are checked in that order, and every failure becomes a
:class:`ModelError` naming the file and the JSON path. Writing is atomic and keeps the
previous version as ``FILE.bak``
(:mod:`workbench.model.io_write` holds the writer and its guarantees).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench.model.base import share_fields_sets
from workbench.model.errors import ModelError, Problem, format_loc
from workbench.model.integrity import check_integrity
from workbench.model.io_write import (
    ChangedOnDiskError,
    Fingerprint,
    real_target,
    write_bytes_atomic,
    write_text_atomic,
)
from workbench.model.migrations import migrate
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

EXTENSION = ".twm.json"
MAX_DEPTH = 64
DEFAULT_MAX_MB = 32


def max_file_bytes() -> int:
    """Largest model file accepted; ``WORKBENCH_MAX_MODEL_MB`` raises it for huge estates."""
    try:
        megabytes = float(os.environ.get("WORKBENCH_MAX_MODEL_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def read_at_most(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None past ``limit``: endless inputs must not exhaust memory.

    Anything but a regular file raises OSError at once (opened without blocking: a FIFO
    would wait forever for a writer)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    kind = _special_kind(os.fstat(fd).st_mode)
    if kind:  # checked before fdopen, which refuses a directory with a bare errno
        os.close(fd)
        if kind == "a directory":
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        raise OSError(errno.EINVAL, f"is {kind}, not a regular file")
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(limit + 1)
    return None if len(raw) > limit else raw


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, for a message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return ("a directory" if stat.S_ISDIR(mode) else
            "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "a special file")


def _read_guarded(path: Path, limit: int) -> tuple[bytes, Fingerprint]:
    """Open without blocking (a FIFO would hang a plain open), refuse anything but a regular
    file, read at most ``limit`` bytes; every failure is a one-line ModelError."""
    source = str(path)

    def refuse(message: str) -> ModelError:
        return ModelError([Problem("$", message)], source)

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except PermissionError:
        raise refuse("permission denied") from None
    except IsADirectoryError:
        raise refuse("is a directory, not a model file") from None
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror or exc}") from None
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        os.close(fd)
        raise refuse("is a directory, not a model file")
    with os.fdopen(fd, "rb") as handle:
        kind = _special_kind(st.st_mode)
        if kind:
            raise refuse(f"is {kind}, not a regular file")
        if st.st_size > limit:
            raise refuse(f"file is {st.st_size / 1048576:.1f} MB, over the "
                         f"{limit / 1048576:.0f} MB limit (set WORKBENCH_MAX_MODEL_MB to "
                         f"raise it)")
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise refuse(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:  # the file grew while read
        raise refuse(f"more than the {limit / 1048576:.0f} MB limit")
    return raw, Fingerprint.of(raw, st)


def read_json_document(path: Path, *, max_bytes: int | None = None) -> Any:
    """Read JSON from ``path`` with every guard a hostile file needs; raises ModelError."""
    limit = max_file_bytes() if max_bytes is None else max_bytes
    raw, _ = _read_guarded(Path(path), limit)
    return parse_json_text(raw, str(path))


def parse_json_text(raw: bytes | str, source: str) -> Any:
    """Decode and parse JSON text, bounding nesting depth."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ModelError([Problem("$", f"not UTF-8 text (invalid byte at offset "
                                           f"{exc.start})")], source) from None
    else:
        text = raw
    if not text.strip():
        raise ModelError([Problem("$", "file is empty")], source)
    # Numbers are checked as they are parsed; a number out of range, or a text that could
    # hold a lone surrogate (only a \\uD800-\\uDFFF escape can make one), sends the
    # document through check_values, which names where each problem sits. A sound file
    # (nearly all) skips that walk over every value: it was most of opening a large model.
    suspicious: list[bool] = []

    def parse_int(literal: str) -> int | _HugeInt:
        value = _bounded_int(literal)
        if isinstance(value, _HugeInt) or not -NUMBER_LIMIT <= value <= NUMBER_LIMIT:
            suspicious.append(True)
        return value

    def parse_float(literal: str) -> float:
        value = float(literal)
        if not -NUMBER_LIMIT <= value <= NUMBER_LIMIT:  # NaN fails both comparisons
            suspicious.append(True)
        return value

    def parse_constant(literal: str) -> float:
        suspicious.append(True)  # NaN, Infinity, -Infinity
        return float(literal)

    try:
        data = json.loads(text, parse_int=parse_int, parse_float=parse_float,
                          parse_constant=parse_constant)
    except json.JSONDecodeError as exc:
        raise ModelError([Problem("$", f"invalid JSON at line {exc.lineno} column {exc.colno}: "
                                       f"{exc.msg}")], source) from None
    except RecursionError:
        raise ModelError([Problem("$", f"JSON nested too deeply (limit {MAX_DEPTH} levels)")],
                         source) from None
    depth = _text_depth(raw) if isinstance(raw, bytes) else None
    if depth is None:
        depth = _depth(data)
    if depth > MAX_DEPTH:
        raise ModelError([Problem("$", f"JSON nested {depth} levels deep (limit {MAX_DEPTH})")],
                         source)
    if suspicious or _SURROGATE_ESCAPE.search(text) or (
            not isinstance(raw, bytes) and _text_problem(text)):  # a str may hold one as is
        problems = check_values(data)
        if problems:
            raise ModelError(problems, source)
    return data


#: A JSON escape of a UTF-16 surrogate (``\\uD83D``): the only way a parsed string can hold
#: a lone one (a paired one is also matched; check_values then finds nothing).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


#: Largest magnitude of any number in a model: integers stay exact in every JSON reader
#: (2**53), floats stay far from overflow when summed, scaled or drawn.
NUMBER_LIMIT = 2**53
_MAX_PROBLEMS = 20


class _HugeInt:
    """An integer literal too long to convert (Python refuses 4,301+ digits with ValueError);
    kept as a marker so :func:`check_values` can name where it sits."""

    def __init__(self, digits: int):
        self.digits = digits


def _bounded_int(literal: str) -> int | _HugeInt:
    return int(literal) if len(literal) <= 20 else _HugeInt(len(literal.lstrip("-")))


def _value_problem(value: Any) -> str | None:
    if isinstance(value, _HugeInt):
        return f"integer of {value.digits:,} digits is out of range (limit ±{NUMBER_LIMIT:,})"
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and abs(value) > NUMBER_LIMIT:
        return f"integer {value} is out of range (limit ±{NUMBER_LIMIT:,})"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return f"{value} is not a finite number"
        if abs(value) > NUMBER_LIMIT:
            return f"number {value:g} is out of range (limit ±{NUMBER_LIMIT:,})"
    if isinstance(value, str):
        return _text_problem(value)
    return None


def _text_problem(text: str) -> str | None:
    """Lone surrogates (``"\\ud800"`` in JSON) parse but can never be written as UTF-8:
    every later save would fail."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"text holds an unpaired surrogate \\u{ord(text[exc.start]):04x} "
                f"at character {exc.start}, which cannot be saved as UTF-8")
    return None


def check_values(data: Any) -> list[Problem]:
    """Every number finite and within :data:`NUMBER_LIMIT`, every string (keys included)
    encodable, each problem located by its JSON path; no recursion (depth is unbounded here)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack and len(problems) < _MAX_PROBLEMS:
        node, loc = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                message = _text_problem(key)
                if message:
                    problems.append(Problem(format_loc(loc) or "$", f"a key: {message}"))
                stack.append((child, (*loc, key)))
        elif isinstance(node, list):
            stack.extend((child, (*loc, i)) for i, child in enumerate(node))
        else:
            message = _value_problem(node)
            if message:
                problems.append(Problem(format_loc(loc) or "$", message))
    return sorted(problems, key=lambda p: p.path)


def _depth(data: Any) -> int:
    """Nesting depth without recursion, one level at a time, stopping once past the limit."""
    depth = 0
    level = [data] if isinstance(data, dict | list) else []
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        nested: list[Any] = []
        containers = (dict, list)  # a tuple: isinstance on a union type is slower
        for node in level:
            children = node.values() if isinstance(node, dict) else node
            nested += [c for c in children if isinstance(c, containers)]
        level = nested
    return depth


#: Every byte but a quote, a bracket or a backslash (what delimits strings and containers).
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}\\')
#: Objects' braces as brackets: depth does not tell them apart.
_AS_BRACKETS = bytes.maketrans(b"{}", b"[]")


def _text_depth(raw: bytes) -> int | None:
    """:func:`_depth` of the document parsed from ``raw`` (valid JSON), read from its bytes
    instead of walking every container (most of parsing a large model).

    Outside strings the only brackets of valid JSON open and close containers. The bytes
    kept are quotes and brackets; two quotes side by side are an empty string or the end
    of a string and the start of the next with nothing structural between, so dropping
    them keeps every other bracket on its side of the quotes; the few strings left (with a
    bracket inside) are cut out. Then each pass removes the innermost ``[]`` pairs: the
    number of passes is the depth. None when the text holds a backslash (an escaped quote
    would fool the pairing): the caller walks the data.
    """
    kept = raw.translate(None, _NOT_STRUCTURE)
    if b"\\" in kept:
        return None
    kept = kept.replace(b'""', b"")
    if b'"' in kept:  # a string holding brackets: keep what lies between strings
        kept = b"".join(kept.split(b'"')[0::2])
    kept = kept.translate(_AS_BRACKETS)
    depth = 0
    while kept:
        if depth > MAX_DEPTH:
            return depth
        inner = kept.replace(b"[]", b"")
        if len(inner) == len(kept):  # unbalanced: not what the parser accepted
            return None
        kept = inner
        depth += 1
    return depth


def model_from_document(doc: Any, source: str,
                        stencils: StencilLibrary | None = None, *,
                        integrity: bool = True) -> ThreatModel:
    """Migrate, validate and integrity-check a parsed JSON document (``integrity=False``:
    recovery only, so that work with a broken reference can still be opened and mended)."""
    if not isinstance(doc, dict):
        raise ModelError([Problem("$", f"expected a JSON object, found {type(doc).__name__}")],
                         source)
    try:
        doc, _ = migrate(doc)
    except ModelError as exc:
        raise ModelError(exc.problems, source) from None
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # an old file's odd shape
        raise ModelError([Problem("$", f"cannot upgrade this older file: {exc}")],
                         source) from None
    try:
        model = ThreatModel.model_validate(doc)
    except ValidationError as exc:
        problems = [Problem(format_loc(e["loc"]), _pydantic_message(e)) for e in exc.errors()]
        raise ModelError(problems, source) from None
    except RecursionError:
        raise ModelError([Problem("$", "structure nested too deeply")], source) from None
    problems = check_integrity(model, stencils or default_stencils()) if integrity else []
    if problems:
        raise ModelError(problems, source)
    return model


def _pydantic_message(error: Any) -> str:
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling; see `workbench schema`)"
    if error["type"] == "string_pattern_mismatch" and "{0," in str(error.get("ctx", {})):
        longest = 64 if "{0,63}" in str(error["ctx"]) else 128
        message = (f"not a valid id: letters, digits and _ . : @ -, starting with a letter or "
                   f"digit, at most {longest} characters")
    if error["type"] == "literal_error" and error["loc"] == ("schema_version",):
        return f"unsupported schema version {error.get('input')!r}"
    value = error.get("input")
    if error["type"] not in {"missing"} and isinstance(value, str | int | float | bool):
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return f"{message} (got {shown})"
    return message


def load_model(path: str | Path, stencils: StencilLibrary | None = None) -> ThreatModel:
    """Load and check a model file; raises :class:`ModelError` with every problem found."""
    path = Path(path)
    raw, _ = _read_guarded(path, max_file_bytes())
    return model_from_bytes(raw, str(path), stencils)


def model_from_bytes(raw: bytes, source: str,
                     stencils: StencilLibrary | None = None) -> ThreatModel:
    """:func:`model_from_document` of the JSON text ``raw``: the same model, or the same
    :class:`ModelError`.

    A sound file of the current schema (nearly every file opened) is validated straight from
    its bytes (:func:`_read_directly`): parsing into dicts and lists first was about as long
    as the validation itself on a large model. Anything that way cannot vouch for goes the
    plain way, which names every problem as it always has.
    """
    model = _read_directly(raw)
    if model is None:
        model = model_from_document(parse_json_text(raw, source), source, stencils)
    else:
        problems = check_integrity(model, stencils or default_stencils())
        if problems:
            raise ModelError(problems, source)
    _share_fields_sets(model)
    return model


def _share_fields_sets(model: ThreatModel) -> None:
    """The objects a model holds by the thousand share their fields sets (one per
    distinct set of names given: :func:`share_fields_sets`): a third of a large model's
    memory otherwise, and of a saved model's threats."""
    share_fields_sets(model.components)
    share_fields_sets(c.properties for c in model.components)
    share_fields_sets(model.flows)
    share_fields_sets(model.threats)
    share_fields_sets(model.controls)
    share_fields_sets(model.layout.elements.values())
    share_fields_sets(model.layout.flows.values())


_BOM = "\ufeff".encode()
#: The top-level version key written as the integer 2 (``2.0`` validates as 2, but
#: :func:`migrate` refuses it); JSON's own whitespace only.
_VERSION_TWO = re.compile(rb'"schema_version"[ \t\n\r]*:[ \t\n\r]*2(?=[ \t\n\r,}])')


def _read_directly(raw: bytes) -> ThreatModel | None:
    """The model pydantic validates from ``raw`` itself, when that is provably the model the
    plain way (parse, check the values, migrate, validate) gives; None otherwise.

    What the plain way checks beyond pydantic, and how it is vouched for here:
    - syntax, UTF-8, nesting the parser cannot take: pydantic's parser refuses them too
      (then None); a byte-order mark is skipped as the plain decoder does;
    - lone surrogates, and keys spelled with escapes: no ``\\u`` escape at all in the text;
    - the version: given, once, as the integer 2 (a file without one is a version-0 file,
      a float or a second key is refused by :func:`migrate`), so migration changes nothing;
    - numbers within :data:`NUMBER_LIMIT` and finite, and the nesting depth: the typed
      fields bound their numbers (or are checked by :func:`_loose_numbers_sound`) and their
      depth; the free-form ``risk.options`` values are walked as the plain way walks them.
    Any doubt returns None, and the plain way decides: it is never wrong to fall back.
    """
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    if b"\\u" in raw:
        return None
    version = raw.find(b'"schema_version"')
    if version < 0 or raw.rfind(b'"schema_version"') != version \
            or _VERSION_TWO.match(raw, version) is None:
        return None
    try:
        model = ThreatModel.model_validate_json(raw)
    except Exception:  # whatever it is, the plain way names it
        return None
    if "schema_version" not in model.model_fields_set or not _loose_numbers_sound(model):
        return None
    return model


#: Deepest ``risk.options`` value vouched for here (the whole file may be nested
#: :data:`MAX_DEPTH` levels; the options sit three levels down, the typed fields less deep).
_OPTIONS_DEPTH = 32


def _loose_numbers_sound(model: ThreatModel) -> bool:
    """The values no type bounds pass the plain way's checks: ``risk.options`` (any JSON
    value: numbers, text, depth) and a workshop item's ``seconds_spent`` (an integer >= 0)."""
    options = model.risk.options
    if options and (_depth(options) > _OPTIONS_DEPTH or check_values(options)):
        return False
    return all(item.seconds_spent <= NUMBER_LIMIT
               for session in model.workshops or () for item in session.items)


def dumps_model(model: ThreatModel) -> str:
    """Canonical text: sorted keys, two-space indent, UTF-8, final newline; diffs line by line."""
    return _plain_text(_dump(model))


def _dump(model: ThreatModel) -> Any:
    return model.model_dump(mode="json", exclude_none=True, by_alias=True)


def _plain_text(data: Any) -> str:
    """The canonical text by the standard encoder (the reference :func:`canonical_bytes` meets)."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


#: A float token (a dot or an exponent: integers are never respelled) ending its line, as the
#: indented text writes every number: a string ends with its quote, so no text matches.
_FLOAT_TOKEN = re.compile(rb"(?<= )-?\d+(?:\.\d+(?:e[-+]?\d+)?|e[-+]?\d+)(?=,?\n)")
#: orjson spells floats under 1e-4 otherwise than ``repr``: ``1e-7`` for ``1e-07``, ``0.00001``
#: for ``1e-05``. A text with neither pattern holds no such float, and is left as written.
_SHORT_EXPONENT = re.compile(rb"e-\d[,\n]")
_PROBES = (1e-05, 9.5e-05, 1e-07, -2.5e-09, 1e-10, 5e-324, 1e15, 1e16, 1.5e300, -0.0, 0.1,
           123456789012345680.0, 1.7976931348623157e308, 0.0001, 2.0**53)


def canonical_bytes(data: Any) -> bytes | None:
    """``data`` (a model's JSON dump) as :func:`dumps_model`'s text in UTF-8, written by
    orjson: the standard encoder with an indent runs in Python, and saving a hospital
    group's model held the window for seconds. None when orjson cannot write it exactly:
    orjson missing or spelling floats otherwise than checked below, or refusing the value
    (integers beyond 64 bits, lone surrogates, keys that are not text). A NaN or an infinity
    comes out as ``null``: callers that must refuse them parse the text back
    (:func:`round_trip_bytes`).
    """
    if not _orjson_spells_like_repr():
        return None
    try:
        return _respelled(_orjson_indented(data))
    except TypeError:  # orjson's refusals
        return None


def _orjson_indented(data: Any) -> bytes:
    """orjson's text of ``data`` in the canonical layout (sorted keys, two-space indent,
    final newline), floats as orjson spells them."""
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                        | orjson.OPT_APPEND_NEWLINE)


def _respelled(raw: bytes) -> bytes:
    """Each float token spelled by ``repr``, as the standard encoder writes it; only a text
    that may hold a float orjson spells otherwise is searched token by token."""
    if b"0.0000" not in raw and _SHORT_EXPONENT.search(raw) is None:
        return raw
    return _FLOAT_TOKEN.sub(lambda m: repr(float(m.group())).encode("ascii"), raw)


_ORJSON_CHECKED: list[bool] = []


def _orjson_spells_like_repr() -> bool:
    """Once per process: orjson is there and, respelled, writes the probes (both spellings'
    thresholds, subnormals, extremes) as the standard encoder does; another orjson version
    that spells otherwise is simply not used."""
    if not _ORJSON_CHECKED:
        try:
            probes = {"p": list(_PROBES)}
            _ORJSON_CHECKED.append(_respelled(_orjson_indented(probes))
                                   == _plain_text(probes).encode("utf-8"))
        except ImportError:
            _ORJSON_CHECKED.append(False)
    return _ORJSON_CHECKED[0]


def read_model(path: str | Path, stencils: StencilLibrary | None = None,
               ) -> tuple[ThreatModel, Fingerprint]:
    """Load a model and the fingerprint of the exact bytes read, for a later
    ``save_model(..., expect=fingerprint)`` that must not overwrite someone else's save."""
    path = Path(path)
    raw, fingerprint = _read_guarded(path, max_file_bytes())
    return model_from_bytes(raw, str(path), stencils), fingerprint


def check_round_trip(model: ThreatModel, source: str,
                     stencils: StencilLibrary | None = None) -> str:
    """The canonical text of ``model``, once proven to read back as the same model.

    A model built in memory can hold what the loader refuses (an unpaired surrogate, a
    NaN, an edit that broke a reference): written, the file could never be opened again.
    Problems are reported as ``FILE: path: not saved: message``.
    """
    return round_trip_bytes(model, source, stencils).decode("utf-8")


def round_trip_bytes(model: ThreatModel, source: str,
                     stencils: StencilLibrary | None = None) -> bytes:
    """:func:`check_round_trip`'s text in UTF-8, encoded and compared by orjson
    (:func:`canonical_bytes`) when it can: the same text, read back the same way. Whatever
    the fast way does not prove (orjson's refusals, a NaN it writes as ``null``, any
    problem) goes the plain way, which names the problem as it always did."""
    try:
        data = _dump(model)
    except ValueError as exc:  # a value pydantic cannot write (a circular or odd object)
        raise ModelError([Problem("$", f"not saved: {exc}")], source) from None
    text = canonical_bytes(data)
    if text is not None and _written_as_dumped(data):
        again = _read_directly(text)  # the loader's way: the same model the plain read gives
        if (again is not None and not check_integrity(again, stencils or default_stencils())
                and canonical_bytes(_dump(again)) == text):
            return text
    return _plain_round_trip(data, source, stencils).encode("utf-8")


def _written_as_dumped(data: Any) -> bool:
    """orjson's text of ``data`` parses back to ``data`` where the read-back cannot tell.

    The read-back compares the model read from the text with the text; the parsed text
    itself was compared with ``data`` before, which also caught a NaN or an infinity orjson
    writes as ``null`` (pydantic's JSON dump already turns them into ``None``). In a typed
    field a ``null`` is refused or dropped (the text read again differs); only a free-form
    ``risk.options`` value reads back as written, so its numbers are checked here (the
    plain way names a problem)."""
    risk = data.get("risk") if isinstance(data, dict) else None
    options = risk.get("options") if isinstance(risk, dict) else None
    return not (options and check_values(options))


def _plain_round_trip(data: Any, source: str, stencils: StencilLibrary | None) -> str:
    try:
        text = _plain_text(data)
    except ValueError as exc:  # a value json cannot write (a circular or odd object)
        raise ModelError([Problem("$", f"not saved: {exc}")], source) from None
    try:
        again = model_from_document(parse_json_text(text, source), source, stencils)
    except ModelError as exc:
        raise ModelError([Problem(p.path, f"not saved: {p.message}") for p in exc.problems],
                         source) from None
    if dumps_model(again) != text:
        raise ModelError([Problem("$", "not saved: the model would not read back "
                                       "identically")], source)
    return text


def save_model(model: ThreatModel, path: str | Path, *, keep_backup: bool = True,
               expect: Fingerprint | None | bool = False,
               stencils: StencilLibrary | None = None) -> Fingerprint:
    """Check the round trip, then write atomically (``FILE.bak`` keeps the previous file).

    ``expect``: the fingerprint from :func:`read_model` (the save refuses if the file changed
    since), None for "must not exist yet", False for no check. Returns the new fingerprint.
    """
    path = Path(path)
    data = round_trip_bytes(model, str(path), stencils)
    write_bytes_atomic(path, data, keep_backup=keep_backup, expect=expect)
    st = real_target(path).stat()
    return Fingerprint.of(data, st)


__all__ = ["EXTENSION", "ChangedOnDiskError", "Fingerprint", "canonical_bytes",
           "check_round_trip", "dumps_model", "load_model", "model_from_bytes",
           "model_from_document", "parse_json_text", "read_json_document", "read_model",
           "round_trip_bytes", "save_model", "write_bytes_atomic", "write_text_atomic"]
