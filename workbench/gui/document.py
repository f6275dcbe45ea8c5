"""The open document: one model, its file path, and the undo stack that owns every edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.model.io_write import Fingerprint
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


class EditCommand(QUndoCommand):
    """Swap between two immutable versions of the model; the edit ran once, up front."""

    def __init__(self, doc: Document, text: str, before: ThreatModel, after: ThreatModel,
                 select: list[str] | None = None):
        super().__init__(text)
        self._doc = doc
        self._before = before
        self._after = after
        self._select = select

    def redo(self) -> None:
        self._doc._set_model(self._after, self._select)

    def undo(self) -> None:
        self._doc._set_model(self._before, None)


class Document(QObject):
    """Holds the model; views listen to :attr:`changed` (old model, new model)."""

    changed = Signal(object, object)
    #: ids to select after an edit (a pasted group, a new element)
    selectRequested = Signal(list)
    pathChanged = Signal()

    def __init__(self, model: ThreatModel, path: str | None = None,
                 stencils: StencilLibrary | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.path = path
        self.stencils = stencils
        #: What the file was when read or last saved: a save refuses (asks) when it changed.
        self.fingerprint: Fingerprint | None = None
        self.undo_stack = QUndoStack(self)

    # --- editing ---------------------------------------------------------------------------
    def apply(self, text: str, edit: Callable[..., Any], *args: Any,
              select: list[str] | None = None, **kwargs: Any) -> Any:
        """Run ``edit(model, *args)`` and push the result as one undoable command.

        ``edit`` returns a model, or ``(model, extra)``; ``extra`` is returned to the caller.
        Exceptions (validation errors) propagate and leave the model unchanged.
        """
        result = edit(self.model, *args, **kwargs)
        extra = None
        if isinstance(result, tuple):
            result, extra = result
        if result is self.model:
            return extra
        if select is None and isinstance(extra, str):
            select = [extra]
        elif select is None and isinstance(extra, list):
            select = extra
        self.undo_stack.push(EditCommand(self, text, self.model, result, select))
        return extra

    def _set_model(self, model: ThreatModel, select: list[str] | None) -> None:
        old, self.model = self.model, model
        self.changed.emit(old, model)
        if select:
            self.selectRequested.emit(list(select))

    def reset(self, model: ThreatModel, path: str | None,
              fingerprint: Fingerprint | None = None) -> None:
        """Show another model (Open, New): a fresh history; views rebuild on ``changed``."""
        self.undo_stack.clear()
        old, self.model, self.path = self.model, model, path
        self.fingerprint = fingerprint
        self.undo_stack.setClean()
        self.changed.emit(old, model)
        self.pathChanged.emit()

    # --- file state -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: str, fingerprint: Fingerprint | None = None) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.undo_stack.setClean()
        self.pathChanged.emit()
