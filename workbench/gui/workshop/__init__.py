"""Workshop mode and the diff overlay, hooked into the main window's Tools menu.

``install_tools(window, menubar)`` is the only call the main window makes; the docks are
built the first time they are asked for, so a window that never runs a workshop pays
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget

from workbench.gui.docks import restore_dock


def workshop_panel(window):
    """The window's workshop dock (created on first use), shown and raised."""
    panel = getattr(window, "workshop_panel", None)
    if panel is None:
        from workbench.gui.workshop.panel import WorkshopPanel

        panel = WorkshopPanel(window)
        dock = QDockWidget(QCoreApplication.translate("WorkshopTools", "Workshop"), window)
        dock.setObjectName("dock-workshop")
        dock.setWidget(panel)
        if not restore_dock(window, dock):  # first time: the right column
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            docks = getattr(window, "docks", {})
            if "inspector" in docks:  # the whole right column: a facilitator needs the height
                window.tabifyDockWidget(docks["inspector"], dock)
            window.resizeDocks([dock], [460], Qt.Orientation.Horizontal)
            column = [dock] + ([docks["heatmap"]] if "heatmap" in docks else [])
            window.resizeDocks(column, [int(window.height() * 0.7),
                                        int(window.height() * 0.15)], Qt.Orientation.Vertical)
        window.workshop_panel, window.workshop_dock = panel, dock
    window.workshop_dock.show()
    window.workshop_dock.raise_()
    return panel


def compare_with_saved(window) -> bool:
    """Diff the open model against its file on disk; an unsaved model has nothing to compare."""
    from PySide6.QtWidgets import QMessageBox

    path = window.doc.path
    if not path:
        QMessageBox.information(
            window, QCoreApplication.translate("WorkshopTools", "Compare with Saved Version"),
            QCoreApplication.translate("WorkshopTools",
                                       "This model has not been saved yet: save it first, "
                                       "or use Compare with… to pick another version."))
        return False
    return diff_overlay(window).compare_with(str(path))


def diff_overlay(window):
    """The window's diff overlay controller (created on first use)."""
    overlay = getattr(window, "diff_overlay", None)
    if overlay is None:
        from workbench.gui.diff_overlay import DiffOverlay

        overlay = DiffOverlay(window)
        window.diff_overlay = overlay
    return overlay


def install_tools(window, menubar) -> None:
    """Tools menu: Workshop…, Compare with…, Clear comparison."""
    from workbench.gui.workshop.i18n import sync_language

    sync_language()
    menu = menubar.addMenu(QCoreApplication.translate("WorkshopTools", "&Tools"))
    workshop = menu.addAction(QCoreApplication.translate("WorkshopTools", "&Workshop…"))
    workshop.setShortcut("Ctrl+Shift+W")
    workshop.triggered.connect(lambda: workshop_panel(window))
    compare = menu.addAction(QCoreApplication.translate("WorkshopTools", "&Compare with…"))
    compare.setShortcut("Ctrl+Shift+D")
    compare.triggered.connect(lambda: diff_overlay(window).compare_dialog())
    saved = menu.addAction(QCoreApplication.translate("WorkshopTools",
                                                      "Compare with &Saved Version"))
    saved.setToolTip(QCoreApplication.translate(
        "WorkshopTools", "What changed since the file was last saved (e.g. during a workshop)"))
    saved.triggered.connect(lambda: compare_with_saved(window))
    clear = menu.addAction(QCoreApplication.translate("WorkshopTools", "C&lear Comparison"))
    clear.triggered.connect(lambda: diff_overlay(window).clear())
    window.addAction(workshop)
    window.addAction(compare)
    window.tools_menu = menu
    from workbench.gui.vendor import install_vendor_tools

    menu.addSeparator()
    install_vendor_tools(window, menu)
