"""Issue 15: the window in French has no English left from the application's own catalogs.

The walk opens a sample model in French, opens every dock (the feature docks too), shows an
element, a flow, a zone and a threat in the inspector, opens each menu and the "Attach
control" menu, and collects every text a user can read: labels, buttons, group titles,
placeholders, combo items, list/tree/table cells and headers, tab titles, tooltips, menu
actions, dock titles, and the cards' names and subtitles on the canvas. A text fails when it
is the English source of a string our catalogs translate (the .ts files), or an English
name that the data files carry in French (stencils, built-in attackers, catalog threats
and controls). A user's own words (element names, notes) are not judged.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-models" / "home-telemonitoring.twm.json"
CATALOGS = sorted((ROOT / "workbench" / "gui").rglob("*_fr.ts"))


def _clean(text: str) -> str:
    """Menu accelerators and shortcut tabs out, spaces folded."""
    text = text.split("\t")[0]
    text = re.sub(r"&(?=\w)", "", text).replace("&&", "&")
    return " ".join(text.split())


def english_sources() -> dict[str, str]:
    """English text -> where it comes from, for each text we ship a French version of."""
    out: dict[str, str] = {}
    for ts in CATALOGS:
        for message in ET.parse(ts).iter("message"):
            source = message.find("source").text or ""
            french = message.find("translation").text or ""
            if source.strip() and french.strip() and _clean(french) != _clean(source):
                out[_clean(source)] = ts.name
    from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS
    from workbench.analysis.catalog import default_catalog
    from workbench.model import default_stencils

    for stencil in default_stencils():
        if stencil.label_fr and stencil.label_fr != stencil.label:
            out[stencil.label] = f"stencil {stencil.id}"
    fr = json.loads((ROOT / "workbench" / "data" / "attackers-fr.json").read_text("utf-8"))
    for attacker in DEFAULT_ATTACKERS:
        if attacker.id in fr["attackers"]:
            out[attacker.name] = f"attacker {attacker.id}"
    catalog = default_catalog()
    for entry in [*catalog.threats.values(), *catalog.controls.values()]:
        if entry.title_fr and entry.title_fr != entry.title:
            out[entry.title] = f"catalog {entry.id}"
    from workbench.analysis.riskmatrix import SCALE_NAMES_FR
    from workbench.model.defaults import IMPACT_CATEGORIES

    for cid, name, _ in IMPACT_CATEGORIES:
        out[name] = f"impact category {cid}"
    for name, french in SCALE_NAMES_FR.items():
        if french != name:
            out[name] = "default scale level"
    # Words that read the same in both languages or are too short to judge alone.
    for same in ("Description", "Version", "Zone", "Cloud", "OK", "Options", "Contact",
                 "Notes", "Date", "Source", "Type", "Message", "Total", "Article", "Instance"):
        out.pop(same, None)
    return out


def readable_texts(window) -> list[tuple[str, str]]:
    """(text, where) for everything shown in the window and its docks."""
    found: list[tuple[str, str]] = []

    def add(text, where):
        if text and _clean(str(text)):
            found.append((_clean(str(text)), where))

    for widget in window.findChildren(QWidget):
        name = f"{type(widget).__name__}:{widget.objectName()}"
        add(widget.toolTip(), f"tooltip of {name}")
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget.text(), name)
        elif isinstance(widget, QGroupBox):
            add(widget.title(), name)
        elif isinstance(widget, QLineEdit):
            add(widget.placeholderText(), f"placeholder of {name}")
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget.itemText(i), f"item of {name}")
        elif isinstance(widget, QDockWidget | QDialog):
            add(widget.windowTitle(), name)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget.tabText(i), f"tab of {name}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column
                columns = 1
            for col in range(columns):
                add(model.headerData(col, _horizontal()), f"header of {name}")
            for row in range(min(model.rowCount(QModelIndex()), 40)):
                for col in range(columns):
                    add(model.index(row, col).data(), f"cell of {name}")
                    add(model.index(row, col).data(_tooltip_role()), f"cell tooltip of {name}")
        if isinstance(widget, QTreeWidget):
            items = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while items:  # every level: the palette's stencils are children of layers
                item = items.pop()
                items += [item.child(i) for i in range(item.childCount())]
                for col in range(widget.columnCount()):
                    add(item.text(col), f"tree item of {name}")
                    add(item.toolTip(col), f"tree tooltip of {name}")
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(widget.item(i).text(), f"list item of {name}")

    def walk(menu: QMenu, where: str) -> None:
        menu.aboutToShow.emit()  # menus filled on demand (Open Recent, Attach control)
        for action in menu.actions():
            add(action.text(), where)
            add(action.toolTip() if action.toolTip() != action.text().replace("&", "")
                else "", f"tooltip in {where}")
            if action.menu() is not None:
                walk(action.menu(), f"{where} > {_clean(action.text())}")

    for action in window.menuBar().actions():
        if action.menu() is not None:
            add(action.text(), "menu bar")
            walk(action.menu(), _clean(action.text()))
    for item in window.scene.elements.values():
        lines, kind = item._text()
        add(kind, f"card subtitle of {item.comp.id}")
    for lane in window.scene.lanes:
        add(lane.title, "lane title")
    return found


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _tooltip_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole


def _open_everything(qtbot, window) -> None:
    for dock in window.findChildren(QDockWidget):
        dock.show()
    for action in window.tools_menu.actions():
        if action.text().replace("&", "").startswith(("Atelier", "Revue")):
            action.trigger()
    for action in window.menuBar().actions():
        menu = action.menu()
        for sub in (menu.actions() if menu else []):
            if "Attaquants, cibles" in sub.text().replace("&", ""):
                sub.trigger()
    qtbot.wait(20)
    shown = {d.windowTitle() for d in window.findChildren(QDockWidget) if d.isVisible()}
    assert {"Atelier", "Attaquants, cibles et données"} <= shown, shown


def _users_words(model) -> set[str]:
    """Names the analyst (here: the sample's author) gave: shown as written."""
    named = [*model.components, *model.flows, *model.zones, *model.data_assets,
             *model.targets, *model.attackers]
    return {_clean(x.name) for x in named if getattr(x, "name", None)}


#: English the analysis writes into names (derived targets), by its start.
DERIVED_ENGLISH = re.compile(r"^(health data held by|care service|therapy of) ")


def _judged(text: str) -> str:
    """What is judged of a text: a scale entry "4 · Critical" is judged on its name."""
    match = re.match(r"^\d+ · (.+)$", text)
    return match.group(1) if match else text


def _english_left(window, sources) -> list[str]:
    own = _users_words(window.doc.model)
    left = set()
    for text, where in readable_texts(window):
        text = _judged(text)
        if text in own:
            continue
        if text in sources:
            left.add(f"{text!r} ({where}; English source in {sources[text]})")
        elif DERIVED_ENGLISH.match(text):
            left.add(f"{text!r} ({where}; English written by the analysis)")
    return sorted(left)


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample model not present")
def test_french_window_has_no_english_from_our_catalogs(qtbot, french, make_window,
                                                       monkeypatch):
    sources = english_sources()
    assert len(sources) > 300  # the catalogs, stencils, attackers and threats were read
    window = make_window(SAMPLE, analysis="sync")
    window.resize(1600, 1000)
    _open_everything(qtbot, window)
    model = window.doc.model
    left: list[str] = []
    # each kind of object in the inspector, and a threat row selected (buttons, menus)
    shown = [[model.components[0].id], [model.flows[0].id]]
    if model.zones:
        shown.append([model.zones[0].id])
    for ids in shown:
        window.scene.select_ids(ids)
        left += _english_left(window, sources)
    window.scene.select_ids([])
    window.threats.view.selectRow(0)
    left += _english_left(window, sources)
    # the dialogs, built as the window builds them (children of the window, not run)
    from workbench.gui.report_export import ReportOptionsDialog
    from workbench.gui.vendor.imports_classify import StencilPicker

    dialogs = [ReportOptionsDialog(window, "report.pdf", "fr", since_label="v1"),
               StencilPicker(window.stencils, model.components[0].name,
                             model.components[0].stencil, window)]
    left += _english_left(window, sources)
    for dialog in dialogs:
        dialog.deleteLater()
    # the questions asked in small input dialogs: reject, owner, new zone
    asked = []

    def get_text(parent, title, label, *args, **kwargs):
        asked.extend([(_clean(title), "input dialog title"), (_clean(label), "input label")])
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    window.threats.view.selectRow(0)
    window.threats._reject()
    window.threats._owner()
    window.scene.select_ids([model.components[0].id])
    window.zone_around_selection()
    assert len(asked) >= 6
    left += [f"{text!r} ({where})" for text, where in asked if text in sources]
    assert not sorted(set(left)), "\n".join(sorted(set(left)))


def test_the_walk_finds_english_when_a_catalog_is_not_loaded(qtbot, make_window, tiny_path):
    """The oracle works: the same walk in English finds the catalog strings."""
    sources = english_sources()
    window = make_window(tiny_path)
    found = {text for text, _ in readable_texts(window) if text in sources}
    assert {"File", "Inspector", "Things"} <= found


def test_a_dropped_stencil_is_named_and_described_in_french(qtbot, french, make_window,
                                                            tiny_path):
    """Issue 15: a dropped "Balance connectée" was named "Connected scale", in layer "thing"."""
    from PySide6.QtCore import QPointF

    window = make_window(tiny_path)
    if window.stencils.get("connected-scale") is None:
        pytest.skip("shipped stencils not present")
    new = window.scene.add_stencil_at("connected-scale", QPointF(100, 300))
    comp = window.doc.model.component(new)
    assert comp.name == "Balance connectée"
    assert window.scene.elements[new]._text()[1] == "Balance connectée"  # card subtitle
    window.scene.select_ids([new])
    layer = window.inspector.findChild(QLabel, "ro:layer")
    stencil = window.inspector.findChild(QLabel, "ro:stencil")
    assert (layer.text(), stencil.text()) == ("objet", "Balance connectée")
    assert window.inspector.title_text() == "Élément\u202f: Balance connectée"


def test_built_in_attackers_and_derived_targets_in_french(qtbot, french, make_window):
    if not SAMPLE.is_file():
        pytest.skip("sample model not present")
    window = make_window(SAMPLE, analysis="sync")
    attackers = [window.attacks.attacker.itemText(i)
                 for i in range(window.attacks.attacker.count())]
    assert "Attaquant radio à proximité" in attackers
    targets = [window.attacks.target.itemText(i) for i in range(window.attacks.target.count())]
    assert any(t.startswith("données de santé de ") for t in targets), targets


def test_every_string_in_the_sources_is_in_the_french_catalog(tmp_path):
    """The .ts test above reads the shipped file; a string added to the code without
    running lupdate would show in English and pass it. Extract again and compare."""
    import shutil
    import subprocess
    import sys

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.is_file():
        pytest.skip("pyside6-lupdate not installed beside this Python")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "workbench" / "gui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=120)
    shipped = {(m.find("source").text or "") for m in
               ET.parse(ROOT / "workbench" / "gui" / "translations" / "workbench_fr.ts")
               .iter("message")
               if (m.find("translation").text or "").strip()
               and m.find("translation").get("type") not in ("unfinished", "obsolete",
                                                             "vanished")}
    missing = sorted({m.find("source").text or "" for m in ET.parse(fresh).iter("message")}
                     - shipped)
    assert not missing, ("run lupdate and fill_fr.py (docs/gui.md): " + "; ".join(missing))
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_refused_connection_and_a_refused_field_are_explained_in_french(
        qtbot, french, make_window, tiny_path):
    """Validation messages of the core ("'pump' is not a network component") were shown
    in English in the French window."""
    window = make_window(tiny_path)
    messages = []
    window.scene.message.connect(messages.append)
    assert window.scene.connect_elements("pump", "pump") is None
    assert messages[-1] == "un flux relie deux éléments différents"
    from workbench.gui.core_text import core_message
    from workbench.model import edits

    with pytest.raises(ValueError) as refused:
        window.doc.apply("x", edits.update_flow, "f-relay-cloud", {"via": ["pump"]})
    assert core_message(refused.value) == "« pump » n'est pas un élément réseau"


def test_a_built_in_attacker_is_edited_under_its_french_name(qtbot, french, make_window,
                                                             tiny_path):
    """The list said "Attaquant radio à proximité" and the name field "Proximate radio
    attacker"; confirming the French name shown must not rename (nor copy) anything."""
    from PySide6.QtCore import Qt

    window = make_window(tiny_path)
    for action in window.menuBar().actions():
        for entry in (action.menu().actions() if action.menu() else []):
            if entry.text().replace("&", "").startswith("Attaquants, cibles"):
                entry.trigger()
    tab = window.profiles_panel.attackers
    for i in range(tab.tree.topLevelItemCount()):
        item = tab.tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == "proximate-radio":
            tab.tree.setCurrentItem(item)
    assert tab.name_edit.text() == "Attaquant radio à proximité"
    assert tab.desc_edit.toPlainText().startswith("Quelqu'un à portée radio")
    steps = window.doc.undo_stack.count()
    tab.name_edit.setFocus()
    qtbot.keyClick(tab.name_edit, Qt.Key.Key_Return)
    assert window.doc.undo_stack.count() == steps
    assert not window.doc.model.attackers


def test_percentages_take_a_narrow_space_in_french(french):
    from workbench.gui.i18n import percent

    assert percent(0.27) == "27\u202f%"


def test_percentages_in_english(qapp):
    from workbench.gui.i18n import percent

    assert percent(0.27) == "27%"


def test_a_chance_short_of_certainty_never_reads_100_percent_in_the_window(qapp):
    """The ward's insider path at 0.997 read "100 %" in the attack panel while the board
    report said "99.7%": the window prints chances as the report does."""
    from workbench.gui.i18n import percent

    assert percent(0.997) == "99.7%"
    assert percent(1.0) == "100%"
    assert percent(0.003) == "0.3%"


def test_a_chance_short_of_certainty_in_french(french):
    from workbench.gui.i18n import percent

    assert percent(0.997) == "99,7\u202f%"
