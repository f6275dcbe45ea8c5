"""The board's first page carries the message: risk, likelihood, decision, cost, after."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from workbench.analysis.catalog import load_catalog
from workbench.model import ControlInstance, MitigationLink, load_model
from workbench.model.errors import ModelError
from workbench.report.brief import decision_lines, total_cost
from workbench.report.costs import load_costs, money_range
from workbench.report.data import gather
from workbench.report.harms import load_harms
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES
from .factories import report_model

CARDIAC = SAMPLES / "cardiac-implant-remote-monitoring.twm.json"


def page_text(pdf: bytes, index: int) -> str:
    text = PdfReader(io.BytesIO(pdf)).pages[index].extract_text() or ""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def cardiac():
    return gather(load_model(CARDIAC), CARDIAC.read_bytes(), recommend=False,
                  costs=load_costs(use_default=False))


def test_every_catalog_control_has_a_cost_range():
    costs = load_costs(use_default=False)
    catalog = load_catalog()
    assert set(catalog.controls) <= set(costs.controls)
    assert set(costs.controls) <= set(catalog.controls), "cost of an unknown control"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_one_states_decision_cost_and_risk_after(cardiac, lang):
    items, suggested = cardiac.funded_plan()
    assert items and not suggested
    cost = total_cost(items)
    text = page_text(render_pdf(cardiac, "board", lang), 0)
    # The money and person-day ranges of the whole plan, as on the plan page.
    assert plain(money_range(cost, lang)) in text
    assert str(round(cost.days_high)) in text
    now, after = cardiac.level_counts("residual"), cardiac.level_counts("projected")
    assert str(now["high"] + now["critical"]) in text
    assert str(after["high"] + after["critical"]) in text
    # What is at risk, in the threat's own words (French included: not the generic tier).
    from workbench.report.sections import sentence_part

    top = cardiac.top_risks(3)
    assert any(r.harm for r in top)
    if lang == "fr":
        from workbench.report.harms import french_harm

        # The top threats' own French harm (its first words: later ones may wrap).
        assert any(" ".join(sentence_part(french_harm(r.catalog_id, r.harm)).split()[:3])
                   in text for r in top if r.harm)
        assert "pourrait entraîner le décès" not in text
    else:
        # After "Threat (element):", lower-case like the generic tier beside it.
        assert any(sentence_part(r.harm) in text for r in top if r.harm)


def test_a_control_that_reduces_nothing_is_not_asked_for():
    model = report_model()
    model.controls.append(ControlInstance(id="c-idle", title="Poster campaign",
                                          elements=["pump"], cost="low"))
    data = gather(model, use_engines=False, costs=load_costs(use_default=False))
    funded, _ = data.funded_plan()
    assert "c-idle" in {i.id for i in data.plan}
    assert "c-idle" not in {i.id for i in funded}
    assert "c-pair" in {i.id for i in funded}
    text = page_text(render_pdf(data, "board", "en"), 4)
    assert "Not asked for (lower no measured risk): Poster campaign" in text


def test_organisation_settings_override_day_rate_and_a_control(tmp_path, cardiac):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"control_costs": {
        "currency": "EUR", "day_rate": 1000,
        "controls": {"soc-monitoring": {"days": [1, 2], "spend": [0, 0]}}}}))
    costs = load_costs(settings)
    soc = next(c for c in cardiac.model.controls if c.catalog_id == "soc-monitoring")
    estimate = costs.estimate(soc)
    extra = len(soc.elements) - 1
    assert estimate.days_low == 1 and estimate.money_low == 1000 * estimate.days_low
    assert estimate.days_high == 2 + extra * 0 and costs.settings == str(settings)
    shipped = load_costs(use_default=False).estimate(soc)
    assert shipped.money_high > estimate.money_high


def test_environment_names_the_settings_file(tmp_path, monkeypatch):
    settings = tmp_path / "org.json"
    settings.write_text(json.dumps({"control_costs": {"day_rate": 750}}))
    monkeypatch.setenv("THREAT_WORKBENCH_SETTINGS", str(settings))
    assert load_costs().day_rate == 750


@pytest.mark.parametrize("body, where", [
    ({"control_costs": {"controls": {"mfa": {"days": [9, 3]}}}}, "control_costs.controls.mfa.days"),
    ({"control_costs": {"day_rate": -5}}, "control_costs.day_rate"),
    ({"control_costs": {"controls": {"mfa": {"dayz": [1, 2]}}}}, "control_costs.controls.mfa"),
])
def test_bad_settings_name_the_file_and_field(tmp_path, body, where):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(body))
    with pytest.raises(ModelError) as err:
        load_costs(settings)
    assert str(err.value).startswith(f"{settings}: {where}")


def test_blank_model_says_it_has_no_elements():
    from workbench.model.templates import from_template

    data = gather(from_template("blank", title="Nothing yet"), use_engines=False,
                  costs=load_costs(use_default=False))
    assert decision_lines(data, "en")[0].startswith("This model has no elements yet")
    pdf = render_pdf(data, "board", "fr")
    assert "aucun élément" in page_text(pdf, 0)
    assert "rien à dessiner" in page_text(pdf, 2)  # the architecture page says so too


def test_every_catalog_harm_has_a_current_french_wording():
    harms = load_harms().harms
    for threat in load_catalog().threats.values():
        if threat.harm:
            assert threat.id in harms, threat.id
            assert harms[threat.id].en == threat.harm, f"stale translation of {threat.id}"


def test_incident_authorities_follow_the_markets(cardiac):
    from workbench.report.sections import authorities

    us = cardiac.model.model_copy(deep=True)
    us.regulatory.markets = ["US"]
    assert authorities(us, "en") == "FDA, HHS"
    fr = cardiac.model.model_copy(deep=True)
    fr.regulatory.markets = ["FR"]
    assert authorities(fr, "fr") == "ARS, CNIL"
    assert "ARS" not in page_text(render_pdf(gather(us, use_engines=False), "board", "en"),
                                  1)


def test_planned_link_makes_a_control_fundable():
    model = report_model()
    model.threats[2].mitigations = [MitigationLink(control="c-pair", status="planned")]
    data = gather(model, use_engines=False, costs=load_costs(use_default=False))
    item = next(i for i in data.plan if i.id == "c-pair")
    assert item.estimate is not None and item.estimate.days_low > 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unchanged_critical_count_reads_as_staying(cardiac, lang, monkeypatch):
    """Cardiac board page 1 read "critical ones from 19 to 19"."""
    counts = {"residual": {"critical": 19, "high": 111, "moderate": 49, "low": 10},
              "projected": {"critical": 19, "high": 94, "moderate": 59, "low": 17}}
    monkeypatch.setattr(cardiac, "level_counts", lambda which: dict(counts[which]))
    line = decision_lines(cardiac, lang)[1]
    assert "19 to 19" not in line and "19 à 19" not in line
    assert "130" in line and "113" in line
    assert ("stay at 19" if lang == "en" else "restent à 19") in line
    counts["projected"]["critical"] = 18  # a change keeps "from … to …"
    assert ("19 to 18" if lang == "en" else "19 à 18") in decision_lines(cardiac, lang)[1]
