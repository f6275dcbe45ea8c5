"""The window carries the program's icon and names its desktop entry (Wayland app id)."""

from __future__ import annotations

from workbench import desktop
from workbench.gui.app import make_app


def test_window_icon_and_desktop_file_name(qapp) -> None:
    app, _ = make_app("en")
    assert app.desktopFileName() == desktop.APP_ID  # the installed .desktop file's name
    icon = app.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    # The SVG really rendered: the dark background at a corner's inside, not transparency.
    assert image.pixelColor(32, 6).alpha() == 255
