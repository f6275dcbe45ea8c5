"""French wording of the stencils' default safety-critical functions (``functions-fr.json``).

Why: a French board report names the function an attacker reaches ("la fonction « … » de
la pompe"); the stencils state that function in English, and the board page showed it as
"« intravenous drug dosing »". Text a user typed that the table does not know is kept as
typed: it is the user's own wording, not the product's.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from workbench.model.errors import ModelError, Problem, format_loc

DATA_FILE = Path(__file__).with_name("functions-fr.json")


class FunctionTable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int
    description: str = ""
    functions: dict[str, str]


@cache
def load_functions(path: Path = DATA_FILE) -> dict[str, str]:
    try:
        table = FunctionTable.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ModelError([Problem(format_loc(tuple(e["loc"])), e["msg"])
                          for e in exc.errors()], str(path)) from None
    except (OSError, ValueError) as exc:
        raise ModelError([Problem("$", str(exc))], str(path)) from None
    return {key.strip().lower(): value for key, value in table.functions.items()}


def french_function(english: str) -> str:
    """The French wording of a stencil function; unknown (user) text comes back as typed."""
    return load_functions().get(english.strip().lower(), english)
