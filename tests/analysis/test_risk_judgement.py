"""Risk judgement (issue 12): severity from function, scope, exposure, one row per threat."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.model.factories import tiny_model
from workbench.analysis.attack.evidence import evidence_from_risks
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import grouped_ranking, top_threats
from workbench.analysis.risk import (
    Scales,
    assess,
    exposure_level,
    level_chance,
)
from workbench.model import Component, ComponentProperties, Flow, Target, ThreatModel
from workbench.model.enums import Layer, Scope, ThreatStatus


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _by_key(result):
    return {t.key: t for t in result.threats}


# --- severity from what the element does --------------------------------------------------

def test_therapy_tampering_is_top_and_dos_on_a_carrier_is_not(catalog) -> None:
    result = analyze(tiny_model(), catalog)
    risks = _by_key(result)
    change = risks["thing.unauthorized-therapy-change@pump"]
    assert change.impact["patient_safety"] == 4
    assert "insulin delivery" in change.impact_reasons["patient_safety"]
    # the BLE link delivers commands to the pump: altering them is top, jamming them is not
    ble = [r for r in result.threats if r.instance.element == "ble"
           and "patient_safety" in r.impact]
    assert ble, "the catalog puts patient-safety threats on a BLE link"
    for risk in ble:
        stride = {s.value for s in risk.threat_type.stride}
        if stride & {"S", "T", "E"} and risk.threat_type.patient_safety:
            assert risk.impact["patient_safety"] == 4, risk.key
        elif stride == {"D"}:
            assert risk.impact["patient_safety"] == 3, risk.key
            assert "keeps its last settings" in risk.impact_reasons["patient_safety"]


def test_asset_rating_is_capped_by_the_need_the_threat_attacks(catalog) -> None:
    model = tiny_model()
    dosing = next(a for a in model.data_assets if a.id == "dosing")
    dosing.impact = {"legal": 4}
    dosing.confidentiality = 1
    result = analyze(model, catalog)
    leaks = [r for r in result.threats if r.instance.element == "vcloud"
             and {s.value for s in r.threat_type.stride} == {"I"} and "legal" in r.impact]
    assert leaks
    for risk in leaks:
        # glucose readings (confidentiality 3) may drive it; never the dosing rating of 4
        assert risk.impact["legal"] <= 3, risk.impact_reasons["legal"]


def test_data_reaching_the_patient_through_a_clinician_is_below_the_top(catalog) -> None:
    risks = _by_key(analyze(tiny_model(), catalog))
    cloud = risks["cloud.data-integrity@vcloud"]
    assert cloud.impact["patient_safety"] == 3
    assert "clinician" in cloud.impact_reasons["patient_safety"]


def test_stencil_gives_the_clinical_role_of_a_bare_component(catalog) -> None:
    model = tiny_model()
    model.components.append(Component(id="pump2", name="Second pump", stencil="infusion-pump",
                                      layer=Layer.THING, properties=ComponentProperties(
                                          safety_critical_function=None)))
    risks = [r for r in analyze(model, catalog).threats if r.instance.element == "pump2"
             and r.threat_type and r.threat_type.patient_safety]
    assert risks and max(r.impact.get("patient_safety", 0) for r in risks) == 4


# --- scope -----------------------------------------------------------------------------------

def test_mobile_operator_is_context_by_default_and_the_analyst_can_bring_it_back(catalog):
    result = analyze(tiny_model(), catalog)
    lte = [r for r in result.threats if r.instance.element == "lte"]
    assert lte and all(r.context for r in lte)
    assert not any(r.instance.element == "lte" for r in result.counted())
    assert {r.key for r in result.context()} >= {r.key for r in lte}
    assert result.summary()["context"] == len(result.context())
    # the flow over the operator's network carries our data: in scope
    assert not any(r.context for r in result.threats if r.instance.element == "f-relay-cloud")
    owned = tiny_model()
    owned.component("lte").properties.scope = Scope.ORGANISATION
    again = analyze(owned, catalog)
    assert any(r.instance.element == "lte" for r in again.counted())
    # context threats still feed the attack engine (the path runs over the operator)
    evidence, _ = evidence_from_risks(result.threats, result.scales.likelihood)
    assert "lte" in evidence or not any(
        {s.value for s in r.threat_type.stride} & {"S", "T", "E", "I"} for r in lte)


def test_scope_round_trips_through_the_file(tmp_path) -> None:
    from workbench.model.io import load_model, save_model

    model = tiny_model()
    model.component("lte").properties.scope = Scope.ORGANISATION
    path = tmp_path / "m.twm.json"
    save_model(model, path)
    assert load_model(path).component("lte").properties.scope == Scope.ORGANISATION


# --- likelihood from exposure ------------------------------------------------------------------

def test_exposure_level_formula_on_both_scales() -> None:
    four = (1, 2, 3, 4)
    assert [round(level_chance(v, four), 3) for v in four] == [0.1, 0.367, 0.633, 0.9]
    assert exposure_level(4, 1.0, four)[0] == 4  # reachable: unchanged
    assert exposure_level(4, 0.7, four)[0] == 3  # 0.63 -> Very likely
    assert exposure_level(3, 0.5, four)[0] == 2
    assert exposure_level(4, 0.3 ** 3, four)[0] == 1  # behind three hard steps
    assert exposure_level(1, 0.0, four)[0] == 1  # never below the lowest
    five = (1, 2, 3, 4, 5)
    assert exposure_level(5, 1.0, five)[0] == 5 and exposure_level(5, 0.5, five)[0] == 3


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(1, 2, 3, 4), (1, 2, 3, 4, 5)]), st.data())
def test_exposure_never_raises_and_is_monotone(levels, data) -> None:
    base = data.draw(st.sampled_from(levels))
    a, b = sorted(data.draw(st.lists(st.floats(0, 1), min_size=2, max_size=2)))
    low, high = exposure_level(base, a, levels)[0], exposure_level(base, b, levels)[0]
    assert low <= high <= base


def _deep_model() -> ThreatModel:
    """The tiny model plus a store three hardened hops behind the cloud."""
    model = tiny_model()
    hops = ["hop1", "hop2", "store"]
    for hop in hops:
        model.components.append(Component(
            id=hop, name=hop, stencil="edge-server" if hop != "store" else "data-lake",
            layer=Layer.CLOUD, properties=ComponentProperties(
                authentication="mfa", patch_status="current", internet_exposed=False,
                data_assets=["glucose"])))
    for a, b in itertools.pairwise(["vcloud", *hops]):
        model.flows.append(Flow(id=f"f-{a}-{b}", source=a, target=b, encrypted=True,
                                authenticated=True, data_assets=["glucose"]))
    return model


def test_an_element_behind_hardened_steps_is_less_likely_than_one_in_front(catalog):
    result = analyze(_deep_model(), catalog)
    front = [r for r in result.threats if r.instance.element == "vcloud"
             and r.threat_type.vector == "network"]
    deep = [r for r in result.threats if r.instance.element == "store"
            and r.threat_type.vector == "network"]
    assert front and deep
    assert all(r.exposure == 1.0 for r in front)
    assert max(r.exposure for r in deep) < 0.5
    for risk in deep:
        assert risk.likelihood <= risk.base_likelihood
        assert any(reason.split(":")[0].strip() in {"0", "-1", "-2", "-3"}
                   and "exposure" in reason for reason in risk.likelihood_reasons)
    assert any(r.likelihood < r.base_likelihood for r in deep)


def test_analyst_likelihood_always_wins_over_exposure(catalog) -> None:
    model = suggest(_deep_model(), catalog)
    target = next(t for t in model.threats if t.element == "store")
    target.likelihood = 4
    risk = next(r for r in analyze(model, catalog).threats if r.key == target.key)
    assert risk.likelihood == 4 and risk.likelihood_reasons == ["set by analyst"]


def suggest(model, catalog):
    from workbench.analysis.rules import suggest_threats

    return suggest_threats(model, catalog)


def test_attack_evidence_uses_the_base_likelihood_no_feedback(catalog) -> None:
    """Reach is computed from base likelihoods: exposure never feeds back into the graph."""
    model = suggest(_deep_model(), catalog)
    base = assess(model, catalog)
    adjusted = analyze(model, catalog, suggest=False).threats
    levels = Scales.of(model).likelihood
    e_base, _ = evidence_from_risks(base, levels)
    e_adj, _ = evidence_from_risks(adjusted, levels)
    assert e_base == e_adj


def test_memo_and_reference_agree_with_exposure(catalog) -> None:
    from workbench.analysis.attack.exposure import element_exposure
    from workbench.analysis.pipeline import threat_json

    model = suggest(_deep_model(), catalog)
    base = assess(model, catalog, memo=False)
    exposure = element_exposure(model, base, Scales.of(model).likelihood)
    ref = assess(model, catalog, memo=False, exposure=exposure)
    memo = assess(model, catalog, exposure=exposure)
    assert [threat_json(r, catalog) for r in ref] == [threat_json(r, catalog) for r in memo]


# --- one row per threat ------------------------------------------------------------------------

def test_the_same_threat_on_many_elements_is_one_row(catalog) -> None:
    model = tiny_model()
    for i in range(3):
        model.components.append(Component(id=f"pump{i}", name=f"Pump {i}",
                                          stencil="insulin-pump", layer=Layer.THING))
    result = analyze(model, catalog)
    groups = grouped_ranking(result)
    ids = [g.catalog_id for g in groups]
    assert len(ids) == len(set(ids))
    change = next(g for g in groups if g.catalog_id == "thing.unauthorized-therapy-change")
    assert change.count == 4 and set(change.elements) == {"pump", "pump0", "pump1", "pump2"}
    top = top_threats(result)
    assert len(top) == 5 and len({g.catalog_id for g in top}) == 5
    assert sum(g.count for g in groups) == len(result.counted())


def test_ranking_order_matches_a_brute_force_oracle(catalog) -> None:
    """Residual risk, then patient-safety impact, then a finding, directness, fleet-wide
    harm, then reach, as the board needs, new harms first among equal risks
    (docs/risk-model.md, "One row per threat")."""
    result = analyze(tiny_model(), catalog)
    groups = grouped_ranking(result)
    by_id: dict[str, list] = {}
    for risk in result.counted():
        by_id.setdefault(risk.instance.catalog_id, []).append(risk)

    def oracle_key(cid):
        members = by_id[cid]
        # the most serious copy decides the first keys, compared as a whole
        worst = min((-r.current.score, -r.impact.get("patient_safety", 0), not r.finding,
                     r.harm_distance, not r.mass_harm) for r in members)
        return (*worst, -max(r.exposure or 0 for r in members),
                -max(r.inherent.score for r in members), -len(members), cid)

    # among equal residual risk, a harm already read above goes after the new ones: pick,
    # among the remaining of the highest risk, the first whose harm is new, else the rest
    harm = {g.catalog_id: g.worst.harm for g in groups}
    left, seen, expected = sorted(by_id, key=oracle_key), set(), []
    while left:
        score = oracle_key(left[0])[0]
        tier = [c for c in left if oracle_key(c)[0] == score]
        fresh = [c for c in tier if harm[c] not in seen]
        pick = fresh[:1] or tier
        for c in pick:
            expected.append(c)
            left.remove(c)
            seen.add(harm[c])
    assert [g.catalog_id for g in groups] == expected


def test_rejected_copies_leave_the_group(catalog) -> None:
    model = suggest(tiny_model(), catalog)
    for t in model.threats:
        if t.catalog_id == "thing.unauthorized-therapy-change":
            t.status = ThreatStatus.REJECTED
            t.reason = "not applicable"
    groups = grouped_ranking(analyze(model, catalog))
    assert "thing.unauthorized-therapy-change" not in {g.catalog_id for g in groups}


def test_a_physical_attack_takes_one_device_at_a_time(catalog) -> None:
    """Data categories of a physical attack stay below the top; patient safety does not."""
    model = tiny_model()
    glucose = next(a for a in model.data_assets if a.id == "glucose")
    glucose.impact = {"legal": 4}
    glucose.confidentiality = 4
    model.component("pump").properties.data_assets = ["dosing", "glucose"]
    risks = _by_key(analyze(model, catalog))
    lost = risks["thing.stored-data-exposure@pump"]
    assert lost.likelihood <= 3 and lost.impact["legal"] == 3
    assert "one device's data at a time" in lost.impact_reasons["legal"]
    tamper = risks["thing.physical-tampering@pump"]
    assert tamper.impact.get("patient_safety") == 4  # one patient harmed is still the top


# --- findings, directness and fleet-wide harm (session 4) ----------------------------------

def _pump_on_a_lan(open_services: list[str], authentication: str = "none") -> ThreatModel:
    """The tiny model's pump, also reached over a hospital LAN from a drug-library server."""
    model = tiny_model()
    pump = model.component("pump")
    pump.properties.authentication = authentication
    pump.properties.open_services = list(open_services)
    model.components += [
        Component(id="lan", name="Hospital LAN", stencil="hospital-lan", layer=Layer.NETWORK),
        Component(id="dls", name="Drug library", stencil="drug-library-server",
                  layer=Layer.CLOUD),
    ]
    model.flows.append(Flow(id="f-library", source="dls", target="pump", via=["lan"],
                            protocol="proprietary TCP", authentication="none",
                            data_assets=["dosing"]))
    return model


