"""The "Attackers, Targets and Data" dock: three tabs over the document, following it.

Every tab edits through :mod:`workbench.model.profile_edits` on the document's undo stack,
and refreshes from ``Document.changed`` (edits, undo/redo, Open, New), skipping the work
when the parts it shows are the very same objects as before (edits share what they keep).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from workbench.gui.profiles.assets_tab import AssetsTab
from workbench.gui.profiles.attackers_tab import AttackersTab
from workbench.gui.profiles.targets_tab import TargetsTab
from workbench.model.threat_model import ThreatModel


class ProfilesPanel(QWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.doc = window.doc
        self.attackers = AttackersTab(window)
        self.targets = TargetsTab(window)
        self.assets = AssetsTab(window)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("profiles-tabs")
        self.tabs.addTab(self.attackers, self.tr("Attackers"))
        self.tabs.addTab(self.targets, self.tr("Targets"))
        self.tabs.addTab(self.assets, self.tr("Data"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)
        self.doc.changed.connect(self._changed)
        self.refresh(self.doc.model)

    def refresh(self, model: ThreatModel) -> None:
        for tab in (self.attackers, self.targets, self.assets):
            tab.refresh(model)

    def _changed(self, old: ThreatModel, new: ThreatModel) -> None:
        self.refresh(new)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget({"attackers": self.attackers, "targets": self.targets,
                                    "data": self.assets}[name])
