"""What the three tabs share: one undoable edit per change, errors shown in one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from workbench.model.profile_edits import ProfileEditError

#: Shown for built-in profiles and derived targets: visible, but not the model's own.
GREY = "#757575"


class EditTab(QWidget):
    """Base of the tabs: ``apply`` pushes one command on the document's undo stack."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.doc = window.doc
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setObjectName("error")
        self.error.hide()

    def apply(self, text: str, edit: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one edit; on a refused value show why and return ``False``.

        The canvas selection is passed along so an edit returning an id (a new attacker,
        a new asset) does not clear what the user selected.
        """
        try:
            extra = self.doc.apply(text, edit, *args, select=self.selected(), **kwargs)
        except (ProfileEditError, ValueError, KeyError, ValidationError) as exc:
            self.show_error(str(exc).splitlines()[0])
            return False
        self.show_error(None)
        return True if extra is None else extra

    def show_error(self, message: str | None) -> None:
        if message:
            self.error.setText(message)
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()

    def selected(self) -> list[str]:
        """Ids selected on the canvas (components and flows)."""
        scene = getattr(self.window_, "scene", None)
        return list(scene.selected_ids()) if scene is not None else []

    def selected_components(self) -> list[str]:
        model = self.doc.model
        return [i for i in self.selected() if model.component(i) is not None]

    def names(self) -> dict[str, str]:
        model = self.doc.model
        out = {c.id: c.name for c in model.components}
        for flow in model.flows:
            a, b = out.get(flow.source, flow.source), out.get(flow.target, flow.target)
            out[flow.id] = flow.name or f"{a} → {b}"
        return out


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text field that commits when it loses the focus (one undo step)."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.committed.emit()

    def set_text_quiet(self, text: str) -> None:
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
