"""Inspector: a form for the selection, generated from the pydantic model classes.

Each committed field becomes one undoable edit; a value pydantic rejects is outlined in red
with the reason under the form, and the model is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.catalog_text import impact_name, scale_name
from workbench.gui.core_text import core_message
from workbench.gui.document import Document
from workbench.gui.forms import FieldEditor, FieldSpec, friendly_error, spec_for
from workbench.gui.labels import enum_label, field_label, status_label
from workbench.gui.pickers import asset_choices, network_choices
from workbench.model import edits
from workbench.model.entities import Component, Flow, Metadata, ThreatInstance, TrustZone
from workbench.model.enums import Scope
from workbench.model.threat_model import ThreatModel

#: Fields shown read-only (identity) or edited elsewhere (the canvas, the threats panel).
READ_ONLY = {"id", "stencil", "layer", "source", "target", "key", "catalog_id", "element",
             "manual", "previous_status"}
HIDDEN = {"mitigations", "stride", "impact", "parent"}


def _label(path: str) -> str:
    return field_label(path.rsplit(".", 1)[-1])


def _form(parent: QWidget) -> QFormLayout:
    """A form whose field goes under its label when both do not fit: long French labels
    ("Fonction critique pour la sécurité du patient") pushed the fields out of a narrow
    dock, behind a sideways scroll bar."""
    form = QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _row_label(text: str) -> QLabel:
    """A field's label that wraps rather than widen the form."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _narrowable(widget: QWidget) -> QWidget:
    """Combo boxes size to a few characters, not to their longest choice ("(par défaut du
    gabarit : organisation (risques traités))" made the form wider than the dock)."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(8)
    return widget


class ElidedLabel(QLabel):
    """One line of text, elided to the width it has; the whole text is in the tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def setFont(self, font) -> None:  # noqa: N802
        super().setFont(font)
        self.setFixedHeight(QFontMetrics(font).height() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                        max(self.width(), 40)))


