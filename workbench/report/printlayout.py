"""A print layout: the same swimlanes and zone bands, packed to fill a page.

Why: layouts drawn on screen grow downwards (a vendor cloud zone with ten services is a
900-unit column), which on an A4 page shrinks every label to 3-4 pt. For print we may reflow
each (zone, layer) cell into several columns, widening that lane, and pick the number of rows
that gives the largest scale on a portrait or landscape page. The authored layout is kept when
it already prints at least as large; the report never writes the packed layout back.
"""

from __future__ import annotations

import itertools
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
    #: False for a zone grid (:func:`zone_grid_fit`): no swimlanes, the layer is the
    #: element's border colour (the legend says so).
    swimlanes: bool = True

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


def zone_grid_fit(model: ThreatModel, columns: int, row_width: float,
                  size: tuple[float, float], title_size: float = 0.0) -> Fit:
    """Trust zones side by side, without swimlanes: each zone a block of at most
    ``columns`` columns (its elements in layer order: things, gateways, networks, cloud),
    blocks placed left to right in the model's zone order and wrapped at ``row_width``.

    Why: a crowded model with ten zones stacks ten bands in four lanes, most cells empty
    (the hospital-group sample: 31 elements, 10 zones, every name cut at 7 pt). Packed as
    blocks, the same zones fill a landscape page and names print whole. Lanes go; the
    layer stays visible as each element's border colour. With ``title_size`` (layout
    units) a block is at least as wide as its zone's title at that size.
    """
    from workbench.report.fonts import text_width

    ew, eh = size
    bands, cells = _cells(model)
    titles = {z.id: f"{z.name} · {z.trust_level}/10" for z in model.zones}
    header = max(ZONE_HEADER, title_size * 1.6)
    blocks = []
    for zone in bands:
        ids = [i for lane in range(len(LAYER_ORDER)) for i in cells.get((zone, lane), [])]
        cols = max(1, min(columns, len(ids)))
        rows = math.ceil(len(ids) / cols)
        inner = cols * ew + (cols - 1) * GAP_X
        title = text_width(titles.get(zone, ""), title_size, bold=True) + 14 \
            if title_size and zone != NO_ZONE else 0.0
        width = max(inner + 2 * ZONE_PAD, title)
        height = header + ZONE_PAD + rows * (eh + GAP_Y) - GAP_Y + ZONE_PAD
        blocks.append((zone, ids, cols, width, height))
    layout = Layout()
    x, y, shelf, right = 10.0, 10.0, 0.0, 0.0
    for zone, ids, cols, width, height in blocks:
        if x > 10.0 and x + width > row_width:
            x, y, shelf = 10.0, y + shelf + ZONE_GAP, 0.0
        offset = (width - (cols * ew + (cols - 1) * GAP_X)) / 2
        for index, comp_id in enumerate(ids):
            row, col = divmod(index, cols)
            layout.elements[comp_id] = Box(
                x=x + offset + col * (ew + GAP_X),
                y=y + header + ZONE_PAD + row * (eh + GAP_Y), w=ew, h=eh)
        if zone != NO_ZONE:
            layout.zones[zone] = Box(x=x, y=y, w=width, h=height)
        right = max(right, x + width)
        x += width + ZONE_GAP
        shelf = max(shelf, height)
    return Fit(layout, right + 20, y + shelf + 60, [], swimlanes=False)


def zone_grid_candidates(model: ThreatModel, pages: list[tuple[float, float]],
                         sizes=SIZES) -> list[Fit]:
    """Zone grids for every element size, column cap, title size and row width that could
    fill one of ``pages`` (row widths around the page's proportions)."""
    out = []
    for size, columns, title in itertools.product(sizes, (1, 2, 3), (0.0, 11.0, 13.5, 16.0)):
        one_row = zone_grid_fit(model, columns, math.inf, size, title)
        area = sum(b.w * b.h for b in one_row.layout.zones.values()) or one_row.width * 100
        widths = {one_row.width}
        for page_w, page_h in pages:  # row widths around the page's proportions
            ideal = math.sqrt(area * page_w / page_h)
            widths |= {ideal * f for f in (0.8, 1.0, 1.2, 1.45, 1.75)}
        out += [zone_grid_fit(model, columns, w, size, title) for w in sorted(widths)]
    return out


#: A layout printing at least this share of the largest scale may win on its subtitles.
NEAR_BEST = 0.92


def best_layout(model: ThreatModel, pages: list[tuple[float, float]],
                text_fits: Callable[[Fit, float], bool] | None = None,
                extras: Callable[[Fit, float], int] | None = None) -> tuple[Fit, int]:
    """The layout (authored or packed) and the page index that print the diagram largest.

    With ``text_fits(fit, scale)``, layouts whose names do not fit their boxes at that
    scale are passed over while one that fits exists (element sizes from :data:`SIZES`).
    The authored layout wins unless packing prints at least 15 % larger. With
    ``extras(fit, scale)`` (how many stencil subtitles fit), a layout within
    :data:`NEAR_BEST` of the largest that shows more of them wins: names print at 7 pt in
    both, and a subtitle says what the element is (French ones run longer).
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
    if not fitting and text_fits is not None and model.components:
        # No lane layout holds the names: zones side by side, without lanes.
        grids = zone_grid_candidates(model, pages)
        fitting = [(fit, 1.0) for fit in grids if text_fits(fit, scale(fit))]
        if fitting:
            candidates = fitting
    pool = fitting or candidates
    best_fit = max(pool, key=lambda c: scale(c[0]) * c[1])[0]
    if extras is not None and fitting:
        top = max(scale(fit) * bonus for fit, bonus in pool)
        near = [(fit, bonus) for fit, bonus in pool if scale(fit) * bonus >= NEAR_BEST * top]
        best_fit = max(near, key=lambda c: (extras(c[0], scale(c[0])),
                                            scale(c[0]) * c[1]))[0]
    best_fit.names_fit = bool(fitting)
    page = max(range(len(pages)), key=lambda i: best_fit.scale(pages[i]))
    return best_fit, page
