"""Format facts met while modelling public advisories: stencil defaults for omitted
properties, graded flow authentication, signed software flows, debug ports, open services,
flat networks, and the stencils those advisories needed."""

from __future__ import annotations

import enum
import json
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import (
    ComponentProperties,
    FactIndex,
    FlowAuthentication,
    ModelError,
    default_stencils,
    dumps_model,
    load_model,
    model_from_document,
    save_model,
)
from workbench.model.conditions import Condition
from workbench.model.stencils import stencils_dir


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "hand.twm.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _doc(components: list[dict], flows: list[dict] | None = None,
         version: int = 2, assets: list[dict] | None = None) -> dict:
    return {"format": "threat-workbench-model", "schema_version": version,
            "metadata": {"title": "Hand-written"}, "components": components,
            "flows": flows or [], "data_assets": assets or []}


def test_a_bare_infusion_pump_gets_its_stencils_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path, _doc([{"id": "pump", "name": "Pump", "stencil": "infusion-pump",
                                   "layer": "thing"}]))
    pump = load_model(path).components[0]
    assert pump.properties.safety_critical_function == "intravenous drug dosing"
    assert pump.properties.legacy is True
    assert pump.properties.signed_updates is False


def test_given_properties_win_over_the_stencil_and_unknown_survives_a_save(
        tmp_path: Path) -> None:
    path = _write(tmp_path, _doc([{"id": "pump", "name": "Pump", "stencil": "infusion-pump",
                                   "layer": "thing",
                                   "properties": {"legacy": False, "signed_updates": None}}]))
    model = load_model(path)
    props = model.components[0].properties
    assert props.legacy is False  # the analyst's word
    assert props.signed_updates is None  # explicit "unknown", not the stencil's false
    assert props.patch_status is not None and props.patch_status.value == "unsupported"
    out = tmp_path / "saved.twm.json"
    save_model(model, out, keep_backup=False)
    assert '"signed_updates": null' in out.read_text(encoding="utf-8")
    again = load_model(out)
    assert again == model
    assert dumps_model(again) == out.read_text(encoding="utf-8")


def test_schema_1_boolean_authentication_migrates_to_strong_or_none(tmp_path: Path) -> None:
    path = _write(tmp_path, _doc(
        [{"id": "a", "name": "A", "stencil": "smartphone", "layer": "thing"},
         {"id": "b", "name": "B", "stencil": "vendor-device-cloud", "layer": "cloud"}],
        [{"id": "f1", "source": "a", "target": "b", "authenticated": True},
         {"id": "f2", "source": "b", "target": "a", "authenticated": False}], version=1))
    model = load_model(path)
    assert [f.authentication for f in model.flows] == [FlowAuthentication.STRONG,
                                                       FlowAuthentication.NONE]
    assert [f.authenticated for f in model.flows] == [True, False]
    text = dumps_model(model)
    assert '"schema_version": 2' in text and '"authenticated"' not in text
    assert '"authentication": "strong"' in text


def test_a_wrong_authentication_grade_names_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, _doc(
        [{"id": "a", "name": "A", "stencil": "smartphone", "layer": "thing"}],
        [{"id": "f1", "source": "a", "target": "a", "authentication": "medium"}]))
    with pytest.raises(ModelError) as info:
        load_model(path)
    assert "flows[0].authentication" in str(info.value)


def _advisory_model(tmp_path: Path):
    """A pump on a flat LAN, an unsigned firmware push, a weak remote link, a gateway with
    an open debug port and telnet."""
    components = [
        {"id": "pump", "name": "Pump", "stencil": "infusion-pump", "layer": "thing"},
        {"id": "remote", "name": "Remote", "stencil": "rf-remote", "layer": "thing"},
        {"id": "radio", "name": "916 MHz", "stencil": "subghz-radio", "layer": "network"},
        {"id": "lan", "name": "LAN", "stencil": "hospital-lan", "layer": "network"},
        {"id": "gw", "name": "Gateway", "stencil": "bedside-gateway", "layer": "gateway",
         "properties": {"open_services": ["telnet"]}},
        {"id": "dls", "name": "Drug library", "stencil": "drug-library-server",
         "layer": "cloud"},
        {"id": "pstn", "name": "Phone line", "stencil": "landline-modem", "layer": "network"},
    ]
    flows = [
        {"id": "f-fw", "source": "dls", "target": "pump", "via": ["lan"], "signed": False,
         "authentication": "weak", "data_assets": ["fw"]},
        {"id": "f-remote", "source": "remote", "target": "pump", "via": ["radio"],
         "authentication": "none"},
        {"id": "f-gw", "source": "gw", "target": "dls", "via": ["pstn"],
         "authentication": "strong"},
    ]
    assets = [{"id": "fw", "name": "Pump firmware", "kind": "firmware"}]
    return load_model(_write(tmp_path, _doc(components, flows, assets=assets)))


