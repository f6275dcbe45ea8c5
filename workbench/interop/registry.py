"""Importers by name, and a guess of the format from a file when none is given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.interop.common import ImportResult, fail
from workbench.interop.csv_import import import_csv
from workbench.interop.otm import import_otm
from workbench.interop.threatdragon import import_threatdragon
from workbench.interop.tmt import import_tmt
from workbench.model.stencils import StencilLibrary

Importer = Callable[[Path, StencilLibrary | None], ImportResult]

IMPORTERS: dict[str, Importer] = {
    "otm": import_otm,
    "threatdragon": import_threatdragon,
    "tmt": import_tmt,
    "csv": import_csv,
}


def guess_format(path: Path) -> str:
    """From the extension, then from the first bytes of a JSON file."""
    suffix = path.suffix.lower()
    if suffix == ".tm7":
        return "tmt"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    if suffix in {".yaml", ".yml", ".otm"}:
        return "otm"
    if suffix == ".json":
        try:
            with path.open("rb") as handle:
                head = handle.read(65536)
        except OSError:
            head = b""
        if b'"otmVersion"' in head:
            return "otm"
        if b'"diagrams"' in head or b'"summary"' in head:
            return "threatdragon"
    raise fail(str(path), "$", "cannot tell the format; say it with --from "
                               f"({'|'.join(IMPORTERS)})")


def import_file(path: str | Path, fmt: str | None = None,
                stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt not in IMPORTERS:
        raise fail(str(path), "$", f"unknown import format {fmt!r}")
    return IMPORTERS[fmt](path, stencils)
