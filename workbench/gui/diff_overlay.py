"""Diff overlay: compare the open model with another version and mark the changes on the
canvas, with the list of changes beside it.

The open model is the *new* version; the file picked in "Compare with…" is the baseline.
Added elements and flows get a green outline and a round "+" badge, changed ones an amber
outline and a diamond "~" badge, removed ones a red dashed ghost where they were in the
baseline with a square "−" badge. Shape, badge and line style each tell the kind apart, so
the overlay reads without colour (Okabe-Ito hues, safe for the common colour-vision
deficiencies). The overlay follows edits: the diff is recomputed when the model changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGraphicsItem,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.diff import ModelDiff, diff_models
from workbench.model.errors import ModelError
from workbench.model.io import load_model
from workbench.model.layout import ELEMENT_H, ELEMENT_W, ensure_layout
from workbench.model.threat_model import ThreatModel

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
COLOURS = {ADDED: QColor("#009E73"), REMOVED: QColor("#D55E00"), CHANGED: QColor("#E69F00")}
BADGES = {ADDED: "+", REMOVED: "−", CHANGED: "~"}
Z_OVERLAY = 40.0
Z_FLOW_MARK = 5.0
BADGE = 22.0


class DiffBadge(QGraphicsItem):
    """The symbol in its shape, a constant size on screen whatever the zoom."""

    def __init__(self, mark: DiffMark):
        super().__init__(mark)
        self.mark = mark
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setPos(mark.badge_centre())

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = BADGE / 2 + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind, r = self.mark.kind, BADGE / 2
        c = QPointF(0, 0)
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QBrush(COLOURS[kind]))
        if kind == ADDED:
            painter.drawEllipse(c, r, r)
        elif kind == REMOVED:
            painter.drawRect(QRectF(-r, -r, 2 * r, 2 * r))
        else:
            painter.drawPolygon(QPolygonF([QPointF(0, -r - 2), QPointF(r + 2, 0),
                                           QPointF(0, r + 2), QPointF(-r - 2, 0)]))
        font = QFont(painter.font())
        font.setPixelSize(int(BADGE * 0.85))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("black") if kind == CHANGED else QColor("white"))
        painter.drawText(QRectF(-r, -r - 1, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                         BADGES[kind])


class DiffMark(QGraphicsItem):
    """One marked element (a rectangle) or flow (a path), with its badge."""

    def __init__(self, ident: str, kind: str, *, rect: QRectF | None = None,
                 path: QPainterPath | None = None, label: str = "",
                 avoid: list[QRectF] | None = None):
        super().__init__()
        self.avoid = avoid or []
        self.ident, self.kind, self.label = ident, kind, label
        self.rect = rect
        self.path = path
        # flows' halos go under the cards (z 10) and over the flow lines (z 0)
        self.setZValue(Z_OVERLAY if rect is not None else Z_FLOW_MARK)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # editing goes on underneath
        self.setAcceptHoverEvents(False)
        self.setToolTip(f"{BADGES[kind]} {label}")
        self.badge_item = DiffBadge(self)

    @property
    def colour(self) -> QColor:
        return COLOURS[self.kind]

    @property
    def badge(self) -> str:
        return BADGES[self.kind]

    def badge_centre(self) -> QPointF:
        if self.rect is not None:
            return self.rect.topRight() + QPointF(-2, 2)
        if self.path is None:
            return QPointF()
        # on the line, but not on top of a card the flow passes through or ends at
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            p = self.path.pointAtPercent(t)
            if not any(r.adjusted(-12, -12, 12, 12).contains(p) for r in self.avoid):
                return p
        return self.path.pointAtPercent(0.5)

    def pen(self) -> QPen:
        pen = QPen(self.colour, 4.0 if self.rect is not None else 5.0)
        if self.kind == REMOVED:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def boundingRect(self) -> QRectF:  # noqa: N802
        shape = self.rect if self.rect is not None else self.path.boundingRect()
        return shape.adjusted(-8, -8, 8, 8)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        if self.rect is not None:
            if self.kind == REMOVED:  # a ghost: where it was, faint fill, its name
                painter.setBrush(QColor(213, 94, 0, 28))
                painter.drawRoundedRect(self.rect, 8, 8)
                painter.setPen(QColor("#7a2e00"))
                font = QFont(painter.font())
                font.setPointSizeF(9.5)
                font.setStrikeOut(True)
                painter.setFont(font)
                big = self.rect.height() > 2 * ELEMENT_H  # a zone: name at the top
                align = (Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft) if big \
                    else Qt.AlignmentFlag.AlignCenter
                painter.drawText(self.rect.adjusted(8, 6, -BADGE, -6),
                                 align | Qt.TextFlag.TextWordWrap, self.label)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(self.rect.adjusted(-4, -4, 4, 4), 10, 10)
        elif self.path is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self.kind != REMOVED:  # a halo under the real flow line
                halo = QColor(self.colour)
                halo.setAlpha(110)
                wide = QPen(halo, 10.0)
                wide.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(wide)
            painter.drawPath(self.path)


def _box_rect(model: ThreatModel, ident: str) -> QRectF | None:
    box = model.layout.elements.get(ident)
    if box is None:
        return None
    return QRectF(box.x, box.y, box.w or ELEMENT_W, box.h or ELEMENT_H)


class DiffPanel(QWidget):
    """The list of changes from :class:`ModelDiff`, grouped by collection."""

    def __init__(self, overlay: DiffOverlay, parent=None):
        super().__init__(parent)
        self.overlay = overlay
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.itemClicked.connect(self._clicked)
        self.clear_btn = QPushButton(self.tr("Clear comparison"))
        self.clear_btn.clicked.connect(overlay.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.clear_btn)

    def show_diff(self, diff: ModelDiff, baseline: str) -> None:
        self.title.setText(self.tr("Changes since %1 (+ added, − removed, ~ changed)")
                           .replace("%1", baseline))
        self.tree.clear()
        names = {"components": self.tr("Elements"), "flows": self.tr("Flows"),
                 "zones": self.tr("Trust zones"), "data_assets": self.tr("Data assets"),
                 "threats": self.tr("Threats"), "controls": self.tr("Controls"),
                 "attackers": self.tr("Attackers"), "targets": self.tr("Targets")}
        if diff.metadata:
            top = QTreeWidgetItem([self.tr("Model details")])
            for key, (a, b) in diff.metadata.items():
                top.addChild(QTreeWidgetItem([f"~ {key}: {a!r} → {b!r}"]))
            self.tree.addTopLevelItem(top)
        for name, coll in diff.collections.items():
            if coll.empty:
                continue
            top = QTreeWidgetItem([f"{names.get(name, name)}  +{len(coll.added)} "
                                   f"−{len(coll.removed)} ~{len(coll.changed)}"])
            self.tree.addTopLevelItem(top)
            for kind, entries in ((ADDED, coll.added), (REMOVED, coll.removed),
                                  (CHANGED, coll.changed)):
                for change in entries:
                    row = QTreeWidgetItem([f"{BADGES[kind]} {change.label} ({change.ident})"])
                    row.setForeground(0, QBrush(COLOURS[kind].darker(150)))
                    row.setData(0, Qt.ItemDataRole.UserRole, change.ident)
                    for key, (a, b) in change.fields.items():
                        row.addChild(QTreeWidgetItem([f"{key}: {a!r} → {b!r}"]))
                    top.addChild(row)
            top.setExpanded(True)
        if self.tree.topLevelItemCount() == 0:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr("No difference")]))

    def rows(self) -> list[str]:
        """Every line of the list, depth first (what the user reads)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def _clicked(self, item: QTreeWidgetItem) -> None:
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        if ident:
            self.overlay.reveal(ident)


