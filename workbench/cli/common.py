"""Helpers shared by CLI commands: loading models, writing JSON, checking output paths."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

from workbench.data import DataMissingError
from workbench.model import ThreatModel, io_write
from workbench.model.io import (
    EXTENSION,
    Fingerprint,
    max_file_bytes,
    read_model,
    save_model,
    write_bytes_atomic,
    write_text_atomic,
)
from workbench.model.text import json_escape_unsafe, json_escape_unsafe_bytes, printable_block

#: Fingerprints of the models this command read, by resolved path: a save refuses to
#: replace a file someone else changed in the meantime.
_read: dict[str, Fingerprint] = {}



@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one command's work, then as it was.

    Why: a command builds one large model and analysis, then ends; the collector would
    only rescan them over and over. Restoring it keeps in-process callers (tests, a
    portfolio worker going on to the next file) collecting as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

def load(path: str, *, for_update: bool = False) -> ThreatModel:
    """Load a model or raise ModelError (the entry point prints it and exits 1).

    ``for_update``: the command will save the model back (``threats --write``, ``review
    --set``, ``classify``): the folder's save lock is taken before the read and held until
    the command ends, so two such commands run one after the other and neither loses the
    other's change.
    """
    if for_update:
        io_write.acquire(io_write._lock_key(Path(path)), io_write.LOCK_TIMEOUT_S, path)
    model, fingerprint = read_model(Path(path))
    _read[os.path.realpath(path)] = fingerprint
    return model


def save(model: ThreatModel, path: str) -> None:
    """Save a model this command loaded: round trip checked, ``.bak`` kept, refused when the
    file changed on disk since :func:`load` read it; disk errors name the file."""
    with writing(Path(path)):
        save_model(model, path, expect=_read.get(os.path.realpath(path), False))


def end_command() -> None:
    """Forget what was read and drop the locks (the entry point calls it)."""
    _read.clear()
    io_write.release_all()


def dumps_json(data: Any, compact: bool = False) -> str:
    """``data`` as JSON text, indented by 2 unless ``compact`` (see :func:`dumps_json_bytes`)."""
    encoded = _orjson_bytes(data, compact)
    if encoded is not None:
        return encoded.decode("utf-8")
    return _std_dumps(data, compact)


def _orjson_bytes(data: Any, compact: bool) -> bytes | None:
    """orjson's UTF-8 output, or None when orjson is missing or refuses ``data``.

    orjson writes the large ``analyze --json`` objects faster than the standard encoder
    (a third of the command's time went into 2.4 million encoder calls). Same keys, same
    layout, same numbers; only the spelling of very small floats differs (0.0000842 where
    Python writes 8.42e-05), which every JSON reader parses to the same value (a test
    checks). Anything orjson refuses (integers beyond 64 bits, lone surrogates) falls back
    to the standard encoder.
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; keep working without
        return None
    option = orjson.OPT_SERIALIZE_NUMPY | (0 if compact else orjson.OPT_INDENT_2)
    try:
        return orjson.dumps(data, option=option, default=_plain)
    except TypeError:
        return None


def _std_dumps(data: Any, compact: bool) -> str:
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)
    return json.dumps(data, indent=2, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    """Numbers and sequences of other libraries (numpy scalars, tuples, sets) as JSON."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any, compact: bool = False,
               streamed: Mapping[str, Iterable[list[Any]]] | None = None) -> None:
    """JSON on stdout; user strings cannot carry terminal escapes (they become ``\\uXXXX``).

    orjson's bytes go to the binary stream as they are, escaped in place: decoding 280 MB
    (``analyze --json`` at 10,000 elements), scanning it twice (here and in
    :class:`SafeTextStream`) and encoding it again took longer than building it.

    ``streamed``: top-level keys of ``data`` (a dict) whose list is written from these
    chunks of items instead, one chunk at a time: the same bytes as the whole list in
    ``data``, without the list or the document's bytes held whole (see
    :func:`_print_streamed`).
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if streamed:
        data = _print_streamed(buffer, data, compact, streamed)
        if data is None:
            return
    encoded = _orjson_bytes(data, compact)
    if encoded is not None and buffer is not None:
        sys.stdout.flush()  # what was printed before stays before
        encoded = _escaped(encoded)  # the same object when nothing is
        buffer.write(encoded)  # not ``encoded + b"\n"``: a second copy of 280 MB
        buffer.write(b"\n")
        buffer.flush()
        return
    text = encoded.decode("utf-8") if encoded is not None else _std_dumps(data, compact)
    # One write: json.dump would issue one write per token.
    sys.stdout.write(json_escape_unsafe(text) + "\n")


