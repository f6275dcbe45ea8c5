"""Answers to the vendor architecture review checklist, stored in the model.

The checklist itself is data (``catalogs/review-checklist.json``); the model only keeps the
answers, keyed by the checklist item id, so a newer checklist never invalidates old answers.
"""


import datetime as dt
from enum import StrEnum

from pydantic import Field

from workbench.model.base import Identifier, ShortText, Strict, Text, new_list


class ReviewAnswerValue(StrEnum):
    YES = "yes"
    PARTIAL = "partial"
    NO = "no"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class ReviewAnswer(Strict):
    """The vendor's answer to one checklist item, and the proof the reviewer saw."""

    item: Identifier
    answer: ReviewAnswerValue = ReviewAnswerValue.UNKNOWN
    evidence: Text | None = None
    note: Text | None = None
    answered_by: ShortText | None = None
    answered_on: dt.date | None = None


class ReviewRecord(Strict):
    """One review of a vendor's architecture against the buyer's checklist."""

    checklist: ShortText = "review-checklist"
    vendor: ShortText | None = None
    reviewer: ShortText | None = None
    date: dt.date | None = None
    answers: list[ReviewAnswer] = Field(default_factory=new_list)
