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
    binary stream, orjson is missing or a top-level key is not a string.

    The document is written in pieces (:class:`_PieceWriter`), the streamed lists chunk
    by chunk: what lies between the outer brackets of ``[[item, ...]]``, which orjson
    writes with the items at the depth of a top-level key's list, is that chunk as the
    document would hold it; chunks are joined with the list's separator. A chunk orjson
    refuses is written by the standard encoder, as is any other piece it refuses.
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
        import orjson  # noqa: F401 - the pieces' encoder
    except ImportError:  # pragma: no cover - orjson is a dependency
        return whole()
    if buffer is None or not data or not all(type(k) is str for k in data):
        return whole()
    sys.stdout.flush()  # what was printed before stays before
    writer = _BackgroundWriter(buffer)
    try:
        _write_document(writer.write, data, compact, streamed, firsts)
    except BaseException:
        writer.abandon()
        raise
    writer.close()
    return None


def _write_document(write: Any, data: dict[str, Any], compact: bool,
                    streamed: Mapping[str, Iterable[list[Any]]],
                    firsts: dict[str, tuple[list[Any], Iterator[list[Any]]]]) -> None:
    """The document's bytes to ``write``, the streamed lists from their chunks."""
    pieces = _PieceWriter(write, compact)
    write(b"{")
    for n, (key, value) in enumerate(data.items()):
        write((b"," if n else b"") + pieces.newline(1) + pieces.key(key))
        if key in streamed:
            _write_chunks(write, pieces, compact, firsts.get(key))
        else:
            pieces.value(value, 1)
    write(pieces.newline(0) + b"}\n")


#: Writes shorter than this are gathered into one before they go to the writer's thread.
_GATHER_BYTES = 1 << 16
#: How many writes may wait for the writer's thread (each at most a chunk of rows).
_QUEUED_WRITES = 8


class _BackgroundWriter:
    """Writes bytes to a binary stream from a thread of its own, in order.

    Why: writing ``analyze --json``'s output (331 MB at 10,000 elements, 1.7 GB at
    50,000) is the kernel copying it into the page cache, on the process's time; the
    write releases the interpreter lock, so on a thread of its own it runs on another
    core while the document's next pieces are encoded, instead of after them.

    ``write`` queues (at most :data:`_QUEUED_WRITES` waiting, so memory stays bounded)
    and raises the thread's error (a closed pipe, a full disk) once it has one;
    :meth:`close` waits for the last write, flushes and raises it too: the caller sees
    the same exception a direct write raised, a little later."""

    def __init__(self, buffer: Any) -> None:
        import queue
        import threading

        self.buffer = buffer
        self.error: BaseException | None = None
        self._gathered = bytearray()
        self._queue: Any = queue.Queue(maxsize=_QUEUED_WRITES)
        self._thread = threading.Thread(target=self._run, name="json-writer", daemon=True)
        self._thread.start()

    def write(self, data: bytes | memoryview) -> None:
        if len(data) < _GATHER_BYTES:
            self._gathered += data
            if len(self._gathered) < _GATHER_BYTES:
                return
            data, self._gathered = bytes(self._gathered), bytearray()
        elif self._gathered:
            self._put(bytes(self._gathered))
            self._gathered = bytearray()
        self._put(data)

    def close(self) -> None:
        """Every byte written and flushed; the thread's error raised, if any."""
        if self._gathered:
            self._put(bytes(self._gathered))
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise self.error
        self.buffer.flush()

    def abandon(self) -> None:
        """Stop after the write under way (the caller failed): nothing more is written."""
        import queue

        self.error = self.error or _Abandoned()
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _put(self, data: bytes | memoryview) -> None:
        if self.error is not None:
            raise self.error
        self._queue.put(data)

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            if self.error is None:
                try:
                    self.buffer.write(data)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller
                    self.error = exc


class _Abandoned(Exception):
    """What :class:`_BackgroundWriter` holds once its caller gave up."""


def _write_chunks(write: Any, pieces: _PieceWriter, compact: bool,
                  chunks: tuple[list[Any], Iterator[list[Any]]] | None) -> None:
    """A streamed top-level list from its chunks (``[]`` without an item)."""
    if chunks is None:
        write(b"[]")
        return
    indent, sep, head, tail = _layout(compact)
    write(b"[" + pieces.newline(2))
    first, rest = chunks
    for n, chunk in enumerate(chain([first], rest)):
        if not chunk:
            continue
        if isinstance(chunk, EncodedItems):
            write(sep + indent if n else b"")
            write(chunk.data if chunk.plain else _escaped(chunk.data))
            continue
        encoded = _orjson_bytes([chunk], compact)
        if encoded is None:
            encoded = _std_dumps([chunk], compact).encode("utf-8")
        body = encoded[len(head):len(encoded) - len(tail)]
        write(sep if n else b"")
        write(_escaped(body[0 if n else len(indent):]))
    write(pieces.newline(1) + b"]")


