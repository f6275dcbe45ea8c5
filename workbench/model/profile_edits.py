"""Editing attacker profiles, targets and data assets, as pure edit functions (no Qt).

Like :mod:`workbench.model.edits`, every function takes a :class:`ThreatModel` and returns a
new one; the input is never changed, and an edit that changes nothing returns the very same
object (the GUI then pushes no empty undo step). The window's "Attackers, Targets and Data"
dock calls these; so can a script or a future CLI command.

Decisions (also in ``docs/gui.md``):

* **Built-in attackers.** The six default profiles live in the analysis layer
  (``workbench.analysis.attack.attackers.DEFAULT_ATTACKERS``), above this module, so callers
  pass them in (``copy_default_attackers(model, DEFAULT_ATTACKERS)``). The analysis uses the
  defaults while the model has no *enabled* profile of its own; ``attacker_mode`` "replace"
  (the default, nothing written) analyses only the model's profiles once it has one, "merge"
  (``risk.options["attackers"] = "merge"``) analyses the defaults too, a model profile with a
  default's id replacing that default.
* **Copying the defaults never changes the analysis by itself**: copies are enabled when
  the defaults are in effect (no enabled own profile, or merge mode) and added *disabled*
  otherwise, as templates to tick. The analyst then tunes capability and entry points.
* **A new attacker never takes a default's id** (callers pass the reserved ids), so adding
  one in merge mode cannot silently replace a built-in profile.
* **Removing a data asset still held by components or carried by flows is refused** with a
  message naming them, unless the caller asks for ``detach=True``, which removes the
  references in the same edit (the GUI asks the user first). Nothing is left dangling.
* Targets and entry points must name components; data assets go on components or flows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from workbench.model.edits import new_id, used_ids
from workbench.model.entities import AttackerProfile, DataAsset, Target
from workbench.model.threat_model import ThreatModel

#: Fields of an attacker a caller may change (``id`` is the key, never changed).
ATTACKER_FIELDS = ("name", "description", "capability", "entry_elements", "entry_rule",
                   "enabled")
TARGET_FIELDS = ("element", "kind", "name")
ASSET_FIELDS = ("name", "kind", "personal", "special_category", "confidentiality",
                "integrity", "availability", "impact", "description")
#: How the built-in attackers combine with the model's own (``risk.options["attackers"]``).
ATTACKER_MODES = ("replace", "merge")
#: Target kinds the analysis derives and the reports name; others are accepted as written.
TARGET_KINDS = ("patient_safety", "health_data", "care_service")


class ProfileEditError(ValueError):
    """A refused edit; the message names the attacker, target, asset or field, in one line."""


# --- helpers -------------------------------------------------------------------------------------

def _clean(value: Any) -> Any:
    """Blank text means "no value": an emptied description stores None, not ""."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _validated(cls: type, data: dict[str, Any], prefix: str) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(part) for part in err["loc"]) or "value"
        raise ProfileEditError(f"{prefix}{field}: {err['msg']}") from None


def _changed(old: Any, changes: Mapping[str, Any], allowed: Sequence[str], what: str) -> Any:
    unknown = [key for key in changes if key not in allowed]
    if unknown:
        raise ProfileEditError(f"{what} has no editable field {unknown[0]!r} "
                               f"(fields: {', '.join(allowed)})")
    data = old.model_dump(by_alias=True)
    data.update({key: _clean(value) for key, value in changes.items()})
    if "name" in changes and data.get("name") is None and "name" in type(old).model_fields \
            and type(old).model_fields["name"].is_required():
        raise ProfileEditError(f"{what}.name: a name is required")
    return _validated(type(old), data, f"{what}.")


def _swap(items: list[Any], key: str, new: Any) -> list[Any]:
    return [new if item.id == key else item for item in items]


def _components(model: ThreatModel, ids: Iterable[str], what: str) -> list[str]:
    comps = model.components_by_id()
    out: list[str] = []
    for key in ids:
        if key not in comps:
            kind = "a flow" if model.flow(key) is not None else "not a component"
            raise ProfileEditError(f"{what}: {key!r} is {kind}; only components can be "
                                   "entry points or targets")
        if key not in out:
            out.append(key)
    return out


# --- attackers -----------------------------------------------------------------------------------

def attacker(model: ThreatModel, attacker_id: str) -> AttackerProfile:
    found = next((a for a in model.attackers if a.id == attacker_id), None)
    if found is None:
        known = ", ".join(a.id for a in model.attackers) or "none in the model"
        raise ProfileEditError(f"unknown attacker {attacker_id!r} (known: {known})")
    return found


