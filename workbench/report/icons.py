"""Stencil icons (small stroked SVG files in ``stencils/icons``) as vector polylines.

Why not svglib: it is not installed and would only serve reportlab; turning each icon into
polylines once lets both renderers (reportlab and matplotlib) draw it as true vectors. Only
the subset our icons use is supported (rect, circle, ellipse, line, polyline, path with
M L H V C S Q A Z in both cases, rotate/translate transforms); anything else is skipped, and an
icon that cannot be read is simply not drawn. Files are parsed with defusedxml.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from defusedxml import ElementTree

Polyline = list[tuple[float, float]]
VIEWBOX = 24.0
MAX_ICON_BYTES = 64 * 1024
_TOKEN = re.compile(r"[MmLlHhVvCcSsQqAaZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def icons_dir() -> Path | None:
    try:
        from workbench.model.stencils import stencils_dir

        folder = stencils_dir() / "icons"
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def _bezier(p0, p1, p2, p3, steps: int = 10) -> Polyline:
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return out


def _arc(p0, rx, ry, phi_deg, large, sweep, p1) -> Polyline:
    """SVG elliptical arc (endpoint form) sampled as points; SVG spec F.6.5."""
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    phi = math.radians(phi_deg)
    cos_p, sin_p = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1p, y1p = cos_p * dx + sin_p * dy, -sin_p * dx + cos_p * dy
    rx, ry = abs(rx), abs(ry)
    lam = (x1p**2) / (rx**2) + (y1p**2) / (ry**2)
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx**2 * ry**2 - rx**2 * y1p**2 - ry**2 * x1p**2
    den = rx**2 * y1p**2 + ry**2 * x1p**2
    coef = math.sqrt(max(num / den, 0)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cos_p * cxp - sin_p * cyp + (p0[0] + p1[0]) / 2
    cy = sin_p * cxp + cos_p * cyp + (p0[1] + p1[1]) / 2

    def angle(ux, uy, vx, vy):
        dot = ux * vx + uy * vy
        norm = math.hypot(ux, uy) * math.hypot(vx, vy)
        a = math.acos(max(-1.0, min(1.0, dot / norm))) if norm else 0.0
        return -a if ux * vy - uy * vx < 0 else a

    theta = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and delta > 0:
        delta -= 2 * math.pi
    elif sweep and delta < 0:
        delta += 2 * math.pi
    steps = max(4, int(abs(delta) / (math.pi / 12)))
    out = []
    for i in range(1, steps + 1):
        t = theta + delta * i / steps
        x, y = rx * math.cos(t), ry * math.sin(t)
        out.append((cos_p * x - sin_p * y + cx, sin_p * x + cos_p * y + cy))
    return out


def parse_path(d: str) -> list[Polyline]:
    """Polylines of an SVG path ``d`` attribute."""
    tokens = _TOKEN.findall(d)
    lines: list[Polyline] = []
    current: Polyline = []
    pos = (0.0, 0.0)
    start = pos
    last_ctrl = None
    cmd = ""
    i = 0

    def num() -> float:
        nonlocal i
        value = float(tokens[i])
        i += 1
        return value

    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "Zz":
                if current:
                    current.append(start)
                pos = start
                last_ctrl = None
                continue
        elif not cmd:
            i += 1
            continue
        rel = cmd.islower()
        base = pos if rel else (0.0, 0.0)
        c = cmd.upper()
        try:
            if c == "M":
                pos = (base[0] + num(), base[1] + num())
                if len(current) > 1:
                    lines.append(current)
                current = [pos]
                start = pos
                cmd = "l" if rel else "L"
                last_ctrl = None
            elif c == "L":
                pos = (base[0] + num(), base[1] + num())
                current.append(pos)
                last_ctrl = None
            elif c == "H":
                pos = ((pos[0] if rel else 0.0) + num(), pos[1])
                current.append(pos)
                last_ctrl = None
            elif c == "V":
                pos = (pos[0], (pos[1] if rel else 0.0) + num())
                current.append(pos)
                last_ctrl = None
            elif c == "C":
                p1 = (base[0] + num(), base[1] + num())
                p2 = (base[0] + num(), base[1] + num())
                p3 = (base[0] + num(), base[1] + num())
                current += _bezier(pos, p1, p2, p3)
                pos, last_ctrl = p3, p2
            elif c == "S":
                p1 = (2 * pos[0] - last_ctrl[0], 2 * pos[1] - last_ctrl[1]) if last_ctrl else pos
                p2 = (base[0] + num(), base[1] + num())
                p3 = (base[0] + num(), base[1] + num())
                current += _bezier(pos, p1, p2, p3)
                pos, last_ctrl = p3, p2
            elif c == "Q":
                q = (base[0] + num(), base[1] + num())
                p3 = (base[0] + num(), base[1] + num())
                p1 = (pos[0] + 2 / 3 * (q[0] - pos[0]), pos[1] + 2 / 3 * (q[1] - pos[1]))
                p2 = (p3[0] + 2 / 3 * (q[0] - p3[0]), p3[1] + 2 / 3 * (q[1] - p3[1]))
                current += _bezier(pos, p1, p2, p3)
                pos, last_ctrl = p3, None
            elif c == "A":
                rx, ry, rot, large, sweep = num(), num(), num(), num(), num()
                end = (base[0] + num(), base[1] + num())
                current += _arc(pos, rx, ry, rot, bool(large), bool(sweep), end)
                pos, last_ctrl = end, None
            else:
                i += 1
            if not current:
                current = [pos]
        except (IndexError, ValueError):
            break
    if len(current) > 1:
        lines.append(current)
    return lines


def _ellipse(cx: float, cy: float, rx: float, ry: float, steps: int = 28) -> Polyline:
    return [(cx + rx * math.cos(2 * math.pi * k / steps),
             cy + ry * math.sin(2 * math.pi * k / steps)) for k in range(steps + 1)]


def _rect(x: float, y: float, w: float, h: float, rx: float) -> Polyline:
    rx = min(rx, w / 2, h / 2)
    if rx <= 0:
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
    out: Polyline = []
    for cx, cy, a0 in ((x + w - rx, y + rx, -90), (x + w - rx, y + h - rx, 0),
                       (x + rx, y + h - rx, 90), (x + rx, y + rx, 180)):
        for k in range(7):
            a = math.radians(a0 + 15 * k)
            out.append((cx + rx * math.cos(a), cy + rx * math.sin(a)))
    out.append(out[0])
    return out


def _transform(points: Polyline, spec: str | None) -> Polyline:
    if not spec:
        return points
    for name, args in re.findall(r"(rotate|translate)\(([^)]*)\)", spec):
        values = [float(v) for v in re.split(r"[\s,]+", args.strip()) if v]
        if name == "translate" and values:
            tx, ty = values[0], values[1] if len(values) > 1 else 0.0
            points = [(px + tx, py + ty) for px, py in points]
        elif name == "rotate" and values:
            a = math.radians(values[0])
            cx, cy = (values[1], values[2]) if len(values) >= 3 else (0.0, 0.0)
            points = [(cx + (px - cx) * math.cos(a) - (py - cy) * math.sin(a),
                       cy + (px - cx) * math.sin(a) + (py - cy) * math.cos(a))
                      for px, py in points]
    return points


def _f(node, name: str, default: float = 0.0) -> float:
    try:
        return float(node.get(name, default))
    except ValueError:
        return default


@cache
def icon_polylines(name: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The icon's strokes in a 0-24 box; empty when the icon is missing or unreadable."""
    folder = icons_dir()
    if folder is None or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", name):
        return ()
    path = folder / f"{name}.svg"
    try:
        if path.stat().st_size > MAX_ICON_BYTES:
            return ()
        root = ElementTree.fromstring(path.read_bytes())
    except Exception:  # noqa: BLE001 - a broken icon is not worth a failed report
        return ()
    lines: list[Polyline] = []
    for node in root.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        found: list[Polyline] = []
        if tag == "path":
            found = parse_path(node.get("d", ""))
        elif tag == "circle":
            found = [_ellipse(_f(node, "cx"), _f(node, "cy"), _f(node, "r"), _f(node, "r"))]
        elif tag == "ellipse":
            found = [_ellipse(_f(node, "cx"), _f(node, "cy"), _f(node, "rx"), _f(node, "ry"))]
        elif tag == "rect":
            found = [_rect(_f(node, "x"), _f(node, "y"), _f(node, "width"), _f(node, "height"),
                           _f(node, "rx", _f(node, "ry")))]
        elif tag == "line":
            found = [[(_f(node, "x1"), _f(node, "y1")), (_f(node, "x2"), _f(node, "y2"))]]
        elif tag in ("polyline", "polygon"):
            nums = [float(v) for v in re.split(r"[\s,]+", node.get("points", "").strip()) if v]
            pts = list(zip(nums[::2], nums[1::2], strict=False))
            if tag == "polygon" and pts:
                pts.append(pts[0])
            found = [pts]
        lines += [_transform(line, node.get("transform")) for line in found if len(line) > 1]
    return tuple(tuple(line) for line in lines)
