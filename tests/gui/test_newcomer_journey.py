"""A newcomer's first five minutes, with the real widgets at projector size: from a blank
model to a highlighted attack path by the README's gestures only (search the palette,
double-click, drag from the handle, click a path), counting the gestures."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import drag


def _add(qtbot, window, words: str, stencil: str) -> str:
    """Search the palette and double-click the stencil: 2 gestures (type, double-click)."""
    palette = window.palette
    palette.search.clear()
    qtbot.keyClicks(palette.search, words)
    item = palette.item_for(stencil)
    assert not item.isHidden(), words
    rect = palette.tree.visualItemRect(item)
    before = {c.id for c in window.doc.model.components}
    # a real double-click: press, release, then the second press Qt reports as double
    qtbot.mouseClick(palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (new,) = [c.id for c in window.doc.model.components if c.id not in before]
    return new


def _connect(qtbot, window, source: str, target: str) -> None:
    """Drag from the source's handle onto the target: 1 gesture."""
    a, b = window.scene.elements[source], window.scene.elements[target]
    window.view.ensureVisible(a, 20, 20)
    drag(qtbot, window, a.mapToScene(a.handle_rect().center()), b.scene_rect().center())
    assert any(f.source == source and f.target == target for f in window.doc.model.flows)


def test_blank_model_to_highlighted_attack_path_in_a_dozen_gestures(qtbot, make_window):
    window = make_window(analysis="sync", resize=False)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    gestures = 0
    pump = _add(qtbot, window, "insulin", "insulin-pump")
    relay = _add(qtbot, window, "phone relay", "phone-ble-relay")
    cloud = _add(qtbot, window, "vendor cloud", "vendor-device-cloud")
    gestures += 6
    assert len({window.doc.model.layout.elements[k].x for k in (pump, relay, cloud)}) == 3
    _connect(qtbot, window, pump, relay)
    _connect(qtbot, window, relay, cloud)
    gestures += 2
    panel = window.attacks
    window.docks["attacks"].raise_()  # the "Attack paths" tab: 1 click
    gestures += 1
    qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=5000)
    rect = panel.list.visualItemRect(panel.list.item(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    gestures += 1
    lit = window.scene.highlighted_ids()
    assert pump in lit or cloud in lit  # the default attackers reach the pump or the cloud
    assert gestures <= 12
