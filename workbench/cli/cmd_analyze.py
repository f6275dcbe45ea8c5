"""``workbench analyze FILE [--json]``: threats with inherent, residual and projected risk.

The JSON output is ``AnalysisResult.to_json()`` (documented by schema/analysis.schema.json).
Further stages add their keys to ``result.extra`` in :func:`extend` and their options in
:func:`add_options`, so the output object grows without changing its existing keys.
"""

from __future__ import annotations

import argparse

from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import AnalysisResult, analyze
from workbench.cli.common import load, print_json

_LEVEL_ORDER = {"none": 0, "low": 1, "moderate": 2, "high": 3, "critical": 4}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyze", help="threats and their risk (inherent, residual, "
                                            "projected)")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE",
                        help="also load this user catalog file (repeatable)")
    parser.add_argument("--no-suggest", action="store_true",
                        help="score only the threats recorded in FILE; do not run the rules")
    add_options(parser)
    parser.set_defaults(handler=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    """Options of later analysis stages (attack paths) go here."""


def extend(result: AnalysisResult, args: argparse.Namespace) -> None:
    """Later stages put their output in ``result.extra`` here."""


def build(args: argparse.Namespace) -> AnalysisResult:
    model = load(args.file)
    result = analyze(model, load_catalog(args.catalog), suggest=not args.no_suggest)
    extend(result, args)
    return result


def run(args: argparse.Namespace) -> int:
    result = build(args)
    if args.json:
        print_json(result.to_json())
        return 0
    rows = sorted(result.counted(), key=lambda r: (-_LEVEL_ORDER.get(r.current.level, 0),
                                                   -r.current.score, r.key))
    print(f"{'residual':<9} {'L x S':<6} {'inherent':<9} {'projected':<10} {'layer':<8} "
          f"{'status':<13} threat")
    for r in rows:
        title = r.threat_type.title if r.threat_type else (r.instance.title or r.key)
        print(f"{r.current.level:<9} {r.current.likelihood}x{r.current.severity:<4} "
              f"{r.inherent.level:<9} {r.projected.level:<10} {r.layer:<8} "
              f"{r.instance.status.value:<13} {title} @ {r.instance.element}")
    s = result.summary()
    print(f"{s['counted']} threats counted ({s['threats']} recorded); residual levels: "
          f"{_levels(s['residual_levels'])}; patient-safety threats: {s['patient_safety']}")
    for warning in result.warnings:
        print(f"warning: {warning}")
    return 0


def _levels(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {counts[k]}" for k in sorted(counts, key=lambda k: -_LEVEL_ORDER[k]))
