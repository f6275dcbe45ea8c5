"""Workshop mode: the facilitator's dock for a guided walkthrough with live ratings.

Steps item by item through the session (elements by layer, then flows), shows the STRIDE
and LINDDUN questions and the catalog's suggestions there, highlights the element on the
canvas, takes every participant's ratings, shows median, spread and disagreement as they
come in, and records the consensus. Every change is an edit on the document's undo stack
(:mod:`workbench.gui.workshop.edits`), so the session is saved with the model.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.catalog_text import threat_title
from workbench.gui.i18n import current_language
from workbench.gui.labels import layer_label
from workbench.gui.workshop import edits as ws
from workbench.gui.workshop.i18n import question as _question
from workbench.gui.workshop.presentation import PresentationView, Slide
from workbench.model.defaults import IMPACT_CATEGORIES, IMPACT_NAMES_FR
from workbench.model.io import write_text_atomic
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopItem, WorkshopSession
from workbench.workshop import ItemTimer, build_agenda, session_markdown, summarize_item
from workbench.workshop.agenda import AgendaStop
from workbench.workshop.aggregate import LIKELIHOOD
from workbench.workshop.markdown import rating

DISAGREE_BG = QColor("#ffe0b2")


def question_text(q) -> tuple[str, str]:
    """A question's (name, text) in the interface language."""
    return _question(q.framework, q.category, q.name, q.text)


