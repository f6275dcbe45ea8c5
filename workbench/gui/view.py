"""The canvas view: zoom (Ctrl+wheel, +/-), pan (middle button or Space+drag), fit, drops."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsView

from workbench.gui.palette import STENCIL_MIME

MIN_ZOOM, MAX_ZOOM = 0.05, 6.0
#: Below this zoom a card's name is hard to read on a projector.
READABLE_ZOOM = 0.6


class DiagramView(QGraphicsView):
    zoomChanged = Signal(float)

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self._panning = False
        self._pan_start = QPointF()
        self._space = False
        scene.zoneToolChanged.connect(self._zone_tool_changed)
        # after "fit" the view keeps fitting when the canvas changes size (a dock opens, the
        # window shrinks), until the analyst zooms or scrolls: then their view is kept
        self._fitted_at: tuple[float, int, int] | None = None
        self._fit_target: QRectF | None = None  # the last fitted path; None: the model

    #: while the canvas paints (:meth:`paintEvent`): the scene rectangles it repaints, as
    #: (left, top, right, bottom) floats grown by two pixels; None otherwise (a render())
    painting: list[tuple[float, float, float, float]] | None = None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Qt paints only the items whose box meets one of the repainted rectangles; the
        scene's :class:`~workbench.gui.items.FlowLayer` paints every flow in one item and
        reads them here to do the same (an edit repaints a card and a few flows' boxes,
        not the whole box around them)."""
        rects = []
        for rect in event.region():
            area = self.mapToScene(rect.adjusted(-2, -2, 2, 2)).boundingRect()
            rects.append((area.left(), area.top(), area.right(), area.bottom()))
        self.painting = rects
        try:
            super().paintEvent(event)
        finally:
            self.painting = None

    def _zone_tool_changed(self, on: bool) -> None:
        if on:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
            self.setFocus()  # Esc reaches the canvas
        else:
            self.viewport().unsetCursor()

    # --- the empty canvas says how to start -------------------------------------------------
    def empty_hint(self) -> str:
        return QCoreApplication.translate(
            "DiagramView",
            "To start: drag a stencil from the Stencils panel onto the canvas (or double-click "
            "it).\nTo connect: drag from an element's round handle onto another element.\n"
            "To draw a trust zone: press Z (or Edit ▸ Draw Trust Zone) and drag a rectangle.\n"
            "Then mark what matters: right-click an element ▸ Mark as attack target.")

    def drawForeground(self, painter, rect) -> None:  # noqa: N802 - Qt override
        super().drawForeground(painter, rect)
        scene = self.scene()
        if getattr(scene, "elements", None) or getattr(scene, "zones", None):
            return
        text = self.empty_hint()
        if not text:
            return
        painter.save()
        painter.resetTransform()
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        painter.setFont(font)
        # a card in the middle of the viewport, below the lane titles, on its own background
        view = self.viewport().rect()
        width = min(view.width() - 40, 640)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        bound = painter.boundingRect(0, 0, width - 32, 10_000, flags, text)
        card = QRectF(0, 0, width, bound.height() + 28)
        card.moveCenter(QPointF(view.center()))
        card.moveTop(max(card.top(), 70.0))
        painter.setPen(QColor("#d0d7de"))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(card, 8, 8)
        painter.setPen(QColor("#424a53"))
        painter.drawText(card.adjusted(16, 14, -16, -14), flags, text)
        painter.restore()

    # --- zoom and fit -----------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def _remember_fit(self) -> None:
        self._fitted_at = (self.zoom(), self.horizontalScrollBar().value(),
                           self.verticalScrollBar().value())

    def still_fitted(self) -> bool:
        """True while the zoom and scroll are those of the last fit."""
        return self._fitted_at == (self.zoom(), self.horizontalScrollBar().value(),
                                   self.verticalScrollBar().value())

    def resizeEvent(self, event) -> None:  # noqa: N802
        fitted = self.still_fitted()
        super().resizeEvent(event)
        if fitted and event.oldSize().width() > 0 and event.size() != event.oldSize():
            if self._fit_target is not None:
                self._fit_to_target()  # a lit path stays wholly in view
            else:
                self.fit_readable()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = target / self.zoom()
        self.scale(factor, factor)
        self.zoomChanged.emit(self.zoom())

    def reset_zoom(self) -> None:
        self.resetTransform()
        self.zoomChanged.emit(1.0)

    def fit(self) -> QRectF:
        """Fit the whole diagram (at most 150 %); returns the rectangle fitted (the items'
        bounds with a margin: a walk over every item, not asked twice)."""
        self._fit_target = None
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.resetTransform()
            self.scale(1.5, 1.5)
        self._remember_fit()
        self.zoomChanged.emit(self.zoom())
        return rect

    def fit_rect(self, rect: QRectF, margin: float = 40.0, wider: QRectF | None = None) -> None:
        """Bring ``rect`` (an attack path's elements) wholly into view with ``margin``, and
        keep it there when the canvas changes size (a dock raised, the window shrunk), until
        the analyst zooms or scrolls.

        The zoom is kept when the rect fits at it and is readable; a rect too big for the
        view is zoomed out to (both ends of a path in view win over a readable zoom); a
        zoom below ``readable`` (a tall model fitted whole) is raised as far as the rect
        allows, at most to 100 %. ``wider`` (the cards a path's lit lines cross) is fitted
        instead when that keeps the zoom readable."""
        self._fit_target = QRectF(rect).adjusted(-margin, -margin, margin, margin)
        if wider is not None:
            wider = QRectF(wider).united(rect).adjusted(-margin, -margin, margin, margin)
            if self._fitting_zoom(wider) >= READABLE_ZOOM:
                self._fit_target = wider
        self._fit_to_target()

    def _fitting_zoom(self, rect: QRectF) -> float:
        port = self.viewport().rect()
        return min((port.width() - 4) / max(1.0, rect.width()),
                   (port.height() - 4) / max(1.0, rect.height()))

    def _fit_to_target(self) -> None:
        rect = self._fit_target
        if rect is None or rect.isEmpty():
            return
        port = self.viewport().rect()
        fits = self._fitting_zoom(rect)
        zoom = self.zoom()
        if zoom > fits:
            target = fits
        elif zoom < READABLE_ZOOM:
            target = min(fits, 1.0)
        else:
            target = zoom
        target = min(MAX_ZOOM, max(MIN_ZOOM, target))
        if abs(target - zoom) > 1e-6:
            self.scale(target / zoom, target / zoom)
        visible = self.mapToScene(port).boundingRect()
        if not visible.contains(rect):
            self.centerOn(rect.center())
        self._remember_fit()
        self.zoomChanged.emit(self.zoom())

    def fit_readable(self, min_zoom: float = 0.6) -> None:
        """Fit the whole diagram if its text stays readable; else fit the width and show
        the top (tall models: layers run left to right, zones top to bottom). When even
        the width does not fit at ``min_zoom`` (a hospital group's model), show the top
        left corner, where the first layer and the first zone begin: the middle of such a
        model's top edge can lie past its first zones, and the canvas opened empty."""
        rect = self.fit()
        if self.zoom() >= min_zoom:
            return  # fit() remembered it
        width = max(1.0, self.viewport().width() - 4)
        scale = max(min_zoom, min(1.25, width / rect.width()))
        self.resetTransform()
        self.scale(scale, scale)
        x = rect.center().x()
        if rect.width() * scale > width:  # wider than the view: its left edge in view
            x = rect.left() + self.viewport().width() / scale / 2
        self.centerOn(x, rect.top() + self.viewport().height() / scale / 2)
        self._remember_fit()
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    # --- pan ----------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and getattr(self.scene(), "zone_tool", False):
            self.scene().set_zone_tool(False)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._panning = True
            self._pan_start = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._panning:
            delta = event.position() - self._pan_start
            self._pan_start = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._panning:
            self._panning = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- context menu --------------------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """Right click: act on the element under the cursor (selected first)."""
        window = self.window()
        scene = self.scene()
        pos = self.mapToScene(event.pos())
        item = next((i for i in scene.items(pos) if hasattr(i, "item_id")), None)
        if item is not None and not item.isSelected():
            scene.clearSelection()
            item.setSelected(True)
        menu = build_context_menu(window, scene, item)
        if menu is not None:
            menu.exec(event.globalPos())

    # --- drops from the palette ---------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(STENCIL_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(STENCIL_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        data = event.mimeData()
        if not data.hasFormat(STENCIL_MIME):
            super().dropEvent(event)
            return
        stencil_id = bytes(data.data(STENCIL_MIME)).decode("utf-8")
        pos = self.mapToScene(event.position().toPoint())
        self.scene().add_stencil_at(stencil_id, pos)
        event.acceptProposedAction()


