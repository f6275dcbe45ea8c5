"""``workbench desktop install|uninstall``: menu entry, icon, ``.twm.json`` association (Linux)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.main import CliError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "desktop",
        help="add Threat Workbench to the Linux desktop menu, .twm.json files open with it",
        description="install: writes a desktop entry, an icon and the .twm.json MIME type "
                    "under $XDG_DATA_HOME (default ~/.local/share), then refreshes the "
                    "desktop caches whose tools are installed; no root needed. "
                    "uninstall: removes exactly those files.")
    parser.add_argument("action", choices=("install", "uninstall"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help="use DIR instead (e.g. /usr/local/share, as root)")
    parser.add_argument("--no-default", action="store_true",
                        help="do not make workbench the default for .twm.json files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench import desktop

    if sys.platform != "linux":
        raise CliError("workbench desktop is for Linux desktops (freedesktop.org); "
                       "on Windows and macOS use the bundle, see docs/install.md")
    data_dir = Path(args.data_dir).absolute() if args.data_dir else None
    try:
        if args.action == "uninstall":
            report = desktop.uninstall(data_dir)
            verb = "removed"
        else:
            report = desktop.install(data_dir, make_default=not args.no_default)
            verb = "wrote"
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"{exc.filename or data_dir}: cannot write ({exc.strerror or exc})"
                       ) from exc
    if not report.files:
        print("nothing to remove" if args.action == "uninstall" else "nothing written")
    for path in report.files:
        print(f"{verb} {path}")
    for tool in report.ran:
        print(f"ran {tool}")
    if report.skipped:
        print(f"not run (not installed): {', '.join(report.skipped)}; the menu may show the "
              "entry only after the next login")
    return 0
