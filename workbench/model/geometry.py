"""Plane geometry shared by the window's canvas and the report's diagrams (Qt-free)."""

from __future__ import annotations


def clip_segment(start: tuple[float, float], end: tuple[float, float],
                 box: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """The part (t_in, t_out, 0..1 along start-end) of a segment inside ``box`` (x, y, w, h),
    or None if it misses it. Liang-Barsky clipping: exact, no sampling, so a flow that
    grazes a card or a zone title is judged the same on screen and on paper."""
    x, y, w, h = box
    dx, dy = end[0] - start[0], end[1] - start[1]
    low, high = 0.0, 1.0
    for step, room in ((-dx, start[0] - x), (dx, x + w - start[0]),
                       (-dy, start[1] - y), (dy, y + h - start[1])):
        if step == 0:
            if room < 0:
                return None  # parallel to this edge and outside it
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return low, high
