"""The main window: canvas in the middle, palette, inspector, threats, attack paths and
heatmap in docks; menus for files, editing, arranging, viewing and analysis."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from workbench.gui import gc_guard
from workbench.gui.attack_panel import AttackPanel
from workbench.gui.docks import keep_bottom_height, keep_canvas_share, make_narrowable
from workbench.gui.document import Document
from workbench.gui.heatmap import HeatmapPanel
from workbench.gui.i18n import current_language
from workbench.gui.inspector import Inspector
from workbench.gui.palette import Palette
from workbench.gui.recovery import AUTOSAVE_MS, Recovery
from workbench.gui.report_export import ReportExporter
from workbench.gui.scene import DiagramScene
from workbench.gui.threats_panel import ThreatsPanel
from workbench.gui.view import DiagramView
from workbench.gui.worker import AnalysisRunner, run_analysis
from workbench.gui.workshop import install_tools
from workbench.model import edits
from workbench.model.defaults import default_risk_settings
from workbench.model.entities import Metadata
from workbench.model.errors import ModelError
from workbench.model.io import ChangedOnDiskError, Fingerprint, read_model, save_model
from workbench.model.layout import ensure_layout
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

#: Quiet period after the last change before it goes to the recovery file.
AUTOSAVE_QUIET_MS = 3_000
#: The longest that write waits for a running analysis: the write and the worker share the
#: interpreter, so a write in the middle of an analysis delays its result by as much. Past
#: this the write goes first: every change is in the recovery file within ten seconds.
AUTOSAVE_HOLD_MS = 6_000
CLIP_MIME = "application/x-workbench-clip"
MAX_RECENT = 8
ANALYSIS_DELAY_MS = 150
#: The longest the analysis of a model just opened in a shown window waits for its
#: canvas's first paint (a window shown but never painted still analyses).
FIRST_PAINT_WAIT_MS = 3_000


class AfterNextPaint(QObject):
    """Calls ``then`` once, as soon as ``widget``'s next paint is done, then goes away.

    Why: a model just opened has no burst of edits to wait out, but its analysis must not
    start before its canvas is on screen: the worker and the window's thread share the
    interpreter, so a run started earlier would hold back the first paint.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._then)  # after this paint; dropped with it
            self.deleteLater()
        return False


def load_stencils() -> StencilLibrary:
    """Shipped stencils; an empty library (and a working window) if they cannot be read."""
    try:
        return default_stencils()
    except (FileNotFoundError, ModelError):
        return StencilLibrary([])


def only_layout_changed(old: ThreatModel, new: ThreatModel) -> bool:
    """True when every part but the layout is the very same object (edits share them)."""
    return all(getattr(old, name) is getattr(new, name)
               for name in type(new).model_fields if name != "layout")


def blank_model() -> ThreatModel:
    title = QCoreApplication.translate("MainWindow", "Untitled threat model")
    return ThreatModel(metadata=Metadata(title=title), risk=default_risk_settings())


