"""Where the diagram's lines run and where a zone's title sits.

Why a module of its own: the scene decides what is drawn, this decides where: flows and
attack-path arrows from border to border that keep off zone titles and element names, and
each zone title placed along its zone's top edge where no line runs. Pure geometry (layout
units, y down, boxes as (x, y, w, h)), no reportlab.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from workbench.model.geometry import clip_segment

Box = tuple[float, float, float, float]
Point = tuple[float, float]

#: Where a zone title may sit along its zone's top edge, as a share of the free width, in
#: order of preference: left first (where a reader looks), then the right end, the middle.
TITLE_SPOTS = (0.0, 1.0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875)


def centre(box: Box) -> Point:
    x, y, w, h = box
    return x + w / 2, y + h / 2


def border_point(box: Box, toward: Point) -> Point:
    """Where the segment from the box centre toward a point leaves the box (2 units out)."""
    cx, cy = centre(box)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = box[2] / 2 + 2, box[3] / 2 + 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def segment_hits(p: Point, q: Point, box: Box) -> bool:
    """Whether segment p-q passes through the inside of ``box`` (the box shrunk by a point
    so touching a border does not count)."""
    x, y, w, h = box[0] + 1, box[1] + 1, box[2] - 2, box[3] - 2
    if max(p[0], q[0]) < x or min(p[0], q[0]) > x + w or max(p[1], q[1]) < y \
            or min(p[1], q[1]) > y + h:
        return False  # far apart: most pairs, and cheaper than clipping
    return clip_segment(p, q, (x, y, w, h)) is not None


def line_hits(points: list[Point], box: Box) -> bool:
    """Whether a polyline runs through ``box``."""
    return any(segment_hits(p, q, box) for p, q in zip(points, points[1:], strict=False))


def crossings(points: list[Point], boxes: list[Box]) -> int:
    """How many boxes a polyline runs through."""
    return sum(1 for box in boxes if line_hits(points, box))


def _side(box: Box, name: str, out: float) -> tuple[Point, Point]:
    """The middle of one side of ``box`` and the point ``out`` beyond it."""
    x, y, w, h = box
    return {"top": ((x + w / 2, y), (x + w / 2, y - out)),
            "bottom": ((x + w / 2, y + h), (x + w / 2, y + h + out)),
            "left": ((x, y + h / 2), (x - out, y + h / 2)),
            "right": ((x + w, y + h / 2), (x + w + out, y + h / 2))}[name]


def orthogonal_routes(a: Box, b: Box, gap: float,
                      outs: tuple[float, ...] | None = None) -> Iterator[list[Point]]:
    """Orthogonal routes from ``a`` to ``b``: out of a side of ``a``, one bend, into a side
    of ``b`` (every pair of sides, both bends). Each end leaves its box by the same one of
    (6, ``gap``, 2 ``gap``), or with ``outs`` by any of those distances on its own (a line
    may leave through a narrow channel and run down a wide margin)."""
    sides = ("top", "bottom", "left", "right")
    pairs = ([(out, out) for out in (6.0, gap, 2 * gap)] if outs is None
             else [(oa, ob) for oa in outs for ob in outs])
    for out_a, out_b in pairs:  # 6: the middle of a packed layout's 12-unit channel
        for sa in sides:
            p0, p1 = _side(a, sa, out_a)
            for sb in sides:
                q0, q1 = _side(b, sb, out_b)
                for corner in ((q1[0], p1[1]), (p1[0], q1[1])):
                    yield [p0, p1, corner, q1, q0]


def _near(route: list[Point], boxes: list[Box]) -> list[Box]:
    """The boxes that meet the route's bounding box (keeps crossing counts cheap)."""
    xs, ys = [pt[0] for pt in route], [pt[1] for pt in route]
    return [o for o in boxes if o[0] < max(xs) and o[0] + o[2] > min(xs)
            and o[1] < max(ys) and o[1] + o[3] > min(ys)]


def _length(route: list[Point]) -> float:
    return sum(math.dist(p, q) for p, q in zip(route, route[1:], strict=False))


