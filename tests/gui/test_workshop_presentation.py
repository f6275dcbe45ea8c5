"""Projector view, French strings, and the highlight surviving a re-analysis."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from workbench.gui import i18n
from workbench.gui.workshop import edits as ws
from workbench.gui.workshop import workshop_panel
from workbench.gui.workshop.presentation import BACKGROUND

ROOT = Path(__file__).resolve().parents[2]


def _session(window):
    panel = workshop_panel(window)
    panel.start("Review", ["Ann", "Bob"], "Ann")
    return panel


def test_presentation_is_large_and_shows_live_disagreement(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _session(window)
    view = panel.show_presentation()
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    qtbot.wait(5)
    assert view.body_px() >= 36  # about 1/30 of a 1080-line projector
    assert view.heading.font().pixelSize() >= 64
    assert view.heading.text() == panel.current().title
    assert "DISAGREEMENT" not in view.stats.text()
    window.doc.apply("v", ws.vote, panel.session_id, panel.index, "Ann", likelihood=1)
    window.doc.apply("v", ws.vote, panel.session_id, panel.index, "Bob", likelihood=4)
    assert "DISAGREEMENT" in view.stats.text() and "2.5" in view.stats.text()
    image = view.grab().toImage()
    assert image.width() == 1920
    assert image.pixelColor(5, image.height() - 5) == QColor(BACKGROUND)  # dark backdrop
    view.close()


def test_clicker_keys_step_from_the_projector(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    panel = _session(window)
    view = panel.show_presentation()
    qtbot.addWidget(view)
    view.activateWindow()
    qtbot.waitExposed(view)
    first = view.heading.text()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert panel.index == 1 and view.heading.text() == panel.current().title
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert panel.index == 0 and view.heading.text() == first
    view.close()


def test_highlight_survives_a_new_analysis(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = _session(window)
    panel.next()
    element = panel.current().element
    window.run_analysis()  # the attack panel clears path highlights on every analysis
    assert element in window.scene.highlighted_ids()


def test_french_tools_menu_and_panel(french, make_window, tiny_path):
    window = make_window(tiny_path)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Outils" in menus
    panel = workshop_panel(window)
    assert panel.start_btn.text() == "Démarrer la séance"
    assert window.workshop_dock.windowTitle() == "Atelier"
    panel.start("Revue", ["Ann", "Bob"], "Ann")
    assert "Usurpation" in panel.questions.text()  # the questions too, from our data
    assert panel.heading.text().startswith("Élément\u202f: ")
    assert "(objet)" in panel.slide().subheading


def test_english_after_french_has_no_leftover(qapp, make_window, tiny_path):
    i18n.install(qapp, "fr")
    make_window(tiny_path)
    i18n.install(qapp, "en")
    window = make_window(tiny_path)
    assert "&Tools" in [a.text() for a in window.menuBar().actions()]

