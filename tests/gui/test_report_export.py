"""File > Export Report… writes the same PDF as the CLI, without freezing the window."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from workbench.gui.report_export import ReportOptionsDialog


def _accept_dialog_with(path, audience_index: int, language_index: int) -> None:
    """Fill the options dialog the way a user would, then press OK."""
    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ReportOptionsDialog) and w.isVisible())
        dialog.audience.setCurrentIndex(audience_index)
        dialog.language.setCurrentIndex(language_index)
        dialog.path.setText(str(path))
        dialog.accept()
    QTimer.singleShot(50, fill)


def test_export_report_from_file_menu_writes_a_board_pdf(qtbot, make_window, tiny_path,
                                                         tmp_path):
    window = make_window(tiny_path)
    action = window.actions_by_name["report"]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    out = tmp_path / "board"
    _accept_dialog_with(out, 0, 1)
    with qtbot.waitSignal(window.report_exporter.finished, timeout=60_000) as blocker:
        action.trigger()
    written = tmp_path / "board.pdf"
    assert blocker.args == [str(written)]
    reader = PdfReader(io.BytesIO(written.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) <= 6
    assert "Tiny closed loop" in text
    assert "Insulin pump" in text
    assert "Rapport" in text or "rapport" in text  # French chosen in the dialog


def test_cancelled_dialog_writes_nothing(qtbot, make_window, tiny_path, tmp_path):
    window = make_window(tiny_path)

    def cancel() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ReportOptionsDialog) and w.isVisible())
        dialog.path.setText(str(tmp_path / "nope.pdf"))
        dialog.reject()
    QTimer.singleShot(50, cancel)
    window.actions_by_name["report"].trigger()
    qtbot.wait(200)
    assert not (tmp_path / "nope.pdf").exists()
    assert not any(isinstance(w, QDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def test_unwritable_destination_shows_the_reason(qtbot, make_window, tiny_path, tmp_path,
                                                 monkeypatch):
    window = make_window(tiny_path)
    shown = []
    monkeypatch.setattr("workbench.gui.report_export.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    target = tmp_path / "missing-folder" / "r.pdf"
    with qtbot.waitSignal(window.report_exporter.failed, timeout=60_000):
        window.report_exporter.export("board", "en", target)
    assert shown and str(target) in shown[0]
    assert not target.exists()


def test_report_shows_the_changes_since_the_version_compared_in_the_window(
        qtbot, make_window, tiny_path, tmp_path):
    from pypdf import PdfReader

    from workbench.gui.workshop import diff_overlay
    from workbench.model import edits

    window = make_window(tiny_path)
    window.doc.apply("Rename", edits.update_component, "pump", {"name": "Pump v2"})
    assert diff_overlay(window).compare_with(str(tiny_path))
    since = window.report_exporter.comparison()
    assert since is not None and since[1] == tiny_path.name
    out = tmp_path / "board.pdf"
    with qtbot.waitSignal(window.report_exporter.finished, timeout=60_000):
        window.report_exporter.export("board", "en", out, since=since)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"Changes since {tiny_path.name}" in text and "Elements +0 −0 ~1" in text


def test_options_dialog_offers_the_changes_only_when_comparing(qtbot):
    from workbench.gui.report_export import ReportOptionsDialog

    with_comparison = ReportOptionsDialog(None, "r.pdf", "en", "v1.twm.json")
    qtbot.addWidget(with_comparison)
    assert with_comparison.since.text() == "Show the changes since v1.twm.json"
    assert with_comparison.with_changes()  # on by default, read after the dialog closed
    with_comparison.since.setChecked(False)
    assert not with_comparison.with_changes()
    plain = ReportOptionsDialog(None, "r.pdf", "en")
    qtbot.addWidget(plain)
    assert not plain.with_changes()
