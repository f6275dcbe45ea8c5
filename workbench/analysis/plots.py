"""Risk figures with matplotlib only (Agg; no Qt): matrices, heat tables, element colours.

Readable in grayscale print and by colour-blind readers: the palette is ``cividis``
(luminance rises monotonically; designed for colour-vision deficiency), every cell carries
its number, and risk levels also get a hatch pattern. Each matrix is checked against the
three rules of L. A. Cox Jr., "What's wrong with risk matrices?", Risk Analysis 28(2), 2008:

* **weak consistency**: every cell of the top level carries more risk than every cell of
  the bottom level, and the level never drops when likelihood or severity rises;
* **betweenness**: a bottom-level cell never touches a top-level cell along a positively
  sloped step (right, up, or diagonal up-right): some intermediate level lies between;
* **consistent colouring**: a cell with more quantitative risk never gets a lower level
  than a cell with less, and equal risks get equal levels.

Quantitative risk of a cell is the product of its likelihood and severity values scaled to
[0, 1] (``L x S / (Lmax x Smax)``). A broken rule is drawn as a visible warning on the
figure; cells show that continuous value beside the bin they fall in.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

HATCHES = ("", "..", "//", "xx", "**", "OO")
FORMATS = {".png", ".svg", ".pdf"}


@dataclass(frozen=True)
class MatrixSpec:
    """A risk matrix: axis values (ascending) and the level rank of each cell."""

    likelihood: tuple[int, ...]
    severity: tuple[int, ...]
    grid: np.ndarray  # [severity index, likelihood index] -> level rank (0 = lowest)
    level_names: tuple[str, ...]

    def value(self, i_sev: int, i_lik: int) -> float:
        """Continuous risk of a cell: L x S scaled to [0, 1]."""
        return (self.likelihood[i_lik] * self.severity[i_sev]
                / (self.likelihood[-1] * self.severity[-1]))


def matrix_spec(scales: Any) -> MatrixSpec:
    """The matrix a model's scales define (``workbench.analysis.risk.Scales``)."""
    ids = [lv.id for lv in scales.levels]
    grid = np.zeros((len(scales.severity), len(scales.likelihood)), dtype=int)
    for i, s in enumerate(scales.severity):
        for j, lik in enumerate(scales.likelihood):
            grid[i, j] = ids.index(scales.level(lik, s).id)
    return MatrixSpec(tuple(scales.likelihood), tuple(scales.severity), grid,
                      tuple(lv.name for lv in scales.levels))


def cox_checks(spec: MatrixSpec) -> list[str]:
    """Warnings for each of Cox's (2008) rules the matrix breaks (empty: all hold)."""
    grid = spec.grid
    n_sev, n_lik = grid.shape
    values = np.array([[spec.value(i, j) for j in range(n_lik)] for i in range(n_sev)])
    top, bottom = grid.max(), grid.min()
    problems: list[str] = []
    if top == bottom:
        return ["matrix has a single level: it cannot rank risks (Cox 2008)"]
    cells = [(i, j) for i in range(n_sev) for j in range(n_lik)]
    # Weak consistency.
    top_min = min(values[c] for c in cells if grid[c] == top)
    bottom_max = max(values[c] for c in cells if grid[c] == bottom)
    drops = [(i, j) for i, j in cells
             if (i + 1 < n_sev and grid[i + 1, j] < grid[i, j])
             or (j + 1 < n_lik and grid[i, j + 1] < grid[i, j])]
    if top_min <= bottom_max or drops:
        problems.append("weak consistency broken: a top-level cell does not carry more risk "
                        "than every bottom-level cell, or the level drops as risk rises")
    # Betweenness.
    touching = [(i, j) for i, j in cells if grid[i, j] == bottom and any(
        i + di < n_sev and j + dj < n_lik and grid[i + di, j + dj] == top
        for di, dj in ((0, 1), (1, 0), (1, 1)))]
    if touching:
        i, j = touching[0]
        problems.append(f"betweenness broken: bottom-level cell (L={spec.likelihood[j]}, "
                        f"S={spec.severity[i]}) touches a top-level cell with no level between")
    # Consistent colouring.
    order = sorted(cells, key=lambda c: values[c])
    bad = [(a, b) for a, b in zip(order, order[1:], strict=False)
           if (values[b] > values[a] + 1e-12 and grid[b] < grid[a])
           or (abs(values[b] - values[a]) <= 1e-12 and grid[b] != grid[a])]
    if bad:
        problems.append("consistent colouring broken: a cell with more quantitative risk has "
                        "a lower level than one with less, or equal risks differ in level")
    return problems


