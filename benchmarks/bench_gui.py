"""Benchmark: the workbench window, offscreen. Prints figures against a naive baseline.

1. Open and draw a 2,000-element model: read the file, lay it out, build the scene, paint
   the canvas once (budget 2 s). Baseline: the same with a scene rebuilt from scratch a
   second time, as a naive "redraw everything on change" design would do on every edit.
2. One edit on a 300-element model (rename an element), then re-analysis (rule engine and
   risk) and repaint, as the window does after each edit (budget 200 ms). The window diffs
   the two model versions by identity and touches only changed items; the baseline rebuilds
   the whole scene. Attack paths run after, in the worker thread, and are reported apart.

    .venv/bin/python benchmarks/bench_gui.py [--open-elements 2000] [--edit-elements 300]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_window_scale import grid_layout  # noqa: E402
from gen_synthetic import synthetic_model  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402

from workbench.gui.app import make_app  # noqa: E402
from workbench.gui.main_window import MainWindow  # noqa: E402
from workbench.gui.recovery import Recovery  # noqa: E402
from workbench.gui.worker import run_analysis  # noqa: E402
from workbench.model import edits  # noqa: E402
from workbench.model.defaults import default_risk_settings  # noqa: E402
from workbench.model.io import save_model  # noqa: E402
from workbench.model.layout import auto_layout  # noqa: E402


def prepared(n: int):
    """A synthetic estate as a saved model would be: laid out, with the default risk scales
    and impact categories that ``workbench new`` writes. Past about 1,100 devices in one
    zone ``auto_layout`` makes a zone box taller than a file may hold (docs/performance.md),
    so large models get the grid of ``bench_window_scale.py``."""
    model = synthetic_model(n)
    layout = auto_layout(model) if n <= 1000 else grid_layout(model)
    return model.model_copy(update={"layout": layout, "risk": default_risk_settings()})


def paint(window) -> None:
    """Paint the visible canvas into an image (what the screen would show)."""
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    window.view.render(painter)
    painter.end()


def window(tmp: Path) -> MainWindow:
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(None, settings=settings, recovery=Recovery(tmp / "r"), analysis="off",
                     offer_recovery=False)
    win.resize(1600, 1000)
    win.show()
    return win


def bench_open(app, tmp: Path, n: int, runs: int) -> None:
    model = prepared(n)
    path = tmp / "big.twm.json"
    save_model(model, path)
    win = window(tmp)
    app.processEvents()
    times, rebuild = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        assert win.open_path_quiet(str(path)), win.last_error
        paint(win)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        win.scene.rebuild(win.doc.model)
        paint(win)
        rebuild.append(time.perf_counter() - t0)
    counts = (len(win.doc.model.components), len(win.doc.model.flows))
    print(f"open+draw {counts[0]} components, {counts[1]} flows: "
          f"median {statistics.median(times) * 1000:.0f} ms (budget 2000 ms, {runs} runs)")
    print(f"  of which a full scene build + paint: median {statistics.median(rebuild) * 1000:.0f}"
          f" ms (what a naive design pays again on every edit)")
    win.doc.undo_stack.setClean()
    win.close()


def bench_edit(app, tmp: Path, n: int, runs: int) -> None:
    model = prepared(n)
    path = tmp / "mid.twm.json"
    save_model(model, path)
    win = window(tmp)
    assert win.open_path_quiet(str(path))
    app.processEvents()
    stencils = win.stencils
    target = win.doc.model.components[len(win.doc.model.components) // 2].id
    edit_t, rebuild_t, analysis_t, panels_t, attack_t, move_t = [], [], [], [], [], []
    win.analysis_mode = "sync"
    win.run_analysis()
    for i in range(runs):
        # a move: the window repaints and keeps its analysis (layout cannot change a risk)
        t0 = time.perf_counter()
        win.doc.apply("move", edits.move_elements, {target: (40.0 + i, 400.0)})
        paint(win)
        move_t.append(time.perf_counter() - t0)
    win.analysis_mode = "off"
    for i in range(runs):
        # the edit as the window does it: undo command -> model diff -> changed items only
        t0 = time.perf_counter()
        win.doc.apply("rename", edits.update_component, target, {"name": f"Renamed {i}"})
        paint(win)
        edit_t.append(time.perf_counter() - t0)
        # naive baseline for the same step: rebuild every item, then paint
        t0 = time.perf_counter()
        win.scene.rebuild(win.doc.model)
        paint(win)
        rebuild_t.append(time.perf_counter() - t0)
        # the baseline's discarded scene items are cyclic garbage: collect it here, not
        # inside the re-analysis timing (the window itself never rebuilds on an edit)
        gc.collect()
        # re-analysis (rule engine + risk), then the panels and the canvas repaint
        t0 = time.perf_counter()
        analysis = run_analysis_no_attacks(win.doc.model, stencils)
        analysis_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        win.threats.set_analysis(analysis)
        win.heatmap.set_analysis(analysis)
        paint(win)
        panels_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_analysis(win.doc.model, stencils)
        attack_t.append(time.perf_counter() - t0)
    med = statistics.median
    size = (len(win.doc.model.components), len(win.doc.model.flows))
    total = med(edit_t) + med(analysis_t) + med(panels_t)
    print(f"edit on {size[0]} components, {size[1]} flows ({runs} runs, medians):")
    print(f"  move an element (window path: command, diff, repaint; no re-analysis needed): "
          f"{med(move_t) * 1000:.1f} ms (budget 200 ms)")
    print(f"  edit -> canvas repaint: {med(edit_t) * 1000:.1f} ms; naive full rebuild + repaint: "
          f"{med(rebuild_t) * 1000:.1f} ms -> {med(rebuild_t) / med(edit_t):.0f}x slower")
    print(f"  re-analysis (rule engine + risk, workbench.analysis.pipeline.analyze): "
          f"{med(analysis_t) * 1000:.0f} ms")
    print(f"  threats panel + heatmap refresh + repaint: {med(panels_t) * 1000:.0f} ms")
    print(f"  total property edit -> re-analysis -> repaint: {total * 1000:.0f} ms "
          f"(budget 200 ms)")
    print(f"  analysis with attack paths (worker thread, off the edit path): "
          f"{med(attack_t) * 1000:.0f} ms")
    win.doc.undo_stack.setClean()
    win.close()


def run_analysis_no_attacks(model, stencils):
    from workbench.analysis.pipeline import analyze
    from workbench.gui.worker import Analysis

    return Analysis(analyze(model, stencils=stencils))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open-elements", type=int, default=2000)
    parser.add_argument("--edit-elements", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    app, _ = make_app("en")
    with tempfile.TemporaryDirectory() as tmp:
        bench_open(app, Path(tmp), args.open_elements, max(1, args.runs // 2))
        bench_edit(app, Path(tmp), args.edit_elements, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