def best_route(a: Box, b: Box, others: list[Box], titles: list[Box],
               gap: float) -> tuple[list[Point] | None, tuple]:
    """The orthogonal route crossing fewest elements, then zone titles, then shortest,
    with its (elements, titles, length) key."""
    best, best_key = None, (math.inf, math.inf, math.inf)
    for route in orthogonal_routes(a, b, gap):
        hits = crossings(route, _near(route, others))
        if hits > best_key[0]:
            continue
        key = (hits, crossings(route, titles), _length(route))
        if key < best_key:
            best, best_key = route, key
    return best, best_key


def detour(a: Box, b: Box, others: list[Box], titles: list[Box],
           gap: float) -> list[Point] | None:
    """An orthogonal route from ``a`` to ``b`` around the elements a straight line would
    cross; None when none crosses fewer elements than the straight line."""
    line = [border_point(a, centre(b)), border_point(b, centre(a))]
    straight = crossings(line, others)
    if not straight:
        return None
    route, key = best_route(a, b, others, titles, gap)
    return route if route is not None and key[0] < straight else None


def _anchors(box: Box, toward: Point) -> list[Point]:
    """Points on the two sides of ``box`` that face ``toward`` (a quarter, half and three
    quarters along each), 2 units out like :func:`border_point`."""
    x, y, w, h = box
    cx, cy = centre(box)
    side_x = x + w + 2 if toward[0] > cx else x - 2
    side_y = y + h + 2 if toward[1] > cy else y - 2
    return ([(side_x, y + h * f) for f in (0.25, 0.5, 0.75)]
            + [(x + w * f, side_y) for f in (0.25, 0.5, 0.75)])


def slide(a: Box, b: Box, others: list[Box], titles: list[Box]) -> list[Point] | None:
    """A straight line from ``a`` to ``b`` that crosses no zone title, its ends slid along
    the facing sides, crossing no more elements than the centre line: no bend, so the
    flow stays as easy to follow. None when the centre line crosses no title or no slid
    line avoids them all."""
    line = [border_point(a, centre(b)), border_point(b, centre(a))]
    if not crossings(line, titles):
        return None
    limit = crossings(line, others)
    mid = ((line[0][0] + line[1][0]) / 2, (line[0][1] + line[1][1]) / 2)
    best, best_key = None, None
    for p in _anchors(a, centre(b)):
        for q in _anchors(b, centre(a)):
            seg = [p, q]
            if segment_hits(p, q, a) or segment_hits(p, q, b) or crossings(seg, titles):
                continue
            hits = crossings(seg, others)
            if hits > limit:
                continue
            key = (hits, math.dist(((p[0] + q[0]) / 2, (p[1] + q[1]) / 2), mid))
            if best_key is None or key < best_key:
                best, best_key = seg, key
    return best


def around_titles(a: Box, b: Box, others: list[Box], titles: list[Box], gap: float,
                  limit: int, zones: list[Box] = ()) -> list[Point] | None:
    """The orthogonal route from ``a`` to ``b`` that crosses no zone title and no more than
    ``limit`` other elements (nor ``a`` or ``b`` themselves): under no element if one
    can, then running along as few zone borders as it can (a line on a dashed border reads
    as part of it), then shortest; None if none keeps off the titles. The last resort
    before a line would pass under a title: one bend is easier to follow than a title
    with a line through it."""
    # 11: the middle of a zone grid's 10-unit gap between zones (elements 8 inside them).
    # Shortest first, so the first route under no element and on no border is the answer.
    routes = sorted(orthogonal_routes(a, b, gap, (6.0, 11.0, gap, 2 * gap, 3 * gap)),
                    key=_length)
    best, best_key = None, (math.inf, math.inf)
    for route in routes:
        if crossings(route, [a, b]) or crossings(route, _near(route, titles)):
            continue
        hits = crossings(route, _near(route, others))
        if hits > limit or (hits > 0, 0) >= best_key:
            continue
        key = (hits > 0, along_borders(route, zones))
        if key < best_key:
            best, best_key = route, key
            if key == (False, 0):
                break
    return best


