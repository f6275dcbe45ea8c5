"""Help > Keyboard Shortcuts: every shortcut of the window, read from its actions.

The table is built from the menus' actions at the moment it opens (text, shortcut, menu),
so it cannot drift from what the keys really do; only mouse gestures, which are not
actions, are listed from a fixed table below.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


def _plain(text: str) -> str:
    """Menu text without its mnemonic ampersand or trailing ellipsis' tab hint."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0]


def window_shortcuts(window) -> list[tuple[str, str, str]]:
    """``(menu, command, keys)`` for every action with a shortcut: the menus' actions
    (sub-menus included) first, in menu order, then actions bound to the window only."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} ▸ {_plain(action.text())}")
                continue
            add(action, path)

    def add(action: QAction, path: str) -> None:
        if id(action) in seen or action.isSeparator():
            return
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if not k.isEmpty()]
        if keys:
            seen.add(id(action))
            rows.append((path, _plain(action.text()), ", ".join(keys)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    other = QCoreApplication.translate("Shortcuts", "Window")
    for action in window.actions():
        add(action, other)
    return rows


def gestures() -> list[tuple[str, str, str]]:
    """Mouse gestures of the canvas (they are not actions, so they are listed here)."""
    tr = QCoreApplication
    canvas = tr.translate("Shortcuts", "Canvas")
    return [
        (canvas, tr.translate("Shortcuts", "Connect two elements"),
         tr.translate("Shortcuts", "Drag from an element's round handle onto another")),
        (canvas, tr.translate("Shortcuts", "Zoom"), tr.translate("Shortcuts", "Ctrl+wheel")),
        (canvas, tr.translate("Shortcuts", "Pan"),
         tr.translate("Shortcuts", "Middle button drag, or Space+drag")),
        (canvas, tr.translate("Shortcuts", "Select several"),
         tr.translate("Shortcuts", "Drag a rectangle on empty canvas; Ctrl+click")),
        (canvas, tr.translate("Shortcuts", "Cancel the zone tool"),
         tr.translate("Shortcuts", "Esc")),
        (canvas, tr.translate("Shortcuts", "Move a trust zone with its elements"),
         tr.translate("Shortcuts", "Drag its title")),
        (canvas, tr.translate("Shortcuts", "Resize a trust zone"),
         tr.translate("Shortcuts", "Drag its edge or corner")),
        (canvas, tr.translate("Shortcuts", "Element menu (targets, entry points, data)"),
         tr.translate("Shortcuts", "Right click")),
    ]


class ShortcutsDialog(QDialog):
    """A searchable table of the window's shortcuts and the canvas's gestures."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle(QCoreApplication.translate("Shortcuts", "Keyboard Shortcuts"))
        self.rows = window_shortcuts(window) + gestures()
        self.search = QLineEdit()
        self.search.setPlaceholderText(QCoreApplication.translate("Shortcuts", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("Shortcuts", "Menu"),
            QCoreApplication.translate("Shortcuts", "Command"),
            QCoreApplication.translate("Shortcuts", "Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # gestures are long
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.resize(820, 560)

    def filter(self, text: str) -> None:
        words = text.lower().split()
        for r, row in enumerate(self.rows):
            hay = " ".join(row).lower()
            self.table.setRowHidden(r, any(w not in hay for w in words))

    def visible_rows(self) -> list[tuple[str, str, str]]:
        return [row for r, row in enumerate(self.rows) if not self.table.isRowHidden(r)]


def show_shortcuts(window) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
