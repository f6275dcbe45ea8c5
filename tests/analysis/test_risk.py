"""Risk model: scales, derived impact, likelihood reasons, controls, CVSS."""

from __future__ import annotations

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales, assess
from workbench.analysis.rules import suggest_threats
from workbench.model import ControlInstance, Flow, MitigationLink, ThreatModel
from workbench.model.defaults import risk_settings_5x5
from workbench.model.enums import ControlStatus

KEY = "cloud.ransomware@vcloud"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


@pytest.fixture
def model(catalog) -> ThreatModel:
    return suggest_threats(tiny_model(), catalog)


def _risk(model, catalog, key=KEY):
    return next(r for r in assess(model, catalog) if r.key == key)


def _link(model: ThreatModel, key: str, catalog_id: str, status: ControlStatus,
          link_status: ControlStatus | None = None) -> ThreatModel:
    model = model.model_copy(deep=True)
    cid = f"ctl-{catalog_id}"
    model.controls.append(ControlInstance(id=cid, catalog_id=catalog_id, title=catalog_id,
                                          status=status))
    for t in model.threats:
        if t.key == key:
            t.mitigations.append(MitigationLink(control=cid, status=link_status or status))
    return model


def test_implemented_control_lowers_residual_and_planned_does_not(model, catalog) -> None:
    base = _risk(model, catalog)
    assert base.current == base.inherent == base.projected
    done = _risk(_link(model, KEY, "endpoint-protection", ControlStatus.IMPLEMENTED), catalog)
    assert done.current.likelihood < base.inherent.likelihood
    assert done.current.score < base.inherent.score
    assert done.inherent == base.inherent
    planned = _risk(_link(model, KEY, "endpoint-protection", ControlStatus.PLANNED), catalog)
    assert planned.current == base.inherent
    assert planned.projected.score < base.inherent.score


def test_verified_counts_as_in_place(model, catalog) -> None:
    verified = _risk(_link(model, KEY, "endpoint-protection", ControlStatus.VERIFIED), catalog)
    assert verified.current.score < verified.inherent.score


def test_link_cannot_be_more_in_place_than_its_control(model, catalog) -> None:
    """A link marked implemented on a control that is only planned stays planned."""
    odd = _link(model, KEY, "endpoint-protection", ControlStatus.PLANNED,
                link_status=ControlStatus.IMPLEMENTED)
    risk = _risk(odd, catalog)
    assert risk.current == risk.inherent
    assert risk.controls[0].status == ControlStatus.PLANNED


def test_recovery_control_lowers_impact_not_likelihood(model, catalog) -> None:
    risk = _risk(_link(model, KEY, "immutable-backups", ControlStatus.IMPLEMENTED), catalog)
    assert risk.current.likelihood == risk.inherent.likelihood
    assert risk.current.severity < risk.inherent.severity


def test_control_on_the_element_applies_without_explicit_link(model, catalog) -> None:
    model = model.model_copy(deep=True)
    model.controls.append(ControlInstance(id="edr", catalog_id="endpoint-protection",
                                          title="EDR", elements=["vcloud"],
                                          status=ControlStatus.IMPLEMENTED))
    risk = _risk(model, catalog)
    assert risk.controls and risk.controls[0].implicit
    assert risk.current.score < risk.inherent.score
    # a control that does not answer the threat changes nothing
    other = _risk(model, catalog, "cloud.fake-notifications@vcloud")
    assert other.controls == [] and other.current == other.inherent


def test_impact_is_derived_from_data_assets_and_functions(model, catalog) -> None:
    altered = _risk(model, catalog, "cloud.data-integrity@vcloud")
    # catalog base severity is 3; the dosing asset held by the cloud rates patient safety 4,
    # but nothing the cloud holds reaches the pump: one step below the top
    assert altered.threat_type.base_severity == 3
    assert altered.impact["patient_safety"] == 3
    assert "dosing" in altered.impact_reasons["patient_safety"].lower()
    assert "clinician" in altered.impact_reasons["patient_safety"]
    # once the cloud sends to the pump, altering its data alters the therapy
    sending = model.model_copy(deep=True)
    sending.flows.append(Flow(id="f-cloud-pump", source="vcloud", target="pump",
                              via=["lte"], data_assets=["dosing"]))
    altered = _risk(sending, catalog, "cloud.data-integrity@vcloud")
    assert altered.impact["patient_safety"] == 4
    assert "insulin delivery" in altered.impact_reasons["patient_safety"]
    pump = _risk(model, catalog, "thing.unauthorized-therapy-change@pump")
    assert pump.impact["patient_safety"] == 4
    assert "safety-critical function" in pump.impact_reasons["patient_safety"]
    # a threat on an element without data keeps the catalog's base severity
    jam = _risk(model, catalog, "network.internet-dos@lte")
    assert jam.impact == {"care_delivery": 2, "patient_safety": 2}


def test_analyst_overrides_win(model, catalog) -> None:
    model = model.model_copy(deep=True)
    for t in model.threats:
        if t.key == KEY:
            t.likelihood = 1
            t.impact = {"financial": 1, "legal": 4}
    risk = _risk(model, catalog)
    assert risk.likelihood == 1 and risk.likelihood_reasons == ["set by analyst"]
    assert risk.impact["financial"] == 1 and risk.impact["legal"] == 4
    assert risk.impact_reasons["legal"] == "set by analyst"


