"""Benchmark: how large the board's architecture page prints each sample model.

The print layout (:mod:`workbench.report.printlayout`) may reflow the authored layout to fill
an A4 page; the baseline is the authored layout itself, printed as drawn. For each sample it
prints the scale on the better of the two A4 frames (portrait, landscape, minus the room the
board page keeps for its heading and caption), whether every element name fits its box at
7 pt there, the size names print at (7 pt at least: the scene raises text to that floor),
and the time to choose the layout (with the name check, as the report does).

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
from workbench.report.scene import MIN_PT, NAME_SIZE, SCENE_SHARE, _names_fit  # noqa: E402

RESERVE = 85.0 + 34.0  # the board's diagram pages: path lines or caption, and the heading


def main() -> int:
    pages = [(w, h - RESERVE) for w, h in (ReportDoc.frame_size("portrait"),
                                           ReportDoc.frame_size("landscape"))]
    print(f"{'sample':<36} {'authored':>9} {'printed':>8} {'gain':>6} {'fit':>5} "
          f"{'name pt':>8} {'ms':>6}")
    for path in sorted((ROOT / "sample-models").glob("*.twm.json")):
        model = load_model(path)
        authored = max(authored_fit(model).scale(p) for p in pages)
        start = time.perf_counter()
        fit, page = best_layout(model, pages, _names_fit(model, "en"))
        elapsed = (time.perf_counter() - start) * 1000
        scale = fit.scale(pages[page])
        name_pt = max(NAME_SIZE * scale * SCENE_SHARE, MIN_PT)
        print(f"{path.stem:<36} {authored:>9.3f} {scale:>8.3f} {scale / authored - 1:>6.0%} "
              f"{'yes' if fit.names_fit else 'no':>5} {name_pt:>8.1f} {elapsed:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
