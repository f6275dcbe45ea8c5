"""The Workshop dock scrolls once: at 1600x1000 with a sample open and a session running,
the panel sits in the dock's own scroll area (gui/docks.DockScroll) and nowhere else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QScrollArea

from workbench.gui.docks import DockScroll, dock_content
from workbench.gui.workshop import workshop_panel

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


def _scroll_ancestors(widget, stop) -> list[QScrollArea]:
    out, parent = [], widget.parentWidget()
    while parent is not None and parent is not stop:
        if isinstance(parent, QScrollArea):
            out.append(parent)
        parent = parent.parentWidget()
    return out


def test_the_workshop_panel_scrolls_once_at_1600x1000(qtbot, make_window):
    window = make_window(SAMPLE, resize=False)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    panel = workshop_panel(window)
    dock = window.workshop_dock
    qtbot.wait(30)
    assert dock_content(dock) is panel and isinstance(dock.widget(), DockScroll)
    # the short setup form does not take the session page's height (no needless bar)
    assert dock.widget().verticalScrollBar().maximum() == 0
    panel.start(participants=["Ana", "Ben", "Chloe"])
    qtbot.wait(30)
    assert panel.pages.currentIndex() == 1
    # the ratings table: one scroll area above it, the dock's (there were two)
    assert _scroll_ancestors(panel.votes, dock) == [dock.widget()]
    # what else scrolls inside is a small box of its own text (the questions), never the page
    inner = [s for s in dock.findChildren(QScrollArea) if s is not dock.widget()]
    assert all(s.maximumHeight() <= 150 for s in inner)
    # a dock shorter than the session page scrolls it, with the dock's one bar
    assert dock.height() < panel.pages.currentWidget().minimumSizeHint().height()
    assert dock.widget().verticalScrollBar().maximum() > 0