#: About how many bytes of the document :class:`_PieceWriter` encodes at a time.
_PIECE_BYTES = 1 << 20
#: A list or dict with at most this many items has each of its non-empty list and dict
#: items written in pieces of its own (a few large values: the ranking's groups, the
#: plan's steps); one with more has its items encoded a run at a time (many small ones).
_FEW_ITEMS = 64
#: A list or dict of at most this many items is encoded with its neighbours.
_SMALL = 16
#: The deepest list or dict written in pieces (the document is depth 0); deeper ones
#: are encoded whole, inside their container's pieces.
_SPLIT_DEPTH = 3


class _PieceWriter:
    """Writes values as orjson writes them inside the document, in pieces of about
    :data:`_PIECE_BYTES`, each escaped as :func:`print_json` escapes.

    Why: the document around the streamed rows (the ranking, with every threat's key,
    and the attack stage's output: 27 MB at 10,000 elements, 196 MB at 50,000) was
    encoded in one piece, then cut into copies: the pages of both were new memory,
    touched once each (page faults). Pieces of a megabyte reuse the memory of the piece
    before.

    A value at depth ``d`` is encoded inside ``d`` one-item lists and cut out: orjson's
    layout depends only on the depth, so the bytes are those of the whole document.
    A run of items is encoded as a list or dict of its own, cut inside the brackets.
    A piece orjson refuses is encoded by the standard encoder (same layout)."""

    def __init__(self, write: Any, compact: bool) -> None:
        self.write, self.compact = write, compact
        self._cuts: dict[int, tuple[int, int]] = {}

    def newline(self, depth: int) -> bytes:
        """What goes before an item at ``depth`` (and before the bracket closing a
        container at ``depth``)."""
        return b"" if self.compact else b"\n" + b"  " * depth

    def key(self, key: str) -> bytes:
        """A dict key as the encoder writes it, with what follows it."""
        return self._encoded(key, 0)[0] + (b":" if self.compact else b": ")

    def value(self, value: Any, depth: int) -> None:
        """``value`` as it sits at ``depth``, written in pieces."""
        if depth <= _SPLIT_DEPTH and type(value) in (list, dict) and value:
            self._container(value, depth)
            return
        data, start, end = self._encoded(value, depth)
        self.write(memoryview(data)[start:end])

    def _container(self, value: list[Any] | dict[str, Any], depth: int) -> None:
        is_dict = type(value) is dict
        items = list(value.items()) if is_dict else value
        own = len(items) <= _FEW_ITEMS and depth < _SPLIT_DEPTH
        self.write(b"{" if is_dict else b"[")
        at, run, comma = 0, 1, b""
        while at < len(items):
            if own and _own_pieces(items[at], is_dict):
                key = self.key(items[at][0]) if is_dict else b""
                self.write(comma + self.newline(depth + 1) + key)
                self.value(items[at][1] if is_dict else items[at], depth + 1)
                at += 1
            else:
                end = at + 1
                while end < min(at + run, len(items)) and not (
                        own and _own_pieces(items[end], is_dict)):
                    end += 1
                size = self._run(dict(items[at:end]) if is_dict else items[at:end],
                                 depth, comma)
                run = max(1, min(8 * run, run * _PIECE_BYTES // max(size, 1)))
                at = end
            comma = b","
        self.write(self.newline(depth) + (b"}" if is_dict else b"]"))

    def _run(self, items: list[Any] | dict[str, Any], depth: int, comma: bytes) -> int:
        """Write a run of a container's items (as a container of their own) between the
        brackets; the bytes encoded."""
        data, start, end = self._encoded(items, depth)
        self.write(comma)
        self.write(memoryview(data)[start + 1:end - len(self.newline(depth)) - 1])
        return end - start

    def _encoded(self, value: Any, depth: int) -> tuple[bytes, int, int]:
        """The escaped encoding of ``value`` inside ``depth`` lists, and where ``value``'s
        own bytes start and end in it."""
        wrapped = value
        for _ in range(depth):
            wrapped = [wrapped]
        data = _orjson_bytes(wrapped, self.compact)
        if data is None:
            data = _std_dumps(wrapped, self.compact).encode("utf-8")
        head, tail = self._cut(depth)
        data = _escaped(data)
        return data, head, len(data) - tail

    def _cut(self, depth: int) -> tuple[int, int]:
        """How many bytes ``depth`` lists write before and after the value they hold."""
        if depth not in self._cuts:
            wrapped: Any = 0
            for _ in range(depth):
                wrapped = [wrapped]
            probe = _std_dumps(wrapped, self.compact).encode("ascii")
            head = probe.index(b"0")
            self._cuts[depth] = (head, len(probe) - head - 1)
        return self._cuts[depth]


def _own_pieces(item: Any, is_dict: bool) -> bool:
    """Whether a container's item (a dict's (key, value)) is written in pieces of its own:
    a non-empty list or dict (under a string key)."""
    if is_dict:
        key, item = item
        if type(key) is not str:
            return False
    return type(item) in (list, dict) and len(item) > _SMALL


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
