"""Draw a :class:`~workbench.report.scene.Scene` with reportlab (PDF/SVG) or matplotlib (PNG)."""

from __future__ import annotations

import io
import math
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Ellipse, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import HexColor

from workbench.report.fonts import BOLD, REGULAR, register_fonts
from workbench.report.scene import Label, Line, Scene, Shape


def _arrow_head(p: tuple[float, float], q: tuple[float, float],
                size: float) -> list[tuple[float, float]]:
    """Triangle with its tip at q, pointing from p to q."""
    angle = math.atan2(q[1] - p[1], q[0] - p[0])
    left = (q[0] - size * math.cos(angle - 0.4), q[1] - size * math.sin(angle - 0.4))
    right = (q[0] - size * math.cos(angle + 0.4), q[1] - size * math.sin(angle + 0.4))
    return [q, left, right]


def to_drawing(scene: Scene, max_width: float | None = None,
               max_height: float | None = None) -> Drawing:
    """A reportlab Drawing scaled to fit the box (vector, text stays selectable)."""
    register_fonts()
    scale = 1.0
    if max_width:
        scale = min(scale, max_width / scene.width)
    if max_height:
        scale = min(scale, max_height / scene.height)
    height = scene.height * scale
    drawing = Drawing(scene.width * scale, height)

    def pt(x: float, y: float) -> tuple[float, float]:
        return (x - scene.left) * scale, height - (y - scene.top) * scale

    def colour(value: str | None):
        return HexColor(value) if value else None

    for item in scene.items:
        if isinstance(item, Shape):
            _shape(drawing, item, pt, colour, scale)
        elif isinstance(item, Line):
            points = [pt(x, y) for x, y in item.points]
            flat = [c for p in points for c in p]
            drawing.add(PolyLine(flat, strokeColor=colour(item.colour),
                                 strokeWidth=item.width * scale,
                                 strokeDashArray=[d * scale for d in item.dash]
                                 if item.dash else None, strokeOpacity=item.alpha,
                                 strokeLineJoin=1, strokeLineCap=1))
            head = max(4.5, item.width * 2.4) * scale
            ends = []
            if item.arrow_end:
                ends.append((points[-2], points[-1]))
            if item.arrow_start:
                ends.append((points[1], points[0]))
            for p, q in ends:
                tri = _arrow_head(p, q, head)
                drawing.add(Polygon([c for v in tri for c in v], fillColor=colour(item.colour),
                                    strokeColor=None, fillOpacity=item.alpha))
        elif isinstance(item, Label):
            x, y = pt(item.x, item.y)
            drawing.add(String(x, y, item.text, fontName=BOLD if item.bold else REGULAR,
                               fontSize=item.size * scale, fillColor=colour(item.colour),
                               textAnchor=item.anchor))
    return drawing


def _shape(drawing: Drawing, item: Shape, pt, colour, scale: float) -> None:
    style = {"fillColor": colour(item.fill), "strokeColor": colour(item.stroke),
             "strokeWidth": item.width * scale if item.stroke else 0,
             "strokeDashArray": [d * scale for d in item.dash] if item.dash else None}
    if item.alpha < 1:
        style["fillOpacity"] = item.alpha
    if item.kind in ("rect", "roundrect"):
        x, y = pt(item.x, item.y + item.h)
        radius = item.points[0][0] * scale if item.kind == "roundrect" and item.points else 0
        radius = min(radius, item.h * scale / 2, item.w * scale / 2)
        drawing.add(Rect(x, y, item.w * scale, item.h * scale, rx=radius, ry=radius, **style))
    elif item.kind == "ellipse":
        cx, cy = pt(item.x + item.w / 2, item.y + item.h / 2)
        drawing.add(Ellipse(cx, cy, item.w * scale / 2, item.h * scale / 2, **style))
    elif item.kind == "polygon":
        flat = [c for x, y in item.points for c in pt(x, y)]
        if item.fill is None and len(item.points) == 2:
            drawing.add(PolyLine(flat, strokeColor=style["strokeColor"],
                                 strokeWidth=style["strokeWidth"]))
        else:
            drawing.add(Polygon(flat, **style))


