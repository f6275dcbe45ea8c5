"""Benchmark: the real window at hospital-group scale, offscreen, against a baseline revision.

    .venv/bin/python benchmarks/bench_window_scale.py [--elements 2000] [--edits 3]
        [--baseline b88ca90] [--limit 300] [--cold 3] [--no-settled]

What a user waits for, measured on the window itself (``MainWindow`` with its analysis in
the worker thread, ``analysis="async"``, as ``workbench FILE`` opens it), each version in a
fresh process of its own (``git archive REV`` on PYTHONPATH for the baseline):

1. **open + analyse**: in a window shown and settled (its blank model analysed, as a user
   finds it when picking a file: :func:`settle`), a saved model of ``--elements``
   components (``gen_synthetic.py``, laid out in a grid (:func:`grid_layout`), threats
   already recorded as after a first analysis) is opened; times to the canvas painted,
   then to the analysis shown in the panels (rules, risk, attack paths; any wait before
   the analysis starts is counted: ``ANALYSIS_DELAY_MS`` until session 13, the canvas's
   first paint since session 14).
2. **an edit**: a device's patch status changes through the undo stack (a change that moves
   risks); times to the canvas repainted (what the user sees at once) and to the new
   analysis shown (finished in the background). Median of ``--edits``.
3. **the recovery write**: a few seconds after each edit the window writes the unsaved
   model to its recovery file on the window's thread (``MainWindow.autosave``): the time the
   window is held.
4. **Ctrl+S**: the edited model saved over its file (``MainWindow.save``: the text, read
   back and compared before it is written), on the window's thread; median of three saves.
5. **CPU seconds** of the process (window's thread and worker) from the open to the
   analysis shown, and from an edit to its analysis shown (median): the two threads share
   the interpreter, so on a quiet machine the wall time is about this; on a loaded one
   these compare where the wall times do not.

6. **cold: ``workbench FILE``** as a user types it (``--cold`` runs per version,
   alternately, each a new process: ``window_cold_child.py``): the clock runs from the
   process's spawn to the analysis shown, and the stages are the interpreter's start, the
   imports up to the window's module (the command line, the window check's child
   started, PySide6, the model), the window built (the application, the file read, the
   canvas), its first paint, and the analysis (the worker's first run imports the
   analysis engine) shown. A returning user's start: one unmeasured run per version
   closes its window first, so its layout is restored (:func:`run_cold`). The offscreen
   screen is 1920 x 1080 (:data:`COLD_SCREEN`).

Each version runs from a copy of its ``workbench`` (and ``benchmarks``) package with its
modules byte-compiled beforehand, as a wheel install has them (:func:`compiled_copy`).

Goals (issue 17): open + analyse 2,000 elements under 2 s; an edit on screen under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_BASELINE = "b88ca90"


def grid_layout(model):
    """Each zone's components in rows of 40, zones one under the other.

    ``model.layout.auto_layout`` stacks a zone's devices of one layer in a single column:
    past about 1,100 of them the zone's box is taller than the 100,000 units a model file
    may hold, and the window cannot open the model (docs/performance.md, "Known limits").
    A hospital group's saved model is laid out by hand or by import; this grid stands in.
    """
    from workbench.model.entities import Box, Layout

    cols, w, h, gap = 40, 150.0, 64.0, 26.0
    layout = Layout()
    y = 48.0
    for zone in [z.id for z in model.zones] + [None]:
        members = [c.id for c in model.components if c.zone == zone]
        if not members:
            continue
        top = y
        for i, cid in enumerate(members):
            layout.elements[cid] = Box(x=14.0 + (i % cols) * (w + gap),
                                       y=top + 36.0 + (i // cols) * (h + gap), w=w, h=h)
        rows = (len(members) + cols - 1) // cols
        height = 36.0 + rows * (h + gap) + 14.0
        if zone is not None:
            layout.zones[zone] = Box(x=0.0, y=top, w=min(len(members), cols) * (w + gap) + 14.0,
                                     h=height)
        y = top + height + 24.0
    return layout


def compiled_copy(source: Path, dest: Path) -> Path:
    """``source``'s ``workbench`` and ``benchmarks`` copied under ``dest`` (unless already
    there) and byte-compiled beside their sources; returns ``dest``.

    Why: this machine sets ``PYTHONDONTWRITEBYTECODE=1``, so run from the sources every
    module imported after the clock starts (the whole analysis engine, in the worker's
    first run) was compiled inside the measured time, which a wheel install never does
    (``bench_end_to_end.with_bytecode`` does the same for the CLI).
    """
    for name in ("workbench", "benchmarks"):
        if not (dest / name).exists():
            shutil.copytree(source / name, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "workbench")],
                   check=True, env=env, capture_output=True)
    return dest


def settle(app, win, limit: float) -> None:
    """Wait until the window just shown has analysed its blank model, as a user's window
    has by the time they pick a file (Open, the recent list): the worker's first run has
    imported the analysis engine. ``workbench FILE`` opens the file inside the window's
    constructor and pays that import in its first analysis (docs/performance.md)."""
    deadline = time.perf_counter() + limit
    while win.analysis is None:
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() > deadline:
            raise TimeoutError("the blank model's analysis not shown before the limit")
    app.processEvents()


def make_model_file(elements: int, path: Path) -> Path:
    """The saved model both parts open: ``elements`` components (``gen_synthetic.py``),
    laid out in a grid, the default risk settings, threats recorded as after a first
    analysis. Made by the version on ``sys.path``."""
    import workbench

    sys.path.insert(0, str(Path(workbench.__file__).resolve().parent.parent / "benchmarks"))
    from gen_synthetic import synthetic_model

    from workbench.analysis.rules import suggest_threats
    from workbench.model.defaults import default_risk_settings
    from workbench.model.io import save_model

    model = synthetic_model(elements)
    model = model.model_copy(update={"layout": grid_layout(model),
                                     "risk": default_risk_settings()})
    save_model(suggest_threats(model), path)
    return path


def _child(elements: int, edits_n: int, limit: float) -> dict:
    """Measure in this process (the workbench on ``sys.path`` is the version measured)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from window_cold_child import render_view  # same folder

    from workbench.gui.app import make_app
    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery
    from workbench.model import edits

    app, _ = make_app("en")
    tmp = Path(tempfile.mkdtemp())
    path = make_model_file(elements, tmp / "group.twm.json")
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(None, settings=settings, recovery=Recovery(tmp / "r"), analysis="async",
                     offer_recovery=False)
    win.resize(1600, 1000)
    win.show()
    settle(app, win, limit)

    def paint() -> None:
        render_view(win)

    def wait_analysis(previous) -> float:
        deadline = time.perf_counter() + limit
        while win.analysis is previous or win.analysis is None:
            app.processEvents()
            time.sleep(0.002)
            if time.perf_counter() > deadline:
                raise TimeoutError("analysis not shown before the limit")
        paint()
        return time.perf_counter()

    t0, c0 = time.perf_counter(), time.process_time()
    assert win.open_path_quiet(str(path)), win.last_error
    app.processEvents()
    paint()
    t_open = time.perf_counter()
    t_done = wait_analysis(None)
    cpu_done = time.process_time() - c0
    threats = len(win.analysis.result.threats)
    devices = [c.id for c in win.doc.model.components if "-d" in c.id]
    screen, background, background_cpu = [], [], []
    for i in range(edits_n):
        target = devices[(i * 7919) % len(devices)]
        status = "unsupported" if i % 2 == 0 else "current"
        previous = win.analysis
        t1, c1 = time.perf_counter(), time.process_time()
        win.doc.apply("patch status", edits.update_component, target,
                      {"properties": {"patch_status": status}})
        app.processEvents()
        paint()
        screen.append(time.perf_counter() - t1)
        background.append(wait_analysis(previous) - t1)
        background_cpu.append(time.process_time() - c1)
    t_save = time.perf_counter()
    win.autosave()  # the edited model to the recovery file, as the quiet-period timer does
    autosave = time.perf_counter() - t_save
    saves = []  # one save swings by half (session 12): the median of three
    for _ in range(3):
        t_save = time.perf_counter()
        assert win.save()
        saves.append(time.perf_counter() - t_save)
    win.doc.undo_stack.setClean()
    win.close()
    return {"components": len(win.doc.model.components), "flows": len(win.doc.model.flows),
            "threats": threats, "open": t_open - t0, "analysed": t_done - t0,
            "analysed_cpu": cpu_done, "edit_analysed_cpu": statistics.median(background_cpu),
            "edit_screen": statistics.median(screen),
            "edit_analysed": statistics.median(background), "autosave": autosave,
            "save": statistics.median(saves), "saves": len(saves)}


