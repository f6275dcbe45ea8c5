"""The "To classify" dock and the stencil picker behind "Change Type…".

The list is the model's own record (``[unmapped]`` in an element's notes, see
:mod:`workbench.model.reclassify`), not the last import's report: it survives Save and Open,
and an element leaves it as soon as its type is changed (or comes back on Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.i18n import current_language
from workbench.gui.icons import stencil_icon
from workbench.gui.palette import ROLE_ID as PALETTE_ROLE_ID
from workbench.gui.palette import Palette
from workbench.model.reclassify import UNMAPPED_MARKER, to_classify
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

ROLE_ID = Qt.ItemDataRole.UserRole + 1


def stencil_label(stencils: StencilLibrary, stencil_id: str) -> str:
    """A stencil's label in the interface language (its id when unknown)."""
    stencil = stencils.get(stencil_id)
    if stencil is None:
        return stencil_id
    return stencil.label_fr if current_language() == "fr" and stencil.label_fr \
        else stencil.label


class StencilPicker(QDialog):
    """Searchable stencils grouped by layer; Enter in the search box takes the first match."""

    def __init__(self, stencils: StencilLibrary, element_name: str, current: str,
                 parent=None, hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("vendor-stencil-picker")
        self.setWindowTitle(self.tr("Change Type of %1").replace("%1", element_name))
        self.chosen: str | None = None
        self._stencils = stencils
        layout = QVBoxLayout(self)
        self.current = QLabel(self.tr("Now: %1").replace("%1", stencil_label(stencils,
                                                                              current)))
        layout.addWidget(self.current)
        if hint:  # the importer's note: which tool type this was
            self.hint = QLabel(hint.removeprefix(UNMAPPED_MARKER).strip())
            self.hint.setWordWrap(True)
            self.hint.setStyleSheet("color: #555;")
            layout.addWidget(self.hint)
        self.palette = Palette(stencils, current_language())
        self.palette.tree.setDragEnabled(False)
        self.palette.search.setPlaceholderText(self.tr("Type to search, Enter to choose"))
        layout.addWidget(self.palette)
        self.no_match = QLabel()
        self.no_match.setStyleSheet("color: #b00020;")
        self.no_match.hide()
        layout.addWidget(self.no_match)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._take_current)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.palette.search.returnPressed.connect(self._take_first)
        self.palette.search.textChanged.connect(self._current_to_first)
        self.palette.activated.connect(self._take)  # double-click
        self.palette.search.setFocus()
        self.resize(380, 560)

    @property
    def search(self):
        return self.palette.search

    def _take(self, stencil_id: str) -> None:
        self.chosen = stencil_id
        self.accept()

    def _current_to_first(self) -> None:
        """The first match is the current row: what Enter takes is highlighted."""
        visible = self.palette.visible_ids()
        item = self.palette.item_for(self._best(visible)) if visible else None
        self.palette.tree.setCurrentItem(item)
        self.no_match.setText(self.tr("No type matches “%1”").replace(
            "%1", self.palette.search.text().strip()))
        self.no_match.setVisible(not visible)

    def _best(self, visible: list[str]) -> str:
        """The match whose own name holds every typed word, else the first in layer order.

        The palette's search also reads descriptions ("…sends to the vendor device cloud"
        in the companion app's), so "vendor device cloud" must not pick the app.
        """
        typed = self.palette.search.text().lower().split()

        def named(stencil_id: str) -> bool:
            stencil = self._stencils.get(stencil_id)
            if stencil is None:
                return False
            text = " ".join([stencil.id.replace("-", " "), stencil.label,
                             stencil.label_fr or "", *stencil.aliases]).lower()
            return all(word in text for word in typed)

        return next((sid for sid in visible if named(sid)), visible[0])

    def _take_first(self) -> None:
        item = self.palette.tree.currentItem()
        visible = self.palette.visible_ids()
        if item is not None and item.data(0, PALETTE_ROLE_ID) in visible:
            self._take(item.data(0, PALETTE_ROLE_ID))
        elif visible:
            self._take(visible[0])

    def _take_current(self) -> None:
        item = self.palette.tree.currentItem()
        if item is not None and item.data(0, PALETTE_ROLE_ID):
            self._take(item.data(0, PALETTE_ROLE_ID))


class ToClassifyPanel(QWidget):
    """Every element still marked unmapped; click to select it, "Change Type…" to fix it."""

    #: element id chosen in the list
    elementClicked = Signal(str)
    #: the analyst asked to change this element's type
    changeRequested = Signal(str)

    def __init__(self, stencils: StencilLibrary, parent=None):
        super().__init__(parent)
        self.stencils = stencils
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # full text in the tooltip
        self.list.itemClicked.connect(lambda item: self.elementClicked.emit(item.data(ROLE_ID)))
        self.list.itemActivated.connect(
            lambda item: self.changeRequested.emit(item.data(ROLE_ID)))
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.change_btn = QPushButton(self.tr("Change Type…"))
        self.change_btn.clicked.connect(self._change_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._ids: list[str] = []
        self._enable()

    def ids(self) -> list[str]:
        return list(self._ids)

    def set_model(self, model: ThreatModel) -> None:
        """Refill from the model, keeping the current row when its element is still listed."""
        items = to_classify(model)
        current = self.list.currentItem()
        keep = current.data(ROLE_ID) if current is not None else None
        self.list.clear()
        self._ids = [i.id for i in items]
        for entry in items:
            why = entry.note.removeprefix(UNMAPPED_MARKER).strip()
            kind = f" [{entry.foreign_type}]" if entry.foreign_type else ""
            sure = {"high": self.tr("high"), "medium": self.tr("medium"),
                    "low": self.tr("low")}.get(entry.confidence, "")
            # The importer's confidence first after the name: the dock is narrow.
            item = QListWidgetItem(f"{entry.name}" + (f" ({sure})" if sure else "") + kind)
            stencil = self.stencils.get(entry.stencil)
            if stencil is not None:
                item.setIcon(stencil_icon(stencil))
            item.setData(ROLE_ID, entry.id)
            item.setToolTip(f"{entry.name} ({entry.id}): "
                            f"{stencil_label(self.stencils, entry.stencil)}\n{why}")
            self.list.addItem(item)
            if entry.id == keep:
                self.list.setCurrentItem(item)
        self.heading.setText(
            self.tr("%1 element(s) kept with a generic type by the import. Select one and "
                    "choose its type.").replace("%1", str(len(items)))
            if items else self.tr("Nothing to classify."))
        self._enable()

    def select(self, element_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ROLE_ID) == element_id:
                self.list.setCurrentRow(row)
                return

    def _enable(self) -> None:
        self.change_btn.setEnabled(self.list.currentItem() is not None)

    def _change_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.changeRequested.emit(item.data(ROLE_ID))
