"""The architecture diagram as a list of plain drawing primitives, built from model + layout.

Why a neutral scene: the same picture is drawn by reportlab (vector PDF and SVG) and by
matplotlib (PNG, since reportlab's bitmap backend needs pycairo, which has no wheel here).
Coordinates are layout units with y pointing down, like the GUI canvas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workbench.model.enums import LAYER_ORDER, Layer
from workbench.model.layout import ELEMENT_H, ELEMENT_W, LANE_HEADER, LANE_W, ensure_layout
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel
from workbench.report.fonts import text_width, wrap_text
from workbench.report.i18n import tr
from workbench.report.icons import VIEWBOX, icon_polylines
from workbench.report.overview import condense, needs_overview
from workbench.report.printlayout import best_layout
from workbench.report.riskcalc import LEVEL_COLOURS, LEVELS

LAYER_COLOURS = {Layer.THING: "#1b7837", Layer.GATEWAY: "#762a83",
                 Layer.NETWORK: "#2166ac", Layer.CLOUD: "#8c510a"}
LANE_FILLS = ("#f7f7f7", "#ffffff")
FLOW_COLOUR = "#4d4d4d"
PATH_COLOURS = ("#c2185b", "#e65100", "#6a1b9a", "#00838f", "#558b2f")
NAME_SIZE = 9.0
SMALL_SIZE = 6.5
LABEL_SIZE = 7.0


@dataclass
class Shape:
    kind: str  # rect | roundrect | ellipse | polygon
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    points: list[tuple[float, float]] = field(default_factory=list)
    fill: str | None = None
    stroke: str | None = "#333333"
    width: float = 1.0
    dash: tuple[float, ...] | None = None
    alpha: float = 1.0


@dataclass
class Line:
    points: list[tuple[float, float]]
    colour: str = FLOW_COLOUR
    width: float = 1.0
    dash: tuple[float, ...] | None = None
    arrow_end: bool = False
    arrow_start: bool = False
    alpha: float = 1.0
    role: str = "flow"  # flow | path | icon | legend


@dataclass
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float = NAME_SIZE
    bold: bool = False
    colour: str = "#111111"
    anchor: str = "start"  # start | middle | end
    background: str | None = None


@dataclass
class Scene:
    left: float
    top: float
    width: float
    height: float
    items: list[Shape | Line | Label] = field(default_factory=list)
    page_index: int = 0  # which of the candidate pages fits best

    def add(self, item: Shape | Line | Label) -> None:
        self.items.append(item)


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    x, y, w, h = box
    return x + w / 2, y + h / 2


def _border_point(box: tuple[float, float, float, float],
                  toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from the box centre toward a point leaves the box."""
    cx, cy = _centre(box)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = box[2] / 2 + 2, box[3] / 2 + 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def _shape_kind(hint: str, layer: Layer, tags: list[str]) -> str:
    """Map a stencil's free-text shape hint (or its layer) to one of our vector shapes."""
    text = (hint or "").lower()
    for keys, kind in ((("cyl", "database", "store", "disk"), "cylinder"),
                       (("cloud",), "cloud"), (("hex", "gateway", "router"), "hexagon"),
                       (("ellipse", "circle", "oval", "network", "bus", "wave", "radio",
                         "link"), "stadium"),
                       (("phone", "mobile", "tablet"), "device"),
                       (("implant", "pill", "capsule", "round"), "roundrect")):
        if any(k in text for k in keys):
            return kind
    if "store" in tags:
        return "cylinder"
    return {Layer.THING: "roundrect", Layer.GATEWAY: "hexagon", Layer.NETWORK: "stadium",
            Layer.CLOUD: "rect"}[layer]


