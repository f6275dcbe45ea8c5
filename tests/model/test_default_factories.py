"""List and dict fields default through plain functions, not the builtins.

Pydantic reads each ``default_factory``'s signature when a class is built; a builtin's is
parsed from its text signature with the tokenizer (``inspect.signature(list)``), which
was about a twentieth of ``workbench analyze``'s imports. ``base.new_list``/``new_dict``
give the same values.
"""

from __future__ import annotations

import builtins

import pydantic

import workbench.analysis.catalog as catalog
import workbench.model as model
from workbench.model.base import new_dict, new_list

# The modules `workbench analyze` imports (the file format and the catalog). Subclasses
# found elsewhere depend on which tests ran before (``__subclasses__`` sees only imported
# classes), so they are left out for a result that does not depend on test order.
_SCOPE = ("workbench.model", "workbench.analysis.catalog")


def _model_classes() -> list[type[pydantic.BaseModel]]:
    found = []
    for module in (model, catalog):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel):
                found.append(value)
    seen, todo = set(), list(found)
    while todo:  # the classes' fields' classes too
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        todo.extend(c for c in cls.__subclasses__() if c.__module__.startswith(_SCOPE))
    return sorted(seen, key=lambda c: (c.__module__, c.__qualname__))


def test_no_model_field_defaults_through_a_builtin_factory():
    builtin_types = {v for v in vars(builtins).values() if isinstance(v, type)}
    bad = [f"{cls.__qualname__}.{name}" for cls in _model_classes()
           for name, info in cls.model_fields.items()
           if info.default_factory in builtin_types]
    assert not bad


def test_the_factories_give_fresh_empty_values():
    assert new_list() == [] and new_list() is not new_list()
    assert new_dict() == {} and new_dict() is not new_dict()
    a = model.Metadata(title="a")
    b = model.Metadata(title="b")
    assert a.authors == [] and a.authors is not b.authors
    assert "authors" not in a.model_fields_set
