"""``threat_order.core_order`` reads both rankings from one pass
(``ranking.grouped_rankings``): the same tiers, in the same order, as asking
``grouped_ranking`` for each; its places, made when asked, are those made one per row."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import ThreatGroup, group_threats, grouped_ranking, grouped_rankings
from workbench.gui.threat_order import CONTEXT, RANKED, RULED_OUT, Place, core_order
from workbench.model.enums import ThreatStatus
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


def _plain_places(result, grouped: bool) -> list[Place]:
    """Each row's place, one ``Place`` made per row in the core order (the computation
    ``Places`` replaces; groups are made anew, so compared by position)."""
    ranked, context = grouped_rankings(result)
    ruled_out = sorted(group_threats(r for r in result.threats if not r.counted),
                       key=ThreatGroup.rank_key)
    places: list[Place] = []
    for tier, groups in ((RANKED, ranked), (CONTEXT, context), (RULED_OUT, ruled_out)):
        for rank, group in enumerate(groups, start=1):
            for copy, _row in enumerate([group] if grouped else group.threats):
                places.append(Place(tier, rank, len(places), len(groups), copy))
    return places


@pytest.mark.parametrize("name", ["cardiac-implant-remote-monitoring", "ght-shared-ehr-pacs",
                                  "hospital-ward-iomt"])
@pytest.mark.parametrize("grouped", [False, True], ids=["copies", "grouped"])
def test_each_rows_place_is_the_plain_one(name: str, grouped: bool) -> None:
    """``Places`` makes a row's place when asked: the same as one made per row."""
    model = load_model(SAMPLES / f"{name}.twm.json")
    model.threats[0].status = ThreatStatus.REJECTED  # a ruled-out tier too
    result = analyze(model)
    rows, places = core_order(result, grouped)
    plain = _plain_places(result, grouped)
    assert len(places) == len(plain) == len(rows)
    assert set(places) == {id(r) for r in rows}
    assert [places[id(r)] for r in rows] == plain
    assert places.tiers(rows) == [p.tier for p in plain]
    assert RULED_OUT in places.tiers(rows)
    assert places.tiers([object()]) == [RANKED]
    assert places.get(id(object())) is None


@pytest.mark.parametrize("grouped", [False, True], ids=["copies", "grouped"])
def test_the_workers_tiers_give_the_panels_rows_of_the_plain_order(make_window, grouped):
    """The worker ranks the tiers (``Analysis.tiers``) off the window's thread: the
    Threats panel shows the rows and places ``core_order`` works out by itself."""
    from workbench.gui.threat_order import tier_groups
    from workbench.gui.worker import run_analysis

    window = make_window(SAMPLES / "hospital-ward-iomt.twm.json")
    model = window.doc.model
    model.threats[0].status = ThreatStatus.REJECTED  # a ruled-out tier too
    analysis = run_analysis(model, window.stencils)
    assert analysis.tiers is not None and analysis.tiers[2]
    window.threats.grouped.setChecked(grouped)
    window._analysis_done(model, analysis)
    table = window.threats.table_model
    rows, places = core_order(analysis.result, grouped)  # worked out afresh
    key = (lambda g: (g.catalog_id, [t.key for t in g.threats])) if grouped else \
        (lambda r: r.key)
    assert [key(r) for r in table.all_rows] == [key(r) for r in rows]
    assert [table.places[id(r)] for r in table.all_rows] == [places[id(r)] for r in rows]
    again, _ = core_order(analysis.result, grouped, tier_groups(analysis.result))
    assert [key(r) for r in again] == [key(r) for r in rows]
