"""Ctrl+Z / Ctrl+Shift+Z from whatever widget has the focus.

Qt gives a text field first refusal of the undo keys (a ``ShortcutOverride`` event): a
``QLineEdit`` takes them even with nothing to undo, so the window's Undo never ran while an
inspector field or a filter box had the focus. Users expect the field's own text undo while
it has one (typing not yet committed) and the model's undo otherwise; this filter lets the
key through to the field only in the first case. It sits on the focus widget alone (moved
on each focus change), not on the whole application, so no other event pays for it.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def undo_kind(event: QKeyEvent) -> str | None:
    """``"undo"``, ``"redo"`` or None for a key event (the platform's keys, plus Ctrl+Shift+Z
    and Ctrl+Y everywhere, as the Edit menu lists them)."""
    mods = event.modifiers() & (_CTRL | _SHIFT | Qt.KeyboardModifier.AltModifier)
    key = event.key()
    if (key == Qt.Key.Key_Z and mods == (_CTRL | _SHIFT)) or (
            key == Qt.Key.Key_Y and mods == _CTRL):
        return "redo"
    if key == Qt.Key.Key_Z and mods == _CTRL:
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    return None


def text_history(widget: QWidget, kind: str) -> bool | None:
    """Whether ``widget`` has its own text to undo (redo); None if it keeps no text history."""
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit) or widget
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isUndoAvailable() if kind == "undo" else widget.isRedoAvailable()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        if widget.isReadOnly():
            return False
        doc = widget.document()
        return doc.isUndoAvailable() if kind == "undo" else doc.isRedoAvailable()
    return None


class UndoFromAnyFocus(QObject):
    """Installed once per main window; follows the application's focus."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self._watched.removeEventFilter(self)
            self._watched = None
        if new is not None and text_history(new, "undo") is not None:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        kind = undo_kind(event)
        if kind is None or text_history(watched, kind):
            return False  # not an undo key, or the field's own text undo applies
        # Refuse the override: the key becomes the window's Undo/Redo shortcut.
        event.ignore()
        return True


def install(window: QWidget) -> UndoFromAnyFocus:
    return UndoFromAnyFocus(window)
