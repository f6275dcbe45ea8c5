"""The plan's first steps are the ones a board should act on (issue 11, session 5).

* the funding order: the step that removes the most weighted excess comes first; cost only
  decides near-ties (``plan.choose_step``), so a 1-day control that trims 0.01 never comes
  before a 28-day one that removes 0.5;
* the plan counts the risk levels the board reads (``plan_risk.py``): on the insulin
  sample its first step authenticates the pump's radio commands (the top risk, a forged
  therapy change, is the pump's), on the ward each of its first five steps lowers the
  count of critical risks, and a risk value never enlarges the cheapest covering set;
* the risk levels a plan step reports never rise from one step to the next.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.attack.plan import NEAR_TIE, choose_step, plan_controls
from workbench.analysis.catalog import default_catalog
from workbench.analysis.pipeline import analyze
from workbench.model import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"
ORDER = ("low", "moderate", "high", "critical")


def test_a_large_gain_comes_before_a_cheap_trim() -> None:
    assert choose_step([(0.01, 1.0, "awareness"), (0.5, 28.0, "radio-auth")]) == "radio-auth"
    # near-ties (within NEAR_TIE of the best gain) are decided by gain per cost
    near = 0.5 * (NEAR_TIE + 0.05)
    assert choose_step([(0.5, 28.0, "radio-auth"), (near, 5.0, "cheap")]) == "cheap"
    assert choose_step([(0.0, 1.0, "nothing")]) is None


def test_reduction_steps_follow_the_largest_gain() -> None:
    """No target can be brought under: the first step is the candidate removing the most
    excess, even though a cheap one removes more per unit of cost."""
    def evaluate(chosen: list[str]) -> np.ndarray:
        v = 0.95
        if "fix" in chosen:
            v -= 0.5
        if "trim" in chosen:
            v -= 0.03  # 0.03 per day against the fix's 0.018: the old order took it first
        return np.array([v, 0.9])  # the second target cannot be lowered at all

    plan = plan_controls(evaluate, {"fix": 28.0, "trim": 1.0}, 0.1)
    assert [s.goal for s in plan.steps] == ["reduce", "reduce"]
    assert plan.chosen == ["fix", "trim"]


@pytest.fixture(scope="module")
def insulin():
    model = load_model(SAMPLES / "insulin-closed-loop.twm.json")
    result = analyze(model, default_catalog())
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                             top_k=5, sensitivity=False)
    return result, attack


def test_risk_values_order_the_plan_but_never_enlarge_the_covering_set() -> None:
    """Target 0 is brought under by 'a' (cost 1); the scored value (a critical risk) only
    drops with 'x' (cost 5). The covering set stays {a}; 'x' is a further step, funded
    first because it removes more (the risk's 3 against the target's 0.4)."""
    def evaluate(chosen: list[str]) -> np.ndarray:
        target = 0.5 - (0.45 if "a" in chosen else 0.0)
        risk = 0.0 if "x" in chosen else 3.0
        return np.array([target, risk])

    plan = plan_controls(evaluate, {"a": 1.0, "x": 5.0}, np.array([0.1, 0.0]),
                         scored=np.array([False, True]))
    assert plan.chosen == ["x", "a"]
    assert {s.added: s.goal for s in plan.steps} == {"a": "under-threshold", "x": "reduce"}
    plain = plan_controls(lambda c: evaluate(c)[:1], {"a": 1.0, "x": 5.0}, 0.1)
    assert plain.chosen == ["a"]


def test_insulin_plan_first_authenticates_the_pump_radio(insulin) -> None:
    """The board's top risk is a forged therapy change on the pump; the plan's first step
    is the control that takes it out of critical, and critical risks drop with it."""
    result, attack = insulin
    first = attack.recommendations[0]
    assert first["control"] == "radio-link-authentication" and first["elements"] == ["pump"]
    today = Counter(t.current.level for t in result.threats if t.ranked)["critical"]
    assert first["levels_after"]["critical"] < today


def test_ward_first_five_steps_each_lower_critical_risks() -> None:
    model = load_model(SAMPLES / "hospital-ward-iomt.twm.json")
    result = analyze(model, default_catalog())
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                             top_k=5, sensitivity=False)
    critical = [Counter(t.current.level for t in result.threats if t.ranked)["critical"]]
    critical += [s["levels_after"].get("critical", 0) for s in attack.recommendations[:5]]
    assert len(critical) == 6
    assert all(b < a for a, b in zip(critical, critical[1:], strict=False)), critical


def test_insulin_plan_funds_the_pump_radio_authentication_early(insulin) -> None:
    """Among the first four steps. Since a tunnel's ends are no longer on the public
    internet (docs/attack-paths.md, section 1), the loop app, a patient-safety target that
    commands the pump, is reached through its own weakness: device management of the
    phone apps (17.7 person-days, loop app 0.82 -> 0.67) now comes first, then the
    CGM's radio and patches, then the pump's radio."""
    _, attack = insulin
    first = attack.recommendations[:4]
    assert any(s["control"] == "radio-link-authentication" and "pump" in s["elements"]
               for s in first), [s["added"] for s in first]
    # every step before it protects a patient-safety target of the closed loop
    safety = {"pump", "cgm", "loop-app", "follower-app"}
    for step in first:
        if step["control"] == "radio-link-authentication" and "pump" in step["elements"]:
            break
        assert safety & set(step["elements"]), step["added"]


def test_insulin_critical_risks_drop_with_the_plan(insulin) -> None:
    result, attack = insulin
    before = Counter(t.current.level for t in result.threats if t.ranked)
    steps = attack.recommendations
    assert steps and all("levels_after" in s for s in steps)
    assert sum(steps[-1]["levels_after"].values()) == sum(before.values())
    assert steps[-1]["levels_after"].get("critical", 0) <= before["critical"] // 2
    assert any("critical risks" in n for n in attack.notes)


def test_levels_after_never_rise_from_step_to_step(insulin) -> None:
    """A control in place never raises a risk, so along the plan every level's count of
    risks at that level *or above* never grows."""
    _, attack = insulin
    previous = None
    for step in attack.recommendations:
        levels = step["levels_after"]
        at_least = [sum(levels.get(x, 0) for x in ORDER[i:]) for i in range(len(ORDER))]
        if previous is not None:
            assert all(a <= b for a, b in zip(at_least, previous, strict=True)), step["added"]
        previous = at_least


def test_levels_after_without_a_catalog_argument() -> None:
    """analyze_attacks(catalog=None) uses the shipped catalog, and so do the plan's
    levels (the control-plan benchmark calls it that way)."""
    model = load_model(SAMPLES / "cardiac-implant-remote-monitoring.twm.json")
    result = analyze(model)
    attack = analyze_attacks(model, risks=result.threats, seed=1, samples=512,
                             sensitivity=False)
    assert attack.recommendations
    assert all(sum(s["levels_after"].values()) == sum(1 for t in result.threats if t.ranked)
               for s in attack.recommendations)
