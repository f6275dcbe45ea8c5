"""``workbench info FILE``: counts per layer, zones and assets."""

from __future__ import annotations

import argparse

from workbench.cli.common import load, print_json
from workbench.model.summary import format_summary, summarize


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("info", help="print a summary of a model")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    model = load(args.file)
    if args.json:
        print_json(summarize(model))
    else:
        print(format_summary(model))
    return 0
