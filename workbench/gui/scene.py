"""The diagram scene: mirrors the document's model and turns gestures into edits.

After each edit the scene diffs the old and new model by object identity and touches only
the items whose component, flow, zone or box changed (a full rebuild is the naive baseline
in ``benchmarks/bench_gui.py``).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsRectItem, QGraphicsScene

from workbench.gui.catalog_text import stencil_label
from workbench.gui.core_text import core_message
from workbench.gui.document import Document
from workbench.gui.items import (
    Edges,
    ElementItem,
    FlowItem,
    FlowLabel,
    FlowLayer,
    LaneItem,
    ZoneItem,
    resized_rect,
)
from workbench.model import edits
from workbench.model.entities import Box
from workbench.model.enums import LAYER_ORDER, Layer
from workbench.model.geometry import clip_segment
from workbench.model.layout import ELEMENT_H, ELEMENT_W, LANE_HEADER, LANE_W, auto_layout, lane_x
from workbench.model.threat_model import ThreatModel

LANE_TITLES = ("Things", "Gateways", "Networks", "Cloud")
_CELL = 120.0
#: How far (scene px) beside a card a released flow still snaps to it.
SNAP = 28.0
#: The smallest trust zone the zone tool draws (a slip of the mouse is not a zone).
MIN_ZONE = (60.0, 40.0)


def _segment_enters(segment: QLineF, rect: QRectF) -> float | None:
    """Where (0..1 along ``segment``) it first touches ``rect``, or None if it misses it."""
    part = clip_segment((segment.x1(), segment.y1()), (segment.x2(), segment.y2()),
                        (rect.left(), rect.top(), rect.width(), rect.height()))
    return None if part is None else part[0]


def lane_titles() -> list[str]:
    return [QCoreApplication.translate("DiagramScene", "Things"),
            QCoreApplication.translate("DiagramScene", "Gateways"),
            QCoreApplication.translate("DiagramScene", "Networks"),
            QCoreApplication.translate("DiagramScene", "Cloud")]


class DiagramScene(QGraphicsScene):
    """Items for components, flows, zones and the four layer swimlanes."""

    #: a status-bar message (e.g. why a connection was refused)
    message = Signal(str)
    #: a trust zone was drawn with the zone tool (its id): the window lets the analyst name it
    zoneDrawn = Signal(str)
    #: the zone tool was armed or disarmed
    zoneToolChanged = Signal(bool)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.elements: dict[str, ElementItem] = {}
        self.flows: dict[str, FlowItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self.lanes = [LaneItem(i, title, lane_x(i), LANE_W, LANE_HEADER)
                      for i, title in enumerate(lane_titles())]
        for lane in self.lanes:
            self.addItem(lane)
        self._flows_of: dict[str, set[str]] = defaultdict(set)
        self._model: ThreatModel | None = None
        self._connect_from: ElementItem | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._preview_via: list[str] = []  # networks the flow being dragged would go through
        self._press_positions: dict[str, QPointF] = {}
        self._zone_drags: dict[str, tuple[ZoneItem, dict[str, QPointF]]] = {}
        self._highlight: set[str] | None = None
        self._hops: dict[str, set[frozenset[str]]] = {}
        self.zone_tool = False
        self._zone_rubber: QGraphicsRectItem | None = None
        #: a zone being resized: (item, edges grabbed, its rect at the press, press point)
        self._zone_resize: tuple[ZoneItem, str, QRectF, QPointF] | None = None
        self._label_grid: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._label_rects: dict[str, tuple[float, float, float, float]] = {}
        self._element_rects: dict[str, tuple[float, float, float, float]] = {}
        self._header_rects: list[tuple[float, float, float, float]] = []
        self._label_cells: dict[str, list[tuple[int, int]]] = {}
        self._element_grid: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._element_cells: dict[str, list[tuple[int, int]]] = {}
        #: per grid cell, its cards' edges (:meth:`_cards_at`), for one placement pass
        self._card_cells: dict[tuple[int, int], tuple[tuple[float, float, float, float], ...]] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        #: paints every flow (see FlowLayer): the flows' items do not paint themselves
        self.flow_layer = FlowLayer(self.flows)
        self.addItem(self.flow_layer)
        self.selectionChanged.connect(self.flow_layer.restyle_selected)
        doc.changed.connect(self._on_changed)
        self.sync(doc.model)

    # --- mirroring the model ---------------------------------------------------------------
    def _on_changed(self, old: ThreatModel, new: ThreatModel) -> None:
        self.sync(new)

    def rebuild(self, model: ThreatModel) -> None:
        """Drop every item and draw again (the naive baseline; also used on Open)."""
        for item in [*self.elements.values(), *self.flows.values(), *self.zones.values()]:
            if isinstance(item, FlowItem):
                self.flow_layer.release(item)
                if item.label is not None:
                    self.removeItem(item.label)
            self.removeItem(item)
        self.elements.clear()
        self.flows.clear()
        self.zones.clear()
        self._label_grid.clear()
        self._label_cells.clear()
        self._element_grid.clear()
        self._element_cells.clear()
        self._model = None
        self.sync(model)

    def sync(self, model: ThreatModel) -> None:
        """Bring the items in line with ``model``, touching only what changed."""
        stencils = self.doc.stencils
        boxes = model.layout.elements
        fallback = None
        changed: set[str] = set()
        seen: set[str] = set()
        for comp in model.components:
            seen.add(comp.id)
            box = boxes.get(comp.id)
            if box is None:
                fallback = fallback or auto_layout(model)
                box = fallback.elements[comp.id]
            item = self.elements.get(comp.id)
            stencil = stencils.get(comp.stencil) if stencils is not None else None
            if item is None:
                item = ElementItem(comp, box, stencil)
                self.addItem(item)
                self.elements[comp.id] = item
                changed.add(comp.id)
                continue
            if item.comp is not comp:
                item.set_component(comp, stencil)
                changed.add(comp.id)
            if item.box is not box:
                item.set_box(box)
                changed.add(comp.id)
        for cid in [c for c in self.elements if c not in seen]:
            self.removeItem(self.elements.pop(cid))
            changed.add(cid)
        for cid in changed:
            self._index_element(cid)

        zone_boxes = model.layout.zones
        seen_zones: set[str] = set()
        for zone in model.zones:
            box = zone_boxes.get(zone.id)
            if box is None:
                fallback = fallback or auto_layout(model)
                box = fallback.zones.get(zone.id)
            if box is None:  # a zone with no member has nowhere to be drawn
                continue
            seen_zones.add(zone.id)
            item = self.zones.get(zone.id)
            if item is None:
                item = ZoneItem(zone, box)
                self.addItem(item)
                self.zones[zone.id] = item
            elif item.zone is not zone or item.box is not box:
                item.set_zone(zone, box)
        for zid in [z for z in self.zones if z not in seen_zones]:
            self.removeItem(self.zones.pop(zid))

        flow_seen: set[str] = set()
        rerouted: list[FlowItem] = []
        boxes: dict[str, Edges] = {}  # cards' rectangles, read once for this pass
        if changed or self._model is None or model.flows is not self._model.flows:
            self._flows_of.clear()
            for flow in model.flows:
                flow_seen.add(flow.id)
                ends = (flow.source, *flow.via, flow.target)
                for end in ends:
                    self._flows_of[end].add(flow.id)
                item = self.flows.get(flow.id)
                if item is None:
                    item = FlowItem(flow)
                    self.flow_layer.adopt(item)
                    self.addItem(item)
                    item.label = FlowLabel(item)
                    self.addItem(item.label)
                    self.flows[flow.id] = item
                elif item.flow is flow and not changed.intersection(ends):
                    continue
                self._route(item, flow, boxes)
                rerouted.append(item)
            for fid in [f for f in self.flows if f not in flow_seen]:
                item = self.flows.pop(fid)
                self._unplace_label(fid)
                self.flow_layer.release(item)
                self.removeItem(item.label)
                self.removeItem(item)
            self.flow_layer.fit()
        was_empty = self._model is None or not (self._model.components or self._model.zones)
        self._model = model
        self._place_labels(rerouted, changed)
        self._fit_lanes()
        if self._highlight is not None:
            self.set_highlight(self._highlight, self._hops)
        if was_empty != (not (model.components or model.zones)):
            for view in self.views():  # the empty-canvas hint comes or goes
                view.viewport().update()

    def _route(self, item: FlowItem, flow,
               boxes: dict[str, Edges] | None = None) -> None:
        """Route ``item`` through its ends' cards. ``boxes`` keeps each card's rectangle
        (x, y, width, height) read once for a whole pass (:meth:`sync`): a card is an end
        of many flows, and Qt was asked for its rectangle once per flow end."""
        if boxes is None:
            boxes = {}
        rects, ends = [], []
        for end in (flow.source, *flow.via, flow.target):
            rect = boxes.get(end)
            if rect is None:
                el = self.elements.get(end)
                if el is None:
                    continue
                rect = boxes[end] = el.scene_edges()
            rects.append(rect)
            ends.append(end)
        item.route_boxes(flow, rects, ends)
        if item.label is not None:
            item.label.refresh()

    def _element_dragged(self, item: ElementItem) -> None:
        """Flows follow an element while it is dragged (the model changes on release)."""
        for fid in self._flows_of.get(item.item_id, ()):
            flow_item = self.flows.get(fid)
            if flow_item is not None:
                self._route(flow_item, flow_item.flow)
                anchor = flow_item.label_anchor()
                if anchor and flow_item.label:
                    r = flow_item.label.boundingRect()
                    flow_item.label.setPos(anchor[0] - QPointF(r.width() / 2, r.height() / 2))
        self.flow_layer.fit()  # a flow dragged past the others' edge is painted there too

    def _fit_lanes(self) -> None:
        bottom = 400.0
        for item in self.elements.values():
            bottom = max(bottom, item.y() + item.h)
        for item in self.zones.values():
            bottom = max(bottom, item.box.y + (item.box.h or 0))
        for lane in self.lanes:
            lane.set_height(bottom + 40)

    # --- flow labels: never on top of another label or an element --------------------------
    def _cells(self, rect: QRectF) -> list[tuple[int, int]]:
        return _cells_of(rect.left(), rect.top(), rect.right(), rect.bottom())

    def _card_cells_of(self, item: ElementItem) -> list[tuple[int, int]]:
        """:meth:`_cells` of the card's ``scene_rect``, from its floats (one call into Qt)."""
        x, y, w, h = item.scene_edges()
        return _cells_of(x, y, x + w, y + h)

    def _index_element(self, cid: str) -> None:
        """Keep the element grid (used to keep labels off elements) in step."""
        for cell in self._element_cells.pop(cid, []):
            self._element_grid[cell].discard(cid)
        item = self.elements.get(cid)
        if item is not None:
            cells = self._card_cells_of(item)
            self._element_cells[cid] = cells
            for cell in cells:
                self._element_grid[cell].add(cid)

    def _unplace_label(self, fid: str) -> None:
        for cell in self._label_cells.pop(fid, []):
            self._label_grid[cell].discard(fid)

    def _free(self, fid: str, left: float, top: float, w: float, h: float) -> bool:
        """True when the rectangle (``left``, ``top``, ``w``, ``h``) covers no other label,
        no element (grown by 2 px) and no zone title.

        Rectangles are compared as float tuples read once per placement pass
        (:meth:`_place_labels`): asking Qt for every neighbour's rectangle on every candidate
        spot was most of opening a large model. Same test as ``QRectF.intersects``
        (:func:`_meet`, written out: a crowded label tries dozens of spots, each against the
        cards of its cells), with the edges ``QRectF`` and ``QRectF.adjusted`` would give;
        the first overlap ends the test (a spot is taken only when nothing overlaps it, so
        what it covers is not counted). ``tests/gui/test_label_spots.py`` checks it against
        the test written with :func:`_meet`.
        """
        right, bottom = left + w, top + h
        if left != right and top != bottom:  # a null rectangle meets nothing
            labels, label_grid = self._label_rects, self._label_grid
            for i in range(int(left // _CELL), int(right // _CELL) + 1):
                for j in range(int(top // _CELL), int(bottom // _CELL) + 1):
                    for other in label_grid.get((i, j), ()):
                        if other != fid:
                            edges = labels.get(other)
                            if edges is None:
                                edges = labels[other] = _edges(
                                    self.flows[other].label.sceneBoundingRect())
                            a0, a1, a2, a3 = edges
                            if (a0 < right and left < a2 and a1 < bottom and top < a3
                                    and a0 != a2 and a1 != a3):
                                return False
        gl, gt = left - 2, top - 2  # QRectF.adjusted(-2, -2, 2, 2)
        gr, gb = gl + (w + 2 - -2), gt + (h + 2 - -2)
        if gl == gr or gt == gb:
            return True
        card_cells = self._card_cells
        for i in range(int(gl // _CELL), int(gr // _CELL) + 1):
            for j in range(int(gt // _CELL), int(gb // _CELL) + 1):
                cards = card_cells.get((i, j))
                if cards is None:
                    cards = self._cards_at((i, j))
                for a0, a1, a2, a3 in cards:
                    if a0 < gr and gl < a2 and a1 < gb and gt < a3:
                        return False
        for a0, a1, a2, a3 in self._header_rects:
            if a0 < gr and gl < a2 and a1 < gb and gt < a3 and a0 != a2 and a1 != a3:
                return False
        return True

    def _cards_at(self, cell: tuple[int, int]) -> tuple[tuple[float, float, float, float], ...]:
        """The edges of the cards in ``cell`` that are not null rectangles, kept for the
        placement pass (cards do not move during it): every spot in the cell reads them."""
        rows = []
        elements = self._element_rects
        for cid in self._element_grid.get(cell, ()):
            edges = elements.get(cid)
            if edges is None:
                edges = elements[cid] = _edges(self.elements[cid].scene_rect())
            if edges[0] != edges[2] and edges[1] != edges[3]:
                rows.append(edges)
        cards = self._card_cells[cell] = tuple(rows)
        return cards

    def _best_spot(self, fid: str, item: FlowItem, r: QRectF) -> QRectF | None:
        """First free spot along the flow (longest segment first, then further off the
        line); None when every spot would cover another label or an element."""
        w, h = r.width(), r.height()
        lines = []
        for seg in sorted(item.segments, key=lambda s: -s.length()):
            length = seg.length() or 1.0
            nx, ny = -seg.dy() / length, seg.dx() / length  # unit normal
            if ny < 0 or (ny == 0 and nx < 0):
                nx, ny = -nx, -ny  # positive offsets go down / right on every segment
            # QLineF.pointAt(t) is p1 + (p2 - p1) * t
            lines.append((seg.x1(), seg.y1(), seg.x2() - seg.x1(), seg.y2() - seg.y1(),
                          nx, ny))
        for offset in (0.0, 17.0, -17.0, 34.0, -34.0, 48.0, -48.0):
            for x1, y1, dx, dy, nx, ny in lines:
                for t in (0.5, 0.35, 0.65, 0.22, 0.78):
                    left = x1 + dx * t + nx * offset - w / 2
                    top = y1 + dy * t + ny * offset - h / 2
                    if self._free(fid, left, top, w, h):
                        return QRectF(left, top, w, h)
        return None

    def _place_labels(self, items: list[FlowItem], changed: set[str]) -> None:
        # Nothing but the labels placed here moves during a pass: rectangles are read once.
        self._label_rects = {}
        self._element_rects = {}
        self._card_cells = {}
        self._header_rects = [_edges(z.header_rect()) for z in self.zones.values()]
        todo = {it.item_id: it for it in items}
        # labels sitting on a moved or new element must move too (none while no label is
        # placed: a model just opened)
        for cid in changed if self._label_cells else ():
            el = self.elements.get(cid)
            if el is None:
                continue
            for cell in self._card_cells_of(el):
                for fid in self._label_grid.get(cell, ()):
                    todo.setdefault(fid, self.flows[fid])
        for fid, item in todo.items():
            self._unplace_label(fid)
            label = item.label
            if label is None or not item.routed() or label.empty:
                if label is not None:
                    label.setVisible(False)
                continue
            label.setVisible(True)
            best = self._best_spot(fid, item, label.boundingRect())
            if best is None:  # no room: the protocol stays in the flow's tooltip
                label.setVisible(False)
                continue
            label.setPos(best.topLeft())
            self._label_rects.pop(fid, None)
            cells = self._cells(best)
            self._label_cells[fid] = cells
            for cell in cells:
                self._label_grid[cell].add(fid)

    # --- overlays ---------------------------------------------------------------------------
    def set_highlight(self, ids: set[str] | None,
                      hops: dict[str, set[frozenset[str]]] | None = None) -> None:
        """Highlight ``ids`` (components and flows) and dim the rest; ``None`` clears.
        ``hops`` lights only some segments of other flows (flow id -> {a, b} hops): an
        attack path that crosses a network to an element lights that hop, not every flow
        the network carries there."""
        if ids is None and self._highlight is None:
            # nothing lit: every item is at rest (items made since are made so). The
            # attack panel clears after each analysis: restyling and repainting every item
            # of a large model for nothing held the window's thread.
            return
        self._highlight = set(ids) if ids is not None else None
        self._hops = dict(hops or {}) if ids is not None else {}
        from workbench.gui.theme import DIM_OPACITY

        crossed = {end for hops_ in self._hops.values() for hop in hops_ for end in hop}
        for key, item in self.elements.items():
            on = ids is not None and key in ids
            item.highlighted = on
            # a network a lit line crosses stays legible, without the path's outline
            item.setOpacity(1.0 if ids is None or on or key in crossed else DIM_OPACITY)
            item.update()
        for key, item in self.flows.items():
            on = ids is not None and key in ids
            item.set_highlight(on, self._hops.get(key))
            opacity = 1.0 if ids is None or on else DIM_OPACITY
            item.setOpacity(1.0 if item.partly_lit() else opacity)
            if item.label:
                item.label.setOpacity(opacity)

    def highlighted_ids(self) -> set[str]:
        return ({k for k, v in self.elements.items() if v.highlighted}
                | {k for k, v in self.flows.items() if v.highlighted})

    def bounds_of(self, ids) -> QRectF | None:
        """The scene rect holding the cards of ``ids`` (flows and unknown ids ignored)."""
        rect = None
        for key in ids:
            item = self.elements.get(key)
            if item is not None:
                rect = item.scene_rect() if rect is None else rect.united(item.scene_rect())
        return rect

    def partly_lit_flows(self) -> dict[str, set[frozenset[str]]]:
        """Flows of which an attack path lights only some hops, with those hops."""
        return {k: {h for h in v.hops if h in v.lit_hops}
                for k, v in self.flows.items() if v.partly_lit()}

    def set_risk_colours(self, colours: dict[str, QColor] | None) -> None:
        """Risk overlay: a coloured strip on each element (``None`` hides it)."""
        for key, item in self.elements.items():
            colour = (colours or {}).get(key)
            if colour != item.risk_colour:
                item.risk_colour = colour
                item.update()
        for key, item in self.flows.items():  # flows: the label's frame takes the colour
            colour = (colours or {}).get(key)
            if item.label is not None and colour != item.label.risk_colour:
                item.label.risk_colour = colour
                item.label.update()

    # --- selection helpers ------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [item.item_id for item in self.selectedItems() if hasattr(item, "item_id")]

    def select_ids(self, ids: list[str]) -> None:
        self.clearSelection()
        for key in ids:
            item = self.elements.get(key) or self.flows.get(key) or self.zones.get(key)
            if item is not None:
                item.setSelected(True)

    def zone_at(self, pos: QPointF) -> str | None:
        """The innermost zone whose rectangle holds ``pos`` (zones are drawn as boxes)."""
        hits = [z for z in self.zones.values() if z.box and QRectF(
            z.box.x, z.box.y, z.box.w or 0, z.box.h or 0).contains(pos)]
        if not hits:
            return None
        return min(hits, key=lambda z: (z.box.w or 0) * (z.box.h or 0)).zone.id

    # --- gestures ---------------------------------------------------------------------------
    def _element_at(self, pos: QPointF) -> ElementItem | None:
        for item in self.items(pos):
            if isinstance(item, ElementItem):
                return item
        return None

    def _drop_target(self, pos: QPointF, source: ElementItem | None) -> ElementItem | None:
        """The element under ``pos``, else the nearest one within :data:`SNAP` (a flow
        released just beside a card still lands on it, as in diagram tools)."""
        under = self._element_at(pos)
        if under is not None:
            return under
        near = QRectF(pos.x() - SNAP, pos.y() - SNAP, 2 * SNAP, 2 * SNAP)
        best, best_d = None, SNAP + 1.0
        for item in self.items(near):
            if not isinstance(item, ElementItem) or item is source:
                continue
            r = item.scene_rect()
            dx = max(r.left() - pos.x(), 0.0, pos.x() - r.right())
            dy = max(r.top() - pos.y(), 0.0, pos.y() - r.bottom())
            d = (dx * dx + dy * dy) ** 0.5
            if d < best_d:
                best, best_d = item, d
        return best

    # --- the trust-zone tool -----------------------------------------------------------------
    def set_zone_tool(self, on: bool) -> None:
        """Arm (or disarm) the zone tool: the next left drag draws a trust zone."""
        if on == self.zone_tool:
            return
        self.zone_tool = on
        if not on and self._zone_rubber is not None:
            self.removeItem(self._zone_rubber)
            self._zone_rubber = None
        if on:
            self.message.emit(QCoreApplication.translate(
                "DiagramScene", "Drag a rectangle around the elements of the zone (Esc "
                                "cancels)"))
        self.zoneToolChanged.emit(on)

    def draw_zone(self, rect: QRectF) -> str | None:
        """A trust zone over ``rect`` (scene coordinates); the elements it holds join it."""
        rect = rect.normalized()
        if rect.width() < MIN_ZONE[0] or rect.height() < MIN_ZONE[1]:
            self.message.emit(QCoreApplication.translate(
                "DiagramScene", "Too small for a trust zone: drag a larger rectangle"))
            return None
        taken = {z.name for z in self.doc.model.zones}
        number = len(self.doc.model.zones) + 1
        name = QCoreApplication.translate("DiagramScene", "Trust zone %1")
        while name.replace("%1", str(number)) in taken:
            number += 1
        zone_id = self.doc.apply(QCoreApplication.translate("DiagramScene", "Draw trust zone"),
                                 edits.zone_from_rect, name.replace("%1", str(number)),
                                 rect.x(), rect.y(), rect.width(), rect.height())
        self.select_ids([zone_id])
        self.zoneDrawn.emit(zone_id)
        return zone_id

    def _zone_press(self, event) -> None:
        start = event.scenePos()
        self._zone_rubber = QGraphicsRectItem(QRectF(start, start))
        self._zone_rubber.setPen(QPen(QColor("#1f6feb"), 1.5, Qt.PenStyle.DashLine))
        self._zone_rubber.setBrush(QColor(31, 111, 235, 25))
        self._zone_rubber.setZValue(60)
        self._zone_rubber.setData(0, start)
        self.addItem(self._zone_rubber)
        event.accept()

    def _zone_release(self, event) -> None:
        rubber, self._zone_rubber = self._zone_rubber, None
        rect = QRectF(rubber.data(0), event.scenePos()).normalized()
        self.removeItem(rubber)
        event.accept()
        self.set_zone_tool(False)
        self.draw_zone(rect)

    def zone_edge_at(self, pos: QPointF) -> tuple[ZoneItem, str] | None:
        """The zone whose border ``pos`` is on, and which edges (innermost zone first)."""
        hits = []
        for item in self.zones.values():
            edges = item.edges_at(item.mapFromScene(pos))
            if edges:
                rect = item.rect()
                hits.append((rect.width() * rect.height(), item.item_id, item, edges))
        if not hits:
            return None
        _, _, item, edges = min(hits, key=lambda h: (h[0], h[1]))
        return item, edges

    def _zone_resize_press(self, event) -> bool:
        if self._element_at(event.scenePos()) is not None:
            return False  # a card on the border is the card's
        hit = self.zone_edge_at(event.scenePos())
        if hit is None:
            return False
        item, edges = hit
        self.clearSelection()
        item.setSelected(True)
        self._zone_resize = (item, edges, item.rect(), event.scenePos())
        event.accept()
        return True

    def _zone_resize_release(self) -> None:
        item, _, start, _ = self._zone_resize
        self._zone_resize = None
        rect = item.rect()
        if rect == start:
            return
        before = {c.id: c.zone for c in self.doc.model.components}
        zone_id = item.item_id
        try:
            self.doc.apply(QCoreApplication.translate("DiagramScene", "Resize trust zone"),
                           edits.resize_zone, zone_id,
                           Box(x=rect.x(), y=rect.y(), w=rect.width(), h=rect.height()))
        except ValueError as exc:  # e.g. a box past the coordinate limit
            item.set_zone(item.zone, item.box)
            self.message.emit(core_message(exc))
            return
        after = {c.id: c.zone for c in self.doc.model.components}
        joined = sum(1 for k, z in after.items() if z == zone_id and before.get(k) != zone_id)
        left = sum(1 for k, z in before.items() if z == zone_id and after.get(k) != zone_id)
        if joined or left:
            self.message.emit(QCoreApplication.translate(
                "DiagramScene", "Trust zone resized: %1 element(s) joined, %2 left").replace(
                "%1", str(joined)).replace("%2", str(left)))

    def mousePressEvent(self, event) -> None:
        if self.zone_tool and event.button() == Qt.MouseButton.LeftButton:
            self._zone_press(event)
            return
        if event.button() == Qt.MouseButton.LeftButton and self._zone_resize_press(event):
            return
        if event.button() == Qt.MouseButton.LeftButton:
            item = self._element_at(event.scenePos())
            if item is not None and item.handle_rect().contains(item.mapFromScene(
                    event.scenePos())):
                self._connect_from = item
                start = item.mapToScene(item.handle_rect().center())
                self._rubber = QGraphicsLineItem(QLineF(start, event.scenePos()))
                self._rubber.setPen(QPen(QColor("#1f6feb"), 1.5, Qt.PenStyle.DashLine))
                self._rubber.setZValue(50)
                self.addItem(self._rubber)
                event.accept()
                return
        super().mousePressEvent(event)
        self._press_positions = {i.item_id: i.pos() for i in self.selectedItems()
                                 if isinstance(i, ElementItem)}
        # a dragged zone carries its members (without selecting them: Delete stays safe)
        self._zone_drags = {}
        model = self.doc.model
        for zone_item in (i for i in self.selectedItems() if isinstance(i, ZoneItem)):
            members = {c.id: self.elements[c.id].pos() for c in model.components
                       if c.zone == zone_item.item_id and c.id in self.elements
                       and c.id not in self._press_positions}
            self._zone_drags[zone_item.item_id] = (zone_item, members)

    def mouseMoveEvent(self, event) -> None:
        if self._zone_resize is not None:
            item, edges, start, press = self._zone_resize
            item.preview_rect(resized_rect(start, edges, event.scenePos() - press, MIN_ZONE))
            event.accept()
            return
        if self._zone_rubber is not None:
            self._zone_rubber.setRect(QRectF(self._zone_rubber.data(0),
                                             event.scenePos()).normalized())
            event.accept()
            return
        if self._rubber is not None:
            line = self._rubber.line()
            self._rubber.setLine(QLineF(line.p1(), event.scenePos()))
            self._preview_route(QLineF(line.p1(), event.scenePos()))
            event.accept()
            return
        super().mouseMoveEvent(event)
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return
        for zone_item, members in self._zone_drags.values():
            for key, start in members.items():
                self.elements[key].setPos(start + zone_item.pos())
                self._element_dragged(self.elements[key])
        for key, before in self._press_positions.items():
            item = self.elements.get(key)
            if item is not None and item.pos() != before:
                self._element_dragged(item)

    def mouseReleaseEvent(self, event) -> None:
        if self._zone_resize is not None:
            event.accept()
            self._zone_resize_release()
            return
        if self._zone_rubber is not None:
            self._zone_release(event)
            return
        if self._rubber is not None:
            start = self._rubber.line().p1()
            self.removeItem(self._rubber)
            self._rubber = None
            self._preview_via = []
            source, self._connect_from = self._connect_from, None
            target = self._drop_target(event.scenePos(), source)
            if target is not None and source is not None and target is not source:
                ends = (source.comp.layer, target.comp.layer)
                # drawn onto (or from) a network card: that card is the hop, as before
                via = [] if Layer.NETWORK in ends else self.networks_across(
                    QLineF(start, event.scenePos()), {source.item_id, target.item_id})
                self.connect_elements(source.item_id, target.item_id, via)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        moved = {}
        for key, before in self._press_positions.items():
            item = self.elements.get(key)
            if item is not None and (item.pos() - before).manhattanLength() > 0.5:
                moved[key] = (item.x(), item.y())
        for zone_id, (zone_item, members) in self._zone_drags.items():
            delta = zone_item.pos()
            if delta.manhattanLength() > 0.5:
                moved[zone_id] = (zone_item.box.x + delta.x(), zone_item.box.y + delta.y())
                for key in members:
                    moved[key] = (self.elements[key].x(), self.elements[key].y())
        self._press_positions = {}
        self._zone_drags = {}
        if moved:
            self.doc.apply(QCoreApplication.translate("DiagramScene", "Move"),
                           edits.move_elements, moved)

    def _preview_route(self, segment: QLineF) -> None:
        """While a flow is dragged, say which network cards it would go through (said only
        when that changes, so the status bar does not flicker)."""
        source = self._connect_from
        under = self._element_at(segment.p2())
        if source is None or Layer.NETWORK in (source.comp.layer,
                                               under.comp.layer if under else None):
            via = []
        else:
            ends = {source.item_id} | ({under.item_id} if under else set())
            via = self.networks_across(segment, ends)
        if via == self._preview_via:
            return
        self._preview_via = via
        names = " → ".join(self.elements[n].comp.name for n in via)
        self.message.emit(QCoreApplication.translate(
            "DiagramScene", "Release on a card: the flow goes via %1").replace("%1", names)
            if via else "")

    def networks_across(self, segment: QLineF, ends: set[str]) -> list[str]:
        """Network cards the straight ``segment`` crosses (its rectangle touched), in the
        order the segment meets them; the flow's own ends are left out. This is what a flow
        dragged *across* a network card routes through (docs/gui.md, "Drawing")."""
        crossed: list[tuple[float, str]] = []
        for key, item in self.elements.items():
            if key in ends or item.comp.layer != Layer.NETWORK:
                continue
            t = _segment_enters(segment, item.scene_rect())
            if t is not None:
                crossed.append((t, key))
        return [key for _, key in sorted(crossed)]

    def connect_elements(self, source: str, target: str,
                         via: list[str] | None = None) -> str | None:
        """Add a flow (undoable), routed through the networks ``via``; returns its id, or
        None with a status message (the route is said in the status bar)."""
        try:
            flow_id = self.doc.apply(QCoreApplication.translate("DiagramScene", "Connect"),
                                     edits.add_flow, source, target, via=via or ())
        except ValueError as exc:
            self.message.emit(core_message(exc))  # in the interface language
            return None
        if via:
            names = [self.elements[n].comp.name for n in via if n in self.elements]
            self.message.emit(QCoreApplication.translate(
                "DiagramScene", "Flow routed via %1 (the network card it crossed; change it "
                                "in the inspector)").replace("%1", " → ".join(names)))
        return flow_id

    def add_stencil_at(self, stencil_id: str, pos: QPointF) -> str | None:
        """Drop of a palette stencil: a new element centred on ``pos`` in the zone there."""
        stencils = self.doc.stencils
        stencil = stencils.get(stencil_id) if stencils is not None else None
        if stencil is None:
            return None
        layer_index = LAYER_ORDER.index(stencil.layer)
        x = pos.x()
        if not (lane_x(layer_index) <= x <= lane_x(layer_index) + LANE_W):
            self.message.emit(QCoreApplication.translate(
                "DiagramScene", "Placed in its layer's swimlane"))
            x = lane_x(layer_index) + LANE_W / 2
        y = max(pos.y(), LANE_HEADER + ELEMENT_H / 2)
        zone = self.zone_at(QPointF(x, y))
        x = min(max(x, lane_x(layer_index) + ELEMENT_W / 2),
                lane_x(layer_index) + LANE_W - ELEMENT_W / 2)
        return self.doc.apply(QCoreApplication.translate("DiagramScene", "Add element"),
                              edits.add_from_stencil, stencil, x, y, zone,
                              name=stencil_label(stencil))  # "Balance connectée" in French


def _cells_of(left: float, top: float, right: float, bottom: float) -> list[tuple[int, int]]:
    """The label grid's cells (:data:`_CELL` wide) a rectangle with these edges touches."""
    return [(i, j) for i in range(int(left // _CELL), int(right // _CELL) + 1)
            for j in range(int(top // _CELL), int(bottom // _CELL) + 1)]


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """``QRectF.intersects`` on normalised edges: a non-empty overlap, a null rect meets none."""
    return (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            and a[0] != a[2] and a[1] != a[3] and b[0] != b[2] and b[1] != b[3])
