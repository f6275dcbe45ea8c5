"""Interface language: Qt ``.qm`` catalogs compiled from ``translations/*.ts``.

``pyside6-lupdate`` extracts every ``self.tr()`` / ``QCoreApplication.translate()`` string
into ``workbench_fr.ts``; ``pyside6-lrelease`` compiles it. See ``docs/gui.md``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workbench.report.i18n import chance

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("en", "fr")


def pick_language(lang: str | None) -> str:
    """``lang`` if shipped, else the system locale's language if shipped, else English."""
    if lang:
        code = lang.lower().replace("-", "_").split("_")[0]
        return code if code in LANGUAGES else "en"
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


_installed: list[QTranslator] = []


def install(app: QCoreApplication, lang: str | None) -> str:
    """Install the translator for ``lang`` (or the system language); returns the code used."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = pick_language(lang)
    if code != "en":
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / f"workbench_{code}.qm")):
            app.installTranslator(translator)
            _installed.append(translator)
        # Qt's own strings (Save, Discard, Cancel, Yes, No, OK in message boxes and file
        # dialogs) come from the translations Qt ships beside itself.
        qt_base = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load(f"qtbase_{code}", folder):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
    return code


def current_language() -> str:
    """Language of the main catalog now installed ("en" when none is); feature packages
    follow it (:mod:`workbench.gui.package_i18n`)."""
    for translator in _installed:
        code = translator.language().split("_")[0]
        if code:
            return code
    return "en"


def tr(context: str, text: str) -> str:
    """Shorthand kept visible to lupdate only through explicit ``translate`` calls."""
    return QCoreApplication.translate(context, text)


def percent(value: float) -> str:
    """A chance as the board report prints it (report.i18n.chance): "27%" / "27 %", with one
    decimal near the ends, so a path at 0.997 never reads "100 %" in the window while the
    PDF says "99.7%"."""
    return chance(value, current_language())