def _palette(n: int) -> list[tuple[float, float, float, float]]:
    """``n`` cividis colours from light (low risk) to dark (high risk)."""
    from matplotlib import colormaps

    cmap = colormaps["cividis"]
    return [cmap(1.0 - (0.15 + 0.8 * k / max(1, n - 1))) for k in range(n)]


def _text_colour(rgba: Sequence[float]) -> str:
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def _save(fig, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported figure format {suffix or '(none)'!r}: use .png, .svg "
                         f"or .pdf")
    import io

    from workbench.model.io import write_bytes_atomic

    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:], dpi=150, bbox_inches="tight",
                metadata={"Creator": "Threat Workbench"} if suffix != ".png" else None)
    write_bytes_atomic(path, buffer.getvalue())  # the one writer: atomic, links followed


def matrix_counts(risks: Sequence[Any], spec: MatrixSpec, which: str) -> np.ndarray:
    """Threat counts per cell for ``which`` in {"inherent", "current", "projected"}."""
    counts = np.zeros(spec.grid.shape, dtype=int)
    for risk in risks:
        value = getattr(risk, which)
        if value.severity <= 0:
            continue
        i = _nearest(spec.severity, value.severity)
        j = _nearest(spec.likelihood, value.likelihood)
        counts[i, j] += 1
    return counts


def _nearest(values: tuple[int, ...], v: int) -> int:
    below = [k for k, x in enumerate(values) if x <= v]
    return below[-1] if below else 0


def draw_matrix(ax, spec: MatrixSpec, counts: np.ndarray, title: str,
                colours: Sequence[str] | None = None, names: Sequence[str] | None = None,
                axis_names: tuple[dict[int, str], dict[int, str]] | None = None,
                lang: str = "en") -> None:
    """One matrix in the shared convention (``riskmatrix``): likelihood across, severity
    up, each cell its level's colour and name and the threat count."""
    from matplotlib.colors import to_hex

    from workbench.analysis.riskmatrix import AXES, ink

    colours = list(colours or [to_hex(c) for c in _palette(len(spec.level_names))])
    names = list(names or spec.level_names)
    n_sev, n_lik = spec.grid.shape
    from matplotlib.patches import Rectangle

    for i in range(n_sev):
        for j in range(n_lik):
            level = int(spec.grid[i, j])
            face = colours[level % len(colours)]
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=face, edgecolor="white",
                                   linewidth=1.5))
            colour = ink(face)
            if counts[i, j]:
                ax.text(j + 0.5, i + 0.58, str(int(counts[i, j])), ha="center", va="center",
                        fontsize=13, fontweight="bold", color=colour)
            ax.text(j + 0.5, i + 0.16, names[level % len(names)], ha="center", va="center",
                    fontsize=7, color=colour)
    lik_names, sev_names = axis_names or ({}, {})
    ax.set_xlim(0, n_lik)
    ax.set_ylim(0, n_sev)
    # "Peu vraisemblable" and "Très vraisemblable" ran into each other: wrap at spaces.
    ax.set_xticks(np.arange(n_lik) + 0.5,
                  [textwrap.fill(lik_names.get(v, str(v)), 12, break_long_words=False)
                   for v in spec.likelihood],
                  fontsize=7)
    ax.set_yticks(np.arange(n_sev) + 0.5, [sev_names.get(v, str(v)) for v in spec.severity],
                  fontsize=7)
    x_title, y_title = AXES.get(lang, AXES["en"])
    ax.set_xlabel(x_title + " →")
    ax.set_ylabel(y_title + " →")
    ax.tick_params(length=0)
    ax.set_title(title, fontsize=10, fontweight="bold")
    ax.set_aspect("equal")
    for spine in ax.spines.values():
        spine.set_visible(False)


