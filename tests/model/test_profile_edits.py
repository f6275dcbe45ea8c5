"""Attackers, targets and data assets edited as pure functions, checked against the analysis."""

from __future__ import annotations

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.attack.attackers import (
    DEFAULT_ATTACKERS,
    attacker_profiles,
    resolve_entries,
)
from workbench.analysis.attack.targets import resolve_targets
from workbench.model import profile_edits as pe
from workbench.model.integrity import check_integrity
from workbench.model.io import dumps_model, model_from_document
from workbench.model.stencils import default_stencils

DEFAULT_IDS = {a.id for a in DEFAULT_ATTACKERS}


@pytest.fixture(scope="module")
def stencils():
    return default_stencils()


def _effective(model) -> list[str]:
    return sorted(a.id for a in attacker_profiles(model))


def _roundtrip(model):
    """The edited model saves and loads back the same (and passes the integrity check)."""
    import json

    text = dumps_model(model)
    again = model_from_document(json.loads(text), "edited.twm.json")
    assert again == model
    return again


# --- attackers ---------------------------------------------------------------------------------

def test_add_attacker_replaces_the_defaults_in_the_analysis(stencils) -> None:
    model = tiny_model()
    assert _effective(model) == sorted(DEFAULT_IDS) and pe.uses_defaults(model)
    new, key = pe.add_attacker(model, "Rogue nurse", capability=0.35,
                               description=" night shift ", entry_elements=["relay"],
                               reserved=DEFAULT_IDS)
    assert model.attackers == []  # the input is never changed
    assert key == "rogue-nurse" and _effective(new) == ["rogue-nurse"]
    profile = pe.attacker(new, key)
    assert profile.capability == 0.35 and profile.description == "night shift"
    assert resolve_entries(new, [profile], stencils) == {key: ["relay"]}
    assert not pe.uses_defaults(new)
    assert check_integrity(_roundtrip(new), stencils) == []


def test_a_new_attacker_never_takes_a_defaults_id() -> None:
    model = pe.set_attacker_mode(tiny_model(), "merge")
    new, key = pe.add_attacker(model, "Hospital insider", reserved=DEFAULT_IDS)
    assert key == "hospital-insider-2"
    assert len(attacker_profiles(new)) == len(DEFAULT_ATTACKERS) + 1  # nothing replaced


def test_bad_attacker_input_is_one_clear_line() -> None:
    model, key = pe.add_attacker(tiny_model(), "Thief")
    with pytest.raises(pe.ProfileEditError, match="capability"):
        pe.update_attacker(model, key, {"capability": 1.5})
    with pytest.raises(pe.ProfileEditError, match="name is required"):
        pe.update_attacker(model, key, {"name": "  "})
    with pytest.raises(pe.ProfileEditError, match="no editable field 'id'"):
        pe.update_attacker(model, key, {"id": "other"})
    with pytest.raises(pe.ProfileEditError, match="'f-pump-relay' is a flow"):
        pe.add_entry_elements(model, key, ["f-pump-relay"])
    with pytest.raises(pe.ProfileEditError, match="unknown attacker 'nobody'"):
        pe.set_attacker_enabled(model, "nobody", False)
    with pytest.raises(pe.ProfileEditError, match="name is required"):
        pe.add_attacker(model, "")


def test_entries_add_remove_and_rule_clear() -> None:
    model, key = pe.add_attacker(tiny_model(), "Thief", entry_elements=["pump"])
    model = pe.add_entry_elements(model, key, ["relay", "pump", "relay"])
    assert pe.attacker(model, key).entry_elements == ["pump", "relay"]
    same = pe.add_entry_elements(model, key, ["pump"])
    assert same is model  # nothing to change: no undo step
    model = pe.remove_entry_elements(model, key, ["pump"])
    assert pe.attacker(model, key).entry_elements == ["relay"]
    copied = pe.copy_default_attackers(model, DEFAULT_ATTACKERS, ids={"remote-internet"})
    assert pe.attacker(copied, "remote-internet").entry_rule is not None
    cleared = pe.clear_entry_rule(copied, "remote-internet")
    assert pe.attacker(cleared, "remote-internet").entry_rule is None
    assert pe.attacker(copied, "remote-internet").entry_rule is not None