def attacker_mode(model: ThreatModel) -> str:
    return "merge" if model.risk.options.get("attackers") == "merge" else "replace"


def uses_defaults(model: ThreatModel) -> bool:
    """True when the analysis runs the built-in profiles (alone, or merged with the model's)."""
    return attacker_mode(model) == "merge" or not any(a.enabled for a in model.attackers)


def set_attacker_mode(model: ThreatModel, mode: str) -> ThreatModel:
    """``replace`` (the model's profiles only, once it has one) or ``merge`` (defaults too)."""
    if mode not in ATTACKER_MODES:
        raise ProfileEditError(f"attacker mode {mode!r} is not one of "
                               f"{', '.join(ATTACKER_MODES)}")
    if attacker_mode(model) == mode:
        return model
    options = {k: v for k, v in model.risk.options.items() if k != "attackers"}
    if mode == "merge":
        options["attackers"] = "merge"
    risk = model.risk.model_copy(update={"options": options})
    return model.model_copy(update={"risk": risk})


def add_attacker(model: ThreatModel, name: str, *, capability: float = 0.5,
                 description: str | None = None, entry_elements: Iterable[str] = (),
                 enabled: bool = True,
                 reserved: Collection[str] = ()) -> tuple[ThreatModel, str]:
    """A new profile; its id comes from the name and avoids ``reserved`` (the defaults' ids)."""
    name = (name or "").strip()
    if not name:
        raise ProfileEditError("attacker.name: a name is required")
    entries = _components(model, entry_elements, "attacker.entry_elements")
    taken = used_ids(model) | {a.id for a in model.attackers} | set(reserved)
    attacker_id = new_id(model, name, taken)
    profile = _validated(AttackerProfile, {
        "id": attacker_id, "name": name, "description": _clean(description),
        "capability": capability, "entry_elements": entries, "enabled": enabled}, "attacker.")
    return model.model_copy(update={"attackers": [*model.attackers, profile]}), attacker_id


def update_attacker(model: ThreatModel, attacker_id: str,
                    changes: Mapping[str, Any]) -> ThreatModel:
    """Change a profile's name, description, capability (0-1), entries, rule or enabled."""
    old = attacker(model, attacker_id)
    new = _changed(old, changes, ATTACKER_FIELDS, f"attacker {attacker_id!r}")
    if new == old:
        return model
    _components(model, new.entry_elements, f"attacker {attacker_id!r}.entry_elements")
    return model.model_copy(update={"attackers": _swap(model.attackers, attacker_id, new)})


def set_attacker_enabled(model: ThreatModel, attacker_id: str, enabled: bool) -> ThreatModel:
    return update_attacker(model, attacker_id, {"enabled": bool(enabled)})


def remove_attacker(model: ThreatModel, attacker_id: str) -> ThreatModel:
    """Forget one profile. When it was the last enabled one (replace mode), the analysis falls
    back to the built-in profiles; in merge mode a default it replaced comes back. Callers
    show :func:`uses_defaults` so that never happens unseen."""
    attacker(model, attacker_id)
    return model.model_copy(update={"attackers": [a for a in model.attackers
                                                  if a.id != attacker_id]})


def add_entry_elements(model: ThreatModel, attacker_id: str,
                       element_ids: Iterable[str]) -> ThreatModel:
    """Make components explicit entry points of one attacker (kept in order, no duplicates)."""
    old = attacker(model, attacker_id)
    ids = _components(model, element_ids, f"attacker {attacker_id!r}.entry_elements")
    merged = [*old.entry_elements, *(i for i in ids if i not in old.entry_elements)]
    return update_attacker(model, attacker_id, {"entry_elements": merged})


def remove_entry_elements(model: ThreatModel, attacker_id: str,
                          element_ids: Iterable[str]) -> ThreatModel:
    old = attacker(model, attacker_id)
    gone = set(element_ids)
    return update_attacker(model, attacker_id, {
        "entry_elements": [e for e in old.entry_elements if e not in gone]})


def clear_entry_rule(model: ThreatModel, attacker_id: str) -> ThreatModel:
    """Drop the declarative entry rule: the attacker then starts at its explicit entries only."""
    return update_attacker(model, attacker_id, {"entry_rule": None})


