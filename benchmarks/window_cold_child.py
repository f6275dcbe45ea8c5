"""The child of ``bench_window_scale.py --cold``: ``workbench FILE`` as a user types it, timed.

    python benchmarks/window_cold_child.py FILE [--close]

Runs the program's own entry point (``workbench.cli.main.main`` with ``sys.argv`` =
``workbench FILE``: the window check's child, PySide6 and the window's imports, the
window built with the file read and its canvas, shown, painted, analysed in the worker)
and prints one JSON line when the analysis is on screen, then ends the process at once.

Only the standard library's smallest modules are imported before the program's, so the
child's start costs what ``workbench`` costs. The window is watched without changing its
code: when ``workbench.gui.main_window`` is imported, :class:`_Watch` wraps three of
``MainWindow``'s methods (the constructor, and ``_analysis_done``, the worker's result
shown in the panels) and the canvas's first paint is caught by an event filter. The times
are ``time.monotonic()`` (system-wide on Linux), which the parent read just before it
started this process: the spawn is counted.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import sys
import time

MODULE = "workbench.gui.main_window"
MARKS: dict[str, float] = {"main": time.monotonic()}
#: the process's CPU seconds (both threads) at each mark of :data:`MARKS`
CPU_MARKS: dict[str, float] = {"main": time.process_time()}
#: ``--close``: the window closed once its analysis is shown (see :func:`_report`)
CLOSE = False


def _mark(name: str) -> None:
    """Note the time and the process's CPU seconds at ``name`` (the first time only)."""
    if name not in MARKS:
        MARKS[name] = time.monotonic()
        CPU_MARKS[name] = time.process_time()


def _cpu() -> dict[str, float]:
    """This process's CPU seconds, and its waited children's (the window check's probe)."""
    t = os.times()
    return {"cpu": t.user + t.system, "children_cpu": t.children_user + t.children_system}


def _report(win) -> None:
    """The analysis is shown: print the marks and end (the teardown is not the user's
    wait); with ``--close``, close the window as a user does (its layout saved for the
    next start) and end when the program returns."""
    import resource

    _mark("analysed")
    out = {"marks": MARKS, "cpu_marks": CPU_MARKS, **_cpu(),
           "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "threats": len(win.analysis.result.threats),
           "components": len(win.doc.model.components)}
    sys.__stdout__.write("COLD " + json.dumps(out) + "\n")
    sys.__stdout__.flush()
    if CLOSE:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, win.close)
        return
    os._exit(0)


def render_view(win) -> None:
    """The canvas drawn once more, as the settled benchmark's ``paint()`` does (with this
    function) after an analysis arrives (the risk overlay and lit paths change what it shows)."""
    from PySide6.QtGui import QImage, QPainter

    viewport = win.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    win.view.render(painter)
    painter.end()


def _instrument(module) -> None:
    """Wrap the window's constructor and its analysis slot to note when each is done."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    cls = module.MainWindow

    class FirstPaint(QObject):
        """Notes the end of the canvas's first paint (a zero timer after its event)."""

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: _mark("painted"))
            return False

    init, done = cls.__init__, cls._analysis_done

    def __init__(self, *args, **kwargs):  # noqa: N807 - the wrapped constructor
        _mark("window_start")
        init(self, *args, **kwargs)
        _mark("window_built")
        self._cold_watch = FirstPaint(self)
        self.view.viewport().installEventFilter(self._cold_watch)

    def _analysis_done(self, model, analysis):
        done(self, model, analysis)
        if self.analysis is analysis:
            render_view(self)
            _report(self)

    cls.__init__ = __init__
    cls._analysis_done = _analysis_done


class _Watch(importlib.abc.MetaPathFinder):
    """Finds ``workbench.gui.main_window`` as usual and instruments it once executed."""

    def find_spec(self, name, path=None, target=None):
        if name != MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            _mark("imported")
            _instrument(module)

        spec.loader.exec_module = exec_module
        return spec


def main() -> None:
    global CLOSE
    CLOSE = "--close" in sys.argv
    sys.meta_path.insert(0, _Watch())
    sys.argv = ["workbench", sys.argv[1]]
    from workbench.cli.main import main as workbench

    code = workbench()
    if "analysed" not in MARKS:
        sys.__stdout__.write(f"COLD-FAILED the window closed with {code} before an analysis\n")
    sys.__stdout__.flush()
    os._exit(0 if "analysed" in MARKS else 1)


if __name__ == "__main__":
    main()