def add_context_menu_extension(window, extend) -> None:
    """Let a feature package add entries to the canvas menu of ``window``.

    ``extend(window, menu, item)`` is called after the view's own entries, for every
    right-click on an element, flow or zone (``item`` has ``item_id``); it adds actions or
    sub-menus to ``menu``. An explicit hook keeps packages from rebuilding the menu.
    """
    extensions = getattr(window, "context_menu_extensions", None)
    if extensions is None:
        extensions = window.context_menu_extensions = []
    extensions.append(extend)


def build_context_menu(window, scene, item):
    """The canvas's right-click menu for ``item`` (an element, flow, zone or nothing)."""
    menu = _own_context_menu(window, scene, item)
    if item is not None:
        for extend in getattr(window, "context_menu_extensions", ()):
            extend(window, menu, item)
    return menu


def _own_context_menu(window, scene, item):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMenu

    from workbench.model import edits

    menu = QMenu(window)
    actions = getattr(window, "actions_by_name", {})
    if item is None:
        for key in ("paste", "select_all", "layout", "fit"):
            if key in actions:
                menu.addAction(actions[key])
        return menu
    for key in ("cut", "copy", "delete"):
        if key in actions:
            menu.addAction(actions[key])
    element = item.item_id if item.item_id in scene.elements else None
    if element is not None:
        menu.addSeparator()
        if "zone" in actions:
            menu.addAction(actions["zone"])
        targets = menu.addMenu(QCoreApplication.translate("DiagramView", "Mark as attack target"))
        kinds = (
            ("patient_safety", QCoreApplication.translate("DiagramView", "Patient safety")),
            ("health_data", QCoreApplication.translate("DiagramView", "Health data")),
            ("care_service", QCoreApplication.translate("DiagramView", "Care service")),
        )
        for kind, label in kinds:
            action = targets.addAction(label)
            action.triggered.connect(lambda checked=False, k=kind: mark_target(window, element, k))
        if any(tg.element == element for tg in window.doc.model.targets):
            clear = menu.addAction(
                QCoreApplication.translate("DiagramView", "Remove attack targets")
            )
            clear.triggered.connect(
                lambda: window.doc.apply(
                    QCoreApplication.translate("DiagramView", "Remove attack targets"),
                    edits.remove_targets,
                    element,
                )
            )
    return menu


def mark_target(window, element: str, kind: str) -> None:
    """Make ``element`` an attack target of ``kind`` (one undoable edit)."""
    from PySide6.QtCore import QCoreApplication

    from workbench.model import edits

    try:
        window.doc.apply(
            QCoreApplication.translate("DiagramView", "Mark as attack target"),
            edits.add_target,
            element,
            kind,
            select=[element],
        )
    except ValueError as exc:
        window.statusBar().showMessage(str(exc), 5000)
