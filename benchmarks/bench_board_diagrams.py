"""Benchmark: the board's two diagram scenes (architecture, attack paths) per sample.

Prints, per sample and language, the CPU seconds to build both scenes as the board does
(layout choice, text floor at 7 pt, flow routing, labels; best of ``--runs``), how many
lines run through a zone title, how many flow labels print, and how many flows bend.
``--root`` runs the same measurement on another checkout (the baseline, e.g. main before
a change), so both columns come from one script:

    .venv/bin/python benchmarks/bench_board_diagrams.py [--runs 3] [--root /work/main]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def measure(root: Path, runs: int) -> None:
    sys.path.insert(0, str(root))
    from workbench.model.geometry import clip_segment
    from workbench.model.io import load_model
    from workbench.report.board import TOP_PATHS, diagram_reserve
    from workbench.report.data import gather
    from workbench.report.document import ReportDoc, language, make_styles
    from workbench.report.fonts import register_fonts, text_width
    from workbench.report.scene import Label, Line, Shape, build_scene
    from workbench.report.sections import diagram_orientation

    register_fonts()

    def scenes(data, lang):
        with language(lang):
            reserve = diagram_reserve(data, make_styles(cell_size=8.0), lang)
        width, height = ReportDoc.frame_size(diagram_orientation(data, lang, reserve=reserve))
        page = (width, height - reserve)
        levels = data.element_levels()
        paths = [ap.path for ap in data.top_paths(TOP_PATHS)]
        return (build_scene(data.model, lang=lang, element_levels=levels, pages=[page]),
                build_scene(data.model, lang=lang, element_levels=levels, paths=paths,
                            pages=[page], dim_context=True))

    def title_box(label):
        return (label.x, label.y - 0.8 * label.size,
                text_width(label.text, label.size, bold=label.bold), label.size)

    def hits(points, box):
        x, y, w, h = box
        return any(clip_segment(p, q, (x + 1, y + 1, w - 2, h - 2)) is not None
                   for p, q in zip(points, points[1:], strict=False))

    print(f"root {root}")
    print(f"{'sample':<36} {'lang':>4} {'CPU s':>6} {'title x':>7} {'labels':>6} "
          f"{'bent':>5}")
    total = 0.0
    for path in sorted((root / "sample-models").glob("*.twm.json")):
        data = gather(load_model(path), recommend=False)
        for lang in ("en", "fr"):
            best = float("inf")
            for _ in range(runs):
                start = time.process_time()
                plain, with_paths = scenes(data, lang)
                best = min(best, time.process_time() - start)
            total += best
            crossed = 0
            for scene in (plain, with_paths):
                titles = [title_box(i) for i in scene.items
                          if isinstance(i, Label) and i.role == "zone"]
                lines = [i.points for i in scene.items
                         if isinstance(i, Line) and i.role in ("flow", "path")]
                crossed += sum(hits(points, box) for box in titles for points in lines)
            labels = sum(1 for s in plain.items if isinstance(s, Shape)
                         and s.role == "flow_label")
            bent = sum(1 for i in plain.items if isinstance(i, Line) and i.role == "flow"
                       and len(i.points) > 2)
            print(f"{path.stem:<36} {lang:>4} {best:>6.2f} {crossed:>7} {labels:>6} "
                  f"{bent:>5}", flush=True)
    print(f"{'total':<36} {'':>4} {total:>6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    measure(args.root.resolve(), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