#: The offscreen screen of the cold runs: a common desktop monitor (the window takes 90 %
#: of it at its first start, 1728 x 972, as on a user's first ``workbench FILE``).
COLD_SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080,
                            "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}
#: The cold runs' stages: (column, from mark, to mark) of ``window_cold_child.py``'s marks.
COLD_STAGES = (("python", "spawn", "main"), ("imports", "main", "imported"),
               ("window", "imported", "window_built"), ("painted", "window_built", "painted"),
               ("analysed", "painted", "analysed"), ("total", "spawn", "analysed"))


def _cold_env(where: str, home: Path) -> dict[str, str]:
    """A user's first start: the version on PYTHONPATH, a home of its own (no settings,
    no recovery file), the offscreen screen of :data:`COLD_SCREEN`."""
    env = dict(os.environ, PYTHONPATH=where,
               QT_QPA_PLATFORM=f"offscreen:configfile={home / 'screen.json'}")
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                      ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        env[name] = str(home / sub)
    return env


def cold_run(env: dict[str, str], model: Path, limit: float, cwd: str,
             close: bool = False) -> dict:
    """One ``workbench FILE`` in a process of its own, its marks made relative to the spawn
    (``time.monotonic`` read here just before the process starts); ``close``: the window
    closed afterwards as a user closes it (its layout saved for the next start)."""
    spawn = time.monotonic()
    proc = subprocess.run([sys.executable, str(HERE / "window_cold_child.py"), str(model),
                           *(["--close"] if close else [])],
                          env=env, capture_output=True, text=True, cwd=cwd, timeout=limit)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("COLD ")]
    if not lines:
        raise RuntimeError(f"no analysis shown: {proc.stdout[-300:]} {proc.stderr[-300:]}")
    r = json.loads(lines[-1].removeprefix("COLD "))
    marks, cpu = dict(r.pop("marks"), spawn=spawn), dict(r.pop("cpu_marks"), spawn=0.0)
    r.update({name: marks[end] - marks[start] for name, start, end in COLD_STAGES})
    r.update({f"{name} cpu": cpu[end] - cpu[start] for name, start, end in COLD_STAGES})
    return r