def svg_bytes(scene: Scene) -> bytes:
    """Vector SVG through reportlab's SVG renderer."""
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(to_drawing(scene))
    return text.encode("utf-8") if isinstance(text, str) else text


def write_svg(scene: Scene, path: Path) -> None:
    path.write_bytes(svg_bytes(scene))


def png_bytes(scene: Scene, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    write_png(scene, buffer, dpi)
    return buffer.getvalue()


#: Agg refuses images wider or taller than 2**16 pixels; and a bitmap of more than ~64
#: megapixels (256 MB) is no use to anyone and may not fit in memory.
PNG_MAX_SIDE = 32_000
PNG_MAX_PIXELS = 64_000_000


def png_dpi(width: float, height: float, dpi: float = 150) -> float:
    """``dpi``, lowered for a huge diagram so the bitmap stays allocatable (the loader allows
    coordinates up to ±1e6: a diagram may span 2e6 points)."""
    side = max(width, height, 1.0) / 72
    area = max(width, 1.0) * max(height, 1.0) / 72 / 72
    return min(float(dpi), PNG_MAX_SIDE / side, (PNG_MAX_PIXELS / area) ** 0.5)


def write_png(scene: Scene, path, dpi: int = 150) -> None:
    """Bitmap through matplotlib's Agg backend (reportlab's renderPM needs pycairo)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Ellipse as MEllipse
    from matplotlib.patches import FancyBboxPatch
    from matplotlib.patches import Polygon as MPolygon

    from workbench.report.fonts import font_dir

    regular = FontProperties(fname=str(font_dir() / "DejaVuSans.ttf"))
    bold = FontProperties(fname=str(font_dir() / "DejaVuSans-Bold.ttf"))
    # One scene unit = one point, so text sizes match the PDF.
    dpi = png_dpi(scene.width, scene.height, dpi)
    fig = Figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(scene.left, scene.left + scene.width)
    ax.set_ylim(scene.top + scene.height, scene.top)
    ax.axis("off")
    fig.patch.set_facecolor("white")
    for z, item in enumerate(scene.items, start=1):
        if isinstance(item, Shape):
            kw = {"facecolor": item.fill or "none", "edgecolor": item.stroke or "none",
                  "linewidth": item.width if item.stroke else 0, "alpha": item.alpha,
                  "zorder": z}
            if item.dash:
                kw["linestyle"] = (0, item.dash)
            if item.kind in ("rect", "roundrect"):
                radius = item.points[0][0] if item.kind == "roundrect" and item.points else 0
                radius = min(radius, item.h / 2, item.w / 2)
                patch = FancyBboxPatch((item.x + radius, item.y + radius),
                                       max(item.w - 2 * radius, 0.01),
                                       max(item.h - 2 * radius, 0.01),
                                       boxstyle=f"round,pad={radius}" if radius else
                                       "square,pad=0", **kw)
            elif item.kind == "ellipse":
                patch = MEllipse((item.x + item.w / 2, item.y + item.h / 2), item.w, item.h, **kw)
            else:
                patch = MPolygon(item.points, closed=not (item.fill is None
                                                          and len(item.points) == 2), **kw)
            ax.add_patch(patch)
        elif isinstance(item, Line):
            xs, ys = zip(*item.points, strict=False)
            ax.plot(xs, ys, color=item.colour, linewidth=item.width, alpha=item.alpha,
                    linestyle=(0, item.dash) if item.dash else "-", zorder=z,
                    solid_capstyle="round")
            head = max(4.5, item.width * 2.4)
            ends = []
            if item.arrow_end:
                ends.append((item.points[-2], item.points[-1]))
            if item.arrow_start:
                ends.append((item.points[1], item.points[0]))
            for p, q in ends:
                ax.add_patch(MPolygon(_arrow_head(p, q, head), facecolor=item.colour,
                                      edgecolor="none", alpha=item.alpha, zorder=z))
        elif isinstance(item, Label):
            align = {"start": "left", "middle": "center", "end": "right"}[item.anchor]
            ax.text(item.x, item.y, item.text, fontproperties=bold if item.bold else regular,
                    fontsize=item.size, color=item.colour, ha=align, va="baseline", zorder=z)
    fig.savefig(path if hasattr(path, "write") else str(path), dpi=dpi, format="png",
                facecolor="white")
