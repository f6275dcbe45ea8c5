"""A print layout: the same swimlanes and zone bands, packed to fill a page.

Why: layouts drawn on screen grow downwards (a vendor cloud zone with ten services is a
900-unit column), which on an A4 page shrinks every label to 3-4 pt. For print we may reflow
each (zone, layer) cell into several columns, widening that lane, and pick the number of rows
that gives the largest scale on a portrait or landscape page. The authored layout is kept when
it already prints at least as large; the report never writes the packed layout back.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from workbench.model.entities import Box, Layout
from workbench.model.enums import LAYER_ORDER
from workbench.model.layout import ELEMENT_H, ELEMENT_W, ensure_layout, shared_bands
from workbench.model.threat_model import ThreatModel

BASE_W, BASE_H = ELEMENT_W, ELEMENT_H
#: Element sizes tried for print: wider and taller boxes hold names at a legible size.
SIZES = ((ELEMENT_W, ELEMENT_H), (150.0, 84.0), (170.0, 90.0), (180.0, 70.0),
         (210.0, 76.0), (240.0, 80.0))

GAP_X = 14.0
GAP_Y = 12.0
LANE_PAD = 10.0
HEADER = 30.0
ZONE_HEADER = 22.0
ZONE_PAD = 8.0
ZONE_GAP = 10.0
NO_ZONE = "\x00none"


@dataclass
class Fit:
    layout: Layout
    width: float
    height: float
    lanes: list[tuple[float, float]] | None = None  # (left, width) per layer; None: default
    names_fit: bool = True  # False: no candidate held every name at the legible size

    def scale(self, page: tuple[float, float]) -> float:
        return min(page[0] / self.width, page[1] / self.height)


def authored_fit(model: ThreatModel) -> Fit:
    model = ensure_layout(model)
    boxes = [(b.x, b.y, b.w or ELEMENT_W, b.h or ELEMENT_H)
             for b in list(model.layout.elements.values()) + list(model.layout.zones.values())]
    if not boxes:
        return Fit(model.layout, 1.0, 1.0)
    left = min(0.0, *(x for x, _, _, _ in boxes))
    right = max(x + w for x, _, w, _ in boxes)
    top = min(0.0, *(y for _, y, _, _ in boxes))
    bottom = max(y + h for _, y, _, h in boxes)
    return Fit(model.layout, right - left + 20, bottom - top + 60)


def _cells(model: ThreatModel) -> tuple[list[str], dict[tuple[str, int], list[str]]]:
    zone_ids = [z.id for z in model.zones]
    cells: dict[tuple[str, int], list[str]] = {}
    for comp in model.components:
        zone = comp.zone if comp.zone in zone_ids else NO_ZONE
        cells.setdefault((zone, LAYER_ORDER.index(comp.layer)), []).append(comp.id)
    bands = [z for z in zone_ids if any(k[0] == z for k in cells)]
    if any(k[0] == NO_ZONE for k in cells):
        bands.append(NO_ZONE)
    return bands, cells


def packed_fit(model: ThreatModel, max_rows: int, size: tuple[float, float] | None = None
               ) -> Fit:
    """Zone bands as rows, lanes as columns; no cell taller than ``max_rows`` elements;
    elements of ``size`` (width, height; default the screen's)."""
    ew, eh = size or (BASE_W, BASE_H)
    bands, cells = _cells(model)
    lanes = len(LAYER_ORDER)
    cols = [max([math.ceil(len(ids) / max_rows) for (z, lane), ids in cells.items()
                 if lane == index] + [1]) for index in range(lanes)]
    lane_w = [c * ew + (c - 1) * GAP_X + 2 * LANE_PAD for c in cols]
    lane_x = [sum(lane_w[:i]) for i in range(lanes)]
    layout = Layout()
    y = HEADER
    for band in shared_bands(bands, cells):
        top = y
        first = y + ZONE_HEADER + ZONE_PAD
        bottom = first
        for zone in band:
            used = sorted(lane for (z, lane) in cells if z == zone)
            rows = max(min(len(cells[(zone, lane)]), max_rows) for lane in used)
            for lane in used:
                ids = cells[(zone, lane)]
                span = min(cols[lane], math.ceil(len(ids) / max_rows))
                offset = (lane_w[lane] - 2 * LANE_PAD
                          - (span * ew + (span - 1) * GAP_X))
                for index, comp_id in enumerate(ids):
                    col, row = divmod(index, max_rows)
                    layout.elements[comp_id] = Box(
                        x=lane_x[lane] + LANE_PAD + offset / 2 + col * (ew + GAP_X),
                        y=first + row * (eh + GAP_Y), w=ew, h=eh)
            zone_bottom = first + rows * (eh + GAP_Y) - GAP_Y + ZONE_PAD
            bottom = max(bottom, zone_bottom)
            if zone != NO_ZONE:
                left = lane_x[used[0]] + 6
                right = lane_x[used[-1]] + lane_w[used[-1]] - 6
                layout.zones[zone] = Box(x=left, y=top, w=right - left, h=zone_bottom - top)
        y = bottom + ZONE_GAP
    return Fit(layout, sum(lane_w) + 20, y + 60, list(zip(lane_x, lane_w, strict=True)))


def best_layout(model: ThreatModel, pages: list[tuple[float, float]],
                text_fits: Callable[[Fit, float], bool] | None = None) -> tuple[Fit, int]:
    """The layout (authored or packed) and the page index that print the diagram largest.

    With ``text_fits(fit, scale)``, layouts whose names do not fit their boxes at that
    scale are passed over while one that fits exists (element sizes from :data:`SIZES`).
    The authored layout wins unless packing prints at least 15 % larger.
    """
    authored = authored_fit(model)
    candidates = [(authored, 1.15)]
    if model.components:
        tallest = max(len(ids) for ids in _cells(model)[1].values())
        sizes = SIZES if text_fits is not None else SIZES[:1]
        candidates += [(packed_fit(model, rows, size), 1.0) for size in sizes
                       for rows in range(1, tallest + 1)]

    def scale(fit: Fit) -> float:
        return max(fit.scale(p) for p in pages)

    fitting = [(fit, bonus) for fit, bonus in candidates
               if text_fits is None or text_fits(fit, scale(fit))]
    best_fit = max(fitting or candidates, key=lambda c: scale(c[0]) * c[1])[0]
    best_fit.names_fit = bool(fitting)
    page = max(range(len(pages)), key=lambda i: best_fit.scale(pages[i]))
    return best_fit, page
