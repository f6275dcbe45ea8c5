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