def copy_default_attackers(model: ThreatModel, defaults: Sequence[AttackerProfile],
                           ids: Collection[str] | None = None) -> ThreatModel:
    """Put the built-in profiles (all, or those in ``ids``) in the model for customising.

    Profiles whose id the model already has are skipped. Copies are enabled while the
    defaults are in effect and disabled otherwise, so the analysis is unchanged by the copy.
    In replace mode, while the defaults are in effect, ``ids`` is ignored and all are copied:
    one enabled copy alone would silently drop the other defaults from the analysis.
    """
    have = {a.id for a in model.attackers}
    enabled = uses_defaults(model)
    if enabled and attacker_mode(model) == "replace":
        ids = None  # copying one alone would drop the other defaults from the analysis
    copies = [d.model_copy(update={"enabled": enabled}, deep=True) for d in defaults
              if d.id not in have and (ids is None or d.id in ids)]
    if not copies:
        return model
    return model.model_copy(update={"attackers": [*model.attackers, *copies]})


def own_attacker(model: ThreatModel, attacker_id: str,
                 defaults: Sequence[AttackerProfile]) -> ThreatModel:
    """The model with ``attacker_id`` among its own profiles, copying the defaults (see
    :func:`copy_default_attackers`) when it is a built-in one; for "edit a built-in profile"."""
    if any(a.id == attacker_id for a in model.attackers):
        return model
    if not any(d.id == attacker_id for d in defaults):
        attacker(model, attacker_id)  # raises, naming the known ones
    return copy_default_attackers(model, defaults, ids={attacker_id})


# --- targets -------------------------------------------------------------------------------------

def target(model: ThreatModel, target_id: str) -> Target:
    found = next((t for t in model.targets if t.id == target_id), None)
    if found is None:
        raise ProfileEditError(f"unknown target {target_id!r}")
    return found


def update_target(model: ThreatModel, target_id: str, changes: Mapping[str, Any]) -> ThreatModel:
    """Rename a target, change its kind or the component it sits on."""
    old = target(model, target_id)
    new = _changed(old, changes, TARGET_FIELDS, f"target {target_id!r}")
    if new == old:
        return model
    _components(model, [new.element], f"target {target_id!r}.element")
    if any(t.id != target_id and t.element == new.element and t.kind == new.kind
           for t in model.targets):
        raise ProfileEditError(f"target {target_id!r}: {new.element!r} is already a "
                               f"{new.kind.replace('_', ' ')} target")
    return model.model_copy(update={"targets": _swap(model.targets, target_id, new)})


def remove_target(model: ThreatModel, target_id: str) -> ThreatModel:
    target(model, target_id)
    return model.model_copy(update={"targets": [t for t in model.targets if t.id != target_id]})


def derive_targets(model: ThreatModel) -> bool:
    return model.risk.options.get("derive_targets", True) is not False


def set_derive_targets(model: ThreatModel, on: bool) -> ThreatModel:
    """Whether the analysis adds targets found from the model (``risk.options``); on is the
    default and writes nothing."""
    if derive_targets(model) == bool(on):
        return model
    options = {k: v for k, v in model.risk.options.items() if k != "derive_targets"}
    if not on:
        options["derive_targets"] = False
    return model.model_copy(update={"risk": model.risk.model_copy(update={"options": options})})


# --- data assets ---------------------------------------------------------------------------------

def data_asset(model: ThreatModel, asset_id: str) -> DataAsset:
    found = model.assets_by_id().get(asset_id)
    if found is None:
        known = ", ".join(a.id for a in model.data_assets) or "none defined"
        raise ProfileEditError(f"unknown data asset {asset_id!r} (known: {known})")
    return found


def asset_references(model: ThreatModel, asset_id: str) -> tuple[list[str], list[str]]:
    """(components holding the asset, flows carrying it), in model order."""
    comps = [c.id for c in model.components if asset_id in c.properties.data_assets]
    flows = [f.id for f in model.flows if asset_id in f.data_assets]
    return comps, flows


def add_data_asset(model: ThreatModel, name: str, **fields: Any) -> tuple[ThreatModel, str]:
    """A new data asset (rated 2/2/2 unless ``fields`` say otherwise); returns its id."""
    name = (name or "").strip()
    if not name:
        raise ProfileEditError("data asset.name: a name is required")
    unknown = [key for key in fields if key not in ASSET_FIELDS]
    if unknown:
        raise ProfileEditError(f"data asset has no field {unknown[0]!r}")
    taken = used_ids(model) | {a.id for a in model.data_assets}
    asset_id = new_id(model, f"a-{name}", taken)
    data = {**{k: _clean(v) for k, v in fields.items()}, "id": asset_id, "name": name}
    asset = _validated(DataAsset, data, "data asset.")
    return model.model_copy(update={"data_assets": [*model.data_assets, asset]}), asset_id


