"""Entry point of the ``workbench`` command.

Subcommands live in one module each (``workbench/cli/cmd_*.py``) with a ``register``
function; adding a command means adding its module name to :data:`COMMANDS`.
Bad input ends with one line per problem on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from workbench import __version__

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
    "cmd_desktop",
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 1."""


#: One line of help per command, for ``workbench --help`` without importing every command
#: (and with them pydantic and the model: about 0.5 s of a quiet machine's start-up).
#: ``tests/cli/test_cli_startup.py`` checks it against each module's own ``register``.
COMMAND_HELP: dict[str, str] = {
    "open": "open the workbench window (default command)",
    "validate": "check model files; one line per problem",
    "schema": "print the JSON Schema of .twm.json files",
    "new": "create a model from a template",
    "info": "print a summary of a model",
    "report": "write a board or technical PDF report",
    "import": ("import a vendor architecture (OTM, Threat Dragon, Microsoft TMT, CSV) "
               "as a workbench model"),
    "classify": ("list the elements an import left to classify, or change one element's "
                 "stencil"),
    "actors": "attackers with their resolved entry points, and targets (declared and derived)",
    "review": ("show the vendor review checklist with the model's answers, or answer one "
               "item (--set ITEM=ANSWER)"),
    "export": "export a model to another format",
    "diff": ("compare two versions of a model (elements, flows, threats, controls, risk "
             "per target)"),
    "workshop": "workshop sessions stored in a model",
    "catalog": "list threat and control catalogs, or check them",
    "threats": "suggest threats for every element and flow",
    "analyze": "threats and their risk (inherent, residual, projected)",
    "heatmap": "draw a risk matrix or a layer heat table",
    "screenshot": "render the workbench window to a PNG (offscreen)",
    "desktop": "add Threat Workbench to the Linux desktop menu, .twm.json files open with it",
}


def build_parser(only: str | None = "*") -> argparse.ArgumentParser:
    """The argument parser; commands other than ``only`` get their help line alone.

    ``only="*"`` registers every command fully (tests, documentation); ``None`` none.
    """
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Threat Workbench: threat modeling for connected health.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        command = name.removeprefix("cmd_")
        if only in ("*", command):
            importlib.import_module(f"workbench.cli.{name}").register(sub)
        else:
            sub.add_parser(command, help=COMMAND_HELP.get(command))
    return parser


