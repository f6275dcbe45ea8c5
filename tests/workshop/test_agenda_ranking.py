"""The workshop shows the board's ranking and levels, never its own (issue 12, item 7).

Each stop of the walkthrough lists its threats in the order of the core's grouped ranking,
with the core's residual level and the rank of the threat on the board. The second test
feeds the agenda a ranking the core never produces (reversed): if the workshop ordered or
rated threats itself, it would not follow.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import workbench.analysis.ranking as ranking
from workbench.analysis.pipeline import analyze
from workbench.cli.main import main
from workbench.model import load_model
from workbench.workshop import build_agenda

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / \
    "cardiac-implant-remote-monitoring.twm.json"


@pytest.fixture(scope="module")
def result():
    return analyze(load_model(SAMPLE))


def _core_order(result, context=False):
    return [risk.instance.id for group in ranking.grouped_ranking(result, context=context)
            for risk in group.threats]


def test_each_stop_follows_the_core_ranking_with_its_levels(result) -> None:
    stops = build_agenda(result.model, result)
    core = _core_order(result) + _core_order(result, context=True)
    risks = {r.instance.id: r for r in result.threats}
    groups = {r.instance.id: n for n, g in enumerate(ranking.grouped_ranking(result), 1)
              for r in g.threats}
    rated = 0
    for stop in stops:
        ids = [i for i, _ in stop.threats if i in risks and risks[i].counted]
        assert ids == [i for i in core if i in set(ids)], stop.element
        for i in ids:
            assert stop.levels[i] == risks[i].current.level
            if i in groups:
                assert stop.ranks[i] == groups[i]
                rated += 1
    assert rated == len(result.counted())  # every ranked threat is on the agenda


def test_the_agenda_follows_whatever_the_core_ranks(result, monkeypatch) -> None:
    real = ranking.grouped_ranking

    def reversed_ranking(source, *, context=False):
        return list(reversed(real(source, context=context)))

    monkeypatch.setattr(ranking, "grouped_ranking", reversed_ranking)
    stops = build_agenda(result.model, result)
    core = _core_order(result)
    icd = next(s for s in stops if s.element == "icd")
    ids = [i for i, _ in icd.threats if i in set(core)]
    assert ids == [i for i in core if i in set(ids)]
    first = next(i for i, _ in icd.threats)
    assert "unauthorized-therapy-change" not in first  # first on the real board, last here


def test_cli_agenda_carries_the_board_levels(result, capsys) -> None:
    assert main(["workshop", "agenda", str(SAMPLE), "--json"]) == 0
    stops = json.loads(capsys.readouterr().out)
    levels = {r.instance.id: r.current.level for r in result.threats}
    seen = 0
    for stop in stops:
        for threat in stop["threats"]:
            if threat["level"] is not None:
                assert threat["level"] == levels[threat["id"]]
                seen += 1
    assert seen == len([r for r in result.threats if r.counted])