def test_disable_and_remove_fall_back_to_the_defaults_visibly() -> None:
    model, key = pe.add_attacker(tiny_model(), "Thief", entry_elements=["pump"])
    off = pe.set_attacker_enabled(model, key, False)
    assert pe.attacker(off, key).enabled is False
    assert pe.uses_defaults(off) and _effective(off) == sorted(DEFAULT_IDS)
    gone = pe.remove_attacker(model, key)
    assert gone.attackers == [] and pe.uses_defaults(gone)


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_copying_the_defaults_never_changes_what_is_analysed(mode) -> None:
    base = pe.set_attacker_mode(tiny_model(), mode)
    for model in (base, pe.add_attacker(base, "Thief", reserved=DEFAULT_IDS)[0]):
        before = [a.model_dump() for a in attacker_profiles(model)]
        copied = pe.copy_default_attackers(model, DEFAULT_ATTACKERS)
        assert {a.id for a in copied.attackers} >= DEFAULT_IDS
        assert sorted(before, key=str) == sorted(
            (a.model_dump() for a in attacker_profiles(copied)), key=str)
        assert pe.copy_default_attackers(copied, DEFAULT_ATTACKERS) is copied


def test_copied_defaults_are_tuned_not_shared() -> None:
    model = pe.copy_default_attackers(tiny_model(), DEFAULT_ATTACKERS)
    assert all(a.enabled for a in model.attackers)  # the defaults were in effect
    tuned = pe.update_attacker(model, "proximate-radio", {"capability": 0.9})
    assert pe.attacker(tuned, "proximate-radio").capability == 0.9
    assert next(a for a in DEFAULT_ATTACKERS if a.id == "proximate-radio").capability == 0.5
    # with the model's own enabled profile, the copies arrive disabled, as templates
    own, _ = pe.add_attacker(tiny_model(), "Thief", reserved=DEFAULT_IDS)
    templates = pe.copy_default_attackers(own, DEFAULT_ATTACKERS)
    assert [a.enabled for a in templates.attackers] == [True] + [False] * 6


def test_merge_mode_is_an_option_written_only_when_set() -> None:
    model = tiny_model()
    merged = pe.set_attacker_mode(model, "merge")
    assert merged.risk.options["attackers"] == "merge" and pe.attacker_mode(merged) == "merge"
    back = pe.set_attacker_mode(merged, "replace")
    assert "attackers" not in back.risk.options
    assert pe.set_attacker_mode(back, "replace") is back
    with pytest.raises(pe.ProfileEditError, match="'both' is not one of replace, merge"):
        pe.set_attacker_mode(model, "both")
    # merge: a model profile with a default's id replaces just that default
    tuned = pe.update_attacker(pe.copy_default_attackers(merged, DEFAULT_ATTACKERS,
                                                         ids={"malicious-app"}),
                               "malicious-app", {"capability": 0.9})
    caps = {a.id: a.capability for a in attacker_profiles(tuned)}
    assert caps["malicious-app"] == 0.9 and len(caps) == len(DEFAULT_ATTACKERS)


def test_editing_a_builtin_profile_copies_the_defaults_first() -> None:
    model = tiny_model()
    own = pe.own_attacker(model, "hospital-insider", DEFAULT_ATTACKERS)
    # replace mode: all six come in, so tuning one never drops the other five
    assert {a.id for a in own.attackers} == DEFAULT_IDS
    off = pe.set_attacker_enabled(own, "hospital-insider", False)
    assert _effective(off) == sorted(DEFAULT_IDS - {"hospital-insider"})
    assert pe.own_attacker(off, "hospital-insider", DEFAULT_ATTACKERS) is off
    merged = pe.own_attacker(pe.set_attacker_mode(model, "merge"), "malicious-app",
                             DEFAULT_ATTACKERS)
    assert [a.id for a in merged.attackers] == ["malicious-app"]  # merge: just that one
    with pytest.raises(pe.ProfileEditError, match="unknown attacker 'ghost'"):
        pe.own_attacker(model, "ghost", DEFAULT_ATTACKERS)


# --- targets -----------------------------------------------------------------------------------

