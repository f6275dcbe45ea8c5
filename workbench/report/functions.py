"""French wording of the stencils' default safety-critical functions (``functions-fr.json``).

Why: a French board report names the function an attacker reaches ("la fonction « … » de
la pompe"); the stencils state that function in English, and the board page showed it as
"« intravenous drug dosing »". Text a user typed that the table does not know is kept as
typed: it is the user's own wording, not the product's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from workbench.report.datatable import load_table

DATA_FILE = Path(__file__).with_name("functions-fr.json")


class FunctionTable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int
    description: str = ""
    functions: dict[str, str]


@cache
def load_functions(path: Path = DATA_FILE) -> dict[str, str]:
    table = load_table(path, FunctionTable)
    return {key.strip().lower(): value for key, value in table.functions.items()}


def french_function(english: str) -> str:
    """The French wording of a stencil function; unknown (user) text comes back as typed."""
    return load_functions().get(english.strip().lower(), english)
