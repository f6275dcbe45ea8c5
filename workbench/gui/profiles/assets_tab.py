"""Data tab: the data assets the system handles, rated C/I/A, and where they live.

One row per asset, edited in place (each committed cell is one undoable edit). Below the
table, the selected asset's impact per category (on the model's severity scale) and the
elements holding or carrying it. Assets go on the elements selected on the canvas.
Removing an asset still in use asks whether to take it off those elements too; the core
refuses otherwise (:func:`profile_edits.remove_data_asset`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.catalog_text import impact_name, scale_name
from workbench.gui.labels import enum_label
from workbench.gui.profiles.common import GREY, EditTab
from workbench.model import profile_edits as pe
from workbench.model.entities import DataAsset
from workbench.model.enums import AssetKind
from workbench.model.threat_model import ThreatModel

COLUMNS = ("name", "kind", "personal", "special_category", "confidentiality", "integrity",
           "availability", "used", "description")
COL_DESCRIPTION = COLUMNS.index("description")


class AssetsTab(EditTab):
    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self._model: ThreatModel | None = None
        self._ids: list[str] = []
        self.cells: dict[tuple[str, str], QWidget] = {}
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("assets")
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Kind"), self.tr("Personal"), self.tr("Art. 9"),
            self.tr("C"), self.tr("I"), self.tr("A"), self.tr("Used"), self.tr("Description")])
        for col, tip in ((4, self.tr("Confidentiality need, 0-10")),
                         (5, self.tr("Integrity need, 0-10")),
                         (6, self.tr("Availability need, 0-10")),
                         (3, self.tr("Special category of personal data (GDPR art. 9): "
                                     "health, genetic, biometric")),
                         (7, self.tr("Elements holding it and flows carrying it"))):
            self.table.horizontalHeaderItem(col).setToolTip(tip)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(COL_DESCRIPTION, 220)
        self.table.currentCellChanged.connect(lambda row, col, r0, c0: self._show_current())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("New data asset's name"))
        self.new_name.returnPressed.connect(self.add_asset)
        self.add_btn = QPushButton(self.tr("Add"))
        self.add_btn.clicked.connect(self.add_asset)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.clicked.connect(self.remove_asset)
        self.assign_btn = QPushButton(self.tr("Assign to selection"))
        self.assign_btn.setToolTip(self.tr("Components selected on the canvas hold this data; "
                                           "selected flows carry it"))
        self.assign_btn.clicked.connect(self.assign_selection)
        self.unassign_btn = QPushButton(self.tr("Unassign from selection"))
        self.unassign_btn.clicked.connect(self.unassign_selection)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_name, 1)
        buttons.addWidget(self.add_btn)
        buttons.addWidget(self.remove_btn)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.assign_btn)
        buttons2.addWidget(self.unassign_btn)
        self.show_btn = QPushButton(self.tr("Show on canvas"))
        self.show_btn.setToolTip(self.tr("Select the elements and flows holding or carrying "
                                         "this data on the canvas"))
        self.show_btn.clicked.connect(self.show_holders)
        buttons2.addWidget(self.show_btn)
        buttons2.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        top_layout.addLayout(buttons2)

        self.detail = QGroupBox(self.tr("Selected data asset"))
        detail_layout = QVBoxLayout(self.detail)
        self.used_label = QLabel()
        self.used_label.setWordWrap(True)
        self.used_label.setObjectName("used-by")
        self.impact_box = QWidget()
        self.impact_form = QFormLayout(self.impact_box)
        self.impact_form.setContentsMargins(0, 0, 0, 0)
        self.impact: dict[str, QComboBox] = {}
        impact_title = QLabel(self.tr("Impact per category if this data is compromised"))
        impact_title.setStyleSheet(f"color: {GREY};")
        self.desc_detail = QLineEdit()
        self.desc_detail.setObjectName("detail-description")
        self.desc_detail.setPlaceholderText(self.tr("Description"))
        self.desc_detail.editingFinished.connect(self._commit_detail_description)
        detail_layout.addWidget(self.desc_detail)
        detail_layout.addWidget(self.used_label)
        detail_layout.addWidget(impact_title)
        detail_layout.addWidget(self.impact_box)
        detail_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        self._focus = _FocusRows(self)

    # --- showing the model ---------------------------------------------------------------------
    def refresh(self, model: ThreatModel) -> None:
        old, self._model = self._model, model
        if old is not None and all(getattr(old, f) is getattr(model, f) for f in (
                "data_assets", "components", "flows", "risk")):
            return
        ids = [a.id for a in model.data_assets]
        if ids != self._ids:
            keep = self.current_id()
            self._rebuild(model)
            if keep in ids:
                self.table.setCurrentCell(ids.index(keep), 0)
        else:
            for asset in model.data_assets:
                self._fill(asset, model)
        self._show_current()

    def _rebuild(self, model: ThreatModel) -> None:
        self.table.blockSignals(True)
        self.cells.clear()
        self.table.setRowCount(0)
        self._ids = [a.id for a in model.data_assets]
        self.table.setRowCount(len(self._ids))
        for row, asset in enumerate(model.data_assets):
            self._make_row(row, asset.id)
            self._fill(asset, model)
        self.table.blockSignals(False)

    def _make_row(self, row: int, key: str) -> None:
        name = QLineEdit()
        name.editingFinished.connect(lambda k=key, w=name: self._commit(k, "name", w.text()))
        kind = QComboBox()
        kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        kind.setMinimumContentsLength(11)  # the drop-down list still shows whole names
        for value in AssetKind:
            kind.addItem(enum_label(value.value), value.value)
        kind.activated.connect(lambda i, k=key, w=kind: self._commit(k, "kind", w.itemData(i)))
        widgets: dict[str, QWidget] = {"name": name, "kind": kind}
        for field in ("personal", "special_category"):
            box = QCheckBox()
            box.clicked.connect(lambda on, k=key, f=field: self._commit(k, f, on))
            widgets[field] = box
        for field in ("confidentiality", "integrity", "availability"):
            spin = QSpinBox()
            spin.setRange(0, 10)
            spin.setKeyboardTracking(False)
            spin.setMaximumWidth(52)
            spin.valueChanged.connect(lambda v, k=key, f=field: self._commit(k, f, v))
            widgets[field] = spin
        desc = QLineEdit()
        desc.editingFinished.connect(
            lambda k=key, w=desc: self._commit(k, "description", w.text()))
        widgets["description"] = desc
        used = QLabel()
        used.setContentsMargins(6, 0, 6, 0)
        widgets["used"] = used
        for col, field in enumerate(COLUMNS):
            widget = widgets[field]
            widget.setObjectName(f"{field}:{key}")
            widget.setProperty("row_key", key)
            widget.installEventFilter(self._focus)
            if isinstance(widget, QCheckBox):  # centred in its cell
                holder = QWidget()
                inner = QHBoxLayout(holder)
                inner.setContentsMargins(0, 0, 0, 0)
                inner.setAlignment(Qt.AlignmentFlag.AlignCenter)
                inner.addWidget(widget)
                self.table.setCellWidget(row, col, holder)
            else:
                self.table.setCellWidget(row, col, widget)
            self.cells[(key, field)] = widget

    def _fill(self, asset: DataAsset, model: ThreatModel) -> None:
        """Put the asset's values in its row's widgets without emitting anything."""
        cells = {f: self.cells[(asset.id, f)] for f in COLUMNS}
        for widget in cells.values():
            widget.blockSignals(True)
        if cells["name"].text() != asset.name:
            cells["name"].setText(asset.name)
        cells["kind"].setCurrentIndex(cells["kind"].findData(asset.kind.value))
        cells["personal"].setChecked(asset.personal)
        cells["special_category"].setChecked(asset.special_category)
        for field in ("confidentiality", "integrity", "availability"):
            cells[field].setValue(getattr(asset, field))
        if cells["description"].text() != (asset.description or ""):
            cells["description"].setText(asset.description or "")
            cells["description"].setCursorPosition(0)
        comps, flows = pe.asset_references(model, asset.id)
        cells["used"].setText(str(len(comps) + len(flows)))
        names = self.names()
        cells["used"].setToolTip("\n".join(names.get(i, i) for i in comps + flows))
        for widget in cells.values():
            widget.blockSignals(False)

    def _show_current(self) -> None:
        model = self.doc.model
        key = self.current_id()
        asset = model.assets_by_id().get(key) if key else None
        self.detail.setEnabled(asset is not None)
        self.remove_btn.setEnabled(asset is not None)
        self.assign_btn.setEnabled(asset is not None)
        self.unassign_btn.setEnabled(asset is not None)
        self.show_btn.setEnabled(asset is not None and any(pe.asset_references(model, key)))
        self.desc_detail.blockSignals(True)
        self.desc_detail.setText(asset.description or "" if asset is not None else "")
        self.desc_detail.setCursorPosition(0)
        self.desc_detail.blockSignals(False)
        if asset is None:
            self.detail.setTitle(self.tr("Selected data asset"))
            self.used_label.setText(self.tr("Choose a data asset in the table."))
            self._build_impact(model, None)
            return
        self.detail.setTitle(self.tr("Selected data asset: %1").replace("%1", asset.name))
        comps, flows = pe.asset_references(model, asset.id)
        names = self.names()
        parts = []
        if comps:
            parts.append(self.tr("Held by: %1").replace(
                "%1", ", ".join(names.get(c, c) for c in comps)))
        if flows:
            parts.append(self.tr("Carried by: %1").replace(
                "%1", ", ".join(names.get(f, f) for f in flows)))
        self.used_label.setText("\n".join(parts) or self.tr(
            "Not on any element yet: select elements or flows on the canvas and assign it."))
        self._build_impact(model, asset)

    def _build_impact(self, model: ThreatModel, asset: DataAsset | None) -> None:
        categories = [(c.id, impact_name(c.id, c.name)) for c in model.risk.impact_categories]
        levels = [(lvl.value, f"{lvl.value} · {scale_name(lvl.name)}")
                  for lvl in model.risk.severity_levels if lvl.value > 0]
        if [c for c, _ in categories] != list(self.impact):
            while self.impact_form.rowCount():
                self.impact_form.removeRow(0)
            self.impact.clear()
            for cat, name in categories:
                combo = QComboBox()
                combo.setObjectName(f"impact:{cat}")
                combo.addItem(self.tr("(not rated)"), None)
                for value, text in levels:
                    combo.addItem(text, value)
                combo.activated.connect(lambda i, c=cat, w=combo: self._commit_impact(
                    c, w.itemData(i)))
                self.impact[cat] = combo
                self.impact_form.addRow(name, combo)
        for cat, combo in self.impact.items():
            combo.blockSignals(True)
            value = asset.impact.get(cat) if asset is not None else None
            index = combo.findData(value) if value is not None else 0
            if index < 0:  # a level off the scale: show it rather than hide it
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def select_asset(self, key: str) -> None:
        if key in self._ids:
            self.table.setCurrentCell(self._ids.index(key), 0)

    # --- editing -------------------------------------------------------------------------------
    def _commit(self, key: str, field: str, value) -> None:
        asset = self.doc.model.assets_by_id().get(key)
        if asset is None:
            return
        current = getattr(asset, field)
        current = getattr(current, "value", current)
        if field in ("name", "description"):
            value = value.strip()
            current = current or ""
        if current == value:
            self.show_error(None)
            return
        if not self.apply(self.tr("Edit data asset"), pe.update_data_asset, key,
                          {field: value}):
            self._fill(asset, self.doc.model)  # show the value the model still has

    def _commit_detail_description(self) -> None:
        key = self.current_id()
        if key is not None:
            self._commit(key, "description", self.desc_detail.text())

    def _commit_impact(self, category: str, level) -> None:
        key = self.current_id()
        if key is not None:
            self.apply(self.tr("Data asset impact"), pe.set_asset_impact, key, category, level)

    def add_asset(self) -> str | None:
        name = self.new_name.text().strip()
        if not name:
            self.show_error(self.tr("Type the new data asset's name first"))
            self.new_name.setFocus()
            return None
        key = self.apply(self.tr("Add data asset"), pe.add_data_asset, name)
        if not isinstance(key, str):
            return None
        self.new_name.clear()
        self.select_asset(key)
        return key

    def remove_asset(self) -> bool:
        key = self.current_id()
        if key is None:
            return False
        model = self.doc.model
        comps, flows = pe.asset_references(model, key)
        if not comps and not flows:
            return bool(self.apply(self.tr("Remove data asset"), pe.remove_data_asset, key))
        message = ""
        try:
            pe.remove_data_asset(model, key)
        except pe.ProfileEditError as exc:
            message = str(exc)
        answer = QMessageBox.question(
            self, self.tr("Remove data asset"),
            message + "\n\n" + self.tr("Remove it from those elements too?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.show_error(message)
            return False
        return bool(self.apply(self.tr("Remove data asset"), pe.remove_data_asset, key,
                               detach=True))

    def show_holders(self) -> None:
        key = self.current_id()
        if key is not None:
            comps, flows = pe.asset_references(self.doc.model, key)
            self.window_.scene.select_ids([*comps, *flows])

    def assign_selection(self) -> None:
        self._assign(pe.assign_data_asset, self.tr("Assign data asset"))

    def unassign_selection(self) -> None:
        self._assign(pe.unassign_data_asset, self.tr("Unassign data asset"))

    def _assign(self, edit, text: str) -> None:
        key = self.current_id()
        ids = self.selected()
        if key is None:
            self.show_error(self.tr("Choose a data asset in the table first"))
        elif not ids:
            self.show_error(self.tr("Select components or flows on the canvas first"))
        else:
            self.apply(text, edit, key, ids)


class _FocusRows(QObject):
    """Clicking into a cell's widget makes its row the current one (Qt does not)."""

    def __init__(self, tab: AssetsTab):
        super().__init__(tab)
        self.tab = tab

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            key = obj.property("row_key")
            if key in self.tab._ids:
                row = self.tab._ids.index(key)
                if row != self.tab.table.currentRow():
                    self.tab.table.setCurrentCell(row, 0)
        return False
