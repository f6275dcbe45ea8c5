"""Python's cyclic garbage collector, run on the GUI thread only.

CPython starts a collection in whichever thread happens to allocate past the threshold.
When that is a worker thread (the analysis, a report, an import) and the garbage holds Qt
objects (an old scene's items, a closed dialog), their C++ destructors run off the GUI
thread and Qt crashes (seen as a rare segfault while a report was built, "Garbage-
collecting" in the worker's stack). The known cure for PySide and PyQt programs: switch the
automatic collector off and collect from a timer on the GUI thread, with the same
generation thresholds. Reference counting still frees everything else at once.

A full collection (generation 2) rescans every object the program holds: with a
2,000-element model and its analysis open that is about a second on the GUI thread, a
visible freeze in the middle of an edit. So when generation 2 falls due, the survivors are
frozen (``gc.freeze``: never scanned again) instead of rescanned, and a real full
collection runs only when the frozen set has doubled since the last one: pauses become
geometrically rare, and cyclic garbage among frozen objects (rare: models and analyses are
freed by reference counting) waits at most until the next doubling.

While an analysis runs in the worker thread, and from a model's opening to its first
analysis, the collector holds off (:meth:`hold`): a collection then only rescans the model
and canvas just built or the objects the analysis is making (it makes no reference cycles,
and pauses the collector itself: ``analysis.attack.engine._gc_paused``, as the CLI does),
and holds the interpreter the worker needs, so the result reached the panels later
(``benchmarks/bench_window_scale.py``). When the last holder lets go, what was made
meanwhile (the analysis the panels now show, for the most part) is frozen as generation 2's
survivors are, not scanned: collecting it then cost the next edit a pause of its own. Cyclic
garbage made during the run (the analysis makes none) waits for the next full collection.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the allocation counts (cheap when nothing is due).
INTERVAL_MS = 500
#: Below this many frozen objects a full collection is cheap (a few ms): no need to wait.
MIN_FROZEN = 200_000


class MainThreadCollector(QObject):
    """Owns the timer; collects the generations whose thresholds are passed."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        #: Frozen objects after the last real full collection (a floor for a small program).
        self.frozen_after_full = max(gc.get_freeze_count(), MIN_FROZEN)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        #: who holds the collector off (an analysis running): nothing is collected meanwhile
        self.holders: set[int] = set()

    def hold(self, holder: int, on: bool) -> None:
        """``holder`` (an id) holds collections off while ``on``; each releases its own.
        When the last one lets go, what was made meanwhile is frozen (module docstring)."""
        if on:
            self.holders.add(holder)
        elif holder in self.holders:
            self.holders.discard(holder)
            if not self.holders:
                gc.freeze()

    def check(self) -> int:
        """Collect what is due, like the automatic collector would; returns the generation
        collected, or -1 (also while held off: :meth:`hold`)."""
        if self.holders:
            return -1
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for index in range(3):
            if counts[index] > thresholds[index]:
                generation = index
        if generation == 2:
            self.collect_old()
        elif generation >= 0:
            gc.collect(generation)
        return generation

    def collect_old(self) -> None:
        """Generation 2 is due: collect the young generations and freeze the survivors, or,
        once the frozen set has doubled, thaw it and collect everything (see the module
        docstring)."""
        gc.collect(1)
        gc.freeze()
        if gc.get_freeze_count() > 2 * self.frozen_after_full:
            gc.unfreeze()
            gc.collect(2)
            gc.freeze()
            self.frozen_after_full = max(gc.get_freeze_count(), MIN_FROZEN)


def installed(app: QObject | None) -> MainThreadCollector | None:
    """The collector :func:`install` gave ``app``, if any (tests may run without one)."""
    return app.findChild(MainThreadCollector) if app is not None else None


def install(app: QObject) -> MainThreadCollector:
    """Once per application: the collector lives as long as ``app``."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
