"""Attackers tab: who attacks, how capable they are, and where they start.

The list shows what the analysis runs: the model's own profiles (tick to enable) and, while
they are in effect, the built-in ones in grey. Editing a built-in profile first copies the
defaults into the model (:func:`profile_edits.own_attacker`), in the same undo step, so the
analyst tunes "Hospital insider" directly instead of hunting for a "customise" step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS, resolve_entries
from workbench.gui.catalog_text import attacker_description, attacker_name
from workbench.gui.i18n import percent
from workbench.gui.labels import layer_label
from workbench.gui.profiles.common import GREY, CommitTextEdit, EditTab
from workbench.gui.profiles.rule_text import rule_text
from workbench.model import profile_edits as pe
from workbench.model.entities import AttackerProfile
from workbench.model.threat_model import ThreatModel

ID_ROLE = Qt.ItemDataRole.UserRole
BUILTIN_ROLE = Qt.ItemDataRole.UserRole + 1
COL_NAME, COL_CAPABILITY, COL_ENTRIES = range(3)
DEFAULT_IDS = frozenset(a.id for a in DEFAULT_ATTACKERS)


def shown_profiles(model: ThreatModel) -> list[tuple[AttackerProfile, bool]]:
    """(profile, built-in?) in list order: the model's own, then defaults in effect."""
    rows = [(a, False) for a in model.attackers]
    if pe.uses_defaults(model):
        have = {a.id for a in model.attackers} if pe.attacker_mode(model) == "merge" else set()
        rows += [(d, True) for d in DEFAULT_ATTACKERS if d.id not in have]
    return rows


def _own_then(model: ThreatModel, attacker_id: str, edit, *args) -> ThreatModel:
    """Make a built-in profile the model's own (copying the defaults), then edit it."""
    return edit(pe.own_attacker(model, attacker_id, DEFAULT_ATTACKERS), attacker_id, *args)


