"""The recovery write a few quiet seconds after a change waits for a running analysis (the
two share the interpreter), but never for long: a crash during a long analysis still finds
the last change in the recovery file."""

from __future__ import annotations

import threading

import pytest

from workbench.gui import worker
from workbench.model.io import dumps_model, model_from_document, read_json_document


@pytest.fixture
def slow_analysis(monkeypatch):
    """The worker's analysis waits for the event before it runs (set it to let it end)."""
    gate = threading.Event()
    plain = worker.run_analysis

    def held(*args, **kwargs):
        gate.wait(30)
        return plain(*args, **kwargs)

    monkeypatch.setattr(worker, "run_analysis", held)
    yield gate
    gate.set()


def _edit(window) -> None:
    window.scene.select_ids(["lte"])
    window.delete_selection()
    assert window.doc.dirty


def _recovered_text(window) -> str:
    doc = read_json_document(window.recovery.file)
    return dumps_model(model_from_document(doc, "recovery", window.stencils, integrity=False))


def test_the_write_waits_for_the_analysis_then_follows_it(qtbot, make_window, tiny_path,
                                                          slow_analysis) -> None:
    window = make_window(tiny_path, analysis="async")
    window.autosave_soon.setInterval(300)  # after the analysis has started (150 ms)
    _edit(window)
    qtbot.waitUntil(lambda: window._autosave_held, timeout=5_000)
    qtbot.wait(400)
    assert window._analysing and not window.recovery.pending()  # held while it runs
    slow_analysis.set()
    qtbot.waitUntil(window.recovery.pending, timeout=10_000)
    assert window.analysis is not None  # written after the result was shown
    assert _recovered_text(window) == dumps_model(window.doc.model)
    window.doc.undo_stack.setClean()


def test_a_crash_during_a_long_analysis_still_recovers_the_last_change(
        qtbot, make_window, tiny_path, slow_analysis) -> None:
    window = make_window(tiny_path, analysis="async")
    window.autosave_soon.setInterval(300)
    window.autosave_hold.setInterval(500)  # the bound, scaled down
    _edit(window)
    qtbot.waitUntil(window.recovery.pending, timeout=5_000)
    assert window._analysing  # the analysis never ended: the bound wrote it
    assert _recovered_text(window) == dumps_model(window.doc.model)
    slow_analysis.set()
    qtbot.waitUntil(lambda: not window._analysing, timeout=10_000)
    window.doc.undo_stack.setClean()


def test_closing_drops_a_held_write(qtbot, make_window, tiny_path, slow_analysis,
                                   dialogs) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window(tiny_path, analysis="async")
    window.autosave_soon.setInterval(300)
    _edit(window)
    qtbot.waitUntil(lambda: window._autosave_held, timeout=5_000)
    dialogs.answer = QMessageBox.StandardButton.Discard
    slow_analysis.set()
    window.close()
    qtbot.wait(300)
    assert not window.recovery.pending()  # a clean exit leaves no recovery file behind


def test_a_newer_change_waits_for_its_own_quiet_period(qtbot, make_window, tiny_path) -> None:
    """An edit made as the analysis ends is not held up by the write held for the one
    before: that write is dropped, the newer change's own timer writes both."""
    window = make_window(tiny_path)
    window.autosave_soon.setInterval(300)
    _edit(window)  # starts the quiet timer, as a change does
    window._autosave_held = True  # as if held during an analysis that has just ended
    window.autosave_hold.start()
    window._analysis_ended_autosave()
    assert not window._autosave_held and not window.autosave_hold.isActive()
    assert not window.recovery.pending()
    qtbot.waitUntil(window.recovery.pending, timeout=5_000)
    assert _recovered_text(window) == dumps_model(window.doc.model)
    window.doc.undo_stack.setClean()
