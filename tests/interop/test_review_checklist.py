"""The vendor review checklist is valid data and its summary ranks the gaps."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.interop.helpers import rich_model
from workbench.analysis.review import default_checklist, load_checklist, review_summary
from workbench.model import ModelError
from workbench.model.io import dumps_model, model_from_document
from workbench.model.review import ReviewAnswer, ReviewRecord

REQUIRED_TOPICS = ("hds-certified-hosting", "signed-firmware", "encryption-in-transit",
                   "encryption-at-rest", "sbom", "vulnerability-disclosure", "patch-commitment",
                   "clinician-authentication", "logging", "incident-notification",
                   "data-location")


def test_checklist_covers_what_buyers_check() -> None:
    checklist = default_checklist()
    ids = [i.id for i in checklist.items]
    assert len(ids) == len(set(ids))
    for topic in REQUIRED_TOPICS:
        assert topic in ids
    assert all(i.references and i.question for i in checklist.items)


def test_summary_counts_answers_and_lists_blocking_gaps_first() -> None:
    model = rich_model()
    model.regulatory.hosts_health_data = True
    model.review = ReviewRecord(vendor="Acme", reviewer="CISO", date=dt.date(2026, 11, 29),
                                answers=[
        ReviewAnswer(item="sbom", answer="yes", evidence="CycloneDX 1.5 file"),
        ReviewAnswer(item="encryption-in-transit", answer="partial",
                     note="BLE link unencrypted"),
        ReviewAnswer(item="hds-certified-hosting", answer="no"),
        ReviewAnswer(item="network-segmentation", answer="no"),
        ReviewAnswer(item="retired-item", answer="yes"),
    ])
    summary = review_summary(model)
    assert summary.counts["yes"] == 1 and summary.counts["partial"] == 1
    assert summary.counts["no"] == 2
    gaps = [g.item.id for g in summary.gaps]
    assert gaps.index("hds-certified-hosting") < gaps.index("network-segmentation")
    assert "sbom" not in gaps
    assert {"encryption-in-transit", "hds-certified-hosting"} <= {
        g.item.id for g in summary.blocking_gaps}
    assert summary.unknown_items == ["retired-item"]
    data = summary.to_json()
    assert data["vendor"] == "Acme" and json.dumps(data)
    # The record survives a save and load.
    again = model_from_document(json.loads(dumps_model(model)), "x")
    assert again.review == model.review


def test_items_for_medical_devices_do_not_apply_to_other_systems() -> None:
    model = rich_model()
    summary = review_summary(model)
    firmware = next(line for line in summary.lines if line.item.id == "signed-firmware")
    assert not firmware.applicable and not firmware.gap
    model.regulatory.medical_device = True
    firmware = next(line for line in review_summary(model).lines
                    if line.item.id == "signed-firmware")
    assert firmware.applicable and firmware.gap  # unanswered counts as unknown


def test_broken_checklist_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"checklist_format": 1, "id": "x", "version": "1",
                                "title": "t", "items": [{"id": "a"}]}), encoding="utf-8")
    with pytest.raises(ModelError, match="items"):
        load_checklist(path)


def test_every_checklist_item_reads_in_french() -> None:
    """French buyers (hospital CISOs, GHT purchasing) fill the checklist in French."""
    from workbench.analysis.review import load_checklist

    for item in load_checklist().items:
        assert item.title_fr and item.question_fr and item.question_fr != item.question, item.id
        assert bool(item.evidence_expected_fr) == bool(item.evidence_expected), item.id
