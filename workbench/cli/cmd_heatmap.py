"""``workbench heatmap FILE -o OUT.png|svg|pdf [--kind matrix|layers]``: risk figures.

``matrix``: likelihood x severity matrices, inherent and residual side by side, with threat
counts; ``layers``: a layer x impact-category heat table; ``elements``: the per-element risk
colour with the compromise probability. All are checked against Cox's
(2008) consistency rules; a broken rule is printed on stderr and drawn on the figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import load, output_path
from workbench.data import DataMissingError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("heatmap", help="draw a risk matrix or a layer heat table")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output figure (.png, .svg or .pdf)")
    parser.add_argument("--kind", choices=("matrix", "layers", "elements"), default="matrix",
                        help="matrix (default), layers, or elements (per-element risk colour "
                             "with compromise probability)")
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE",
                        help="also load this user catalog file (repeatable)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the matrix titles, axes and level names")
    parser.add_argument("--no-suggest", action="store_true",
                        help="only the threats recorded in FILE; do not run the rules")
    parser.add_argument("--force", action="store_true",
                        help="allow -o to replace an existing model file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cli.main import CliError

    out = Path(args.output)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise CliError(f"{args.output}: output must end in .png, .svg or .pdf")
    if not out.parent.is_dir():
        raise CliError(f"{args.output}: folder {str(out.parent)!r} does not exist")
    output_path(out, args.file, force=args.force)
    model = load(args.file)
    import matplotlib

    matplotlib.use("Agg")
    from workbench.analysis import plots
    from workbench.analysis.catalog import load_catalog
    from workbench.analysis.pipeline import analyze
    from workbench.cli.main import keep_until_exit

    result = analyze(model, load_catalog(args.catalog), suggest=not args.no_suggest)
    keep_until_exit(result)  # freed by the process's end, not object by object
    try:
        if args.kind == "elements":
            from workbench.analysis.attack import analyze_attacks

            attack = analyze_attacks(result.model, result.catalog, risks=result.threats,
                                     recommend=False, sensitivity=False).to_json()
            keep_until_exit(attack)
            problems = plots.plot_elements(result, out, attack)
        elif args.kind == "matrix":
            problems = plots.plot_matrix(result, out, lang=args.lang)
        else:
            problems = plots.plot_layers(result, out)
    except DataMissingError:
        raise  # a broken install, not a write error: main() says so
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {out} ({args.kind}, {len(result.counted())} threats)")
    return 0
