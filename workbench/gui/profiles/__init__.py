"""Attackers, targets and data assets, edited in the window (Analysis > Attackers, Targets
and Data…, Ctrl+Shift+A, and the canvas's right-click menu).

``install(window, menu)`` is the only call the main window makes. The dock is built the
first time it is asked for, so a window that never opens it pays nothing. Strings live in
this package's own catalog (``translations/profiles_<lang>.ts``); see ``docs/gui.md``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from workbench.gui.docks import restore_dock

DOCK_WIDTH = 560


def profiles_panel(window):
    """The window's "Attackers, Targets and Data" dock (created on first use), raised."""
    panel = getattr(window, "profiles_panel", None)
    if panel is None:
        from workbench.gui.profiles.dock import ProfilesPanel
        from workbench.gui.profiles.i18n import sync_language

        sync_language()
        panel = ProfilesPanel(window)
        dock = QDockWidget(QCoreApplication.translate("ProfilesMenu",
                                                      "Attackers, Targets and Data"), window)
        dock.setObjectName("dock-profiles")
        dock.setWidget(panel)
        if not restore_dock(window, dock):  # first time: the right column
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            docks = getattr(window, "docks", {})
            if "inspector" in docks:  # the right column's full height: lists and details
                window.tabifyDockWidget(docks["inspector"], dock)
            window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
            if "heatmap" in docks:  # lists and details need the height more than the heatmap
                window.resizeDocks([dock, docks["heatmap"]],
                                   [int(window.height() * 0.62), int(window.height() * 0.2)],
                                   Qt.Orientation.Vertical)
        window.profiles_panel, window.profiles_dock = panel, dock
    window.profiles_dock.show()
    window.profiles_dock.raise_()
    return panel


def install(window, menu) -> None:
    """Analysis > Attackers, Targets and Data…; canvas menu entries."""
    from workbench.gui.profiles import context_menu
    from workbench.gui.profiles.i18n import sync_language

    sync_language()
    action = QAction(QCoreApplication.translate("ProfilesMenu",
                                                "Attackers, &Targets and Data…"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+A"))
    action.setToolTip(QCoreApplication.translate(
        "ProfilesMenu", "Who attacks and where they start, what matters, and the data"))
    action.triggered.connect(lambda: profiles_panel(window))
    menu.addAction(action)
    window.addAction(action)
    window.profiles_action = action
    window.profiles_installed = True
    context_menu.install(window)
