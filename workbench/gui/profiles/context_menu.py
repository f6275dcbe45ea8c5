"""Canvas right-click entries: "Entry Point for ▸ attacker" and "Data Assets ▸ asset".

Added through the view's extension point (``workbench.gui.view.add_context_menu_extension``),
for elements and flows only. Every entry is one undoable edit, like the dock's buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench.gui.catalog_text import attacker_name
from workbench.model import profile_edits as pe


def install(window) -> None:
    """Add our entries to ``window``'s canvas menu (the view's extension point)."""
    from workbench.gui.view import add_context_menu_extension

    add_context_menu_extension(window, lambda w, menu, item: extend(w, menu, item.item_id))


def _targets(window, item_id: str) -> list[str]:
    """The right-clicked element, or the whole selection when it is part of it."""
    selected = window.scene.selected_ids()
    return selected if item_id in selected else [item_id]


def extend(window, menu, item_id: str) -> None:
    from workbench.gui.profiles.attackers_tab import shown_profiles

    model = window.doc.model
    ids = _targets(window, item_id)
    comps = [i for i in ids if model.component(i) is not None]
    elements = [i for i in ids if model.component(i) is not None or model.flow(i) is not None]
    if not elements:
        return
    menu.addSeparator()
    if comps:
        sub = menu.addMenu(QCoreApplication.translate("ProfilesMenu", "Entry Point for"))
        sub.setObjectName("entry-point-menu")
        for profile, builtin in shown_profiles(model):
            label = attacker_name(profile.id, profile.name)
            if builtin:
                label += " " + QCoreApplication.translate("ProfilesMenu", "(built-in)")
            action = sub.addAction(label)
            action.setCheckable(True)
            action.setChecked(all(c in profile.entry_elements for c in comps))
            action.setData(profile.id)
            action.triggered.connect(lambda on, key=profile.id: _toggle_entry(
                window, key, comps, on))
    assets = model.data_assets
    sub = menu.addMenu(QCoreApplication.translate("ProfilesMenu", "Data Assets"))
    sub.setObjectName("data-assets-menu")
    if not assets:
        none = sub.addAction(QCoreApplication.translate("ProfilesMenu", "(none defined)"))
        none.setEnabled(False)
    for asset in assets:
        comps_with, flows_with = pe.asset_references(model, asset.id)
        holding = set(comps_with) | set(flows_with)
        action = sub.addAction(asset.name)
        action.setCheckable(True)
        action.setChecked(all(e in holding for e in elements))
        action.setData(asset.id)
        action.triggered.connect(lambda on, key=asset.id: _toggle_asset(
            window, key, elements, on))
    sub.addSeparator()
    manage = sub.addAction(QCoreApplication.translate("ProfilesMenu", "Edit Data Assets…"))
    manage.triggered.connect(lambda: _show(window, "data"))


def _show(window, tab: str) -> None:
    from workbench.gui.profiles import profiles_panel

    profiles_panel(window).show_tab(tab)


def _toggle_entry(window, attacker_id: str, comps: list[str], on: bool) -> None:
    from workbench.gui.profiles.attackers_tab import _own_then

    edit = pe.add_entry_elements if on else pe.remove_entry_elements
    text = QCoreApplication.translate("ProfilesMenu", "Mark as entry point") if on else \
        QCoreApplication.translate("ProfilesMenu", "Remove entry point")
    _apply(window, text, _own_then, attacker_id, edit, comps)


def _toggle_asset(window, asset_id: str, elements: list[str], on: bool) -> None:
    edit = pe.assign_data_asset if on else pe.unassign_data_asset
    text = QCoreApplication.translate("ProfilesMenu", "Assign data asset") if on else \
        QCoreApplication.translate("ProfilesMenu", "Unassign data asset")
    _apply(window, text, edit, asset_id, elements)


def _apply(window, text: str, edit, *args) -> None:
    try:
        window.doc.apply(text, edit, *args, select=window.scene.selected_ids())
    except ValueError as exc:  # ProfileEditError included
        window.statusBar().showMessage(str(exc), 6000)
