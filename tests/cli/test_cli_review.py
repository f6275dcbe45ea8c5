"""``workbench review``: the checklist with the answers, one answer saved, bad input refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.factories import consumer_model, tiny_model
from workbench.analysis.pipeline import analyze
from workbench.analysis.review import review_summary
from workbench.cli.main import main
from workbench.model import load_model
from workbench.model.io import save_model


@pytest.fixture
def model_path(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.twm.json"
    save_model(tiny_model(), path, keep_backup=False)
    return path


def _json(capsys, argv: list[str]) -> dict:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_empty_review_lists_applicable_items_and_counts_them_unknown(model_path, capsys) -> None:
    capsys.readouterr()
    assert main(["review", str(model_path)]) == 0
    out = capsys.readouterr().out
    assert "no vendor review yet" in out
    assert "\nhosting\n" in out and "BLOCKING hds-certified-hosting" in out
    # the tiny model draws an insulin pump: the medical-device items apply
    assert "BLOCKING signed-firmware:" in out and "not applicable" not in out
    assert "answers: yes 0, partial 0, no 0, unknown 20, not_applicable 0 (20 applicable " \
           "items); met 0%" in out
    assert "gaps: 20 (blocking 7, major 11, minor 2)" in out


def test_medical_device_items_do_not_apply_without_a_device(tmp_path, capsys) -> None:
    path = tmp_path / "consumer.twm.json"
    save_model(consumer_model(), path, keep_backup=False)
    capsys.readouterr()
    assert main(["review", str(path)]) == 0
    out = capsys.readouterr().out
    assert "signed-firmware:" not in out
    assert "not applicable to this model (1): signed-firmware (no medical device declared " \
           "or drawn)" in out


def test_set_saves_with_a_backup_and_the_figures_match_the_summary(model_path, capsys) -> None:
    capsys.readouterr()
    argv = ["review", str(model_path), "--vendor", "Acme Telehealth", "--reviewer", "J. Martin",
            "--date", "2026-11-20", "--set", "hds-certified-hosting=yes",
            "--evidence", "HDS certificate #2231 valid until 2027-03", "--note", "checked scope"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "hds-certified-hosting: yes (was unanswered)" in out and f"saved {model_path}" in out
    assert model_path.with_name(model_path.name + ".bak").is_file()
    model = load_model(model_path)
    record = model.review
    assert (record.vendor, record.reviewer, record.date.isoformat()) == (
        "Acme Telehealth", "J. Martin", "2026-11-20")
    answer = record.answers[0]
    assert answer.evidence == "HDS certificate #2231 valid until 2027-03"
    assert answer.answered_by == "J. Martin"  # the reviewer, unless --by says otherwise

    assert main(["review", str(model_path), "--set", "sbom=n/a", "--by", "DPO",
                 "--on", "2026-11-21"]) == 0
    assert main(["review", str(model_path), "--set", "logging=partial"]) == 0
    data = _json(capsys, ["review", str(model_path), "--json"])
    # the CLI ranks gaps by the core analysis of the model (same severity order first)
    reviewed = load_model(model_path)
    summary = review_summary(reviewed, None, analyze(reviewed))
    assert data["counts"] == summary.counts == {"yes": 1, "partial": 1, "no": 0,
                                                "unknown": 17, "not_applicable": 1}
    assert data["blocking_gaps"] == [g.item.id for g in summary.blocking_gaps]
    assert data["gaps"][:len(data["blocking_gaps"])] == data["blocking_gaps"]
    assert "logging" in data["major_gaps"] and data["applicable"] == 20
    sbom = next(i for i in data["items"] if i["id"] == "sbom")
    assert (sbom["answer"], sbom["answered_by"], sbom["answered_on"]) == (
        "not_applicable", "DPO", "2026-11-21")
    firmware = next(i for i in data["items"] if i["id"] == "signed-firmware")
    assert firmware["applicable"] is True and firmware["applies_if"] == "medical_device"
    assert firmware["title_fr"]


def test_clear_makes_an_item_unknown_again(model_path, capsys) -> None:
    assert main(["review", str(model_path), "--set", "sbom=no"]) == 0
    data = _json(capsys, ["review", str(model_path), "--clear", "sbom", "--json"])
    assert data["edit"] == {"item": "sbom", "previous": "no", "answer": None, "saved": True}
    assert data["counts"]["no"] == 0 and load_model(model_path).review.answers == []


def test_same_answer_again_does_not_rewrite_the_file(model_path, capsys) -> None:
    argv = ["review", str(model_path), "--set", "sbom=yes", "--on", "2026-11-20"]
    assert main(argv) == 0
    before = model_path.read_bytes()
    data = _json(capsys, [*argv, "--json"])
    assert data["edit"]["saved"] is False and model_path.read_bytes() == before


@pytest.mark.parametrize(("extra", "named"), [
    (["--set", "ghost=yes"], "unknown checklist item 'ghost'"),
    (["--set", "sbom=maybe"], "answer 'maybe' is not one of yes, partial, no"),
    (["--set", "sbom"], "--set: 'sbom' is not ITEM=ANSWER"),
    (["--set", "sbom="], "--set sbom: answer '' is not one of"),
    (["--clear", "ghost"], "unknown checklist item 'ghost'"),
    (["--evidence", "cert"], "--evidence needs --set ITEM=ANSWER"),
    (["--set", "sbom=yes", "--clear", "sbom"], "--set and --clear"),
    (["--set", "sbom=yes", "--on", "yesterday"], "--on: 'yesterday' is not a date"),
    (["--date", "2026-13-01"], "--date: '2026-13-01' is not a date"),
    (["--set", "sbom=yes", "--evidence", "x" * 20_001], "sbom.evidence"),
    (["--vendor", "v" * 501], "review.vendor"),
])
def test_bad_edits_are_one_line_and_leave_the_file_untouched(model_path, capsys, extra,
                                                             named) -> None:
    assert main(["review", str(model_path), "--set", "logging=yes"]) == 0
    before = model_path.read_bytes()
    backup = model_path.with_name(model_path.name + ".bak")
    backup_before = backup.read_bytes()
    capsys.readouterr()
    assert main(["review", str(model_path), *extra]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and named in lines[0], lines
    assert "Traceback" not in captured.err and captured.out == ""
    assert model_path.read_bytes() == before and backup.read_bytes() == backup_before


def test_a_review_of_a_sample_model_reads_like_the_report(capsys) -> None:
    sample = Path(__file__).resolve().parents[2] / "sample-models" / \
        "home-telemonitoring.twm.json"
    data = _json(capsys, ["review", str(sample), "--json"])
    model = load_model(sample)
    summary = review_summary(model, None, analyze(model))
    assert data["counts"] == summary.counts
    assert data["met_ratio"] == round(summary.met_ratio, 3)
    assert len(data["items"]) == len(summary.lines)
    # the sample's review is half done: every answer kind, gaps blocking first
    assert data["vendor"].startswith("CardioSuivi") and data["started"]
    assert data["counts"] == {"yes": 3, "partial": 4, "no": 1, "unknown": 12,
                              "not_applicable": 0}
    # blocking gaps, ranked by the board rank of the threats each leaves open
    assert sorted(data["blocking_gaps"]) == ["default-credentials", "encryption-in-transit",
                                             "patch-commitment", "signed-firmware"]
    assert data["blocking_gaps"] == [g.item.id for g in summary.blocking_gaps]
    ranks = [g.rank for g in summary.blocking_gaps]
    assert None not in ranks and ranks == sorted(ranks)
