"""A small declarative condition language, used by catalog rules and attacker entry points.

A condition is data, never code: ``{"attr": "properties.internet_exposed", "op": "eq",
"value": true}``, combined with ``{"all": [...]}``, ``{"any": [...]}`` and ``{"not": ...}``.
Attributes are checked against a fixed vocabulary (see :mod:`workbench.model.facts`) when a
catalog or model is loaded, so a typo in a rule is an error, not a rule that never fires.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import Field, model_validator

from workbench.model.base import Strict

Operator = Literal[
    "eq", "ne", "in", "not_in", "contains", "contains_any", "exists", "gt", "gte", "lt", "lte"
]
_LIST_OPERATORS = {"in", "not_in", "contains_any"}
_ORDER_OPERATORS = {"gt", "gte", "lt", "lte"}
MAX_DEPTH = 16


class Condition(Strict):
    """One node of a condition tree; exactly one of all / any / not / attr is set."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    attr: str | None = None
    op: Operator | None = None
    value: Any = None

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [self.all is not None, self.any is not None, self.not_ is not None,
                 self.attr is not None]
        if sum(forms) != 1:
            raise ValueError("a condition needs exactly one of 'all', 'any', 'not', 'attr'")
        if self.attr is not None:
            if self.op is None:
                raise ValueError(f"condition on {self.attr!r} has no 'op'")
            if self.op in _LIST_OPERATORS and not isinstance(self.value, list):
                raise ValueError(f"operator {self.op!r} needs a list as 'value'")
            if self.op in _ORDER_OPERATORS and (
                isinstance(self.value, bool) or not isinstance(self.value, int | float)
            ):
                raise ValueError(f"operator {self.op!r} needs a number as 'value'")
            if self.op == "exists" and not isinstance(self.value, bool):
                raise ValueError("operator 'exists' needs true or false as 'value'")
        elif self.op is not None or self.value is not None:
            raise ValueError("'op' and 'value' belong with 'attr'")
        return self

    def attributes(self) -> list[str]:
        """Every attribute the tree reads, for validation against a vocabulary."""
        if self.attr is not None:
            return [self.attr]
        children = self.all or self.any or ([self.not_] if self.not_ else [])
        return [a for child in children for a in child.attributes()]

    def depth(self) -> int:
        children = self.all or self.any or ([self.not_] if self.not_ else [])
        return 1 + max((c.depth() for c in children), default=0)

    def evaluate(self, facts: dict[str, Any]) -> bool:
        if self.all is not None:
            return all(c.evaluate(facts) for c in self.all)
        if self.any is not None:
            return any(c.evaluate(facts) for c in self.any)
        if self.not_ is not None:
            return not self.not_.evaluate(facts)
        return _compare(facts.get(self.attr), self.op, self.value)  # type: ignore[arg-type]


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if op == "exists":
        present = actual is not None and actual != [] and actual != ""
        return present == expected
    if op == "eq":
        return actual == expected
    if op == "ne":
        return actual != expected
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "contains":
        return isinstance(actual, list | tuple | set | frozenset) and expected in actual
    if op == "contains_any":
        return isinstance(actual, list | tuple | set | frozenset) and any(
            item in actual for item in expected
        )
    if actual is None or isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return {
        "gt": actual > expected,
        "gte": actual >= expected,
        "lt": actual < expected,
        "lte": actual <= expected,
    }[op]


def compiled(condition: Condition) -> Callable[[dict[str, Any]], bool]:
    """``condition.evaluate`` as a tree of closures, for a caller that evaluates one
    condition on many fact sets (the rule engine: every catalog rule on every distinct
    fact set of a model). The same answers as :meth:`Condition.evaluate`, as plain
    bools: the node's form, operator and value are looked at once here instead of at
    every evaluation, and an ``all``/``any`` stops at its first deciding child as
    ``all()``/``any()`` do."""
    if condition.all is not None:
        return _all_of([compiled(c) for c in condition.all])
    if condition.any is not None:
        return _any_of([compiled(c) for c in condition.any])
    if condition.not_ is not None:
        inner = compiled(condition.not_)
        return lambda facts: not inner(facts)
    return _leaf(condition.attr, condition.op, condition.value)  # type: ignore[arg-type]


def _all_of(children: list[Callable[[dict[str, Any]], bool]]
            ) -> Callable[[dict[str, Any]], bool]:
    def test(facts: dict[str, Any]) -> bool:
        for child in children:  # noqa: SIM110 - all() would make a generator per call
            if not child(facts):
                return False
        return True
    return test


def _any_of(children: list[Callable[[dict[str, Any]], bool]]
            ) -> Callable[[dict[str, Any]], bool]:
    def test(facts: dict[str, Any]) -> bool:
        for child in children:  # noqa: SIM110 - any() would make a generator per call
            if child(facts):
                return True
        return False
    return test


def _leaf(attr: str, op: str, expected: Any) -> Callable[[dict[str, Any]], bool]:
    """One comparison (:func:`_compare`); the common operators inlined, as bools."""
    if op == "eq":
        return lambda facts: bool(facts.get(attr) == expected)
    if op == "ne":
        return lambda facts: bool(facts.get(attr) != expected)
    if op == "in":
        return lambda facts: facts.get(attr) in expected
    if op == "not_in":
        return lambda facts: facts.get(attr) not in expected
    return lambda facts: bool(_compare(facts.get(attr), op, expected))


def check_condition(condition: Condition, vocabulary: frozenset[str]) -> list[str]:
    """Messages for attributes outside the vocabulary and trees nested too deep."""
    problems = [
        f"unknown attribute {attr!r} (known: see docs/conditions.md)"
        for attr in condition.attributes()
        if attr not in vocabulary
    ]
    if condition.depth() > MAX_DEPTH:
        problems.append(f"condition nested deeper than {MAX_DEPTH} levels")
    return problems
