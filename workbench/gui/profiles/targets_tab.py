"""Targets tab: what matters — the model's own targets, and those the analysis derives.

Derived targets (safety functions, health-data stores, care services found from the model)
are listed in grey so the analyst sees everything the attack paths aim at; "Keep as
explicit" turns one into the model's own (to rename it, or to keep it when derivation is
switched off).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from workbench.analysis.attack.targets import resolve_targets
from workbench.gui.catalog_text import target_label
from workbench.gui.labels import layer_label
from workbench.gui.profiles.common import GREY, EditTab
from workbench.model import edits
from workbench.model import profile_edits as pe
from workbench.model.threat_model import ThreatModel

ID_ROLE = Qt.ItemDataRole.UserRole
DERIVED_ROLE = Qt.ItemDataRole.UserRole + 1
COL_NAME, COL_KIND, COL_ELEMENT, COL_SOURCE = range(4)


def kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "patient_safety": QCoreApplication.translate("TargetKind", "Patient safety"),
        "health_data": QCoreApplication.translate("TargetKind", "Health data"),
        "care_service": QCoreApplication.translate("TargetKind", "Care service"),
    }
    return labels.get(kind, kind.replace("_", " "))


class TargetsTab(EditTab):
    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self._model: ThreatModel | None = None
        self.derive = QCheckBox(self.tr("Also aim at targets derived from the model (safety "
                                        "functions, health-data stores, care services)"))
        self.derive.setObjectName("derive")
        self.derive.toggled.connect(self._derive_toggled)
        self.tree = QTreeWidget()
        self.tree.setObjectName("targets")
        self.tree.setHeaderLabels([self.tr("Target"), self.tr("Kind"), self.tr("Element"),
                                   self.tr("Source")])
        self.tree.setRootIsDecorated(False)
        header = self.tree.header()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ELEMENT, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(COL_ELEMENT, 170)
        for col in (COL_KIND, COL_SOURCE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda cur, prev: self._update_buttons())
        self.kind = QComboBox()
        self.kind.setObjectName("new-kind")
        for kind in pe.TARGET_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.add_btn = QPushButton(self.tr("Add selected element as target"))
        self.add_btn.clicked.connect(self.add_selected)
        self.keep_btn = QPushButton(self.tr("Keep as explicit"))
        self.keep_btn.setToolTip(self.tr("Make this derived target one of the model's own, to "
                                         "rename it or keep it when derivation is off"))
        self.keep_btn.clicked.connect(self.keep_derived)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.clicked.connect(self.remove_target)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Kind")))
        buttons.addWidget(self.kind)
        buttons.addWidget(self.add_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_btn)
        buttons.addWidget(self.remove_btn)
        hint = QLabel(self.tr("Double-click a name to rename a target of the model. Derived "
                              "targets (grey) follow the model's elements and data."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {GREY};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.derive)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.error)

    def refresh(self, model: ThreatModel) -> None:
        old, self._model = self._model, model
        if old is not None and all(getattr(old, f) is getattr(model, f) for f in (
                "targets", "components", "data_assets", "risk")):
            return
        keep = self.current_id()
        self.derive.blockSignals(True)
        self.derive.setChecked(pe.derive_targets(model))
        self.derive.blockSignals(False)
        comps = model.components_by_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        for spec in resolve_targets(model, self.window_.stencils):
            comp = comps.get(spec.element)
            element = f"{comp.name} ({layer_label(comp.layer.value)})" if comp else spec.element
            source = self.tr("derived") if spec.derived else self.tr("model")
            name = target_label(model, spec.kind, spec.element, spec.name, spec.derived)
            item = QTreeWidgetItem([name, kind_label(spec.kind), element, source])
            item.setData(COL_NAME, ID_ROLE, spec.id)
            item.setToolTip(COL_NAME, name)
            item.setToolTip(COL_ELEMENT, element)
            item.setData(COL_NAME, DERIVED_ROLE, spec.derived)
            if spec.derived:
                italic = QFont(item.font(COL_NAME))
                italic.setItalic(True)
                for col in range(4):
                    item.setForeground(col, QBrush(QColor(GREY)))
                    item.setFont(col, italic)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.tree.addTopLevelItem(item)
            if not spec.derived:
                self.tree.setItemWidget(item, COL_KIND, self._kind_combo(spec.id, spec.kind))
            if spec.id == keep:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._update_buttons()

    def _kind_combo(self, target_id: str, kind: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"kind:{target_id}")
        kinds = list(pe.TARGET_KINDS) + ([kind] if kind not in pe.TARGET_KINDS else [])
        for value in kinds:
            combo.addItem(kind_label(value), value)
        combo.setCurrentIndex(combo.findData(kind))
        combo.activated.connect(lambda i, c=combo, t=target_id: self.apply(
            self.tr("Target kind"), pe.update_target, t, {"kind": c.itemData(i)}) or
            self._force_refresh())
        return combo

    def _force_refresh(self) -> None:
        self._model = None
        self.refresh(self.doc.model)

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(COL_NAME, ID_ROLE) if item is not None else None

    def _current_derived(self) -> bool:
        item = self.tree.currentItem()
        return bool(item is not None and item.data(COL_NAME, DERIVED_ROLE))

    def _update_buttons(self) -> None:
        has = self.tree.currentItem() is not None
        self.remove_btn.setEnabled(has and not self._current_derived())
        self.keep_btn.setEnabled(has and self._current_derived())

    def select_target(self, target_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(COL_NAME, ID_ROLE) == target_id:
                self.tree.setCurrentItem(item)
                return

    # --- editing -------------------------------------------------------------------------------
    def add_selected(self) -> list[str]:
        ids = self.selected_components()
        if not ids:
            self.show_error(self.tr("Select the element that matters on the canvas first"))
            return []
        kind = self.kind.currentData()
        added: list[str] = []

        def add_all(model: ThreatModel) -> ThreatModel:
            refused: list[ValueError] = []
            for element in ids:  # skip those already targets of that kind
                try:
                    model, key = edits.add_target(model, element, kind)
                except ValueError as exc:
                    refused.append(exc)
                else:
                    added.append(key)
            if not added and refused:
                raise refused[0]
            return model

        if self.apply(self.tr("Add target"), add_all) and added:
            self.select_target(added[-1])
        return added

    def keep_derived(self) -> None:
        item = self.tree.currentItem()
        if item is None or not item.data(COL_NAME, DERIVED_ROLE):
            return
        spec = next(t for t in resolve_targets(self.doc.model, self.window_.stencils)
                    if t.id == item.data(COL_NAME, ID_ROLE))
        # kept under the name shown (French in a French window)
        key = self.apply(self.tr("Keep target"), edits.add_target, spec.element, spec.kind,
                         target_label(self.doc.model, spec.kind, spec.element, spec.name,
                                      True))
        if isinstance(key, str):
            self.select_target(key)

    def remove_target(self) -> None:
        key = self.current_id()
        if key is not None and not self._current_derived():
            self.apply(self.tr("Remove target"), pe.remove_target, key)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != COL_NAME or item.data(COL_NAME, DERIVED_ROLE):
            return
        if not self.apply(self.tr("Rename target"), pe.update_target,
                          item.data(COL_NAME, ID_ROLE), {"name": item.text(COL_NAME)}):
            self._force_refresh()

    def _derive_toggled(self, on: bool) -> None:
        self.apply(self.tr("Derived targets"), pe.set_derive_targets, on)
