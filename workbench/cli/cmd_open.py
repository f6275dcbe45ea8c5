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


def run(args: argparse.Namespace) -> int:
    gui_ready = importlib.util.find_spec("workbench.gui.app") is not None
    if args.summary or not gui_ready or not has_display():
        if not args.file:
            print("workbench: no display; give a model file to summarise, or run "
                  "`workbench --help`", file=sys.stderr)
            return 1
        print(format_summary(load(args.file)))
        return 0
    from workbench.gui.app import run_gui

    return run_gui(args.file, lang=args.lang)
