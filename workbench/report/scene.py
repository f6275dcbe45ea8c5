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
from workbench.report.i18n import fr_typography, tr
from workbench.report.icons import VIEWBOX, icon_polylines
from workbench.report.overview import condense, needs_overview
from workbench.report.printlayout import best_layout
from workbench.report.riskcalc import LEVEL_COLOURS, LEVELS
from workbench.report.routing import (
    around_titles,
    border_point,
    centre,
    crossings,
    detour,
    lay_out_flows,
    slide,
)

LAYER_COLOURS = {Layer.THING: "#1b7837", Layer.GATEWAY: "#762a83",
                 Layer.NETWORK: "#2166ac", Layer.CLOUD: "#8c510a"}
LANE_FILLS = ("#f7f7f7", "#ffffff")
FLOW_COLOUR = "#4d4d4d"
PATH_COLOURS = ("#c2185b", "#e65100", "#6a1b9a", "#00838f", "#558b2f")
NAME_SIZE = 9.0
SMALL_SIZE = 6.5
LABEL_SIZE = 7.0
MIN_PT = 7.0  # smallest text size on paper (A4 at 100 %)
#: Where a flow label may sit along its line, middle first, then outwards in 3 % steps:
#: with zone borders kept free as well, a label often fits only inside one of the zones.
LABEL_SPOTS = tuple(sorted({round(0.5 + sign * step * 0.03, 2) for step in range(15)
                            for sign in (-1, 1)}, key=lambda t: (abs(t - 0.5), t)))


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
    role: str = ""  # "flow_label" for the white box behind a flow label


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
    role: str = ""  # name | subtitle | flow | badge | zone (for layout checks)
    owner: str = ""  # the element a name or subtitle belongs to


@dataclass
class Scene:
    left: float
    top: float
    width: float
    height: float
    items: list[Shape | Line | Label] = field(default_factory=list)
    page_index: int = 0  # which of the candidate pages fits best
    omitted_labels: int = 0  # flow labels left out for want of free room

    def add(self, item: Shape | Line | Label) -> None:
        self.items.append(item)


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


def _lock(x: float, y: float, colour: str, k: float = 1.0) -> list[Shape]:
    """A small padlock drawn as vectors (no glyph needed), body's top-left at (x, y)."""
    return [Shape("roundrect", x + 1.5 * k, y - 3.5 * k, 4 * k, 5 * k, fill=None,
                  stroke=colour, width=0.9, points=[(2.0 * k, 2.0 * k)]),
            Shape("rect", x, y, 7 * k, 5.5 * k, fill=colour, stroke=None)]


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
                pages: list[tuple[float, float]] | None = None,
                dim_context: bool = False) -> Scene:
    """Swimlanes, trust zones, elements coloured by risk, flows, and optional attack paths.

    Large models are drawn condensed (see :mod:`workbench.report.overview`). With ``pages``
    (available width, height per candidate page), the layout may be packed for print
    (:mod:`workbench.report.printlayout`), ``scene.page_index`` says which page fits best, and
    every text is sized so it prints at :data:`MIN_PT` points or more on that page (names
    wrap on more lines; a subtitle or a flow label with no free room is left out, never
    drawn over a name). ``dim_context`` greys what is not on ``paths``.
    """
    library = stencils if stencils is not None else default_stencils()
    levels = element_levels or {}
    grouped = needs_overview(model)
    if grouped:
        model, levels, paths = condense(model, levels, paths, library, lang)
    model = ensure_layout(model)
    lanes = [(index * LANE_W, LANE_W) for index in range(len(LAYER_ORDER))]
    if not pages:
        return _compose(model, lang, levels, paths, library, show_legend, lanes, 0, 0.0,
                        dim_context)
    fit, page_index = best_layout(model, pages, _names_fit(model, lang),
                                  _subtitles_fit(model, lang, library))
    if not fit.names_fit and not grouped:
        # Names would not fit at 7 pt: one box per (zone, layer, element type), as large
        # estates are drawn, when that means fewer boxes.
        small, small_levels, small_paths = condense(model, levels, paths, library, lang)
        if len(small.components) < len(model.components):
            model, levels, paths = ensure_layout(small), small_levels, small_paths
            fit, page_index = best_layout(model, pages, _names_fit(model, lang))
    if fit.layout is not model.layout:
        model = model.model_copy(update={"layout": fit.layout})
    lanes = fit.lanes if fit.lanes is not None else lanes
    page = pages[page_index]
    floor = 0.0
    for _ in range(6):  # bigger text makes the scene a little larger: converge on the size
        scene = _compose(model, lang, levels, paths, library, show_legend, lanes, page_index,
                         floor, dim_context)
        scale = min(page[0] / scene.width, page[1] / scene.height, 1.0)
        smallest = min((i.size for i in scene.items if isinstance(i, Label)), default=MIN_PT)
        if smallest * scale >= MIN_PT - 1e-6:
            return scene
        floor = max(floor, smallest) * MIN_PT / (smallest * scale) * 1.01
    return scene