def _warn(fig, problems: list[str]) -> None:
    if not problems:
        return
    text = "WARNING - risk matrix breaks Cox (2008):\n" + "\n".join(f"- {p}" for p in problems)
    fig.text(0.5, -0.02, text, ha="center", va="top", fontsize=8, color="#7f0000",
             bbox={"facecolor": "#fff2f2", "edgecolor": "#7f0000", "linewidth": 1.5})


def plot_matrix(result: Any, path: Path, spec: MatrixSpec | None = None,
                lang: str = "en") -> list[str]:
    """Before and after controls side by side, as the window and the PDF draw them (same
    axes, level colours and names); Cox (2008) warnings drawn and returned."""
    from workbench.analysis.riskmatrix import TITLES, level_name, scale_names

    scales = result.scales
    spec = spec or matrix_spec(scales)
    colours = names = None
    if len(spec.level_names) == len(scales.levels):
        colours = [lv.colour for lv in scales.levels]
        names = [level_name(lv.id, lv.name, lang) for lv in scales.levels]
    axis_names = scale_names(result.model, lang)
    risks = result.counted()
    before, after, heading = TITLES.get(lang, TITLES["en"])
    fig = _figure(10, 5)
    for k, (which, title) in enumerate((("inherent", before), ("current", after))):
        ax = fig.add_subplot(1, 2, k + 1)
        draw_matrix(ax, spec, matrix_counts(risks, spec, which), title, colours, names,
                    axis_names, lang)
    # Room between the two for the right one's "Severity →" and its row names (they ran
    # into the left matrix's last column at the default spacing).
    fig.subplots_adjust(wspace=0.45)
    problems = cox_checks(spec)
    _warn(fig, problems)
    fig.suptitle(f"{result.model.metadata.title}\n{heading}", fontsize=11)
    _save(fig, path)
    return problems


