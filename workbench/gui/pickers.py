"""Pickers for fields that hold ids of other elements ("Via": the networks a flow crosses).

Typing an id by hand failed in a workshop: the analyst typed the network's shown name and
got pydantic's "String should match pattern…". A picker lists the model's own networks by
name and stores their ids; the order of the list is the order they were ticked (the route
is drawn through the networks in that order).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton

from workbench.model.enums import Layer
from workbench.model.threat_model import ThreatModel


def network_choices(model: ThreatModel, flow_id: str | None) -> list[tuple[str, str]]:
    """``(id, shown name)`` of the model's networks, by name; ids already in the flow's
    ``via`` that are not networks (older or imported files) are kept, so nothing vanishes."""
    nets = [(c.id, c.name or c.id) for c in model.components if c.layer == Layer.NETWORK]
    flow = model.flow(flow_id) if flow_id else None
    if flow is not None:
        known = {i for i, _ in nets}
        for other in flow.via:
            if other not in known:
                comp = model.component(other)
                nets.append((other, comp.name if comp is not None and comp.name else other))
    nets.sort(key=lambda pair: pair[1].casefold())
    # two networks of the same name are told apart by their id
    names = [n for _, n in nets]
    return [(i, f"{n} ({i})" if names.count(n) > 1 else n) for i, n in nets]


def asset_choices(model: ThreatModel, current: list[str]) -> list[tuple[str, str]]:
    """``(id, shown name)`` of the model's data assets, by name, and any id in use that is
    not one (kept, so a save never drops it)."""
    assets = [(a.id, a.name or a.id) for a in model.data_assets]
    known = {i for i, _ in assets}
    assets += [(i, i) for i in current if i not in known]
    assets.sort(key=lambda pair: pair[1].casefold())
    return assets


class StayOpenMenu(QMenu):
    """A menu of ticks that stays open while the analyst ticks several entries (a flow
    over Wi-Fi, then the LAN, then the VPN); Esc, a click outside or the button closes it."""

    def _tick(self) -> bool:
        action = self.activeAction()
        if action is None or not action.isEnabled() or not action.isCheckable():
            return False
        action.trigger()
        return True

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.rect().contains(event.position().toPoint()) and self._tick():
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and self._tick():
            event.accept()
            return
        super().keyPressEvent(event)


class MultiChoiceButton(QToolButton):
    """A button naming the chosen items; its menu ticks and unticks them (ids kept).

    The menu stays open for several ticks and :attr:`changed` is emitted once, when it
    closes with a different choice: one edit, one undo step, and the inspector does not
    rebuild the form (and the open menu) under the mouse at each tick."""

    changed = Signal()

    def __init__(self, choices: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # takes the row's width, never widens the form; the full text is in the tooltip
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(80)
        self._text = ""
        self.labels = dict(choices)
        self._chosen: list[str] = []
        menu = StayOpenMenu(self)
        self.actions_by_id = {}
        for key, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(key)
            action.toggled.connect(lambda on, k=key: self._toggled(k, on))
            self.actions_by_id[key] = action
        if not choices:
            empty = menu.addAction(QCoreApplication.translate("Fields", "(nothing to choose)"))
            empty.setEnabled(False)
        self.setMenu(menu)
        self._loading = False
        self._opened_with: list[str] | None = None
        menu.aboutToShow.connect(self._menu_opened)
        menu.aboutToHide.connect(self._menu_closed)
        self._show()

    def _menu_opened(self) -> None:
        self._opened_with = list(self._chosen)

    def _menu_closed(self) -> None:
        before, self._opened_with = self._opened_with, None
        if before is not None and before != self._chosen:
            self.changed.emit()

    def chosen(self) -> list[str]:
        return list(self._chosen)

    def set_chosen(self, ids: list[str]) -> None:
        self._loading = True
        try:
            self._chosen = list(ids)
            for key, action in self.actions_by_id.items():
                action.setChecked(key in ids)
        finally:
            self._loading = False
        self._show()

    def _toggled(self, key: str, on: bool) -> None:
        if self._loading:
            return
        if on and key not in self._chosen:
            self._chosen.append(key)
        elif not on and key in self._chosen:
            self._chosen.remove(key)
        self._show()
        if self._opened_with is None:  # ticked without the menu (keyboard, a test)
            self.changed.emit()

    def _show(self) -> None:
        if self._chosen:
            text = " → ".join(self.labels.get(k, k) for k in self._chosen)
        else:
            text = QCoreApplication.translate("Fields", "(direct, no network)")
        self._text = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._text

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(40, self.width() - 28)  # the menu arrow
        self.setText(self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight,
                                                   room))
