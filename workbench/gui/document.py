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


class Untracked:
    """A change recorded beside the history (workshop timing): not an undo step, and
    re-applied to whichever version undo or redo brings back, so it is never lost."""

    def __init__(self, edit: Callable[..., ThreatModel], args: tuple[Any, ...]):
        self.edit = edit
        self.args = args

    def apply(self, model: ThreatModel) -> ThreatModel:
        try:
            return self.edit(model, *self.args)
        except (KeyError, IndexError, ValueError):  # not in that version (e.g. undone)
            return model


class Document(QObject):
    """Holds the model; views listen to :attr:`changed` (old model, new model)."""

    changed = Signal(object, object)
    #: ids to select after an edit (a pasted group, a new element)
    selectRequested = Signal(list)
    pathChanged = Signal()
    #: unsaved state changed outside the undo stack (an untracked change, a save)
    dirtyChanged = Signal(bool)

    def __init__(self, model: ThreatModel, path: str | None = None,
                 stencils: StencilLibrary | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.path = path
        self.stencils = stencils
        #: What the file was when read or last saved: a save refuses (asks) when it changed.
        self.fingerprint: Fingerprint | None = None
        self.undo_stack = QUndoStack(self)
        #: changes kept outside the history, by key (the last one per key wins)
        self._untracked: dict[Any, Untracked] = {}
        self._untracked_dirty = False

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

    def apply_untracked(self, key: Any, edit: Callable[..., ThreatModel], *args: Any) -> None:
        """Run ``edit(model, *args)`` without an undo step: bookkeeping the analyst does not
        undo (time spent on a workshop item). The document becomes unsaved; undo and redo
        keep the change (it is applied again to the version they bring back)."""
        change = Untracked(edit, args)
        result = change.apply(self.model)
        self._untracked[key] = change
        if result is self.model:
            return
        old, self.model = self.model, result
        if not self._untracked_dirty:
            self._untracked_dirty = True
            self.dirtyChanged.emit(True)
        self.changed.emit(old, result)

    def _set_model(self, model: ThreatModel, select: list[str] | None) -> None:
        for change in self._untracked.values():
            model = change.apply(model)
        old, self.model = self.model, model
        self.changed.emit(old, model)
        if select:
            self.selectRequested.emit(list(select))

    def reset(self, model: ThreatModel, path: str | None,
              fingerprint: Fingerprint | None = None) -> None:
        """Show another model (Open, New): a fresh history; views rebuild on ``changed``."""
        self.undo_stack.clear()
        self._untracked.clear()
        self._forget_untracked_dirty()
        old, self.model, self.path = self.model, model, path
        self.fingerprint = fingerprint
        self.undo_stack.setClean()
        self.changed.emit(old, model)
        self.pathChanged.emit()

    # --- file state -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._untracked_dirty or not self.undo_stack.isClean()

    def set_clean(self) -> None:
        """Treat the current state as saved (after a screenshot's or a test's own edits)."""
        self.undo_stack.setClean()
        self._forget_untracked_dirty()

    def _forget_untracked_dirty(self) -> None:
        if self._untracked_dirty:
            self._untracked_dirty = False
            self.dirtyChanged.emit(False)

    def mark_saved(self, path: str, fingerprint: Fingerprint | None = None) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.undo_stack.setClean()
        self._forget_untracked_dirty()
        self.pathChanged.emit()