class DiffOverlay:
    """Owns the marks on the canvas and the changes dock of one main window."""

    def __init__(self, window):
        self.window = window
        self.baseline: ThreatModel | None = None
        self.baseline_path: str | None = None
        self.diff: ModelDiff | None = None
        self.marks: dict[str, DiffMark] = {}
        self.panel = DiffPanel(self)
        self.dock = QDockWidget(self.panel.tr("Changes"), window)
        self.dock.setObjectName("dock-diff")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        palette = getattr(window, "docks", {}).get("palette")
        if palette is not None:  # the full left column for the list of changes
            window.tabifyDockWidget(palette, self.dock)
        self.dock.hide()
        window.doc.changed.connect(self._model_changed)

    def compare_dialog(self) -> bool:
        start = str(Path(self.window.doc.path).parent) if self.window.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.panel.tr("Compare with…"), start,
            self.panel.tr("Threat models (*.twm.json *.json)"))
        return bool(path) and self.compare_with(path)

    def compare_with(self, path: str) -> bool:
        """Load ``path`` as the baseline and draw the overlay; a bad file says why."""
        try:
            baseline = load_model(path, self.window.stencils)
        except (ModelError, OSError) as exc:
            text = exc.describe() if isinstance(exc, ModelError) else f"{path}: {exc}"
            QMessageBox.critical(self.window, self.panel.tr("Cannot compare"), text)
            return False
        self.baseline, self.baseline_path = ensure_layout(baseline), str(path)
        self.refresh()
        self.dock.show()
        self.dock.raise_()
        return True

    def clear(self) -> None:
        self._remove_marks()
        self.baseline = self.diff = None
        self.dock.hide()

    def _remove_marks(self) -> None:
        scene = self.window.scene
        for mark in self.marks.values():
            if mark.scene() is scene:
                scene.removeItem(mark)
        self.marks.clear()

    def _model_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        if self.baseline is not None:
            self.refresh()

    def refresh(self) -> None:
        if self.baseline is None:
            return
        current = self.window.doc.model
        self.diff = diff_models(self.baseline, current, with_risk=False)
        self._remove_marks()
        self._mark_zones(self.diff)
        self._mark_elements(self.diff, current)
        self._mark_flows(self.diff, current)
        self.panel.show_diff(self.diff, Path(self.baseline_path or "").name)

    def _add(self, mark: DiffMark) -> None:
        self.window.scene.addItem(mark)
        self.marks[mark.ident] = mark

    def _mark_elements(self, diff: ModelDiff, current: ThreatModel) -> None:
        scene = self.window.scene
        comps = diff.collections["components"]
        for kind, entries in ((ADDED, comps.added), (CHANGED, comps.changed)):
            for change in entries:
                item = scene.elements.get(change.ident)
                if item is not None:
                    self._add(DiffMark(change.ident, kind, rect=item.scene_rect(),
                                       label=change.label))
        for change in comps.removed:
            rect = _box_rect(self.baseline, change.ident)
            if rect is not None:
                self._add(DiffMark(change.ident, REMOVED, rect=rect, label=change.label))

    def _mark_zones(self, diff: ModelDiff) -> None:
        """Trust zones: the same marks on their rectangles (a trust level change shows)."""
        zones = diff.collections["zones"]
        for kind, entries in ((ADDED, zones.added), (CHANGED, zones.changed)):
            for change in entries:
                item = self.window.scene.zones.get(change.ident)
                box = item.box if item is not None else None
                if box is not None and box.w and box.h:
                    self._add(DiffMark(change.ident, kind, rect=QRectF(box.x, box.y, box.w,
                                                                       box.h),
                                       label=change.label))
        for change in zones.removed:
            box = self.baseline.layout.zones.get(change.ident)
            if box is not None and box.w and box.h:
                self._add(DiffMark(change.ident, REMOVED, rect=QRectF(box.x, box.y, box.w,
                                                                      box.h),
                                   label=change.label))

    def _mark_flows(self, diff: ModelDiff, current: ThreatModel) -> None:
        scene = self.window.scene
        flows = diff.collections["flows"]
        cards = [el.scene_rect() for el in scene.elements.values()]
        for kind, entries in ((ADDED, flows.added), (CHANGED, flows.changed)):
            for change in entries:
                item = scene.flows.get(change.ident)
                if item is not None:
                    path = item.sceneTransform().map(item.path())
                    self._add(DiffMark(change.ident, kind, path=path, label=change.label,
                                       avoid=cards))
        old_flows = {f.id: f for f in self.baseline.flows}
        for change in flows.removed:
            flow = old_flows.get(change.ident)
            if flow is None:
                continue
            points = [r.center() for end in (flow.source, *flow.via, flow.target)
                      if (r := _box_rect(self.baseline, end)) is not None]
            if len(points) < 2:
                continue
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            self._add(DiffMark(change.ident, REMOVED, path=path, label=change.label,
                               avoid=cards))

    def reveal(self, ident: str) -> None:
        """Bring a changed item into view (and select it when it still exists)."""
        scene = self.window.scene
        if ident in scene.elements or ident in scene.flows:
            scene.select_ids([ident])
        mark = self.marks.get(ident)
        if mark is not None:
            self.window.view.ensureVisible(mark.boundingRect(), 60, 60)