def _escaped(encoded: bytes) -> bytes:
    """:func:`json_escape_unsafe_bytes` of what orjson or the standard encoder wrote.

    Both write every character below U+0020 inside a string as an escape, and only
    newlines and spaces between tokens; so ASCII output without DEL (0x7f, which neither
    escapes) holds nothing to escape. ``isascii`` and ``in`` check that at memory speed,
    where the general scan reads every byte through a table (most of this is ASCII).
    """
    if encoded.isascii() and b"\x7f" not in encoded:
        return encoded
    return json_escape_unsafe_bytes(encoded)


#: Stands for a streamed list in the document written around it (it encodes to
#: ``"\u0000...\u0000"``, which no string of a model or catalog spells out).
_STREAMED = "\x00workbench-streamed-list\x00"


class EncodedItems:
    """A streamed list's chunk already encoded: its items as :func:`print_json` writes
    them, joined by the list's separator and indentation (``RowEncoder.between``), the
    first item's indentation left out. :func:`_print_streamed` writes ``data`` as it is,
    escaped unless ``plain`` says there is nothing to escape (ASCII without DEL).

    A holder, not a ``bytes`` subclass: making one copied each chunk's bytes."""

    __slots__ = ("data", "plain")

    def __init__(self, data: bytes, plain: bool = False) -> None:
        self.data, self.plain = data, plain

    def __bytes__(self) -> bytes:
        return self.data

    def __len__(self) -> int:
        return len(self.data)


class RowEncoder:
    """How :func:`print_json` writes an item of a streamed list, for a caller that
    assembles items from encoded parts (``analysis.pipeline``: one encoding per row
    shape): ``item`` encodes one item as the list holds it (its first line's indentation
    left out), ``text`` a string, ``fragment`` makes the object written as given bytes."""

    def __init__(self, compact: bool) -> None:
        import orjson

        self.compact = compact
        self.text = orjson.dumps
        self.fragment = orjson.Fragment
        self.items = EncodedItems
        indent, sep, _, _ = _layout(compact)
        #: What a list writes between two items (see :class:`EncodedItems`).
        self.between = sep + indent

    @classmethod
    def create(cls, compact: bool) -> RowEncoder | None:
        """An encoder, or None without an orjson that has ``Fragment``."""
        try:
            import orjson
        except ImportError:  # pragma: no cover - orjson is a dependency
            return None
        return cls(compact) if hasattr(orjson, "Fragment") else None

    def item(self, value: Any) -> bytes | None:
        encoded = _orjson_bytes([[value]], self.compact)
        if encoded is None:
            return None
        indent, _, head, tail = _layout(self.compact)
        return encoded[len(head) + len(indent):len(encoded) - len(tail)]


def _layout(compact: bool) -> tuple[bytes, bytes, bytes, bytes]:
    """An item's indentation in a top-level list, the list's separator, and what the
    encoder writes before and after the items of ``[[items]]``."""
    return (b"", b",", b"[[", b"]]") if compact else (b"    ", b",\n", b"[\n  [\n", b"\n  ]\n]")


