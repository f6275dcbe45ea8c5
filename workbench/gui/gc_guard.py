"""Python's cyclic garbage collector, run on the GUI thread only.

CPython starts a collection in whichever thread happens to allocate past the threshold.
When that is a worker thread (the analysis, a report, an import) and the garbage holds Qt
objects (an old scene's items, a closed dialog), their C++ destructors run off the GUI
thread and Qt crashes (seen as a rare segfault while a report was built, "Garbage-
collecting" in the worker's stack). The known cure for PySide and PyQt programs: switch the
automatic collector off and collect from a timer on the GUI thread, with the same
generation thresholds. Reference counting still frees everything else at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the allocation counts (cheap when nothing is due).
INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Owns the timer; collects the generations whose thresholds are passed."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect what is due, like the automatic collector would; returns the generation
        collected, or -1."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for index in range(3):
            if counts[index] > thresholds[index]:
                generation = index
        if generation >= 0:
            gc.collect(generation)
        return generation


def install(app: QObject) -> MainThreadCollector:
    """Once per application: the collector lives as long as ``app``."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
