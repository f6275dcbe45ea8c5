"""Plane geometry the importers need to turn drawings into zones and crossings."""

from __future__ import annotations

Point = tuple[float, float]


def center(box: dict[str, float]) -> Point:
    return (box["x"] + (box.get("w") or 0.0) / 2, box["y"] + (box.get("h") or 0.0) / 2)


def box_contains(box: dict[str, float], point: Point) -> bool:
    x, y = point
    return (box["x"] <= x <= box["x"] + (box.get("w") or 0.0)
            and box["y"] <= y <= box["y"] + (box.get("h") or 0.0))


def box_inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    """``inner`` lies within ``outer`` (both corners), and is strictly smaller."""
    return (box_contains(outer, (inner["x"], inner["y"]))
            and box_contains(outer, (inner["x"] + (inner.get("w") or 0.0),
                                     inner["y"] + (inner.get("h") or 0.0)))
            and (inner.get("w") or 0.0) * (inner.get("h") or 0.0)
            < (outer.get("w") or 0.0) * (outer.get("h") or 0.0))


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def segments_cross(segment: tuple[Point, Point], polyline: list[Point]) -> bool:
    """Whether the straight segment crosses the polyline (touching does not count)."""
    return any(_cross(segment[0], segment[1], polyline[i], polyline[i + 1])
               for i in range(len(polyline) - 1))