def test_internet_exposure_raises_likelihood_with_a_reason(model, catalog) -> None:
    exposed = _risk(model, catalog)
    hidden_model = model.model_copy(deep=True)
    hidden_model.components[-1].properties.internet_exposed = False
    hidden = _risk(hidden_model, catalog)
    assert exposed.likelihood == hidden.likelihood + 1
    assert any("internet" in r for r in exposed.likelihood_reasons)


def test_five_by_five_scale(model, catalog) -> None:
    five = model.model_copy(update={"risk": risk_settings_5x5()})
    scales = Scales.of(five)
    assert scales.likelihood == (1, 2, 3, 4, 5) and scales.severity == (1, 2, 3, 4, 5)
    assert [scales.from_reference(r, scales.likelihood) for r in (1, 2, 3, 4)] == [1, 2, 4, 5]
    risks = assess(five, catalog)
    assert max(r.inherent.likelihood for r in risks) == 5
    assert max(r.inherent.severity for r in risks) == 5
    assert {r.inherent.level for r in risks} <= {"low", "moderate", "high", "critical"}
    # the top cell is critical and the bottom one low on both scales
    assert scales.level(5, 5).id == "critical" and scales.level(1, 1).id == "low"
    four = Scales.of(model)
    assert four.level(4, 4).id == "critical" and four.level(1, 2).id == "low"
    assert four.level(2, 2).id == "moderate" and four.level(3, 3).id == "high"


def test_cvss_vectors_are_scored_by_the_library(model, catalog) -> None:
    model = model.model_copy(deep=True)
    model.threats[0].cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    model.threats[1].cvss = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
    model.threats[2].cvss = "CVSS:3.1/AV:X/garbage"
    result = analyze(model, catalog)
    by_id = {r.instance.id: r for r in result.threats}
    assert by_id[model.threats[0].id].cvss["base_score"] == 9.8
    assert by_id[model.threats[1].id].cvss == {
        "vector": model.threats[1].cvss, "version": "4.0", "base_score": 9.3,
        "severity": "Critical"}
    assert by_id[model.threats[2].id].cvss is None
    assert any("invalid CVSS vector" in w for w in result.warnings)


def test_rejected_threats_do_not_count(model, catalog) -> None:
    from workbench.model.enums import ThreatStatus

    model = model.model_copy(deep=True)
    model.threats[0].status = ThreatStatus.REJECTED
    result = analyze(model, catalog)
    in_scope = [t for t in result.threats if not t.context]
    assert not model.threats[0].element.startswith("lte")  # the mobile operator is context
    assert len(result.counted()) == len(in_scope) - 1
    assert result.summary()["by_status"]["rejected"] == 1


def test_adjustments_only_bear_on_their_attack_vectors(model, catalog) -> None:
    """Physical access makes a physical attack likelier, not a remote one."""
    handy = model.model_copy(deep=True)
    handy.components[-1].properties.physical_access = True  # the vendor cloud, say a kiosk
    remote = _risk(handy, catalog)  # ransomware: network vector
    assert not any("physical access" in r for r in remote.likelihood_reasons)
    base = model.model_copy(deep=True)
    base.components[0].properties.physical_access = False  # the stencil's default is True
    pump = _risk(base, catalog, "thing.physical-tampering@pump")
    assert pump.threat_type.vector == "physical"
    handy.components[0].properties.physical_access = True
    handy.components[0].properties.encryption_at_rest = False
    touched = _risk(handy, catalog, "thing.physical-tampering@pump")
    assert touched.likelihood == pump.likelihood + 1
    assert any("physical access" in r for r in touched.likelihood_reasons)
    # a physical attack reaches one device at a time: never "near certain" by itself
    lost = _risk(handy, catalog, "thing.stored-data-exposure@pump")
    assert lost.likelihood == 3 and any("one device at a time" in r
                                        for r in lost.likelihood_reasons)


def test_samples_show_residual_and_projected_risk(sample_paths, catalog) -> None:
    from workbench.model import load_model

    if not sample_paths:
        pytest.skip("sample models not generated yet")
    for path in sample_paths:
        risks = assess(load_model(path), catalog)
        assert any(r.current.score < r.inherent.score for r in risks), path.name
        assert any(r.projected.score < r.current.score for r in risks), path.name
        assert all(r.projected.score <= r.current.score <= r.inherent.score for r in risks)


def test_risks_are_slotted_and_copy_and_pickle_whole(model, catalog) -> None:
    """``ThreatRisk`` has slots (memory per risk): no instance dictionary, and a copy or a
    pickled round trip still carries every field, the judged ones included."""
    import copy
    import dataclasses
    import pickle

    risks = analyze(model, catalog).threats
    assert risks
    for risk in risks:
        assert not hasattr(risk, "__dict__")
        for other in (copy.copy(risk), pickle.loads(pickle.dumps(risk))):
            assert dataclasses.astuple(other) == dataclasses.astuple(risk)