def update_data_asset(model: ThreatModel, asset_id: str,
                      changes: Mapping[str, Any]) -> ThreatModel:
    """Change a data asset's name, kind, flags, C/I/A ratings (0-10), impact or description.

    ``impact`` replaces the whole per-category mapping; a category not in the model's risk
    settings is refused (the integrity check would reject the file otherwise).
    """
    old = data_asset(model, asset_id)
    new = _changed(old, changes, ASSET_FIELDS, f"data asset {asset_id!r}")
    if new == old:
        return model
    categories = {c.id for c in model.risk.impact_categories}
    unknown = [c for c in new.impact if categories and c not in categories]
    if unknown:
        raise ProfileEditError(f"data asset {asset_id!r}.impact: unknown impact category "
                               f"{unknown[0]!r} (known: {', '.join(sorted(categories))})")
    return model.model_copy(update={"data_assets": _swap(model.data_assets, asset_id, new)})


def set_asset_impact(model: ThreatModel, asset_id: str, category: str,
                     level: int | None) -> ThreatModel:
    """Rate (or with ``None``, un-rate) one impact category of a data asset."""
    impact = dict(data_asset(model, asset_id).impact)
    if level is None:
        impact.pop(category, None)
    else:
        impact[category] = level
    return update_data_asset(model, asset_id, {"impact": impact})


def remove_data_asset(model: ThreatModel, asset_id: str, *, detach: bool = False) -> ThreatModel:
    """Delete a data asset. Refused while components or flows reference it, unless
    ``detach`` is true: then the references go in the same edit."""
    asset = data_asset(model, asset_id)
    comps, flows = asset_references(model, asset_id)
    if (comps or flows) and not detach:
        names = model.components_by_id()
        held = [names[c].name for c in comps]
        parts = []
        if held:
            parts.append("held by " + ", ".join(held))
        if flows:
            parts.append(f"carried by {len(flows)} flow{'s' if len(flows) > 1 else ''}")
        raise ProfileEditError(f"data asset {asset.name!r} is still {' and '.join(parts)}: "
                               "unassign it first, or remove it with its references")
    result = unassign_data_asset(model, asset_id, [*comps, *flows]) if comps or flows else model
    return result.model_copy(update={"data_assets": [a for a in result.data_assets
                                                     if a.id != asset_id]})


def _elements(model: ThreatModel, element_ids: Iterable[str]) -> tuple[set[str], set[str]]:
    comps, flows = model.components_by_id(), {f.id for f in model.flows}
    want_c, want_f = set(), set()
    for key in element_ids:
        if key in comps:
            want_c.add(key)
        elif key in flows:
            want_f.add(key)
        else:
            raise ProfileEditError(f"unknown element {key!r}: data assets go on components "
                                   "and flows")
    return want_c, want_f


def assign_data_asset(model: ThreatModel, asset_id: str,
                      element_ids: Iterable[str]) -> ThreatModel:
    """Components hold the asset, flows carry it (no duplicates; others untouched)."""
    data_asset(model, asset_id)
    want_c, want_f = _elements(model, element_ids)
    comps = [c if c.id not in want_c or asset_id in c.properties.data_assets else
             c.model_copy(update={"properties": c.properties.model_copy(update={
                 "data_assets": [*c.properties.data_assets, asset_id]})})
             for c in model.components]
    flows = [f if f.id not in want_f or asset_id in f.data_assets else
             f.model_copy(update={"data_assets": [*f.data_assets, asset_id]})
             for f in model.flows]
    return _with_elements(model, comps, flows)


def unassign_data_asset(model: ThreatModel, asset_id: str,
                        element_ids: Iterable[str]) -> ThreatModel:
    want_c, want_f = _elements(model, element_ids)
    comps = [c if c.id not in want_c or asset_id not in c.properties.data_assets else
             c.model_copy(update={"properties": c.properties.model_copy(update={
                 "data_assets": [a for a in c.properties.data_assets if a != asset_id]})})
             for c in model.components]
    flows = [f if f.id not in want_f or asset_id not in f.data_assets else
             f.model_copy(update={"data_assets": [a for a in f.data_assets if a != asset_id]})
             for f in model.flows]
    return _with_elements(model, comps, flows)


def _with_elements(model: ThreatModel, comps: list, flows: list) -> ThreatModel:
    """Keep the old lists (and the model) when nothing changed, so views diff by identity."""
    same_c = all(a is b for a, b in zip(comps, model.components, strict=True))
    same_f = all(a is b for a, b in zip(flows, model.flows, strict=True))
    if same_c and same_f:
        return model
    update: dict[str, Any] = {}
    if not same_c:
        update["components"] = comps
    if not same_f:
        update["flows"] = flows
    return model.model_copy(update=update)
