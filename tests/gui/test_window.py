"""Palette search, window state and recent files remembered across sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_palette_groups_by_layer_and_search_filters(make_window):
    window = make_window()
    palette = window.palette
    assert [palette.tree.topLevelItem(i).text(0) for i in range(4)] == [
        "Things", "Gateways", "Networks", "Cloud"]
    everything = palette.visible_ids()
    assert len(everything) == len(window.stencils)
    palette.search.setText("insulin")
    shown = palette.visible_ids()
    assert shown and "insulin-pump" in shown and len(shown) < len(everything)
    assert all("insulin" in (window.stencils[s].label + s + " ".join(window.stencils[s].tags)
                             + window.stencils[s].category + " ".join(window.stencils[s].aliases)
                             ).lower() for s in shown)
    palette.search.clear()
    assert palette.visible_ids() == everything


def test_double_click_stencil_adds_element_to_view(qtbot, make_window):
    window = make_window()
    item = window.palette.item_for("insulin-pump")
    window.palette.tree.scrollToItem(item)
    rect = window.palette.tree.visualItemRect(item)
    assert rect.isValid()
    qtbot.mouseClick(window.palette.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.mouseDClick(window.palette.tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert [c.stencil for c in window.doc.model.components] == ["insulin-pump"]


def test_window_state_and_recent_files_survive_restart(make_window, tiny_path):
    window = make_window(tiny_path)
    window.docks["heatmap"].hide()
    window.resize(700, 520)  # inside the 800x800 offscreen screen
    window.close()
    again = make_window(offer_recovery=False, resize=False)
    assert not again.docks["heatmap"].isVisible()
    assert again.size().width() == 700
    assert again.recent_files()[0] == str(tiny_path.resolve())
