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
                             + (window.stencils[s].description or "")).lower() for s in shown)
    palette.search.clear()
    assert palette.visible_ids() == everything


def test_palette_search_matches_layers_descriptions_and_every_word(make_window):
    palette = make_window().palette
    palette.search.setText("gateway")
    assert "home-hub" in palette.visible_ids()  # "Home health hub": a gateway by layer
    palette.search.setText("insulin pump")
    shown = palette.visible_ids()
    assert "insulin-pump" in shown and "cgm" not in shown


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


def test_feature_docks_are_listed_under_view_and_come_back_where_left(qtbot, make_window,
                                                                     tiny_path, tmp_path):
    from PySide6.QtCore import QSettings, Qt

    from workbench.gui.main_window import MainWindow
    from workbench.gui.recovery import Recovery
    from workbench.gui.workshop import workshop_panel

    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow(str(tiny_path), settings=settings, recovery=Recovery(tmp_path / "r"),
                       analysis="off", offer_recovery=False)
    qtbot.addWidget(first)
    workshop_panel(first)
    view_texts = [a.text() for a in first.view_menu.actions()]
    assert "Workshop" in view_texts
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.workshop_dock)
    first.close()  # saves the window state
    second = MainWindow(str(tiny_path), settings=settings, recovery=Recovery(tmp_path / "r2"),
                        analysis="off", offer_recovery=False)
    qtbot.addWidget(second)
    workshop_panel(second)
    assert second.dockWidgetArea(second.workshop_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_f11_shows_only_the_canvas_and_brings_everything_back(qtbot, make_window, tiny_path):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDockWidget

    window = make_window(tiny_path)
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
    assert docks and window.menuBar().isVisible()
    QTest.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.menuBar().isVisible())
    assert not any(d.isVisible() for d in docks) and not window.statusBar().isVisible()
    assert window.view.isVisible()
    QTest.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.menuBar().isVisible)
    assert all(d.isVisible() for d in docks) and window.statusBar().isVisible()
