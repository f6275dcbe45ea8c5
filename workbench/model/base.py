"""Shared pydantic base and id type for every model object."""


from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

from workbench.model.plugin_scan import skip_plugin_scan_when_none_installed

skip_plugin_scan_when_none_installed()  # before the first model class is built

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


class SharedFieldsSet(set):
    """A fields set (``__pydantic_fields_set__``: the names given, not defaulted) that many
    model objects hold at once.

    pydantic builds one set per object, name by name, in a table sized for far more names
    (about 700 bytes): a third of a threat instance's memory, half of a loaded
    component's. The rule engine's new instances (one set for all of them) and a model
    read from a file (:func:`share_fields_sets`, one set per distinct set of names) share
    them instead. An object changes its fields set only when a field is assigned:
    :meth:`Strict.__setattr__` gives it a set of its own first. A copy of an object
    (``model_copy``, ``copy``, ``deepcopy``) gets a plain set of its own (:meth:`__copy__`)."""

    __slots__ = ()

    def __copy__(self) -> set[str]:
        return set(self)


class Strict(BaseModel):
    """Base for model objects: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign as pydantic does, after giving a shared fields set
        (:class:`SharedFieldsSet`) a copy of its own: the assignment records ``name`` in
        this object's fields set, never in the others'."""
        fields = self.__pydantic_fields_set__
        if type(fields) is SharedFieldsSet:
            _object_setattr(self, "__pydantic_fields_set__", set(fields))
        super().__setattr__(name, value)


def share_fields_sets(objects: Iterable[BaseModel]) -> None:
    """Give ``objects`` one :class:`SharedFieldsSet` per distinct fields set (equal
    contents: the same names given), instead of one set each.

    Objects of a list mostly give the same names one after the other, so each set is
    compared with the one before first."""
    shared: dict[frozenset[str], SharedFieldsSet] = {}
    last: SharedFieldsSet | None = None
    for obj in objects:
        fields = obj.__pydantic_fields_set__
        if fields is last:
            continue
        if last is None or fields != last:
            key = frozenset(fields)
            last = shared.get(key)
            if last is None:
                last = shared[key] = SharedFieldsSet(key)
        _set_fields_set(obj, last)


_object_setattr = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__


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