class Inspector(QWidget):
    """Right dock. Shows the model's metadata when nothing is selected."""

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.editors: dict[str, FieldEditor] = {}
        self._target: tuple[str, str | None] = ("metadata", None)
        # One elided line of fixed height: a long name that wrapped used to push the form
        # down between a press and the next click, so clicks landed in the wrong field.
        self.title = ElidedLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(11)
        self.title.setFont(font)
        self.title.setObjectName("inspector-title")
        # Errors go under the form: showing one never moves a field.
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.body = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        # no sideways scrolling: rows wrap instead (see _form)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        doc.changed.connect(self._on_changed)
        self.show_target("metadata", None)

    # --- what is shown ----------------------------------------------------------------------
    def show_selection(self, ids: list[str]) -> None:
        model = self.doc.model
        if len(ids) != 1:
            self.show_target("metadata", None)
            return
        key = ids[0]
        if model.component(key):
            self.show_target("component", key)
        elif model.flow(key):
            self.show_target("flow", key)
        elif key in model.zones_by_id():
            self.show_target("zone", key)
        else:
            self.show_target("metadata", None)

    def show_threat(self, threat_id: str) -> None:
        self.show_target("threat", threat_id)

    def _object(self, kind: str, key: str | None) -> BaseModel | None:
        model = self.doc.model
        if kind == "component":
            return model.component(key)
        if kind == "flow":
            return model.flow(key)
        if kind == "zone":
            return model.zones_by_id().get(key)
        if kind == "threat":
            return next((t for t in model.threats if t.id == key), None)
        return model.metadata

    def show_target(self, kind: str, key: str | None) -> None:
        obj = self._object(kind, key)
        if obj is None:
            kind, key, obj = "metadata", None, self.doc.model.metadata
        if (kind, key) == self._target and self.editors and kind != "metadata":
            self._refresh(obj)  # same object: keep the widgets (and the focus)
            return
        self._target = (kind, key)
        self._set_title(obj)
        self._build(obj)
        self._clear_error()

    def _set_title(self, obj: BaseModel) -> None:
        """"Element: Smartphone", in the interface language (French puts a narrow no-break
        space before the colon); follows renames."""
        kind, key = self._target
        titles = {
            "component": QCoreApplication.translate("Inspector", "Element"),
            "flow": QCoreApplication.translate("Inspector", "Flow"),
            "zone": QCoreApplication.translate("Inspector", "Trust zone"),
            "threat": QCoreApplication.translate("Inspector", "Threat"),
            "metadata": QCoreApplication.translate("Inspector", "Model"),
        }
        name = getattr(obj, "name", None) or getattr(obj, "title", None) or key or ""
        if kind == "threat" and isinstance(obj, ThreatInstance):
            from workbench.gui.catalog_text import threat_title

            name = threat_title(obj.catalog_id, obj.title)
        self.title.set_full_text(QCoreApplication.translate("Inspector", "%1: %2")
                                 .replace("%1", titles[kind]).replace("%2", str(name)))

    def title_text(self) -> str:
        """The whole title (the label may show it elided)."""
        return self.title.full_text

    def _build(self, obj: BaseModel) -> None:
        self.editors.clear()
        body = QWidget()
        form = _form(body)
        self._add_fields(form, type(obj), obj, "")
        if isinstance(obj, ThreatInstance) and self.doc.model.risk.impact_categories:
            self._add_impact(form, obj)
        self.body = body
        self.scroll.setWidget(body)

    def _choices(self, name: str) -> list[tuple[str, str]] | None:
        model = self.doc.model
        if name == "zone":
            none = QCoreApplication.translate("Inspector", "(no zone)")
            return [(None, none)] + [(z.id, z.name) for z in model.zones]
        if name == "likelihood" and self._target[0] == "threat":
            derived = QCoreApplication.translate("Inspector", "(derived)")
            return [(None, derived)] + [(lvl.value, f"{lvl.value} · {scale_name(lvl.name)}")
                                        for lvl in model.risk.likelihood_levels if lvl.value > 0]
        return None

    def _id_choices(self, path: str) -> list[tuple[str, str]] | None:
        """Fields holding other elements' ids are picked by name (ids stored)."""
        kind, key = self._target
        if kind == "flow" and path == "via":
            return network_choices(self.doc.model, key)
        obj = self._object(kind, key)
        if kind == "flow" and path == "data_assets":
            return asset_choices(self.doc.model, obj.data_assets)
        if kind == "component" and path == "properties.data_assets":
            return asset_choices(self.doc.model, obj.properties.data_assets)
        return None

    def _property_choices(self, path: str) -> list[tuple[str | None, str]] | None:
        """Scope: say what an empty value means for this element (its stencil's default)."""
        kind, key = self._target
        if path != "properties.scope" or kind != "component":
            return None
        from workbench.analysis.risk import element_scope

        comp = self.doc.model.component(key)
        stencils = getattr(self.window(), "stencils", None)
        default = element_scope(comp.model_copy(update={"properties": comp.properties.model_copy(
            update={"scope": None})}), stencils) if comp else None
        label = QCoreApplication.translate("Inspector", "(stencil default: %1)").replace(
            "%1", enum_label(default.value) if default else "—")
        return [(None, label)] + [(s.value, enum_label(s.value)) for s in Scope]

    def _add_impact(self, form: QFormLayout, threat: ThreatInstance) -> None:
        """One choice per impact category, on the model's severity scale."""
        model = self.doc.model
        box = QGroupBox(QCoreApplication.translate("Inspector", "Impact per category"))
        inner = _form(box)
        derived = QCoreApplication.translate("Inspector", "(derived)")
        levels = [(None, derived)] + [(lvl.value, f"{lvl.value} · {scale_name(lvl.name)}")
                                      for lvl in model.risk.severity_levels if lvl.value > 0]
        for category in model.risk.impact_categories:
            editor = FieldEditor(FieldSpec("int", True), [(v, t) for v, t in levels])
            editor.set_value(threat.impact.get(category.id))
            path = f"impact.{category.id}"
            editor.widget.setObjectName(path)
            editor.committed.connect(lambda p=path: self._commit_impact(p))
            self.editors[path] = editor
            inner.addRow(_row_label(impact_name(category.id, category.name)),
                         _narrowable(editor.widget))
        form.addRow(box)

    def _commit_impact(self, path: str) -> None:
        editor = self.editors[path]
        category = path.split(".", 1)[1]
        kind, key = self._target
        text = QCoreApplication.translate("Inspector", "Edit %1").replace("%1", category)
        try:
            self.doc.apply(text, edits.set_threat_impact, key, {category: editor.value()})
        except (ValidationError, ValueError, KeyError) as exc:
            self._show_error(editor, f"{category}: {core_message(exc)}")
        else:
            editor.set_error(None)
            self._clear_error()

    def _add_fields(self, form: QFormLayout, cls: type[BaseModel], obj: BaseModel,
                    prefix: str) -> None:
        for name, info in cls.model_fields.items():
            if name in HIDDEN:
                continue
            value = getattr(obj, name)
            path = f"{prefix}{name}"
            if name in READ_ONLY:
                label = QLabel(self._read_only_text(name, value))
                label.setObjectName(f"ro:{path}")
                label.setWordWrap(True)
                form.addRow(_row_label(_label(name)), label)
                continue
            spec = spec_for(info)
            if spec is None:
                continue
            if spec.kind == "model":
                box = QGroupBox(_label(name))
                inner = _form(box)
                self._add_fields(inner, spec.model, value, f"{path}.")
                form.addRow(box)
                continue
            choices = self._choices(name) if not prefix else self._property_choices(path)
            multi = self._id_choices(path)
            editor = FieldEditor(spec, choices, multi)
            editor.set_value(self._shown(path, obj, value))
            editor.widget.setObjectName(path)
            editor.committed.connect(lambda p=path: self._commit(p))
            self.editors[path] = editor
            form.addRow(_row_label(_label(name)), _narrowable(editor.widget))

    def _shown(self, path: str, obj: BaseModel, value: Any) -> Any:
        """What an editor shows for ``value``: a suggested threat's catalog title in the
        interface language (committing it unchanged stores nothing)."""
        if path == "title" and isinstance(obj, ThreatInstance):
            from workbench.gui.catalog_text import threat_title

            return threat_title(obj.catalog_id, value)
        return value

    def _read_only_text(self, name: str, value: Any) -> str:
        """Identity fields in words: the layer and stencil in the interface language
        ("objet", "Balance connectée"), ids as they are."""
        if isinstance(value, bool):
            return (QCoreApplication.translate("Inspector", "yes") if value
                    else QCoreApplication.translate("Inspector", "no"))
        raw = str(getattr(value, "value", value))
        if name == "layer":
            return enum_label(raw)
        if name == "stencil":
            from workbench.gui.catalog_text import stencil_label

            stencils = self.doc.stencils or getattr(self.window(), "stencils", None)
            found = stencils.get(raw) if stencils is not None else None
            return stencil_label(found, raw)
        if name == "status":
            return status_label(raw)
        return raw

    # --- committing -------------------------------------------------------------------------
    def _commit(self, path: str) -> None:
        editor = self.editors[path]
        value = editor.value()
        obj = self._object(*self._target)
        if obj is None:
            return
        current: Any = obj
        for part in path.split("."):
            current = getattr(current, part, None)
        if hasattr(current, "value") and not isinstance(current, (int, float)):
            current = current.value
        if current == value or (value is not None and value == self._shown(path, obj, current)):
            self._clear_error()
            editor.set_error(None)
            return
        changes: dict[str, Any] = {}
        head, _, tail = path.partition(".")
        changes[head] = {tail: value} if tail else value
        kind, key = self._target
        edit: dict[str, Callable[..., ThreatModel]] = {
            "component": edits.update_component, "flow": edits.update_flow,
            "zone": edits.update_zone, "threat": edits.update_threat,
        }
        text = QCoreApplication.translate("Inspector", "Edit %1").replace("%1", _label(path))
        try:
            if kind == "metadata":
                self.doc.apply(text, edits.update_metadata, changes)
            else:
                self.doc.apply(text, edit[kind], key, changes)
        except ValidationError as exc:
            first = exc.errors()[0]
            self._show_error(editor, f"{_label(path)}: {core_message(friendly_error(first))}")
        except (ValueError, KeyError) as exc:
            self._show_error(editor, f"{_label(path)}: {core_message(exc)}")
        else:
            editor.set_error(None)
            self._clear_error()

    def _show_error(self, editor: FieldEditor, message: str) -> None:
        editor.set_error(message)
        self.error.setText(message)
        self.error.show()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def error_text(self) -> str:
        return self.error.text()

    def _on_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        kind, key = self._target
        before = {"component": old.component, "flow": old.flow}.get(kind)
        obj_new = self._object(kind, key)
        if obj_new is None:
            self.show_target("metadata", None)
            return
        if before is not None and before(key) is obj_new:
            return
        self._refresh(obj_new)

    def _refresh(self, obj_new: BaseModel) -> None:
        """Put current values in the editors, in place (keeps focus and shown errors)."""
        self._set_title(obj_new)
        for path, editor in self.editors.items():
            if path.startswith("impact."):
                editor.set_value(obj_new.impact.get(path.split(".", 1)[1]))
                continue
            current: Any = obj_new
            for part in path.split("."):
                current = getattr(current, part, None)
            editor.set_value(self._shown(path, obj_new, current))


__all__ = ["Inspector", "FieldSpec", "Component", "Flow", "TrustZone", "ThreatInstance",
           "Metadata"]
