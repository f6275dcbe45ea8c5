"""``workbench report FILE -o OUT.pdf [--audience board|technical] [--lang en|fr]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from workbench.cli.common import collector_paused, output_path, writing

# Kept here, not imported from workbench.report, so that every other command starts without
# loading reportlab (about 0.17 s); tests/report checks they match the report package.
AUDIENCES = ("board", "technical")
LANGUAGES = ("en", "fr")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="write a board or technical PDF report")
    parser.add_argument("file", metavar="FILE", help="model file (.twm.json)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                        help="PDF file to write")
    parser.add_argument("--audience", choices=AUDIENCES, default="board",
                        help="board: at most 6 pages; technical: everything (default board)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="report language")
    parser.add_argument("--since", metavar="EARLIER.twm.json",
                        help="also show what changed since this earlier version (structure "
                             "and risk per target, as workbench diff)")
    parser.add_argument("--force", action="store_true",
                        help="allow -o to replace an existing model file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # One report, then the process ends: as for analyze and diff, the cyclic collector
    # would only rescan the model, its analysis and the story over and over; nothing
    # here relies on it. Restored after, for callers that run the CLI in-process (tests).
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    out = output_path(args.output, args.file, force=args.force)
    parent = out.parent if str(out.parent) else Path(".")
    # Before the analysis (seconds to minutes), not after it: a read-only folder fails now.
    if not os.access(parent, os.W_OK | os.X_OK):
        from workbench.cli.main import CliError

        raise CliError(f"{out}: folder {parent} is not writable")
    from workbench.cli.main import keep_until_exit
    from workbench.report.pdf import write_report

    start = time.perf_counter()
    with writing(out):  # names OUT, not the temporary file beside it
        size = write_report(Path(args.file), out, audience=args.audience, lang=args.lang,
                            since=Path(args.since) if args.since else None,
                            warn=lambda text: print(f"warning: {text}", file=sys.stderr),
                            keep=keep_until_exit)  # freed by the process's end
    print(f"{out}: {args.audience} report ({args.lang}), {size / 1024:.0f} KiB, "
          f"{time.perf_counter() - start:.1f} s")
    return 0
