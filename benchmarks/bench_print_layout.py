"""Benchmark: how large the board's architecture page prints each sample model.

The print layout (:mod:`workbench.report.printlayout`) may reflow the authored layout to fill
an A4 page; the baseline is the authored layout itself, printed as drawn. For each sample it
prints the scale on the better of the two A4 frames (portrait, landscape, minus the room the
board page keeps for its heading and caption), the printed size of an element's name in
points (the scene draws it at ``NAME_SIZE`` units), and the time to choose the layout.

    .venv/bin/python benchmarks/bench_print_layout.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.model.io import load_model  # noqa: E402
from workbench.report.document import ReportDoc  # noqa: E402
from workbench.report.printlayout import authored_fit, best_layout  # noqa: E402
from workbench.report.scene import NAME_SIZE  # noqa: E402

RESERVE = 60.0  # what the board's architecture page keeps for heading and caption


def main() -> int:
    pages = [(w, h - RESERVE) for w, h in (ReportDoc.frame_size("portrait"),
                                           ReportDoc.frame_size("landscape"))]
    print(f"{'sample':<36} {'authored':>9} {'printed':>8} {'gain':>6} {'name pt':>8} {'ms':>6}")
    for path in sorted((ROOT / "sample-models").glob("*.twm.json")):
        model = load_model(path)
        authored = max(authored_fit(model).scale(p) for p in pages)
        start = time.perf_counter()
        fit, page = best_layout(model, pages)
        elapsed = (time.perf_counter() - start) * 1000
        scale = fit.scale(pages[page])
        print(f"{path.stem:<36} {authored:>9.3f} {scale:>8.3f} {scale / authored - 1:>6.0%} "
              f"{NAME_SIZE * scale:>8.1f} {elapsed:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
