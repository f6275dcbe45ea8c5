"""Workshop edits on a big model: one vote as an undoable edit, against the naive baseline.

The GUI pushes every vote as a new model version (``workbench.gui.workshop.edits.vote``),
copying only the session it touches; the naive way deep-copies the whole model per vote.
Prints medians over ``--runs`` on the synthetic hospital estate (no Qt needed).

    .venv/bin/python benchmarks/bench_workshop.py [--elements 2000] [--runs 20] [--gui]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_synthetic import synthetic_model  # noqa: E402

from workbench.analysis.rules import suggest_threats  # noqa: E402
from workbench.gui.workshop import edits as ws  # noqa: E402
from workbench.workshop import cast_vote  # noqa: E402


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--gui", action="store_true", help="also time a vote in the dock")
    args = parser.parse_args(argv)
    model = synthetic_model(args.elements)
    start = time.perf_counter()
    merged = suggest_threats(model)
    suggest_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    model, sid = ws.start_session(model, "bench", ["Ann", "Bob", "Chloé", "Dev"],
                                  suggestions=merged)
    start_ms = (time.perf_counter() - start) * 1000
    items = len(ws.session_of(model, sid).items)

    def ours() -> None:
        ws.vote(model, sid, 0, "Ann", likelihood=3, impact={"patient_safety": 4})

    def naive() -> None:
        copy = model.model_copy(deep=True)
        cast_vote(ws.session_of(copy, sid).items[0], "Ann", 3, {"patient_safety": 4})

    print(f"model: {len(model.components)} components, {len(model.flows)} flows, "
          f"{len(model.threats)} threats; session of {items} items")
    print(f"suggest_threats: {suggest_ms:.0f} ms; start_session: {start_ms:.0f} ms")
    a = _median_ms(ours, args.runs)
    b = _median_ms(naive, max(3, args.runs // 4))
    print(f"one vote, session copy (GUI edit): median {a:.1f} ms")
    print(f"one vote, whole-model deep copy (naive): median {b:.1f} ms ({b / a:.0f}x slower)")
    if args.gui:
        gui_vote(model, sid, args.runs)
    return 0


def gui_vote(model, sid: str, runs: int) -> None:
    """Typing a vote in the real dock: edit, undo command, canvas diff, table refresh."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery
    from workbench.gui.workshop import workshop_panel

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="bench-workshop-"))  # never the user's files
    window = MainWindow(settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat),
                        recovery=Recovery(tmp / "recovery"), analysis="off",
                        offer_recovery=False)
    window._show(model, None)
    panel = workshop_panel(window)
    panel.open_session(sid)
    values = iter(range(10**6))

    def vote() -> None:
        cell = panel.votes.item(0, 0)
        cell.setText(str(1 + next(values) % 4))  # what committing a typed cell does
        app.processEvents()

    print(f"one vote typed in the dock, {len(model.components)} components: "
          f"median {_median_ms(vote, runs):.1f} ms")
    window.doc.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