def test_targets_update_remove_and_derivation(stencils) -> None:
    from workbench.model import edits

    model, key = edits.add_target(tiny_model(), "relay", "care_service", "Relay uptime")
    model = pe.update_target(model, key, {"name": "Loop availability", "kind": "patient_safety"})
    spec = next(t for t in resolve_targets(model, stencils) if t.id == key)
    assert (spec.name, spec.kind, spec.derived) == ("Loop availability", "patient_safety", False)
    with pytest.raises(pe.ProfileEditError, match="only components"):
        pe.update_target(model, key, {"element": "f-pump-relay"})
    model2, _ = edits.add_target(model, "relay", "health_data")
    with pytest.raises(pe.ProfileEditError, match="already a health data target"):
        pe.update_target(model2, key, {"kind": "health_data"})
    assert pe.remove_target(model, key).targets == []
    derived = [t for t in resolve_targets(model, stencils) if t.derived]
    assert derived  # the pump's insulin delivery, the cloud's health data
    off = pe.set_derive_targets(model, False)
    assert off.risk.options["derive_targets"] is False
    assert [t.id for t in resolve_targets(off, stencils)] == [key]
    assert "derive_targets" not in pe.set_derive_targets(off, True).risk.options
    assert check_integrity(_roundtrip(off), stencils) == []


# --- data assets -------------------------------------------------------------------------------

def test_add_update_assign_a_data_asset(stencils) -> None:
    model, key = pe.add_data_asset(tiny_model(), "Pump event log", kind="logs",
                                   personal=True, confidentiality=3)
    assert key == "a-pump-event-log"
    asset = pe.data_asset(model, key)
    assert (asset.kind.value, asset.personal, asset.confidentiality, asset.integrity) == \
        ("logs", True, 3, 2)
    model = pe.update_data_asset(model, key, {"integrity": 7, "description": " "})
    assert pe.data_asset(model, key).integrity == 7
    assert pe.data_asset(model, key).description is None
    model = pe.set_asset_impact(model, key, "patient_safety", 3)
    assert pe.data_asset(model, key).impact == {"patient_safety": 3}
    with pytest.raises(pe.ProfileEditError, match="unknown impact category 'mood'"):
        pe.set_asset_impact(model, key, "mood", 2)
    with pytest.raises(pe.ProfileEditError, match="availability"):
        pe.update_data_asset(model, key, {"availability": 11})
    assigned = pe.assign_data_asset(model, key, ["pump", "f-relay-cloud"])
    assert key in assigned.component("pump").properties.data_assets
    assert key in assigned.flow("f-relay-cloud").data_assets
    assert assigned.component("relay") is model.component("relay")  # untouched, shared
    assert pe.assign_data_asset(assigned, key, ["pump"]) is assigned
    assert pe.asset_references(assigned, key) == (["pump"], ["f-relay-cloud"])
    back = pe.unassign_data_asset(assigned, key, ["pump"])
    assert key not in back.component("pump").properties.data_assets
    with pytest.raises(pe.ProfileEditError, match="unknown element 'zz'"):
        pe.assign_data_asset(model, key, ["zz"])
    assert check_integrity(_roundtrip(assigned), stencils) == []


def test_a_health_data_asset_makes_its_holder_a_derived_target(stencils) -> None:
    model, key = pe.add_data_asset(tiny_model(), "Phone cache", kind="health_data",
                                   personal=True)
    before = {t.element for t in resolve_targets(model, stencils) if t.kind == "health_data"}
    assert "relay" not in before
    model = pe.assign_data_asset(model, key, ["relay"])
    after = {t.element for t in resolve_targets(model, stencils) if t.kind == "health_data"}
    assert "relay" in after


def test_removing_a_referenced_asset_is_refused_unless_detached(stencils) -> None:
    model = tiny_model()
    with pytest.raises(pe.ProfileEditError) as info:
        pe.remove_data_asset(model, "glucose")
    message = str(info.value)
    assert "'Glucose readings' is still held by Vendor cloud and carried by 2 flows" in message
    assert "\n" not in message
    gone = pe.remove_data_asset(model, "glucose", detach=True)
    assert "glucose" not in gone.assets_by_id()
    assert all("glucose" not in f.data_assets for f in gone.flows)
    assert "glucose" not in gone.component("vcloud").properties.data_assets
    assert check_integrity(gone, stencils) == []
    unused, key = pe.add_data_asset(model, "Spare")
    assert pe.remove_data_asset(unused, key).data_assets == model.data_assets
