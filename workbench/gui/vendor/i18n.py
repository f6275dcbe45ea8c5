"""Catalogs of the vendor-review package: every ``translations/*_<lang>.qm`` is installed.

The language follows the main catalog (``workbench.gui.i18n``), like the workshop package;
called again whenever a window builds its Tools menu, so switching back to English removes
ours too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from workbench.gui.workshop.i18n import current_language

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
_state: dict[str, object] = {"code": "en", "translators": []}


def sync_language() -> str:
    """Install (or remove) this package's catalogs to match the main one; returns the code."""
    app = QCoreApplication.instance()
    code = current_language()
    if app is None or code == _state["code"]:
        return code
    for old in _state["translators"]:  # type: ignore[union-attr]
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if code != "en":
        for qm in sorted(TRANSLATIONS.glob(f"*_{code}.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                installed.append(translator)
    _state.update(code=code, translators=installed)
    return code
