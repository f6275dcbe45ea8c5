"""Crash recovery: unsaved work is written every minute to a recovery file of its own.

One recovery file per open document and per process (``recovery-PID-TOKEN.twm.json`` with a
``.json`` note beside it): two windows, or two running instances, never share or delete each
other's file. A clean exit (saved, or changes discarded) deletes the window's file, so a file
whose process is gone (or whose window no longer exists) means a session ended abnormally;
a new window then offers it, and taking it over is an atomic rename, so two windows starting
together cannot both adopt it. The folder is 0700 and the files 0600: they hold the model.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import weakref
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from workbench.model.io import (
    Fingerprint,
    model_from_document,
    read_json_document,
)
from workbench.model.io_write import private_folder, write_bytes_atomic
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

AUTOSAVE_MS = 60_000
_NAME = re.compile(r"^recovery-(\d+)-([0-9a-f]{8})\.twm\.json$")
#: Recovery objects alive in this process, by token: their files are not orphans.
_LIVE: weakref.WeakValueDictionary[str, Recovery] = weakref.WeakValueDictionary()


def default_folder() -> Path:
    return Path(platformdirs.user_state_dir("threat-workbench", appauthor=False)) / "recovery"


def _start_time(pid: int) -> str | None:
    """The process's start time (Linux), so a reused pid is not taken for the crashed one."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return started is None or _start_time(pid) in (None, started)


def recovery_bytes(model: ThreatModel) -> bytes:
    """The model as a saved file's text (``io.dumps_model``: sorted keys, two-space indent,
    final newline), in UTF-8.

    The window writes it on its GUI thread a few seconds after each change. The standard
    encoder with an indent runs in Python: on a hospital group's model it held the window
    for longer than building the whole canvas. orjson writes the same text from the same
    dump; only very small floats are spelled differently (``8.42e-05`` as ``8.42e-5``),
    which every JSON reader parses to the same value. What orjson refuses (integers beyond
    64 bits, lone surrogates) goes through the standard encoder as before, escaped when it
    cannot be UTF-8: the work is kept even so, and the loader names the field.
    """
    data = model.model_dump(mode="json", exclude_none=True, by_alias=True)
    try:
        import orjson

        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                            | orjson.OPT_APPEND_NEWLINE)
    except (ImportError, TypeError):  # orjson's refusals are TypeErrors
        pass
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True)
                + "\n").encode("utf-8")


@dataclass
class Orphan:
    """A recovery file left by a session that ended abnormally."""

    file: Path
    meta: Path
    original: str | None
    fingerprint: Fingerprint | None

    def load(self, stencils: StencilLibrary | None) -> ThreatModel:
        """Read leniently: a broken reference must not make the work unrecoverable (the
        window shows the model; saving it then names the problem)."""
        return model_from_document(read_json_document(self.file), str(self.file), stencils,
                                   integrity=False)

    def discard(self) -> None:
        for path in (self.file, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _read_meta(meta: Path) -> dict:
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _fingerprint(value: object) -> Fingerprint | None:
    if not isinstance(value, dict):
        return None
    try:
        return Fingerprint(int(value["mtime_ns"]), int(value["size"]), str(value["sha256"]))
    except (KeyError, TypeError, ValueError):
        return None


class Recovery:
    """The recovery file of one document window."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else default_folder()
        self.token = secrets.token_hex(4)
        stem = f"recovery-{os.getpid()}-{self.token}"
        self.file = self.folder / f"{stem}.twm.json"
        self.meta = self.folder / f"{stem}.json"
        _LIVE[self.token] = self

    def save(self, model: ThreatModel, original: str | None,
             fingerprint: Fingerprint | None = None) -> None:
        """Write the unsaved model (0600 in a 0700 folder); raises OSError on a full disk."""
        private_folder(self.folder)
        write_bytes_atomic(self.file, recovery_bytes(model), private=True)
        note = {"original": original, "pid": os.getpid(), "started": _start_time(os.getpid()),
                "fingerprint": fingerprint.__dict__ if fingerprint else None}
        write_bytes_atomic(self.meta, json.dumps(note).encode("utf-8"), private=True)

    def pending(self) -> bool:
        """Whether this window's recovery file exists (unsaved work is on disk)."""
        return self.file.is_file()

    def orphans(self) -> list[Orphan]:
        """Recovery files whose process is gone, or whose window (in this process) is gone;
        newest first. Files of running sessions and of live windows are never listed."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        found: list[tuple[float, Orphan]] = []
        for name in names:
            match = _NAME.match(name)
            if not match:
                continue
            pid, token = int(match.group(1)), match.group(2)
            file = self.folder / name
            meta = file.with_name(name.removesuffix(".twm.json") + ".json")
            note = _read_meta(meta)
            if pid == os.getpid():
                if token in _LIVE:
                    continue
            elif _alive(pid, note.get("started") if isinstance(note.get("started"), str)
                        else None):
                continue
            original = note.get("original")
            with contextlib.suppress(OSError):
                found.append((file.stat().st_mtime, Orphan(
                    file, meta, original if isinstance(original, str) else None,
                    _fingerprint(note.get("fingerprint")))))
        return [orphan for _, orphan in sorted(found, key=lambda item: -item[0])]

    def adopt(self, orphan: Orphan) -> bool:
        """Take over an orphan's files (atomic rename): a crash now still keeps the work.
        False when another window took it first."""
        try:
            os.rename(orphan.file, self.file)
        except FileNotFoundError:
            return False
        with contextlib.suppress(FileNotFoundError):
            os.rename(orphan.meta, self.meta)
        orphan.file, orphan.meta = self.file, self.meta
        return True

    def clear(self) -> None:
        """This window's files only."""
        for path in (self.file, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