def test_a_declared_weakness_is_a_finding_and_ranks_first_among_equals(catalog) -> None:
    """A pump that takes commands with no authentication: therapy change is a finding."""
    open_pump = _by_key(analyze(_pump_on_a_lan([]), catalog))
    change = open_pump["thing.unauthorized-therapy-change@pump"]
    assert change.finding
    assert any("finding, the model declares the weakness" in r
               for r in change.likelihood_reasons)
    closed = _pump_on_a_lan([], authentication="certificate")
    assert not _by_key(analyze(closed, catalog))["thing.unauthorized-therapy-change@pump"].finding
    # the board's first threat, among the others at the same level, is the finding
    result = analyze(_pump_on_a_lan([]), catalog)
    first = grouped_ranking(result)[0]
    assert first.catalog_id == "thing.unauthorized-therapy-change" and first.finding


def test_fleet_wide_harm_follows_open_services_and_fleet_managers(catalog) -> None:
    """Hospira 2015: every pump answers the same telnet; one library reaches every pump.
    The same pump reached only by radio harms one patient at a time."""
    radio_only = _by_key(analyze(_pump_on_a_lan([]), catalog))
    assert not radio_only["thing.unauthorized-therapy-change@pump"].mass_harm
    telnet = _by_key(analyze(_pump_on_a_lan(["telnet (root, no password)"]), catalog))
    change = telnet["thing.unauthorized-therapy-change@pump"]
    assert change.mass_harm and "telnet" in change.mass_harm_reason
    library = telnet["flow.unauthenticated-therapy-command@f-library"]
    assert library.mass_harm and "fleet manager" in library.mass_harm_reason
    # a threat that harms no patient is never fleet-wide, whatever the element
    assert not any(r.mass_harm for r in telnet.values()
                   if r.threat_type is not None and not r.threat_type.patient_safety)