def clock_text(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def _set_record(model: ThreatModel, session_id: str,
                texts: dict[str, list[str]]) -> ThreatModel:
    for key, lines in texts.items():
        model = ws.set_lines(model, session_id, key, lines)
    return model



def _catalog_id(threat_id: str | None) -> str:
    """Threat instance ids are ``catalog_id@element`` (the rule engine's stable key)."""
    return (threat_id or "").split("@", 1)[0]

class WorkshopPanel(QWidget):
    """Set up or resume a session, then walk it. ``window`` is the main window."""

    #: element or flow id now under discussion (empty string: none)
    itemChanged = Signal(str)

    def __init__(self, window, clock: Callable[[], float] = time.monotonic, parent=None):
        super().__init__(parent)
        self.window = window
        self.doc = window.doc
        self.session_id: str | None = None
        self.index = 0
        self.suggestions: ThreatModel | None = None
        self.agenda: dict[str, AgendaStop] = {}
        self.timer = ItemTimer(clock)
        self._scratch: WorkshopItem | None = None
        self.presentation: PresentationView | None = None
        self._loading = False
        self._overrides: dict[str, int] = {}  # decision cells typed, not yet recorded

        self.pages = QStackedWidget()
        self.pages.addWidget(self._setup_page())
        self.pages.addWidget(self._session_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._size_to_page)
        self._size_to_page(self.pages.currentIndex())
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)
        self.doc.changed.connect(self._model_changed)
        attacks = getattr(window, "attacks", None)
        if attacks is not None:  # a new analysis clears path highlights: put ours back
            attacks.pathSelected.connect(self._path_selected)
        self._fill_sessions()

    # --- pages ---------------------------------------------------------------------------------
    def _size_to_page(self, index: int) -> None:
        """Only the page shown counts for the panel's size: the short setup form does not
        inherit the session page's height (and its scroll bar in the dock)."""
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.pages.widget(i).setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    def _setup_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # a field goes under its label in a narrow dock (French labels are longer)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title_edit = QLineEdit(self.tr("Threat review workshop"))
        self.facilitator_edit = QLineEdit()
        self.participants_edit = QLineEdit()
        self.participants_edit.setPlaceholderText(self.tr("Names, separated by commas"))
        self.start_btn = QPushButton(self.tr("Start session"))
        self.start_btn.clicked.connect(lambda: self.start())
        self.sessions_combo = QComboBox()
        self.resume_btn = QPushButton(self.tr("Resume"))
        self.resume_btn.clicked.connect(self._resume_selected)
        self.setup_error = QLabel()
        self.setup_error.setStyleSheet("color: #b00020;")
        self.setup_error.setWordWrap(True)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Facilitator"), self.facilitator_edit)
        form.addRow(self.tr("Participants"), self.participants_edit)
        form.addRow("", self.start_btn)
        form.addRow(self.setup_error)
        resume = QHBoxLayout()
        resume.addWidget(self.sessions_combo, 1)
        resume.addWidget(self.resume_btn)
        form.addRow(self.tr("Earlier session"), resume)
        return page

    def _session_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        nav = QHBoxLayout()
        self.prev_btn = QPushButton(self.tr("◀ Previous"))
        self.next_btn = QPushButton(self.tr("Next ▶"))
        self.prev_btn.clicked.connect(self.previous)
        self.next_btn.clicked.connect(self.next)
        self.counter_label = QLabel()
        self.timer_label = QLabel("00:00")
        bold = QFont(self.timer_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.3)
        self.timer_label.setFont(bold)
        self.timer_label.setToolTip(self.tr("Time spent on this item"))
        for w in (self.prev_btn, self.counter_label, self.next_btn):
            nav.addWidget(w)
        nav.addStretch(1)
        nav.addWidget(self.timer_label)
        v.addLayout(nav)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setFont(bold)
        v.addWidget(self.heading)
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        scroll = QScrollArea()  # thirteen questions must not push the ratings off screen
        scroll.setWidget(self.questions)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMaximumHeight(120)
        v.addWidget(scroll)
        v.addWidget(QLabel(self.tr("Catalog suggestions here:")))
        self.suggestion_list = QListWidget()
        self.suggestion_list.setMaximumHeight(90)
        self.suggestion_list.itemActivated.connect(self._jump_to_threat)
        v.addWidget(self.suggestion_list)

        v.addWidget(QLabel(self.tr("Ratings (one column per participant):")))
        self.votes = QTableWidget()
        self.votes.itemChanged.connect(self._vote_edited)
        self.votes.horizontalHeader().setMinimumSectionSize(48)
        self.votes.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.votes.setMinimumHeight(250)  # likelihood and the impact categories
        v.addWidget(self.votes, 3)
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        v.addWidget(self.flag)

        cons = QFormLayout()
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(self.tr("Decided by"))
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText(self.tr("Rationale"))
        self.consensus_btn = QPushButton(self.tr("Record consensus"))
        self.consensus_btn.clicked.connect(lambda: self.record_consensus())
        cons.addRow(self.tr("Decided by"), self.decided_by)
        cons.addRow(self.tr("Rationale"), self.rationale)
        cons.addRow("", self.consensus_btn)
        v.addLayout(cons)
        self.consensus_label = QLabel()
        self.consensus_label.setWordWrap(True)
        v.addWidget(self.consensus_label)

        self.record_tabs = QTabWidget()
        self.text_edits: dict[str, QPlainTextEdit] = {}
        for key, title in (("notes", self.tr("Notes")), ("decisions", self.tr("Decisions")),
                           ("open_questions", self.tr("Open questions"))):
            edit = QPlainTextEdit()
            edit.setPlaceholderText(self.tr("One entry per line"))
            self.text_edits[key] = edit
            self.record_tabs.addTab(edit, title)
        self.record_tabs.setMaximumHeight(120)
        v.addWidget(self.record_tabs)
        bottom = QGridLayout()
        self.save_record_btn = QPushButton(self.tr("Keep notes"))
        self.save_record_btn.clicked.connect(self.save_record)
        self.present_btn = QPushButton(self.tr("Presentation view"))
        self.present_btn.clicked.connect(self.show_presentation)
        self.export_btn = QPushButton(self.tr("Export Markdown…"))
        self.export_btn.clicked.connect(lambda: self.export_markdown())
        self.end_btn = QPushButton(self.tr("End session"))
        self.end_btn.clicked.connect(self.end)
        for i, w in enumerate((self.save_record_btn, self.present_btn, self.export_btn,
                               self.end_btn)):
            bottom.addWidget(w, i // 2, i % 2)
        v.addLayout(bottom)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        v.addWidget(self.message)
        # no scroll area of its own: the dock's DockScroll (gui/docks.py) scrolls a short
        # dock; a second one inside it made the panel scroll twice (two bars, wheel stuck)
        return page

    # --- session life --------------------------------------------------------------------------
    @property
    def session(self) -> WorkshopSession | None:
        if self.session_id is None:
            return None
        try:
            return ws.session_of(self.doc.model, self.session_id)
        except KeyError:
            return None

    def _suggested_model(self) -> ThreatModel:
        """The model with the catalog's suggestions: the window's analysis, else the rules."""
        analysis = getattr(self.window, "analysis", None)
        result = getattr(analysis, "result", None)
        merged = getattr(result, "model", None)
        if merged is not None and merged.element_ids() == self.doc.model.element_ids():
            return merged  # else the analysis is older than the diagram: run the rules
        from workbench.analysis.rules import suggest_threats

        try:
            return suggest_threats(self.doc.model, stencils=self.doc.stencils)
        except Exception:  # noqa: BLE001 - no catalog: walk the model's own threats
            return self.doc.model

    def _current_analysis(self):
        """The window's analysis when it is of the model the agenda walks: the agenda then
        orders and rates threats as the board does (no ranking of its own)."""
        result = getattr(getattr(self.window, "analysis", None), "result", None)
        return result if result is not None and getattr(result, "model", None) is \
            self.suggestions else None

    def start(self, title: str | None = None, participants: list[str] | None = None,
              facilitator: str | None = None) -> str | None:
        """Create a session from the form (or the arguments) and open it."""
        title = title if title is not None else self.title_edit.text()
        if participants is None:
            participants = self.participants_edit.text().split(",")
        facilitator = facilitator if facilitator is not None else \
            self.facilitator_edit.text().strip()
        self.suggestions = self._suggested_model()
        try:
            sid = self.doc.apply(self.tr("Start workshop"), ws.start_session, title,
                                 participants, facilitator or None, self.suggestions)
        except ValueError as exc:
            self.setup_error.setText(str(exc).splitlines()[0])
            return None
        self.setup_error.clear()
        self.open_session(sid)
        return sid

    def open_session(self, session_id: str) -> None:
        self.session_id = session_id
        if self.suggestions is None:
            self.suggestions = self._suggested_model()
        self.agenda = {s.element: s for s in build_agenda(self.suggestions,
                                                          self._current_analysis())}
        session = self.session
        facilitator = session.facilitator if session else None
        self.decided_by.setText(facilitator or ", ".join(session.participants if session
                                                         else []))
        self.pages.setCurrentIndex(1)
        self.index = -1
        self.go(0)
        self.tick.start()

    def _resume_selected(self) -> None:
        sid = self.sessions_combo.currentData()
        if sid:
            self.suggestions = None
            self.open_session(sid)

    def _fill_sessions(self) -> None:
        self.sessions_combo.clear()
        for s in self.doc.model.workshops or []:
            self.sessions_combo.addItem(f"{s.date.isoformat()} — {s.title}", s.id)
        self.resume_btn.setEnabled(self.sessions_combo.count() > 0)

    def end(self) -> None:
        """Credit the running item's time, clear the highlight, back to the setup page."""
        self._credit_time()
        self.tick.stop()
        self.session_id = None
        self.window.scene.set_highlight(None)
        self.itemChanged.emit("")
        if self.presentation is not None:
            self.presentation.close()
        self.pages.setCurrentIndex(0)
        self._fill_sessions()

    # --- stepping ------------------------------------------------------------------------------
    def current(self) -> WorkshopItem | None:
        session = self.session
        if session is None or not (0 <= self.index < len(session.items)):
            return None
        return session.items[self.index]

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def go(self, index: int) -> None:
        session = self.session
        if session is None or not session.items:
            return
        index = max(0, min(index, len(session.items) - 1))
        if index == self.index:
            return
        self._credit_time()
        self._overrides = {}
        self.index = index
        item = session.items[index]
        self._scratch = item.model_copy()
        self.timer.start(self._scratch)
        self._highlight(item.element)
        self.refresh()
        self.itemChanged.emit(item.element)

    def _credit_time(self) -> None:
        """Time on the item being left goes into the model, outside the undo history:
        moving on is not an edit the analyst would undo, and undo keeps the time."""
        if self._scratch is None or self.session is None:
            return
        seconds = self.timer.stop()
        self._scratch = None
        if 0 <= self.index < len(self.session.items):
            item = self.session.items[self.index]
            ident = (item.element, item.threat)
            self.doc.apply_untracked(("workshop-time", self.session_id, self.index, ident),
                                     ws.set_seconds, self.session_id, self.index, seconds,
                                     ident)

    def _highlight(self, element: str, scroll: bool = True) -> None:
        scene, ids = self.window.scene, {element}
        flow = self.doc.model.flow(element)
        if flow is not None:  # a flow is discussed with its two ends in view
            ids |= {flow.source, flow.target}
        scene.set_highlight(ids)
        target = scene.elements.get(element) or scene.flows.get(element)
        if target is not None and scroll:
            self.window.view.ensureVisible(target, 60, 60)

    def _path_selected(self, ids) -> None:
        item = self.current()
        if ids is None and item is not None and self.pages.currentIndex() == 1:
            self._highlight(item.element, scroll=False)

    def _jump_to_threat(self, entry: QListWidgetItem) -> None:
        session = self.session
        wanted = entry.data(Qt.ItemDataRole.UserRole)
        if session is None or not wanted:
            return
        for i, item in enumerate(session.items):
            if item.threat == wanted:
                self.go(i)
                return

    def _tick(self) -> None:
        text = clock_text(self.timer.elapsed())
        self.timer_label.setText(text)
        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.set_timer(text)

    # --- showing -------------------------------------------------------------------------------
    def dimensions(self) -> list[tuple[str, str]]:
        """(id, label) of what is rated: likelihood, then each impact category."""
        cats = self.doc.model.risk.impact_categories
        french = current_language() == "fr"
        defaults = {cid: name for cid, name, _ in IMPACT_CATEGORIES}
        return [(LIKELIHOOD, self.tr("Likelihood"))] + [
            (c.id, IMPACT_NAMES_FR[c.id] if french and c.id in IMPACT_NAMES_FR
             and c.name == defaults.get(c.id) else c.name) for c in cats]

    def _valid(self, dimension: str) -> set[int]:
        risk = self.doc.model.risk
        levels = risk.likelihood_levels if dimension == LIKELIHOOD else risk.severity_levels
        return {lv.value for lv in levels} or {1, 2, 3, 4}

    def _names(self) -> dict[str, str]:
        model = self.suggestions or self.doc.model
        names = {c.id: c.name for c in model.components}
        return names

    def refresh(self) -> None:
        session, item = self.session, self.current()
        if session is None or item is None:
            return
        self._loading = True
        try:
            self._show_item(session, item)
        finally:
            self._loading = False
        if self.presentation is not None:
            self.presentation.show_slide(self.slide())

    def _show_item(self, session: WorkshopSession, item: WorkshopItem) -> None:
        stop = self.agenda.get(item.element)
        n = len(session.items)
        self.counter_label.setText(self.tr("Item %1 of %2").replace("%1", str(self.index + 1))
                                   .replace("%2", str(n)))
        self.prev_btn.setEnabled(self.index > 0)
        self.next_btn.setEnabled(self.index < n - 1)
        kind = self.tr("Flow") if stop is not None and stop.kind == "flow" else \
            self.tr("Element")
        where = stop.name if stop is not None else item.element
        title = threat_title(_catalog_id(item.threat), item.title) if item.threat else ""
        self.heading.setText(self.tr("%1: %2").replace("%1", kind).replace("%2", where)
                             + (f"\n{title}" if item.threat else ""))
        qs = stop.questions if stop is not None else []
        self.questions.setText("".join(
            "<p><b>{} · {}</b> — {}</p>".format(q.framework, *question_text(q)) for q in qs))
        self.suggestion_list.clear()
        for tid, title in (stop.threats if stop is not None else []):
            entry = QListWidgetItem(threat_title(_catalog_id(tid), title))
            entry.setData(Qt.ItemDataRole.UserRole, tid)
            if tid == item.threat:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.suggestion_list.addItem(entry)
        self._fill_votes(session, item)
        for key, edit in self.text_edits.items():
            text = "\n".join(getattr(session, key))
            if edit.toPlainText() != text and not edit.hasFocus():
                edit.setPlainText(text)

    def _fill_votes(self, session: WorkshopSession, item: WorkshopItem) -> None:
        """Rows: likelihood then each impact category; columns: the participants (typed
        in), then median and spread (read-only, marked when the group disagrees)."""
        dims = self.dimensions()
        people = session.participants
        table = self.votes
        shape = (len(dims), len(people) + 3)
        if (table.rowCount(), table.columnCount()) != shape:
            table.setRowCount(shape[0])
            table.setColumnCount(shape[1])
        table.setHorizontalHeaderLabels([*people, self.tr("Median"), self.tr("Spread"),
                                         self.tr("Decision")])
        table.setVerticalHeaderLabels([label for _, label in dims])
        by_person = {v.participant: v for v in item.votes}
        summary = summarize_item(item)
        flagged = []
        for r, (dim, label) in enumerate(dims):
            for c, person in enumerate(people):
                vote = by_person.get(person)
                value = None
                if vote is not None:
                    value = vote.likelihood if dim == LIKELIHOOD else vote.impact.get(dim)
                self._set_cell(r, c, "" if value is None else str(value), editable=True)
            s = summary.get(dim)
            bad = s is not None and s.disagreement
            if bad:
                flagged.append(label)
            median = "" if s is None else rating(s.median, current_language())
            self._set_cell(r, len(people), median, bad=bad)
            self._set_cell(r, len(people) + 1, "" if s is None else
                           f"{s.low}–{s.high}" + (" ⚠" if bad else ""), bad=bad)
            decided = self._overrides.get(dim)
            if decided is None and item.consensus is not None:
                c = item.consensus
                decided = c.likelihood if dim == LIKELIHOOD else c.impact.get(dim)
            self._set_cell(r, len(people) + 2, "" if decided is None else str(decided),
                           editable=True)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):  # long names elide; the header tooltip has them
            table.setColumnWidth(c, min(table.columnWidth(c), 96))
            header = table.horizontalHeaderItem(c)
            if header is not None:
                header.setToolTip(header.text())
        decision = table.horizontalHeaderItem(len(people) + 2)
        if decision is not None:
            decision.setToolTip(self.tr("The group's value; empty: the median, rounded up"))
        if flagged:
            self.flag.setText("⚠ " + self.tr("Disagreement on: %1 — discuss before deciding")
                              .replace("%1", ", ".join(flagged)))
            self.flag.setStyleSheet("background: #ffe0b2; color: #5d2e00; font-weight: bold;"
                                    " padding: 4px;")
        else:
            self.flag.setText(self.tr("No disagreement") if summary.dimensions else "")
            self.flag.setStyleSheet("")
        if item.consensus is None:
            self.consensus_label.setText(self.tr("Consensus: not recorded"))
        else:
            self.consensus_label.setText(self.consensus_text(item))

    def _set_cell(self, row: int, col: int, text: str, *, editable: bool = False,
                  bad: bool = False) -> None:
        """Cells are kept and updated in place: a cell being edited must not vanish."""
        cell = self.votes.item(row, col)
        if cell is None:
            cell = QTableWidgetItem(text)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if not editable:
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            self.votes.setItem(row, col, cell)
        elif cell.text() != text:
            cell.setText(text)
        if not editable:
            cell.setBackground(QBrush(DISAGREE_BG) if bad else QBrush())

    def stat(self, dimension: str) -> tuple[str, str]:
        """(median, spread) as shown for ``dimension``."""
        row = [d for d, _ in self.dimensions()].index(dimension)
        n = self.votes.columnCount() - 3
        return self.votes.item(row, n).text(), self.votes.item(row, n + 1).text()

    def consensus_text(self, item: WorkshopItem) -> str:
        c = item.consensus
        if c is None:
            return ""
        labels = dict(self.dimensions())
        parts = []
        if c.likelihood is not None:
            parts.append(f"{labels[LIKELIHOOD]} {c.likelihood}")
        parts += [f"{labels.get(k, k)} {v}" for k, v in c.impact.items()]
        return (self.tr("Consensus: %1 — decided by %2").replace("%1", ", ".join(parts))
                .replace("%2", ", ".join(c.decided_by)))

    def slide(self) -> Slide:
        """The projector's content for the current item."""
        session, item = self.session, self.current()
        if session is None or item is None:
            return Slide()
        stop = self.agenda.get(item.element)
        summary = summarize_item(item)
        labels = dict(self.dimensions())
        lang = current_language()
        stats = [(labels.get(d.dimension, d.dimension), rating(d.median, lang),
                  f"{d.low}–{d.high}", d.disagreement) for d in summary.dimensions]
        focus, overview = self.focus_questions(stop, item)
        return Slide(
            counter=self.tr("Item %1 of %2").replace("%1", str(self.index + 1))
            .replace("%2", str(len(session.items))) + f" · {session.title}",
            heading=item.title or (stop.name if stop else item.element),
            subheading=(stop.name if stop and item.threat else "")
            + (f" ({layer_label(stop.layer)})" if stop and stop.kind != "flow" else ""),
            questions=["{} · {}: {}".format(q.framework, *question_text(q)) for q in focus],
            overview=[f"{fw}: " + " · ".join(names) for fw, names in overview.items()],
            stats=stats, timer=clock_text(self.timer.elapsed()),
            consensus=self.consensus_text(item))

    def focus_questions(self, stop: AgendaStop | None, item: WorkshopItem):
        """Questions to read out in full (the STRIDE ones of the threat under discussion,
        else the first three) and, per framework, the names of all that apply.

        A projector fits about six wrapped questions; thirteen would not be read."""
        questions = stop.questions if stop is not None else []
        stride: set[str] = set()
        model = self.suggestions or self.doc.model
        threat = next((t for t in model.threats if t.id == item.threat), None)
        if threat is not None:
            stride = {str(s) for s in threat.stride}
        focus = [q for q in questions if q.framework == "STRIDE" and q.category in stride]
        if not focus:
            focus = questions[:3]
        overview: dict[str, list[str]] = {}
        for q in questions:
            overview.setdefault(q.framework, []).append(question_text(q)[0])
        return focus[:4], overview

    def show_presentation(self) -> PresentationView:
        if self.presentation is None:
            self.presentation = PresentationView()
            self.presentation.nextRequested.connect(self.next)
            self.presentation.previousRequested.connect(self.previous)
        self.presentation.show_slide(self.slide())
        self.presentation.show()
        self.presentation.raise_()
        return self.presentation

    # --- editing -------------------------------------------------------------------------------
    def _vote_edited(self, cell: QTableWidgetItem) -> None:
        if self._loading:
            return
        session = self.session
        if session is None:
            return
        if cell.column() == len(session.participants) + 2:
            self._decision_edited(cell)
            return
        if cell.column() >= len(session.participants):
            return
        col = cell.column()
        person = session.participants[col]
        values: dict[str, int] = {}
        for r, (dim, label) in enumerate(self.dimensions()):
            entry = self.votes.item(r, col)
            text = (entry.text() if entry else "").strip()
            if not text:
                continue
            try:
                value = int(text)
            except ValueError:
                value = -1
            if value not in self._valid(dim):
                allowed = ", ".join(str(v) for v in sorted(self._valid(dim)))
                self.message.setText(self.tr("%1: %2 is not on the scale (%3)")
                                     .replace("%1", label).replace("%2", text)
                                     .replace("%3", allowed))
                return
            values[dim] = value
        self.message.clear()
        likelihood = values.pop(LIKELIHOOD, None)
        self.doc.apply(self.tr("Workshop vote"), ws.vote, self.session_id, self.index, person,
                       likelihood=likelihood, impact=values)

    def _decision_edited(self, cell: QTableWidgetItem) -> None:
        """A value typed in the Decision column overrides the median for that dimension."""
        dim, label = self.dimensions()[cell.row()]
        text = cell.text().strip()
        if not text:
            self._overrides.pop(dim, None)
            return
        value = int(text) if text.isdigit() else -1
        if value not in self._valid(dim):
            allowed = ", ".join(str(v) for v in sorted(self._valid(dim)))
            self.message.setText(self.tr("%1: %2 is not on the scale (%3)")
                                 .replace("%1", label).replace("%2", text)
                                 .replace("%3", allowed))
            self._overrides.pop(dim, None)
            return
        self.message.clear()
        self._overrides[dim] = value

    def record_consensus(self, decided_by: list[str] | None = None) -> bool:
        """The Decision column (empty cells: medians rounded up) becomes the consensus,
        copied onto the item's threat."""
        item = self.current()
        if item is None:
            return False
        if decided_by is None:
            decided_by = [p.strip() for p in self.decided_by.text().split(",") if p.strip()]
        if not decided_by:
            self.message.setText(self.tr("Say who decided before recording the consensus"))
            return False
        suggestion = None
        if item.threat and self.suggestions is not None:
            suggestion = next((t for t in self.suggestions.threats if t.id == item.threat),
                              None)
        overrides = dict(self._overrides)
        likelihood = overrides.pop(LIKELIHOOD, None)
        self._overrides = {}
        self.doc.apply(self.tr("Workshop consensus"), ws.decide, self.session_id, self.index,
                       decided_by, rationale=self.rationale.text().strip() or None,
                       suggestion=suggestion, likelihood=likelihood, impact=overrides)
        self.message.clear()
        self.rationale.clear()
        return True

    def save_record(self) -> None:
        """Notes, decisions and open questions from the three tabs, one undoable step."""
        if self.session_id is None:
            return
        texts = {k: e.toPlainText().splitlines() for k, e in self.text_edits.items()}
        self.doc.apply(self.tr("Workshop notes"), _set_record, self.session_id, texts)

    def export_markdown(self, path: str | None = None) -> str | None:
        """Write the session minutes (the core's Markdown); returns the path written."""
        session = self.session
        if session is None:
            return None
        self._credit_time()
        if self.current() is not None:  # keep timing the item still on screen
            self._scratch = self.current().model_copy()
            self.timer.start(self._scratch)
        if path is None:
            start = str(Path(self.doc.path).with_suffix("").with_suffix("")) + \
                f"-{session.id}.md" if self.doc.path else f"{session.id}.md"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export workshop minutes"),
                                                  start, self.tr("Markdown (*.md)"))
            if not path:
                return None
        # minutes in the interface language; atomic, like every file the program writes
        write_text_atomic(Path(path), session_markdown(self.doc.model, self.session,
                                                       current_language()),
                          keep_backup=False)
        return path

    # --- following the document ----------------------------------------------------------------
    def _model_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        if old.workshops is new.workshops:
            return
        if self.session_id is not None and self.session is None:
            self.end()  # the session was undone
            return
        if self.session_id is None:
            self._fill_sessions()
            return
        self.refresh()
