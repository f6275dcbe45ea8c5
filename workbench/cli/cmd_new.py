"""``workbench new --template NAME -o FILE``: start a model from a template."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import output_path, writing
from workbench.cli.main import CliError
from workbench.model import save_model
from workbench.model.templates import from_template, template_names


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new", help="create a model from a template")
    parser.add_argument("--template", default="blank",
                        help="blank or a sample model name (see --list)")
    parser.add_argument("--title", help="title of the new model")
    parser.add_argument("-o", "--output", help="file to write (.twm.json)")
    parser.add_argument("--list", action="store_true", help="list the templates and exit")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        print("\n".join(template_names()))
        return 0
    if not args.output:
        raise CliError("new: -o FILE is required")
    out = Path(args.output)
    if out.exists() and not out.is_dir() and not args.force:
        raise CliError(f"{out}: already exists (use --force to overwrite)")
    try:
        model = from_template(args.template, args.title)
    except KeyError:
        raise CliError(f"unknown template {args.template!r}; known: "
                       f"{', '.join(template_names())}") from None
    replacing = out.exists()  # with --force: the replaced model stays as OUT.bak
    with writing(output_path(out, force=args.force)):
        save_model(model, out, keep_backup=replacing)
    print(f"{out}: created from template {args.template!r}")
    return 0
