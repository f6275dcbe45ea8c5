"""Issue 15: the French window at 1280x720 (a projector): no field of the inspector or the
workshop set-up is pushed out of its dock by a long French label or choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "home-telemonitoring.twm.json"


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample model not present")
def test_inspector_fields_stay_inside_the_dock_in_french(qtbot, french, make_window):
    window = make_window(SAMPLE)
    window.resize(1280, 720)
    qtbot.wait(50)
    comp = window.doc.model.components[0]
    window.scene.select_ids([comp.id])
    qtbot.wait(20)
    inspector = window.inspector
    viewport = inspector.scroll.viewport()
    assert inspector.body.minimumSizeHint().width() <= viewport.width()
    for editor in inspector.editors.values():
        widget = editor.widget
        if not isinstance(widget, QLineEdit | QComboBox):
            continue
        right = widget.mapTo(viewport, widget.rect().topRight()).x()
        assert right <= viewport.width(), widget.objectName()


def test_workshop_set_up_fits_its_dock_in_french(qtbot, french, make_window, tiny_path):
    window = make_window(tiny_path)
    window.resize(1280, 720)
    next(a for a in window.tools_menu.actions()
         if a.text().replace("&", "").startswith("Atelier")).trigger()
    qtbot.wait(50)
    panel = window.workshop_panel
    assert panel.minimumSizeHint().width() <= panel.parentWidget().width()
