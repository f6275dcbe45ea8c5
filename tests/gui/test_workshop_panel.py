"""Workshop mode in the real window: start a session, step, vote, decide, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.gui.workshop import workshop_panel
from workbench.model.io import load_model
from workbench.workshop import ItemTimer


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _action(window, text: str):
    return next(a for a in window.tools_menu.actions() if a.text() == text)


@pytest.fixture
def started(qtbot, make_window, tiny_path):
    """A window on the tiny model with a session of Ann and Bob started by typing."""
    window = make_window(tiny_path)
    _action(window, "&Workshop…").trigger()
    panel = window.workshop_panel
    clock = FakeClock()
    panel.timer = ItemTimer(clock)
    qtbot.keyClicks(panel.participants_edit, "Ann, Bob")
    qtbot.keyClicks(panel.facilitator_edit, "Ann")
    qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
    return window, panel, clock


def type_vote(qtbot, table, col: int, row: int, text: str) -> None:
    """Select a cell (participant column, dimension row), type, press Enter."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClicks(table, text)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # the delegate commits on a queued call


def test_start_session_walks_things_first_and_highlights(started):
    window, panel, _ = started
    session = window.doc.model.workshops[0]
    assert session.participants == ["Ann", "Bob"]
    assert session.facilitator == "Ann"
    first = session.items[0]
    assert first.element == "pump"  # things come first
    assert window.scene.highlighted_ids() == {"pump"}
    assert "Item 1 of" in panel.counter_label.text()
    # the catalog's suggestions for the pump are listed and the questions shown
    assert panel.suggestion_list.count() >= 1
    assert "STRIDE" in panel.questions.text() and "LINDDUN" in panel.questions.text()
    assert panel.votes.columnCount() == 2 + 3  # Ann, Bob, median, spread, decision
    assert panel.votes.rowCount() == 1 + len(window.doc.model.risk.impact_categories)


def test_votes_show_median_spread_and_disagreement_then_consensus(qtbot, started):
    window, panel, _ = started
    item = panel.current()
    type_vote(qtbot, panel.votes, 0, 0, "1")
    type_vote(qtbot, panel.votes, 1, 0, "4")
    votes = {v.participant: v.likelihood for v in panel.current().votes}
    assert votes == {"Ann": 1, "Bob": 4}
    assert panel.stat("likelihood") == ("2.5", "1–4 ⚠")
    assert "Disagreement" in panel.flag.text() and "Likelihood" in panel.flag.text()
    # patient safety impact (column of that category)
    cats = [c.id for c in window.doc.model.risk.impact_categories]
    col = 1 + cats.index("patient_safety")
    type_vote(qtbot, panel.votes, 0, col, "3")
    type_vote(qtbot, panel.votes, 1, col, "4")
    assert panel.stat("patient_safety") == ("3.5", "3–4")

    qtbot.keyClicks(panel.rationale, "Pump exposed over BLE")
    qtbot.mouseClick(panel.consensus_btn, Qt.MouseButton.LeftButton)
    threat = next(t for t in window.doc.model.threats if t.id == item.threat)
    assert threat.likelihood == 3  # 2.5 rounded up
    assert threat.impact["patient_safety"] == 4
    assert threat.decided_by == "Ann"
    assert "decided by Ann" in panel.consensus_label.text()
    # undo removes the consensus and the values it gave the threat
    window.doc.undo_stack.undo()
    threat = next(t for t in window.doc.model.threats if t.id == item.threat)
    assert threat.likelihood is None and threat.decided_by is None
    assert panel.current().consensus is None


def test_decision_column_overrides_the_median(qtbot, started):
    window, panel, _ = started
    item = panel.current()
    type_vote(qtbot, panel.votes, 0, 0, "1")
    type_vote(qtbot, panel.votes, 1, 0, "3")
    type_vote(qtbot, panel.votes, 4, 0, "4")  # the group settles above the median (2)
    qtbot.mouseClick(panel.consensus_btn, Qt.MouseButton.LeftButton)
    threat = next(t for t in window.doc.model.threats if t.id == item.threat)
    assert threat.likelihood == 4
    assert panel.current().consensus.likelihood == 4
    assert panel.votes.item(0, 4).text() == "4"  # the decision stays shown


def test_out_of_scale_vote_is_refused_with_a_message(qtbot, started):
    window, panel, _ = started
    type_vote(qtbot, panel.votes, 0, 0, "9")
    assert "not on the scale" in panel.message.text()
    assert panel.current().votes == []


def test_next_and_previous_move_the_canvas_highlight(qtbot, started):
    window, panel, clock = started
    session = window.doc.model.workshops[0]
    first = session.items[0].element
    later = next(i for i, it in enumerate(session.items) if it.element != first)
    for _ in range(later):
        clock.now += 30
        qtbot.mouseClick(panel.next_btn, Qt.MouseButton.LeftButton)
    element = session.items[later].element
    assert element in window.scene.highlighted_ids()
    assert first not in window.scene.highlighted_ids()
    qtbot.mouseClick(panel.prev_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.prev_btn, Qt.MouseButton.LeftButton)
    assert panel.index == later - 2 if later >= 2 else panel.index == 0
    # time per item is credited to the item left and saved in the model
    assert window.doc.model.workshops[0].items[0].seconds_spent == 30


