"""Filling in the vendor review checklist: pure edits, checked against the checklist."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.review import default_checklist, review_summary
from workbench.model.io import dumps_model, model_from_document
from workbench.model.review import ReviewAnswerValue
from workbench.model.review_edits import (
    ReviewEditError,
    answer_of,
    clear_answer,
    parse_answer,
    set_answer,
    start_review,
    update_review,
)

KNOWN = {item.id for item in default_checklist().items}
DAY = dt.date(2026, 11, 20)


def test_start_review_records_vendor_reviewer_and_today() -> None:
    model = tiny_model()
    new = start_review(model, "Acme Telehealth", "CISO")
    assert model.review is None  # the input is never changed
    assert new.review.vendor == "Acme Telehealth" and new.review.reviewer == "CISO"
    assert new.review.date == dt.date.today() and new.review.answers == []
    again = start_review(new, reviewer="DPO", date=DAY)
    assert again.review.vendor == "Acme Telehealth" and again.review.reviewer == "DPO"
    assert again.review.date == DAY
    assert start_review(again) is again  # nothing to change: same object, no undo step


def test_set_answer_creates_the_review_and_dates_the_answer() -> None:
    model = tiny_model()
    new = set_answer(model, "sbom", {"answer": "partial", "evidence": " CycloneDX, no firmware ",
                                     "answered_by": "CISO"}, known_items=KNOWN, today=DAY)
    assert model.review is None
    answer = answer_of(new, "sbom")
    assert answer.answer == ReviewAnswerValue.PARTIAL
    assert answer.evidence == "CycloneDX, no firmware"  # trimmed
    assert answer.answered_by == "CISO" and answer.answered_on == DAY
    assert new.review.date == DAY
    assert review_summary(new).counts["partial"] == 1


def test_changing_one_field_keeps_the_others_and_replaces_in_place() -> None:
    model = set_answer(tiny_model(), "sbom", {"answer": "no", "note": "asked again"},
                       known_items=KNOWN, today=DAY)
    model = set_answer(model, "logging", {"answer": "yes"}, known_items=KNOWN, today=DAY)
    later = dt.date(2026, 12, 1)
    new = set_answer(model, "sbom", {"evidence": "SPDX 2.3 file"}, known_items=KNOWN,
                     today=later)
    sbom = answer_of(new, "sbom")
    assert (sbom.answer, sbom.note, sbom.evidence) == (ReviewAnswerValue.NO, "asked again",
                                                      "SPDX 2.3 file")
    assert sbom.answered_on == later
    assert [a.item for a in new.review.answers] == ["sbom", "logging"]
    assert answer_of(model, "sbom").evidence is None  # the old version is untouched
    # an emptied field is cleared, not stored as ""
    cleared = set_answer(new, "sbom", {"evidence": "  "}, known_items=KNOWN, today=later)
    assert answer_of(cleared, "sbom").evidence is None


def test_same_values_return_the_same_model() -> None:
    model = set_answer(tiny_model(), "sbom", {"answer": "yes", "evidence": "file"},
                       known_items=KNOWN, today=DAY)
    assert set_answer(model, "sbom", {"answer": "yes", "evidence": "file "},
                      known_items=KNOWN, today=dt.date(2027, 1, 1)) is model


@pytest.mark.parametrize(("item", "changes", "message"), [
    ("toaster-safety", {"answer": "yes"}, "unknown checklist item 'toaster-safety'"),
    ("sbom", {"answer": "maybe"}, "sbom: answer 'maybe' is not one of yes, partial, no"),
    ("sbom", {"answer": ""}, "sbom: answer is empty"),
    ("sbom", {"colour": "red"}, "sbom: no field 'colour'"),
    ("sbom", {"evidence": "x" * 20_001}, "sbom.evidence"),
    ("sbom", {"answered_on": "next week"}, "sbom.answered_on"),
])
def test_bad_edits_are_refused_naming_item_and_field(item, changes, message) -> None:
    model = tiny_model()
    with pytest.raises(ReviewEditError) as info:
        set_answer(model, item, changes, known_items=KNOWN)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert model.review is None


def test_answer_spellings() -> None:
    assert parse_answer("N/A") == ReviewAnswerValue.NOT_APPLICABLE
    assert parse_answer("not applicable") == ReviewAnswerValue.NOT_APPLICABLE
    assert parse_answer("Partial") == ReviewAnswerValue.PARTIAL
    with pytest.raises(ReviewEditError, match="'perhaps'"):
        parse_answer("perhaps")


def test_review_fields_are_checked() -> None:
    with pytest.raises(ReviewEditError, match="review.date"):
        update_review(tiny_model(), {"date": "someday"})
    with pytest.raises(ReviewEditError, match="no field 'budget'"):
        update_review(tiny_model(), {"budget": 3})


def test_clear_answer_makes_the_item_unknown_again() -> None:
    model = set_answer(tiny_model(), "sbom", {"answer": "yes"}, known_items=KNOWN, today=DAY)
    cleared = clear_answer(model, "sbom", known_items=KNOWN)
    assert answer_of(cleared, "sbom") is None
    assert review_summary(cleared).counts["yes"] == 0
    assert clear_answer(cleared, "sbom", known_items=KNOWN) is cleared
    with pytest.raises(ReviewEditError, match="'ghost'"):
        clear_answer(cleared, "ghost", known_items=KNOWN)


def test_an_answer_to_a_retired_item_can_be_cleared() -> None:
    model = set_answer(tiny_model(), "old-item", {"answer": "yes"},
                       known_items=KNOWN | {"old-item"}, today=DAY)
    assert review_summary(model).unknown_items == ["old-item"]
    assert answer_of(clear_answer(model, "old-item", known_items=KNOWN), "old-item") is None


def test_answers_survive_save_and_load() -> None:
    model = start_review(tiny_model(), "Acme", "CISO", DAY)
    model = set_answer(model, "hds-certified-hosting",
                       {"answer": "yes", "evidence": "HDS certificate #2231 valid until 2027-03"},
                       known_items=KNOWN, today=DAY)
    again = model_from_document(json.loads(dumps_model(model)), "x")
    assert again.review == model.review
