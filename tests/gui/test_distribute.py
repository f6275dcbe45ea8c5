"""Arrange > Distribute with the keyboard: equal gaps between the selected cards, one undo."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from workbench.model import edits
from workbench.model.layout import ELEMENT_H, ELEMENT_W

CARDS = ("pump", "relay", "vcloud")


def _spread(window) -> None:
    window.doc.apply("Move", edits.move_elements, {"pump": (100.0, 120.0),
                                                   "relay": (160.0, 220.0),
                                                   "vcloud": (900.0, 700.0)})
    window.scene.select_ids(list(CARDS))
    window.view.setFocus()


def test_ctrl_shift_h_distributes_horizontally_and_undoes(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    _spread(window)
    before = dict(window.doc.model.layout.elements)
    qtbot.keyClick(window.view, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    boxes = window.doc.model.layout.elements
    xs = [boxes[k].x for k in CARDS]
    gaps = [b - a - ELEMENT_W for a, b in pairwise(xs)]
    assert abs(gaps[0] - gaps[1]) < 1e-6 and gaps[0] > 0
    assert [boxes[k].y for k in CARDS] == [before[k].y for k in CARDS]
    assert window.scene.elements["relay"].pos().x() == boxes["relay"].x  # the card moved
    assert window.doc.undo_stack.undoText() == "Distribute"
    window.doc.undo_stack.undo()
    assert window.doc.model.layout.elements["relay"] == before["relay"]


def test_ctrl_shift_v_distributes_vertically(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    _spread(window)
    qtbot.keyClick(window.view, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ys = [window.doc.model.layout.elements[k].y for k in CARDS]
    assert abs((ys[1] - ys[0]) - (ys[2] - ys[1])) < 1e-6 and ys[1] - ys[0] > ELEMENT_H


def test_distribute_needs_three_cards_and_says_so(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    _spread(window)
    window.scene.select_ids(["pump", "vcloud"])
    before = window.doc.model
    qtbot.keyClick(window.view, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.doc.model is before
    assert "three" in window.statusBar().currentMessage()


def test_arrange_menu_offers_both_distributions(make_window):
    window = make_window()
    arrange = next(a.menu() for a in window.menuBar().actions()
                   if a.text().replace("&", "") == "Arrange")
    assert isinstance(arrange, QMenu)
    texts = {a.text().replace("&", ""): a.shortcut().toString() for a in arrange.actions()}
    assert texts["Distribute Horizontally"] == "Ctrl+Shift+H"
    assert texts["Distribute Vertically"] == "Ctrl+Shift+V"
