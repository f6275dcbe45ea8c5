"""When the window's analysis starts: a model just opened at its canvas's first paint, an
edit after the edits' delay (``ANALYSIS_DELAY_MS``, which coalesces a burst of edits)."""

from __future__ import annotations

from workbench.gui.main_window import ANALYSIS_DELAY_MS
from workbench.model import edits

LONG_DELAY_MS = 60_000


def _settled(qtbot, window) -> None:
    """The start-up analysis shown; then the edits' delay made long, so that only the
    first paint can start a run within a test."""
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=20_000)
    window.runner.wait(20_000)
    qtbot.wait(20)
    window._analysis_timer.setInterval(LONG_DELAY_MS)


def _run_starts(window) -> list:
    """The models the worker starts analysing, in order (filled as runs start)."""
    started: list = []
    window.runner.busy.connect(lambda busy: busy and started.append(window.doc.model))
    return started


def test_an_opened_model_is_analysed_once_its_canvas_is_painted(qtbot, make_window,
                                                                 tiny_path):
    window = make_window(None, analysis="async")
    _settled(qtbot, window)
    started = _run_starts(window)
    assert window.open_path_quiet(str(tiny_path))
    assert window._analysis_timer.isActive() and not started  # not inside the open
    window.view.viewport().repaint()  # the canvas's first paint...
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    assert not window._analysis_timer.isActive()  # ...started it, once
    assert started == [window.doc.model]
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=20_000)
    window.view.viewport().repaint()  # later paints start nothing
    qtbot.wait(50)
    assert started == [window.doc.model]


def test_an_edit_still_waits_for_the_delay_though_the_canvas_repaints(qtbot, make_window,
                                                                      tiny_path):
    window = make_window(tiny_path, analysis="async")
    _settled(qtbot, window)
    started = _run_starts(window)
    device = window.doc.model.components[0].id
    window.doc.apply("rename", edits.update_component, device, {"name": "renamed"})
    window.view.viewport().repaint()
    qtbot.wait(200)
    assert window._analysis_timer.isActive() and not started
    window._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
    window._analysis_timer.start()  # the delay as shipped: then it runs
    qtbot.waitUntil(lambda: bool(started), timeout=20_000)
    assert started == [window.doc.model]


def test_a_stopped_analysis_stays_stopped_after_the_first_paint(qtbot, make_window,
                                                                tiny_path):
    window = make_window(None, analysis="async")
    _settled(qtbot, window)
    started = _run_starts(window)
    assert window.open_path_quiet(str(tiny_path))
    window._analysis_timer.stop()  # as tests and callers that run it themselves do
    window.view.viewport().repaint()
    qtbot.wait(200)
    assert not started


def test_a_run_due_before_the_first_paint_waits_for_it(qtbot, make_window, tiny_path):
    """The edits' delay ends before the canvas of the model just opened is painted (a
    loaded machine, or ``workbench FILE``, which opens in the constructor): the run still
    waits for the first paint, the timer armed again meanwhile."""
    window = make_window(None, analysis="async")
    _settled(qtbot, window)
    window._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
    started = _run_starts(window)
    viewport = window.view.viewport()
    viewport.setUpdatesEnabled(False)  # no paint yet
    assert window.open_path_quiet(str(tiny_path))
    qtbot.wait(3 * ANALYSIS_DELAY_MS)
    assert not started and window._analysis_timer.isActive()
    viewport.setUpdatesEnabled(True)
    viewport.repaint()
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    assert started == [window.doc.model]


def test_a_shown_window_never_painted_still_analyses(qtbot, make_window, tiny_path,
                                                     monkeypatch):
    from workbench.gui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAINT_WAIT_MS", 4 * ANALYSIS_DELAY_MS)
    window = make_window(None, analysis="async")
    _settled(qtbot, window)
    window._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
    started = _run_starts(window)
    window.view.viewport().setUpdatesEnabled(False)
    assert window.open_path_quiet(str(tiny_path))
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    assert started == [window.doc.model]
    window.view.viewport().setUpdatesEnabled(True)


def test_a_stopped_run_stays_stopped_while_the_first_paint_is_awaited(qtbot, make_window,
                                                                     tiny_path):
    window = make_window(None, analysis="async")
    _settled(qtbot, window)
    window._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
    started = _run_starts(window)
    viewport = window.view.viewport()
    viewport.setUpdatesEnabled(False)
    assert window.open_path_quiet(str(tiny_path))
    qtbot.wait(2 * ANALYSIS_DELAY_MS)
    window._analysis_timer.stop()
    viewport.setUpdatesEnabled(True)
    viewport.repaint()
    qtbot.wait(200)
    assert not started
