"""CSV import columns, and how foreign types are mapped to stencils (or flagged)."""

from __future__ import annotations

import pytest

from workbench.cli.main import main
from workbench.interop.csv_import import csv_to_model
from workbench.interop.mapping import StencilMapper
from workbench.model import Layer, load_model

HEADER = ("kind,id,name,type,layer,zone,source,target,protocol,via,encrypted,authenticated,"
          "bidirectional,trust_level,description\n")
CSV = HEADER + """zone,home,Patient home,,,,,,,,,,,3,
zone,room,Bedroom,,,home,,,,,,,,2,
component,pump,Insulin pump,insulin-pump,thing,room,,,,,,,,,
component,phone,Patient phone,Android phone,,home,,,,,,,,,
component,bt,Bluetooth link,,network,home,,,,,,,,,
component,crm,Vendor CRM,Salesforce org,cloud,,,,,,,,,,Sales system
flow,f1,,,,,pump,phone,BLE GATT,bt,yes,no,yes,,
flow,f2,Upload,,,,phone,crm,HTTPS,,true,1,,,
"""


def test_csv_rows_become_zones_components_and_flows() -> None:
    result = csv_to_model(CSV, "vendor.csv")
    model = result.model
    assert [z.id for z in model.zones] == ["home", "room"]
    assert model.zones_by_id()["room"].parent == "home"
    assert model.zones_by_id()["home"].trust_level == 3
    pump = model.component("pump")
    assert (pump.stencil, pump.layer, pump.zone) == ("insulin-pump", Layer.THING, "room")
    f1 = model.flow("f1")
    assert f1.via == ["bt"] and f1.encrypted and not f1.authenticated and f1.bidirectional
    assert model.flow("f2").authenticated
    crm = model.component("crm")
    assert crm.stencil == "generic-cloud" and "[unmapped]" in crm.properties.notes
    assert [m.element for m in result.unmapped] == ["crm"]


def test_csv_separator_is_detected(tmp_path, capsys) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("kind;id;name;type\ncomponent;gw;Home hub;home-hub\n", encoding="utf-8")
    out = tmp_path / "semi.twm.json"
    assert main(["import", str(path), "-o", str(out)]) == 0  # format guessed from .csv
    assert load_model(out).component("gw").stencil == "home-hub"
    assert "home-hub (gateway, high confidence; type is a stencil id)" in capsys.readouterr().out


def test_mapping_prefers_specific_phrases_and_layer_hints() -> None:
    mapper = StencilMapper()
    assert mapper.map("a", "X", "cgm-sensor").how == "type is a stencil id"
    assert mapper.map("b", "Patient Smartphone", "process").stencil == "smartphone"
    assert mapper.map("c", "Azure IoT Hub", "SE.P.TMCore.IoTHub").stencil == "iot-platform"
    assert mapper.map("d", "Public API v2", "Web API").stencil == "api-gateway"
    assert mapper.map("e", "LTE modem link", "", Layer.NETWORK).stencil == "cellular"


def test_unmatched_elements_get_the_generic_stencil_of_their_layer_hint() -> None:
    mapper = StencilMapper()
    for layer in Layer:
        decision = mapper.map("x", "Quux", "frobnicator", layer)
        assert not decision.mapped
        assert decision.stencil == f"generic-{layer.value}" and decision.layer == layer
    # Whole words only: "Table" does not contain the network "ble".
    assert not mapper.map("t", "Table", "", Layer.CLOUD).mapped


def test_unmatched_names_that_say_their_layer_get_that_layer_and_stay_to_classify() -> None:
    """Threat Dragon calls everything a 'process' (cloud); 'IoT Device' is plainly a thing."""
    mapper = StencilMapper()
    device = mapper.map("d", "IoT Device", "process", Layer.CLOUD)
    assert (device.stencil, device.layer, device.mapped) == ("generic-thing", Layer.THING, False)
    assert device.how == "no stencil matched; 'iot device' says thing"
    assert device.confidence == "low"
    router = mapper.map("r", "Core router", "process", Layer.CLOUD)
    assert (router.stencil, router.mapped) == ("generic-gateway", False)
    store = mapper.map("s", "MySQL database", "store", Layer.CLOUD)
    assert store.layer == Layer.CLOUD and "the source type 'store'" in store.how
    assert store.confidence == "medium"


@pytest.mark.parametrize(("name", "ftype", "kind", "hint", "layer"), [
    # issue 16: health words beat database words; the source's type now speaks first
    ("Patient database", "store", "store", Layer.CLOUD, Layer.CLOUD),
    ("Patient database", "", "", Layer.CLOUD, Layer.CLOUD),  # the head noun, not "patient"
    ("Device Management Server", "process", "process", Layer.CLOUD, Layer.CLOUD),
    ("Clinician SQL server", "process", "process", Layer.CLOUD, Layer.CLOUD),
    ("MySQL user & config", "store", "store", Layer.CLOUD, Layer.CLOUD),
    ("Browser Client", "process", "process", Layer.CLOUD, Layer.THING),
    ("Patient", "actor", "external", Layer.THING, Layer.THING),
    ("Lab results", "datastore database", "store", Layer.CLOUD, Layer.CLOUD),
])
def test_layer_follows_the_source_type_then_the_head_noun(name, ftype, kind, hint,
                                                          layer) -> None:
    decision = StencilMapper().map("x", name, ftype, hint, kind=kind)
    assert decision.layer == layer, decision


def test_name_that_contradicts_a_store_stays_to_classify_with_low_confidence() -> None:
    decision = StencilMapper().map("x", "Insulin pump settings", "store", Layer.CLOUD,
                                   kind="store")
    assert decision.stencil == "insulin-pump" and not decision.mapped
    assert decision.confidence == "low" and "check it" in decision.how


def test_otm_files_are_recognised_by_their_extension(tmp_path) -> None:
    from workbench.interop.registry import guess_format

    assert guess_format(tmp_path / "vendor.otm") == "otm"
