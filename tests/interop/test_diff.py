"""``workbench diff``: added, removed and changed items, and the change of risk per target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.diff import compare_risk, diff_models, format_diff, target_risk
from workbench.analysis.pipeline import analyze
from workbench.cli.main import main
from workbench.model import (
    Component,
    ControlInstance,
    Flow,
    Layer,
    MitigationLink,
    ThreatModel,
    load_model,
)
from workbench.model.entities import Target
from workbench.model.enums import ControlStatus
from workbench.model.io import save_model

SAMPLES = Path(__file__).parents[2] / "sample-models"


def base_model() -> ThreatModel:
    """A shipped sample when there is one, else the small closed-loop model, analysed."""
    samples = sorted(SAMPLES.glob("*.twm.json"))
    model = load_model(samples[0]) if samples else tiny_model()
    model = analyze(model).model
    if not model.targets:
        model.targets = [Target(id="tg-1", element=model.components[0].id)]
    return model


def second_version(model: ThreatModel) -> tuple[ThreatModel, str]:
    """Add a component and a flow, drop one threat, fix the target's threats with a control."""
    new = model.model_copy(deep=True)
    target = new.targets[0].element
    new.components.append(Component(id="new-siem", name="New SIEM", stencil="siem-soc",
                                    layer=Layer.CLOUD))
    new.flows.append(Flow(id="f-new-logs", source=new.components[0].id, target="new-siem",
                          protocol="syslog-tls", encrypted=True))
    dropped = next(t for t in new.threats if t.element != target)
    new.threats.remove(dropped)
    new.controls.append(ControlInstance(id="c-strong", title="Strong fix", elements=[target],
                                        status=ControlStatus.VERIFIED, effectiveness=0.95))
    touching = {target} | {f.id for f in new.flows if target in (f.source, f.target)}
    for threat in new.threats:
        if threat.element in touching:
            threat.mitigations.append(MitigationLink(control="c-strong",
                                                     status=ControlStatus.VERIFIED))
    new.flows[0].encrypted = not new.flows[0].encrypted
    return new, dropped.key


def test_diff_lists_added_removed_changed_and_lower_risk() -> None:
    old = base_model()
    new, dropped = second_version(old)
    diff = diff_models(old, new)
    assert [c.ident for c in diff.collections["components"].added] == ["new-siem"]
    assert [c.ident for c in diff.collections["flows"].added] == ["f-new-logs"]
    assert [c.ident for c in diff.collections["threats"].removed] == [dropped]
    assert [c.ident for c in diff.collections["controls"].added] == ["c-strong"]
    changed_flow = diff.collections["flows"].changed[0]
    assert changed_flow.ident == old.flows[0].id and "encrypted" in changed_flow.fields
    assert diff.collections["threats"].changed  # new mitigation links
    target = next(r for r in diff.risk if r.target == old.targets[0].id)
    assert target.delta is not None and target.delta < 0, target
    assert target.total_delta < 0
    assert target.direction == "better"
    text = "\n".join(format_diff(diff))
    assert "+ new-siem 'New SIEM'" in text and f"- {dropped}" in text
    assert "risk per target" in text and "[better]" in text


def _risk(score: int, total: int, p: float | None = None) -> dict:
    value = {"score": score, "level": "x", "total": total, "threats": 1}
    if p is not None:
        value["probability"] = p
    return value


@pytest.mark.parametrize(("old", "new", "direction"), [
    (_risk(12, 50, 0.5), _risk(16, 60, 0.6), "worse"),
    (_risk(12, 50, 0.5), _risk(8, 40, 0.5), "better"),
    (_risk(12, 50, 0.5), _risk(12, 40, 0.7), "mixed"),  # fewer threats, easier to reach
    (_risk(12, 50, 0.50), _risk(12, 50, 0.51), "same"),  # Monte Carlo noise is not a move
    (None, _risk(12, 50), "added"),
    (_risk(12, 50), None, "removed"),
])
def test_direction_of_risk_per_target(old, new, direction) -> None:
    from workbench.analysis.diff import TargetRisk

    assert TargetRisk("t", "T", old, new).direction == direction


def test_identical_models_have_no_difference() -> None:
    model = base_model()
    diff = diff_models(model, model.model_copy(deep=True))
    assert diff.empty
    assert format_diff(diff) == ["no difference"]


