"""French (and later other) strings of the workshop mode and diff overlay.

They live in their own catalog, ``translations/workshop_<lang>.ts/.qm``, so this package can
grow its strings without touching the main window's catalog. The language follows the one
``workbench.gui.i18n`` installed (its translator's ``language()``); called again whenever a
window builds its Tools menu, so switching back to English removes ours too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from workbench.gui import i18n as main_i18n

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
_state: dict[str, object] = {"code": "en", "translator": None}


def current_language() -> str:
    """Language of the main catalog now installed ("en" when none is)."""
    for translator in main_i18n._installed:
        code = translator.language().split("_")[0]
        if code:
            return code
    return "en"


def sync_language() -> str:
    """Install (or remove) the workshop catalog to match the main one; returns the code."""
    app = QCoreApplication.instance()
    code = current_language()
    if app is None or code == _state["code"]:
        return code
    old = _state["translator"]
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
    _state.update(code="en", translator=None)
    if code != "en":
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / f"workshop_{code}.qm")):
            app.installTranslator(translator)
            _state.update(code=code, translator=translator)
    return code