def run_cold(versions: list[tuple[str, str]], args, tmp: Path) -> None:
    """``workbench FILE`` from process start to the analysis on screen, ``--cold`` runs per
    version, alternately, after one unmeasured run each that closes its window: the
    measured runs are a returning user's (the window's layout restored from the last
    close, the page cache warm, no byte code compiled: :func:`compiled_copy`). A first
    start ever also settles its docks after the first paint and paints the canvas twice.
    """
    model = tmp / "cold-group.twm.json"
    subprocess.run([sys.executable, str(HERE / "bench_window_scale.py"), "--make-model",
                    str(model), "--elements", str(args.elements)],
                   env=dict(os.environ, PYTHONPATH=versions[0][1]), check=True, cwd=tmp)
    envs = {}
    for i, (label, where) in enumerate(versions):
        home = tmp / f"home-{i}"
        home.mkdir(exist_ok=True)
        (home / "screen.json").write_text(json.dumps(COLD_SCREEN))
        envs[label] = _cold_env(where, home)
    print(f"\ncold: `workbench FILE` in a new process, from its spawn to the analysis shown "
          f"(load {os.getloadavg()[0]:.1f}); seconds per stage")
    print(f"{'version':<17} " + " ".join(f"{name:>8}" for name, _, _ in COLD_STAGES)
          + f" {'cpu s':>6} {'probe':>6} {'peak MB':>8}")
    for label, _ in versions:  # one unmeasured first start each, its window closed
        cold_run(envs[label], model, args.limit, str(tmp), close=True)
    runs: dict[str, list[dict]] = {label: [] for label, _ in versions}
    for _ in range(args.cold):
        for label, _ in versions:
            r = cold_run(envs[label], model, args.limit, str(tmp))
            runs[label].append(r)
            print(f"{label:<17} " + " ".join(f"{r[name]:>8.2f}" for name, _, _ in COLD_STAGES)
                  + f" {r['cpu']:>6.2f} {r['children_cpu']:>6.2f} {r['peak_mb']:>8.0f}",
                  flush=True)
    print("medians (wall, then the process's CPU seconds per stage):")
    for label, rs in runs.items():
        for kind, suffix in (("wall", ""), ("cpu", " cpu")):
            print(f"{label[:12] + ' ' + kind:<17} " + " ".join(
                f"{statistics.median(r[name + suffix] for r in rs):>8.2f}"
                for name, _, _ in COLD_STAGES))
    print("cpu s: the window's process (both threads); probe: its window check's child "
          "(a QGuiApplication in a second process, on the other core when one is free)")


