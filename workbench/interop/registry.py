"""Importers by name, and a guess of the format from a file when none is given."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from workbench.interop.common import ImportResult, check_model_size, fail
from workbench.interop.csv_import import import_csv
from workbench.interop.otm import import_otm
from workbench.interop.threagile import import_threagile
from workbench.interop.threatdragon import import_threatdragon
from workbench.interop.tmt import import_tmt
from workbench.model.stencils import StencilLibrary

Importer = Callable[[Path, StencilLibrary | None], ImportResult]

IMPORTERS: dict[str, Importer] = {
    "otm": import_otm,
    "threatdragon": import_threatdragon,
    "tmt": import_tmt,
    "csv": import_csv,
    "threagile": import_threagile,
}


def _head(path: Path, size: int = 65536) -> bytes:
    try:  # without blocking: a FIFO would wait forever; only regular files are sniffed
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b""
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):  # os.fdopen refuses a directory (IsADirectoryError)
        os.close(fd)
        raise fail(str(path), "$", "is a directory, not a file")
    with os.fdopen(fd, "rb") as handle:
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode):
            raise fail(str(path), "$", "is a pipe, device or socket, not a regular file")
        try:
            return handle.read(size) if stat.S_ISREG(mode) else b""
        except OSError:
            return b""


def sniff(head: bytes) -> str | None:
    """The format the first bytes of a file say, whatever its name; None when unclear."""
    if b"otmVersion" in head:
        return "otm"
    if b"threagile_version" in head or b"technical_assets:" in head:
        return "threagile"
    if b"<ThreatModel" in head and b"DrawingSurfaceList" in head:
        return "tmt"
    if b'"diagrams"' in head or b'"diagramJson"' in head:
        return "threatdragon"
    return None


def guess_format(path: Path) -> str:
    """From the extension, then from the first bytes of a JSON file."""
    suffix = path.suffix.lower()
    if suffix == ".tm7":
        return "tmt"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    if suffix in {".yaml", ".yml", ".otm"}:
        return "threagile" if sniff(_head(path)) == "threagile" else "otm"
    if suffix == ".json":
        head = _head(path)
        found = sniff(head)
        if found in {"otm", "threatdragon"}:
            return found
        if b'"summary"' in head:
            return "threatdragon"
    raise fail(str(path), "$", "cannot tell the format; say it with --from "
                               f"({'|'.join(IMPORTERS)})")


def import_file(path: str | Path, fmt: str | None = None,
                stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt not in IMPORTERS:
        raise fail(str(path), "$", f"unknown import format {fmt!r}")
    result = IMPORTERS[fmt](path, stencils)
    check_model_size(result.model, str(path))
    return result
