"""Entry point of the ``workbench`` command.

Subcommands live in one module each (``workbench/cli/cmd_*.py``) with a ``register``
function; adding a command means adding its module name to :data:`COMMANDS`.
Bad input ends with one line per problem on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.model.errors import ModelError

COMMANDS: tuple[str, ...] = (
    "cmd_open",
    "cmd_validate",
    "cmd_schema",
    "cmd_new",
    "cmd_info",
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Threat Workbench: threat modeling for connected health.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"workbench.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = {name for name in parser._subparsers._group_actions[0].choices}  # type: ignore[union-attr]
    # `workbench FILE` (or no argument) opens the program, like any desktop tool.
    if not args_list or (args_list[0] not in known and not args_list[0].startswith("-")) or args_list[0] in {"--lang"}:
        args_list = ["open", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args) or 0)
    except ModelError as exc:
        for problem in exc.problems:
            print(problem.format(exc.source), file=sys.stderr)
        return EXIT_INVALID
    except CliError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