def along_borders(route: list[Point], zones: list[Box], tol: float = 4.0) -> int:
    """How many of the route's straight runs lie on a zone border (within ``tol``, side by
    side for more than ``3 * tol``)."""
    count = 0
    for (x1, y1), (x2, y2) in zip(route, route[1:], strict=False):
        for x, y, w, h in zones:
            if abs(y1 - y2) < 1e-6:  # horizontal run: the top and bottom edges
                side_by_side = min(max(x1, x2), x + w) - max(min(x1, x2), x)
                near = min(abs(y1 - y), abs(y1 - y - h)) < tol
            elif abs(x1 - x2) < 1e-6:  # vertical run: the left and right edges
                side_by_side = min(max(y1, y2), y + h) - max(min(y1, y2), y)
                near = min(abs(x1 - x), abs(x1 - x - w)) < tol
            else:
                continue
            count += near and side_by_side > 3 * tol
    return count


def place_title(zone: Box, size: tuple[float, float], lines: list[list[Point]],
                blocked: list[Box], inset: float = 6.0) -> Box:
    """Where a zone title of ``size`` (width, height) sits along the zone's top edge: the
    first of :data:`TITLE_SPOTS` that no line runs through and that covers nothing in
    ``blocked`` (elements, other titles); else the one crossed by fewest lines.

    Why: lines between zones enter through the top band, and a title at the left corner
    sat on 162 of them on the six samples' diagrams; most zones have a free stretch of
    their top edge."""
    x, y, w, _ = zone
    tw, th = size
    free = max(0.0, w - 2 * inset - tw)
    best, best_key = (x + inset, y + 2, tw, th), None
    for rank, share in enumerate(TITLE_SPOTS):
        spot = (x + inset + free * share, y + 2, tw, th)
        if any(_overlaps(spot, other) for other in blocked):
            continue
        key = (sum(1 for line in lines if line_hits(line, spot)), rank)
        if best_key is None or key < best_key:
            best, best_key = spot, key
        if key[0] == 0:
            break
    return best


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] \
        and b[1] < a[1] + a[3]


def lay_out_flows(flows: list[tuple[str, Box, Box, list[Point]]], elements: dict[str, Box],
                  zones: dict[str, tuple[Box, tuple[float, float]]], gap: float
                  ) -> tuple[dict[str, list[Point]], dict[str, Box]]:
    """Routes for ``flows`` (id, source box, target box, authored bends) and a spot for
    each zone title (zone id -> (zone box, title width and height)).

    In order, each step only for what the one before left crossed: titles where the
    straight lines leave them free; lines slid off the titles (still straight); titles
    moved along their edge off the lines; lines around the titles with one bend, under no
    element if possible. What is left passes under the title's white ground. Lines with
    authored bends are kept as drawn."""
    routes: dict[str, list[Point]] = {}
    for flow_id, a, b, middle in flows:
        routes[flow_id] = [border_point(a, middle[0] if middle else centre(b)), *middle,
                           border_point(b, middle[-1] if middle else centre(a))]
    boxes = list(elements.values())
    borders = [zone for zone, _ in zones.values()]
    titles: dict[str, Box] = {}
    for zone_id, (zone, size) in zones.items():
        titles[zone_id] = place_title(zone, size, list(routes.values()),
                                      boxes + list(titles.values()))
    free = [(flow_id, a, b, [box for box in boxes if box not in (a, b)])
            for flow_id, a, b, middle in flows if not middle]
    for flow_id, a, b, others in free:
        routes[flow_id] = slide(a, b, others, list(titles.values())) or routes[flow_id]
    _move_crossed_titles(titles, zones, list(routes.values()), boxes)
    for flow_id, a, b, others in free:
        if not crossings(routes[flow_id], list(titles.values())):
            continue
        straight = crossings([border_point(a, centre(b)), border_point(b, centre(a))], others)
        routes[flow_id] = (around_titles(a, b, others, list(titles.values()), gap, straight,
                                         borders) or routes[flow_id])
    _move_crossed_titles(titles, zones, list(routes.values()), boxes)
    return routes, titles


def _move_crossed_titles(titles: dict[str, Box],
                         zones: dict[str, tuple[Box, tuple[float, float]]],
                         lines: list[list[Point]], boxes: list[Box]) -> None:
    """Each title a line runs through moves along its edge to where fewer lines do."""
    for zone_id, (zone, size) in zones.items():
        if not any(line_hits(line, titles[zone_id]) for line in lines):
            continue
        rest = [box for z, box in titles.items() if z != zone_id]
        titles[zone_id] = place_title(zone, size, lines, boxes + rest)