def test_cli_diff_json(tmp_path, capsys) -> None:
    old = base_model()
    new, dropped = second_version(old)
    a, b = tmp_path / "a.twm.json", tmp_path / "b.twm.json"
    save_model(old, a)
    save_model(new, b)
    assert main(["diff", str(a), str(b), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [x["id"] for x in data["components"]["added"]] == ["new-siem"]
    assert [x["id"] for x in data["threats"]["removed"]] == [dropped]
    assert data["risk_per_target"] and "risk_basis" in data
    assert main(["diff", str(a), str(tmp_path / "missing.twm.json")]) == 1


def test_risk_of_version_two_is_the_full_analysis() -> None:
    """The diff re-analyses version 2 from version 1 (``analysis/incremental.py``); its
    figures must be the ones two full analyses give (``target_risk`` of each version)."""
    old = base_model()
    new, _ = second_version(old)
    got = diff_models(old, new)
    before, _ = target_risk(old)
    after, _ = target_risk(new)
    assert [r.to_json() for r in got.risk] == [r.to_json()
                                                for r in compare_risk(before, after)]
    assert any(r.moved for r in got.risk)


def test_cli_text_prints_what_changed_before_analysing_risk(tmp_path, capsys,
                                                            monkeypatch) -> None:
    """The text output is the library's lines, the structural part printed (and flushed)
    before the risk of both versions is computed (seconds on a large estate)."""
    from workbench.analysis import diff as diff_module
    from workbench.cli import cmd_diff

    old = base_model()
    new, dropped = second_version(old)
    a, b = tmp_path / "a.twm.json", tmp_path / "b.twm.json"
    save_model(old, a)
    save_model(new, b)
    seen_first: list[str] = []

    def risk_after_reading_output(x, y, **kw):
        seen_first.append(capsys.readouterr().out)
        return diff_module.risk_between(x, y, **kw)

    monkeypatch.setattr(cmd_diff, "risk_between", risk_after_reading_output)
    assert main(["diff", str(a), str(b)]) == 0
    printed = seen_first[0] + capsys.readouterr().out
    assert "+ new-siem 'New SIEM'" in seen_first[0] and "risk per target" not in seen_first[0]
    expected = format_diff(diff_models(load_model(a), load_model(b)))
    assert printed.splitlines() == [f"--- {a}", f"+++ {b}", *expected]
    monkeypatch.undo()
    assert main(["diff", str(a), str(a)]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == ["no difference"]


def test_plan_of_each_version_is_analyzes_plan(tmp_path, capsys) -> None:
    """``diff --plan`` shows each version's control plan exactly as ``analyze`` gives it
    (same call and defaults, from the incremental analyses of the diff)."""
    from workbench.analysis.diff import PLAN_KEYS

    path = next(SAMPLES.glob("cardiac-implant*.twm.json"))
    old = load_model(path)
    new = old.model_copy(deep=True)
    flow = new.flows[0]
    new.flows[0] = flow.model_copy(update={"encrypted": not flow.encrypted})
    a, b = tmp_path / "a.twm.json", tmp_path / "b.twm.json"
    save_model(old, a)
    save_model(new, b)
    assert main(["diff", str(a), str(b), "--plan", "--json"]) == 0
    plans = json.loads(capsys.readouterr().out)["plan"]
    for key, file in (("old", a), ("new", b)):
        assert main(["analyze", str(file), "--json"]) == 0
        steps = json.loads(capsys.readouterr().out)["recommendations"]
        assert steps, "the sample has a plan"
        assert plans[key] == [{k: s.get(k) for k in PLAN_KEYS} for s in steps]
    assert main(["diff", str(a), str(b), "--plan"]) == 0
    text = capsys.readouterr().out
    assert "control plan" in text


def test_plan_lines_say_what_came_went_and_the_first_step() -> None:
    from workbench.analysis.diff import ModelDiff, format_plan

    def step(ident: str, title: str) -> dict:
        return {"added": ident, "title": title, "step_days": 2.0}

    old = [step("a", "Segment the LAN"), step("b", "Patch the pumps")]
    new = [step("b", "Patch the pumps"), step("c", "MFA on the portal")]
    diff = ModelDiff({}, {}, [], "x", (old, new))
    lines = format_plan(diff)
    assert "first step changed: 'Segment the LAN' -> 'Patch the pumps'" in lines[3]
    assert "  - 'Segment the LAN' (only in A)" in lines
    assert "  + 'MFA on the portal' (only in B)" in lines
    assert format_plan(ModelDiff({}, {}, [], "x", (old, old))) == [
        "control plan: the same 2 step(s) in both versions"]
    assert format_plan(ModelDiff({}, {}, [], "x")) == []