def test_new_facts_are_readable_by_rules(tmp_path: Path) -> None:
    model = _advisory_model(tmp_path)
    index = FactIndex(model, default_stencils())
    by_id = model.components_by_id()
    pump = index.component(by_id["pump"])
    gateway = index.component(by_id["gw"])
    firmware = index.flow(model.flow("f-fw"))
    remote = index.flow(model.flow("f-remote"))

    def holds(condition: dict, facts: dict) -> bool:
        return Condition.model_validate(condition).evaluate(facts)

    assert holds({"attr": "on_flat_network", "op": "eq", "value": True}, pump)
    assert not holds({"attr": "on_flat_network", "op": "eq", "value": True},
                     index.component(by_id["remote"]))
    assert pump["flows.unsigned_software_in"] == 1
    assert pump["flows.weakly_authenticated"] == 1
    assert holds({"all": [{"attr": "carries_software", "op": "eq", "value": True},
                          {"attr": "signed", "op": "ne", "value": True},
                          {"attr": "via.flat", "op": "eq", "value": True}]}, firmware)
    assert firmware["authentication"] == "weak" and firmware["authenticated"] is False
    assert remote["authentication"] == "none" and not remote["carries_software"]
    assert holds({"attr": "properties.debug_port", "op": "eq", "value": "open"}, gateway)
    assert holds({"attr": "properties.open_services", "op": "contains", "value": "telnet"},
                 gateway)
    # the drug-library server manages the pump fleet; it treats no one itself (it
    # delivers limits to the pumps: docs/risk-model.md, "Fleet-wide harm")
    dls = index.component(by_id["dls"])
    assert holds({"attr": "tags", "op": "contains", "value": "fleet_manager"}, dls)
    assert not holds({"attr": "properties.safety_critical_function", "op": "exists",
                      "value": True}, dls)


@pytest.mark.parametrize("stencil_id, layer", [
    ("rf-remote", "thing"), ("subghz-radio", "network"), ("drug-library-server", "cloud"),
    ("landline-modem", "network")])
def test_advisory_stencils_exist_with_their_own_icons(stencil_id: str, layer: str) -> None:
    stencil = default_stencils()[stencil_id]
    assert stencil.layer.value == layer
    assert stencil.label_fr and stencil.description
    icon = stencils_dir() / "icons" / f"{stencil.icon}.svg"
    assert icon.is_file()


def _candidates(name: str) -> list:
    """Values a file may give an optional property: unknown, and each valid value."""
    annotation = ComponentProperties.model_fields[name].annotation
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return [None] + [e.value for e in arg]
        if arg is bool:
            return [None, True, False]
    return [None, "given by the analyst"]


_OPTIONAL = {n: _candidates(n) for n, f in ComponentProperties.model_fields.items()
             if f.default is None}


@settings(max_examples=80, deadline=None)
@given(stencil=st.sampled_from([s.id for s in default_stencils()]),
       props=st.fixed_dictionaries({}, optional={
           n: st.sampled_from(v) for n, v in _OPTIONAL.items()}))
def test_partial_properties_fill_from_the_stencil_and_round_trip(stencil, props) -> None:
    """Any mix of omitted keys, explicit unknowns and explicit values survives a save and a
    load unchanged, and every omitted key holds the stencil's default."""
    defaults = default_stencils()[stencil].defaults
    layer = default_stencils()[stencil].layer.value
    doc = _doc([{"id": "c", "name": "C", "stencil": stencil, "layer": layer,
                 "properties": props}])
    model = model_from_document(doc, "generated")
    filled = model.components[0].properties

    def plain(value):
        return value.value if hasattr(value, "value") else value

    for name in ComponentProperties.model_fields:
        expected = props[name] if name in props else plain(getattr(defaults, name))
        assert plain(getattr(filled, name)) == expected, name
    text = dumps_model(model)
    again = model_from_document(json.loads(text), "saved")
    assert again == model and dumps_model(again) == text
