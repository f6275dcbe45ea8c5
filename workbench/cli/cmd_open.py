"""``workbench [FILE]``: open the GUI; without a display, print the model's summary."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from workbench.cli.common import load
from workbench.model.summary import format_summary


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("open", help="open the workbench window (default command)")
    parser.add_argument("file", nargs="?", metavar="FILE")
    parser.add_argument("--lang", help="interface language (en, fr)")
    parser.add_argument("--summary", action="store_true",
                        help="print the model summary instead of opening a window")
    parser.set_defaults(handler=run)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") not in ("", "xcb", "wayland"):
        return True
    return sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def summary(file: str | None, reason: str) -> int:
    """The text fallback: the model's summary, or one line saying why there is nothing."""
    if not file:
        print(f"workbench: {reason}; give a model file to summarise, or run "
              "`workbench --help`", file=sys.stderr)
        return 1
    print(format_summary(load(file)))
    return 0


def run(args: argparse.Namespace) -> int:
    gui_ready = importlib.util.find_spec("workbench.gui.app") is not None
    if args.summary or not gui_ready or not has_display():
        return summary(args.file, "no display")
    # Qt aborts the process from C++ when its platform plugin cannot load: ask first, in a
    # child started now, while this process imports the window's modules.
    from workbench.cli.qt_check import import_problem, start_window_check

    check = start_window_check()
    try:
        import workbench.gui.main_window  # noqa: F401 - the slow imports, overlapped
        from workbench.gui.app import run_gui
    except ImportError as exc:  # Qt's own libraries missing (libEGL, libglib...)
        check.result()
        problem = import_problem(exc)
    else:
        problem = check.result()
    if problem is not None:
        if args.file:
            load(args.file)  # a bad file is the first thing to tell
        print(f"workbench: {problem.message()}; showing the summary instead"
              if args.file else f"workbench: {problem.message()}", file=sys.stderr)
        return summary(args.file, "no window") if args.file else 1
    return run_gui(args.file, lang=args.lang)
