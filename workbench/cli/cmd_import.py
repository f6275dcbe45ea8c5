"""``workbench import FILE --from otm|threatdragon|tmt|csv -o OUT.twm.json``.

Prints the mapping report: what was mapped to which stencil, and what the analyst must
classify (kept with a generic stencil and marked, never dropped).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import output_path, print_json, writing
from workbench.cli.main import CliError
from workbench.interop.common import check_model_size
from workbench.interop.registry import IMPORTERS, import_file
from workbench.model.io import EXTENSION, load_model, save_model


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="import a vendor architecture (OTM, Threat Dragon, "
                                           "Microsoft TMT, CSV) as a workbench model")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--from", dest="fmt", choices=sorted(IMPORTERS),
                        help="source format (guessed from the file when omitted)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.twm.json")
    parser.add_argument("--onto", metavar="PREVIOUS.twm.json",
                        help="update this reviewed model from the vendor's new file: keep "
                             "your classification, data, targets, attackers, decisions, "
                             "review and workshops (docs/interop.md)")
    parser.add_argument("--json", action="store_true", help="print the mapping report as JSON")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT.twm.json when it exists (its previous version is "
                             "kept as OUT.twm.json.bak)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if not out.name.endswith(EXTENSION):
        raise CliError(f"{out}: output must end with {EXTENSION}")
    # --onto OLD -o OLD updates the reviewed model in place (OLD.bak keeps it): allowed.
    in_place = args.onto is not None and out.exists() and Path(args.onto).exists() \
        and out.resolve() == Path(args.onto).resolve()
    output_path(out, args.file, force=args.force or in_place)
    result = import_file(args.file, args.fmt)
    model, update = result.model, None
    if args.onto:
        from workbench.interop.update import update_from_import

        model, update = update_from_import(load_model(args.onto), result.model)
        check_model_size(model, args.file)  # the reviewed model's additions count too
    with writing(out):
        save_model(model, out)
    if args.json:
        print_json({"source": args.file, "format": result.source_format,
                    "output": str(out), "counts": result.counts,
                    "mapping": [m.to_json() for m in result.mapping],
                    "unmapped": [m.element for m in result.unmapped],
                    "warnings": result.warnings, "skipped": result.skipped,
                    **({"update": {"onto": args.onto, **update.to_json()}} if update else {})})
    else:
        for line in result.report_lines():
            print(line)
        for line in update.lines() if update else []:
            print(line)
        print(f"wrote {out}")
    return 0