class MainWindow(QMainWindow):
    def __init__(self, path: str | None = None, *, settings: QSettings | None = None,
                 recovery: Recovery | None = None, lang: str | None = None,
                 stencils: StencilLibrary | None = None, analysis: str = "async",
                 offer_recovery: bool = True):
        super().__init__()
        self.settings = settings or QSettings("ThreatWorkbench", "Workbench")
        self.recovery = recovery or Recovery()
        # the language installed (i18n.install), unless told: the palette and the report
        # dialog's default follow the rest of the window
        self.lang = lang or current_language()
        self.analysis_mode = analysis  # async | sync | off
        self.stencils = stencils if stencils is not None else load_stencils()
        self.doc = Document(blank_model(), None, self.stencils, self)
        self.scene = DiagramScene(self.doc, self)
        self.view = DiagramView(self.scene, self)
        self.setCentralWidget(self.view)
        self.analysis = None
        self.risk_overlay = False
        self._closing_ok = False

        self.palette = Palette(self.stencils, self.lang)
        self.inspector = Inspector(self.doc)
        self.threats = ThreatsPanel(self.doc)
        self.attacks = AttackPanel()
        self.heatmap = HeatmapPanel()
        self.docks = {}
        self._pastes: tuple[bytes, int] = (b"", 0)  # the last clip pasted, and how often
        self._layout_timer = QTimer(self)  # docks settle first, then the canvas share
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(0)
        self._layout_timer.timeout.connect(self.keep_canvas_share)
        self._dock("palette", self.tr("Stencils"), self.palette,
                   Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("inspector", self.tr("Inspector"), self.inspector,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("heatmap", self.tr("Risk heatmap"), self.heatmap,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("threats", self.tr("Threats"), self.threats,
                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self._dock("attacks", self.tr("Attack paths"), self.attacks,
                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["threats"], self.docks["attacks"])
        self.docks["threats"].raise_()
        self.resizeDocks([self.docks["palette"], self.docks["inspector"]], [220, 300],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["threats"]], [220], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["inspector"], self.docks["heatmap"]], [480, 300],
                         Qt.Orientation.Vertical)

        self.runner = AnalysisRunner(self)
        self.report_exporter = ReportExporter(self)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.hide()
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_btn)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._analysis_timer = QTimer(self)
        self._analysis_timer.setSingleShot(True)
        self._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
        self._analysis_timer.timeout.connect(self._analysis_due)
        #: until when (time.monotonic) a due run waits for the first paint of the model
        #: just opened (:meth:`_analysis_due`); None: no paint awaited
        self._paint_awaited: float | None = None
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # Each change is saved to the recovery file after a few quiet seconds: a crash ten
        # seconds after an edit must not lose it (the minute timer stays as a safety net).
        self.autosave_soon = QTimer(self)
        self.autosave_soon.setSingleShot(True)
        self.autosave_soon.setInterval(AUTOSAVE_QUIET_MS)
        self.autosave_soon.timeout.connect(self._autosave_after_quiet)
        # ... held while the worker analyses, never longer than AUTOSAVE_HOLD_MS
        self.autosave_hold = QTimer(self)
        self.autosave_hold.setSingleShot(True)
        self.autosave_hold.setInterval(AUTOSAVE_HOLD_MS)
        self.autosave_hold.timeout.connect(self._release_autosave)
        self._analysing = False
        self._autosave_held = False

        self._make_actions()
        self._make_menus()
        self._connect()
        from workbench.gui import undo_focus

        self.undo_focus = undo_focus.install(self)  # Ctrl+Z whatever widget has the focus
        self._restore_state()
        self._update_title()
        if path:
            self.open_path(path)
        if offer_recovery:  # also when a file was given: the crash may have been elsewhere
            QTimer.singleShot(0, self.offer_recovery)
        self.schedule_analysis()

    # --- construction -------------------------------------------------------------------------
    def _dock(self, key: str, title: str, widget, area) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        make_narrowable(dock)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        dock.toggleViewAction().toggled.connect(self._dock_toggled)

    def _action(self, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        a = {}
        a["new"] = self._action(self.tr("&New"), self.new_model, std.New)
        a["open"] = self._action(self.tr("&Open…"), self.open_dialog, std.Open)
        a["save"] = self._action(self.tr("&Save"), self.save, std.Save)
        a["save_as"] = self._action(self.tr("Save &As…"), self.save_as, std.SaveAs)
        a["report"] = self._action(self.tr("Export &Report…"),
                                   lambda: self.report_exporter.ask_and_export(), "Ctrl+E")
        a["quit"] = self._action(self.tr("&Quit"), self.close, std.Quit)
        undo = self.doc.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence(std.Undo))
        redo = self.doc.undo_stack.createRedoAction(self, self.tr("&Redo"))
        # each key once: the platform's Redo is often Ctrl+Y already, and a key listed
        # twice on one action is "ambiguous" to Qt, which then runs neither
        keys = [QKeySequence(std.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        redo.setShortcuts([k for i, k in enumerate(keys) if k not in keys[:i]])
        self.addAction(undo)
        self.addAction(redo)
        a["undo"], a["redo"] = undo, redo
        a["cut"] = self._action(self.tr("Cu&t"), self.cut, std.Cut)
        a["copy"] = self._action(self.tr("&Copy"), self.copy, std.Copy)
        a["paste"] = self._action(self.tr("&Paste"), self.paste, std.Paste)
        a["duplicate"] = self._action(self.tr("D&uplicate"), self.duplicate, "Ctrl+D")
        a["delete"] = self._action(self.tr("&Delete"), self.delete_selection, std.Delete)
        a["select_all"] = self._action(self.tr("Select &All"), self.select_all, std.SelectAll)
        a["zone"] = self._action(self.tr("New Trust &Zone Around Selection…"),
                                 lambda: self.zone_around_selection(), "Ctrl+Shift+T")
        a["draw_zone"] = self._action(self.tr("Dra&w Trust Zone"), self.arm_zone_tool, "Z",
                                      True)
        a["zoom_in"] = self._action(self.tr("Zoom &In"), lambda: self.view.zoom_by(1.25),
                                    std.ZoomIn)
        a["zoom_out"] = self._action(self.tr("Zoom &Out"), lambda: self.view.zoom_by(0.8),
                                     std.ZoomOut)
        a["zoom_reset"] = self._action(self.tr("Actual &Size"), self.view.reset_zoom, "Ctrl+0")
        a["fit"] = self._action(self.tr("&Fit to Window"), self.view.fit, "Ctrl+9")
        a["present"] = self._action(self.tr("&Presentation Mode"), self.toggle_presentation,
                                    "F11", True)
        a["risk"] = self._action(self.tr("&Risk Overlay"), self.toggle_risk, "Ctrl+R", True)
        a["layout"] = self._action(self.tr("Auto-&Layout by Layer"), self.auto_layout,
                                   "Ctrl+Shift+L")
        a["analyse"] = self._action(self.tr("Run &Analysis"), self.run_analysis, "F5")
        aligns = {"left": self.tr("Align &Left"), "right": self.tr("Align &Right"),
                  "top": self.tr("Align &Top"), "bottom": self.tr("Align &Bottom"),
                  "hcenter": self.tr("Align &Horizontal Centres"),
                  "vcenter": self.tr("Align &Vertical Centres"),
                  "distribute_h": self.tr("Distribute &Horizontally"),
                  "distribute_v": self.tr("&Distribute Vertically")}
        # equal gaps between 3+ cards; Ctrl+Shift+H/V are free (a test checks no key is shared).
        # Alignments take draw.io's keys (Alt+Shift+L/R/T/B, C for centres on one vertical
        # line, M for the middles on one horizontal line), which analysts already know.
        keys = {"left": "Alt+Shift+L", "right": "Alt+Shift+R", "top": "Alt+Shift+T",
                "bottom": "Alt+Shift+B", "hcenter": "Alt+Shift+C", "vcenter": "Alt+Shift+M",
                "distribute_h": "Ctrl+Shift+H", "distribute_v": "Ctrl+Shift+V"}
        self.align_actions = {k: self._action(v, lambda checked=False, how=k: self.align(how),
                                              keys.get(k))
                              for k, v in aligns.items()}
        self.actions_by_name = a

    def _make_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for key in ("new", "open"):
            file_menu.addAction(a[key])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for key in ("save", "save_as", None, "report"):
            file_menu.addSeparator() if key is None else file_menu.addAction(a[key])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for key in ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None,
                    "select_all", "draw_zone", "zone"):
            edit_menu.addSeparator() if key is None else edit_menu.addAction(a[key])
        arrange = bar.addMenu(self.tr("&Arrange"))
        arrange.addAction(a["layout"])
        arrange.addSeparator()
        for key, action in self.align_actions.items():
            if key == "distribute_h":
                arrange.addSeparator()
            arrange.addAction(action)
        view_menu = bar.addMenu(self.tr("&View"))
        for key in ("zoom_in", "zoom_out", "zoom_reset", "fit", "present", None, "risk"):
            view_menu.addSeparator() if key is None else view_menu.addAction(a[key])
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu
        analysis_menu = bar.addMenu(self.tr("A&nalysis"))
        analysis_menu.addAction(a["analyse"])
        from workbench.gui.profiles import install as install_profiles
        install_profiles(self, analysis_menu)  # attackers, targets and data assets
        install_tools(self, bar)  # Tools: workshop mode, compare with another version
        help_menu = bar.addMenu(self.tr("&Help"))
        shortcuts = self._action(self.tr("&Keyboard Shortcuts…"), self.show_shortcuts, "F1")
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+/")])
        help_menu.addAction(shortcuts)
        self.actions_by_name["shortcuts"] = shortcuts
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("toolbar-main")
        for key in ("new", "open", "save", None, "undo", "redo", None, "fit", "layout", "risk",
                    "analyse"):
            toolbar.addSeparator() if key is None else toolbar.addAction(a[key])

    def _connect(self) -> None:
        self.doc.changed.connect(self._model_changed)
        self.doc.selectRequested.connect(self.scene.select_ids)
        # a bound slot, not a lambda: Qt drops it with the window (the document's undo stack
        # can outlive the window at exit and emit cleanChanged while being cleared)
        self.doc.undo_stack.cleanChanged.connect(self._clean_changed)
        self.doc.dirtyChanged.connect(self._clean_changed)  # workshop time: no undo step
        self.doc.pathChanged.connect(self._update_title)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.message.connect(lambda m: self.statusBar().showMessage(m, 5000))
        self.palette.activated.connect(self._add_from_palette)
        self.palette.zoneToolRequested.connect(lambda: self.arm_zone_tool(True))
        self.scene.zoneToolChanged.connect(self.actions_by_name["draw_zone"].setChecked)
        self.scene.zoneDrawn.connect(self._zone_drawn)
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{z:.0%}"))
        self.runner.finished.connect(self._analysis_done)
        self.runner.failed.connect(lambda m: self.statusBar().showMessage(
            self.tr("Analysis failed: %1").replace("%1", m.splitlines()[0]), 8000))
        self.runner.progress.connect(self._progress)
        self.runner.busy.connect(self._busy)
        collector = gc_guard.installed(QApplication.instance())
        if collector is not None:  # a window dropped mid-analysis holds nothing off
            self.runner.destroyed.connect(partial(collector.hold, id(self.runner), False))
        self.cancel_btn.clicked.connect(self.runner.cancel)
        self.threats.threatSelected.connect(self._threat_selected)
        self.heatmap.cellClicked.connect(self.threats.set_cell)
        self.attacks.pathSelected.connect(self._path_selected)
        self.attacks.markTargetRequested.connect(self._mark_selection_as_target)
        self.attacks.editActorsRequested.connect(self._edit_actors)

    # --- window state -------------------------------------------------------------------------
    def screen_key(self) -> str:
        """The screen size the layout is remembered for ("1280x720"): a laptop taken from
        the desk monitor to the projector gets each screen's own docks and geometry."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        size = screen.availableGeometry().size() if screen else None
        return f"{size.width()}x{size.height()}" if size else "unknown"

    def _restore_state(self) -> None:
        key = self.screen_key()
        geometry = (self.settings.value(f"window/geometry@{key}")
                    or self.settings.value("window/geometry"))
        state = self.settings.value(f"window/state@{key}") or self.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:  # first start: most of the screen, the diagram needs room
            screen = QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen else None
            if area is not None and area.width() > 0:
                self.resize(int(area.width() * 0.9), int(area.height() * 0.9))
            else:
                self.resize(1400, 860)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)

    def feature_dock_created(self, dock) -> bool:
        """A dock a feature package built on first use (workshop, review, changes...): list
        it under View like the others and put it back where the user left it last time
        (``restoreDockWidget`` reads the state saved at the last close). True if restored."""
        view_menu = getattr(self, "view_menu", None)
        if view_menu is not None:
            view_menu.addAction(dock.toggleViewAction())
        dock.toggleViewAction().toggled.connect(self._dock_toggled)
        restored = self.restoreDockWidget(dock)
        self._dock_toggled(True)
        return restored

    def _dock_toggled(self, shown: bool) -> None:
        """A dock opened: once the layout settles, give the canvas its share back."""
        if shown:
            self._layout_timer.start()

    def keep_canvas_share(self) -> None:
        if getattr(self, "_presenting", None) is None:
            keep_canvas_share(self)
            keep_bottom_height(self)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout_timer.start()

    def _save_state(self) -> None:
        """This screen size's layout, and the latest one for a screen never seen before."""
        key = self.screen_key()
        for suffix in ("", f"@{key}"):
            self.settings.setValue(f"window/geometry{suffix}", self.saveGeometry())
            self.settings.setValue(f"window/state{suffix}", self.saveState())
        self.settings.sync()

    def _clean_changed(self, clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = Path(self.doc.path).name if self.doc.path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — Threat Workbench")
        self.setWindowModified(self.doc.dirty)

    # --- reacting to the model ----------------------------------------------------------------
    def _model_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        self.autosave_soon.start()
        if self.analysis is not None and only_layout_changed(old, new):
            return  # a move or an alignment cannot change a threat or a risk
        self.schedule_analysis()

    def _selection_changed(self) -> None:
        ids = self.scene.selected_ids()
        self.inspector.show_selection(ids)
        self.threats.set_selection(ids)

    def _threat_selected(self, threat_id: str, element_id: str) -> None:
        if any(t.id == threat_id for t in self.doc.model.threats):
            self.inspector.show_threat(threat_id)
        item = self.scene.elements.get(element_id) or self.scene.flows.get(element_id)
        if item is not None:
            self.view.ensureVisible(item, 40, 40)

    def toggle_presentation(self, on: bool | None = None) -> None:
        """F11: only the canvas, full screen, for a projector; F11 again brings back the
        menus, toolbars and docks exactly as they were."""
        from PySide6.QtWidgets import QDockWidget, QToolBar

        presenting = getattr(self, "_presenting", None) is not None
        if on is None:
            on = not presenting
        if on and not presenting:
            self._presenting = (self.saveState(), self.isMaximized())
            for widget in self.findChildren(QDockWidget) + self.findChildren(QToolBar):
                widget.hide()
            self.menuBar().hide()
            self.statusBar().hide()
            self.showFullScreen()
            self.view.fit()
        elif not on and presenting:
            state, maximized = self._presenting
            self._presenting = None
            self.menuBar().show()
            self.statusBar().show()
            self.restoreState(state)
            self.showMaximized() if maximized else self.showNormal()
        self.actions_by_name["present"].setChecked(self._presenting is not None)

    def _mark_selection_as_target(self, kind: str) -> None:
        """The empty attack-path panel's button: the selected elements become targets."""
        from workbench.gui.view import mark_target

        elements = [k for k in self.scene.selected_ids() if k in self.scene.elements]
        if not elements:
            self.statusBar().showMessage(self.tr(
                "Select an element on the canvas first (what the attacker must not reach)."),
                6000)
            return
        for element in elements:
            mark_target(self, element, kind)

    def _edit_actors(self) -> None:
        action = getattr(self, "profiles_action", None)
        if action is not None:
            action.trigger()

    def _path_selected(self, ids: set[str] | None) -> None:
        """Light an attack path (its flows, and the hops it crosses of others' flows) and
        fit it: entry and target in view at once, kept in view when the canvas resizes."""
        path = self.attacks.current()
        hops = path.hops if path is not None and ids and set(path.elements) == ids else None
        self.scene.set_highlight(ids, hops)
        if not ids:
            return
        # the fit holds the path's elements, and every card its lit lines pass through (a
        # network crossed between entry and target) when that keeps the zoom readable
        route = set()
        for key in ids:
            flow = self.scene.flows.get(key)
            if flow is not None:
                route.update((flow.flow.source, *flow.flow.via, flow.flow.target))
        for crossed in (hops or {}).values():
            for hop in crossed:
                route.update(hop)
        rect, wider = self.scene.bounds_of(ids), self.scene.bounds_of(ids | route)
        if rect is not None:
            self.view.fit_rect(rect, wider=wider)

    def _add_from_palette(self, stencil_id: str) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self.scene.add_stencil_at(stencil_id, centre)

    # --- analysis ------------------------------------------------------------------------------
    def schedule_analysis(self) -> None:
        if self.analysis_mode == "async":
            self._analysis_timer.start()
        elif self.analysis_mode == "sync":
            self.run_analysis()

    def _analysis_due(self) -> None:
        """The analysis timer fired. A model just opened in a shown window waits for its
        canvas's first paint (:class:`AfterNextPaint` then starts the run): a run started
        before would hold that paint back, the worker sharing the interpreter (under
        load, or for ``workbench FILE``, whose open in the constructor started the timer
        before the window was shown). The timer is armed again meanwhile, so a caller
        that stops it still stops the run; past :data:`FIRST_PAINT_WAIT_MS` it runs."""
        awaited = self._paint_awaited
        if awaited is not None and self.isVisible() and time.monotonic() < awaited:
            self._analysis_timer.start()
            return
        self.run_analysis()

    def _analyse_now_if_due(self) -> None:
        """The canvas of the model just opened is painted: its analysis, still waiting
        for the edits' delay, starts now (a test or a caller that stopped it keeps it
        stopped)."""
        self._paint_awaited = None
        if self._analysis_timer.isActive():
            self._analysis_timer.stop()
            self.run_analysis()

    def run_analysis(self) -> None:
        model = self.doc.model
        if self.analysis_mode == "sync":
            self._analysis_done(model, run_analysis(model, self.stencils))
            return
        self.runner.start(model, self.stencils)

    def _analysis_done(self, model: ThreatModel, analysis) -> None:
        if model is not self.doc.model and not only_layout_changed(model, self.doc.model):
            self.schedule_analysis()  # the model moved on while we worked
            return
        self.analysis = analysis
        self.threats.set_analysis(analysis)
        self.attacks.set_analysis(analysis, model)
        self.heatmap.set_analysis(analysis)
        if self.risk_overlay:
            self.scene.set_risk_colours(self.risk_colours())
        merge = analysis.result.merge
        self.statusBar().showMessage(self.tr("Analysis: %1 threats (%2 new suggestions)")
                                     .replace("%1", str(len(analysis.result.threats)))
                                     .replace("%2", str(len(merge.added))), 4000)

    def _progress(self, value: int, stage: str) -> None:
        self.progress.setValue(value)
        self.progress.setFormat(f"{stage} %p%")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_btn.setVisible(busy)
        self._analysing = busy
        if not busy and self._autosave_held:  # after the panels have taken the result
            QTimer.singleShot(0, self._analysis_ended_autosave)
        collector = gc_guard.installed(QApplication.instance())
        if collector is None:
            return
        if busy:  # no collection on this thread while the worker analyses
            collector.hold(id(self.runner), True)
        else:  # let go once the panels have taken the result: they are frozen with it
            QTimer.singleShot(0, partial(collector.hold, id(self.runner), False))

    def risk_colours(self) -> dict[str, QColor]:
        """Highest current risk per element, as the level's colour."""
        if self.analysis is None:
            return {}
        best: dict[str, tuple[int, str]] = {}
        for risk in self.analysis.result.threats:
            if not risk.ranked:
                continue
            element = risk.instance.element
            if element not in best or risk.current.score > best[element][0]:
                best[element] = (risk.current.score, risk.current.colour)
        return {k: QColor(v[1]) for k, v in best.items()}

    def toggle_risk(self, on: bool | None = None) -> None:
        self.risk_overlay = bool(on) if on is not None else not self.risk_overlay
        self.actions_by_name["risk"].setChecked(self.risk_overlay)
        self.scene.set_risk_colours(self.risk_colours() if self.risk_overlay else None)

    # --- editing -------------------------------------------------------------------------------
    def delete_selection(self) -> None:
        ids = self.scene.selected_ids()
        if ids:
            self.doc.apply(self.tr("Delete"), edits.remove_elements, ids)

    def select_all(self) -> None:
        for item in self.scene.elements.values():
            item.setSelected(True)

    def copy(self) -> None:
        ids = self.scene.selected_ids()
        if not ids:
            return
        clip = edits.copy_selection(self.doc.model, ids)
        data = QMimeData()
        text = json.dumps(clip)
        data.setData(CLIP_MIME, text.encode("utf-8"))
        data.setText(text)
        QGuiApplication.clipboard().setMimeData(data)

    def cut(self) -> None:
        self.copy()
        self.delete_selection()

    def paste(self) -> None:
        """Ctrl+V: the copied elements and the flows between them, with new ids; each
        further paste of the same clip lands a step further, never on the last copy."""
        data = QGuiApplication.clipboard().mimeData()
        if data is None or not data.hasFormat(CLIP_MIME):
            return
        raw = bytes(data.data(CLIP_MIME))
        self._pastes = (raw, self._pastes[1] + 1) if self._pastes[0] == raw else (raw, 1)
        step = 30.0 * self._pastes[1]
        try:
            clip = json.loads(raw.decode("utf-8"))
            self.doc.apply(self.tr("Paste"), edits.paste, clip, (step, step))
        except (ValueError, TypeError) as exc:
            self.statusBar().showMessage(self.tr("Cannot paste: %1").replace("%1", str(exc)),
                                         5000)

    def duplicate(self) -> None:
        """Ctrl+D: copy and paste in one step, the clipboard left alone."""
        ids = [i for i in self.scene.selected_ids() if i in self.scene.elements]
        if not ids:
            self.statusBar().showMessage(self.tr("Select the elements to duplicate"), 4000)
            return
        clip = edits.copy_selection(self.doc.model, ids)
        self.doc.apply(self.tr("Duplicate"), edits.paste, clip)

    def show_shortcuts(self):
        """Help > Keyboard Shortcuts (F1): read from the actions, so it cannot drift."""
        from workbench.gui.shortcuts import show_shortcuts

        return show_shortcuts(self)

    def zone_around_selection(self, name: str | None = None) -> str | None:
        """Put the selected elements in a new trust zone drawn around them."""
        ids = [i for i in self.scene.selected_ids() if i in self.scene.elements]
        if not ids:
            self.statusBar().showMessage(self.tr("Select the elements to put in the zone"), 4000)
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New trust zone"), self.tr("Name"))
            if not ok or not name.strip():
                return None
        return self.doc.apply(self.tr("New trust zone"), edits.zone_around, name.strip(), ids)

    def arm_zone_tool(self, on: bool = True) -> None:
        """Edit > Draw Trust Zone (Z), or the palette's button: the next drag on the canvas
        draws a trust zone; the elements inside join it."""
        self.scene.set_zone_tool(bool(on))

    def _zone_drawn(self, zone_id: str) -> None:
        """A zone was just drawn: its name is selected in the inspector, ready to type."""
        from PySide6.QtWidgets import QLineEdit

        name = self.inspector.findChild(QLineEdit, "name")
        if name is not None:
            name.setFocus()
            name.selectAll()

    def align(self, how: str) -> None:
        ids = [i for i in self.scene.selected_ids() if i in self.scene.elements]
        if how.startswith("distribute") and len(ids) < 3:
            self.statusBar().showMessage(
                self.tr("Select three or more cards to distribute them"), 5000)
            return
        if len(ids) >= 2:
            label = self.tr("Distribute") if how.startswith("distribute") else self.tr("Align")
            self.doc.apply(label, edits.align_elements, ids, how)

    def auto_layout(self) -> None:
        self.doc.apply(self.tr("Auto-layout"), edits.relayout)
        self.view.fit()

    # --- files ---------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self.doc.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The model has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_model(self) -> None:
        if self.maybe_save():
            self._show(blank_model(), None)

    def _show(self, model: ThreatModel, path: str | None,
              fingerprint: Fingerprint | None = None) -> None:
        model = ensure_layout(model)
        collector = gc_guard.installed(QApplication.instance())
        if collector is not None and self.analysis_mode == "async":
            # the model and its canvas are frozen with the analysis about to run, not
            # rescanned by a collection before it starts (see gc_guard)
            collector.hold(id(self.runner), True)
        self.scene.set_highlight(None)
        self.doc.reset(model, path, fingerprint)  # the scene follows through Document.changed
        self.analysis = None
        if self.isVisible():
            self.view.fit_readable()
        self.inspector.show_target("metadata", None)
        self.schedule_analysis()  # the fallback: a window not shown is never painted
        if self.analysis_mode == "async":
            self._paint_awaited = time.monotonic() + FIRST_PAINT_WAIT_MS / 1000
            AfterNextPaint(self.view.viewport(), self._analyse_now_if_due)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(Path(self.doc.path).parent) if self.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open threat model"), start,
                                              self.tr("Threat models (*.twm.json *.json)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Load ``path``; on failure show why and keep what was open."""
        try:
            model, fingerprint = read_model(path, self.stencils)
        except ModelError as exc:
            lines = [p.format() for p in exc.problems[:12]]
            if len(exc.problems) > 12:
                lines.append(self.tr("… and %1 more").replace("%1", str(len(exc.problems) - 12)))
            QMessageBox.critical(self, self.tr("Cannot open model"),
                                 self.tr("%1 could not be opened:").replace("%1", str(path))
                                 + "\n\n" + "\n".join(lines))
            return False
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Cannot open model"), f"{path}: {exc}")
            return False
        self._show(model, str(Path(path).resolve()), fingerprint)
        self._add_recent(str(Path(path).resolve()))
        return True

    def open_path_quiet(self, path: str) -> bool:
        """Like :meth:`open_path` without a dialog: the reason goes to ``last_error``."""
        try:
            model, fingerprint = read_model(path, self.stencils)
        except ModelError as exc:
            self.last_error = exc.describe().splitlines()[0]
            return False
        self._show(model, str(Path(path).resolve()), fingerprint)
        return True

    def save(self) -> bool:
        if not self.doc.path:
            return self.save_as()
        return self._write(self.doc.path, check_disk=True)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save threat model"),
                                              self.doc.path or "model.twm.json",
                                              self.tr("Threat models (*.twm.json)"))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".twm.json"
        return self._write(path)

    def _write(self, path: str, check_disk: bool = False) -> bool:
        """Save through the one save path; on any failure the reason is shown, the unsaved
        work goes to the recovery file at once, and False keeps the window open."""
        expect = self.doc.fingerprint if check_disk and self.doc.fingerprint else False
        try:
            fingerprint = save_model(self.doc.model, path, expect=expect,
                                     stencils=self.stencils if len(self.stencils) else None)
        except ChangedOnDiskError:
            if not self._confirm_overwrite(path):
                return False
            return self._write(path, check_disk=False)
        except (OSError, ModelError) as exc:
            self._save_failed(path, exc)
            return False
        self.doc.mark_saved(str(Path(path).resolve()), fingerprint)
        self.recovery.clear()
        self._add_recent(self.doc.path)
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 4000)
        return True

    def _confirm_overwrite(self, path: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("File changed on disk"),
            self.tr("%1 was changed by another program or window since you opened it. "
                    "Replace it with your version? (Its current content is kept as "
                    "%1.bak.)").replace("%1", path),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def _save_failed(self, path: str, exc: Exception) -> None:
        """Say why, and make sure the work is on disk somewhere (the recovery file)."""
        if isinstance(exc, ModelError):
            reason = "\n".join(p.format() for p in exc.problems[:12])
        else:
            reason = f"{path}: {getattr(exc, 'strerror', None) or exc}"
        kept = self._autosave_now()
        QMessageBox.critical(
            self, self.tr("Cannot save model"),
            self.tr("The model was not saved; the file on disk is unchanged.") + "\n\n"
            + reason + "\n\n"
            + (self.tr("Your changes are kept in the recovery file %1.")
               .replace("%1", str(self.recovery.file)) if kept else
               self.tr("The recovery file could not be written either: use Save As to "
                       "another place.")))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _add_recent(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", recent[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda checked=False, p=path:
                                     self.maybe_save() and self.open_path(p))
        if not self.recent_files():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # --- recovery ------------------------------------------------------------------------------
    def autosave(self) -> None:
        """A few seconds after each change, and every minute: unsaved work goes to the
        recovery file (atomically); none left, no file."""
        if self.doc.dirty:
            if not self._autosave_now():
                self.statusBar().showMessage(
                    self.tr("Could not write the recovery file %1")
                    .replace("%1", str(self.recovery.file)), 10_000)
        else:
            self.recovery.clear()

    def _autosave_after_quiet(self) -> None:
        """The write a few quiet seconds after a change, held while the worker analyses
        (it would hold the interpreter the worker needs): written when the analysis ends,
        or when :data:`AUTOSAVE_HOLD_MS` have passed since the hold began, whichever is
        first, so a crash during a long analysis still finds the change."""
        if self._analysing:
            self._autosave_held = True
            if not self.autosave_hold.isActive():  # not restarted: the bound is the first hold's
                self.autosave_hold.start()
            return
        self.autosave()

    def _analysis_ended_autosave(self) -> None:
        """The held write once the analysis has ended; dropped when a newer change waits for
        its own quiet period (that timer writes it, the edit is not held up by this one)."""
        if self.autosave_soon.isActive():
            self.autosave_hold.stop()
            self._autosave_held = False
            return
        self._release_autosave()

    def _release_autosave(self) -> None:
        """The held write, once: the analysis ended, or the hold is up."""
        self.autosave_hold.stop()
        if self._autosave_held:
            self._autosave_held = False
            self.autosave()

    def _autosave_now(self) -> bool:
        try:
            self.recovery.save(self.doc.model, self.doc.path, self.doc.fingerprint)
        except (OSError, ValueError, ModelError):  # ModelError: the folder lock timed out
            return False
        return True

    def offer_recovery(self) -> bool:
        """Offer the work of sessions that ended abnormally, newest first; "No" deletes
        that session's file only, never a running window's."""
        for orphan in self.recovery.orphans():
            original = orphan.original or self.tr("an unsaved model")
            answer = QMessageBox.question(
                self, self.tr("Recover unsaved work?"),
                self.tr("Threat Workbench did not close normally. Recover the unsaved changes "
                        "to %1?").replace("%1", original),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                orphan.discard()
                continue
            try:
                model = orphan.load(self.stencils)
            except ModelError as exc:  # the file stays: the work may be mended by hand
                QMessageBox.critical(self, self.tr("Cannot recover"), exc.describe())
                continue
            if not self.recovery.adopt(orphan):  # another window took it first
                continue
            self._show(model, orphan.original, orphan.fingerprint)
            # recovered work is unsaved: one undoable step back to the blank state marks it
            self.doc.undo_stack.resetClean()
            self._update_title()
            return True
        return False

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not getattr(self, "_fitted", False):
            self._fitted = True
            QTimer.singleShot(0, self.view.fit_readable)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self.runner.cancel()
        self.runner.wait(5000)
        self.autosave_soon.stop()  # a write due later would bring back the file cleared here
        self.autosave_hold.stop()
        self._autosave_held = False
        self.recovery.clear()
        self._save_state()
        event.accept()