def _element_shapes(kind: str, box: tuple[float, float, float, float], fill: str,
                    stroke: str) -> list[Shape]:
    x, y, w, h = box
    if kind == "cylinder":
        cap = min(10.0, h / 5)
        return [Shape("rect", x, y + cap / 2, w, h - cap, fill=fill, stroke=None),
                Shape("ellipse", x, y + h - cap, w, cap, fill=fill, stroke=stroke, width=1.3),
                Shape("rect", x, y + cap / 2, w, h - cap, fill=fill, stroke=None),
                Shape("polygon", points=[(x, y + cap / 2), (x, y + h - cap / 2)], fill=None,
                      stroke=stroke, width=1.3),
                Shape("polygon", points=[(x + w, y + cap / 2), (x + w, y + h - cap / 2)],
                      fill=None, stroke=stroke, width=1.3),
                Shape("ellipse", x, y, w, cap, fill=fill, stroke=stroke, width=1.3)]
    if kind == "hexagon":
        d = min(14.0, w / 6)
        pts = [(x + d, y), (x + w - d, y), (x + w, y + h / 2), (x + w - d, y + h),
               (x + d, y + h), (x, y + h / 2)]
        return [Shape("polygon", points=pts, fill=fill, stroke=stroke, width=1.3)]
    if kind == "stadium":
        return [Shape("roundrect", x, y, w, h, fill=fill, stroke=stroke, width=1.3,
                      points=[(h / 2, h / 2)])]
    if kind == "cloud":
        return [Shape("roundrect", x, y, w, h, fill=fill, stroke=stroke, width=1.3,
                      points=[(18.0, 18.0)]),
                Shape("roundrect", x + 3, y + 3, w - 6, h - 6, fill=None, stroke=stroke,
                      width=0.5, points=[(15.0, 15.0)])]
    if kind == "device":
        return [Shape("roundrect", x, y, w, h, fill=fill, stroke=stroke, width=1.3,
                      points=[(8.0, 8.0)]),
                Shape("rect", x + w / 2 - 8, y + h - 5, 16, 2, fill=stroke, stroke=None)]
    if kind == "roundrect":
        return [Shape("roundrect", x, y, w, h, fill=fill, stroke=stroke, width=1.3,
                      points=[(12.0, 12.0)])]
    return [Shape("rect", x, y, w, h, fill=fill, stroke=stroke, width=1.3)]


def _add_icon(scene: Scene, icon, x: float, y: float, size: float, colour: str) -> None:
    """Stencil icon strokes (0-24 box) scaled into a size x size square at (x, y)."""
    k = size / VIEWBOX
    for line in icon:
        scene.add(Line([(x + px * k, y + py * k) for px, py in line], colour=colour,
                       width=max(0.6, 1.75 * k), role="icon"))


def _lock(x: float, y: float, colour: str) -> list[Shape]:
    """A small padlock drawn as vectors (no glyph needed), body's top-left at (x, y)."""
    return [Shape("roundrect", x + 1.5, y - 3.5, 4, 5, fill=None, stroke=colour, width=0.9,
                  points=[(2.0, 2.0)]),
            Shape("rect", x, y, 7, 5.5, fill=colour, stroke=None)]


def _overlap_area(a: tuple[float, float, float, float],
                  boxes: list[tuple[float, float, float, float]]) -> float:
    ax, ay, aw, ah = a
    total = 0.0
    for bx, by, bw, bh in boxes:
        w = min(ax + aw, bx + bw) - max(ax, bx)
        h = min(ay + ah, by + bh) - max(ay, by)
        if w > 0 and h > 0:
            total += w * h
    return total


def _point_at(points: list[tuple[float, float]], t: float) -> tuple[float, float]:
    """The point at fraction ``t`` of a polyline's length."""
    lengths = [math.dist(points[i], points[i + 1]) for i in range(len(points) - 1)]
    total = sum(lengths) or 1.0
    goal = t * total
    for (p, q), length in zip(zip(points, points[1:], strict=False), lengths, strict=False):
        if goal <= length and length:
            f = goal / length
            return p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
        goal -= length
    return points[-1]


