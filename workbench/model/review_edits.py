"""Filling in the vendor review checklist, as pure edit functions (no Qt).

Like :mod:`workbench.model.edits`, every function takes a :class:`ThreatModel` and returns a
new one (the input is never changed; an edit that changes nothing returns the same object,
so the GUI pushes no empty undo step). The GUI's Vendor Review dock and ``workbench review``
both call these.

The checklist itself is analysis data (``workbench.analysis.review``), a layer above the
model, so callers pass the ids it knows (``known_items``): an answer to an item the
checklist does not have is refused here, with a message naming the id, instead of being
stored where no report would ever show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import ValidationError

from workbench.model.review import ReviewAnswer, ReviewAnswerValue, ReviewRecord
from workbench.model.threat_model import ThreatModel

#: Fields of an answer a caller may change (``item`` is the key, never changed).
ANSWER_FIELDS = ("answer", "evidence", "note", "answered_by", "answered_on")
#: Fields of the review record itself.
RECORD_FIELDS = ("vendor", "reviewer", "date")
ANSWER_VALUES = tuple(a.value for a in ReviewAnswerValue)


class ReviewEditError(ValueError):
    """A refused review edit; the message names the item or field, in one line."""


def _clean(value: Any) -> Any:
    """Blank text means "no value": an emptied field stores None, not ""."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _first_error(exc: ValidationError, prefix: str) -> ReviewEditError:
    err = exc.errors()[0]
    field = ".".join(str(part) for part in err["loc"]) or "value"
    return ReviewEditError(f"{prefix}{field}: {err['msg']}")


def parse_answer(value: str | ReviewAnswerValue) -> ReviewAnswerValue:
    """``yes``/``partial``/``no``/``unknown``/``not_applicable`` (``n/a`` and ``na`` too)."""
    if isinstance(value, ReviewAnswerValue):
        return value
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    text = {"n/a": "not_applicable", "na": "not_applicable"}.get(text, text)
    try:
        return ReviewAnswerValue(text)
    except ValueError:
        raise ReviewEditError(f"answer {value!r} is not one of "
                              f"{', '.join(ANSWER_VALUES)}") from None


def update_review(model: ThreatModel, changes: Mapping[str, Any],
                  today: dt.date | None = None) -> ThreatModel:
    """Set the review's vendor, reviewer or date; starts the review when there is none.

    A new review is dated ``today`` unless ``changes`` gives a date.
    """
    unknown = [key for key in changes if key not in RECORD_FIELDS]
    if unknown:
        raise ReviewEditError(f"review has no field {unknown[0]!r} "
                              f"(fields: {', '.join(RECORD_FIELDS)})")
    record = model.review
    data = record.model_dump() if record is not None else \
        {"date": today or dt.date.today()}
    data.update({key: _clean(value) for key, value in changes.items()})
    try:
        new = ReviewRecord.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, "review.") from None
    if record is not None and new == record:
        return model
    return model.model_copy(update={"review": new})


def start_review(model: ThreatModel, vendor: str | None = None, reviewer: str | None = None,
                 date: dt.date | None = None) -> ThreatModel:
    """A review of ``vendor`` by ``reviewer`` (dated today unless ``date``); when the model
    already has one, only the given fields change (its answers are kept)."""
    changes = {key: value for key, value in (("vendor", vendor), ("reviewer", reviewer),
                                             ("date", date)) if value is not None}
    if model.review is None:
        return update_review(model, changes)
    return update_review(model, changes) if changes else model


def answer_of(model: ThreatModel, item: str) -> ReviewAnswer | None:
    record = model.review
    return next((a for a in (record.answers if record else []) if a.item == item), None)


def set_answer(model: ThreatModel, item: str, changes: Mapping[str, Any], *,
               known_items: Collection[str], today: dt.date | None = None) -> ThreatModel:
    """Change the answer to checklist item ``item`` (``changes``: some of
    :data:`ANSWER_FIELDS`); fields not given keep their value.

    ``answered_on`` becomes ``today`` whenever something changes, unless given: the date of
    the last change is what a reviewer needs to date the evidence. A model without a review
    gets one (dated today) on its first answer.
    """
    if item not in known_items:
        raise ReviewEditError(f"unknown checklist item {item!r}")
    unknown = [key for key in changes if key not in ANSWER_FIELDS]
    if unknown:
        raise ReviewEditError(f"{item}: no field {unknown[0]!r} "
                              f"(fields: {', '.join(ANSWER_FIELDS)})")
    clean = {key: _clean(value) for key, value in changes.items()}
    if "answer" in clean:
        if clean["answer"] is None:
            raise ReviewEditError(f"{item}: answer is empty (one of {', '.join(ANSWER_VALUES)})")
        try:
            clean["answer"] = parse_answer(clean["answer"])
        except ReviewEditError as exc:
            raise ReviewEditError(f"{item}: {exc}") from None
    old = answer_of(model, item)
    data = old.model_dump() if old is not None else {"item": item}
    data.update(clean)
    try:
        new = ReviewAnswer.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, f"{item}.") from None
    if old is not None and new == old:
        return model
    if "answered_on" not in clean:
        new = new.model_copy(update={"answered_on": today or dt.date.today()})
    if model.review is None:
        model = update_review(model, {}, today=today)
    answers = list(model.review.answers)
    if old is None:
        answers.append(new)
    else:
        answers[answers.index(old)] = new
    return model.model_copy(update={"review": model.review.model_copy(
        update={"answers": answers})})


def clear_answer(model: ThreatModel, item: str, *,
                 known_items: Collection[str]) -> ThreatModel:
    """Remove the answer to ``item`` (it counts as unknown again).

    An id the checklist no longer has may be cleared when the model holds an answer to it:
    that is how a reviewer tidies answers to retired items.
    """
    old = answer_of(model, item)
    if old is None:
        if item not in known_items:
            raise ReviewEditError(f"unknown checklist item {item!r}")
        return model
    answers = [a for a in model.review.answers if a is not old]
    return model.model_copy(update={"review": model.review.model_copy(
        update={"answers": answers})})
