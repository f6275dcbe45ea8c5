"""Editors generated from pydantic field types (no hand-written form per model class).

``bool`` -> check box (tri-state when optional), ``StrEnum`` -> combo box, bounded ``int`` or
``float`` -> spin box, ``list[str]`` -> comma-separated line, ``date`` -> ISO line,
other strings -> line edit, nested models -> a group of their own fields.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from workbench.gui.labels import enum_label


@dataclass
class FieldSpec:
    """What kind of editor a field needs, read from its annotation."""

    kind: str  # bool | enum | int | float | list | date | str | model | choice
    optional: bool
    enum: type[enum.Enum] | None = None
    low: float | None = None
    high: float | None = None
    model: type[BaseModel] | None = None


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _bounds(info_metadata: list[Any], annotation: Any) -> tuple[float | None, float | None]:
    low = high = None
    metadata = list(info_metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        metadata += list(typing.get_args(annotation)[1:])
    for meta in metadata:
        if isinstance(meta, Ge):
            low = meta.ge
        elif isinstance(meta, Le):
            high = meta.le
        elif isinstance(meta, FieldInfo):
            lo, hi = _bounds(meta.metadata, None)
            low, high = lo if lo is not None else low, hi if hi is not None else high
    return low, high


def spec_for(info: FieldInfo) -> FieldSpec | None:
    """The editor kind for a field, or None when it has no simple editor (dicts, unions)."""
    annotation, optional = _strip_optional(info.annotation)
    low, high = _bounds(info.metadata, annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    annotation, opt2 = _strip_optional(annotation)
    optional = optional or opt2
    if annotation is bool:
        return FieldSpec("bool", optional)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return FieldSpec("enum", optional, enum=annotation)
    if annotation is int:
        return FieldSpec("int", optional, low=low, high=high)
    if annotation is float:
        return FieldSpec("float", optional, low=low, high=high)
    if annotation is dt.date:
        return FieldSpec("date", optional)
    if annotation is str:
        return FieldSpec("str", optional)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (str,)
        if typing.get_origin(item) is typing.Annotated:
            item = typing.get_args(item)[0]
        if item is str:
            return FieldSpec("list", optional)
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldSpec("model", optional, model=annotation)
    return None


class FieldEditor(QObject):
    """One editor widget with a uniform get/set and a ``committed`` signal."""

    committed = Signal()

    def __init__(self, spec: FieldSpec, choices: list[tuple[str, str]] | None = None,
                 multi: list[tuple[str, str]] | None = None):
        super().__init__()
        self.spec = spec
        self._loading = False
        kind = spec.kind
        if multi is not None:  # a list of ids picked by name (pickers.MultiChoiceButton)
            from workbench.gui.pickers import MultiChoiceButton

            widget = MultiChoiceButton(multi)
            widget.changed.connect(self._emit)
        elif choices is not None:
            widget = QComboBox()
            for value, label in choices:
                widget.addItem(label, "" if value is None else value)
            widget.currentIndexChanged.connect(self._emit)
        elif kind == "bool":
            widget = QCheckBox()
            widget.setTristate(spec.optional)
            widget.stateChanged.connect(self._emit)
        elif kind == "enum":
            widget = QComboBox()
            if spec.optional:
                widget.addItem("—", "")
            for member in spec.enum:
                widget.addItem(enum_label(member.value), member.value)
            widget.currentIndexChanged.connect(self._emit)
        elif kind == "int" and spec.low is not None and spec.high is not None:
            widget = QSpinBox()
            widget.setRange(int(spec.low) - (1 if spec.optional else 0), int(spec.high))
            if spec.optional:
                widget.setSpecialValueText("—")
            widget.editingFinished.connect(self._emit)
        elif kind == "float" and spec.low is not None and spec.high is not None:
            widget = QDoubleSpinBox()
            widget.setDecimals(2)
            widget.setSingleStep(0.05)
            widget.setRange(float(spec.low) - (0.01 if spec.optional else 0), float(spec.high))
            if spec.optional:
                widget.setSpecialValueText("—")
            widget.editingFinished.connect(self._emit)
        else:
            widget = QLineEdit()
            widget.editingFinished.connect(self._emit)
        self.widget: QWidget = widget
        self.choices = choices

    def _emit(self, *args: Any) -> None:
        if not self._loading:
            self.committed.emit()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            w = self.widget
            if isinstance(value, enum.Enum):
                value = value.value
            if hasattr(w, "set_chosen"):
                w.set_chosen(list(value or []))
            elif isinstance(w, QComboBox):
                index = w.findData("" if value is None else value)
                w.setCurrentIndex(max(index, 0))
            elif isinstance(w, QCheckBox):
                if value is None:
                    w.setCheckState(Qt.CheckState.PartiallyChecked)
                else:
                    w.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.setValue(w.minimum() if value is None else value)
            elif self.spec.kind == "list":
                w.setText(", ".join(str(v) for v in value or []))
                w.setCursorPosition(0)
            else:
                w.setText("" if value is None else str(value))
                w.setCursorPosition(0)  # show the start of long text, not its end
        finally:
            self._loading = False

    def value(self) -> Any:
        w = self.widget
        if hasattr(w, "chosen"):
            return w.chosen()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return None if data == "" else data
        if isinstance(w, QCheckBox):
            state = w.checkState()
            if state == Qt.CheckState.PartiallyChecked:
                return None
            return state == Qt.CheckState.Checked
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            if self.spec.optional and w.value() == w.minimum():
                return None
            return w.value()
        text = w.text().strip()
        if self.spec.kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        if not text and self.spec.optional:
            return None
        return text

    def set_error(self, message: str | None) -> None:
        if message and self.widget.maximumHeight() > 10_000:
            # the red frame must not grow the field: rows below would move under the mouse
            self.widget.setFixedHeight(self.widget.sizeHint().height())
        self.widget.setStyleSheet("" if not message else
                                  "border: 2px solid #d7191c; background: #fff0f0;")
        self.widget.setToolTip(message or "")


def friendly_error(error: dict[str, Any]) -> str:
    """A pydantic error in the analyst's words and language (pydantic's own text, such as
    "String should match pattern '^[A-Za-z0-9]…'", means nothing in a workshop)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", "?"))))
    translate = QCoreApplication.translate
    if kind == "string_pattern_mismatch":
        text = translate("Fields", "“%1” is not a valid identifier: use letters, digits and "
                         ". _ : @ - without spaces, starting with a letter or a digit")
    elif kind == "string_too_long":
        text = translate("Fields", "too long: at most %2 characters")
        bound = ctx.get("max_length", "?")
    elif kind == "string_too_short":
        text = translate("Fields", "may not be empty")
    elif kind in ("int_parsing", "int_from_float", "float_parsing"):
        text = translate("Fields", "“%1” is not a number")
    elif kind in ("greater_than_equal", "greater_than"):
        text = translate("Fields", "must be at least %2")
    elif kind in ("less_than_equal", "less_than"):
        text = translate("Fields", "must be at most %2")
    elif kind.startswith("date"):
        text = translate("Fields", "“%1” is not a date: write it as 2026-12-31")
    elif kind == "enum":
        text = translate("Fields", "“%1” is not one of the allowed values")
    else:
        return str(error.get("msg", kind))
    return text.replace("%1", str(error.get("input", ""))).replace("%2", str(bound))
