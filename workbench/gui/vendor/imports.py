"""Vendor architectures in the window: import (OTM, Threat Dragon, TMT, CSV), classify, export.

* File > Import Vendor Architecture…: asks to save unsaved work (the window's own guard),
  runs the core importer (:func:`workbench.interop.registry.import_file`) on a worker
  thread, opens the result as a new unsaved model "<file> (imported)" laid out by layer
  (one undo step back to the vendor's own positions), and shows the import report. A bad or
  hostile file: a message naming the file and the reason (the CLI's line), model untouched.
* Tools > To Classify: a dock listing the elements the import could not map; "Change Type…"
  (also Ctrl+Shift+K and the canvas's right-click menu) applies
  :func:`workbench.model.reclassify.change_stencil` as one undoable edit.
* File > Export to OTM…: the core exporter, as JSON or YAML, written atomically.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog, QMessageBox

from workbench.gui.docks import restore_dock
from workbench.gui.vendor.imports_classify import ROLE_ID, StencilPicker, ToClassifyPanel
from workbench.gui.vendor.imports_report import ImportReport
from workbench.model import edits
from workbench.model.errors import ModelError
from workbench.model.reclassify import (
    ReclassifyError,
    change_stencil,
    marker_line,
    stencil_change_notes,
    to_classify,
)

#: (format, file-dialog filter): the order of the filter list
FILTERS = (
    ("otm", "Open Threat Model (*.otm *.yaml *.yml *.json)"),
    ("threatdragon", "OWASP Threat Dragon (*.json)"),
    ("tmt", "Microsoft Threat Modeling Tool (*.tm7)"),
    ("threagile", "Threagile (*.yaml *.yml)"),
    ("csv", "CSV (*.csv)"),
)
FORMAT_NAMES = {"otm": "Open Threat Model", "threatdragon": "OWASP Threat Dragon",
                "tmt": "Microsoft Threat Modeling Tool", "threagile": "Threagile",
                "csv": "CSV"}


def error_line(exc: BaseException, path: str) -> str:
    """What ``workbench import`` prints for the same failure (one line per problem)."""
    if isinstance(exc, ModelError):
        return "\n".join(p.format(exc.source) for p in exc.problems[:12])
    if isinstance(exc, OSError):
        return f"{path}: {exc.strerror or exc}"
    return f"{path}: internal error: {type(exc).__name__}: {exc}"


def guess_format(path: str) -> str | None:
    """The core's guess (extension, then content); None when it cannot tell."""
    from workbench.interop.registry import guess_format as core_guess

    try:
        return core_guess(Path(path))
    except ModelError:
        return None


# --- the import, off the GUI thread --------------------------------------------------------

class _Signals(QObject):
    done = Signal(object, str)  # ImportResult, path
    failed = Signal(str, str)  # one-liner, path


class _ImportJob(QRunnable):
    def __init__(self, path: str, fmt: str, stencils, signals: _Signals):
        super().__init__()
        self.path, self.fmt, self.stencils, self.signals = path, fmt, stencils, signals

    def run(self) -> None:
        from workbench.interop.registry import import_file

        try:
            result = import_file(self.path, self.fmt, self.stencils or None)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            self.signals.failed.emit(error_line(exc, self.path), self.path)
            return
        self.signals.done.emit(result, self.path)


