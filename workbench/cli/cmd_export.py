"""``workbench export FILE --format FMT [-o OUT]``: one registry entry per format.

To add a format, add one :class:`ExportFormat` to :data:`FORMATS`; its ``write`` function gets
the loaded model and returns text (or bytes), which is written to ``-o`` or printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from workbench.cli.common import load, output_path, write_output
from workbench.cli.main import CliError
from workbench.model.text import json_escape_unsafe
from workbench.model.threat_model import ThreatModel


@dataclass(frozen=True)
class ExportFormat:
    name: str
    help: str
    extension: str
    write: Callable[[ThreatModel, str], str | bytes]  # (model, lang)
    binary: bool = False


def _otm(model: ThreatModel, lang: str = "en") -> str:
    """OTM carries the model's own text; ``lang`` does not apply."""
    from workbench.interop.otm import dumps_otm  # imported lazily: keeps startup fast

    return dumps_otm(model)


def _csv_model(model: ThreatModel, lang: str = "en") -> bytes:
    """Structure in the CSV importer's columns; UTF-8 with BOM for spreadsheets."""
    from workbench.interop.csv_export import model_to_csv

    return model_to_csv(model).encode("utf-8-sig")


def _report(fmt: str) -> Callable[[ThreatModel, str], str | bytes]:
    """A report-layer exporter (workbench.report.exports), imported only when used."""
    def write(model: ThreatModel, lang: str = "en") -> str | bytes:
        from workbench.report.exports import model_exporter

        return model_exporter(fmt, lang)(model)

    return write


FORMATS: dict[str, ExportFormat] = {
    f.name: f for f in (
        ExportFormat("otm", "Open Threat Model 0.2.0 (JSON)", ".otm.json", _otm),
        ExportFormat("svg", "architecture diagram, vector SVG", ".svg", _report("svg")),
        ExportFormat("png", "architecture diagram, PNG", ".png", _report("png"), binary=True),
        ExportFormat("csv", "risk register, CSV UTF-8 with BOM", ".csv", _report("csv"),
                     binary=True),
        ExportFormat("csv-model", "zones, components and flows as CSV in the columns "
                     "`import` reads", ".model.csv", _csv_model, binary=True),
        ExportFormat("md", "summary, Markdown", ".md", _report("md")),
        ExportFormat("json", "analysis behind the reports, JSON", ".json", _report("json")),
    )
}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export a model to another format")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS),
                        help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()))
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of labels, headings and vocabularies in svg, png, csv "
                             "and md (default: en); otm and json are language-neutral")
    parser.add_argument("--force", action="store_true",
                        help="allow -o to replace an existing model file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    fmt = FORMATS[args.format]
    out = None if args.output is None else output_path(args.output, args.file, force=args.force)
    model = load(args.file)
    data = fmt.write(model, args.lang)
    if out is None:
        if isinstance(data, bytes):
            raise CliError(f"format {fmt.name} is binary; give an output file with -o")
        if fmt.name in {"json", "otm"}:  # \uXXXX keeps it JSON; the stream filter would not
            data = json_escape_unsafe(data)
        sys.stdout.write(data)
        return 0
    write_output(out, data)
    print(f"wrote {out}", file=sys.stderr)
    return 0
