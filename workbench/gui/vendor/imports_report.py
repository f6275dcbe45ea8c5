"""The import report shown after "Import Vendor Architecture…": what came in, what to check.

Source counts come from the importer's own record (one mapping decision per source element,
with the tool's type), so the table compares like with like: elements of each source type
against how many were mapped to a stencil and how many are left to classify.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.interop.common import ImportResult

ROLE_ID = Qt.ItemDataRole.UserRole + 1


def rows_by_source_type(result: ImportResult) -> list[tuple[str, int, int, int]]:
    """(source type, elements, mapped, to classify), most frequent type first."""
    total: Counter[str] = Counter()
    mapped: Counter[str] = Counter()
    for decision in result.mapping:
        kind = decision.foreign_type or "?"
        total[kind] += 1
        mapped[kind] += decision.mapped
    return [(kind, n, mapped[kind], n - mapped[kind]) for kind, n in total.most_common()]


class ImportReport(QDialog):
    """Counts by kind, the elements to classify (double-click selects one) and warnings."""

    #: an element id the analyst wants to see on the canvas
    elementActivated = Signal(str)

    def __init__(self, result: ImportResult, source: str, parent=None):
        super().__init__(parent)
        self.setObjectName("vendor-import-report")
        self.setWindowTitle(self.tr("Import report"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Imported %1 (%2)").replace("%1", source)
                         .replace("%2", result.source_format))
        heading.setStyleSheet("font-weight: bold;")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        kinds = {"components": self.tr("components"), "flows": self.tr("flows"),
                 "trust zones": self.tr("trust zones"), "threats": self.tr("threats"),
                 "controls": self.tr("controls")}
        self.totals = QLabel(self.tr("In the model: %1").replace("%1", ", ".join(
            f"{n} {kinds.get(k, k)}" for k, n in result.counts.items())))
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

        rows = rows_by_source_type(result)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Source type"), self.tr("Elements"),
                                              self.tr("Mapped"), self.tr("To classify")])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + sum(
            self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(min(height, 240))
        layout.addWidget(self.table)

        unmapped = result.unmapped
        self.unmapped_label = QLabel(
            self.tr("To classify (%1): kept with a generic type, marked [unmapped]; "
                    "double-click one to see it").replace("%1", str(len(unmapped)))
            if unmapped else self.tr("Every element was mapped to a stencil."))
        self.unmapped_label.setWordWrap(True)
        layout.addWidget(self.unmapped_label)
        self.unmapped = QListWidget()
        for decision in unmapped:
            kind = f" [{decision.foreign_type}]" if decision.foreign_type else ""
            item = QListWidgetItem(f"{decision.name}{kind}")
            item.setData(ROLE_ID, decision.element)
            item.setToolTip(decision.element)
            self.unmapped.addItem(item)
        self.unmapped.setVisible(bool(unmapped))
        self.unmapped.itemDoubleClicked.connect(
            lambda item: self.elementActivated.emit(item.data(ROLE_ID)))
        layout.addWidget(self.unmapped)

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)  # warnings are sentences naming long foreign ids
        self.warnings.addItems(result.warnings)
        if result.warnings:
            layout.addWidget(QLabel(self.tr("Warnings (%1):")
                                    .replace("%1", str(len(result.warnings)))))
            layout.addWidget(self.warnings)
        else:
            self.warnings.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(620, 520)