#: Share of a layout's scale left once lane headers, margins and the legend are drawn.
SCENE_SHARE = 0.88


def _names_fit(model: ThreatModel, lang: str):
    """``text_fits(fit, scale)`` for :func:`best_layout`: every element name wraps, at the
    size that prints at :data:`MIN_PT`, into the lines its box holds, no word cut."""
    library = default_stencils()
    names = {c.id: c.name for c in model.components}
    zones = {z.id: f"{z.name} · {z.trust_level}/10" for z in model.zones}
    plain = {z.id: z.name for z in model.zones}  # lanes: the trust level may be left out
    margin = {}
    for comp in model.components:
        stencil = library.get(comp.stencil)
        kind = _shape_kind(stencil.shape if stencil else "", comp.layer,
                           list(stencil.tags) if stencil else [])
        margin[comp.id] = 26 if kind == "hexagon" else 12

    def fits(fit, scale: float) -> bool:
        size = MIN_PT / max(scale * SCENE_SHARE, 1e-6)
        for comp_id, box in fit.layout.elements.items():
            name = names.get(comp_id)
            if name is None:
                continue
            w, h = box.w or ELEMENT_W, box.h or ELEMENT_H
            inner = w - margin[comp_id]
            room = int((h - 6) // (size + 1.5))
            lines = wrap_text(name, inner, size, bold=True, max_lines=99, lang=lang)
            if room < 1 or len(lines) > room or any(line.endswith("…") for line in lines):
                return False
        for zone_id, box in fit.layout.zones.items():  # zone names whole too
            title = zones.get(zone_id, "") if not fit.swimlanes else plain.get(zone_id, "")
            if text_width(title, size * 7.5 / MIN_PT, bold=True) > (box.w or 0) - 12:
                return False
        return True

    return fits


def _subtitles_fit(model: ThreatModel, lang: str, library: StencilLibrary):
    """``extras(fit, scale)`` for :func:`best_layout`: how many elements show their stencil
    subtitle, wrapped under the name at the size that prints at :data:`MIN_PT`."""
    items = []
    for comp in model.components:
        stencil = library.get(comp.stencil)
        if stencil is None:
            continue
        label = (fr_typography(stencil.label_fr) if lang == "fr" and stencil.label_fr
                 else stencil.label)
        kind = _shape_kind(stencil.shape, comp.layer, list(stencil.tags))
        items.append((comp.id, comp.name, label, 26 if kind == "hexagon" else 12))

    def count(fit, scale: float) -> int:
        size = MIN_PT / max(scale * SCENE_SHARE, 1e-6)
        shown = 0
        for comp_id, name, label, margin in items:
            box = fit.layout.elements.get(comp_id)
            if box is None:
                continue
            w, h = box.w or ELEMENT_W, box.h or ELEMENT_H
            names = wrap_text(name, w - margin, size, bold=True, max_lines=99, lang=lang)
            room = h - 6 - len(names) * (size + 1.5)
            shown += bool(_subtitle_lines(label, name, w - margin, size, room, lang))
        return shown

    return count


def _compose(model: ThreatModel, lang: str, levels: dict[str, int],
             paths: list[list[str]] | None, library: StencilLibrary, show_legend: bool,
             lanes: list[tuple[float, float]], page_index: int, floor: float,
             dim_context: bool) -> Scene:
    """The scene with no text smaller than ``floor`` layout units (0: the screen's sizes);
    badges, locks and bands grow with it (``k``)."""
    def text(size: float) -> float:
        return max(size, floor)

    k = max(1.0, floor / LABEL_SIZE)
    name_size, small_size, label_size = text(NAME_SIZE), text(SMALL_SIZE), text(LABEL_SIZE)
    on_path = {e for path in paths or [] for e in path}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for comp in model.components:
        b = model.layout.elements.get(comp.id)
        if b is not None:
            boxes[comp.id] = (b.x, b.y, b.w or ELEMENT_W, b.h or ELEMENT_H)
    zone_boxes = {z: (b.x, b.y, b.w or 200.0, b.h or 100.0)
                  for z, b in model.layout.zones.items() if z in model.zones_by_id()}
    all_boxes = list(boxes.values()) + list(zone_boxes.values())
    right = max([x + w for x, _, w, _ in all_boxes]
                + [lanes[-1][0] + lanes[-1][1] if lanes else 0.0]) + 10
    left = min([x for x, _, _, _ in all_boxes] + [0.0]) - 10
    bottom = max([y + h for _, y, _, h in all_boxes] + [LANE_HEADER + ELEMENT_H]) + 20
    band = max(22.0, text(10) * 1.6) if lanes else 0.0  # lane header band
    top = min([y for _, y, _, _ in all_boxes] + [0.0]) - 4 - max(0.0, band - 26.0)
    # Legend rows beyond the first two: the paths row is reserved on the architecture page
    # too, so both diagram pages print at the same size in the same layout.
    rows = (0 if lanes else 1) + 1
    legend_h = (34.0 + 12.0 * rows) * k if show_legend else 0.0
    scene = Scene(left=left, top=top, width=right - left, height=bottom - top + legend_h,
                  page_index=page_index)

    # Swimlanes, one per layer, with a header band (none for a zone grid: the layer is the
    # element's border colour, named in the legend).
    for index, layer in enumerate(LAYER_ORDER if lanes else []):
        x, lane_w = lanes[index]
        scene.add(Shape("rect", x, top, lane_w, bottom - top, fill=LANE_FILLS[index % 2],
                        stroke="#d0d0d0", width=0.6))
        scene.add(Shape("rect", x, top, lane_w, band, fill=LAYER_COLOURS[layer], stroke=None))
        header = wrap_text(tr(f"layer_{layer.value}", lang), lane_w - 6, text(10), bold=True,
                           max_lines=1)[0]
        scene.add(Label(x + lane_w / 2, top + 4 + text(10) * 1.05, header, size=text(10),
                        bold=True, colour="#ffffff", anchor="middle"))

    # Trust zones: dashed rectangles with name and trust level.
    zones = model.zones_by_id()
    titles: dict[str, tuple[str, tuple[float, float]]] = {}
    borders: list[tuple[float, float, float, float]] = []
    for zone_id, (x, y, w, h) in zone_boxes.items():
        zone = zones[zone_id]
        scene.add(Shape("roundrect", x, y, w, h, fill=None, stroke="#7f7f7f", width=1.0,
                        dash=(5, 3), points=[(6.0, 6.0)]))
        borders += [(x - 1, y - 1, w + 2, 2), (x - 1, y + h - 1, w + 2, 2),
                    (x - 1, y - 1, 2, h + 2), (x + w - 1, y - 1, 2, h + 2)]
        title = f"{zone.name} · {zone.trust_level}/10"
        lines = wrap_text(title, w - 12, text(7.5), bold=True, max_lines=1)
        if lines[0].endswith("…"):  # a narrow zone: its name whole, the trust level left out
            lines = wrap_text(zone.name, w - 12, text(7.5), bold=True, max_lines=1)
        titles[zone_id] = (lines[0], (text_width(lines[0], text(7.5), bold=True),
                                      text(7.5) + 4))

    # Flows under the elements, each zone title where no flow runs through it (routing).
    drawn = [flow for flow in model.flows if flow.source in boxes and flow.target in boxes
             and flow.source != flow.target]
    bends = {flow.id: [tuple(p) for p in route.waypoints]
             for flow in drawn if (route := model.layout.flows.get(flow.id)) is not None}
    routes, spots = lay_out_flows(
        [(flow.id, boxes[flow.source], boxes[flow.target], bends.get(flow.id, []))
         for flow in drawn], boxes,
        {z: (zone_boxes[z], size) for z, (_, size) in titles.items()}, 10.0 * k)
    zone_titles = list(spots.values())
    title_labels = [Label(spots[z][0], spots[z][1] + 2 + text(7.5), text_, size=text(7.5),
                          bold=True, colour="#555555", role="zone")
                    for z, (text_, _) in titles.items()]
    # Flow labels never on a zone's border either (the ward's "syslog over TLS" sat on two).
    taken: list[tuple[float, float, float, float]] = (list(boxes.values()) + zone_titles
                                                      + borders)
    flow_labels: list[tuple[list[tuple[float, float]], str, bool]] = []
    for flow in drawn:
        points = routes[flow.id]
        faded = dim_context and not (flow.source in on_path and flow.target in on_path)
        scene.add(Line(points, colour=FLOW_COLOUR, width=1.1,
                       dash=None if flow.authenticated else (4, 2.5), arrow_end=True,
                       arrow_start=flow.bidirectional, alpha=0.3 if faded else 1.0))
        label = flow.protocol or flow.name or ""
        if (label or flow.encrypted) and not faded:
            flow_labels.append((points, label, flow.encrypted))

    badges: list[Shape | Label] = []
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
        border = LAYER_COLOURS[comp.layer]
        faded = dim_context and comp.id not in on_path
        if faded:
            fill, dark, border = "#f2f2f2", False, "#b0b0b0"
        kind = _shape_kind(hint, comp.layer, tags)
        for shape in _element_shapes(kind, box, fill, border):
            scene.add(shape)
        x, y, w, h = box
        inner = w - (26 if kind == "hexagon" else 12)
        icon = icon_polylines(stencil.icon) if stencil is not None and stencil.icon else ()
        text_x = x + w / 2
        if icon and h >= 30 and w >= 90 and k <= 1.2:
            size = min(18.0, h - 16)
            left = x + (14 if kind in ("hexagon", "stadium") else 8)
            _add_icon(scene, icon, left, y + (h - size) / 2, size,
                      "#ffffff" if dark else LAYER_COLOURS[comp.layer])
            inner -= size + 4
            text_x += (size + 4 + (left - x) - 6) / 2
        kind_label = ""
        if stencil is not None:
            kind_label = (fr_typography(stencil.label_fr) if lang == "fr" and stencil.label_fr
                          else stencil.label)
        room = max(1, int((h - 6) // (name_size + 1.5)))  # lines the box holds
        name_lines = wrap_text(comp.name, inner, name_size, bold=True, max_lines=room,
                               lang=lang)
        sub_lines = _subtitle_lines(kind_label, comp.name, inner, small_size,
                                    h - 6 - len(name_lines) * (name_size + 1.5), lang)
        block = len(name_lines) * (name_size + 1.5) + len(sub_lines) * (small_size + 2)
        baseline = y + (h - block) / 2 + name_size
        if kind == "cylinder":
            baseline += 3
        ink = "#777777" if faded else "#ffffff" if dark else "#111111"
        for line in name_lines:
            scene.add(Label(text_x, baseline, line, size=name_size, bold=True,
                            anchor="middle", colour=ink, role="name", owner=comp.id))
            baseline += name_size + 1.5
        for small in sub_lines:  # whole or not at all: a cut subtitle says nothing
            scene.add(Label(text_x, baseline + 1, small, size=small_size,
                            colour="#777777" if faded else "#ffffff" if dark else "#333333",
                            anchor="middle", role="subtitle", owner=comp.id))
            baseline += small_size + 2

    # Attack paths on top of the elements: each element of a path ringed in the path's
    # colour, thick arrows from border to border (never across a name), a numbered badge
    # where it covers no element, zone title or other badge.
    for number, path in enumerate(paths or [], start=1):
        chain = [e for e in path if e in boxes]
        if not chain:
            continue
        colour = PATH_COLOURS[(number - 1) % len(PATH_COLOURS)]
        pad = 3 * k + (number - 1) * 2.5 * k
        for element in dict.fromkeys(chain):
            x, y, w, h = boxes[element]
            scene.add(Shape("roundrect", x - pad, y - pad, w + 2 * pad, h + 2 * pad,
                            fill=None, stroke=colour, width=2.2 * k, alpha=0.9,
                            points=[(10.0, 10.0)]))
        segments = []
        for a, b in zip(chain, chain[1:], strict=False):
            start = border_point(boxes[a], centre(boxes[b]))
            end = border_point(boxes[b], centre(boxes[a]))
            route = [start, end]
            # A straight arrow across another element hides its name: go around it.
            others = [box for e, box in boxes.items() if e not in (a, b)]
            route = (detour(boxes[a], boxes[b], others, zone_titles, pad + 6 * k)
                     or slide(boxes[a], boxes[b], others, zone_titles) or route)
            if crossings(route, zone_titles):  # one bend rather than under a title
                route = around_titles(boxes[a], boxes[b], others, zone_titles, pad + 6 * k,
                                      crossings(route, others),
                                      list(zone_boxes.values())) or route
            segments.append(route)
            scene.add(Line(route, colour=colour, width=3.2 * k, arrow_end=True,
                           alpha=0.9, role="path"))
        d = 16 * k
        blocked = list(boxes.values()) + zone_titles + [
            (b.x, b.y, b.w, b.h) for b in badges if isinstance(b, Shape)]
        spots = [_point_at(seg, t) for seg in segments for t in (0.5, 0.3, 0.7)]
        for x1, y1, w1, h1 in (boxes[e] for e in chain):
            spots += [(x1 - pad - d / 2, y1 + h1 / 2), (x1 + w1 + pad + d / 2, y1 + h1 / 2),
                      (x1 - pad - d / 2, y1 - pad - d / 2), (x1 + w1 / 2, y1 - pad - d / 2),
                      (x1 + w1 / 2, y1 + h1 + pad + d / 2)]
        # The first free spot; else the one covering least.
        bx, by = min(spots, key=lambda c: _overlap_area((c[0] - d / 2, c[1] - d / 2, d, d),
                                                        blocked))
        badges.append(Shape("ellipse", bx - d / 2, by - d / 2, d, d, fill=colour,
                            stroke="#ffffff", width=1.2, role="badge"))
        badges.append(Label(bx, by + 3.2 * k, str(number), size=text(9), bold=True,
                            colour="#ffffff", anchor="middle", role="badge"))

    # Flow labels last, nudged along their line until they do not cover anything.
    # Badges keep their place: flow labels go around them too.
    taken += [(b.x, b.y, b.w, b.h) for b in badges if isinstance(b, Shape)]
    for points, label, encrypted in flow_labels:
        lock_w = 10 * k if encrypted else 0
        text_w = text_width(label, label_size) + lock_w + 4 * k
        text_h = label_size + 3 * k
        # The first spot along the line that covers nothing; none free: no label (the flow
        # table of the technical report names every protocol), never a label over a name.
        spot = None
        for t in LABEL_SPOTS:
            px, py = _point_at(points, t)
            rect = (px - text_w / 2, py - text_h / 2, text_w, text_h)
            inside = (rect[0] >= scene.left and rect[0] + text_w <= scene.left + scene.width
                      and rect[1] >= top and rect[1] + text_h <= bottom)
            if inside and _overlap_area(rect, taken) == 0:
                spot = rect
                break
        if spot is None:
            scene.omitted_labels += 1
            continue
        taken.append(spot)
        sx, sy, sw, sh = spot
        scene.add(Shape("roundrect", sx, sy, sw, sh, fill="#ffffff", stroke=None, alpha=0.9,
                        points=[(2.0, 2.0)], role="flow_label"))
        cursor = sx + 2 * k
        if encrypted:
            for shape in _lock(cursor, sy + sh - 7.5 * k, "#1a1a1a", k):
                scene.add(shape)
            cursor += lock_w
        if label:
            scene.add(Label(cursor, sy + sh - 2.5 * k, label, size=label_size,
                            colour="#1a1a1a", role="flow"))

    # Zone titles above the flows and the path arrows, on a white ground: a line that could
    # not be slid off a title passes under it, never through its letters ("Hospital
    # information sy▒▒▒" under path 2 on the cardiac board). Only the badges come later.
    for label, (tx, ty, tw, th) in zip(title_labels, zone_titles, strict=True):
        scene.add(Shape("rect", tx - 2, ty, tw + 4, th, fill="#ffffff", stroke=None,
                        alpha=0.9, role="zone_title"))
        scene.add(label)
    for badge in badges:
        scene.add(badge)
    if show_legend:
        _legend(scene, bottom + 6 * k, lang, bool(paths), k, text(7.5), layers=not lanes)
    return scene


def _subtitle_lines(label: str, name: str, width: float, size: float, room: float,
                    lang: str) -> list[str]:
    """The stencil subtitle on as many lines as the room under the name holds, words whole
    (French labels run longer: "Passerelle d'API", "Tablette passerelle"); none when it
    repeats the name or would be cut. The name always comes first."""
    if not label or label.lower() == name.lower():
        return []
    lines = int(room // (size + 2))
    if lines < 1:
        return []
    wrapped = wrap_text(label, width, size, max_lines=lines, lang=lang)
    if any(line.endswith("…") for line in wrapped) or \
            any(text_width(line, size) > width + 0.01 for line in wrapped):
        return []
    return wrapped


def _legend(scene: Scene, y: float, lang: str, with_paths: bool, k: float = 1.0,
            size: float = 7.5, layers: bool = False) -> None:
    x = scene.left + 6
    for level in LEVELS:
        scene.add(Shape("rect", x, y + 2 * k, 12 * k, 9 * k, fill=LEVEL_COLOURS[level],
                        stroke="#666666", width=0.5))
        name = tr(f"level_{level}", lang)
        scene.add(Label(x + 15 * k, y + 10 * k, name, size=size))
        x += 22 * k + text_width(name, size)
    scene.add(Label(x + 4 * k, y + 10 * k, tr("legend_risk", lang), size=size,
                    colour="#444444"))
    line2 = tr("legend_flows", lang)
    scene.add(Line([(scene.left + 6, y + 21 * k), (scene.left + 6 + 34 * k, y + 21 * k)],
                   dash=(4, 2.5), arrow_end=True, role="legend"))
    for shape in _lock(scene.left + 6 + 40 * k, y + 18 * k, "#1a1a1a", k):
        scene.add(shape)
    room = scene.width - 52 * k - 12
    line2 = wrap_text(line2, room, size, max_lines=1)[0]
    scene.add(Label(scene.left + 6 + 52 * k, y + 24 * k, line2, size=size, colour="#444444"))
    row = y + 36 * k
    if with_paths:  # a row of its own: appended to the flows it was cut with "…"
        for index, colour in enumerate(PATH_COLOURS[:3]):
            scene.add(Line([(scene.left + 6 + index * 12 * k, row - 3 * k),
                            (scene.left + 14 * k + index * 12 * k, row - 3 * k)],
                           colour=colour, width=2.4 * k, role="legend"))
        text = wrap_text(tr("legend_paths", lang), scene.width - 52 * k - 12, size,
                         max_lines=1)[0]
        scene.add(Label(scene.left + 6 + 52 * k, row, text, size=size, colour="#444444"))
        row += 12 * k
    if layers:  # no swimlanes: the border colour says the layer
        x = scene.left + 6
        for layer in LAYER_ORDER:
            scene.add(Shape("roundrect", x, row - 8 * k, 14 * k, 9 * k, fill="#ffffff",
                            stroke=LAYER_COLOURS[layer], width=1.6, points=[(3.0, 3.0)]))
            name = tr(f"layer_{layer.value}", lang)
            scene.add(Label(x + 18 * k, row, name, size=size))
            x += 26 * k + text_width(name, size)
        text = wrap_text(tr("legend_layers", lang), scene.left + scene.width - x - 10 * k,
                         size, max_lines=1)[0]
        scene.add(Label(x + 4 * k, row, text, size=size,
                        colour="#444444"))
