"""Votes by named participants: median, spread, disagreement, consensus, timer, minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.model.factories import tiny_model
from workbench.cli.main import main
from workbench.model import ThreatInstance, load_model
from workbench.model.io import save_model
from workbench.model.workshop import WorkshopItem, WorkshopSession
from workbench.workshop import (
    ItemTimer,
    apply_consensus,
    cast_vote,
    check_session,
    record_consensus,
    session_markdown,
    summarize_item,
)


def _item() -> WorkshopItem:
    item = WorkshopItem(element="pump", threat="t-dose", title="Remote dose change")
    cast_vote(item, "Alice", likelihood=2, impact={"patient_safety": 4})
    cast_vote(item, "Bob", likelihood=3, impact={"patient_safety": 4})
    cast_vote(item, "Chloé", likelihood=4, impact={"patient_safety": 3})
    cast_vote(item, "Dan", likelihood=1)
    return item


def test_median_spread_and_disagreement_per_dimension() -> None:
    summary = summarize_item(_item())
    lik = summary.get("likelihood")
    assert lik.n == 4 and lik.median == 2.5
    assert (lik.low, lik.high, lik.spread) == (1, 4, 3)
    assert lik.q1 == 1.75 and lik.q3 == 3.25 and lik.iqr == 1.5
    assert lik.disagreement
    safety = summary.get("patient_safety")
    assert safety.n == 3 and safety.median == 4 and safety.spread == 1
    assert not safety.disagreement
    assert summary.disagreement


def test_voting_again_replaces_the_earlier_vote() -> None:
    item = _item()
    cast_vote(item, "Dan", likelihood=3)
    assert len(item.votes) == 4
    assert summarize_item(item).get("likelihood").votes["Dan"] == 3
    lik = summarize_item(item).get("likelihood")
    assert (lik.median, lik.spread) == (3, 2)  # 2, 3, 4, 3: Dan's old 1 no longer counts

def test_single_vote_and_no_vote() -> None:
    item = WorkshopItem(element="pump")
    assert summarize_item(item).dimensions == []
    cast_vote(item, "Alice", likelihood=2)
    lik = summarize_item(item).get("likelihood")
    assert (lik.median, lik.iqr, lik.spread, lik.disagreement) == (2, 0, 0, False)


def test_consensus_defaults_to_rounded_up_median_and_records_who_decided() -> None:
    item = _item()
    consensus = record_consensus(item, ["Alice", "Bob"], rationale="worst case agreed",
                                 on=dt.date(2026, 11, 29))
    assert consensus.likelihood == 3  # median 2.5 rounds up: caution when split
    assert consensus.impact == {"patient_safety": 4}
    assert consensus.decided_by == ["Alice", "Bob"]
    explicit = record_consensus(item, ["Chair"], likelihood=4)
    assert explicit.likelihood == 4 and item.consensus is explicit
    with pytest.raises(ValueError):
        record_consensus(item, [])


def test_consensus_is_applied_to_the_threat() -> None:
    model = tiny_model()
    model.threats.append(ThreatInstance(id="t-dose", key="k", catalog_id="x", element="pump"))
    item = _item()
    record_consensus(item, ["Alice", "Bob"], on=dt.date(2026, 11, 29))
    session = WorkshopSession(id="s1", title="Pump", date=dt.date(2026, 11, 29),
                              participants=["Alice", "Bob", "Chloé", "Dan"], items=[item])
    assert apply_consensus(model, session) == ["t-dose"]
    threat = model.threats[-1]
    assert threat.likelihood == 3 and threat.impact == {"patient_safety": 4}
    assert threat.decided_by == "Alice, Bob" and threat.decided_on == dt.date(2026, 11, 29)


def test_check_session_flags_unknown_references_and_outsiders() -> None:
    model = tiny_model()
    item = WorkshopItem(element="ghost", threat="t-none")
    cast_vote(item, "Mallory", likelihood=2, impact={"karma": 3})
    session = WorkshopSession(id="s", title="S", date=dt.date(2026, 1, 1),
                              participants=["Alice"], items=[item])
    messages = " | ".join(p.message for p in check_session(model, session))
    for needle in ("unknown element 'ghost'", "unknown threat 't-none'",
                   "'Mallory' is not a participant", "unknown impact category 'karma'"):
        assert needle in messages


def test_timer_accumulates_per_item_and_switches() -> None:
    now = [100.0]
    timer = ItemTimer(clock=lambda: now[0])
    first, second = WorkshopItem(element="pump"), WorkshopItem(element="relay")
    timer.start(first)
    now[0] += 90
    assert timer.elapsed() == 90
    timer.start(second)  # switching credits the first item
    now[0] += 30
    assert timer.stop() == 30
    timer.start(first)
    now[0] += 15
    timer.stop()
    assert (first.seconds_spent, second.seconds_spent) == (105, 30)
    assert timer.stop() == 0


def _model_with_session():
    model = tiny_model()
    model.threats.append(ThreatInstance(id="t-dose", key="k", catalog_id="x", element="pump",
                                        title="Dose | change"))
    item = _item()
    item.seconds_spent = 125
    item.votes[0].comment = "Needs physical proximity"
    record_consensus(item, ["Alice", "Bob"], on=dt.date(2026, 11, 29))
    other = WorkshopItem(element="f-relay-cloud")
    model.workshops = [WorkshopSession(
        id="s1", title="Closed loop review", date=dt.date(2026, 11, 29), facilitator="Eve",
        participants=["Alice", "Bob", "Chloé", "Dan"], notes=["Vendor present"],
        decisions=["Pairing needs a PIN"], open_questions=["Who patches the phone app?"],
        items=[item, other])]
    return model


def test_markdown_minutes_hold_votes_stats_consensus_and_record() -> None:
    text = session_markdown(*(lambda m: (m, m.workshops[0]))(_model_with_session()))
    assert text.startswith("# Workshop: Closed loop review")
    assert "- Participants: Alice, Bob, Chloé, Dan" in text
    assert "- Pairing needs a PIN" in text and "- Who patches the phone app?" in text
    assert "| Likelihood | 2 | 3 | 4 | 1 | 2.5 | 1–4 | 1.5 | **yes** |" in text
    assert "| Impact: " in text and "| 4 | 4 | 3 | – | 4 | 3–4 | " in text
    assert "Dose \\| change" not in text  # titles outside tables stay as written
    assert "decided by Alice, Bob on 2026-11-29" in text
    assert "Time spent: 2 min 05 s" in text
    assert "- Alice: Needs physical proximity" in text
    assert "No ratings recorded." in text and "**Consensus:** not reached" in text


def test_markdown_minutes_in_french() -> None:
    model = _model_with_session()
    text = session_markdown(model, model.workshops[0], "fr")
    assert text.startswith("# Atelier : Closed loop review")
    assert "- Participants : Alice, Bob, Chloé, Dan" in text
    assert "## Décisions" in text and "## Questions ouvertes" in text
    # decimal comma, French headers, and the team's own words kept as typed
    assert "| Vraisemblance | 2 | 3 | 4 | 1 | 2,5 | 1–4 | 1,5 | **oui** |" in text
    assert "| Cotation | Alice | Bob | Chloé | Dan | Médiane | Étendue | EIQ | Désaccord |" in text
    assert "décidé par Alice, Bob le 2026-11-29" in text
    assert "Temps passé : 2 min 05 s" in text
    assert "- Alice : Needs physical proximity" in text
    assert "Aucune cotation enregistrée." in text and "**Consensus :** non atteint" in text
    for english in ("Workshop:", "Likelihood", "decided by", "Time spent", "Open questions"):
        assert english not in text


def test_cli_workshop_export_and_summary(tmp_path, capsys) -> None:
    path = tmp_path / "m.twm.json"
    save_model(_model_with_session(), path)
    assert load_model(path).workshops[0].items[0].votes[2].participant == "Chloé"
    out = tmp_path / "minutes.md"
    assert main(["workshop", "export", str(path), "-o", str(out)]) == 0
    assert "# Workshop: Closed loop review" in out.read_text(encoding="utf-8")
    assert main(["workshop", "export", str(path), "--lang", "fr", "-o", str(out)]) == 0
    assert "# Atelier : Closed loop review" in out.read_text(encoding="utf-8")
    assert main(["workshop", "summary", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "DISAGREE" in printed and "consensus by Alice, Bob" in printed
    assert main(["workshop", "agenda", str(path)]) == 0
    assert "1. [thing] Insulin pump (pump)" in capsys.readouterr().out
    assert main(["workshop", "export", str(path), "--session", "nope"]) == 1
    assert "no workshop session 'nope'" in capsys.readouterr().err


def test_agenda_walks_layers_in_order_then_flows_with_questions() -> None:
    from workbench.analysis.pipeline import analyze
    from workbench.workshop import build_agenda, new_session

    model = analyze(tiny_model()).model
    agenda = build_agenda(model)
    layers = [s.layer for s in agenda]
    assert layers == ["thing", "gateway", "network", "network", "cloud", "flow", "flow"]
    pump = agenda[0]
    assert pump.personal_data  # dosing settings are personal: LINDDUN questions too
    frameworks = {q.framework for q in pump.questions}
    assert frameworks == {"STRIDE", "LINDDUN"}
    relay = next(s for s in agenda if s.element == "relay")
    assert {q.framework for q in relay.questions} == {"STRIDE"}
    flow = next(s for s in agenda if s.element == "f-pump-relay")
    assert {q.category for q in flow.questions if q.framework == "STRIDE"} == {
        "S", "T", "I", "D"}
    assert pump.threats and all(tid in {t.id for t in model.threats}
                                for tid, _ in pump.threats)
    session = new_session(model, "s1", "Closed loop", ["Alice", "Bob"],
                          date=dt.date(2026, 11, 29))
    assert model.workshops == [session]
    assert {i.threat for i in session.items if i.threat} == {
        t.id for t in model.threats if t.status.value not in {"rejected", "orphaned"}}
    assert check_session(model, session) == []
