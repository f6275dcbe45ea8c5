"""Threats panel: the rule engine's suggestions and the analyst's decisions, with risk.

Suggestions live in the analysis result until the analyst acts on one; accepting,
rejecting, assigning or attaching a control puts the instance in the model (undoable).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.explain import Explainer
from workbench.gui.catalog_text import (
    control_description,
    control_title,
    threat_description,
    threat_title,
)
from workbench.gui.document import Document
from workbench.gui.i18n import percent
from workbench.gui.labels import layer_label, level_label, status_label
from workbench.gui.threat_order import CONTEXT, RANKED, Place, Places, core_order
from workbench.gui.why_text import details_html
from workbench.model import edits
from workbench.model.enums import ControlStatus, ThreatStatus

COLUMNS = ("Rank", "Status", "Threat", "Element", "Layer", "L", "S", "Risk", "Owner", "Controls")


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("ThreatsPanel", "Rank"),
        QCoreApplication.translate("ThreatsPanel", "Status"),
        QCoreApplication.translate("ThreatsPanel", "Threat"),
        QCoreApplication.translate("ThreatsPanel", "Element"),
        QCoreApplication.translate("ThreatsPanel", "Layer"),
        QCoreApplication.translate("ThreatsPanel", "L"),
        QCoreApplication.translate("ThreatsPanel", "S"),
        QCoreApplication.translate("ThreatsPanel", "Risk"),
        QCoreApplication.translate("ThreatsPanel", "Owner"),
        QCoreApplication.translate("ThreatsPanel", "Controls"),
    ]


class ThreatTable(QAbstractTableModel):
    """Rows are ``ThreatRisk`` objects (or ``ThreatGroup``: one row per threat) from the
    latest analysis, in the core ranking's order (gui/threat_order.py); filtering and
    sorting happen here in plain Python (a proxy calling ``lessThan`` per comparison was
    0.5 s on 3,000 threats)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[Any] = []
        self.rows: list[Any] = []
        self.names: dict[str, str] = {}
        self.catalog = None  # the analysed catalog: French titles come from it
        self.in_model: set[str] = set()
        self.elements: set[str] | None = None
        self.status: str | None = None
        self.text = ""
        self.cell: tuple[int, int] | None = None
        self.places: Mapping[int, Place] = {}
        # level by level, and within one score by the board's rank (see _key)
        self.sort_column = COLUMNS.index("Risk")
        self.sort_order = Qt.SortOrder.DescendingOrder

    def set_rows(self, rows: list[Any], names: dict[str, str], in_model: set[str],
                 catalog=None, places: Mapping[int, Place] | None = None) -> None:
        """``rows`` in the core order, ``places`` from :func:`threat_order.core_order`
        (without them every row counts as ranked, in the given order). The filters set
        on the table apply: set them first, the rows are filtered and sorted once."""
        self.all_rows, self.names, self.in_model = rows, names, in_model
        self.catalog = catalog
        self.places = places if places is not None else {
            id(r): Place(RANKED, i + 1, i, len(rows)) for i, r in enumerate(rows)}
        self.refresh()

    def filtering(self) -> bool:
        """Some filter is set (scope, status, heatmap cell or text)."""
        return bool(self.elements is not None or self.status or self.cell is not None
                    or self.text)

    def place(self, risk) -> Place:
        return self.places.get(id(risk)) or Place(RANKED, 0, 0, 0)

    def _catalog(self):
        return self.catalog

    def refresh(self) -> None:
        """Apply the filters and the sort order to ``all_rows``."""
        self.beginResetModel()
        # in the core order; with no filter set (the window opening) every row is shown
        rows = ([r for r in self.all_rows if self._accepts(r)] if self.filtering()
                else list(self.all_rows))
        # Stable sorts: the column (ties keep the core order), then the tier, always
        # ascending, so a context or ruled-out threat never climbs above a risk to treat.
        if COLUMNS[self.sort_column] == "Rank":
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                rows.reverse()
        else:
            rows.sort(key=self._key(self.sort_column),
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.rows = self._by_tier(rows)
        self.endResetModel()

    def _by_tier(self, rows: list[Any]) -> list[Any]:
        """``rows`` stably sorted by tier (ranked, context, ruled out)."""
        places = self.places
        if isinstance(places, Places):
            tiers = places.tiers(rows)
        else:
            ranked = Place(RANKED, 0, 0, 0)
            tiers = [(places.get(id(r)) or ranked).tier for r in rows]
        order = sorted(range(len(rows)), key=tiers.__getitem__)
        return [rows[i] for i in order]

    def _accepts(self, risk) -> bool:
        inst = risk.instance
        elements = getattr(risk, "elements", [inst.element])
        if self.elements is not None and not self.elements.intersection(elements):
            return False
        if self.status and inst.status.value != self.status:
            return False
        if self.cell is not None and (risk.current.likelihood, risk.current.severity) != self.cell:
            return False
        if self.text:
            hay = " ".join(str(self.display(risk, c) or "") for c in COLUMNS).lower()
            if self.text not in hay:
                return False
        return True

    def _key(self, column: int):
        col = COLUMNS[column]
        if col == "Risk":  # ties (same score) keep the core order
            return lambda r: r.current.score
        if col == "L":
            return lambda r: r.current.likelihood
        if col == "S":
            return lambda r: r.current.severity
        return lambda r: str(self.display(r, col) or "").lower()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.refresh()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[section]
        return None

    def display(self, risk, col: str):
        inst = risk.instance
        if col == "Rank":
            place = self.place(risk)
            if place.tier == CONTEXT:
                return QCoreApplication.translate("ThreatsPanel", "context")
            if place.tier != RANKED:
                return "–"  # ruled out by the analyst: not ranked
            return place.rank or ""
        if col == "Status":
            return status_label(inst.status.value)
        if col == "Threat":
            return threat_title(inst.catalog_id, inst.title, self._catalog())
        if col == "Element":
            count = getattr(risk, "count", 1)
            if count > 1:  # a grouped row (analysis.ranking.ThreatGroup)
                return QCoreApplication.translate("ThreatsPanel", "on %1 elements").replace(
                    "%1", str(count))
            return self.names.get(inst.element, inst.element)
        if col == "Layer":
            return layer_label(risk.layer)
        if col == "L":
            return risk.current.likelihood
        if col == "S":
            return risk.current.severity
        if col == "Risk":
            return level_label(risk.current.level, risk.current.level_name)
        if col == "Owner":
            return inst.owner or ""
        if col == "Controls":
            return ", ".join(control_title(c.catalog_id, c.title, self._catalog())
                             for c in risk.controls)
        return None

    def rank_tip(self, risk) -> str:
        """Why a row sits where it does: the ranking's criteria, as the core applies them."""
        place = self.place(risk)
        if place.tier == CONTEXT:
            return QCoreApplication.translate(
                "ThreatsPanel", "Context: the element is not owned or operated by the "
                "organisation. An assumption or a dependency, not a risk to treat: not "
                "ranked (the attack paths still go through it).")
        if place.tier != RANKED:
            return QCoreApplication.translate(
                "ThreatsPanel", "Ruled out by the analyst: not ranked.")
        worst = getattr(risk, "worst", risk)
        lines = [
            QCoreApplication.translate("ThreatsPanel", "Rank %1 of %2, as in the board report.")
            .replace("%1", str(place.rank)).replace("%2", str(place.of)),
            QCoreApplication.translate("ThreatsPanel", "Residual risk: %1 (%2 × %3)")
            .replace("%1", level_label(risk.current.level, risk.current.level_name))
            .replace("%2", str(risk.current.likelihood))
            .replace("%3", str(risk.current.severity)),
        ]
        if place.copy:
            lines.append(QCoreApplication.translate(
                "ThreatsPanel", "Another copy of this threat is its worst: the board shows "
                "that one; this copy shares its rank."))
        safety = worst.impact.get("patient_safety", 0)
        if safety:
            lines.append(QCoreApplication.translate(
                "ThreatsPanel", "Patient-safety impact: %1").replace("%1", str(safety)))
        if worst.finding:
            lines.append(QCoreApplication.translate(
                "ThreatsPanel", "A finding: the model declares the weakness"))
        harms = (
            QCoreApplication.translate(
                "ThreatsPanel", "Harm: on the device that treats the patient"),
            QCoreApplication.translate(
                "ThreatsPanel", "Harm: on a safety function or the commands to one"),
            QCoreApplication.translate("ThreatsPanel", "Harm: through data"),
        )
        lines.append(harms[min(max(worst.harm_distance, 0), 2)])
        if worst.mass_harm:
            lines.append(QCoreApplication.translate(
                "ThreatsPanel", "One attack can harm many patients"))
        reach = getattr(risk, "reach", None)
        reach = worst.exposure if reach is None else reach
        if reach:
            lines.append(QCoreApplication.translate(
                "ThreatsPanel", "Reachable by a declared attacker: %1")
                .replace("%1", percent(reach)))
        lines.append(QCoreApplication.translate(
            "ThreatsPanel", "Order: residual risk, patient safety, finding, directness of "
            "harm, fleet-wide harm, reach, inherent risk."))
        return "\n".join(lines)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        risk = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return risk
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(risk, col)
        ranked = self.place(risk).tier == RANKED
        if role == Qt.ItemDataRole.BackgroundRole and col == "Risk":
            colour = QColor(risk.current.colour)
            if not ranked:  # a pale level: it is shown, it does not compete for attention
                colour = QColor.fromRgbF(*(0.35 * c + 0.65 for c in colour.getRgbF()[:3]))
            return QBrush(colour)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not ranked:
                return QBrush(QColor("#7a7a7a"))  # greyed: context or ruled out
            if col == "Risk" and risk.current.level == "critical":
                return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("Rank", "L", "S"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in ("Rank", "Risk"):
            return self.rank_tip(risk)
        if role == Qt.ItemDataRole.ToolTipRole and col == "Element" and hasattr(risk, "elements"):
            return ", ".join(self.names.get(e, e) for e in risk.elements)
        if role == Qt.ItemDataRole.ToolTipRole and col == "Threat" and risk.threat_type:
            return threat_description(risk.threat_type)
        if role == Qt.ItemDataRole.FontRole and risk.instance.id not in self.in_model:
            font = QFont()
            font.setItalic(True)  # a suggestion nobody has decided on yet
            return font
        return None


class ThreatsPanel(QWidget):
    """Bottom dock: filter, sort, decide, attach controls."""

    threatSelected = Signal(str, str)  # threat id, element id

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.analysis = None
        self.selection: list[str] = []
        self.table_model = ThreatTable(self)
        self.view = QTableView()
        self.view.setModel(self.table_model)
        self.view.setSortingEnabled(True)
        # By default the risk, highest first, ties in the board's order: exactly the core
        # ranking for one row per threat; one row per copy reads level by level, each
        # level in the board's order (the Rank column sorts threat by threat).
        self.view.sortByColumn(COLUMNS.index("Risk"), Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(21)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The threat's title takes what the other columns leave: no horizontal scroll
        # bar, whose 15 px cost a row on a 720 px projector (4 rows, now 5).
        header.setSectionResizeMode(COLUMNS.index("Threat"), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in enumerate((70, 90, 270, 135, 70, 36, 36, 80, 80)):
            self.view.setColumnWidth(column, width)
        self.scope = QComboBox()
        self.scope.addItem(QCoreApplication.translate("ThreatsPanel", "Whole model"), "all")
        self.scope.addItem(QCoreApplication.translate("ThreatsPanel", "Selection"), "selection")
        self.status = QComboBox()
        self.status.addItem(QCoreApplication.translate("ThreatsPanel", "Any status"), "")
        for status in ThreatStatus:
            self.status.addItem(status_label(status.value), status.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            QCoreApplication.translate("ThreatsPanel", "Filter threats…")
        )
        self.search.setClearButtonEnabled(True)
        self.cell_label = QPushButton()
        self.cell_label.setFlat(True)
        self.cell_label.hide()
        self.cell_label.clicked.connect(lambda: self.set_cell(None))
        self.accept_btn = QPushButton(QCoreApplication.translate("ThreatsPanel", "Accept"))
        self.reject_btn = QPushButton(QCoreApplication.translate("ThreatsPanel", "Reject…"))
        self.owner_btn = QPushButton(QCoreApplication.translate("ThreatsPanel", "Owner…"))
        self.control_btn = QToolButton()
        self.control_btn.setText(QCoreApplication.translate("ThreatsPanel", "Attach control"))
        self.control_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.control_menu = QMenu(self.control_btn)
        self.control_btn.setMenu(self.control_menu)
        self.grouped = QCheckBox(QCoreApplication.translate("ThreatsPanel", "One row per threat"))
        self.grouped.setMinimumWidth(24)  # may clip in a narrow window, never widens it
        self.grouped.setToolTip(QCoreApplication.translate(
            "ThreatsPanel", "Show each catalog threat once, on all its elements, ranked as in "
            "the board report; context threats (elements not owned or operated) follow, "
            "greyed"))
        self.count = QLabel()
        top = QHBoxLayout()
        for w in (self.scope, self.status, self.search, self.grouped, self.cell_label,
                  self.count):
            top.addWidget(w)
        top.addStretch(1)
        # Beside the table: why the selected threat applies, what can be done, and the
        # decisions (the buttons used to end the filter row and were cut off at the
        # window's edge on a projector).
        self.details = QTextBrowser()
        self.details.setObjectName("threat-details")
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(120)
        self.explainer = None
        buttons = QGridLayout()
        for i, w in enumerate((self.accept_btn, self.reject_btn, self.owner_btn,
                               self.control_btn)):
            w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(w, i // 2, i % 2)
        # Each column has its own top row, so in a short dock (a projector) the decisions
        # stay in view above the details, as the filters stay above the table.
        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(top)
        table_layout.addWidget(self.view, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table_side)
        self.splitter.addWidget(side)
        side.setMinimumWidth(max(260, buttons.sizeHint().width()))  # whole button texts
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.splitter)
        self.scope.currentIndexChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.grouped.toggled.connect(self._set_grouped)
        self.view.selectionModel().selectionChanged.connect(self._row_changed)
        self.accept_btn.clicked.connect(lambda: self.decide(ThreatStatus.ACCEPTED))
        self.reject_btn.clicked.connect(self._reject)
        self.owner_btn.clicked.connect(self._owner)
        self.control_menu.aboutToShow.connect(self._fill_controls)
        self._update_buttons()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self.splitter.width()
        if not getattr(self, "_split_set", False) and width > 600:
            self._split_set = True  # once: afterwards the analyst's drag is kept
            side = max(self.splitter.widget(1).minimumWidth(), int(width * 0.3))
            self.splitter.setSizes([width - side, side])

    # --- data -------------------------------------------------------------------------------
    def set_analysis(self, analysis) -> None:
        current = self.current_risk()
        keep = current.instance.key if current else None
        self.analysis = analysis
        model = self.doc.model
        names = {c.id: c.name for c in model.components}
        names.update(
            {
                f.id: f.name or f"{names.get(f.source, f.source)} → {names.get(f.target, f.target)}"
                for f in model.flows
            }
        )
        rows, places = ([], {}) if analysis is None else core_order(
            analysis.result, self.grouped.isChecked(), getattr(analysis, "tiers", None))
        self._set_filters()  # the rows are filtered and sorted once, in set_rows
        self.table_model.set_rows(rows, names, {t.id for t in model.threats},
                                  analysis.result.catalog if analysis is not None else None,
                                  places)
        self._show_count()
        if keep:
            self.select_key(keep)
        self.show_details()  # the same row may have new numbers

    def _set_grouped(self, on: bool) -> None:
        """Switch between one row per threat copy and one row per threat (ranked)."""
        self.set_analysis(self.analysis)
        self._update_buttons()

    def set_selection(self, ids: list[str]) -> None:
        self.selection = list(ids)
        if self.scope.currentData() == "selection":
            self._apply_filters()

    def set_cell(self, cell: tuple[int, int] | None) -> None:
        """Filter on one heatmap cell (likelihood, severity); None clears."""
        self.table_model.cell = cell
        if cell is None:
            self.cell_label.hide()
        else:
            self.cell_label.setText(
                QCoreApplication.translate("ThreatsPanel", "L=%1 S=%2 ✕")
                .replace("%1", str(cell[0]))
                .replace("%2", str(cell[1]))
            )
            self.cell_label.show()
        self._apply_filters()

    def _apply_filters(self) -> None:
        self._set_filters()
        self.table_model.refresh()
        self._show_count()

    def _set_filters(self) -> None:
        """The filter widgets' state onto the table (the heatmap cell is set apart)."""
        self.table_model.elements = (
            set(self.selection) if self.scope.currentData() == "selection" else None
        )
        self.table_model.status = self.status.currentData() or None
        self.table_model.text = self.search.text().strip().lower()

    def _show_count(self) -> None:
        self.count.setText(
            QCoreApplication.translate("ThreatsPanel", "%1 of %2")
            .replace("%1", str(self.table_model.rowCount()))
            .replace("%2", str(len(self.table_model.all_rows)))
        )

    def visible_risks(self) -> list[Any]:
        return list(self.table_model.rows)

    def select_key(self, key: str) -> bool:
        for r, risk in enumerate(self.table_model.rows):
            if risk.instance.key == key:
                self.view.selectRow(r)
                return True
        return False

    def current_risk(self):
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return self.table_model.data(rows[0], Qt.ItemDataRole.UserRole)

    def _row_changed(self, *args) -> None:
        self._update_buttons()
        self.show_details()
        risk = self.current_risk()
        if risk is not None:
            self.threatSelected.emit(risk.instance.id, risk.instance.element)

    def show_details(self) -> None:
        """Why the selected threat applies, how it scores, and its catalog controls."""
        risk = self.current_risk()
        if risk is None or self.analysis is None:
            self.details.setHtml(QCoreApplication.translate(
                "ThreatsPanel", "Select a threat to see why it applies and what can be "
                "done about it."))
            return
        result = self.analysis.result
        model = result.model
        if self.explainer is None or self.explainer.model is not model:
            self.explainer = Explainer(model, self.doc.stencils)
        ttype = getattr(risk, "threat_type", None)
        why = self.explainer.why(ttype, risk.instance.element) if ttype is not None else None
        self.details.setHtml(details_html(risk, self.table_model.names, why, result.catalog,
                                          model, self.doc.stencils))

    def details_text(self) -> str:
        return self.details.toPlainText()

    def _update_buttons(self) -> None:
        # decisions are made on one copy: not on a grouped row
        on = self.current_risk() is not None and not self.grouped.isChecked()
        for w in (self.accept_btn, self.reject_btn, self.owner_btn, self.control_btn):
            w.setEnabled(on)

    # --- decisions --------------------------------------------------------------------------
    def _apply(self, text: str, change) -> Any:
        """Run ``change(model, threat_id)`` after making sure the threat is in the model."""
        risk = self.current_risk()
        if risk is None:
            return None
        inst = risk.instance

        def edit(model):
            if not any(t.id == inst.id for t in model.threats):
                model = edits.upsert_threat(model, inst)
            return change(model, inst.id)

        return self.doc.apply(text, edit)

    def decide(self, status: ThreatStatus, reason: str | None = None) -> None:
        self._apply(
            QCoreApplication.translate("ThreatsPanel", "Decide threat"),
            lambda m, tid: edits.decide_threat(m, tid, status, reason),
        )

    def _reject(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("ThreatsPanel", "Reject threat"),
            QCoreApplication.translate("ThreatsPanel", "Why does this threat not apply?"),
        )
        if ok and reason.strip():
            self.decide(ThreatStatus.REJECTED, reason.strip())

    def _owner(self) -> None:
        risk = self.current_risk()
        if risk is None:
            return
        owner, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("ThreatsPanel", "Owner"),
            QCoreApplication.translate("ThreatsPanel", "Who owns this threat?"),
            text=risk.instance.owner or "",
        )
        if ok:
            self.set_owner(owner.strip() or None)

    def set_owner(self, owner: str | None) -> None:
        self._apply(
            QCoreApplication.translate("ThreatsPanel", "Set owner"),
            lambda m, tid: edits.update_threat(m, tid, {"owner": owner}),
        )

    def control_choices(self) -> list[tuple[str, str]]:
        """Catalog controls suggested for the selected threat: (id, title)."""
        risk = self.current_risk()
        if risk is None or self.analysis is None:
            return []
        catalog = self.analysis.result.catalog
        return [(c.id, control_title(c.id, c.title, catalog))
                for c in catalog.controls_for(risk.instance.catalog_id)]

    def _fill_controls(self) -> None:
        self.control_menu.clear()
        self.control_menu.setToolTipsVisible(True)  # what each control is, before choosing
        choices = self.control_choices()
        if not choices:
            self.control_menu.addAction(
                QCoreApplication.translate("ThreatsPanel", "No catalog control for this threat")
            ).setEnabled(False)
        controls = self.analysis.result.catalog.controls if choices else {}
        for cid, title in choices:
            action = self.control_menu.addAction(title)
            action.setToolTip(control_description(controls.get(cid)) or title)
            action.triggered.connect(
                lambda checked=False, c=cid, t=title: self.attach_control(c, t)
            )

    def attach_control(
        self, catalog_id: str, title: str, status: ControlStatus = ControlStatus.PLANNED
    ) -> None:
        self._apply(
            QCoreApplication.translate("ThreatsPanel", "Attach control"),
            lambda m, tid: edits.attach_control(m, tid, catalog_id, title, status)[0],
        )