def _print_streamed(buffer: Any, data: dict[str, Any], compact: bool,
                    streamed: Mapping[str, Iterable[list[Any]]]) -> dict[str, Any] | None:
    """Write ``data`` with the lists of ``streamed`` from their chunks (None), or return
    the whole document for :func:`print_json` to write, nothing written, when there is no
    binary stream or orjson is missing or refuses the document around the lists.

    The document is encoded with a one-item list for each streamed key (an empty list
    when its chunks hold no item) and cut at each item: orjson writes ``[[item, ...]]``
    around a chunk with the items at the depth of a top-level key's list, so what lies
    between the outer brackets is that chunk as the document would hold it; chunks are
    joined with the list's separator. A chunk orjson refuses is written by the standard
    encoder, as :func:`print_json` falls back for a whole document.
    """
    firsts: dict[str, tuple[list[Any], Iterator[list[Any]]]] = {}
    for key, chunks in streamed.items():
        rest = iter(chunks)
        first = next((chunk for chunk in rest if chunk), None)
        if first is not None:
            firsts[key] = (first, rest)

    def whole() -> dict[str, Any]:
        return {k: ([item for chunk in chain([firsts[k][0]], firsts[k][1])
                     for item in _items(chunk)]
                    if k in firsts else [] if k in streamed else v) for k, v in data.items()}

    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        return whole()
    keys = [k for k in data if k in firsts]
    around = _orjson_bytes({k: ([_STREAMED] if k in firsts else [] if k in streamed else v)
                            for k, v in data.items()}, compact)
    if buffer is None or around is None or len(keys) != len(firsts):
        return whole()
    pieces = around.split(orjson.dumps(_STREAMED))
    if len(pieces) != len(keys) + 1:
        return whole()
    indent, sep, head, tail = _layout(compact)
    sys.stdout.flush()  # what was printed before stays before
    for piece, key in zip(pieces, keys, strict=False):
        buffer.write(_escaped(piece))  # ends with the first item's indent
        first, rest = firsts[key]
        for n, chunk in enumerate(chain([first], rest)):
            if not chunk:
                continue
            if isinstance(chunk, EncodedItems):
                buffer.write(sep + indent if n else b"")
                buffer.write(chunk.data if chunk.plain else _escaped(chunk.data))
                continue
            encoded = _orjson_bytes([chunk], compact)
            if encoded is None:
                encoded = _std_dumps([chunk], compact).encode("utf-8")
            body = encoded[len(head):len(encoded) - len(tail)]
            buffer.write(sep if n else b"")
            buffer.write(_escaped(body[0 if n else len(indent):]))
    buffer.write(_escaped(pieces[-1]))
    buffer.write(b"\n")
    buffer.flush()
    return None


def _items(chunk: Any) -> list[Any]:
    """A chunk's items for a whole document: an :class:`EncodedItems` as one orjson
    fragment (orjson pastes a fragment's bytes as they are, at the items' depth)."""
    if isinstance(chunk, EncodedItems):
        import orjson

        return [orjson.Fragment(chunk.data)]
    return chunk


class SafeTextStream:
    """A stdout/stderr wrapper that escapes control characters in everything written.

    Every line the CLI prints may quote a name, a title or a value from a model file; one
    filter at the stream catches them all (``printable_block``: newlines and tabs kept).
    """

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable_block(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def is_model_file(path: Path) -> bool:
    """Whether ``path`` holds a model (by name, or by its first bytes for a renamed one)."""
    if path.name.endswith(EXTENSION):
        return True
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            if not handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                return False  # a PDF, PNG or CSV: not a model, no need to read on
            handle.seek(0)
            # Keys are sorted: "format" comes after the components, so read it all.
            return b'"threat-workbench-model"' in handle.read(max_file_bytes())
    except OSError:
        return False


def output_path(name: str | Path, source: str | Path | None = None, *,
                force: bool = False) -> Path:
    """Check an output path before any work, so a typo fails at once and in one line.

    ``source``: the input file, which an output must never overwrite (``-o`` given the
    model's own name would replace the model by an export of it). Neither may an output
    replace any other existing model file, unless ``force`` (``--force``).
    """
    from workbench.cli.main import CliError

    out = Path(name)
    if source is not None and out.exists() and Path(source).exists() \
            and out.resolve() == Path(source).resolve():
        raise CliError(f"{out}: is the input file; give another name for the output")
    if not force and not out.is_dir() and out.exists() and is_model_file(out.resolve()):
        raise CliError(f"{out}: is a model file; give another name for the output "
                       f"(or --force to replace it)")
    if out.is_dir():
        raise CliError(f"{out}: is a directory, give a file name for the output")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(f"{out}: folder {parent} does not exist")
    return out


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """An OSError while writing ``out`` (its temporary file included) names ``out``."""
    from workbench.cli.main import CliError

    try:
        yield
    except DataMissingError:
        raise  # a broken install, not a write error: main() says so
    except OSError as exc:
        reason = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded",
                  errno.EROFS: "read-only file system"}.get(exc.errno or 0)
        raise CliError(f"{out}: cannot write ({reason or exc.strerror or exc}); "
                       f"{out.name} left as it was") from None


def write_output(out: Path, data: str | bytes) -> None:
    """Write text or bytes atomically (temp file + rename): never a half-written output."""
    with writing(out):
        if isinstance(data, str):
            write_text_atomic(out, data, keep_backup=False)
        else:
            write_bytes_atomic(out, data)