def _frozen_imports(build: Callable[[str | None], argparse.ArgumentParser],
                   chosen: str | None) -> argparse.ArgumentParser:
    """``build(chosen)`` with the cyclic collector paused, and what it made frozen.

    For ``analyze``, a one-shot command that pauses the collector for its analysis
    (``cmd_analyze.run``): building its parser imports the model layer (pydantic's classes,
    numpy), hundreds of thousands of long-lived objects the collector would scan while
    they are made and again at later collections, only to find them alive. Frozen
    (``gc.freeze``, as the window does with its survivors), they are left out. The
    collector is on again afterwards if it was before: a portfolio analysed in this
    process (``--jobs 1``) collects between its models."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return build(chosen)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _one_blas_thread() -> None:
    """Ask numpy's BLAS (OpenBLAS) for no worker threads, unless the user chose a number.

    Why: workbench never calls BLAS (its sums and products are numpy's own loops, so that
    figures do not depend on the core count: ``test_attack_probability``), yet OpenBLAS
    starts a thread per core when numpy is imported, and each spins waiting for work
    before it sleeps: CPU taken from the analysis on a loaded machine, and from the other
    workers of a portfolio (``--jobs``), which inherit the setting. It only acts before
    numpy's import, so it is done only then, and only in a process this command started
    (an in-process caller's environment is left alone). The window (``open``) too: its
    worker's first analysis imports numpy while the canvas is being shown, and the window
    starts no other program than its own window check (``bench_window_scale.py --cold``)."""
    if _ENTRY and "numpy" not in sys.modules:
        os.environ.setdefault(_BLAS_THREADS, "1")


_BLAS_THREADS = "OPENBLAS_NUM_THREADS"


def debugging() -> bool:
    """``WORKBENCH_DEBUG`` set to anything but empty or 0: developers want tracebacks."""
    return os.environ.get("WORKBENCH_DEBUG", "") not in ("", "0")


def show_traceback(exc: BaseException) -> None:
    """With WORKBENCH_DEBUG, the full traceback before the usual one-line message.

    Commands turn low-level errors into one line with ``raise CliError(...) from None``,
    which hides the cause even from ``traceback``; the cause is what a developer needs,
    so it is printed first.
    """
    if not debugging():
        return
    import traceback

    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        traceback.print_exception(cause, file=sys.stderr)
        print("the error above became:", file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)


#: What a command asked to leave for the process's end (:func:`keep_until_exit`); filled
#: only while :func:`main` runs as the process's entry point.
_KEPT: list[object] = []
_ENTRY = False


def keep_until_exit(made: object) -> None:
    """Leave ``made`` (a command's large result) to the process's end, when the command
    runs as the process's entry point (:func:`main` without arguments); otherwise (an
    in-process caller, a test) nothing is kept.

    Why: freeing an analysis of 10,000 elements object by object, then the
    interpreter's own teardown, cost a noticeable share of ``analyze``'s CPU after its
    output was written; the operating system takes the pages back at once. A command
    that keeps something makes :func:`main` end the process (:func:`_end_now`)."""
    if _ENTRY:
        _KEPT.append(made)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line (default: the process's own, ``sys.argv``) and return its
    exit code. Without ``argv`` this is the process's entry point (the console script,
    ``python -m workbench``): when the command left its result to the end
    (:func:`keep_until_exit`), the process ends here, without the teardown."""
    global _ENTRY
    _ENTRY = argv is None
    try:
        code = _main(argv)
    finally:
        _ENTRY = False
    if _KEPT:
        _end_now(code)  # returns only when the output could not be flushed
    return code


def _end_now(code: int) -> None:
    """End the process with ``code`` after what a normal exit does that anyone sees:
    the exit handlers (stage times) and the output flushed. Not the teardown (freeing
    every object, clearing every module): nothing here writes at that point. When a
    flush fails (a closed pipe) the normal exit takes over and reports it as usual."""
    import atexit
    import threading

    if threading.active_count() > 1:  # a worker still running: a normal exit waits
        return
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    if os.environ.get("WORKBENCH_QT_PROBE") == "1":  # child of cli.qt_check: no CLI at all
        from workbench.cli.qt_check import run_probe

        return run_probe()
    args_list = list(sys.argv[1:] if argv is None else argv)
    known = {name.removeprefix("cmd_") for name in COMMANDS}
    # `workbench FILE` (or no argument) opens the program, like any desktop tool.
    first = args_list[0] if args_list else None
    if first is None or first == "--lang" or (first not in known and not first.startswith("-")):
        args_list = ["open", *args_list]
    # Only the command asked for is imported: `workbench --help` starts without the model.
    chosen = args_list[0] if args_list and args_list[0] in known else None
    _one_blas_thread()
    if chosen == "analyze":
        parser = _frozen_imports(build_parser, chosen)
    else:
        parser = build_parser(only=chosen)
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
    from workbench.data import DataMissingError
    from workbench.model.errors import ModelError

    try:
        return int(args.handler(args) or 0)
    except ModelError as exc:
        show_traceback(exc)
        for problem in exc.problems:
            print(problem.format(exc.source), file=sys.stderr)
        return EXIT_INVALID
    except CliError as exc:
        show_traceback(exc)
        print(f"workbench: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except DataMissingError as exc:  # a broken install: say so, it is not the user's file
        show_traceback(exc)
        print(f"workbench: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if debugging():
            raise
        print(f"workbench: internal error: {type(exc).__name__}: {exc} "
              f"(set WORKBENCH_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INVALID
