"""The window at projector and desktop sizes, in English and French, for docs/gui.md.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/gui_screenshots.py

Writes docs/window-1280x720-{en,fr}.png (Workshop dock open, first attack path lit, as in
a workshop on a projector), docs/window-1600x1000-{en,fr}.png (Workshop open, the threats
table with the first threat's details) and docs/window-1920x1080-{en,fr}.png (Workshop and
Vendor Review open). Runs the real main window (xcb under Xvfb, else offscreen) with a throwaway
settings file, so it never touches the user's layout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample-models" / "home-telemonitoring.twm.json"
#: (size, Vendor Review open, bottom tab shown): the projector with a path lit, the 1600 px
#: laptop reading threats (a threat chosen, its details beside the table), the desk.
SHOTS = [((1280, 720), False, "attacks"), ((1600, 1000), False, "threats"),
         ((1920, 1080), True, "attacks")]


def shoot(app, lang: str, size: tuple[int, int], review: bool, out: Path, sample: Path,
          tab: str = "attacks") -> None:
    from PySide6.QtCore import QSettings

    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery
    from workbench.gui.vendor.review import review_panel
    from workbench.gui.workshop import workshop_panel

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(None, settings=settings, recovery=Recovery(Path(tmp) / "r"),
                            lang=lang, analysis="sync", offer_recovery=False)
        window.resize(*size)
        window.show()
        app.processEvents()
        if not window.open_path_quiet(str(sample)):
            raise SystemExit(window.last_error)
        workshop_panel(window)
        if review:
            review_panel(window)
        for _ in range(20):
            app.processEvents()
        window.docks[tab].raise_()
        if tab == "attacks" and window.attacks.list.count():
            window.attacks.select_path(0)
        elif tab == "threats":
            window.threats.view.selectRow(0)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out))
        rows = window.threats.view.viewport().height() // max(
            1, window.threats.view.verticalHeader().defaultSectionSize())
        print(f"{out.name}: {size[0]}x{size[1]}, canvas {window.view.width()}x"
              f"{window.view.height()} ({window.view.width() / window.width():.0%} of the "
              f"width), threats table {rows} rows")
        window.doc.undo_stack.setClean()
        window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--sample", default=str(SAMPLE))
    args = parser.parse_args(argv)
    from workbench.gui.app import make_app

    for lang in ("en", "fr"):
        app, code = make_app(lang)
        for size, review, tab in SHOTS:
            name = f"window-{size[0]}x{size[1]}-{lang}.png"
            shoot(app, code, size, review, Path(args.out) / name, Path(args.sample), tab)
    return 0


if __name__ == "__main__":
    sys.exit(main())