def layer_table(result: Any) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Rows (layers), columns (impact categories), max residual L x S share, counts."""
    from workbench.model.defaults import default_risk_settings
    from workbench.model.enums import LAYER_ORDER

    cats = [c.id for c in result.model.risk.impact_categories] or [
        c.id for c in default_risk_settings().impact_categories]
    layers = [layer.value for layer in LAYER_ORDER]
    values = np.zeros((len(layers), len(cats)))
    counts = np.zeros((len(layers), len(cats)), dtype=int)
    scales = result.scales
    top = scales.l_max * scales.s_max
    for risk in result.counted():
        if risk.layer not in layers:
            continue
        r = layers.index(risk.layer)
        for cat, level in risk.impact.items():
            if cat not in cats or level <= 0:
                continue
            c = cats.index(cat)
            counts[r, c] += 1
            # Residual likelihood times the category's impact (controls in place).
            values[r, c] = max(values[r, c], risk.current.likelihood * level / top)
    return layers, cats, values, counts


def plot_layers(result: Any, path: Path) -> list[str]:
    """Layer x impact-category heat table of residual risk (numbers in every cell)."""
    from matplotlib import colormaps

    layers, cats, values, counts = layer_table(result)
    fig = _figure(max(8, 0.95 * len(cats) + 2), 3.6)
    ax = fig.add_subplot(1, 1, 1)
    cmap = colormaps["cividis_r"]
    image = ax.imshow(values, cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto")
    for r in range(len(layers)):
        for c in range(len(cats)):
            face = cmap(values[r, c])
            ax.text(c, r, f"{values[r, c]:.2f}\nn={counts[r, c]}", ha="center", va="center",
                    fontsize=7, color=_text_colour(face))
    ax.set_xticks(range(len(cats)), [c.replace("_", " ") for c in cats], rotation=35,
                  ha="right", fontsize=8)
    ax.set_yticks(range(len(layers)), layers)
    ax.set_title(f"{result.model.metadata.title}: worst residual L x impact / max per layer "
                 f"and impact category (n = threats)", fontsize=9)
    fig.colorbar(image, ax=ax, fraction=0.03, label="L x impact / max")
    problems = cox_checks(matrix_spec(result.scales))
    _warn(fig, problems)
    _save(fig, path)
    return problems


def element_colours(result: Any, attack: dict[str, Any] | None = None
                    ) -> dict[str, dict[str, Any]]:
    """Per-element risk colour for the diagram: worst residual share, or compromise chance.

    Each entry: ``value`` (0-1, continuous), ``level`` (bin name), ``colour`` (hex, cividis),
    ``hatch`` and ``source`` ("risk" or "attack").
    """
    from matplotlib.colors import to_hex

    spec = matrix_spec(result.scales)
    top = result.scales.l_max * result.scales.s_max
    worst: dict[str, tuple[float, int]] = {}
    for risk in result.counted():
        value = risk.current.likelihood * risk.current.severity / top
        rank = next((k for k, lv in enumerate(result.scales.levels)
                     if lv.id == risk.current.level), 0)
        key = risk.instance.element
        if value > worst.get(key, (-1.0, 0))[0]:
            worst[key] = (value, rank)
    colours = _palette(len(spec.level_names))
    out: dict[str, dict[str, Any]] = {}
    for element, (value, rank) in worst.items():
        out[element] = {"value": round(value, 4), "level": spec.level_names[rank],
                        "colour": to_hex(colours[rank]), "hatch": HATCHES[rank % len(HATCHES)],
                        "source": "risk"}
    if attack:
        from matplotlib import colormaps

        cmap = colormaps["cividis_r"]
        for element, row in attack.get("compromise", {}).items():
            p = float(row.get("probability", 0.0))
            entry = out.setdefault(element, {"source": "attack"})
            entry["compromise"] = round(p, 4)
            if entry["source"] == "attack":
                entry.update(value=round(p, 4), level=f"p={p:.2f}", colour=to_hex(cmap(p)),
                             hatch="")
    return out


def plot_elements(result: Any, path: Path, attack: dict[str, Any] | None = None,
                  top: int = 25) -> list[str]:
    """The ``top`` riskiest elements as bars in their diagram colour, value written beside.

    Bars carry the element's worst residual ``L x S / max`` (its level in brackets); with an
    attack result, a second mark shows the worst attacker's compromise probability.
    """
    colours = element_colours(result, attack)
    ranked = sorted(colours.items(), key=lambda kv: (-kv[1].get("value", 0.0), kv[0]))[:top]
    fig = _figure(8, max(2.5, 0.32 * len(ranked) + 1))
    ax = fig.add_subplot(1, 1, 1)
    for y, (_element, entry) in enumerate(reversed(ranked)):
        value = entry.get("value", 0.0)
        ax.barh(y, value, color=entry["colour"], edgecolor="black", linewidth=0.6,
                hatch=entry.get("hatch", ""))
        label = f"{value:.2f} ({entry.get('level', '')})"
        if "compromise" in entry:
            label += f"  p={entry['compromise']:.2f}"
            ax.plot([entry["compromise"]], [y], marker="D", markersize=5,
                    markerfacecolor="white", markeredgecolor="black")
        ax.text(1.03, y, label, va="center", fontsize=7)
    ax.set_yticks(range(len(ranked)), [e for e, _ in reversed(ranked)], fontsize=7)
    ax.set_xlim(0, 1.45)
    ax.axvline(1.0, color="grey", linewidth=0.6)
    ax.set_xticks(np.linspace(0, 1, 6))
    ax.set_xlabel("worst residual L x S / max (diamond: compromise probability)")
    ax.set_title(f"{result.model.metadata.title}: element risk", fontsize=9)
    problems = cox_checks(matrix_spec(result.scales))
    _warn(fig, problems)
    _save(fig, path)
    return problems
