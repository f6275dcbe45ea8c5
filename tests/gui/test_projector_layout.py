"""Projector sizes: at 1280x720 with the Workshop and Vendor Review docks open the canvas
keeps most of the window, the window shrinks below 720 px with its status bar on screen,
and a sample opens with its four lanes across the canvas."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.gui.docks import CANVAS_SHARE, DOCK_MIN_WIDTH, dock_content
from workbench.gui.vendor.review import review_panel
from workbench.gui.workshop import workshop_panel

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-models" / "home-telemonitoring.twm.json"


def _projector_window(qtbot, make_window, path=SAMPLE):
    window = make_window(path, resize=False)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    qtbot.wait(30)  # the docks settle after the resize
    return window


def _canvas_share(window) -> float:
    return window.view.width() / window.width()


def test_canvas_keeps_60_percent_at_1280x720_with_workshop_and_review_open(qtbot, make_window):
    window = _projector_window(qtbot, make_window)
    assert _canvas_share(window) >= 0.6
    workshop_panel(window)
    review = review_panel(window)
    qtbot.waitUntil(lambda: _canvas_share(window) >= 0.6, timeout=2000)
    assert window.workshop_dock.isVisible() and window.review_dock.isVisible()
    # both feature docks keep a usable width; their content scrolls instead of pushing
    for dock in (window.workshop_dock, window.review_dock):
        assert dock.width() >= DOCK_MIN_WIDTH
    # the review is still worked with the mouse in its narrow dock
    first = next(iter(review.items))
    row = review.items[first]
    review.tree.scrollToItem(row)
    rect = review.tree.visualItemRect(row)
    qtbot.mouseClick(review.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.current_id == first
    assert dock_content(window.review_dock) is review
    # the view was fitted at open and the analyst has not zoomed: it still fits the lanes
    lanes = window.view.mapFromScene(window.scene.itemsBoundingRect()).boundingRect()
    assert lanes.right() <= window.view.viewport().width() + 2


def test_a_view_the_analyst_zoomed_is_kept_when_a_dock_opens(qtbot, make_window):
    window = _projector_window(qtbot, make_window)
    window.view.zoom_by(1.25)
    zoom = window.view.zoom()
    workshop_panel(window)
    qtbot.wait(30)
    assert window.view.zoom() == zoom


def test_the_canvas_share_comes_back_when_the_window_narrows(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, resize=False)
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: window.width() == 1900)
    workshop_panel(window)
    review_panel(window)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    qtbot.waitUntil(lambda: _canvas_share(window) >= CANVAS_SHARE - 0.01, timeout=2000)


def test_a_column_widened_by_hand_stays_until_the_window_changes(qtbot, make_window, tiny_path):
    window = _projector_window(qtbot, make_window, tiny_path)
    inspector = window.docks["inspector"]
    window.resizeDocks([inspector], [520], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    assert inspector.width() >= 500  # the analyst's choice is not undone behind their back


def test_window_shrinks_below_720_with_the_status_bar_on_screen(qtbot, make_window):
    window = _projector_window(qtbot, make_window)
    workshop_panel(window)
    review_panel(window)
    window.resize(1280, 600)
    qtbot.waitUntil(lambda: window.height() == 600)
    bar = window.statusBar()
    assert bar.isVisible()
    assert bar.geometry().bottom() < window.height()
    assert window.minimumSizeHint().height() < 600


def test_a_sample_opens_with_its_lanes_across_the_canvas(qtbot, make_window):
    window = _projector_window(qtbot, make_window)
    window.open_path(str(SAMPLE))
    qtbot.wait(10)
    view = window.view
    lanes = window.scene.itemsBoundingRect()
    shown = view.mapFromScene(lanes).boundingRect()
    viewport = view.viewport().width()
    assert shown.left() >= -2 and shown.right() <= viewport + 2  # no lane cut off
    assert shown.width() >= 0.9 * viewport  # and no thumbnail either


def test_the_layout_is_remembered_per_screen_size(qtbot, make_window, tiny_path):
    window = make_window(tiny_path)
    key = window.screen_key()
    window.docks["heatmap"].hide()  # the analyst's layout on this screen
    window.close()
    settings = window.settings
    assert settings.value(f"window/state@{key}") is not None
    # another screen's layout (say the projector's) was saved later, heatmap shown there
    other = make_window(tiny_path)
    other.docks["heatmap"].show()
    settings.setValue("window/state@1280x720", other.saveState())
    settings.setValue("window/state", other.saveState())  # the latest, whatever the screen
    again = make_window(tiny_path, resize=False)
    assert not again.docks["heatmap"].isVisible()  # this screen's own layout came back


def _full_rows(table) -> int:
    return table.viewport().height() // table.verticalHeader().defaultSectionSize()


def test_a_tall_screen_shows_a_dozen_threats_with_the_details_beside(qtbot, make_window):
    """A workshop reads threats: at 1600x1000 the table showed 6 of 236 rows."""
    window = make_window(SAMPLE, analysis="sync", resize=False)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.height() == 1000)
    panel = window.threats
    window.docks["threats"].raise_()
    panel.view.selectRow(0)
    qtbot.waitUntil(lambda: _full_rows(panel.view) >= 12, timeout=3000)
    # the why/how-likely pane sits beside the rows, not under them
    table = panel.view.mapTo(panel, panel.view.rect().topRight())
    details = panel.details.mapTo(panel, panel.details.rect().topLeft())
    assert details.x() > table.x() and panel.details.height() >= 0.6 * panel.view.height()
    assert panel.details_text()
    # and the canvas keeps more than half the window's height
    assert window.view.height() >= 0.5 * window.height()


def test_the_projector_keeps_its_canvas_when_the_threats_dock_is_up(qtbot, make_window):
    window = _projector_window(qtbot, make_window)
    window.docks["threats"].raise_()
    qtbot.wait(30)
    assert _canvas_share(window) >= 0.6
    assert window.view.height() >= 0.55 * window.height()
    # five rows (four before): the threat's title column stretches, so no horizontal
    # scroll bar takes a row's height; the details stay beside the rows
    view = window.threats.view
    assert not view.horizontalScrollBar().isVisible()
    assert _full_rows(view) >= 5
    panel = window.threats
    table = panel.view.mapTo(panel, panel.view.rect().topRight())
    details = panel.details.mapTo(panel, panel.details.rect().topLeft())
    assert details.x() > table.x()
