"""Shared pydantic base and id type for every model object."""


from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

#: Stable identifiers: short, readable, safe in file names and JSON paths.
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$"),
]

#: Ids of things other ids are derived from (components, flows, zones, assets, attackers,
#: targets, controls, impact categories): at most 64 characters, so that a threat key
#: ``<catalog id (<= 63)>@<element id>`` always fits in an :data:`Identifier`.
ElementId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$"),
]
ELEMENT_ID_MAX = 64

#: Free text with a generous bound: hostile files should not hold megabytes in one field.
Text = Annotated[str, StringConstraints(max_length=20_000)]
ShortText = Annotated[str, StringConstraints(max_length=500)]


class Strict(BaseModel):
    """Base for model objects: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


def new_list() -> list:
    """``default_factory`` of list fields: an empty list, as ``list`` gives.

    Pydantic inspects each factory's signature when a class is built (does it take the
    validated data?); a builtin's signature is parsed from its text signature with the
    tokenizer, about a hundred times for the model's and catalog's classes at every start.
    A plain function's signature is read directly."""
    return []


def new_dict() -> dict:
    """``default_factory`` of dict fields: an empty dict (see :func:`new_list`)."""
    return {}
