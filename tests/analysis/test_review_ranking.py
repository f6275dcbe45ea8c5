"""The vendor review ranks its gaps by the core's board ranking (issue 12, items 3 and 7).

Each checklist item names the catalog threats a gap on it leaves unanswered; given the
core analysis, a gap carries the board rank and level of the best-ranked of them, and the
gaps of one severity follow that rank. The second test feeds the review a ranking the core
never produces (reversed): a review that ordered gaps its own way would not follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench.analysis.ranking as ranking
from workbench.analysis.catalog import default_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.review import default_checklist, review_summary
from workbench.model import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "home-telemonitoring.twm.json"


@pytest.fixture(scope="module")
def result():
    return analyze(load_model(SAMPLE))


def _board(result) -> dict[str, tuple[int, str]]:
    return {g.catalog_id: (n, g.current.level)
            for n, g in enumerate(ranking.grouped_ranking(result), 1)}


def _check_follows(summary, board) -> int:
    ranked = 0
    for line in summary.lines:
        ranks = [board[t][0] for t in line.item.threats if t in board]
        assert line.rank == (min(ranks) if ranks else None), line.item.id
        if line.rank is not None:
            assert board[line.threat] == (line.rank, line.level)
            ranked += 1
    for severity in ("blocking", "major", "minor"):
        gaps = [line.rank for line in summary.gaps if line.item.severity == severity]
        known = [r for r in gaps if r is not None]
        assert known == sorted(known), (severity, gaps)
        # unranked gaps (none of their threats on this model) come last
        assert gaps[:len(known)] == known
    return ranked


def test_gaps_follow_the_core_ranking_with_its_levels(result) -> None:
    summary = review_summary(result.model, default_checklist(), result)
    ranked = _check_follows(summary, _board(result))
    assert ranked >= 10
    assert len([g for g in summary.gaps if g.rank is not None]) >= 5
    # without an analysis: no rank, gaps by severity then checklist order, as before
    plain = review_summary(result.model, default_checklist())
    assert all(line.rank is None for line in plain.lines)


def test_the_review_follows_whatever_the_core_ranks(result, monkeypatch) -> None:
    before = [g.item.id for g in review_summary(result.model, None, result).gaps]
    real = ranking.grouped_ranking

    def reversed_ranking(source, *, context=False):
        return list(reversed(real(source, context=context)))

    monkeypatch.setattr(ranking, "grouped_ranking", reversed_ranking)
    summary = review_summary(result.model, None, result)
    _check_follows(summary, _board(result))
    after = [g.item.id for g in summary.gaps]
    assert after != before  # the order moved with the core's


def test_checklist_threats_are_catalog_threats() -> None:
    threats = set(default_catalog().threats)
    for item in default_checklist().items:
        assert item.threats, f"{item.id} names no threat it leaves open"
        assert set(item.threats) <= threats, item.id
