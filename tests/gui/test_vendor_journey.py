"""A buyer's whole vendor review in the window, each step through the real widgets:
import version 1, classify, answer the checklist, save, update to version 2, see what changed
and export the board report that carries the review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.gui.test_vendor_import import _choose_file, _import
from tests.gui.test_vendor_review import _click_item, _open_from_menu
from tests.interop.test_update import V1, V2
from workbench.model.io import load_model


def test_vendor_review_from_first_import_to_board_report(qtbot, make_window, monkeypatch,
                                                         tmp_path: Path) -> None:
    (tmp_path / "v1.csv").write_text(V1, "utf-8")
    (tmp_path / "v2.csv").write_text(V2, "utf-8")
    window = make_window()

    # 1. Import version 1: the unknown "Frobnicator" is listed to classify.
    _import(qtbot, window, monkeypatch, tmp_path / "v1.csv")
    window.vendor_imports.report.close()
    panel = window.vendor_imports.panel
    assert panel.ids() == ["cloud"]

    # 2. Classify it with the picker, by typing.
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(panel.list.item(0)).center())

    def pick() -> None:
        picker = QApplication.activeModalWidget()
        qtbot.keyClicks(picker.search, "vendor device cloud")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    qtbot.mouseClick(panel.change_btn, Qt.MouseButton.LeftButton)
    assert window.doc.model.component("cloud").stencil == "vendor-device-cloud"

    # 3. Answer one checklist item from the keyboard, with evidence.
    window.vendor_imports.dock.hide()  # done classifying: the left column for the review
    window.activateWindow()  # back on the main window after the picker
    qtbot.waitUntil(window.isActiveWindow)
    review = _open_from_menu(qtbot, window)
    _click_item(qtbot, review, "signed-firmware")
    review.answer_combo.setFocus()
    qtbot.keyClick(review.answer_combo, Qt.Key.Key_Up)  # Unknown -> No

    qtbot.mouseClick(review.evidence_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(review.evidence_edit, "Images are not signed (vendor letter)")
    qtbot.keyClick(review.evidence_edit, Qt.Key.Key_Return)
    assert window.doc.model.review is not None, review.current_id

    # 4. Save version 1 as reviewed.
    v1_path = tmp_path / "reviewed-v1.twm.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(v1_path), "")))
    window.save_as()
    assert load_model(v1_path).review.answers[0].item == "signed-firmware"

    # 5. The vendor's version 2 arrives: update, keep the work, see the changes.
    _choose_file(monkeypatch, tmp_path / "v2.csv")
    controller = window.vendor_imports
    controller.actions["update"].trigger()
    qtbot.waitUntil(lambda: not controller.busy and bool(window.doc.model.component("hub")),
                    timeout=20_000)
    model = window.doc.model
    assert model.component("cloud").stencil == "vendor-device-cloud"
    assert model.review.answers[0].evidence == "Images are not signed (vendor letter)"
    marks = window.diff_overlay.marks
    assert marks["hub"].kind == "added" and marks["relay"].kind == "removed"
    assert marks["cloud"].kind == "changed"  # renamed by the vendor
    assert window.diff_overlay.wait_for_risk()
    assert window.diff_overlay.panel.rows()[0].startswith("Risk per target:")

    # 6. The board report carries the review's blocking gap.
    out = tmp_path / "board.pdf"
    with qtbot.waitSignal(window.report_exporter.finished, timeout=60_000):
        window.report_exporter.export("board", "en", out)
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Review of" in text and "Signed firmware" in text
