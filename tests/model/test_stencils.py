"""The shipped stencils: enough element types, well-formed, with icons and known tags."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from workbench.model.enums import Layer
from workbench.model.errors import ModelError
from workbench.model.stencils import StencilLibrary, default_stencils, stencils_dir

#: The documented tag vocabulary (docs/stencils.md); rule writers rely on it.
TAG_VOCABULARY = {
    "medical_device", "implant", "wearable", "consumer", "mobile", "safety_critical",
    "wireless", "radio", "store", "web_facing", "identity", "update", "analytics", "partner",
    "clinical", "legacy_prone", "notification", "backup", "monitoring", "hub",
    "personal_device", "unclassified", "fleet_manager", "single_user", "therapy", "software",
}

REQUIRED_IDS = {
    "cardiac-implant", "neurostimulator", "insulin-pump", "cgm-sensor", "infusion-pump",
    "patient-monitor", "ventilator", "smart-pill-dispenser", "fitness-tracker", "smartwatch",
    "connected-scale", "bp-cuff", "pulse-oximeter", "smartphone", "tablet", "companion-app",
    "clinician-programmer", "imaging-modality", "clinical-workstation", "wearable-ecg-patch",
    "home-transmitter", "home-hub", "bedside-gateway", "phone-ble-relay",
    "hospital-iot-gateway", "biomedical-gateway", "edge-server", "tablet-hub",
    "interface-engine", "ble", "implant-rf", "wifi-home", "wifi-hospital", "cellular", "lpwan",
    "home-internet", "hospital-lan", "biomedical-vlan", "vpn", "public-internet",
    "regional-health-network", "nfc", "vendor-device-cloud", "iot-platform", "api-gateway",
    "identity-provider", "hds-host", "ehr", "pacs", "data-lake", "ml-analytics",
    "clinician-portal", "patient-portal", "partner-api", "firmware-update-server", "siem-soc",
    "telemonitoring-platform", "backup-service", "push-notification-service", "app-store",
}

LAYER_FILES = {"things.json": Layer.THING, "gateways.json": Layer.GATEWAY,
               "networks.json": Layer.NETWORK, "cloud.json": Layer.CLOUD}


def _raw_stencils() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(stencils_dir().glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8"))["stencils"]:
            out.append((path.name, raw))
    return out


def test_enough_stencils_on_every_layer():
    lib = default_stencils()
    per_layer = Counter(s.layer for s in lib)
    assert len(lib) >= 40
    for layer in Layer:
        assert per_layer[layer] >= 6, f"only {per_layer[layer]} stencils on {layer}"


def test_every_promised_stencil_id_is_shipped():
    missing = REQUIRED_IDS - {s.id for s in default_stencils()}
    assert not missing


def test_ids_unique_across_files():
    ids = Counter(raw["id"] for _, raw in _raw_stencils())
    assert [i for i, n in ids.items() if n > 1] == []


def test_each_layer_file_holds_only_its_layer():
    for name, raw in _raw_stencils():
        if name in LAYER_FILES:
            assert raw["layer"] == LAYER_FILES[name].value, f"{name}: {raw['id']}"


def test_labels_descriptions_and_french_labels_present():
    for stencil in default_stencils():
        if "unclassified" in stencil.tags:
            continue
        assert stencil.label and stencil.label_fr, stencil.id
        assert stencil.description and len(stencil.description) > 40, stencil.id
        assert stencil.icon and stencil.category and stencil.shape != "box", stencil.id
        assert stencil.interfaces, stencil.id


def test_every_icon_exists_and_is_a_24px_svg():
    icons = stencils_dir() / "icons"
    for stencil in default_stencils():
        if stencil.icon is None:
            continue
        path = icons / f"{stencil.icon}.svg"
        assert path.is_file(), f"{stencil.id}: missing icon {path.name}"
        root = SafeET.parse(path).getroot()
        assert root.tag.endswith("svg"), path.name
        assert root.get("viewBox") == "0 0 24 24", path.name
        assert len(list(root)) >= 1, f"{path.name} draws nothing"


def test_every_tag_is_in_the_vocabulary_and_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "stencils.md").read_text(encoding="utf-8")
    for stencil in default_stencils():
        unknown = set(stencil.tags) - TAG_VOCABULARY
        assert not unknown, f"{stencil.id}: unknown tags {unknown}"
    for tag in TAG_VOCABULARY:
        assert f"`{tag}`" in doc, f"tag {tag} not documented in docs/stencils.md"


def test_tags_follow_the_rules_rule_writers_rely_on():
    lib = default_stencils()
    for stencil in lib:
        if stencil.layer == Layer.NETWORK and stencil.category == "radio":
            assert {"wireless", "radio"} <= set(stencil.tags), stencil.id
        if stencil.defaults.safety_critical_function:
            assert "safety_critical" in stencil.tags, stencil.id
    for sid in ("cardiac-implant", "insulin-pump", "infusion-pump", "patient-monitor"):
        assert "medical_device" in lib[sid].tags
    for sid in ("ehr", "pacs", "data-lake"):
        assert "store" in lib[sid].tags
    for sid in ("clinician-portal", "patient-portal", "api-gateway", "public-internet"):
        assert "web_facing" in lib[sid].tags


def test_defaults_are_realistic_for_key_types():
    lib = default_stencils()
    implant = lib["cardiac-implant"].defaults
    assert any("MICS" in w for w in implant.wireless_interfaces)
    assert implant.safety_critical_function
    pump = lib["infusion-pump"].defaults
    assert pump.legacy and pump.patch_status.value == "unsupported"
    assert lib["public-internet"].defaults.internet_exposed
    assert lib["ehr"].defaults.encryption_at_rest and lib["ehr"].defaults.logging


def test_instantiate_gives_stencil_defaults():
    comp = default_stencils()["insulin-pump"].instantiate("pump-1", zone="home")
    assert comp.layer == Layer.THING
    assert comp.properties.safety_critical_function == "insulin dosing"


def _write(tmp_path: Path, name: str, stencils: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"stencil_format": 1, "stencils": stencils}), encoding="utf-8")
    return path


GOOD = {"id": "x-device", "label": "X", "layer": "thing", "category": "test"}


def test_wrong_layer_is_rejected_naming_file_and_field(tmp_path):
    path = _write(tmp_path, "bad.json", [dict(GOOD, layer="fog")])
    with pytest.raises(ModelError) as err:
        StencilLibrary.load([path])
    assert "bad.json" in str(err.value) and "stencils[0].layer" in str(err.value)


def test_unknown_field_is_rejected_naming_file_and_field(tmp_path):
    path = _write(tmp_path, "typo.json", [dict(GOOD, colour="red")])
    with pytest.raises(ModelError) as err:
        StencilLibrary.load([path])
    assert "typo.json" in str(err.value) and "stencils[0].colour" in str(err.value)


def test_unknown_default_property_is_rejected(tmp_path):
    path = _write(tmp_path, "props.json", [dict(GOOD, defaults={"secure_bot": True})])
    with pytest.raises(ModelError) as err:
        StencilLibrary.load([path])
    assert "props.json" in str(err.value) and "defaults.secure_bot" in str(err.value)


def test_duplicate_id_across_files_names_both_files(tmp_path):
    first = _write(tmp_path, "a.json", [GOOD])
    second = _write(tmp_path, "b.json", [dict(GOOD, label="again")])
    with pytest.raises(ModelError) as err:
        StencilLibrary.load([first, second])
    text = str(err.value)
    assert "a.json" in text and "b.json" in text and "x-device" in text
    assert "stencils[0].id" in text


def test_truncated_file_is_rejected_with_its_name(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"stencil_format": 1, "stencils": [', encoding="utf-8")
    with pytest.raises(ModelError) as err:
        StencilLibrary.load([path])
    assert "cut.json" in str(err.value)


def test_components_read_the_current_stencil_library():
    """``entities._stencil_defaults`` keeps ``default_stencils`` (imported once) but calls it
    each time: every stencil's own defaults, and a cleared memo's new library afterwards."""
    from workbench.model import entities

    library = default_stencils()
    for stencil in library:
        assert entities._stencil_defaults(stencil.id) is stencil.defaults
    assert entities._stencil_defaults("no-such-stencil") is None
    default_stencils.cache_clear()
    try:
        again = default_stencils()
        assert again is not library
        assert entities._stencil_defaults("infusion-pump") is again["infusion-pump"].defaults
    finally:
        default_stencils.cache_clear()
