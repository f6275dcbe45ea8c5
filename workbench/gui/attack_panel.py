"""Attack-path panel: choose attacker and target, list the top paths with probabilities;
selecting a path highlights its elements and flows on the canvas and dims the rest.

Built on ``workbench.analysis.attack.analyze_attacks``; the panel reads paths through
:func:`path_view` so it stays a thin client of that API.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.catalog_text import attacker_name, target_label
from workbench.gui.i18n import percent

#: Kinds of target a newcomer can mark from the empty panel, as the canvas menu offers.
TARGET_KINDS = ("patient_safety", "health_data", "care_service")


class PathView:
    """One listed path: who, what, how likely, its label; the flows it walks and the hops
    it crosses of others' flows (what lighting it needs) are worked out on first use.

    The panel reads every path of the analysis (hundreds on a hospital group's model) after
    each analysis, on the window's thread, and lists at most a hundred; a path is lit only
    when selected. ``model`` is the analysed model, never changed in place (an edit makes
    a new one), so working the route out later gives what working it out at once gave.
    """

    def __init__(self, attacker: str, target: str, probability: float, label: str,
                 nodes: list[str], model: Any = None, index: RouteIndex | None = None,
                 ) -> None:
        self.attacker, self.target, self.probability = attacker, target, probability
        self.label = label
        self.nodes = nodes  # entry first, target last
        self._model, self._index = model, index
        self._flows: list[str] | None = None
        self._hops: dict[str, set[frozenset[str]]] | None = None

    @property
    def elements(self) -> list[str]:
        """Components and flows along the path, in order."""
        return [*self.nodes, *[f for f in self._walked() if f]]

    @property
    def hops(self) -> dict[str, set[frozenset[str]]]:
        """Flows the path only crosses part of (a step from a network onto an element that
        a flow of someone else reaches over it): flow id -> the hops {a, b} of its route
        lit."""
        if self._hops is None:
            self._hops = {} if self._model is None else crossed_hops(
                self.nodes, self._model, set(self._walked()), self._index)
        return self._hops

    def _walked(self) -> list[str]:
        if self._flows is None:
            self._flows = ([] if self._model is None
                           else flows_along(self.nodes, self._model, self._index))
        return self._flows


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


class RouteIndex(dict):
    """Element id -> positions in ``model.flows`` of the flows whose route holds it, in
    model order, and each step's flows once worked out (:meth:`through`, :meth:`hops`).

    A step ``a -> b`` can only walk a flow whose route holds both: scanning every flow for
    every step of every listed path held the window's thread for seconds on large models
    (``benchmarks/bench_window_scale.py``). The listed paths share most of their steps (the
    same network to the same server), so a step's flows and hops are worked out once.
    """

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model
        self._through: dict[tuple[str, str], list[Any]] = {}
        self._hops: dict[tuple[str, str], list[tuple[str, set[frozenset[str]]]]] = {}
        for i, flow in enumerate(model.flows):
            for node in {flow.source, *flow.via, flow.target}:
                self.setdefault(node, []).append(i)

    def through(self, a: str, b: str) -> list[Any]:
        """The flows whose route holds both ``a`` and ``b``, in model order."""
        key = (a, b)
        flows = self._through.get(key)
        if flows is None:
            with_b = set(self.get(b, ()))
            flows = self._through[key] = [self.model.flows[i] for i in self.get(a, ())
                                          if i in with_b]
        return flows

    def hops(self, a: str, b: str) -> list[tuple[str, set[frozenset[str]]]]:
        """Each flow of the step ``a -> b`` with the hops of its route between ``a`` and
        ``b`` (usually one: the network to the element)."""
        key = (a, b)
        out = self._hops.get(key)
        if out is None:
            out = []
            for flow in self.through(a, b):
                route = [flow.source, *flow.via, flow.target]
                i, j = sorted((route.index(a), route.index(b)))
                out.append((flow.id, {frozenset(route[k:k + 2]) for k in range(i, j)}))
            self._hops[key] = out
        return out


def route_index(model) -> RouteIndex:
    """The :class:`RouteIndex` of ``model``: build it once for many paths."""
    return RouteIndex(model)


def _index_of(model, index: dict[str, list[int]] | None) -> RouteIndex:
    """``index`` when it is a :class:`RouteIndex` of ``model``, else a new one."""
    if isinstance(index, RouteIndex) and index.model is model:
        return index
    return RouteIndex(model)


def flows_along(nodes: list[str], model, index: dict[str, list[int]] | None = None
                ) -> list[str]:
    """The flows a path walks, step by step.

    A step ``a -> b`` walks a flow joining ``a`` and ``b`` directly, or one that ``a`` (or
    ``b``) sends over the network ``b`` (or ``a``) *to another element of the path*. A flow
    of someone else over that network is not the path (lighting it whole lit a vendor's
    laptop on the far side of the internet): :func:`crossed_hops` lights only the hops of
    its route the path walks.
    """
    index = _index_of(model, index)
    on_path = set(nodes)
    out: list[str] = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        for flow in index.through(a, b):
            ends = {flow.source, flow.target}
            walked = ends == {a, b} or ends <= on_path
            if walked and flow.id not in out:
                out.append(flow.id)
    return out


def crossed_hops(nodes: list[str], model, whole: set[str],
                 index: dict[str, list[int]] | None = None
                 ) -> dict[str, set[frozenset[str]]]:
    """For each flow not in ``whole`` whose route holds a step ``a -> b`` of the path, the
    hops of its route between ``a`` and ``b`` (usually one: the network to the element)."""
    index = _index_of(model, index)
    out: dict[str, set[frozenset[str]]] = {}
    for a, b in zip(nodes, nodes[1:], strict=False):
        for fid, hops in index.hops(a, b):
            if fid not in whole:
                out.setdefault(fid, set()).update(hops)
    return out


def path_view(path: Any, names: dict[str, str], model=None,
              index: dict[str, list[int]] | None = None) -> PathView:
    """Read one path from the attack engine (``attack_paths`` entries, dicts); ``index``:
    :func:`route_index` of ``model``, built once for many paths."""
    nodes = list(_get(path, "path", "nodes", "elements", default=[]) or [])
    if model is not None:
        index = _index_of(model, index)
    probability = float(_get(path, "probability", "p", default=0.0) or 0.0)
    attacker = str(_get(path, "attacker", "attacker_id", default="") or "")
    target = str(_get(path, "target", "target_id", default="") or "")
    label = " → ".join(names.get(n, n) for n in nodes)
    return PathView(attacker, target, probability, label, nodes, model,
                    index if model is not None else None)


def starts_on_target(path: PathView) -> bool:
    """A one-card path: the attacker's entry point is the target, nothing to cross."""
    return len(path.nodes) <= 1 if path.nodes else " → " not in path.label


def paths_of(attacks: Any) -> list[Any]:
    if attacks is None:
        return []
    if isinstance(attacks, list):
        return attacks
    return list(_get(attacks, "attack_paths", "paths", default=[]) or [])


class AttackPanel(QWidget):
    pathSelected = Signal(object)  # set of ids, or None to clear the highlight
    #: The empty panel's buttons: mark the canvas selection as a target of this kind, and
    #: open the attackers/targets editor (the window connects both).
    markTargetRequested = Signal(str)
    editActorsRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.attacker = QComboBox()
        self.target = QComboBox()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.note = QLabel(
            QCoreApplication.translate("AttackPanel", "Run the analysis to see attack paths.")
        )
        self.note.setWordWrap(True)
        self.guide = self._guide_buttons()
        # one row of filters: on a 720 px projector every line goes to the list of paths
        form = QHBoxLayout()
        form.addWidget(QLabel(QCoreApplication.translate("AttackPanel", "Attacker")))
        form.addWidget(self.attacker, 1)
        form.addSpacing(12)
        form.addWidget(QLabel(QCoreApplication.translate("AttackPanel", "Target")))
        form.addWidget(self.target, 1)
        self.attacker.setMinimumContentsLength(12)
        self.target.setMinimumContentsLength(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.guide)
        layout.addWidget(self.list)
        self.paths: list[PathView] = []
        self.attacker.currentIndexChanged.connect(self._refill)
        self.target.currentIndexChanged.connect(self._refill)
        self.list.currentRowChanged.connect(self._row_changed)

    def set_analysis(self, analysis, model) -> None:
        names = {c.id: c.name for c in model.components}
        attacks = analysis.attacks if analysis is not None else None
        index = route_index(model)
        self.paths = [path_view(p, names, model, index) for p in paths_of(attacks)]
        self.paths.sort(key=lambda p: -p.probability)
        attackers = {a.id: attacker_name(a.id, a.name) for a in model.attackers}
        targets = {t.id: t.name or names.get(t.element, t.element) for t in model.targets}
        for entry in _get(attacks, "attackers", default=[]) or []:
            attackers.setdefault(entry["id"], attacker_name(entry["id"], entry.get("name")))
        components = model.components_by_id()  # not model.component: a scan per target
        for entry in _get(attacks, "targets", default=[]) or []:
            targets.setdefault(entry["id"], target_label(
                model, entry.get("kind", ""), entry.get("element", ""),
                entry.get("name") or entry["id"], bool(entry.get("derived")), components))
        for combo, values, seen in (
            (self.attacker, attackers, {p.attacker for p in self.paths}),
            (self.target, targets, {p.target for p in self.paths}),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(QCoreApplication.translate("AttackPanel", "All"), "")
            for key in sorted(seen | set(values)):
                if key:
                    combo.addItem(values.get(key, key), key)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        if attacks is None:
            self.note.setText(
                QCoreApplication.translate("AttackPanel", "Attack-path engine not available.")
            )
        elif not self.paths:
            self.note.setText(
                QCoreApplication.translate(
                    "AttackPanel",
                    "No attack path yet. A path needs an attacker (where they start) and a "
                    "target (what matters). Select an element on the canvas and mark it as a "
                    "target, or open the attackers and targets.",
                )
            )
        else:
            self.note.setText(
                QCoreApplication.translate(
                    "AttackPanel", "Select a path to highlight it on the canvas."
                )
            )
        self.guide.setVisible(attacks is not None and not self.paths)
        self._refill()

    def _guide_buttons(self) -> QWidget:
        """What to do next when there is no path: the two actions that make one."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.mark_button = QPushButton(
            QCoreApplication.translate("AttackPanel", "Mark selection as target"))
        menu = QMenu(self.mark_button)
        labels = {
            "patient_safety": QCoreApplication.translate("AttackPanel", "Patient safety"),
            "health_data": QCoreApplication.translate("AttackPanel", "Health data"),
            "care_service": QCoreApplication.translate("AttackPanel", "Care service"),
        }
        for kind in TARGET_KINDS:
            action = menu.addAction(labels[kind])
            action.triggered.connect(lambda checked=False, k=kind: self.markTargetRequested.emit(k))
        self.mark_button.setMenu(menu)
        self.actors_button = QPushButton(
            QCoreApplication.translate("AttackPanel", "Attackers and targets…"))
        self.actors_button.clicked.connect(self.editActorsRequested.emit)
        row.addWidget(self.mark_button)
        row.addWidget(self.actors_button)
        row.addStretch(1)
        box.setVisible(False)
        return box

    def shown(self) -> list[PathView]:
        """The paths of the chosen attacker and target: those that cross at least one step
        first, each group most likely first (see docs/gui.md, "Paths that cross steps
        first")."""
        attacker, target = self.attacker.currentData(), self.target.currentData()
        chosen = [
            p
            for p in self.paths
            if (not attacker or p.attacker == attacker) and (not target or p.target == target)
        ]
        crossing = [p for p in chosen if not starts_on_target(p)]
        # the list is capped, but never so that a one-card path disappears behind it
        return crossing[:50] + [p for p in chosen if starts_on_target(p)][:50]

    def _refill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        shown = self.shown()
        # the same steps to two targets on one element (its health data, its care service):
        # the row names its target, or the list reads as a duplicate
        twins = Counter((p.attacker, tuple(p.nodes), p.label) for p in shown)
        for path in shown:
            who = self.attacker.itemText(max(0, self.attacker.findData(path.attacker)))
            what = self.target.itemText(max(0, self.target.findData(path.target)))
            tip = f"{who} → {what}\n{path.label}"
            if starts_on_target(path):  # the entry point is itself what matters
                text = f"{percent(path.probability)}  " + QCoreApplication.translate(
                    "AttackPanel", "Starts on the target: %1 (no step to cross)").replace(
                    "%1", path.label)
                tip += "\n" + QCoreApplication.translate(
                    "AttackPanel", "The attacker's entry point is the target itself: no "
                    "control on a path can stop this one. Protect the target, or check "
                    "that the attacker really starts there.")
            else:
                text = f"{percent(path.probability)}  {path.label}"
            if twins[(path.attacker, tuple(path.nodes), path.label)] > 1:
                text += f"  [{what}]"
            if not self.attacker.currentData():
                text += f"   ({who})"  # the same path can be walked by several attackers
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.pathSelected.emit(None)

    def select_path(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def current(self) -> PathView | None:
        """The path selected in the list, if any."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _row_changed(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        if item is None:
            self.pathSelected.emit(None)
            return
        self.pathSelected.emit(set(item.data(Qt.ItemDataRole.UserRole).elements))
