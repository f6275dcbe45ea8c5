"""``workbench analyze A B C ... [--jobs N]``: a portfolio of models, analysed in processes.

A hospital group reviews all of its vendors' models at once. Each model is analysed in its
own worker process (the analysis is CPU-bound Python: threads would share one core), and
results are printed in the order the files were given, whatever order they finish in, so
the output of a portfolio is reproducible. With ``--json`` the output is JSON Lines: one
compact object ``{"file": F, "analysis": {...}}`` (or ``{"file": F, "errors": [...]}``) per
line, which streaming tools (``jq -c``, pandas ``read_json(lines=True)``) read one model at
a time. Larger organisations run the same command under their own scheduler instead (see
docs/portfolio.md): one model per task, no state shared between runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from workbench.cli.common import collector_paused, dumps_json
from workbench.model.text import json_escape_unsafe


@dataclass
class Outcome:
    """What one model's analysis printed: a JSON line or a summary line, and its errors."""

    file: str
    line: str | None
    errors: list[str]


def analyze_one(file: str, options: dict) -> Outcome:
    """Analyse one model with the command's options (runs in a worker process).

    The cyclic collector is paused for the one analysis, as ``analyze FILE`` does (it
    would rescan the model and its analysis over and over), and turned back on after it,
    so a worker that goes on to the next model collects what this one left.
    """
    with collector_paused():
        return _analyze_one(file, options)


def _analyze_one(file: str, options: dict) -> Outcome:
    from workbench.cli import cmd_analyze
    from workbench.cli.main import CliError
    from workbench.model.errors import ModelError

    args = argparse.Namespace(**dict(options, file=file))
    try:
        result = cmd_analyze.build(args)
    except ModelError as exc:
        errors = [problem.format(exc.source) for problem in exc.problems]
        return Outcome(file, _json({"file": file, "errors": errors}) if args.json else None,
                       errors)
    except CliError as exc:
        return Outcome(file, _json({"file": file, "errors": [str(exc)]}) if args.json else None,
                       [f"{file}: {exc}"])
    if args.json:
        return Outcome(file, _json({"file": file, "analysis": result.to_json()}), [])
    s = result.summary()
    levels = cmd_analyze.level_counts(s["residual_levels"])
    best = max((p for p in result.extra.get("attack_paths", []) if p.get("rank") == 1),
               key=lambda p: p["probability"], default=None)
    line = f"{file}: {s['counted']} threats counted; residual levels: {levels}"
    if best is not None:
        line += (f"; most likely path p={best['probability']:.3f} {best['attacker']} -> "
                 f"{best['target']}")
    return Outcome(file, line, [])


def _json(data: dict) -> str:
    return json_escape_unsafe(dumps_json(data, compact=True))


def run_portfolio(args: argparse.Namespace) -> int:
    """Analyse every FILE with ``--jobs`` processes; exit 1 if any model failed."""
    options = {k: v for k, v in vars(args).items() if k not in ("file", "handler")}
    files = list(args.file)
    jobs = max(1, min(args.jobs, len(files)))
    if jobs == 1:
        outcomes = (analyze_one(f, options) for f in files)
        return _print(outcomes)
    # fork where there is one: workers start with the modules already imported.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs,
                             mp_context=multiprocessing.get_context(method)) as pool:
        return _print(pool.map(analyze_one, files, [options] * len(files)))


def _print(outcomes) -> int:
    failed = False
    for outcome in outcomes:
        for error in outcome.errors:
            print(error, file=sys.stderr)
        failed = failed or bool(outcome.errors)
        if outcome.line is not None:
            print(outcome.line, flush=True)
    return 1 if failed else 0
