"""``workbench report FILE -o OUT.pdf [--audience board|technical] [--lang en|fr]``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from workbench.cli.main import CliError

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
    parser.set_defaults(handler=run)


def check_output(path: Path) -> None:
    """Fail early, in one line, when the output cannot be written."""
    if path.is_dir():
        raise CliError(f"{path}: is a directory, give a file name for the output")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(f"{path}: folder {parent} does not exist")


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    check_output(out)
    from workbench.report.pdf import write_report

    start = time.perf_counter()
    try:
        size = write_report(Path(args.file), out, audience=args.audience, lang=args.lang,
                            since=Path(args.since) if args.since else None)
    except OSError as exc:
        # The report is written through a temporary file beside OUT: name OUT, not the temp.
        raise CliError(f"{out}: cannot write: {exc.strerror or exc}") from None
    print(f"{out}: {args.audience} report ({args.lang}), {size / 1024:.0f} KiB, "
          f"{time.perf_counter() - start:.1f} s")
    return 0
