"""Vendor Review dock: filling in the buyer's checklist with real widgets, undo, save, French."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.model.factories import consumer_model
from workbench.model import load_model
from workbench.model.io import save_model
from workbench.model.review_edits import answer_of

ROOT = Path(__file__).resolve().parents[2]


def _open_from_menu(qtbot, window, text: str = "&Vendor Review…"):
    action = next(a for a in window.tools_menu.actions() if a.text() == text)
    action.trigger()
    assert window.review_dock.isVisible()
    panel = window.review_panel
    qtbot.waitUntil(lambda: panel.tree.viewport().height() > 100)
    return panel


def _click_item(qtbot, panel, ident: str) -> None:
    row = panel.items[ident]
    panel.tree.scrollToItem(row)
    rect = panel.tree.visualItemRect(row)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.current_id == ident


def test_answer_evidence_undo_save_and_reload(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open_from_menu(qtbot, window)
    assert panel.start_btn.isVisible()  # no review in the file yet
    before = panel.summary.text()
    assert "Unknown 20" in before

    _click_item(qtbot, panel, "sbom")
    assert panel.detail_title.text() == "Software bill of materials provided"
    assert "SBOM" in panel.detail_text.text()  # the question and expected evidence show
    panel.answer_combo.setFocus()
    qtbot.keyClick(panel.answer_combo, Qt.Key.Key_Up)  # Unknown -> No, from the keyboard
    assert answer_of(window.doc.model, "sbom").answer.value == "no"
    assert window.doc.model.review is not None  # the first answer started the review
    assert not panel.start_btn.isVisible()
    assert window.doc.dirty and window.doc.undo_stack.count() == 1  # one undoable step

    qtbot.mouseClick(panel.evidence_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.evidence_edit, "Vendor refuses: proprietary")
    qtbot.keyClick(panel.evidence_edit, Qt.Key.Key_Return)
    assert answer_of(window.doc.model, "sbom").evidence == "Vendor refuses: proprietary"
    assert panel.items["sbom"].text(3) == "Vendor refuses: proprietary"
    assert panel.items["sbom"].text(2) == "No"
    after = panel.summary.text()
    assert after != before and "No 1" in after and "Unknown 19" in after

    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert answer_of(window.doc.model, "sbom").evidence is None
    assert panel.evidence_edit.text() == ""  # the dock follows undo
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.review is None and panel.summary.text() == before
    assert panel.start_btn.isVisible()
    window.doc.undo_stack.redo()
    window.doc.undo_stack.redo()
    assert answer_of(window.doc.model, "sbom").evidence == "Vendor refuses: proprietary"

    assert window.save()
    saved = load_model(tiny_path)
    assert answer_of(saved, "sbom").evidence == "Vendor refuses: proprietary"
    window.new_model()  # a blank model: nothing answered
    assert "Unknown" in panel.summary.text() and panel.items["sbom"].text(3) == ""
    assert window.open_path(str(tiny_path))
    assert panel.items["sbom"].text(2) == "No"
    assert panel.summary.text() == after


def test_vendor_and_reviewer_start_the_review_and_sign_answers(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open_from_menu(qtbot, window)
    qtbot.mouseClick(panel.vendor_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.vendor_edit, "Acme Telehealth")
    qtbot.keyClick(panel.vendor_edit, Qt.Key.Key_Tab)  # leaving the field commits it
    qtbot.keyClicks(panel.reviewer_edit, "J. Martin")
    qtbot.keyClick(panel.reviewer_edit, Qt.Key.Key_Return)
    review = window.doc.model.review
    assert (review.vendor, review.reviewer) == ("Acme Telehealth", "J. Martin")
    _click_item(qtbot, panel, "hds-certified-hosting")
    panel.answer_combo.setFocus()
    qtbot.keyClick(panel.answer_combo, Qt.Key.Key_Home)  # Yes
    answer = answer_of(window.doc.model, "hds-certified-hosting")
    assert answer.answer.value == "yes" and answer.answered_by == "J. Martin"
    assert "Blocking" in panel.items["hds-certified-hosting"].text(1)
    assert "Yes 1" in panel.summary.text()

    qtbot.mouseClick(panel.gaps_only, Qt.MouseButton.LeftButton)  # what is left to chase
    assert panel.items["hds-certified-hosting"].isHidden()  # answered yes
    assert not panel.items["sbom"].isHidden()
    qtbot.mouseClick(panel.gaps_only, Qt.MouseButton.LeftButton)
    assert not panel.items["hds-certified-hosting"].isHidden()


def test_items_that_do_not_apply_are_greyed_with_the_reason(qtbot, make_window, tmp_path):
    path = tmp_path / "consumer.twm.json"
    save_model(consumer_model(), path)
    window = make_window(path)
    panel = _open_from_menu(qtbot, window)
    row = panel.items["signed-firmware"]  # a fitness tracker is no medical device
    assert row.text(2) == "Does not apply" and "no medical device" in row.text(3)
    qtbot.mouseClick(panel.gaps_only, Qt.MouseButton.LeftButton)
    assert row.isHidden()  # not a gap either
    qtbot.mouseClick(panel.gaps_only, Qt.MouseButton.LeftButton)
    _click_item(qtbot, panel, "signed-firmware")
    assert "Does not apply" in panel.detail_text.text()
    assert not panel.answer_combo.isEnabled() and not panel.evidence_edit.isEnabled()
    reg = window.doc.model.regulatory.model_copy(update={"medical_device": True})
    window.doc.apply("medical device", lambda m: m.model_copy(update={"regulatory": reg}))
    assert row.text(2) == "Unknown" and panel.answer_combo.isEnabled()
    assert "Unknown 20" in panel.summary.text()


def test_french_dock(french, qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _open_from_menu(qtbot, window, "&Revue fournisseur…")
    assert window.review_dock.windowTitle() == "Revue fournisseur"
    assert panel.items["hds-certified-hosting"].text(0) == \
        "Hébergement certifié HDS des données de santé"
    assert "Bloquant" in panel.items["hds-certified-hosting"].text(1)
    assert panel.start_btn.text() == "Démarrer la revue"
    assert panel.answer_combo.itemText(0) == "Oui"
    assert "Inconnu 20" in panel.summary.text()
    # the question and the expected evidence too, not only the title
    panel.tree.setCurrentItem(panel.items["sbom"])
    assert "nomenclature logicielle (SBOM)" in panel.detail_text.text()
    assert "Fichiers SBOM des versions concernées." in panel.detail_text.text()
    assert "machine-readable" not in panel.detail_text.text()


def test_a_broken_checklist_is_reported_not_shown_empty(qtbot, make_window, tiny_path,
                                                        dialogs, monkeypatch):
    from workbench.gui.vendor import review
    from workbench.model.errors import ModelError, Problem

    def broken():
        raise ModelError([Problem("items[3].severity", "Input should be 'blocking'")],
                         "catalogs/review-checklist.json")

    monkeypatch.setattr(review, "default_checklist", broken)
    window = make_window(tiny_path)
    next(a for a in window.tools_menu.actions() if a.text() == "&Vendor Review…").trigger()
    assert getattr(window, "review_dock", None) is None
    kind, title, text = dialogs.shown[-1]
    assert kind == "critical" and "review-checklist.json" in text and "items[3].severity" in text


def test_the_dock_follows_a_device_drawn_after_it_opened(qtbot, make_window, tmp_path):
    """Whether an item applies depends on the components: the open dock must follow them."""
    from workbench.model import edits
    from workbench.model.entities import Component
    from workbench.model.enums import Layer

    path = tmp_path / "consumer.twm.json"
    save_model(consumer_model(), path)
    window = make_window(path)
    panel = _open_from_menu(qtbot, window)
    assert panel.items["signed-firmware"].text(2) == "Does not apply"
    window.doc.apply("Add pump", edits.add_component, Component(
        id="pump2", name="Insulin pump", stencil="insulin-pump", layer=Layer.THING))
    assert panel.items["signed-firmware"].text(2) == "Unknown"
