"""``workbench schema``: the JSON Schema of the file format, generated from the models."""

from __future__ import annotations

import argparse
import json

from workbench.model.schema import model_json_schema


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of .twm.json files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(model_json_schema(), indent=2, sort_keys=True))
    return 0
