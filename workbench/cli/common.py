"""Helpers shared by CLI commands: loading models, writing JSON, checking output paths."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from workbench.model import ThreatModel, load_model


def load(path: str) -> ThreatModel:
    """Load a model or raise ModelError (the entry point prints it and exits 1)."""
    return load_model(Path(path))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")
