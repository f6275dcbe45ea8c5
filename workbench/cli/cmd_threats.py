"""``workbench threats FILE [--write]``: run the rule engine and show (or save) the result.

Without ``--write`` nothing is changed on disk: the command prints what the engine would add,
keep, orphan and drop. With ``--write`` the model is saved atomically (previous version kept
as ``FILE.bak``). Analyst decisions are never dropped (see workbench/analysis/rules.py).
"""

from __future__ import annotations

import argparse

from workbench.analysis.catalog import load_catalog
from workbench.analysis.rules import merge_suggestions
from workbench.cli.common import load, print_json, save


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("threats", help="suggest threats for every element and flow")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--write", action="store_true",
                        help="save the merged threats into FILE (keeps FILE.bak)")
    parser.add_argument("--json", action="store_true", help="print the change report as JSON")
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE",
                        help="also load this user catalog file (repeatable)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    model = load(args.file, for_update=args.write)
    catalog = load_catalog(args.catalog)
    merged, report = merge_suggestions(model, catalog)
    if args.write:
        save(merged, args.file)
    if args.json:
        print_json({"file": args.file, "written": bool(args.write),
                    "added": report.added, "kept": report.kept, "restored": report.restored,
                    "orphaned": report.orphaned, "dropped": report.dropped,
                    "threats": [{"id": t.id, "key": t.key, "catalog_id": t.catalog_id,
                                 "element": t.element, "status": t.status.value}
                                for t in merged.threats]})
        return 0
    added = set(report.added)
    for inst in merged.threats:
        mark = "+" if inst.key in added else " "
        title = inst.title or (catalog.threats[inst.catalog_id].title
                               if inst.catalog_id in catalog.threats else inst.catalog_id)
        print(f"{mark} {inst.status.value:<13} {inst.key:<60} {title}")
    for key in report.dropped:
        print(f"- {'dropped':<13} {key}")
    verb = "written to" if args.write else "not written (use --write) to"
    print(f"{len(merged.threats)} threats: {report.summary()}; {verb} {args.file}")
    return 0
