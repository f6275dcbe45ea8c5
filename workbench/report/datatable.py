"""Load one of the report's versioned JSON data files, validated, with a clear error.

Why one loader: each table (harms, functions, ...) must fail the same way on a broken file,
``FILE: json.path: message``, never with a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from workbench.model.errors import ModelError, Problem, format_loc

T = TypeVar("T", bound=BaseModel)


def load_table(path: Path, schema: type[T]) -> T:
    """``path`` parsed and validated against ``schema``; ModelError naming the file if not."""
    try:
        return schema.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ModelError([Problem(format_loc(tuple(e["loc"])), e["msg"])
                          for e in exc.errors()], str(path)) from None
    except (OSError, ValueError) as exc:
        raise ModelError([Problem("$", str(exc))], str(path)) from None