def test_harm_on_the_treating_device_ranks_before_harm_on_what_commands_it(catalog) -> None:
    model = tiny_model()
    model.targets = [Target(id="t-pump", element="pump", kind="patient_safety",
                            name="Insulin delivery")]
    risks = _by_key(analyze(model, catalog))
    assert risks["thing.unauthorized-therapy-change@pump"].harm_distance == 0
    relayed = [r for r in risks.values() if r.instance.element == "relay" and r.direct_harm]
    assert relayed and all(r.harm_distance == 1 for r in relayed)
    data_only = [r for r in risks.values() if not r.direct_harm]
    assert data_only and all(r.harm_distance == 2 for r in data_only)


def test_authenticating_the_pumps_only_radio_link_takes_forged_therapy_out_of_critical():
    """A clinician's expectation: once the link that is the pump's only way in accepts only
    authenticated commands (radio-link authentication planned on both flows into the
    pump), a forged therapy change is no longer near certain in the projected figure, as
    if the control sat on the pump itself; planned, today's figure does not move; with
    one of the two flows left open, nothing changes."""
    from pathlib import Path

    from workbench.analysis.catalog import default_catalog
    from workbench.analysis.pipeline import analyze
    from workbench.model import ControlInstance, load_model
    from workbench.model.enums import ControlStatus

    path = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"
    key = "thing.unauthorized-therapy-change@pump"

    def therapy(flows: list[str]):
        model = load_model(path)
        model.controls.append(ControlInstance(
            id="ctl-pump-link-auth", catalog_id="radio-link-authentication",
            title="Pump link authentication", elements=flows, status=ControlStatus.PLANNED))
        result = analyze(model, default_catalog())
        return next(t for t in result.threats if t.key == key)

    closed = therapy(["f-loop-app-pump", "f-loop-app-pump-dfu"])
    assert closed.current.level == "critical" and closed.current.likelihood == 4
    assert closed.projected.level not in ("critical", "high")
    assert closed.projected.likelihood <= 2
    assert "ctl-pump-link-auth" in {c.control for c in closed.controls}
    half = therapy(["f-loop-app-pump"])  # the firmware-update flow stays open
    assert half.projected.level == "critical"
