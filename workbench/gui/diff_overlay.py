"""Diff overlay: compare the open model with another version and mark the changes on the
canvas, with the list of changes beside it.

The open model is the *new* version; the file picked in "Compare with…" is the baseline.
Added elements and flows get a green outline and a round "+" badge, changed ones an amber
outline and a diamond "~" badge, removed ones a red dashed ghost where they were in the
baseline with a square "−" badge. Shape, badge and line style each tell the kind apart, so
the overlay reads without colour (Okabe-Ito hues, safe for the common colour-vision
deficiencies). The overlay follows edits: the diff is recomputed when the model changes.

Risk per target (threat risk and attack-path probability, the same figures as
``workbench diff``) is computed off the GUI thread (:mod:`workbench.gui.diff_risk`); the
list shows it first, and each target whose risk moved gets a tag under its card: an arrow
up (worse), down (better) or both (mixed), with the old and new figures.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
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

from workbench.analysis.diff import (
    DIRECTION_ARROWS,
    PROBABILITY_NOISE,
    ModelDiff,
    TargetRisk,
    compare_risk,
    diff_models,
)
from workbench.gui.diff_risk import RiskRunner
from workbench.gui.docks import restore_dock
from workbench.gui.i18n import percent
from workbench.gui.labels import level_label
from workbench.model.errors import ModelError
from workbench.model.io import load_model
from workbench.model.layout import ELEMENT_H, ELEMENT_W, ensure_layout
from workbench.model.threat_model import ThreatModel

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
COLOURS = {ADDED: QColor("#009E73"), REMOVED: QColor("#D55E00"), CHANGED: QColor("#E69F00")}
BADGES = {ADDED: "+", REMOVED: "−", CHANGED: "~"}
Z_OVERLAY = 40.0
Z_RISK_TAG = 45.0
#: How risk moved for a target: arrow and colour (Okabe-Ito, as above).
DIRECTION_COLOURS = {"worse": QColor("#D55E00"), "better": QColor("#009E73"),
                     "mixed": QColor("#E69F00")}
DIRECTIONS = {d: (arrow, DIRECTION_COLOURS.get(d, QColor("#555555")))
              for d, arrow in DIRECTION_ARROWS.items()}
Z_FLOW_MARK = 5.0
BADGE = 22.0
RISK_SECTION = "risk-per-target"


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


def risk_tag_text(change: TargetRisk) -> str:
    """The figures that moved, shortest first: worst score, else total, then probability."""
    old, new = change.old or {}, change.new or {}
    parts = []
    if change.delta:
        parts.append(f"{old['score']}→{new['score']}")
    elif change.total_delta:
        parts.append(f"Σ {old['total']}→{new['total']}")
    if abs(change.probability_delta or 0.0) >= PROBABILITY_NOISE:
        parts.append(f"p {percent(old['probability'])}→{percent(new['probability'])}")
    return f"{DIRECTIONS[change.direction][0]} " + "  ".join(parts)


class RiskTag(QGraphicsItem):
    """Under a target's card: how its risk moved, a constant size on screen."""

    PAD = 5.0

    def __init__(self, change: TargetRisk, anchor: QPointF):
        super().__init__()
        self.change = change
        self.text = risk_tag_text(change)
        self.colour = DIRECTIONS[change.direction][1]
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(Z_RISK_TAG)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setPos(anchor)
        self.font = QFont()
        self.font.setPixelSize(13)
        self.font.setBold(True)
        self.setToolTip(change.label)
        # text and font never change: measure once, not on every paint
        width = QFontMetricsF(self.font).horizontalAdvance(self.text) + 2 * self.PAD
        self.rect = QRectF(-width / 2, 0, width, 22)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(QBrush(self.colour))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(self.font)
        painter.setPen(QColor("black") if self.change.direction == "mixed" else QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)


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

    def show_risk(self, changes: list[TargetRisk] | None, basis: str = "",
                  error: str | None = None) -> None:
        """The "Risk per target" section, first in the list; ``None`` while computing."""
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == RISK_SECTION:
                self.tree.takeTopLevelItem(i)
                break
        top = QTreeWidgetItem()
        top.setData(0, Qt.ItemDataRole.UserRole, RISK_SECTION)
        if error is not None:
            top.setText(0, self.tr("Risk per target: not available"))
            top.setToolTip(0, error)
        elif changes is None:
            top.setText(0, self.tr("Risk per target: computing…"))
        else:
            counts = {d: sum(1 for c in changes if c.direction == d)
                      for d in ("worse", "better", "mixed")}
            # "%1 worse" rather than Qt plurals: the French reads "%1 en hausse" for any n
            parts = [self.tr("%1 worse").replace("%1", str(counts["worse"])),
                     self.tr("%1 better").replace("%1", str(counts["better"]))]
            if counts["mixed"]:
                parts.append(self.tr("%1 mixed").replace("%1", str(counts["mixed"])))
            top.setText(0, self.tr("Risk per target: %1").replace("%1", ", ".join(parts)))
            top.setToolTip(0, basis)
            for change in changes:
                arrow, colour = DIRECTIONS[change.direction]
                row = QTreeWidgetItem([f"{arrow} {change.label}: {self.risk_text(change)}"])
                row.setForeground(0, QBrush(colour.darker(130)))
                row.setData(0, Qt.ItemDataRole.UserRole, f"target:{change.target}")
                row.setToolTip(0, f"{row.text(0)}\n\n{basis}")
                top.addChild(row)
        self.tree.insertTopLevelItem(0, top)
        top.setExpanded(True)

    def level_name(self, level: str) -> str:
        return level_label(level).lower()

    def risk_text(self, change: TargetRisk) -> str:
        """Old → new worst risk, total and compromise probability, in the user's words."""
        if change.old is None or change.new is None:
            value = change.new or change.old or {}
            word = self.tr("new target") if change.old is None else self.tr("target removed")
            return f"{word} ({value.get('score', 0)} {self.level_name(value.get('level', ''))})"
        old, new = change.old, change.new
        text = self.tr("worst %1 → %2").replace(
            "%1", f"{old['score']} {self.level_name(old['level'])}").replace(
            "%2", f"{new['score']} {self.level_name(new['level'])}")
        text += ", " + self.tr("total %1 → %2").replace("%1", str(old["total"])).replace(
            "%2", str(new["total"]))
        if "probability" in old and "probability" in new:
            text += ", " + self.tr("compromise %1 → %2").replace(
                "%1", percent(old["probability"])).replace("%2", percent(new["probability"]))
        return text

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
        if isinstance(ident, str) and ident.startswith("target:"):
            self.overlay.reveal_target(ident.removeprefix("target:"))
        elif ident and ident != RISK_SECTION:
            self.overlay.reveal(ident)


