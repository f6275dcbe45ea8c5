"""``workbench screenshot FILE -o OUT.png``: the main window with the model, rendered offscreen."""

from __future__ import annotations

import argparse
import re

from workbench.cli.main import CliError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("screenshot", help="render the workbench window to a PNG (offscreen)")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.png")
    parser.add_argument("--size", default="1600x1000", metavar="WxH")
    parser.add_argument("--select", metavar="ID", help="select this element, flow or zone")
    parser.add_argument("--path", type=int, metavar="N", help="highlight attack path N (1 = top)")
    parser.add_argument("--risk", action="store_true", help="show the risk overlay")
    parser.add_argument("--lang", help="interface language (en, fr)")
    parser.add_argument("--force", action="store_true",
                        help="allow -o to replace an existing model file")
    parser.set_defaults(handler=run)


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not match:
        raise CliError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1600x1000")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise CliError(f"--size {text!r}: width 320-8000 and height 240-8000")
    return width, height


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    from workbench.cli.common import load, output_path

    output_path(args.output, args.file, force=args.force)
    load(args.file)  # bad files fail here with the usual one-line messages
    try:
        from workbench.gui.i18n import LANGUAGES
        from workbench.gui.screenshot import ScreenshotError, render_screenshot
    except ImportError as exc:  # Qt's own libraries missing: name the package to install
        from workbench.cli.qt_check import import_problem

        raise CliError(import_problem(exc).message("workbench screenshot")) from exc

    if args.lang and args.lang.lower().replace("-", "_").split("_")[0] not in LANGUAGES:
        raise CliError(f"--lang {args.lang!r}: not shipped; choose one of "
                       f"{', '.join(LANGUAGES)}")

    try:
        out = render_screenshot(args.file, args.output, size=size, select=args.select,
                                path_index=args.path, lang=args.lang, risk=args.risk)
    except ScreenshotError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {out}")
    return 0
