"""Render the main window with a model loaded into a PNG, offscreen (docs, tests, CI)."""

from __future__ import annotations

import os
from pathlib import Path


class ScreenshotError(Exception):
    """A bad option (unknown id, no such path); the CLI prints it as one line."""


def render_screenshot(model_path: str, out: str, *, size: tuple[int, int] = (1600, 1000),
                      select: str | None = None, path_index: int | None = None,
                      lang: str | None = None, risk: bool = False) -> Path:
    """Open ``model_path`` in a main window of ``size``, run the analysis, apply the
    selection or attack path (1-based), and save the window to ``out``."""
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QIODevice, QSettings

    from workbench.gui.app import make_app
    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery
    from workbench.model.io import write_bytes_atomic

    app, code = make_app(lang or "en")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(None, settings=settings, recovery=Recovery(Path(tmp) / "r"),
                            lang=code, analysis="sync", offer_recovery=False)
        try:
            if not window.open_path_quiet(model_path):
                raise ScreenshotError(window.last_error)
            window.resize(*size)
            window.show()
            app.processEvents()
            window.view.fit_readable()
            if risk:
                window.toggle_risk(True)
            if select:
                if not any(select in d for d in (window.scene.elements, window.scene.flows,
                                                 window.scene.zones)):
                    raise ScreenshotError(f"--select: no element, flow or zone {select!r}")
                window.scene.select_ids([select])
                item = (window.scene.elements.get(select) or window.scene.flows.get(select)
                        or window.scene.zones.get(select))
                window.view.ensureVisible(item, 60, 60)
            if path_index is not None:
                count = window.attacks.list.count()
                if not 1 <= path_index <= count:
                    raise ScreenshotError(f"--path {path_index}: the model has {count} "
                                          f"attack path(s)")
                window.docks["attacks"].raise_()
                window.attacks.select_path(path_index - 1)
            app.processEvents()
            image = window.grab()
            out_path = Path(out)
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            if not image.save(buffer, "PNG"):
                raise ScreenshotError(f"{out_path}: cannot encode the PNG")
            try:  # the one atomic writer: never a half-written PNG, symlinks followed
                write_bytes_atomic(out_path, bytes(buffer.data()))
            except OSError as exc:
                raise ScreenshotError(f"{out_path}: cannot write "
                                      f"({exc.strerror or exc})") from None
            return out_path
        finally:
            window.doc.undo_stack.setClean()
            window.close()
            window.deleteLater()
