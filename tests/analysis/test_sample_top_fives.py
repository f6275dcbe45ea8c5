"""What a clinician and a security engineer expect at the top of two sample boards.

Session 4's boards put four of the wearable programme's five lines on the member's phone
relay, with harms written for therapy devices, and three of home telemonitoring's five on
the cardiologist's workstation, whose default credentials "could cause death". These
tests state, sample by sample, what the board's top five (``ranking.top_threats``, the
same groups the CLI, the window and the board report show) must and must not say.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from workbench.analysis.pipeline import AnalysisResult, analyze
from workbench.analysis.ranking import top_threats
from workbench.model.io import load_model
from workbench.model.stencils import default_stencils

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"
#: Impact categories of the organisation, not of the patient's body.
DATA_CATEGORIES = {"legal", "compliance", "image", "financial", "care_delivery",
                   "decision_making", "social"}


@cache
def _result(name: str) -> AnalysisResult:
    return analyze(load_model(SAMPLES / f"{name}.twm.json"))


def _single_user(result: AnalysisResult) -> set[str]:
    stencils = default_stencils()
    return {c.id for c in result.model.components
            if "single_user" in getattr(stencils.get(c.stencil), "tags", ())}


def test_home_workstation_is_harm_through_data_not_a_killer() -> None:
    """The cardiologist's workstation reviews data: a delayed response at worst."""
    result = _result("home-telemonitoring")
    on_ws = [r for r in result.threats if r.instance.element == "cardio-ws"]
    assert on_ws
    for risk in on_ws:
        assert risk.harm_distance == 2, risk.key
        assert risk.impact.get("patient_safety", 0) < 4, risk.key
        assert risk.severity < 4, (risk.key, risk.impact_reasons)
        assert not risk.mass_harm, (risk.key, risk.mass_harm_reason)
    top = top_threats(result, 5)
    assert sum(g.worst.instance.element == "cardio-ws" for g in top) <= 1


def test_home_top_five_has_the_alert_chain_and_the_readings() -> None:
    result = _result("home-telemonitoring")
    top = top_threats(result, 5)
    worst = [g.worst for g in top]
    alert_chain = {"tm-platform", "nurse-app", "push"}
    assert any(r.instance.element in alert_chain and r.direct_harm for r in worst), \
        [r.key for r in worst]
    readings = {"gateway.relay-manipulation", "thing.sensor-data-spoofing",
                "thing.device-identity-spoofing", "thing.default-credentials",
                "flow.integrity-unprotected", "flow.mitm", "cloud.data-integrity"}
    assert any(g.catalog_id in readings and "a-readings" in _carried(result, g.worst)
               for g in top), [r.key for r in worst]


def _carried(result: AnalysisResult, risk) -> set[str]:
    element = risk.instance.element
    comp = result.model.component(element)
    ids = set(comp.properties.data_assets) if comp else set()
    for flow in result.model.flows:
        if element in (flow.id, flow.source, flow.target, *flow.via):
            ids |= set(flow.data_assets)
    return ids


def test_wearable_top_five_is_not_the_phone_relay() -> None:
    result = _result("wearable-insurer-wellness")
    top = top_threats(result, 5)
    on_phone = [g.catalog_id for g in top if g.worst.instance.element == "vendor-app"]
    assert len(on_phone) <= 2, on_phone
    # the AF notification, the one safety function of the programme, is on the board
    assert any(g.worst.instance.element == "watch" and g.worst.direct_harm for g in top)


@pytest.mark.parametrize("name", ["wearable-insurer-wellness", "home-telemonitoring",
                                  "hospital-ward-iomt", "insulin-closed-loop"])
def test_one_persons_device_holds_one_persons_data(name: str) -> None:
    """On an element serving one person, no organisation category reaches the top."""
    result = _result(name)
    single = _single_user(result)
    assert single
    top = result.scales.s_max
    for risk in result.threats:
        if risk.instance.element not in single:
            continue
        for cat in DATA_CATEGORIES & set(risk.impact):
            if risk.impact_reasons.get(cat) == "set by analyst":
                continue
            assert risk.impact[cat] < top, (risk.key, cat, risk.impact_reasons[cat])


def test_home_board_is_not_about_one_household() -> None:
    """Session 5's home board put four of five lines on the patient's home (cuff, tablet,
    cellular hub, tablet again), all "one person's readings altered". At equal risk a new
    consequence goes first: the nurse's alerts, the home readings, the cardiologist's
    workstation, the hospital EHR, then one more way into the home."""
    result = _result("home-telemonitoring")
    top = top_threats(result, 5)
    zone = {c.id: c.zone for c in result.model.components}
    at_home = [g.catalog_id for g in top if zone.get(g.worst.instance.element) == "z-home"]
    assert len(at_home) <= 2, at_home
    assert any(g.worst.instance.element not in _single_user(result) for g in top), \
        [g.worst.key for g in top]


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".twm.json")
                                        for p in SAMPLES.glob("*.twm.json")))
def test_board_lines_tell_different_harms(name: str) -> None:
    """Five distinct threats, and no harm sentence read more than twice on the board;
    a repeated harm comes only after every new one at the same residual risk."""
    result = _result(name)
    top = top_threats(result, 5)
    assert len({g.catalog_id for g in top}) == 5
    harms = [g.worst.harm for g in top]
    assert all(harms.count(h) <= 2 for h in harms), harms
    from workbench.analysis.ranking import grouped_ranking

    ranked = grouped_ranking(result)
    for i, group in enumerate(ranked[:5]):
        if group.worst.harm in {g.worst.harm for g in ranked[:i]}:
            # every group at this risk still below it repeats a harm read above
            above = {g.worst.harm for g in ranked[:i]}
            later = [g for g in ranked[i + 1:] if g.current.score == group.current.score]
            assert all(g.worst.harm in above for g in later), (group.worst.key, name)
