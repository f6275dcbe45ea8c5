"""Benchmark: the technical report of a generated large model, this tree against an older one.

The technical report of a 1,000-element hospital group holds about 13,000 register rows.
This times ``render_pdf(data, "technical", "en")`` only (the analysis is gathered first and
not timed), in separate processes: this tree, and ``git archive REV`` of a baseline
revision on PYTHONPATH, on the same model file, alternating so a loaded machine slows both
alike. It prints each run's seconds, rows and pages, then the medians and the ratio.

    .venv/bin/python benchmarks/bench_technical_report.py [--elements 1000] [--runs 2]
        [--baseline REV]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from bench_cli_analyze import unpack  # noqa: E402  (git archive REV, unpacked)

#: Session 4's starting point: the register drawn with reportlab's text objects.
DEFAULT_BASELINE = "b88ca90"

CHILD = """
import io, sys, time
from pypdf import PdfReader
from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.pdf import render_pdf
data = gather(load_model(sys.argv[1]), recommend=False)
start = time.perf_counter()
pdf = render_pdf(data, "technical", "en")
elapsed = time.perf_counter() - start
print(f"{elapsed:.2f} {len(data.risks)} {len(PdfReader(io.BytesIO(pdf)).pages)} {len(pdf)}")
"""


def run(python: str, path: Path, pythonpath: Path) -> tuple[float, int, int, int]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    out = subprocess.run([python, "-c", CHILD, str(path)], env=env, capture_output=True,
                         text=True, check=True, cwd=tempfile.gettempdir()).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare")
    args = parser.parse_args(argv)

    from gen_synthetic import synthetic_model

    from workbench.model import save_model

    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "group.twm.json"
        save_model(synthetic_model(args.elements), model)
        base = unpack(args.baseline, Path(tmp))
        versions = [(f"baseline {args.baseline}", base), ("this tree", ROOT)]
        times: dict[str, list[float]] = {label: [] for label, _ in versions}
        print(f"technical report (en) of a generated {args.elements}-element model; "
              "render only, analysis gathered first")
        for number in range(1, args.runs + 1):
            for label, where in versions:
                seconds, rows, pages, size = run(sys.executable, model, where)
                times[label].append(seconds)
                print(f"run {number}  {label:<18} {seconds:7.2f} s  {rows:6d} rows  "
                      f"{pages:5d} pages  {size / 1024:7.0f} KiB")
        old = statistics.median(times[versions[0][0]])
        new = statistics.median(times[versions[1][0]])
        print(f"median: baseline {old:.2f} s, this tree {new:.2f} s: {old / new:.1f}x faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
