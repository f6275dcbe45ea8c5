"""``threat_order.core_order`` reads both rankings from one pass
(``ranking.grouped_rankings``): the same tiers, in the same order, as asking
``grouped_ranking`` for each."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import grouped_ranking
from workbench.gui.threat_order import CONTEXT, RANKED, core_order
from workbench.model.io import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


@pytest.mark.parametrize("name", ["cardiac-implant-remote-monitoring", "ght-shared-ehr-pacs"])
def test_tiers_are_the_plain_rankings(name: str) -> None:
    result = analyze(load_model(SAMPLES / f"{name}.twm.json"))
    plain = {RANKED: grouped_ranking(result), CONTEXT: grouped_ranking(result, context=True)}
    assert plain[RANKED]
    rows, places = core_order(result, grouped=True)
    for tier, groups in plain.items():
        got = [r for r in rows if places[id(r)].tier == tier]
        assert [(g.catalog_id, [t.key for t in g.threats]) for g in got] == \
               [(g.catalog_id, [t.key for t in g.threats]) for g in groups]
    copies, places = core_order(result, grouped=False)
    for tier, groups in plain.items():
        got = [r.key for r in copies if places[id(r)].tier == tier]
        assert got == [t.key for g in groups for t in g.threats]
