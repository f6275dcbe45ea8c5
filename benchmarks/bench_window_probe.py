"""Benchmark: what asking "can Qt open a window?" adds to the start of `workbench FILE`.

Before creating its QApplication, `workbench FILE` checks that Qt can open a window
(workbench/cli/qt_check.py): the xcb plugin is loaded in-process, then a child process
creates a QGuiApplication, because Qt aborts the whole process when it cannot. The child
starts first and the parent imports the window's modules meanwhile (cli/cmd_open.py).

Measured in fresh processes, same run: imports of the window's modules + QApplication,
(1) without any check (the baseline: what the window pays anyway), (2) with the check
overlapped as cmd_open does, (3) with the check run first, then the imports (serial).
Needs a display: run it under `xvfb-run -a`.

    xvfb-run -a .venv/bin/python benchmarks/bench_window_probe.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.cli.qt_check import window_problem  # noqa: E402

IMPORTS = "import workbench.gui.main_window; from workbench.gui.app import make_app\n"
APP = "app, _ = make_app('en')\n"
CHECK = "from workbench.cli.qt_check import start_window_check\ncheck = start_window_check()\n"
CASES = {
    "no check (baseline)": IMPORTS + APP,
    "check overlapped (cmd_open)": CHECK + IMPORTS + "assert check.result() is None\n" + APP,
    "check first, then imports": CHECK + "assert check.result() is None\n" + IMPORTS + APP,
}


def run_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = window_problem()
    if problem is not None:
        print(f"no window here ({problem.message()}): run under xvfb-run -a")
        return 1
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):  # interleaved, so that load changes hit every case alike
        for name, code in CASES.items():
            times[name].append(run_once(code))
    print(f"fresh process, imports + QApplication; {args.runs} runs each, median (min-max)")
    for name, values in times.items():
        print(f"  {name:30s} {statistics.median(values):.2f} s "
              f"({min(values):.2f}-{max(values):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
