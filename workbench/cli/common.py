"""Helpers shared by CLI commands: loading models, writing JSON, checking output paths."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.model import ThreatModel, load_model
from workbench.model.io import write_bytes_atomic, write_text_atomic
from workbench.model.text import json_escape_unsafe, printable_block


def load(path: str) -> ThreatModel:
    """Load a model or raise ModelError (the entry point prints it and exits 1)."""
    return load_model(Path(path))


def print_json(data: Any) -> None:
    """JSON on stdout; user strings cannot carry terminal escapes (they become ``\\uXXXX``)."""
    # One write: json.dump would issue one write per token.
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write(json_escape_unsafe(text) + "\n")


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


def output_path(name: str | Path, source: str | Path | None = None) -> Path:
    """Check an output path before any work, so a typo fails at once and in one line.

    ``source``: the input file, which an output must never overwrite (``-o`` given the
    model's own name would replace the model by an export of it).
    """
    from workbench.cli.main import CliError

    out = Path(name)
    if source is not None and out.exists() and Path(source).exists() \
            and out.resolve() == Path(source).resolve():
        raise CliError(f"{out}: is the input file; give another name for the output")
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
    except OSError as exc:
        raise CliError(f"{out}: cannot write ({exc.strerror or exc})") from None


def write_output(out: Path, data: str | bytes) -> None:
    """Write text or bytes atomically (temp file + rename): never a half-written output."""
    with writing(out):
        if isinstance(data, str):
            write_text_atomic(out, data, keep_backup=False)
        else:
            write_bytes_atomic(out, data)
