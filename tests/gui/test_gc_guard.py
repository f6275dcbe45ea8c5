"""Garbage with Qt objects is collected on the GUI thread, never in a worker."""

from __future__ import annotations

import gc

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
