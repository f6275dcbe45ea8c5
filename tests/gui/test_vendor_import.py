"""File > Import Vendor Architecture…, the To classify dock, Change Type…, Export to OTM."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.interop.helpers import shared
from workbench.interop.otm import import_otm
from workbench.model.reclassify import to_classify

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "workbench" / "gui" / "vendor" / "translations"

CSV = """kind,id,name,type,layer,zone,source,target,protocol,via
zone,home,Patient home,,,,,,,
component,box,Mystery box,frobnicator,gateway,home,,,,
component,blob,Blob store,quux,cloud,,,,,
component,pump,Insulin pump,insulin-pump,,home,,,,
flow,f1,,,,,pump,box,BLE,
flow,f2,,,,,box,blob,HTTPS,
"""


@pytest.fixture
def vendor_csv(tmp_path: Path) -> Path:
    path = tmp_path / "vendor.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _choose_file(monkeypatch, path: Path, asked: list | None = None) -> None:
    def fake(*args, **kwargs):
        if asked is not None:
            asked.append(args)
        return str(path), ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))


def _import(qtbot, window, monkeypatch, path: Path) -> None:
    controller = window.vendor_imports
    _choose_file(monkeypatch, path)
    before = controller.report
    window.vendor_imports.actions["import"].trigger()
    qtbot.waitUntil(lambda: not controller.busy and controller.report is not before,
                    timeout=20_000)


def _file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions()]


def test_import_csv_opens_an_unsaved_model_with_report_and_list(
        qtbot, make_window, monkeypatch, vendor_csv) -> None:
    window = make_window()
    assert "&Import Vendor Architecture…" in _file_menu_texts(window)
    _import(qtbot, window, monkeypatch, vendor_csv)
    model = window.doc.model
    assert {c.id for c in model.components} == {"box", "blob", "pump"}
    assert window.doc.path is None and window.doc.dirty
    assert window.windowTitle().startswith("vendor.csv (imported)")
    report = window.vendor_imports.report
    assert report.isVisible()
    table = {report.table.item(r, 0).text(): report.table.item(r, 3).text()
             for r in range(report.table.rowCount())}
    assert table["frobnicator"] == "1" and table["insulin-pump"] == "0"
    assert report.unmapped.count() == 2
    panel = window.vendor_imports.panel
    assert window.vendor_imports.dock.isVisible()
    assert panel.ids() == ["box", "blob"]
    # laid out by layer: the gateway sits in the gateways lane, right of the pump
    assert model.layout.elements["box"].x > model.layout.elements["pump"].x


def test_click_select_change_type_by_typing_then_undo(qtbot, make_window, monkeypatch,
                                                      vendor_csv) -> None:
    window = make_window()
    _import(qtbot, window, monkeypatch, vendor_csv)
    panel = window.vendor_imports.panel
    row = panel.list.item(0)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(row).center())
    assert window.scene.selected_ids() == ["box"]
    old_x = window.doc.model.layout.elements["box"].x

    def pick() -> None:
        picker = QApplication.activeModalWidget()
        assert picker is not None and picker.objectName() == "vendor-stencil-picker"
        qtbot.keyClicks(picker.search, "smartph")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    qtbot.mouseClick(panel.change_btn, Qt.MouseButton.LeftButton)
    comp = window.doc.model.component("box")
    assert (comp.stencil, comp.layer.value) == ("smartphone", "thing")
    assert window.scene.elements["box"].stencil.id == "smartphone"  # the icon follows
    assert window.doc.model.layout.elements["box"].x < old_x  # moved to the things lane
    assert panel.ids() == ["blob"]

    window.vendor_imports.report.close()  # the analyst is back on the main window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    comp = window.doc.model.component("box")
    assert (comp.stencil, comp.layer.value) == ("generic-gateway", "gateway")
    assert panel.ids() == ["box", "blob"]
    assert window.scene.elements["box"].stencil.id == "generic-gateway"


def test_unsaved_changes_are_asked_about_first(qtbot, make_window, monkeypatch, dialogs,
                                               tiny_path, vendor_csv) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window(tiny_path)
    window.doc.apply("rename", lambda m: m.model_copy(update={
        "metadata": m.metadata.model_copy(update={"title": "Edited"})}))
    edited = window.doc.model
    asked: list = []
    _choose_file(monkeypatch, vendor_csv, asked)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.vendor_imports.actions["import"].trigger()
    assert [kind for kind, *_ in dialogs.shown] == ["question"]
    assert asked == [] and window.doc.model is edited  # cancelled: nothing happened
    dialogs.answer = QMessageBox.StandardButton.Discard
    _import(qtbot, window, monkeypatch, vendor_csv)
    assert window.doc.model.component("box") is not None


def test_hostile_file_shows_why_and_keeps_the_model(qtbot, make_window, monkeypatch,
                                                    dialogs, tiny_path, tmp_path) -> None:
    window = make_window(tiny_path)
    before = window.doc.model
    bad = tmp_path / "evil.json"
    bad.write_text('{"summary": {}, "detail": ' + "[" * 5000 + "]" * 5000 + "}",
                   encoding="utf-8")
    _choose_file(monkeypatch, bad)
    window.vendor_imports.actions["import"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=20_000)
    kind, title, text = dialogs.shown[-1]
    assert kind == "critical" and title == "Cannot import"
    assert str(bad) in text and "nested" in text
    assert window.doc.model is before and window.doc.path == str(tiny_path.resolve())


def test_real_threat_dragon_model_lists_what_to_classify(qtbot, make_window,
                                                         monkeypatch) -> None:
    path = shared("threatdragon", "iot-device.json")
    window = make_window()
    _import(qtbot, window, monkeypatch, path)
    expected = [i.id for i in to_classify(window.doc.model)]
    assert len(expected) == 8
    assert window.vendor_imports.panel.ids() == expected
    assert window.vendor_imports.report.unmapped.count() == 8
    assert window.windowTitle().startswith("iot-device.json (imported)")


@pytest.mark.parametrize("name", ["out.otm.json", "out.otm.yaml"])
def test_export_otm_reads_back_with_the_same_components(qtbot, make_window, monkeypatch,
                                                        tiny_path, tmp_path, name) -> None:
    window = make_window(tiny_path)
    out = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    assert "Export to &OTM…" in _file_menu_texts(window)
    window.vendor_imports.actions["export"].trigger()
    assert out.is_file()
    back = import_otm(out).model
    assert [(c.id, c.stencil, c.name) for c in back.components] == \
        [(c.id, c.stencil, c.name) for c in window.doc.model.components]
    assert (out.read_text("utf-8").lstrip()[0] == "{") == name.endswith(".json")


def test_french_menu_and_dock(french, qtbot, make_window, monkeypatch, vendor_csv) -> None:
    window = make_window()
    assert "&Importer une architecture fournisseur…" in _file_menu_texts(window)
    _import(qtbot, window, monkeypatch, vendor_csv)
    assert window.vendor_imports.dock.windowTitle() == "À classer"
    assert window.windowTitle().startswith("vendor.csv (importé)")


def test_importing_twice_asks_once_and_replaces_the_report(qtbot, make_window, monkeypatch,
                                                           dialogs, vendor_csv) -> None:
    window = make_window()
    _import(qtbot, window, monkeypatch, vendor_csv)
    first = window.vendor_imports.report
    _import(qtbot, window, monkeypatch, vendor_csv)  # the first import is unsaved work
    assert [kind for kind, *_ in dialogs.shown] == ["question"]
    assert not first.isVisible() and window.vendor_imports.report.isVisible()


def test_format_is_asked_when_the_file_does_not_say(qtbot, make_window, monkeypatch,
                                                    tmp_path) -> None:
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "inventory.txt"
    path.write_text(CSV, encoding="utf-8")
    offered: list[list[str]] = []

    def choose(parent, title, label, items, *args, **kwargs):
        offered.append(list(items))
        return "CSV", True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    window = make_window()
    _import(qtbot, window, monkeypatch, path)
    assert "OWASP Threat Dragon" in offered[0]
    assert window.doc.model.component("blob") is not None


def test_right_click_on_an_element_offers_change_type(qtbot, make_window, monkeypatch,
                                                      vendor_csv) -> None:
    from PySide6.QtGui import QContextMenuEvent

    window = make_window()
    _import(qtbot, window, monkeypatch, vendor_csv)
    item = window.scene.elements["blob"]
    window.view.ensureVisible(item)
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    seen: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        seen.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(50, read_menu)
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)))
    assert "C&hange Type…" in seen and "&Delete" in seen
    assert window.scene.selected_ids() == ["blob"]


def test_a_file_the_cli_imported_opens_with_its_list(make_window, tmp_path,
                                                     vendor_csv) -> None:
    from workbench.cli.main import main

    out = tmp_path / "vendor.twm.json"
    assert main(["import", str(vendor_csv), "-o", str(out)]) == 0
    window = make_window(out)
    assert window.vendor_imports.dock.isVisible()
    assert window.vendor_imports.panel.ids() == ["box", "blob"]


def test_export_error_names_the_file(make_window, monkeypatch, dialogs, tiny_path,
                                     tmp_path) -> None:
    window = make_window(tiny_path)
    out = tmp_path / "missing" / "x.otm.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    window.vendor_imports.actions["export"].trigger()
    kind, title, text = dialogs.shown[-1]
    assert kind == "critical" and str(out) in text
    assert not out.parent.exists()


def test_imported_title_survives_the_windows_own_updates(qtbot, make_window, monkeypatch,
                                                         vendor_csv, tmp_path) -> None:
    window = make_window()
    _import(qtbot, window, monkeypatch, vendor_csv)
    window._update_title()  # what the window does on every save-state change
    assert window.windowTitle().startswith("vendor.csv (imported)")
    out = tmp_path / "kept.twm.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    assert window.save()
    assert window.windowTitle().startswith("kept.twm.json") and not window.doc.dirty


def test_update_from_the_vendors_next_version_keeps_work_and_shows_changes(
        qtbot, make_window, monkeypatch, tmp_path) -> None:
    from tests.interop.test_update import _reviewed_v1

    old, v2 = _reviewed_v1(tmp_path)
    window = make_window(old)
    _choose_file(monkeypatch, v2)
    controller = window.vendor_imports
    controller.actions["update"].trigger()
    qtbot.waitUntil(lambda: not controller.busy and bool(window.doc.model.component("hub")),
                    timeout=20_000)
    model = window.doc.model
    assert model.component("cloud").stencil == "vendor-device-cloud"  # the analyst's type
    assert model.component("relay") is None and model.review.vendor == "Acme"
    assert "hub" in window.scene.elements and "relay" not in window.scene.elements
    overlay = window.diff_overlay
    assert overlay.marks["hub"].kind == "added" and overlay.marks["relay"].kind == "removed"
    assert "1 new, 1 removed" in window.statusBar().currentMessage()
    window.doc.undo_stack.undo()  # one step back to the reviewed version 1
    assert window.doc.model.component("relay") is not None
    assert window.doc.model.component("hub") is None


def test_update_needs_an_open_model(qtbot, make_window, dialogs) -> None:
    window = make_window()
    window.vendor_imports.actions["update"].trigger()
    assert dialogs.shown and "Open the model you reviewed first" in dialogs.shown[-1][2]


def test_to_classify_dock_shows_the_importers_confidence(make_window, tmp_path) -> None:
    """Issue 16: the guess's confidence is in the list, the reason in the tooltip."""
    from workbench.cli.main import main

    src = Path(__file__).parents[1] / "data" / "interop" / "threatdragon-v1" / \
        "infusion-pump-fleet-v1.json"
    out = tmp_path / "fleet.twm.json"
    assert main(["import", str(src), "-o", str(out)]) == 0
    window = make_window(out)
    panel = window.vendor_imports.panel
    rows = {panel.list.item(i).text(): panel.list.item(i).toolTip()
            for i in range(panel.list.count())}
    store = next(text for text in rows if text.startswith("Infusion history database"))
    assert "(medium)" in store and "[store]" in store
    assert "the source type 'store'" in rows[store]
