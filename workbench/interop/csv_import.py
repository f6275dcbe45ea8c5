"""Plain CSV of components, flows and trust zones: the lowest common denominator.

One file, one header row, one element per row; the ``kind`` column says what the row is.
Columns (case-insensitive, order free, unknown columns are an error so typos show up):

=============  ===========================================================================
kind           ``component``, ``flow`` or ``zone`` (required)
id             unique id (required; sanitised if it has spaces)
name           display name (components and zones; optional for flows)
type           stencil id, or the vendor's own word for it ("BLE gateway"); mapped
layer          ``thing``, ``gateway``, ``network`` or ``cloud``: hint when ``type`` is unknown
zone           component: id of its trust zone; zone: id of its parent zone
source/target  flow ends (component ids; required for flows)
protocol       flow protocol ("HTTPS", "BLE GATT")
via            network component ids the flow crosses, separated by ``;``
encrypted, authenticated, bidirectional     flow flags: yes/no, true/false, 1/0
authentication ``none``, ``weak`` or ``strong`` (schema 2; wins over ``authenticated``)
trust_level    zone trust 0-10 (default 5)
description    free text
=============  ===========================================================================

A cell written as ``'=...`` (or ``'+``, ``'-``, ``'@``) by :mod:`workbench.interop.csv_export`
or by a careful spreadsheet user loses that one protective quote on import.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from workbench.interop.builder import ModelBuilder
from workbench.interop.common import ImportResult, decode_text, fail, read_bytes_guarded
from workbench.interop.csv_safe import unneutralise
from workbench.model.enums import Layer
from workbench.model.stencils import StencilLibrary

COLUMNS = ("kind", "id", "name", "type", "layer", "zone", "source", "target", "protocol", "via",
           "encrypted", "authenticated", "bidirectional", "trust_level", "description",
           "authentication")
MAX_ROWS = 50_000
_TRUE = {"yes", "y", "true", "1", "x", "oui"}
_FALSE = {"no", "n", "false", "0", "", "non"}


def import_csv(path: str | Path, stencils: StencilLibrary | None = None) -> ImportResult:
    path = Path(path)
    source = str(path)
    text = decode_text(read_bytes_guarded(path), source)
    return csv_to_model(text, source, stencils)


def csv_to_model(text: str, source: str, stencils: StencilLibrary | None = None) -> ImportResult:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        header = [h.strip().lower() for h in next(reader, [])]
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise fail(source, "row 1", f"unknown column(s) {', '.join(map(repr, unknown))}; "
                                        f"expected some of: {', '.join(COLUMNS)}")
        for needed in ("kind", "id"):
            if needed not in header:
                raise fail(source, "row 1", f"missing column {needed!r}")
        rows: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise fail(source, f"row {number}", f"more than {MAX_ROWS} rows; refused")
            if len(values) > len(header):
                raise fail(source, f"row {number}", f"{len(values)} values for "
                                                    f"{len(header)} columns")
            rows.append((number, {h: unneutralise(v.strip())
                                  for h, v in zip(header, values, strict=False)}))
    except csv.Error as exc:
        raise fail(source, "$", f"invalid CSV: {exc}") from None
    if not rows:
        raise fail(source, "$", "no rows after the header")

    b = ModelBuilder(source, "csv", stencils)
    by_kind: dict[str, list[tuple[int, dict[str, str]]]] = {"zone": [], "component": [],
                                                             "flow": []}
    for number, row in rows:
        kind = row.get("kind", "").lower()
        if kind not in by_kind:
            raise fail(source, f"row {number}.kind", f"unknown kind {row.get('kind')!r} "
                                                     f"(expected component, flow or zone)")
        if not row.get("id"):
            raise fail(source, f"row {number}.id", "missing (required)")
        by_kind[kind].append((number, row))

    parents = []
    for number, row in by_kind["zone"]:
        level = row.get("trust_level") or "5"
        if not level.isdigit() or len(level) > 2 or int(level) > 10:
            shown = level if len(level) <= 20 else f"{level[:20]}… ({len(level):,} characters)"
            raise fail(source, f"row {number}.trust_level", f"expected 0-10, got {shown!r}")
        b.add_zone(row["id"], row.get("name") or row["id"], trust_level=int(level),
                   description=row.get("description"))
        if row.get("zone"):
            parents.append((b.zones[-1], row["zone"], number))
    for zone, parent, number in parents:
        pid = b.ids.get(parent, "zone")
        if pid is None:
            raise fail(source, f"row {number}.zone", f"zone {zone['id']!r} has unknown parent "
                                                     f"zone {parent!r}")
        zone["parent"] = pid
    for number, row in by_kind["component"]:
        layer = _layer(row.get("layer", ""), source, number)
        zone = None
        if row.get("zone"):
            zone = b.ids.get(row["zone"], "zone")
            if zone is None:
                raise fail(source, f"row {number}.zone", f"component {row['id']!r} is in "
                                                         f"unknown zone {row['zone']!r}")
        name = row.get("name") or row["id"]
        b.add_component(row["id"], name, row.get("type", ""), layer_hint=layer or Layer.CLOUD,
                        zone=zone, description=row.get("description"))
    components = b.component_ids
    for number, row in by_kind["flow"]:
        ends = []
        for key in ("source", "target"):
            ref = row.get(key, "")
            element = b.element(ref) if ref else None
            ends.append(element if element in components else None)
            if ends[-1] is None:
                b.skip(f"row {number}: flow {row['id']!r} "
                       + (f"refers to unknown component {ref!r} as {key}" if ref
                          else f"has no {key}"))
                break
        if None in ends:
            continue
        via = []
        for ref in filter(None, (v.strip() for v in row.get("via", "").split(";"))):
            element = b.element(ref)
            if element is None:
                raise fail(source, f"row {number}.via", f"flow {row['id']!r} goes via "
                                                        f"unknown component {ref!r}")
            via.append(element)
        b.add_flow(row["id"], ends[0], ends[1], name=row.get("name"),
                   protocol=row.get("protocol"), via=via,
                   encrypted=_flag(row, "encrypted", source, number),
                   authentication=_authentication(row, source, number),
                   bidirectional=_flag(row, "bidirectional", source, number),
                   notes=row.get("description"))
    return b.build({"title": Path(source).name.split(".")[0] or "Imported CSV model"})


def _layer(value: str, source: str, number: int) -> Layer | None:
    if not value:
        return None
    try:
        return Layer(value.lower())
    except ValueError:
        raise fail(source, f"row {number}.layer", f"unknown layer {value!r} (expected thing, "
                                                  f"gateway, network or cloud)") from None


def _authentication(row: dict[str, Any], source: str, number: int) -> str:
    value = str(row.get("authentication", "")).strip().lower()
    if value:
        if value not in {"none", "weak", "strong"}:
            raise fail(source, f"row {number}.authentication",
                       f"expected none, weak or strong, got {row.get('authentication')!r}")
        return value
    return "strong" if _flag(row, "authenticated", source, number) else "none"


def _flag(row: dict[str, Any], key: str, source: str, number: int) -> bool:
    value = str(row.get(key, "")).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise fail(source, f"row {number}.{key}", f"expected yes or no, got {row.get(key)!r}")
