"""Starting the desktop program: QApplication, language, main window, event loop."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from workbench.gui import gc_guard, i18n


def make_app(lang: str | None = None) -> tuple[QApplication, str]:
    """The QApplication (created once) with the translator for ``lang`` installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("ThreatWorkbench")
    app.setApplicationName("Workbench")
    # Ties the window to the menu entry of `workbench desktop install` (Wayland app id).
    app.setDesktopFileName("threat-workbench")
    app.setWindowIcon(app_icon())
    gc_guard.install(app)  # garbage with Qt objects must be freed on this thread
    code = i18n.install(app, lang)
    return app, code


def app_icon() -> QIcon:
    """The program's icon, from the same SVG the desktop entry installs."""
    from importlib import resources

    from PySide6.QtGui import QPixmap

    data = resources.files("workbench.desktop").joinpath("threat-workbench.svg").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


def run_gui(path: str | None, lang: str | None = None) -> int:
    """Open the main window on ``path`` (or a blank model) and run until it closes."""
    app, code = make_app(lang)
    from workbench.gui.main_window import MainWindow

    window = MainWindow(path, lang=code)
    window.show()
    code = int(app.exec())
    release_clipboard()
    return code


def release_clipboard() -> None:
    """Let Qt free a clip we copied before Python tears down (else a crash at exit)."""
    from PySide6.QtGui import QGuiApplication

    from workbench.gui.main_window import CLIP_MIME

    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(CLIP_MIME):
        clipboard.clear()
