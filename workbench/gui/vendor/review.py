"""Vendor Review dock: the buyer's checklist, filled in item by item (Tools > Vendor Review…).

The checklist is data (``catalogs/review-checklist.json``); the answers live in the model
(``ThreatModel.review``). Every change here is one edit from
:mod:`workbench.model.review_edits` pushed on the document's undo stack, so Ctrl+Z takes it
back, the window shows the model as modified, and ``workbench review FILE`` prints the same
figures (both read :func:`workbench.analysis.review.review_summary`).

Items whose ``applies_if`` the model does not meet (no health data, no medical device) stay
in the tree, greyed, with the reason: a reviewer sees what was left out and why, and can
change the model's declarations instead of wondering where an item went. Their answers are
not editable and never count.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.review import (
    ANSWER_COLOURS,
    ChecklistItem,
    ReviewLine,
    ReviewSummary,
    default_checklist,
    review_summary,
)
from workbench.gui.docks import restore_dock
from workbench.gui.i18n import current_language
from workbench.model import review_edits as rv
from workbench.model.errors import ModelError
from workbench.model.threat_model import ThreatModel

#: Answer colours, as in the report's review table.
BLOCKING = QColor("#b00020")
GREY = QColor("#9e9e9e")
ID_ROLE = Qt.ItemDataRole.UserRole
COL_ITEM, COL_SEVERITY, COL_ANSWER, COL_EVIDENCE = range(4)


def _labels() -> dict[str, str]:
    """Every fixed word of the checklist in the interface language (one place, for lupdate)."""
    return {
        "yes": QCoreApplication.translate("VendorReview", "Yes"),
        "partial": QCoreApplication.translate("VendorReview", "Partial"),
        "no": QCoreApplication.translate("VendorReview", "No"),
        "unknown": QCoreApplication.translate("VendorReview", "Unknown"),
        "not_applicable": QCoreApplication.translate("VendorReview", "Not applicable"),
        "blocking": QCoreApplication.translate("VendorReview", "Blocking"),
        "major": QCoreApplication.translate("VendorReview", "Major"),
        "minor": QCoreApplication.translate("VendorReview", "Minor"),
        "hosting": QCoreApplication.translate("VendorReview", "Hosting"),
        "device": QCoreApplication.translate("VendorReview", "Device"),
        "data": QCoreApplication.translate("VendorReview", "Data"),
        "supply-chain": QCoreApplication.translate("VendorReview", "Supply chain"),
        "access": QCoreApplication.translate("VendorReview", "Access"),
        "operations": QCoreApplication.translate("VendorReview", "Operations"),
        "assurance": QCoreApplication.translate("VendorReview", "Assurance"),
        "health_data": QCoreApplication.translate(
            "VendorReview", "no health data declared or held by its elements"),
        "medical_device": QCoreApplication.translate(
            "VendorReview", "no medical device declared or drawn"),
    }


def answer_label(value: str) -> str:
    return _labels().get(value, value)


def severity_label(value: str) -> str:
    return _labels().get(value, value)


def category_label(value: str) -> str:
    return _labels().get(value, value.replace("-", " ").capitalize())


def not_applicable_reason(item: ChecklistItem) -> str:
    return _labels().get(item.applies_if or "", "")


def item_title(item: ChecklistItem) -> str:
    """The title in the interface language (the checklist has French titles)."""
    return item.title_fr if current_language() == "fr" and item.title_fr else item.title


def item_question(item: ChecklistItem) -> str:
    """The question in the interface language (English when no French text)."""
    return item.question_fr if current_language() == "fr" and item.question_fr \
        else item.question


def item_evidence(item: ChecklistItem) -> str | None:
    """The evidence a buyer expects, in the interface language."""
    if current_language() == "fr" and item.evidence_expected_fr:
        return item.evidence_expected_fr
    return item.evidence_expected


def summary_text(summary: ReviewSummary) -> str:
    """Two lines: counts per answer; applicable items, share met, gaps (the report's figures)."""
    counts = summary.counts
    parts = " · ".join(f"{answer_label(k)} {v}" for k, v in counts.items())
    line = QCoreApplication.translate("VendorReview", "%1 applicable items · %2 % met · %3 gaps")
    text = parts + "\n" + (line.replace("%1", str(sum(counts.values())))
                           .replace("%2", f"{summary.met_ratio * 100:.0f}")
                           .replace("%3", str(len(summary.gaps))))
    blocking = len(summary.blocking_gaps)
    if blocking:
        return text + " · " + QCoreApplication.translate("VendorReview", "%1 blocking") \
            .replace("%1", str(blocking))
    return text + " · " + QCoreApplication.translate("VendorReview", "no blocking gap")


class _NoteEdit(QPlainTextEdit):
    """A multi-line editor that says when the user leaves it (QLineEdit does, this not)."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ReviewPanel(QWidget):
    """Vendor, reviewer and date; the checklist tree; the selected item's answer."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.main_window = window
        self.doc = window.doc
        self.checklist = default_checklist()
        self.known = {item.id for item in self.checklist.items}
        self.items: dict[str, QTreeWidgetItem] = {}
        self.categories: dict[str, QTreeWidgetItem] = {}
        self.current_id: str | None = None
        self._loading = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("review-summary")
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._tree())
        split.addWidget(self._detail())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([420, 340])  # the list first; the detail pane needs about 340 px
        self.splitter = split
        layout.addWidget(split, 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.doc.changed.connect(self._model_changed)
        self.refresh()
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))

    # --- building ---------------------------------------------------------------------------
    def _header(self) -> QGridLayout:
        form = QGridLayout()
        self.vendor_edit = QLineEdit()
        self.vendor_edit.setPlaceholderText(self.tr("Vendor under review"))
        self.reviewer_edit = QLineEdit()
        self.reviewer_edit.setPlaceholderText(self.tr("Your name"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_btn = QPushButton(self.tr("Start review"))
        self.start_btn.clicked.connect(self.start)
        self.vendor_edit.editingFinished.connect(lambda: self._record_edited("vendor"))
        self.reviewer_edit.editingFinished.connect(lambda: self._record_edited("reviewer"))
        self.date_edit.editingFinished.connect(lambda: self._record_edited("date"))
        self.date_edit.calendarWidget().clicked.connect(lambda _d: self._record_edited("date"))
        form.addWidget(QLabel(self.tr("Vendor")), 0, 0)
        form.addWidget(self.vendor_edit, 0, 1)
        form.addWidget(QLabel(self.tr("Reviewer")), 0, 2)
        form.addWidget(self.reviewer_edit, 0, 3)
        form.addWidget(QLabel(self.tr("Date")), 1, 0)
        form.addWidget(self.date_edit, 1, 1)
        self.gaps_only = QCheckBox(self.tr("Show gaps only"))
        self.gaps_only.setToolTip(self.tr("Hide the items answered yes or not applicable, "
                                          "and those that do not apply"))
        self.gaps_only.toggled.connect(lambda _on: self.refresh())
        row = QHBoxLayout()
        row.addWidget(self.gaps_only)
        row.addStretch(1)
        row.addWidget(self.start_btn)
        form.addLayout(row, 1, 2, 1, 2)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        return form

    def _tree(self) -> QTreeWidget:
        tree = self.tree = QTreeWidget()
        tree.setColumnCount(4)
        tree.setHeaderLabels([self.tr("Item"), self.tr("Severity"), self.tr("Answer"),
                              self.tr("Evidence")])
        tree.setRootIsDecorated(True)
        tree.setAlternatingRowColors(False)
        tree.setUniformRowHeights(True)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        tree.setColumnWidth(COL_ITEM, 240)
        tree.setColumnWidth(COL_SEVERITY, 100)
        tree.setColumnWidth(COL_ANSWER, 90)
        bold = QFont(tree.font())
        bold.setBold(True)
        for item in self.checklist.items:
            parent = self.categories.get(item.category)
            if parent is None:
                parent = QTreeWidgetItem(tree)
                parent.setFont(COL_ITEM, bold)
                parent.setFirstColumnSpanned(True)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.categories[item.category] = parent
            row = QTreeWidgetItem(parent)
            row.setData(COL_ITEM, ID_ROLE, item.id)
            self.items[item.id] = row
        tree.expandAll()
        tree.currentItemChanged.connect(self._current_changed)
        return tree

    def _detail(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 4, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        font = QFont(self.detail_title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.detail_title.setFont(font)
        v.addWidget(self.detail_title)
        self.detail_text = QLabel()
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextFormat(Qt.TextFormat.RichText)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()  # a long question scrolls; the editors stay in view
        scroll.setWidget(self.detail_text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        v.addWidget(scroll, 1)
        form = QGridLayout()
        self.answer_combo = QComboBox()
        for value in rv.ANSWER_VALUES:
            self.answer_combo.addItem(answer_label(value), value)
        self.answer_combo.currentIndexChanged.connect(self._answer_chosen)
        self.evidence_edit = QLineEdit()
        self.evidence_edit.setPlaceholderText(self.tr("What the vendor showed (document, "
                                                      "certificate, test report)"))
        self.evidence_edit.editingFinished.connect(lambda: self._text_edited("evidence"))
        self.note_edit = _NoteEdit()
        self.note_edit.setPlaceholderText(self.tr("Reviewer's note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 2 + 12)
        self.note_edit.editingFinished.connect(lambda: self._text_edited("note"))
        self.by_edit = QLineEdit()
        self.by_edit.editingFinished.connect(lambda: self._text_edited("answered_by"))
        self.answered_on = QLabel()
        self.clear_btn = QPushButton(self.tr("Clear answer"))
        self.clear_btn.clicked.connect(self.clear_current)
        rows = ((self.tr("Answer"), self.answer_combo, self.clear_btn),
                (self.tr("Evidence"), self.evidence_edit, None),
                (self.tr("Note"), self.note_edit, None),
                (self.tr("Answered by"), self.by_edit, self.answered_on))
        for r, (label, editor, extra) in enumerate(rows):
            form.addWidget(QLabel(label), r, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(editor, r, 1, 1, 1 if extra is not None else 2)
            if extra is not None:
                form.addWidget(extra, r, 2)
        form.setColumnStretch(1, 1)
        v.addLayout(form)
        return box

    # --- showing ------------------------------------------------------------------------------
    def summary_now(self) -> ReviewSummary:
        return review_summary(self.doc.model, self.checklist)

    def refresh(self) -> None:
        """Header, summary, every row and the detail pane from the document's model."""
        self._loading = True
        try:
            model = self.doc.model
            record = model.review
            self.start_btn.setVisible(record is None)
            self._set_line(self.vendor_edit, record.vendor if record else None)
            self._set_line(self.reviewer_edit, record.reviewer if record else None)
            day = (record.date if record and record.date else dt.date.today())
            if not self.date_edit.hasFocus():
                self.date_edit.setDate(QDate(day.year, day.month, day.day))
            summary = self.summary_now()
            self.summary.setText(summary_text(summary))
            self.summary.setStyleSheet(
                "background: #fde0e0; color: #7a0010; font-weight: bold; padding: 4px;"
                if summary.blocking_gaps else
                "background: #e3f2e1; color: #1b5e20; font-weight: bold; padding: 4px;")
            self._fill_rows(summary)
            self._show_detail()
        finally:
            self._loading = False

    @staticmethod
    def _set_line(edit: QLineEdit, value: str | None) -> None:
        text = value or ""
        if edit.text() != text and not (edit.hasFocus() and edit.isModified()):
            edit.setText(text)
            edit.setCursorPosition(0)  # a long vendor name shows its beginning

    def _fill_rows(self, summary: ReviewSummary) -> None:
        gaps: dict[str, int] = {}
        counts: dict[str, int] = {}
        for line in summary.lines:
            cat = line.item.category
            counts[cat] = counts.get(cat, 0) + (1 if line.applicable else 0)
            gaps[cat] = gaps.get(cat, 0) + (1 if line.gap else 0)
            row = self.items[line.item.id]
            self._fill_row(row, line)
            row.setHidden(self.gaps_only.isChecked() and not line.gap)
        for cat, parent in self.categories.items():
            text = self.tr("%1 — gaps: %2 of %3").replace("%1", category_label(cat)) \
                .replace("%2", str(gaps.get(cat, 0))).replace("%3", str(counts.get(cat, 0)))
            parent.setText(COL_ITEM, text)
            parent.setHidden(self.gaps_only.isChecked() and not gaps.get(cat, 0))

    def _fill_row(self, row: QTreeWidgetItem, line: ReviewLine) -> None:
        item = line.item
        row.setText(COL_ITEM, item_title(item))
        severity = severity_label(item.severity)
        row.setText(COL_SEVERITY, ("● " + severity) if item.severity == "blocking"
                    else severity)
        font = QFont(self.tree.font())
        font.setBold(item.severity == "blocking")
        row.setFont(COL_SEVERITY, font)
        tip = f"<b>{html.escape(item_title(item))}</b><p>{html.escape(item_question(item))}</p>"
        expected = self.tr("Expected evidence:")
        if item_evidence(item):
            tip += f"<p><i>{html.escape(expected)}</i> " \
                   f"{html.escape(item_evidence(item))}</p>"
        if line.applicable:
            row.setText(COL_ANSWER, answer_label(line.answer.value))
            row.setBackground(COL_ANSWER, QBrush(QColor(ANSWER_COLOURS[line.answer.value])))
            row.setText(COL_EVIDENCE, line.evidence or "")
            row.setForeground(COL_SEVERITY, QBrush(BLOCKING) if item.severity == "blocking"
                              else QBrush())
            for col in (COL_ITEM, COL_ANSWER, COL_EVIDENCE):
                row.setForeground(col, QBrush())
        else:
            reason = not_applicable_reason(item)
            row.setText(COL_ANSWER, self.tr("Does not apply"))
            row.setBackground(COL_ANSWER, QBrush())
            row.setText(COL_EVIDENCE, reason)
            why = self.tr("Does not apply: %1").replace("%1", reason)
            tip += f"<p>{html.escape(why)}</p>"
            for col in range(4):
                row.setForeground(col, QBrush(GREY))
        for col in range(4):
            row.setToolTip(col, tip)
        if line.applicable and line.evidence:  # the column is narrow: the whole text here
            row.setToolTip(COL_EVIDENCE, html.escape(line.evidence))

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        ident = current.data(COL_ITEM, ID_ROLE) if current is not None else None
        if not ident or ident == self.current_id:
            return
        self._commit_texts()  # text typed for the item being left belongs to it
        self.current_id = ident
        self._loading = True
        try:
            self._show_detail()
        finally:
            self._loading = False

    def _line(self, ident: str) -> ReviewLine | None:
        return next((line for line in self.summary_now().lines if line.item.id == ident), None)

    def _show_detail(self) -> None:
        line = self._line(self.current_id) if self.current_id else None
        editors = (self.answer_combo, self.evidence_edit, self.note_edit, self.by_edit,
                   self.clear_btn)
        if line is None:
            self.detail_title.setText(self.tr("Select an item of the checklist"))
            self.detail_text.clear()
            for w in editors:
                w.setEnabled(False)
            return
        item = line.item
        self.detail_title.setText(item_title(item))
        parts = [] if line.applicable else ["<b>" + html.escape(self.tr(
            "Does not apply: %1").replace("%1", not_applicable_reason(item))) + "</b>"]
        parts += [f"<b>{html.escape(severity_label(item.severity))}</b> · "
                 f"{html.escape(category_label(item.category))} · <code>{item.id}</code>",
                 html.escape(item_question(item))]
        expected, references = self.tr("Expected evidence:"), self.tr("References:")
        if item_evidence(item):
            parts.append(f"<i>{html.escape(expected)}</i> "
                         f"{html.escape(item_evidence(item))}")
        if item.references:
            parts.append(f"<i>{html.escape(references)}</i> "
                         + html.escape("; ".join(item.references)))
        self.detail_text.setText("<br>".join(parts))
        answer = rv.answer_of(self.doc.model, item.id)
        self.answer_combo.setCurrentIndex(self.answer_combo.findData(line.answer.value))
        self._set_line(self.evidence_edit, answer.evidence if answer else None)
        self._set_line(self.by_edit, answer.answered_by if answer else None)
        note = (answer.note if answer else None) or ""
        if self.note_edit.toPlainText() != note and not self.note_edit.hasFocus():
            self.note_edit.setPlainText(note)
        self.answered_on.setText(
            self.tr("on %1").replace("%1", answer.answered_on.isoformat())
            if answer and answer.answered_on else "")
        for w in editors:
            w.setEnabled(line.applicable)
        self.clear_btn.setEnabled(line.applicable and answer is not None)

    # --- editing ------------------------------------------------------------------------------
    def _apply(self, text: str, edit, *args, **kwargs) -> bool:
        try:
            self.doc.apply(text, edit, *args, **kwargs)
        except rv.ReviewEditError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        return True

    def _header_values(self) -> tuple[str | None, str | None, dt.date]:
        qdate = self.date_edit.date()
        return (self.vendor_edit.text().strip() or None,
                self.reviewer_edit.text().strip() or None,
                dt.date(qdate.year(), qdate.month(), qdate.day()))

    def start(self) -> None:
        """Start the review with the vendor, reviewer and date typed above."""
        self._apply(self.tr("Start vendor review"), rv.start_review, *self._header_values())

    def _record_edited(self, field: str) -> None:
        if self._loading:
            return
        record = self.doc.model.review
        vendor, reviewer, day = self._header_values()
        value = {"vendor": vendor, "reviewer": reviewer, "date": day}[field]
        if record is None:
            if field != "date" and value is not None:
                self.start()  # typing the vendor or reviewer starts the review
            return
        if getattr(record, field) != value:
            self._apply(self.tr("Review details"), rv.update_review, {field: value})

    def _answer_changes(self, changes: dict) -> dict:
        """Who answered: what the field says, else the review's reviewer."""
        answer = rv.answer_of(self.doc.model, self.current_id or "")
        if (answer is None or not answer.answered_by) and "answered_by" not in changes:
            who = self.by_edit.text().strip() or self.reviewer_edit.text().strip()
            if who:
                changes["answered_by"] = who
        return changes

    def _set(self, changes: dict) -> bool:
        """One undoable step; a model without a review gets one from the header first."""
        ident = self.current_id
        if ident is None:
            return False
        changes = self._answer_changes(changes)
        header = self._header_values()

        def edit(model: ThreatModel) -> ThreatModel:
            if model.review is None:
                model = rv.start_review(model, *header)
            return rv.set_answer(model, ident, changes, known_items=self.known,
                                 today=dt.date.today())

        return self._apply(self.tr("Review answer: %1").replace("%1", ident), edit)

    def _answer_chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self.set_answer(self.answer_combo.itemData(index))

    def set_answer(self, value: str) -> bool:
        """Answer the selected item (``yes``, ``partial``...), with the evidence typed."""
        changes: dict = {"answer": value}
        typed = self.evidence_edit.text().strip()
        if typed:
            changes["evidence"] = typed
        return self._set(changes)

    def _text_edited(self, field: str) -> None:
        if self._loading or self.current_id is None:
            return
        answer = rv.answer_of(self.doc.model, self.current_id)
        text = self._field_text(field)
        old = getattr(answer, field) if answer else None
        if (old or "") == text:
            return
        self._set({field: text})

    def _field_text(self, field: str) -> str:
        if field == "note":
            return self.note_edit.toPlainText().strip()
        edit = self.evidence_edit if field == "evidence" else self.by_edit
        return edit.text().strip()

    def _commit_texts(self) -> None:
        if self.current_id is None or self._loading:
            return
        line = self._line(self.current_id)
        if line is None or not line.applicable:
            return
        for field in ("evidence", "note", "answered_by"):
            self._text_edited(field)

    def clear_current(self) -> None:
        if self.current_id is not None:
            self._apply(self.tr("Clear review answer: %1").replace("%1", self.current_id),
                        rv.clear_answer, self.current_id, known_items=self.known)

    def select(self, ident: str) -> None:
        """Show ``ident`` in the detail pane (tests and a future "go to gap")."""
        self.tree.setCurrentItem(self.items[ident])

    # --- following the document -------------------------------------------------------------
    def _model_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        # what applies depends on the components too (a pump drawn makes it a medical device)
        if old is not new and old.review is new.review and old.regulatory is new.regulatory \
                and old.data_assets is new.data_assets and old.components is new.components:
            return
        self.refresh()


def review_panel(window) -> ReviewPanel | None:
    """The window's Vendor Review dock (created on first use), shown and raised.

    A broken checklist file is reported (file and field) instead of opening an empty dock.
    """
    panel = getattr(window, "review_panel", None)
    if panel is None:
        try:
            default_checklist()
        except ModelError as exc:
            QMessageBox.critical(window, QCoreApplication.translate(
                "VendorReview", "Cannot open the review checklist"), exc.describe())
            return None
        panel = ReviewPanel(window)
        dock = QDockWidget(QCoreApplication.translate("VendorReview", "Vendor Review"), window)
        dock.setObjectName("dock-vendor-review")
        dock.setWidget(panel)
        window.review_panel, window.review_dock = panel, dock
        if not restore_dock(window, dock):
            # The left column, over the stencils: it runs the full height (the right one
            # shares it with the heatmap), and a reviewer needs the stencils least.
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            docks = getattr(window, "docks", {})
            if "palette" in docks:
                window.tabifyDockWidget(docks["palette"], dock)
            dock.show()
            window.resizeDocks([dock], [max(560, window.width() * 7 // 20)],
                               Qt.Orientation.Horizontal)
    window.review_dock.show()
    window.review_dock.raise_()
    return panel


def install(window, menu) -> None:
    """Tools > Vendor Review… (Ctrl+Shift+R)."""
    action = QAction(QCoreApplication.translate("VendorReview", "&Vendor Review…"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.triggered.connect(lambda: review_panel(window))
    window.addAction(action)
    menu.addAction(action)