class DiffOverlay:
    """Owns the marks on the canvas and the changes dock of one main window."""

    def __init__(self, window):
        self.window = window
        self.baseline: ThreatModel | None = None
        self.baseline_path: str | None = None
        self.diff: ModelDiff | None = None
        self.marks: dict[str, DiffMark] = {}
        self.risk_tags: dict[str, RiskTag] = {}
        self.risk_changes: list[TargetRisk] | None = None
        self.risk_error: str | None = None
        self.risk = RiskRunner(window)
        self.risk.ready.connect(self._risk_ready)
        self.risk.failed.connect(self._risk_failed)
        self.panel = DiffPanel(self)
        self.dock = QDockWidget(QCoreApplication.translate("DiffPanel", "Changes"), window)
        self.dock.setObjectName("dock-diff")
        self.dock.setWidget(self.panel)
        if not restore_dock(window, self.dock):
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            palette = getattr(window, "docks", {}).get("palette")
            if palette is not None:  # the full left column for the list of changes
                window.tabifyDockWidget(palette, self.dock)
        self.dock.hide()  # shown by a comparison, not by a restored layout
        window.doc.changed.connect(self._model_changed)

    def compare_dialog(self) -> bool:
        start = str(Path(self.window.doc.path).parent) if self.window.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("DiffPanel", "Compare with…"), start,
            QCoreApplication.translate("DiffPanel", "Threat models (*.twm.json *.json)"))
        return bool(path) and self.compare_with(path)

    def compare_with(self, path: str) -> bool:
        """Load ``path`` as the baseline and draw the overlay; a bad file says why."""
        try:
            baseline = load_model(path, self.window.stencils)
        except (ModelError, OSError) as exc:
            text = exc.describe() if isinstance(exc, ModelError) else f"{path}: {exc}"
            QMessageBox.critical(self.window,
                                 QCoreApplication.translate("DiffPanel", "Cannot compare"), text)
            return False
        return self.compare_with_model(baseline, str(path))

    def compare_with_model(self, baseline: ThreatModel, label: str) -> bool:
        """Compare with a model in memory (e.g. the one before a vendor update)."""
        self.baseline, self.baseline_path = ensure_layout(baseline), label
        self.risk_changes = self.risk_error = None
        self.refresh()
        self.risk.compare(self.baseline, self.window.doc.model)
        self.dock.show()
        self.dock.raise_()
        # wide enough for "▼ target: worst 16 critical → 8 high, …" without a scroll
        self.window.resizeDocks([self.dock], [max(self.dock.width(), 420)],
                                Qt.Orientation.Horizontal)
        return True

    def clear(self) -> None:
        self.risk.stop()
        self._remove_marks()
        self._remove_risk_tags()
        self.baseline = self.diff = self.risk_changes = None
        self.dock.hide()

    def _remove_marks(self) -> None:
        scene = self.window.scene
        for mark in self.marks.values():
            if mark.scene() is scene:
                scene.removeItem(mark)
        self.marks.clear()

    def _remove_risk_tags(self) -> None:
        scene = self.window.scene
        for tag in self.risk_tags.values():
            if tag.scene() is scene:
                scene.removeItem(tag)
        self.risk_tags.clear()

    def _model_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        if self.baseline is not None:
            self.risk_changes = self.risk_error = None  # stale until recomputed
            self.risk.current_changed(new)
            self.refresh()

    def wait_for_risk(self, ms: int = 30_000) -> bool:
        """Block until risk per target is shown (tests, report export)."""
        from PySide6.QtCore import QCoreApplication

        ok = self.risk.wait(ms)
        QCoreApplication.processEvents()  # deliver the queued results
        return ok and self.risk_changes is not None

    def _risk_ready(self) -> None:
        if self.baseline is None or not shiboken6.isValid(self.window):  # closed meanwhile
            return
        before, after = self.risk.tables["baseline"], self.risk.tables["current"]
        self.risk_changes = compare_risk(before or {}, after or {})
        self.risk_error = None
        self._show_risk()

    def _risk_failed(self, message: str) -> None:
        if not shiboken6.isValid(self.window):
            return
        self.risk_error = message
        self._show_risk()

    def _show_risk(self) -> None:
        self._remove_risk_tags()
        self.panel.show_risk(self.risk_changes, self.risk.basis, self.risk_error)
        for change in self.risk_changes or []:
            if change.direction not in ("worse", "better", "mixed"):
                continue
            element = self._target_element(change.target)
            item = self.window.scene.elements.get(element) if element else None
            if item is None:
                continue
            rect = item.scene_rect()
            tag = RiskTag(change, QPointF(rect.center().x(), rect.bottom() + 4))
            self.window.scene.addItem(tag)
            self.risk_tags[change.target] = tag

    def _target_element(self, target: str) -> str | None:
        """The element a target sits on (the target id itself when the model has none)."""
        for model in (self.window.doc.model, self.baseline):
            if model is None:
                continue
            found = next((t.element for t in model.targets if t.id == target), None)
            if found:
                return found
        return target

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
        self._show_risk()

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

    def reveal_target(self, target: str) -> None:
        element = self._target_element(target)
        if element:
            self.reveal(element)
            item = self.window.scene.elements.get(element)
            if item is not None:
                self.window.view.ensureVisible(item.scene_rect(), 60, 60)

    def reveal(self, ident: str) -> None:
        """Bring a changed item into view (and select it when it still exists)."""
        scene = self.window.scene
        if ident in scene.elements or ident in scene.flows:
            scene.select_ids([ident])
        mark = self.marks.get(ident)
        if mark is not None:
            self.window.view.ensureVisible(mark.boundingRect(), 60, 60)