class VendorImports(QObject):
    """One per window: the actions, the worker, the dock and the "(imported)" title."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals()
        self.signals.done.connect(self._imported)
        self.signals.failed.connect(self._failed)
        self.busy = False
        self.updating = False  # the running job updates the open model instead of opening
        self.imported_name: str | None = None
        self._resetting = False
        self.report: ImportReport | None = None
        self._asked_for = None
        self.panel: ToClassifyPanel | None = None
        self.dock: QDockWidget | None = None
        window.doc.pathChanged.connect(self._path_changed)
        # The window sets its own title ("Untitled") on every save-state change, after or
        # before us depending on connection order: re-apply ours whenever it changes.
        # bound slots, not lambdas: Qt disconnects them when this controller goes away
        window.windowTitleChanged.connect(self._retitle)
        window.doc.undo_stack.cleanChanged.connect(self._retitle)
        window.doc.changed.connect(self._model_changed)
        window.scene.selectionChanged.connect(self._selection_changed)

    # --- import ------------------------------------------------------------------------------
    def import_dialog(self) -> None:
        if self.busy or not self.window.maybe_save():
            return
        picked = self._pick_file(self.tr("Import vendor architecture"))
        if picked is not None:
            self.start(*picked)

    def update_dialog(self) -> None:
        """Bring the open (reviewed) model to a vendor's new version, as one undoable edit."""
        if self.busy:
            return
        if not self.window.doc.model.components:
            QMessageBox.information(
                self.window, self.tr("Update from vendor architecture"),
                self.tr("Open the model you reviewed first; this brings it to the vendor's "
                        "new version and keeps your work."))
            return
        picked = self._pick_file(self.tr("Update from vendor architecture"))
        if picked is not None:
            self.start(*picked, update=True)

    def _pick_file(self, title: str) -> tuple[str, str] | None:
        """A vendor file and its format (guessed, else the filter, else asked)."""
        filters = [self.tr("All supported (*.otm *.yaml *.yml *.json *.tm7 *.csv)")]
        filters += [text for _, text in FILTERS]  # tool names: not translated
        path, chosen = QFileDialog.getOpenFileName(self.window, title, "", ";;".join(filters))
        if not path:
            return None
        fmt = guess_format(path)
        if fmt is None:
            fmt = next((f for f, text in FILTERS if text == chosen), None)
        if fmt is None:
            names = [FORMAT_NAMES[f] for f, _ in FILTERS]
            name, ok = QInputDialog.getItem(
                self.window, title,
                self.tr("Which tool wrote %1?").replace("%1", Path(path).name), names, 0, False)
            if not ok:
                return None
            fmt = next(f for f, n in FORMAT_NAMES.items() if n == name)
        return path, fmt

    def start(self, path: str, fmt: str, *, update: bool = False) -> None:
        """Import ``path`` as ``fmt`` on the worker thread (the result arrives in a signal);
        ``update``: apply it onto the open model instead of opening it."""
        self.busy = True
        self.updating = update
        self._asked_for = self.window.doc.model  # the model the user agreed to replace
        self.window.statusBar().showMessage(self.tr("Importing %1…").replace("%1", path))
        self.pool.start(_ImportJob(path, fmt, self.window.stencils, self.signals))

    def wait(self, ms: int = 30_000) -> bool:
        return self.pool.waitForDone(ms)

    def _failed(self, message: str, path: str) -> None:
        self.busy = False
        self.window.statusBar().clearMessage()
        QMessageBox.critical(self.window, self.tr("Cannot import"),
                             self.tr("%1 could not be imported:").replace("%1", path)
                             + "\n\n" + message)

    def _imported(self, result, path: str) -> None:
        self.busy = False
        if self.updating:
            self._update_open_model(result, path)
            return
        window = self.window
        edited = window.doc.model is not self._asked_for
        if edited and window.doc.dirty and not window.maybe_save():  # edited while we worked
            window.statusBar().showMessage(self.tr("Import cancelled"), 4000)
            return
        name = Path(path).name
        self._resetting = True
        try:
            window._show(result.model, None)  # what File > Open does, without a path
        finally:
            self._resetting = False
        self.imported_name = name
        # The vendor's positions ignore our layer lanes: lay out by layer, one undo step.
        window.doc.apply(self.tr("Lay out by layer"), edits.relayout)
        window.doc.undo_stack.resetClean()  # a new, unsaved model: never "clean"
        self._title()
        if window.isVisible():
            window.view.fit_readable()
        if self.report is not None:
            self.report.close()
        self.report = ImportReport(result, name, window)
        self.report.elementActivated.connect(self.show_element)
        self.report.show()
        if result.unmapped:
            self.show_dock()
        window.statusBar().showMessage(
            self.tr("Imported %1: %2 element(s) to classify").replace("%1", name)
            .replace("%2", str(len(result.unmapped))), 8000)

    def _update_open_model(self, result, path: str) -> None:
        from workbench.gui.workshop import diff_overlay
        from workbench.interop.update import update_from_import

        window, name = self.window, Path(path).name
        previous = window.doc.model
        try:
            updated, report = update_from_import(previous, result.model, window.stencils)
        except Exception as exc:  # noqa: BLE001 - shown, the open model is untouched
            QMessageBox.critical(window, self.tr("Cannot update"), error_line(exc, path))
            return
        window.doc.apply(self.tr("Update from %1").replace("%1", name), lambda m: updated)
        # what the vendor changed, on the canvas and in the Changes list
        diff_overlay(window).compare_with_model(
            previous, self.tr("the model before %1").replace("%1", name))
        if to_classify(window.doc.model):
            self.show_dock()
        window.statusBar().showMessage(
            self.tr("Updated from %1: %2 new, %3 removed, %4 kept your type (Ctrl+Z undoes)")
            .replace("%1", name).replace("%2", str(len(report.added)))
            .replace("%3", str(len(report.removed)))
            .replace("%4", str(len(report.kept_types))), 12000)

    # --- title -------------------------------------------------------------------------------
    def _path_changed(self) -> None:
        doc = self.window.doc
        if not self._resetting:  # saved, or another model opened: no longer "imported"
            self.imported_name = None
            just_opened = doc.undo_stack.count() == 0 and doc.path
            if just_opened and to_classify(doc.model) and (
                    self.dock is None or not self.dock.isVisible()):
                self.show_dock()  # a file `workbench import` wrote: the list is the to-do
        self._title()

    def _retitle(self, *_args) -> None:
        if shiboken6.isValid(self.window):  # the window's children emit while it is deleted
            self._title()

    def _title(self) -> None:
        if self.imported_name and not self.window.doc.path:
            name = self.tr("%1 (imported)").replace("%1", self.imported_name)
            title = f"{name}[*] — Threat Workbench"
            if self.window.windowTitle() != title:
                self.window.setWindowTitle(title)
            self.window.setWindowModified(self.window.doc.dirty)

    # --- classify ----------------------------------------------------------------------------
    def show_dock(self) -> ToClassifyPanel:
        if self.dock is None:
            self.panel = ToClassifyPanel(self.window.stencils)
            self.panel.elementClicked.connect(self.show_element)
            self.panel.changeRequested.connect(self.change_type)
            self.dock = QDockWidget(self.tr("To classify"), self.window)
            self.dock.setObjectName("dock-to-classify")
            self.dock.setWidget(self.panel)
            if not restore_dock(self.window, self.dock):
                self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
                palette = getattr(self.window, "docks", {}).get("palette")
                if palette is not None:
                    self.window.splitDockWidget(palette, self.dock, Qt.Orientation.Vertical)
                    half = max(200, self.window.height() // 2 - 60)
                    self.window.resizeDocks([palette, self.dock], [half, half],
                                            Qt.Orientation.Vertical)
                    self.window.resizeDocks([self.dock], [260], Qt.Orientation.Horizontal)
            self.panel.set_model(self.window.doc.model)
        self.dock.show()
        self.dock.raise_()
        return self.panel

    def _model_changed(self, old, new) -> None:
        # only components carry the "to classify" marker: a move or a vote changes nothing
        if self.panel is not None and old.components is not new.components:
            self.panel.set_model(new)

    def _selection_changed(self) -> None:
        try:
            ids = self.window.scene.selected_ids()
        except RuntimeError:  # the scene is being destroyed with the window
            return
        if self.panel is not None and len(ids) == 1:
            self.panel.select(ids[0])

    def show_element(self, element_id: str) -> None:
        """Select ``element_id`` on the canvas and bring it into view."""
        scene = self.window.scene
        scene.clearSelection()
        scene.select_ids([element_id])
        item = scene.elements.get(element_id)
        if item is not None:
            self.window.view.ensureVisible(item, 40, 40)

    def selected_element(self) -> str | None:
        ids = [i for i in self.window.scene.selected_ids() if i in self.window.scene.elements]
        if len(ids) == 1:
            return ids[0]
        if self.panel is not None and self.panel.list.currentItem() is not None:
            return self.panel.list.currentItem().data(ROLE_ID)
        return None

    def change_type(self, element_id: str | None = None) -> bool:
        """Ask for a stencil and change the element's type (one undo step)."""
        window = self.window
        element_id = element_id or self.selected_element()
        comp = window.doc.model.component(element_id) if element_id else None
        if comp is None:
            window.statusBar().showMessage(self.tr("Select one element to change its type"), 4000)
            return False
        picker = StencilPicker(window.stencils, comp.name, comp.stencil, window,
                               hint=marker_line(comp))
        if picker.exec() != StencilPicker.DialogCode.Accepted or not picker.chosen:
            return False
        return self.apply_type(comp.id, picker.chosen)

    def apply_type(self, element_id: str, stencil_id: str) -> bool:
        window = self.window
        try:
            notes = stencil_change_notes(window.doc.model, element_id, stencil_id,
                                         window.stencils)
            window.doc.apply(self.tr("Change type"), change_stencil, element_id, stencil_id,
                             window.stencils, select=[element_id])
        except (ReclassifyError, ValueError) as exc:
            QMessageBox.warning(window, self.tr("Cannot change type"), str(exc))
            return False
        if notes:
            window.statusBar().showMessage("; ".join(notes), 8000)
        return True

    # --- export ------------------------------------------------------------------------------
    def export_dialog(self) -> bool:
        window = self.window
        json_filter = self.tr("Open Threat Model, JSON (*.otm.json *.json)")
        yaml_filter = self.tr("Open Threat Model, YAML (*.otm.yaml *.yaml *.yml)")
        base = Path(window.doc.path).name.removesuffix(".twm.json") if window.doc.path \
            else "model"
        start = str(Path(window.doc.path).with_name(f"{base}.otm.json")) if window.doc.path \
            else f"{base}.otm.json"
        path, chosen = QFileDialog.getSaveFileName(window, self.tr("Export to OTM"), start,
                                                   f"{json_filter};;{yaml_filter}")
        if not path:
            return False
        yaml = path.lower().endswith((".yaml", ".yml")) or (
            chosen == yaml_filter and not path.lower().endswith(".json"))
        if not path.lower().endswith((".json", ".yaml", ".yml")):
            path += ".otm.yaml" if yaml else ".otm.json"
        return self.export(path, yaml=yaml)

    def export(self, path: str, *, yaml: bool = False) -> bool:
        from workbench.interop.otm import dumps_otm, model_to_otm
        from workbench.model.io import write_text_atomic

        window = self.window
        try:
            if yaml:
                import yaml as pyyaml

                text = pyyaml.safe_dump(model_to_otm(window.doc.model), sort_keys=False,
                                        allow_unicode=True)
            else:
                text = dumps_otm(window.doc.model)
            write_text_atomic(Path(path), text, keep_backup=False)
        except OSError as exc:
            QMessageBox.critical(window, self.tr("Cannot export"),
                                 f"{path}: {exc.strerror or exc}")
            return False
        window.statusBar().showMessage(self.tr("Exported %1").replace("%1", path), 4000)
        return True


# --- canvas right-click -------------------------------------------------------------------------

def _add_change_type(action: QAction):
    """The canvas menu of an element gets "Change Type…" (the view's extension point)."""
    def extend(window, menu, item) -> None:
        if item.item_id in window.scene.elements:
            menu.addSeparator()
            menu.addAction(action)
    return extend


# --- menus --------------------------------------------------------------------------------------

def _file_menu(window):
    open_action = getattr(window, "actions_by_name", {}).get("open")
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and open_action in menu.actions():
            return menu
    return None


def _insert_after(menu, anchor: QAction | None, action: QAction) -> None:
    actions = menu.actions()
    if anchor in actions and actions.index(anchor) + 1 < len(actions):
        menu.insertAction(actions[actions.index(anchor) + 1], action)
    else:
        menu.addAction(action)


def install(window, menu) -> None:
    """File > Import Vendor Architecture… / Export to OTM…; Tools > To Classify, Change Type…"""
    controller = VendorImports(window)
    window.vendor_imports = controller
    import_action = QAction(
        QCoreApplication.translate("VendorImports", "&Import Vendor Architecture…"), window)
    import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    import_action.triggered.connect(controller.import_dialog)
    update_action = QAction(
        QCoreApplication.translate("VendorImports", "&Update from Vendor Architecture…"), window)
    update_action.setToolTip(QCoreApplication.translate(
        "VendorImports", "The vendor's new version: keep your classification, data, decisions, "
                         "review and workshops, and see what changed"))
    update_action.triggered.connect(controller.update_dialog)
    export_action = QAction(QCoreApplication.translate("VendorImports", "Export to &OTM…"), window)
    export_action.triggered.connect(controller.export_dialog)
    change_action = QAction(QCoreApplication.translate("VendorImports", "C&hange Type…"), window)
    change_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    change_action.triggered.connect(lambda: controller.change_type())
    dock_action = QAction(QCoreApplication.translate("VendorImports", "To &Classify"), window)
    dock_action.triggered.connect(controller.show_dock)
    for action in (import_action, update_action, export_action, change_action):
        window.addAction(action)
    actions = getattr(window, "actions_by_name", {})
    file_menu = _file_menu(window)
    if file_menu is not None:
        recent = getattr(window, "recent_menu", None)
        _insert_after(file_menu, recent.menuAction() if recent else actions.get("open"),
                      import_action)
        _insert_after(file_menu, import_action, update_action)
        _insert_after(file_menu, actions.get("report"), export_action)
    else:
        menu.addAction(import_action)
        menu.addAction(update_action)
        menu.addAction(export_action)
    menu.addAction(dock_action)
    menu.addAction(change_action)
    controller.actions = {"import": import_action, "update": update_action,
                          "export": export_action,
                          "change": change_action, "dock": dock_action}
    from workbench.gui.view import add_context_menu_extension

    add_context_menu_extension(window, _add_change_type(change_action))
