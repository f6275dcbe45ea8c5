"""Dock layout: feature docks built on first use (workshop, review, changes...) and the
projector rule that the canvas keeps most of the window.

At 1280x720 with the Workshop and Vendor Review docks open, the canvas used to be a strip
of 230 px: each dock's content had a minimum width (review 306 px, workshop 284 px) that
Qt honours before the central widget. Every dock's content therefore sits in a scroll area
with a small minimum size (a narrow dock scrolls sideways instead of pushing the canvas),
and :func:`keep_canvas_share` narrows the side columns whenever the window is resized or a
dock opens, so the canvas keeps at least :data:`CANVAS_SHARE` of the window's width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

#: Part of the window's width the canvas keeps when docks open or the window shrinks, on
#: projector and laptop widths; from :data:`WIDE` px the panels get more (a reviewer at a
#: 1920 px desk needs the review's columns more than a wider canvas).
CANVAS_SHARE, WIDE, WIDE_SHARE = 0.62, 1600, 0.5


def canvas_share(width: int) -> float:
    """The share of ``width`` the canvas keeps."""
    return CANVAS_SHARE if width < WIDE else WIDE_SHARE
#: A side dock is never narrowed below this (a stencil name and an icon stay legible).
DOCK_MIN_WIDTH = 150
#: The bottom docks (threats, attack paths) keep this share of the window's height, at
#: most :data:`BOTTOM_MAX` px: at 720 px the attack-path list must still show a few paths.
BOTTOM_SHARE, BOTTOM_MAX = 0.28, 240
#: From :data:`TALL` px of height a workshop reads threats: the bottom docks keep
#: :data:`TALL_SHARE` (at most :data:`TALL_MAX` px), about twelve threat rows at 1000 px
#: tall (six before), the canvas keeping the rest (about 530 px at 1600x1000).
TALL, TALL_SHARE, TALL_MAX = 900, 0.37, 420


def bottom_height(height: int) -> int:
    """The height the bottom docks keep in a window ``height`` px tall."""
    if height >= TALL:
        return min(TALL_MAX, int(height * TALL_SHARE))
    return min(BOTTOM_MAX, int(height * BOTTOM_SHARE))


class DockScroll(QScrollArea):
    """A dock's content in a scroll area that asks for almost no room: the content keeps
    its own minimum size inside and scrolls when the dock is smaller."""

    def __init__(self, content: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("dock-scroll")
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumSize(DOCK_MIN_WIDTH - 20, 60)

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        return self.minimumSize()


def make_narrowable(dock: QDockWidget) -> None:
    """Put the dock's content in a :class:`DockScroll` (once); ``dock.widget()`` is then
    the scroll area and ``dock.widget().widget()`` the content."""
    content = dock.widget()
    if content is None or isinstance(content, DockScroll):
        return
    dock.setWidget(DockScroll(content))


def dock_content(dock: QDockWidget) -> QWidget | None:
    """The panel a dock shows, through its scroll area."""
    widget = dock.widget()
    return widget.widget() if isinstance(widget, DockScroll) else widget


def restore_dock(window, dock) -> bool:
    """List a feature dock under View and put it back where the user left it; False when it
    has no saved place yet (the caller then places it)."""
    make_narrowable(dock)
    created = getattr(window, "feature_dock_created", None)
    return bool(created(dock)) if created is not None else False


def side_docks(window, area: Qt.DockWidgetArea) -> list[QDockWidget]:
    """Visible, docked (not floating) docks of ``area``."""
    return [d for d in window.findChildren(QDockWidget)
            if d.isVisible() and not d.isFloating() and window.dockWidgetArea(d) == area]


def keep_bottom_height(window) -> bool:
    """Give the bottom docks back a usable height after the window shrank (they were
    squeezed to their title bars at 1280x720) or on a tall screen (:func:`bottom_height`).
    True if anything moved."""
    docks = side_docks(window, Qt.DockWidgetArea.BottomDockWidgetArea)
    want = bottom_height(window.height())
    if not docks or max(d.height() for d in docks) >= want:
        return False
    window.resizeDocks(docks, [want] * len(docks), Qt.Orientation.Vertical)
    return True


def keep_canvas_share(window, share: float | None = None) -> bool:
    """Narrow the left and right dock columns (in proportion) until the canvas has ``share``
    of the window's width, never below :data:`DOCK_MIN_WIDTH`. True if anything moved.

    Only window resizes and newly opened docks call this: a column the user widens by hand
    stays as wide as they made it until the window changes size.
    """
    central = window.centralWidget()
    if central is None or not central.isVisible():
        return False
    share = canvas_share(window.width()) if share is None else share
    missing = int(window.width() * share) - central.width()
    if missing <= 0:
        return False
    columns = []
    for area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea):
        docks = side_docks(window, area)
        if docks:
            columns.append((max(d.width() for d in docks), docks))
    if not columns:
        return False
    # every column gives up the same fraction of its width above the minimum, so a review
    # dock on the left and a workshop dock on the right both stay usable
    excess = sum(max(0, w - DOCK_MIN_WIDTH) for w, _ in columns)
    keep = max(0.0, 1.0 - missing / excess) if excess else 1.0
    widths = [w if w <= DOCK_MIN_WIDTH else int(DOCK_MIN_WIDTH + (w - DOCK_MIN_WIDTH) * keep)
              for w, _ in columns]
    changed = False
    for (old, docks), new in zip(columns, widths, strict=True):
        if new < old:
            window.resizeDocks(docks, [new] * len(docks), Qt.Orientation.Horizontal)
            changed = True
    return changed
