"""``workbench analyze FILE [--json]``: threats with inherent, residual and projected risk.

The JSON output is ``AnalysisResult.to_json()`` (documented by schema/analysis.schema.json).
Further stages add their keys to ``result.extra`` in :func:`extend` and their options in
:func:`add_options`, so the output object grows without changing its existing keys.
"""

from __future__ import annotations

import argparse
import gc

from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import AnalysisResult, analyze
from workbench.analysis.ranking import grouped_rankings
from workbench.cli.common import RowEncoder, load, print_json
from workbench.cli.stages import stage

_LEVEL_ORDER = {"none": 0, "low": 1, "moderate": 2, "high": 3, "critical": 4}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyze", help="threats and their risk (inherent, residual, "
                                            "projected)")
    parser.add_argument("file", metavar="FILE", nargs="+",
                        help="model file; several files make a portfolio (see --jobs)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object (JSON Lines, one per file, for several)")
    parser.add_argument("--compact", action="store_true",
                        help="JSON without indentation (smaller, faster to write and read)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="analyse several files in N processes (default 1)")
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE",
                        help="also load this user catalog file (repeatable)")
    parser.add_argument("--no-suggest", action="store_true",
                        help="score only the threats recorded in FILE; do not run the rules")
    add_options(parser)
    parser.set_defaults(handler=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    """Options of later analysis stages (attack paths) go here."""
    group = parser.add_argument_group("attack paths (docs/attack-paths.md)")
    group.add_argument("--attacker", action="append", metavar="ID",
                       help="only this attacker profile (repeatable)")
    group.add_argument("--target", action="append", metavar="ID",
                       help="only this target, by target id or element id (repeatable)")
    group.add_argument("--top", type=int, default=5, metavar="K",
                       help="most likely paths per target (1-50, default 5)")
    group.add_argument("--samples", type=int, default=10_000, metavar="N",
                       help="Monte Carlo worlds (default 10000: +/-0.01 at 95%%)")
    group.add_argument("--seed", type=int, default=0, metavar="S",
                       help="random seed; the same seed gives the same result")
    group.add_argument("--threshold", type=float, default=0.1, metavar="P",
                       help="probability each target should stay under (recommendations)")
    group.add_argument("--plan-evaluations", type=int, default=None, metavar="N",
                       help="what-if evaluations the control plan may spend (default: from "
                            "the model's size); more searches more candidates, same result "
                            "on any machine")
    group.add_argument("--ttc", action="store_true",
                       help="also estimate time to compromise (5th/50th/95th percentiles)")
    group.add_argument("--no-attack", action="store_true", help="skip the attack-path stage")


def extend(result: AnalysisResult, args: argparse.Namespace) -> None:
    """Later stages put their output in ``result.extra`` here."""
    if getattr(args, "no_attack", True):
        return
    from workbench.analysis.attack import analyze_attacks
    from workbench.cli.main import CliError

    check_options(args)
    try:
        attack = analyze_attacks(result.model, result.catalog, risks=result.threats,
                                 attackers=args.attacker, targets=args.target, top_k=args.top,
                                 samples=args.samples, seed=args.seed,
                                 threshold=args.threshold, ttc=args.ttc,
                                 plan_evaluations=args.plan_evaluations,
                                 shared=result.attack_graph)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        # the graph and its evidence are done with: not held through the JSON (memory)
        result.attack_graph = None
    result.extra.update(attack.to_json())


def check_options(args: argparse.Namespace) -> None:
    """Bad option values fail at once, before the model is read and analysed."""
    from workbench.cli.main import CliError

    if getattr(args, "no_attack", True):
        return
    if not 1 <= args.top <= 50:
        raise CliError(f"--top must be between 1 and 50 (got {args.top})")
    if not 64 <= args.samples <= 10_000_000:
        raise CliError(f"--samples must be between 64 and 10000000 (got {args.samples})")
    if not 0.0 <= args.threshold <= 1.0:
        raise CliError(f"--threshold must be a probability (got {args.threshold})")
    if args.seed < 0:
        raise CliError(f"--seed must be zero or positive (got {args.seed})")
    if args.plan_evaluations is not None and not 4 <= args.plan_evaluations <= 100_000:
        raise CliError(f"--plan-evaluations must be between 4 and 100000 "
                       f"(got {args.plan_evaluations})")


def build(args: argparse.Namespace) -> AnalysisResult:
    check_options(args)
    with stage("load"):
        model = load(args.file)
        catalog = load_catalog(args.catalog)
    with stage("rules+risk"):
        result = analyze(model, catalog, suggest=not args.no_suggest,
                         attack_graph=not args.no_attack)
    with stage("attack"):
        extend(result, args)
    return result


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        from workbench.cli.main import CliError

        raise CliError(f"--jobs must be 1 or more (got {args.jobs})")
    if len(args.file) > 1:
        from workbench.cli.portfolio import run_portfolio

        return run_portfolio(args)
    args.file = args.file[0]
    # One analysis, then the process ends: the cyclic collector would only rescan the
    # model and the analysis's million small objects over and over (a third of the rules
    # and risk stages at 10,000 elements); nothing here relies on it (no reference cycles
    # worth collecting before exit). The window keeps its own policy (gui/gc_guard.py).
    gc.disable()
    result = build(args)
    from workbench.cli.main import keep_until_exit

    keep_until_exit(result)  # freed by the process's end, not object by object
    if args.json:
        with stage("json"):
            # the threats' rows are written in chunks as they are built (memory)
            doc, streamed = result.to_json_streamed(encoder=RowEncoder.create(args.compact))
            print_json(doc, compact=args.compact, streamed=streamed)
        return 0
    groups, context = grouped_rankings(result)  # both from one pass over the threats
    print(f"{'residual':<9} {'L x S':<6} {'inherent':<9} {'projected':<10} {'layer':<8} "
          f"{'status':<13} threat (one row per threat, worst copy's figures)")
    for g in groups:
        r = g.worst
        where = (f"@ {r.instance.element}" if g.count == 1
                 else f"on {g.count} elements ({', '.join(g.elements[:4])}"
                      f"{', ...' if g.count > 4 else ''})")
        print(f"{g.current.level:<9} {g.current.likelihood}x{g.current.severity:<4} "
              f"{g.inherent.level:<9} {g.projected.level:<10} {r.layer:<8} "
              f"{r.instance.status.value:<13} {g.title} {where}")
    s = result.summary()
    print(f"{s['counted']} threats counted ({s['threats']} recorded, {len(groups)} distinct); "
          f"residual levels: {level_counts(s['residual_levels'])}; "
          f"patient-safety threats: {s['patient_safety']}")
    if context:
        print(f"context (assumptions and dependencies, not ranked): {s['context']} threats "
              f"on elements the organisation does not own or operate, "
              f"{len(context)} distinct: " + "; ".join(g.title for g in context[:5])
              + ("; ..." if len(context) > 5 else ""))
    for warning in result.warnings:
        print(f"warning: {warning}")
    best = [p for p in result.extra.get("attack_paths", []) if p["rank"] == 1]
    for path in best[:10]:
        print(f"attack path p={path['probability']:.3f} {path['attacker']} -> "
              f"{path['target']}: {' > '.join(path['path'])}")
    print_plan(result.extra)
    return 0


def print_plan(extra: dict) -> None:
    """The control plan in a few lines: each step's cumulative cost, what it buys, and the
    plan's notes (why it is empty, what stays above the threshold)."""
    for n, step in enumerate(extra.get("recommendations", []), start=1):
        days = step.get("step_days", step["step_cost"])
        print(f"fund {n}: {step['title']} ({days:g} person-days, total "
              f"{step.get('days', step['cost']):g}; summed target probability "
              f"-{step['marginal_reduction']:.3f}; "
              f"{step['targets_above_threshold']} target(s) above the threshold after)")
    for note in extra.get("attack", {}).get("notes", []):
        if "control plan" in note or "stay above the threshold" in note:
            print(f"plan: {note}")


def level_counts(counts: dict[str, int]) -> str:
    """``critical 3, high 5, ...``: residual levels from the worst, for one-line summaries."""
    return ", ".join(f"{k} {counts[k]}" for k in sorted(counts, key=lambda k: -_LEVEL_ORDER[k]))