def test_saved_session_refers_only_to_threats_in_the_file(started):
    from workbench.workshop import check_session

    window, panel, _ = started
    model = window.doc.model
    assert check_session(model, model.workshops[0]) == []


def test_flows_come_after_elements_and_show_their_ends(started):
    window, panel, _ = started
    items = window.doc.model.workshops[0].items
    flow_index = next(i for i, it in enumerate(items) if it.element.startswith("f-"))
    assert all(not it.element.startswith("f-") for it in items[:flow_index])
    panel.go(flow_index)
    assert window.scene.highlighted_ids() == {"f-pump-relay", "pump", "relay"}


def test_timer_label_counts(qtbot, started):
    window, panel, clock = started
    clock.now += 75
    panel._tick()
    assert panel.timer_label.text() == "01:15"


def test_notes_export_and_save_round_trip(qtbot, started, tmp_path):
    window, panel, _ = started
    type_vote(qtbot, panel.votes, 0, 0, "2")
    type_vote(qtbot, panel.votes, 1, 0, "2")
    panel.record_consensus()
    panel.text_edits["decisions"].setPlainText("Enable BLE pairing PIN")
    panel.text_edits["open_questions"].setPlainText("Does the relay pin certificates?")
    qtbot.mouseClick(panel.save_record_btn, Qt.MouseButton.LeftButton)
    out = panel.export_markdown(str(tmp_path / "minutes.md"))
    text = (tmp_path / "minutes.md").read_text("utf-8")
    assert out and "Participants: Ann, Bob" in text
    assert "Enable BLE pairing PIN" in text and "decided by Ann" in text
    path = tmp_path / "saved.twm.json"
    assert window._write(str(path))
    again = load_model(path)
    assert again.workshops[0].decisions == ["Enable BLE pairing PIN"]
    assert again.workshops[0].items[0].consensus.likelihood == 2


def test_resume_an_earlier_session(qtbot, started):
    window, panel, _ = started
    sid = panel.session_id
    panel.end()
    assert window.scene.highlighted_ids() == set()
    assert panel.sessions_combo.count() == 1
    qtbot.mouseClick(panel.resume_btn, Qt.MouseButton.LeftButton)
    assert panel.session_id == sid and panel.pages.currentIndex() == 1


def test_start_without_participants_says_why(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = workshop_panel(window)
    qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
    assert "participant" in panel.setup_error.text()
    assert not window.doc.model.workshops


def test_undoing_the_start_closes_the_session(qtbot, started):
    window, panel, _ = started
    while window.doc.model.workshops:
        window.doc.undo_stack.undo()
    assert panel.pages.currentIndex() == 0
    assert window.scene.highlighted_ids() == set()


def test_minutes_follow_the_interface_language(qtbot, qapp, make_window, tiny_path, tmp_path):
    from workbench.gui import i18n

    i18n.install(qapp, "fr")
    try:
        window = make_window(tiny_path)
        window.tools_menu.actions()[0].trigger()  # Atelier…
        panel = window.workshop_panel
        qtbot.keyClicks(panel.participants_edit, "Ann, Bob")
        qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
        panel.export_markdown(str(tmp_path / "cr.md"))
        text = (tmp_path / "cr.md").read_text("utf-8")
        assert text.startswith("# Atelier : ") and "- Participants : Ann, Bob" in text
    finally:
        i18n.install(qapp, "en")


def test_moving_on_is_not_an_undo_step_and_undo_keeps_the_time(qtbot, started):
    """Issue 15: each move to the next item added a "Workshop time" undo step, so Ctrl+Z
    after a vote had to be pressed once per item visited, and undoing lost the time."""
    window, panel, clock = started
    stack = window.doc.undo_stack
    type_vote(qtbot, panel.votes, 0, 0, "2")  # a real edit: one undo step
    steps = stack.count()
    for _ in range(3):
        clock.now += 40
        qtbot.mouseClick(panel.next_btn, Qt.MouseButton.LeftButton)
    assert stack.count() == steps  # moving on added no undo step
    assert window.doc.dirty and window.isWindowModified()  # but the time is unsaved work
    assert window.doc.model.workshops[0].items[0].seconds_spent == 40
    # Ctrl+Z takes back the vote, not a timing; the times stay
    stack.undo()
    items = window.doc.model.workshops[0].items
    assert items[0].votes == []
    assert [it.seconds_spent for it in items[:3]] == [40, 40, 40]
    stack.redo()
    assert window.doc.model.workshops[0].items[0].votes


def test_time_alone_makes_the_model_unsaved_and_saving_clears_it(qtbot, started, tmp_path):
    window, panel, clock = started
    window.doc.set_clean()
    assert not window.isWindowModified()
    clock.now += 12
    qtbot.mouseClick(panel.next_btn, Qt.MouseButton.LeftButton)
    assert window.doc.dirty and window.isWindowModified()
    assert window.save()
    assert not window.doc.dirty and not window.isWindowModified()
    assert load_model(window.doc.path).workshops[0].items[0].seconds_spent == 12
