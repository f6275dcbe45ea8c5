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
    "cmd_report",
    "cmd_import",
    "cmd_classify",
    "cmd_actors",
    "cmd_review",
    "cmd_export",
    "cmd_diff",
    "cmd_workshop",
    "cmd_catalog",
    "cmd_threats",
    "cmd_analyze",
    "cmd_heatmap",
    "cmd_screenshot",
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


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = _command_names(parser)
    # `workbench FILE` (or no argument) opens the program, like any desktop tool.
    first = args_list[0] if args_list else None
    if first is None or first == "--lang" or (first not in known and not first.startswith("-")):
        args_list = ["open", *args_list]
    args = parser.parse_args(args_list)
    from workbench.cli.common import SafeTextStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeTextStream(sys.stdout), SafeTextStream(sys.stderr)
    try:
        return _run(args)
    finally:
        from workbench.cli.common import end_command

        end_command()
        sys.stdout, sys.stderr = saved


def _run(args: argparse.Namespace) -> int:
    """Run one command; every failure becomes lines on stderr and an exit code."""
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
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        print(f"workbench: internal error: {type(exc).__name__}: {exc} "
              f"(set WORKBENCH_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INVALID
