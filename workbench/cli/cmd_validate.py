"""``workbench validate FILE...``: exit 0 when every file is valid, else 1."""

from __future__ import annotations

import argparse
import sys

from workbench.model import ModelError, load_model


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="check model files; one line per problem")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        try:
            load_model(name)
        except ModelError as exc:
            failed = True
            for problem in exc.problems:
                print(problem.format(name), file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - a bug must not hide the other files' results
            failed = True
            print(f"{name}: $: cannot be checked ({type(exc).__name__}: {exc}); please report "
                  f"this file", file=sys.stderr)
            continue
        if not args.quiet:
            print(f"{name}: ok")
    return 1 if failed else 0
