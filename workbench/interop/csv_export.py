"""A model's structure as CSV in the importer's own columns (``export --format csv-model``).

For vendors and buyers who keep an inventory in a spreadsheet: zones, components and flows,
one per row, readable by :mod:`workbench.interop.csv_import`, so a spreadsheet round trip
keeps ids, names, types, zones, ends and flags. Every cell goes through
:func:`~workbench.interop.csv_safe.csv_cell`: a name such as ``=HYPERLINK(...)`` is written
``'=HYPERLINK(...)`` and shown as text, and the importer removes the quote again.
Threats, controls and analysis results are not in this file (the risk register, ``export
--format csv``, lists them; OTM carries everything).
"""

from __future__ import annotations

import csv
import io

from workbench.interop.csv_import import COLUMNS
from workbench.interop.csv_safe import csv_cell
from workbench.model.threat_model import ThreatModel


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def model_to_csv(model: ThreatModel) -> str:
    """Zones (parents first), then components, then flows; ``\\r\\n`` lines."""
    rows: list[dict[str, object]] = []
    by_id = {z.id: z for z in model.zones}
    done: set[str] = set()

    def zone_row(zone_id: str, seen: frozenset[str] = frozenset()) -> None:
        zone = by_id[zone_id]
        if zone.id in done or zone.id in seen:
            return
        if zone.parent in by_id:
            zone_row(zone.parent, seen | {zone.id})
        done.add(zone.id)
        rows.append({"kind": "zone", "id": zone.id, "name": zone.name, "zone": zone.parent,
                     "trust_level": zone.trust_level, "description": zone.description})

    for zone in model.zones:
        zone_row(zone.id)
    for comp in model.components:
        rows.append({"kind": "component", "id": comp.id, "name": comp.name,
                     "type": comp.stencil, "layer": comp.layer.value, "zone": comp.zone,
                     "description": comp.description})
    for flow in model.flows:
        rows.append({"kind": "flow", "id": flow.id, "name": flow.name, "source": flow.source,
                     "target": flow.target, "protocol": flow.protocol,
                     "via": ";".join(flow.via), "encrypted": _yes(flow.encrypted),
                     "authenticated": _yes(flow.authenticated),
                     "authentication": flow.authentication.value,
                     "bidirectional": _yes(flow.bidirectional), "description": flow.notes})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in COLUMNS])
    return buffer.getvalue()
