"""File > Export Report…: the same PDF as `workbench report`, built off the GUI thread.

The report layer does the work (`workbench.report.pdf.build_report`); this module only asks
where and for whom, runs it on a worker thread so the window never freezes, and writes the
file atomically.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workbench.model.io import dumps_model
from workbench.model.threat_model import ThreatModel


class ReportOptionsDialog(QDialog):
    """Audience, language and output file for one report."""

    def __init__(self, parent: QWidget | None, default_path: str, lang: str,
                 since_label: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Report"))
        self.audience = QComboBox()
        self.audience.addItem(self.tr("Board (at most 6 pages)"), "board")
        self.audience.addItem(self.tr("Technical (full register)"), "technical")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(1 if lang == "fr" else 0)
        self.path = QLineEdit(default_path)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("File"), row)
        # the comparison open in the window, if any: boards ask "better than last time?"
        self.since = QCheckBox(self.tr("Show the changes since %1").replace(
            "%1", since_label or ""))
        self.since.setChecked(bool(since_label))
        self.since.setVisible(bool(since_label))
        form.addRow(self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), self.path.text(),
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.path.setText(path)

    def choice(self) -> tuple[str, str, Path]:
        path = Path(self.path.text().strip())
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self.audience.currentData(), self.language.currentData(), path

    def with_changes(self) -> bool:
        # isHidden, not isVisible: the answer is read after the dialog closed
        return not self.since.isHidden() and self.since.isChecked()


class _Signals(QObject):
    done = Signal(str, int)
    failed = Signal(str)


class _ReportJob(QRunnable):
    def __init__(self, model: ThreatModel, raw: bytes | None, audience: str, lang: str,
                 out: Path, signals: _Signals, since: tuple[ThreatModel, str] | None = None):
        super().__init__()
        self.model, self.raw, self.audience, self.lang = model, raw, audience, lang
        self.out, self.signals, self.since = out, signals, since

    def run(self) -> None:
        from workbench.model.io import write_bytes_atomic
        from workbench.report.pdf import build_report

        try:
            earlier, label = self.since or (None, "")
            pdf = build_report(self.model, raw=self.raw, audience=self.audience, lang=self.lang,
                               since=earlier, since_label=label)
            write_bytes_atomic(self.out, pdf)
        except OSError as exc:
            self.signals.failed.emit(f"{self.out}: {exc.strerror or exc}")
            return
        except Exception as exc:  # noqa: BLE001 - shown in a dialog, never crashes the GUI
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n"
                                     + traceback.format_exc(limit=3))
            return
        self.signals.done.emit(str(self.out), len(pdf))


class ReportExporter(QObject):
    """Owns the worker pool; ``finished(path)`` or ``failed(reason)`` when a report is done."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)

    def ask_and_export(self) -> None:
        doc = self.window.doc
        base = Path(doc.path).with_suffix("").with_suffix("") if doc.path else Path("report")
        since = self.comparison()
        dialog = ReportOptionsDialog(self.window, str(base) + "-report.pdf",
                                     getattr(self.window, "lang", "en"),
                                     since[1] if since else None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.export(*dialog.choice(), since=since if dialog.with_changes() else None)

    def comparison(self) -> tuple[ThreatModel, str] | None:
        """The earlier version the window is comparing with (Tools > Compare with…)."""
        overlay = getattr(self.window, "diff_overlay", None)
        if overlay is None or overlay.baseline is None:
            return None
        return overlay.baseline, Path(overlay.baseline_path or "").name

    def export(self, audience: str, lang: str, out: Path,
               since: tuple[ThreatModel, str] | None = None) -> None:
        """Build the report for the model as it is now (saved or not); ``since``: an earlier
        version and its name, whose changes the report shows."""
        model = self.window.doc.model
        raw = None
        if self.window.doc.path and self.window.doc.undo_stack.isClean():
            try:
                raw = Path(self.window.doc.path).read_bytes()
            except OSError:
                raw = None
        if raw is None:  # fingerprint what the report describes: the unsaved model's text
            raw = dumps_model(model).encode("utf-8")
        self.window.statusBar().showMessage(self.tr("Building report…"))
        self.pool.start(_ReportJob(model, raw, audience, lang, out, self._signals, since))

    def _done(self, path: str, size: int) -> None:
        self.window.statusBar().showMessage(
            self.tr("Report written: %1").replace("%1", path), 8000)
        self.finished.emit(path)

    def _failed(self, reason: str) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.critical(self.window, self.tr("Cannot export report"), reason)
        self.failed.emit(reason)