def build_scene(model: ThreatModel, *, lang: str = "en",
                element_levels: dict[str, int] | None = None,
                paths: list[list[str]] | None = None,
                stencils: StencilLibrary | None = None,
                show_legend: bool = True,
                pages: list[tuple[float, float]] | None = None) -> Scene:
    """Swimlanes, trust zones, elements coloured by risk, flows, and optional attack paths.

    Large models are drawn condensed (see :mod:`workbench.report.overview`). With ``pages``
    (available width, height per candidate page), the layout may be packed for print
    (:mod:`workbench.report.printlayout`) and ``scene.page_index`` says which page fits best.
    """
    library = stencils if stencils is not None else default_stencils()
    levels = element_levels or {}
    if needs_overview(model):
        model, levels, paths = condense(model, levels, paths, library, lang)
    model = ensure_layout(model)
    lanes = [(index * LANE_W, LANE_W) for index in range(len(LAYER_ORDER))]
    page_index = 0
    if pages:
        fit, page_index = best_layout(model, pages)
        if fit.layout is not model.layout:
            model = model.model_copy(update={"layout": fit.layout})
        lanes = fit.lanes or lanes
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for comp in model.components:
        b = model.layout.elements.get(comp.id)
        if b is not None:
            boxes[comp.id] = (b.x, b.y, b.w or ELEMENT_W, b.h or ELEMENT_H)
    zone_boxes = {z: (b.x, b.y, b.w or 200.0, b.h or 100.0)
                  for z, b in model.layout.zones.items() if z in model.zones_by_id()}
    all_boxes = list(boxes.values()) + list(zone_boxes.values())
    right = max([x + w for x, _, w, _ in all_boxes] + [lanes[-1][0] + lanes[-1][1]]) + 10
    left = min([x for x, _, _, _ in all_boxes] + [0.0]) - 10
    bottom = max([y + h for _, y, _, h in all_boxes] + [LANE_HEADER + ELEMENT_H]) + 20
    top = min([y for _, y, _, _ in all_boxes] + [0.0]) - 4
    legend_h = 34.0 if show_legend else 0.0
    scene = Scene(left=left, top=top, width=right - left, height=bottom - top + legend_h,
                  page_index=page_index)

    # Swimlanes, one per layer, with a header band.
    for index, layer in enumerate(LAYER_ORDER):
        x, lane_w = lanes[index]
        scene.add(Shape("rect", x, top, lane_w, bottom - top, fill=LANE_FILLS[index % 2],
                        stroke="#d0d0d0", width=0.6))
        scene.add(Shape("rect", x, top, lane_w, 22, fill=LAYER_COLOURS[layer], stroke=None))
        scene.add(Label(x + lane_w / 2, top + 15, tr(f"layer_{layer.value}", lang), size=10,
                        bold=True, colour="#ffffff", anchor="middle"))

    # Trust zones: dashed rectangles with name and trust level.
    zones = model.zones_by_id()
    for zone_id, (x, y, w, h) in zone_boxes.items():
        zone = zones[zone_id]
        scene.add(Shape("roundrect", x, y, w, h, fill=None, stroke="#7f7f7f", width=1.0,
                        dash=(5, 3), points=[(6.0, 6.0)]))
        title = f"{zone.name} · {zone.trust_level}/10"
        lines = wrap_text(title, w - 12, 7.5, bold=True, max_lines=1)
        scene.add(Label(x + 6, y + 13, lines[0], size=7.5, bold=True, colour="#555555"))

    # Flows under the elements, labels collected and placed after.
    taken: list[tuple[float, float, float, float]] = list(boxes.values())
    flow_labels: list[tuple[list[tuple[float, float]], str, bool]] = []
    for flow in model.flows:
        if flow.source not in boxes or flow.target not in boxes or flow.source == flow.target:
            continue
        route = model.layout.flows.get(flow.id)
        middle = [tuple(p) for p in route.waypoints] if route else []
        start = _border_point(boxes[flow.source], middle[0] if middle else
                              _centre(boxes[flow.target]))
        end = _border_point(boxes[flow.target], middle[-1] if middle else
                            _centre(boxes[flow.source]))
        points = [start, *middle, end]
        scene.add(Line(points, colour=FLOW_COLOUR, width=1.1,
                       dash=None if flow.authenticated else (4, 2.5), arrow_end=True,
                       arrow_start=flow.bidirectional))
        label = flow.protocol or flow.name or ""
        if label or flow.encrypted:
            flow_labels.append((points, label, flow.encrypted))

    # Attack paths over the flows: thick numbered polylines through element centres.
    badges: list[Shape | Label] = []
    for number, path in enumerate(paths or [], start=1):
        centres = [_centre(boxes[e]) for e in path if e in boxes]
        colour = PATH_COLOURS[(number - 1) % len(PATH_COLOURS)]
        if len(centres) == 1:
            # The attacker starts on the target itself: a ring and a badge on it.
            x, y, w, h = boxes[next(e for e in path if e in boxes)]
            scene.add(Shape("roundrect", x - 5, y - 5, w + 10, h + 10, fill=None,
                            stroke=colour, width=3.0, alpha=0.8, points=[(10.0, 10.0)]))
            badges.append(Shape("ellipse", x - 11, y - 11, 16, 16, fill=colour,
                                stroke="#ffffff", width=1.2))
            badges.append(Label(x - 3, y - 3 + 0.5, str(number), size=9, bold=True,
                                colour="#ffffff", anchor="middle"))
            continue
        if len(centres) < 2:
            continue
        shift = (number - 1) * 5 - 5
        pts = [(x + shift, y + shift) for x, y in centres]
        scene.add(Line(pts, colour=colour, width=3.2, arrow_end=True, alpha=0.8, role="path"))
        bx, by = _point_at(pts, 0.5) if len(pts) == 2 else pts[1]
        badges.append(Shape("ellipse", bx - 8, by - 8, 16, 16, fill=colour, stroke="#ffffff",
                            width=1.2))
        badges.append(Label(bx, by + 3.5, str(number), size=9, bold=True, colour="#ffffff",
                            anchor="middle"))

    # Elements: shape per stencil hint, fill by current risk, layer-coloured border.
    for comp in model.components:
        if comp.id not in boxes:
            continue
        box = boxes[comp.id]
        stencil = library.get(comp.stencil)
        hint = stencil.shape if stencil else ""
        tags = list(stencil.tags) if stencil else []
        level = levels.get(comp.id, -1)
        fill = LEVEL_COLOURS[LEVELS[level]] if level >= 0 else "#ffffff"
        dark = level == len(LEVELS) - 1  # white text and icon on the darkest fill
        kind = _shape_kind(hint, comp.layer, tags)
        for shape in _element_shapes(kind, box, fill, LAYER_COLOURS[comp.layer]):
            scene.add(shape)
        x, y, w, h = box
        inner = w - (26 if kind == "hexagon" else 12)
        icon = icon_polylines(stencil.icon) if stencil is not None and stencil.icon else ()
        text_x = x + w / 2
        if icon and h >= 30 and w >= 90:
            size = min(18.0, h - 16)
            left = x + (14 if kind in ("hexagon", "stadium") else 8)
            _add_icon(scene, icon, left, y + (h - size) / 2, size,
                      "#ffffff" if dark else LAYER_COLOURS[comp.layer])
            inner -= size + 4
            text_x += (size + 4 + (left - x) - 6) / 2
        kind_label = ""
        if stencil is not None:
            kind_label = (stencil.label_fr if lang == "fr" and stencil.label_fr
                          else stencil.label)
        name_lines = wrap_text(comp.name, inner, NAME_SIZE, bold=True,
                               max_lines=2 if kind_label else 3)
        block = len(name_lines) * (NAME_SIZE + 1.5) + (SMALL_SIZE + 2 if kind_label else 0)
        baseline = y + (h - block) / 2 + NAME_SIZE
        if kind == "cylinder":
            baseline += 3
        for line in name_lines:
            scene.add(Label(text_x, baseline, line, size=NAME_SIZE, bold=True,
                            anchor="middle", colour="#ffffff" if dark else "#111111"))
            baseline += NAME_SIZE + 1.5
        if kind_label and kind_label.lower() != comp.name.lower():
            small = wrap_text(kind_label, inner, SMALL_SIZE, max_lines=1)[0]
            scene.add(Label(text_x, baseline + 1, small, size=SMALL_SIZE,
                            colour="#ffffff" if dark else "#333333", anchor="middle"))

    # Flow labels last, nudged along their line until they do not cover anything.
    for points, label, encrypted in flow_labels:
        text_w = text_width(label, LABEL_SIZE) + (10 if encrypted else 0) + 4
        text_h = LABEL_SIZE + 3
        # First spot along the line that covers nothing; else the one covering least.
        spot, least = None, math.inf
        for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.12, 0.88):
            px, py = _point_at(points, t)
            rect = (px - text_w / 2, py - text_h / 2, text_w, text_h)
            covered = _overlap_area(rect, taken)
            if covered < least:
                spot, least = rect, covered
            if covered == 0:
                break
        taken.append(spot)
        sx, sy, sw, sh = spot
        scene.add(Shape("roundrect", sx, sy, sw, sh, fill="#ffffff", stroke=None, alpha=0.9,
                        points=[(2.0, 2.0)]))
        cursor = sx + 2
        if encrypted:
            scene.add(_lock(cursor, sy + sh - 7.5, "#1a1a1a")[0])
            scene.add(_lock(cursor, sy + sh - 7.5, "#1a1a1a")[1])
            cursor += 10
        if label:
            scene.add(Label(cursor, sy + sh - 2.5, label, size=LABEL_SIZE, colour="#1a1a1a"))

    for badge in badges:
        scene.add(badge)
    if show_legend:
        _legend(scene, bottom + 6, lang, bool(paths))
    return scene


def _legend(scene: Scene, y: float, lang: str, with_paths: bool) -> None:
    x = scene.left + 6
    for level in LEVELS:
        scene.add(Shape("rect", x, y + 2, 12, 9, fill=LEVEL_COLOURS[level], stroke="#666666",
                        width=0.5))
        name = tr(f"level_{level}", lang)
        scene.add(Label(x + 15, y + 10, name, size=7.5))
        x += 22 + text_width(name, 7.5)
    scene.add(Label(x + 4, y + 10, tr("legend_risk", lang), size=7.5, colour="#444444"))
    line2 = tr("legend_flows", lang)
    if with_paths:
        line2 += "   ·   " + tr("legend_paths", lang)
    scene.add(Line([(scene.left + 6, y + 21), (scene.left + 40, y + 21)], dash=(4, 2.5),
                   arrow_end=True, role="legend"))
    for shape in _lock(scene.left + 46, y + 18, "#1a1a1a"):
        scene.add(shape)
    scene.add(Label(scene.left + 58, y + 24, line2, size=7.5, colour="#444444"))
