"""Automatic layout: layers as vertical swimlanes, trust zones as horizontal bands.

The grid makes a diagram readable at a glance and never overlaps: each (zone, layer) cell
stacks its components; a zone's rectangle spans the swimlanes where it has members.
Consecutive zones whose lane spans do not overlap share one horizontal band (the patient's
body in the things lane beside the home in the gateway and network lanes), which keeps
real models about half as tall without changing the lanes.
"""

from __future__ import annotations

from workbench.model.entities import Box, Layout
from workbench.model.enums import LAYER_ORDER
from workbench.model.threat_model import ThreatModel

ELEMENT_W = 150.0
ELEMENT_H = 64.0
LANE_W = 230.0
LANE_HEADER = 48.0
ROW_GAP = 26.0
ZONE_PAD = 14.0
ZONE_HEADER = 22.0
ZONE_GAP = 24.0
NO_ZONE = "\x00none"


def lane_x(layer_index: int) -> float:
    """Left edge of a layer's swimlane."""
    return layer_index * LANE_W


def auto_layout(model: ThreatModel) -> Layout:
    """A fresh layout for every component and zone; flow waypoints are left empty."""
    zone_order = [z.id for z in model.zones]
    cells: dict[tuple[str, int], list[str]] = {}
    for comp in model.components:
        zone = comp.zone if comp.zone in zone_order else NO_ZONE
        cells.setdefault((zone, LAYER_ORDER.index(comp.layer)), []).append(comp.id)
    bands = [z for z in zone_order if any(key[0] == z for key in cells)]
    if any(key[0] == NO_ZONE for key in cells):
        bands.append(NO_ZONE)

    packed = shared_bands(bands, cells)

    layout = Layout()
    y = LANE_HEADER
    for band in packed:
        rows = max(len(ids) for (z, _), ids in cells.items() if z in band)
        top = y
        first = y + ZONE_HEADER + ZONE_PAD
        bottom = first + rows * (ELEMENT_H + ROW_GAP) - ROW_GAP + ZONE_PAD
        for zone in band:
            lanes = sorted(lane for (z, lane) in cells if z == zone)
            for lane in lanes:
                for row, comp_id in enumerate(cells[(zone, lane)]):
                    layout.elements[comp_id] = Box(
                        x=lane_x(lane) + (LANE_W - ELEMENT_W) / 2,
                        y=first + row * (ELEMENT_H + ROW_GAP),
                        w=ELEMENT_W, h=ELEMENT_H,
                    )
            if zone != NO_ZONE:
                own = max(len(cells[(zone, lane)]) for lane in lanes)
                height = ZONE_HEADER + 2 * ZONE_PAD + own * (ELEMENT_H + ROW_GAP) - ROW_GAP
                left = lane_x(lanes[0]) + ZONE_PAD / 2
                right = lane_x(lanes[-1]) + LANE_W - ZONE_PAD / 2
                layout.zones[zone] = Box(x=left, y=top, w=right - left, h=height)
        y = bottom + ZONE_GAP
    return layout


def shared_bands(bands: list[str], cells: dict[tuple[str, int], list[str]]
                 ) -> list[list[str]]:
    """Consecutive zones whose lanes do not overlap share one horizontal band (the patient's
    body in the things lane beside the home in the gateway and network lanes). ``cells``
    maps (zone, lane index) to the element ids there; used on screen and in print."""
    spans = {z: (min(lane for (zz, lane) in cells if zz == z),
                 max(lane for (zz, lane) in cells if zz == z)) for z in bands}
    packed: list[list[str]] = []
    for zone in bands:
        lo, hi = spans[zone]
        if packed and all(hi < spans[o][0] or lo > spans[o][1] for o in packed[-1]):
            packed[-1].append(zone)
        else:
            packed.append([zone])
    return packed


def ensure_layout(model: ThreatModel) -> ThreatModel:
    """Give every component and zone without a position one from :func:`auto_layout`."""
    missing = [c.id for c in model.components if c.id not in model.layout.elements]
    missing += [z.id for z in model.zones if z.id not in model.layout.zones]
    if not missing:
        return model
    fresh = auto_layout(model)
    layout = model.layout.model_copy(deep=True)
    for key, box in fresh.elements.items():
        layout.elements.setdefault(key, box)
    for key, box in fresh.zones.items():
        layout.zones.setdefault(key, box)
    return model.model_copy(update={"layout": layout})
