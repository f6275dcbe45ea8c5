"""Fixtures for GUI tests: a real main window, offscreen, with its own settings and
recovery folder so tests never touch the user's files."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QSettings

from tests.model.factories import tiny_model
from workbench.model import Layer, Stencil, StencilLibrary, default_stencils
from workbench.model.io import save_model

TINY_STENCILS = {"insulin-pump": Layer.THING, "phone-ble-relay": Layer.GATEWAY,
                 "ble": Layer.NETWORK, "cellular": Layer.NETWORK,
                 "vendor-device-cloud": Layer.CLOUD}


@pytest.fixture(scope="session")
def stencils() -> StencilLibrary:
    """The shipped stencils when they hold what the tiny model uses, else a minimal set."""
    try:
        shipped = default_stencils()
    except Exception:  # noqa: BLE001 - stencil files still being written
        shipped = StencilLibrary([])
    if all(s in shipped for s in TINY_STENCILS):
        return shipped
    return StencilLibrary([Stencil(id=i, label=i.replace("-", " ").title(), layer=layer,
                                   category="test") for i, layer in TINY_STENCILS.items()])


@pytest.fixture
def tiny_path(tmp_path):
    path = tmp_path / "tiny.twm.json"
    save_model(tiny_model(), path)
    return path


@pytest.fixture(autouse=True)
def collect_on_gui_thread():
    """As the program does (workbench/gui/gc_guard.py): no garbage collection may start in
    a worker thread while a GUI test runs; what is due is collected here, on this thread."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture
def make_window(qtbot, tmp_path, stencils):
    """Factory: ``make_window(path=None, analysis="off")`` -> shown MainWindow."""
    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery

    made = []

    def make(path=None, analysis="off", offer_recovery=False, resize=True):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(str(path) if path else None, settings=settings,
                            recovery=Recovery(tmp_path / "recovery"), stencils=stencils,
                            analysis=analysis, offer_recovery=offer_recovery)
        qtbot.addWidget(window)
        if resize:
            window.resize(1300, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(5)
        window.view.fit()
        made.append(window)
        return window

    yield make
    from workbench.gui.app import release_clipboard

    release_clipboard()  # as run_gui does: Qt frees copied data before Python exits
    for window in made:
        window.doc.set_clean()  # no unsaved-changes prompt at teardown
        window.runner.cancel()
        window.runner.wait(5000)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """No modal dialog may block a test: message boxes are recorded and answered.

    ``dialogs.answer`` is what ``question`` returns (Discard unless a test says otherwise).
    """
    from PySide6.QtWidgets import QMessageBox

    class Recorder:
        answer = QMessageBox.StandardButton.Discard
        shown: list[tuple[str, str, str]] = []

    rec = Recorder()
    rec.shown = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            rec.shown.append((kind, title, text))
            return rec.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return rec


@pytest.fixture
def french(qapp):
    """The interface in French for one test, English again after it."""
    from workbench.gui import i18n

    i18n.install(qapp, "fr")
    yield
    i18n.install(qapp, "en")