def run_settled(versions: list[tuple[str, str]], args, tmp: str) -> None:
    """File > Open in a window shown and settled, an edit, the saves: one process per
    version (:func:`_child`)."""
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} cores; load "
          f"{os.getloadavg()[0]:.1f}; {args.elements} elements; each version in its own "
          f"process, one after the other")
    print(f"{'version':<17} {'threats':>7} {'open s':>7} {'open+analyse s':>15} "
          f"{'edit->screen ms':>16} {'edit->analysed s':>17} {'autosave s':>11} "
          f"{'save s':>7} {'o+a cpu':>8} {'edit cpu':>9}")
    saves_of: list[str] = []
    for label, where in versions:
        env = dict(os.environ, PYTHONPATH=where, QT_QPA_PLATFORM="offscreen")
        proc = subprocess.run(
            [sys.executable, str(HERE / "bench_window_scale.py"), "--child",
             "--elements", str(args.elements), "--edits", str(args.edits),
             "--limit", str(args.limit)],
            env=env, capture_output=True, text=True, cwd=tmp)
        if proc.returncode != 0:
            print(f"{label:<17} failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{label:<17} {r['threats']:>7} {r['open']:>7.2f} {r['analysed']:>15.2f} "
              f"{r['edit_screen'] * 1000:>16.0f} {r['edit_analysed']:>17.2f} "
              f"{r.get('autosave', float('nan')):>11.2f} {r['save']:>7.2f} "
              f"{r['analysed_cpu']:>8.2f} {r['edit_analysed_cpu']:>9.2f}", flush=True)
        saves_of.append(f"{label}: {r.get('saves', 1)}")
    print("save s: Ctrl+S on the window's thread, the median of each version's saves ("
          + ", ".join(saves_of) + ")")
    print("open: the file opened in a window already shown and settled (File > Open; "
          "`workbench FILE` also pays the analysis engine's import in its first run)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="git revision to compare ('' for none)")
    parser.add_argument("--limit", type=float, default=300.0,
                        help="seconds to wait for one analysis")
    parser.add_argument("--cold", type=int, default=3,
                        help="runs of `workbench FILE` per version (0: none)")
    parser.add_argument("--no-settled", action="store_true",
                        help="only the cold runs (no File > Open in a settled window)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make-model", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.elements, args.edits, args.limit)))
        return 0
    if args.make_model:
        make_model_file(args.elements, Path(args.make_model))
        return 0
    sys.path.insert(0, str(HERE))
    from bench_cli_analyze import unpack

    with tempfile.TemporaryDirectory() as tmp:
        versions = [("current", str(compiled_copy(ROOT, Path(tmp) / "current")))]
        if args.baseline:
            base = unpack(args.baseline, Path(tmp))
            versions.append((f"baseline {args.baseline}", str(compiled_copy(base, base))))
        if not args.no_settled:
            run_settled(versions, args, tmp)
        if args.cold > 0:
            run_cold(versions, args, Path(tmp))
        print("goals: open + analyse under 2 s; edit on screen under 300 ms "
              f"(load now {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