class AttackersTab(EditTab):
    def __init__(self, window, parent=None):
        super().__init__(window, parent)
        self._model: ThreatModel | None = None
        self._current: str | None = None

        # what the analysis runs, and the way to take the defaults over
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("defaults-note")
        self.customise_btn = QPushButton(self.tr("Customise defaults"))
        self.customise_btn.setObjectName("customise")
        self.customise_btn.clicked.connect(self.customise_defaults)
        self.note_box = QFrame()
        self.note_box.setObjectName("note-box")
        self.note_box.setStyleSheet("#note-box { background: #fff8e1; border: 1px solid "
                                    "#ffcc80; border-radius: 3px; }")
        note_row = QHBoxLayout(self.note_box)
        note_row.setContentsMargins(6, 4, 6, 4)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.customise_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("only while the model has no enabled attacker of its own"),
                          "replace")
        self.mode.addItem(self.tr("always, the model's profiles replacing those of the same "
                                  "id (merge)"), "merge")
        self.mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(24)
        self.mode.activated.connect(self._mode_chosen)
        mode_row = QFormLayout()
        mode_row.addRow(self.tr("Built-in profiles analysed"), self.mode)

        self.tree = QTreeWidget()
        self.tree.setObjectName("attackers")
        self.tree.setHeaderLabels([self.tr("Attacker"), self.tr("Capability"),
                                   self.tr("Entry points")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_CAPABILITY, COL_ENTRIES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda cur, prev: self._row_changed(cur))
        self.tree.itemChanged.connect(self._item_changed)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("New attacker's name"))
        self.new_name.returnPressed.connect(self.add_attacker)
        self.add_btn = QPushButton(self.tr("Add"))
        self.add_btn.setToolTip(self.tr("A new attacker; the elements selected on the canvas "
                                        "become its entry points"))
        self.add_btn.clicked.connect(self.add_attacker)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.clicked.connect(self.remove_attacker)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_btn)
        add_row.addWidget(self.remove_btn)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.note_box)
        top_layout.addLayout(mode_row)
        top_layout.addWidget(self.tree, 1)
        top_layout.addLayout(add_row)

        self.details = self._details()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        scroll = QScrollArea()  # the dock may be short: scroll rather than grow the window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)

    def _details(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected attacker"))
        form = QFormLayout(box)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.name_edit.editingFinished.connect(self._commit_name)
        self.cap_slider = QSlider(Qt.Orientation.Horizontal)
        self.cap_slider.setRange(0, 100)
        self.cap_slider.setObjectName("capability-slider")
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(0, 100)
        self.cap_spin.setSuffix(" %")
        self.cap_spin.setKeyboardTracking(False)  # one undo step per value, not per key
        self.cap_spin.setObjectName("capability")
        self.cap_spin.setToolTip(self.tr("How skilled and resourced the attacker is: scales "
                                         "the probability of every step it takes"))
        self.cap_slider.valueChanged.connect(self._slider_moved)
        self.cap_slider.sliderReleased.connect(
            lambda: self._commit_capability(self.cap_slider.value()))
        self.cap_spin.valueChanged.connect(self._commit_capability)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.cap_slider, 1)
        cap_row.addWidget(self.cap_spin)
        self.desc_edit = CommitTextEdit()
        self.desc_edit.setObjectName("description")
        self.desc_edit.setFixedHeight(46)
        self.desc_edit.committed.connect(self._commit_description)
        self.entries = QListWidget()
        self.entries.setObjectName("entries")
        self.entries.setMaximumHeight(72)
        self.use_selection_btn = QPushButton(self.tr("Use selected elements"))
        self.use_selection_btn.setToolTip(self.tr("Use the elements selected on the canvas "
                                                  "as entry points of this attacker"))
        self.use_selection_btn.clicked.connect(self.use_selection)
        self.remove_entry_btn = QPushButton(self.tr("Remove"))
        self.remove_entry_btn.clicked.connect(self.remove_entry)
        entry_buttons = QVBoxLayout()
        entry_buttons.addWidget(self.use_selection_btn)
        entry_buttons.addWidget(self.remove_entry_btn)
        entry_buttons.addStretch(1)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entries, 1)
        entry_row.addLayout(entry_buttons)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setObjectName("rule")
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_rule_btn = QPushButton(self.tr("Clear rule"))
        self.clear_rule_btn.setToolTip(self.tr("Start only at the entry points listed above"))
        self.clear_rule_btn.clicked.connect(self.clear_rule)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule_label, 1)
        rule_row.addWidget(self.clear_rule_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.resolved = QLabel()
        self.resolved.setWordWrap(True)
        self.resolved.setObjectName("resolved")
        self.show_btn = QPushButton(self.tr("Show on canvas"))
        self.show_btn.setToolTip(self.tr("Select where this attacker starts on the canvas"))
        self.show_btn.clicked.connect(self.show_entries)
        resolved_row = QHBoxLayout()
        resolved_row.addWidget(self.resolved, 1)
        resolved_row.addWidget(self.show_btn, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Capability"), cap_row)
        form.addRow(self.tr("Description"), self.desc_edit)
        form.addRow(self.tr("Entry points"), entry_row)
        form.addRow(self.tr("Entry rule"), rule_row)
        form.addRow(self.tr("Starts at"), resolved_row)
        return box

    # --- showing the model ---------------------------------------------------------------------
    def refresh(self, model: ThreatModel) -> None:
        old, self._model = self._model, model
        if old is not None and old.attackers is model.attackers and old.risk is model.risk \
                and old.components is model.components:
            return
        rows = shown_profiles(model)
        entries = resolve_entries(model, [p for p, _ in rows], self.window_.stencils) \
            if rows else {}
        names = self.names()
        self._show_note(model)
        self.mode.setCurrentIndex(max(0, self.mode.findData(pe.attacker_mode(model))))
        self.tree.blockSignals(True)
        self.tree.clear()
        current = None
        for profile, builtin in rows:
            item = self._row(profile, builtin, entries.get(profile.id, []), names)
            self.tree.addTopLevelItem(item)
            if profile.id == self._current:
                current = item
        if current is None and self.tree.topLevelItemCount():
            current = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)
        self._row_changed(current)

    def _row(self, profile: AttackerProfile, builtin: bool, entries: list[str],
             names: dict[str, str]) -> QTreeWidgetItem:
        label = attacker_name(profile.id, profile.name) + (
            "  " + self.tr("(built-in)") if builtin else "")
        item = QTreeWidgetItem([label, percent(profile.capability),
                                str(len(entries)) if entries else self.tr("none")])
        item.setData(COL_NAME, ID_ROLE, profile.id)
        item.setData(COL_NAME, BUILTIN_ROLE, builtin)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(COL_NAME, Qt.CheckState.Checked if profile.enabled
                           else Qt.CheckState.Unchecked)
        item.setToolTip(COL_NAME, attacker_description(profile.id, profile.description)
                        or attacker_name(profile.id, profile.name))
        item.setToolTip(COL_ENTRIES, "\n".join(names.get(e, e) for e in entries)
                        or self.tr("No entry point in this model: no path from this attacker"))
        if builtin:
            italic = QFont(item.font(COL_NAME))
            italic.setItalic(True)
            for col in range(3):
                item.setForeground(col, QBrush(QColor(GREY)))
                item.setFont(col, italic)
        if not entries and profile.enabled:
            item.setForeground(COL_ENTRIES, QBrush(QColor("#b00020")))
        return item

    def _show_note(self, model: ThreatModel) -> None:
        own_enabled = any(a.enabled for a in model.attackers)
        missing = [d for d in DEFAULT_ATTACKERS if d.id not in {a.id for a in model.attackers}]
        if pe.attacker_mode(model) == "merge":
            text = self.tr("Merge: the analysis runs the built-in profiles too (grey); a "
                           "profile of the model with a built-in id replaces it.")
        elif not own_enabled and model.attackers:
            text = self.tr("Every attacker of the model is disabled, so the analysis runs the "
                           "six built-in profiles (grey). Enable one, or customise the "
                           "defaults.")
        elif not own_enabled:
            text = self.tr("This model has no attacker of its own: the analysis runs the six "
                           "built-in profiles (grey). Customise them to tune capability and "
                           "entry points, or add your own.")
        else:
            text = self.tr("The analysis runs the ticked attackers of this model only; the "
                           "built-in profiles are not used.")
        self.note.setText(text)
        self.customise_btn.setVisible(bool(missing))
        if pe.uses_defaults(model):
            self.customise_btn.setText(self.tr("Customise defaults"))
            self.customise_btn.setToolTip(self.tr(
                "Copy the built-in profiles into this model, to tune their capability and "
                "entry points. The analysis does not change until you edit them."))
        else:
            self.customise_btn.setText(self.tr("Add built-in profiles"))
            self.customise_btn.setToolTip(self.tr(
                "Copy the missing built-in profiles into this model, disabled: tick those "
                "the analysis should run."))
        self.note_box.setStyleSheet(
            "#note-box { background: %s; border: 1px solid %s; border-radius: 3px; }"
            % (("#fff8e1", "#ffcc80") if pe.uses_defaults(model) else ("#eef5ee", "#a5d6a7")))

    def _row_changed(self, item: QTreeWidgetItem | None) -> None:
        model = self._model or self.doc.model
        profile = None
        if item is not None:
            self._current = item.data(COL_NAME, ID_ROLE)
            profile = next((p for p, _ in shown_profiles(model) if p.id == self._current), None)
        self.details.setEnabled(profile is not None)
        self.remove_btn.setEnabled(profile is not None and
                                   not item.data(COL_NAME, BUILTIN_ROLE))
        if profile is None:
            self.details.setTitle(self.tr("Selected attacker"))
            for edit in (self.name_edit,):
                edit.clear()
            self.desc_edit.set_text_quiet("")
            self.entries.clear()
            self.rule_label.clear()
            self.resolved.clear()
            return
        builtin = bool(item.data(COL_NAME, BUILTIN_ROLE))
        title = self.tr("Selected attacker")
        if builtin:
            title += " — " + self.tr("built-in: editing it copies the defaults into the model")
        self.details.setTitle(title)
        shown = attacker_name(profile.id, profile.name)  # French for an untouched built-in
        if self.name_edit.text() != shown:
            self.name_edit.setText(shown)
        for widget in (self.cap_slider, self.cap_spin):
            widget.blockSignals(True)
            widget.setValue(round(profile.capability * 100))
            widget.blockSignals(False)
        self.desc_edit.set_text_quiet(
            attacker_description(profile.id, profile.description) or "")
        names = self.names()
        self.entries.clear()
        comps = model.components_by_id()
        for key in profile.entry_elements:
            comp = comps.get(key)
            text = f"{comp.name}  ({layer_label(comp.layer.value)})" if comp else key
            entry = QListWidgetItem(text)
            entry.setData(ID_ROLE, key)
            self.entries.addItem(entry)
        self.remove_entry_btn.setEnabled(bool(profile.entry_elements))
        self.rule_label.setText(rule_text(profile.entry_rule, self._value_name))
        self.clear_rule_btn.setEnabled(profile.entry_rule is not None)
        resolved = resolve_entries(model, [profile], self.window_.stencils)[profile.id]
        self._resolved = resolved
        self.show_btn.setEnabled(bool(resolved))
        if resolved:
            shown = ", ".join(names.get(e, e) for e in resolved[:12])
            more = len(resolved) - 12
            if more > 0:
                shown += " " + self.tr("and %1 more").replace("%1", str(more))
            self.resolved.setText(self.tr("%1 element(s): %2").replace("%1", str(len(resolved)))
                                  .replace("%2", shown))
            self.resolved.setStyleSheet("")
        else:
            self.resolved.setText(self.tr("No element of this model: this attacker has no "
                                          "path. Select elements on the canvas and use them "
                                          "as entry points."))
            self.resolved.setStyleSheet("color: #b00020;")

    def _value_name(self, value: str) -> str:
        """Stencil ids by their label, other values through the shared enum labels."""
        stencil = self.window_.stencils.get(value) if self.window_.stencils else None
        if stencil is not None:
            return stencil.label
        from workbench.gui.labels import enum_label

        return enum_label(value)

    # --- editing -------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(COL_NAME, ID_ROLE) if item is not None else None

    def select_attacker(self, attacker_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(COL_NAME, ID_ROLE) == attacker_id:
                self.tree.setCurrentItem(item)
                return

    def _edit(self, text: str, edit, *args) -> bool:
        key = self.current_id()
        if key is None:
            return False
        return bool(self.apply(text, _own_then, key, edit, *args))

    def add_attacker(self) -> str | None:
        name = self.new_name.text().strip() or self.tr("New attacker")
        key = self.apply(self.tr("Add attacker"), pe.add_attacker, name,
                         entry_elements=self.selected_components(), reserved=DEFAULT_IDS)
        if isinstance(key, str):
            self.new_name.clear()
            self.select_attacker(key)
            return key
        return None

    def remove_attacker(self) -> None:
        key = self.current_id()
        if key is not None and key in {a.id for a in self.doc.model.attackers}:
            self.apply(self.tr("Remove attacker"), pe.remove_attacker, key)

    def customise_defaults(self) -> None:
        self.apply(self.tr("Customise default attackers"), pe.copy_default_attackers,
                   DEFAULT_ATTACKERS)

    def _mode_chosen(self, index: int) -> None:
        self.apply(self.tr("Built-in attackers"), pe.set_attacker_mode, self.mode.itemData(index))

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != COL_NAME:
            return
        key = item.data(COL_NAME, ID_ROLE)
        enabled = item.checkState(COL_NAME) == Qt.CheckState.Checked
        text = self.tr("Enable attacker") if enabled else self.tr("Disable attacker")
        if not self.apply(text, _own_then, key, pe.set_attacker_enabled, enabled):
            self._model = None
            self.refresh(self.doc.model)  # put the tick back as the model has it

    def _profile(self) -> AttackerProfile | None:
        key = self.current_id()
        return next((p for p, _ in shown_profiles(self.doc.model) if p.id == key), None)

    def _commit_name(self) -> None:
        profile = self._profile()
        text = self.name_edit.text().strip()
        # the shown French name of a built-in profile, left as is, is not a rename
        if profile is not None and text not in (profile.name,
                                                attacker_name(profile.id, profile.name)):
            self._edit(self.tr("Rename attacker"), pe.update_attacker,
                       {"name": self.name_edit.text()})

    def _slider_moved(self, value: int) -> None:
        self.cap_spin.blockSignals(True)
        self.cap_spin.setValue(value)
        self.cap_spin.blockSignals(False)
        if not self.cap_slider.isSliderDown():  # keyboard or click on the groove
            self._commit_capability(value)

    def _commit_capability(self, value: int) -> None:
        self.cap_slider.blockSignals(True)
        self.cap_slider.setValue(value)
        self.cap_slider.blockSignals(False)
        profile = self._profile()
        if profile is not None and round(profile.capability * 100) != value:
            self._edit(self.tr("Attacker capability"), pe.update_attacker,
                       {"capability": value / 100})

    def _commit_description(self) -> None:
        profile = self._profile()
        text = self.desc_edit.toPlainText().strip()
        shown = attacker_description(profile.id, profile.description) or ""
        if profile is not None and text not in ((profile.description or ""), shown):
            self._edit(self.tr("Attacker description"), pe.update_attacker,
                       {"description": text})

    def use_selection(self) -> None:
        ids = self.selected_components()
        if not ids:
            self.show_error(self.tr("Select the elements where this attacker starts on the "
                                    "canvas first"))
            return
        self._edit(self.tr("Add entry points"), pe.add_entry_elements, ids)

    def remove_entry(self) -> None:
        item = self.entries.currentItem()
        if item is None:
            self.show_error(self.tr("Choose the entry point to remove in the list"))
        else:
            self._edit(self.tr("Remove entry point"), pe.remove_entry_elements,
                       [item.data(ID_ROLE)])

    def show_entries(self) -> None:
        """Select the attacker's entry elements on the canvas and bring them into view."""
        ids = list(getattr(self, "_resolved", []))
        scene = self.window_.scene
        scene.select_ids(ids)
        items = [scene.elements[i] for i in ids if i in scene.elements]
        if items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.window_.view.ensureVisible(rect, 40, 40)

    def clear_rule(self) -> None:
        self._edit(self.tr("Clear entry rule"), pe.clear_entry_rule)
