"""Garbage with Qt objects is collected on the GUI thread, never in a worker."""

from __future__ import annotations

import gc
from contextlib import contextmanager

from workbench.gui.gc_guard import MainThreadCollector, install


def test_the_program_collects_from_the_gui_thread_not_automatically(qapp):
    was_enabled = gc.isenabled()
    try:
        collector = install(qapp)
        assert install(qapp) is collector  # once per application
        assert not gc.isenabled() and collector.timer.isActive()
        threshold = gc.get_threshold()[0]
        junk = []
        for _ in range(threshold + 10):  # allocations past generation 0's threshold
            cycle: list = []
            cycle.append(cycle)
            junk.append(cycle)
        del junk
        assert collector.check() >= 0  # due: collected here
        assert collector.check() == -1  # nothing due any more
    finally:
        qapp.findChild(MainThreadCollector).deleteLater()
        if was_enabled:
            gc.enable()


def test_old_objects_are_frozen_not_rescanned_and_new_garbage_is_still_collected(qapp):
    """When generation 2 falls due the survivors are frozen (a full rescan of a large open
    model froze the window for a second); garbage made afterwards is still collected."""
    import weakref

    was_enabled = gc.isenabled()
    gc.unfreeze()
    try:
        collector = install(qapp)
        collector.collect_old()
        assert gc.get_freeze_count() > 0  # survivors frozen

        class Node:
            pass

        cycle = Node()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        collector.check()
        gc.collect(1)  # what the timer does once generation 0 and 1 fall due
        assert alive() is None
    finally:
        gc.unfreeze()
        qapp.findChild(MainThreadCollector).deleteLater()
        if was_enabled:
            gc.enable()


def test_nothing_is_collected_while_an_analysis_holds_the_collector_off(qapp):
    """While the worker analyses, the GUI thread does not collect (it would rescan what the
    analysis makes and hold the interpreter the worker needs); afterwards it does."""
    was_enabled = gc.isenabled()
    _drop_earlier_collectors(qapp)
    gc.unfreeze()
    try:
        collector = install(qapp)
        collector.hold(1, True)
        junk = []
        for _ in range(gc.get_threshold()[0] + 10):
            cycle: list = []
            cycle.append(cycle)
            junk.append(cycle)
        del junk
        assert collector.check() == -1  # held off
        collector.hold(2, True)
        collector.hold(1, False)
        assert collector.check() == -1  # another holder still holds
        collector.hold(2, False)
        # what was made meanwhile is frozen, not scanned; new garbage is collected again
        assert gc.get_freeze_count() > 0 and gc.get_count()[0] < gc.get_threshold()[0]
        more = []
        for _ in range(gc.get_threshold()[0] + 10):
            cycle = []
            cycle.append(cycle)
            more.append(cycle)
        del more
        assert collector.check() >= 0
    finally:
        gc.unfreeze()
        qapp.findChild(MainThreadCollector).deleteLater()
        if was_enabled:
            gc.enable()


@contextmanager
def _window_with_collector(qtbot, qapp, tmp_path):
    """A window with an asynchronous runner and a fresh collector; the collector's and
    the freezer's state are restored afterwards."""
    from PySide6.QtCore import QSettings

    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery

    was_enabled = gc.isenabled()
    _drop_earlier_collectors(qapp)
    gc.unfreeze()
    try:
        collector = install(qapp)
        window = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"),
                                                     QSettings.Format.IniFormat),
                            recovery=Recovery(tmp_path / "r"), analysis="async",
                            offer_recovery=False)
        qtbot.addWidget(window)
        yield window, collector
    finally:
        gc.unfreeze()
        qapp.findChild(MainThreadCollector).deleteLater()
        if was_enabled:
            gc.enable()


def test_a_window_holds_the_collector_off_while_its_analysis_runs(qtbot, qapp, tmp_path):
    with _window_with_collector(qtbot, qapp, tmp_path) as (window, collector):
        window._analysis_timer.stop()
        with qtbot.waitSignal(window.runner.finished, timeout=20_000):
            window.run_analysis()
            assert collector.holders  # held while the run is on
        qtbot.waitUntil(lambda: not collector.holders)  # released once the result is shown
        window.run_analysis()
        window.runner.cancel()  # a cancelled run releases too
        qtbot.waitUntil(lambda: not collector.holders)
        window.runner.wait(20_000)


def _drop_earlier_collectors(qapp) -> None:
    """Earlier tests' collectors are deleted later: delete them now, or install() finds one."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert qapp.findChild(MainThreadCollector) is None


def test_an_opened_model_holds_the_collector_off_until_its_analysis_is_shown(
        qtbot, qapp, tmp_path, tiny_path):
    """The model and canvas just built are not rescanned by a collection before the
    analysis starts: they are frozen with the analysis once it is shown."""
    with _window_with_collector(qtbot, qapp, tmp_path) as (window, collector):
        qtbot.waitUntil(lambda: window.analysis is not None, timeout=20_000)  # blank model
        qtbot.waitUntil(lambda: not collector.holders)
        assert window.open_path_quiet(str(tiny_path))
        assert collector.holders and collector.check() == -1  # held from the opening on
        qtbot.waitUntil(lambda: window.analysis is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not collector.holders)
        window.runner.wait(20_000)
