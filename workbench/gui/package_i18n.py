"""Catalogs of a GUI feature package: every ``translations/*_<lang>.qm`` in its folder.

Feature packages (vendor review, profiles...) keep their strings apart from the main
window's catalog so they can grow without touching it. The language follows the main
catalog (``workbench.gui.i18n``); ``sync()`` is called whenever a window builds its menus,
so switching back to English removes the package's catalogs too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from workbench.gui.i18n import current_language


class PackageCatalogs:
    """The translators of one package, installed to match the main language."""

    def __init__(self, translations: Path):
        self.translations = translations
        self.code = "en"
        self.translators: list[QTranslator] = []

    def sync(self) -> str:
        """Install (or remove) this package's catalogs; returns the language code."""
        app = QCoreApplication.instance()
        code = current_language()
        if app is None or code == self.code:
            return code
        for old in self.translators:
            app.removeTranslator(old)
        self.translators = []
        if code != "en":
            for qm in sorted(self.translations.glob(f"*_{code}.qm")):
                translator = QTranslator(app)
                if translator.load(str(qm)):
                    app.installTranslator(translator)
                    self.translators.append(translator)
        self.code = code
        return code
