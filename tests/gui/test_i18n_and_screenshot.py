"""French interface, and the offscreen screenshot command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from workbench.gui import i18n

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-models" / "insulin-closed-loop.twm.json"


def test_french_menus_lanes_and_panels(french, make_window, tiny_path):
    window = make_window(tiny_path)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Fichier" in menus and "É&dition" in menus
    assert [lane.title for lane in window.scene.lanes] == ["Objets", "Passerelles", "Réseaux",
                                                           "Cloud"]
    assert window.docks["threats"].windowTitle() == "Menaces"
    assert window.threats.accept_btn.text() == "Accepter"


def test_english_is_the_fallback_for_unknown_languages(qapp):
    assert i18n.install(qapp, "xx") == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert i18n.pick_language("fr_CA") == "fr"


CATALOGS = sorted((ROOT / "workbench" / "gui").rglob("*_fr.ts"))


def test_there_is_a_catalog_per_feature_package():
    packages = {ts.parent.parent.name for ts in CATALOGS}
    assert {"gui", "workshop", "vendor", "profiles"} <= packages, packages


@pytest.mark.parametrize("ts", CATALOGS, ids=lambda p: p.name)
def test_every_string_of_every_catalog_has_a_french_translation(ts):
    import xml.etree.ElementTree as ET

    messages = list(ET.parse(ts).iter("message"))
    untranslated = [m.find("source").text for m in messages
                    if not (m.find("translation").text or "").strip()
                    or m.find("translation").get("type") == "unfinished"]
    assert messages and not untranslated
    assert ts.with_suffix(".qm").is_file()


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample model not present")
def test_screenshot_command_renders_window_with_selection(tmp_path):
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, "-m", "workbench", "screenshot", str(SAMPLE), "-o",
                          str(out), "--size", "1200x800", "--select", "pump", "--path", "1"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert len({image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 800, 37)}) > 20


@pytest.mark.parametrize("args, message", [
    (["--size", "big"], "expected WIDTHxHEIGHT"),
    (["--select", "no-such-id"], "no element, flow or zone"),
    (["--path", "999"], "attack path"),
])
def test_screenshot_bad_options_give_one_line(tmp_path, tiny_path, args, message):
    run = subprocess.run([sys.executable, "-m", "workbench", "screenshot", str(tiny_path), "-o",
                          str(tmp_path / "x.png"), *args], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in run.stderr


def test_french_threat_and_control_titles_come_from_the_catalog(french, make_window):
    window = make_window(SAMPLE, analysis="sync")
    table = window.threats.table_model
    titles = {table.display(r, "Threat") for r in table.rows}
    assert "Modification non autorisée des réglages thérapeutiques" in titles
    assert "Unauthorised change of therapy settings" not in titles
    assert any(level == "Critique" for level in (table.display(r, "Risk") for r in table.rows))


def test_french_window_translates_qt_own_buttons(french, make_window, tiny_path):
    """Save / Discard / Cancel in the close prompt are Qt's strings: French too."""
    from PySide6.QtWidgets import QDialogButtonBox

    window = make_window(tiny_path)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Discard
                           | QDialogButtonBox.StandardButton.Cancel, window)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert "Cancel" not in texts and "Save" not in texts, texts
    assert "Annuler" in texts and "Enregistrer" in texts, texts
