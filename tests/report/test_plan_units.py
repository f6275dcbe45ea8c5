"""The technical report's attack-engine plan counts effort in person-days, the unit of the
board's control plan (both from control-costs.json)."""

from __future__ import annotations

from workbench.report.sections import _plan_days


def test_plan_steps_in_person_days():
    step = {"title": "Replay protection", "cost": 27.5, "days": 27.5,
            "cost_unit": "person-days"}
    assert _plan_days(step, "en") == "27.5 person-days"
    assert _plan_days(step, "fr") == "27,5 jours-personne"
    assert _plan_days({"cost": 3.0}, "en") == "3"  # an engine that gives no days


def test_french_cost_range_stays_on_one_line():
    """Ward board page 5 (fr): the plan's total "120 k€ à 450 k€" broke after "à"."""
    from workbench.report.costs import Estimate, money_range

    total = Estimate(74, 187, 120_000, 450_000, "EUR")
    assert money_range(total, "fr") == "120\u00a0à\u00a0450\u202fk€"
    assert " " not in money_range(total, "fr")  # no breakable space left
    assert money_range(total, "en") == "€120k–€450k"
    mixed = Estimate(1, 2, 800, 1_200_000, "EUR")
    assert money_range(mixed, "fr") == "800\u202f€ à 1,2\u202fM€"  # both units kept
