"""Stencil palette: stencils grouped by layer, a search box, drag to the canvas."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.icons import layer_pixmap, stencil_icon
from workbench.model.enums import LAYER_ORDER
from workbench.model.stencils import StencilLibrary

STENCIL_MIME = "application/x-workbench-stencil"
ROLE_ID = Qt.ItemDataRole.UserRole + 1


def stencil_mime(stencil_id: str) -> QMimeData:
    """What a palette drag carries: the stencil id."""
    data = QMimeData()
    data.setData(STENCIL_MIME, stencil_id.encode("utf-8"))
    return data


class StencilTree(QTreeWidget):
    def mimeData(self, items):  # noqa: N802 - Qt override
        ids = [i.data(0, ROLE_ID) for i in items if i.data(0, ROLE_ID)]
        return stencil_mime(ids[0]) if ids else QMimeData()

    def mimeTypes(self):  # noqa: N802
        return [STENCIL_MIME]

    def startDrag(self, actions) -> None:  # noqa: N802
        item = self.currentItem()
        if item is None or not item.data(0, ROLE_ID):
            return
        drag = QDrag(self)
        drag.setMimeData(stencil_mime(item.data(0, ROLE_ID)))
        drag.setPixmap(item.icon(0).pixmap(32, 32))
        drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    """Left dock: double-click a stencil (or drag it) to add an element."""

    activated = Signal(str)
    #: "Draw trust zone" was pressed: the canvas's zone tool is armed
    zoneToolRequested = Signal()

    def __init__(self, stencils: StencilLibrary, lang: str = "en", parent=None):
        super().__init__(parent)
        self.stencils = stencils
        self.lang = lang
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search stencils…"))
        self.search.setClearButtonEnabled(True)
        self.tree = StencilTree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setIconSize(layer_pixmap(LAYER_ORDER[0], 24).size())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        self.zone_button = QPushButton(self.tr("Draw trust zone"))
        self.zone_button.setToolTip(self.tr("Then drag a rectangle on the canvas around the "
                                            "elements of the zone (shortcut: Z)"))
        self.zone_button.clicked.connect(self.zoneToolRequested)
        # a narrow dock clips the label rather than growing (the tooltip says it all)
        self.zone_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.zone_button)
        layout.addWidget(self.tree)
        self._groups: dict[str, QTreeWidgetItem] = {}
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def _label(self, stencil) -> str:
        if self.lang == "fr" and stencil.label_fr:
            return stencil.label_fr
        return stencil.label

    def _fill(self) -> None:
        titles = [QCoreApplication.translate("DiagramScene", "Things"),
                  QCoreApplication.translate("DiagramScene", "Gateways"),
                  QCoreApplication.translate("DiagramScene", "Networks"),
                  QCoreApplication.translate("DiagramScene", "Cloud")]
        for layer, title in zip(LAYER_ORDER, titles, strict=True):
            group = QTreeWidgetItem(self.tree, [title])
            group.setIcon(0, layer_pixmap(layer, 24))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._groups[layer.value] = group
            for stencil in self.stencils.by_layer(layer):
                item = QTreeWidgetItem(group, [self._label(stencil)])
                item.setIcon(0, stencil_icon(stencil))
                item.setData(0, ROLE_ID, stencil.id)
                hint = stencil.description or stencil.category
                item.setToolTip(0, f"{self._label(stencil)} ({stencil.id})\n{hint}")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
            group.setExpanded(True)

    def filter(self, text: str) -> None:
        """Show the stencils matching every word of ``text`` in their names (both
        languages), id, category, tags, aliases, description or layer ("gateway" finds the
        home health hub, "insulin pump" the insulin patch pump)."""
        words = text.strip().lower().split()
        for layer_key, group in self._groups.items():
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                stencil = self.stencils.get(item.data(0, ROLE_ID))
                hay = " ".join([item.text(0), group.text(0), layer_key, stencil.id,
                                stencil.label, stencil.label_fr or "", stencil.category,
                                stencil.description or "", *stencil.tags,
                                *stencil.aliases]).lower() if stencil else ""
                hidden = any(word not in hay for word in words)
                item.setHidden(hidden)
                shown += not hidden
            group.setHidden(shown == 0)

    def visible_ids(self) -> list[str]:
        out = []
        for group in self._groups.values():
            for i in range(group.childCount()):
                item = group.child(i)
                if not item.isHidden() and not group.isHidden():
                    out.append(item.data(0, ROLE_ID))
        return out

    def item_for(self, stencil_id: str) -> QTreeWidgetItem | None:
        for group in self._groups.values():
            for i in range(group.childCount()):
                if group.child(i).data(0, ROLE_ID) == stencil_id:
                    return group.child(i)
        return None

    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        if item.data(0, ROLE_ID):
            self.activated.emit(item.data(0, ROLE_ID))
