"""OTM 0.2.0: the spec example imports, our export is schema-valid, and round trips hold."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.interop.helpers import rich_model, shared
from workbench.cli.main import main
from workbench.interop.otm import import_otm, model_to_otm, otm_to_model
from workbench.model import load_model
from workbench.model.io import dumps_model, save_model


def _schema() -> dict:
    return json.loads(shared("otm", "otm_schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["EXAMPLE.yaml", "EXAMPLE.json"])
def test_spec_example_imports_every_element(name: str) -> None:
    path = shared("otm", name)
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = import_otm(path)
    model = result.model
    assert {c.id for c in model.components} == {c["id"] for c in source["components"]}
    assert {f.id for f in model.flows} == {d["id"] for d in source["dataflows"]}
    assert {z.id for z in model.zones} == {z["id"] for z in source["trustZones"]}
    placed = [(r["threat"], c["id"]) for c in source["components"] + source["dataflows"]
              for r in (c.get("threats") or [])]
    assert len(model.threats) == len(placed)
    assert {t.element for t in model.threats} == {e for _, e in placed}
    assert {c.id for c in model.controls} == {m["id"] for m in source["mitigations"]}
    # The web service sits in the private zone and processes both assets.
    svc = model.component("web-service")
    assert svc.zone == "2ab4effa-40b7-4cd2-ba81-8247d29a6f2d"
    assert set(svc.properties.data_assets) == {"cc-data", "public-info"}
    # Nothing matched a health stencil: each is kept, flagged, and listed for the analyst.
    assert len(result.unmapped) == 4
    assert all("[unmapped]" in (c.properties.notes or "") for c in model.components)
    assert any("3b837730" in w for w in result.warnings)  # unused mitigation reported


def test_export_of_the_example_is_valid_and_round_trips() -> None:
    model = import_otm(shared("otm", "EXAMPLE.yaml")).model
    doc = model_to_otm(model)
    jsonschema.validate(doc, _schema())
    again = otm_to_model(json.loads(json.dumps(doc)), "export").model
    assert dumps_model(again) == dumps_model(model)


def test_rich_model_round_trips_components_flows_zones_threats_and_mitigations() -> None:
    model = rich_model()
    doc = model_to_otm(model)
    jsonschema.validate(doc, _schema())
    again = otm_to_model(json.loads(json.dumps(doc)), "export").model
    for part in ("components", "flows", "zones", "threats", "controls", "data_assets",
                 "targets", "metadata", "layout"):
        assert getattr(again, part) == getattr(model, part), part
    # The component with no zone is kept zoneless (the OTM "unzoned" zone is synthetic).
    assert again.component("net").zone is None


def test_cli_export_then_import_gives_the_same_model(tmp_path, capsys) -> None:
    src = tmp_path / "m.twm.json"
    save_model(rich_model(), src)
    otm = tmp_path / "m.otm.json"
    assert main(["export", str(src), "--format", "otm", "-o", str(otm)]) == 0
    jsonschema.validate(json.loads(otm.read_text(encoding="utf-8")), _schema())
    out = tmp_path / "back.twm.json"
    assert main(["import", str(otm), "--from", "otm", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "4 components, 2 flows, 3 trust zones, 2 threats, 2 controls" in printed
    assert dumps_model(load_model(out)) == dumps_model(rich_model())


def test_foreign_states_map_to_workbench_statuses() -> None:
    doc = {"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
           "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 80}}],
           "components": [{"id": "a", "name": "Insulin pump", "type": "pump",
                           "parent": {"trustZone": "z"},
                           "threats": [{"threat": "t", "state": "mitigated",
                                        "mitigations": [{"mitigation": "m",
                                                         "state": "implemented"}]}]}],
           "threats": [{"id": "t", "name": "Overdose", "categories": ["Tampering"],
                        "risk": {"likelihood": 75, "impact": 100}}],
           "mitigations": [{"id": "m", "name": "Signed commands", "riskReduction": 80}]}
    model = otm_to_model(doc, "x").model
    threat = model.threats[0]
    assert threat.status.value == "mitigated" and threat.likelihood == 3
    assert [s.value for s in threat.stride] == ["T"]
    assert threat.mitigations[0].status.value == "implemented"
    assert model.controls[0].effectiveness == 0.8 and model.controls[0].elements == ["a"]
    assert model.zones[0].trust_level == 8
    assert model.components[0].stencil == "insulin-pump"


SAMPLES = sorted((Path(__file__).parents[2] / "sample-models").glob("*.twm.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_model_exports_valid_otm_and_comes_back_identical(path: Path) -> None:
    model = load_model(path)
    doc = model_to_otm(model)
    jsonschema.validate(doc, _schema())
    again = otm_to_model(json.loads(json.dumps(doc)), "export").model
    assert dumps_model(again) == dumps_model(model)


def test_flow_reusing_a_component_id_gets_its_own_id() -> None:
    doc = {"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
           "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 50}}],
           "components": [{"id": n, "name": n, "type": "x", "parent": {"trustZone": "z"}}
                          for n in ("a", "b")],
           "dataflows": [{"id": "a", "name": "a to b", "source": "a", "destination": "b",
                          "threats": [{"threat": "t", "state": "exposed"}]}],
           "threats": [{"id": "t", "name": "T", "risk": {"likelihood": 50, "impact": 50}}]}
    model = otm_to_model(doc, "x").model
    (flow,) = model.flows
    # derived from the source id (never numbered in file order), which is kept
    assert flow.id.startswith("a-") and flow.id != "a" and flow.source_id == "a"
    assert otm_to_model(doc, "x").model.flows[0].id == flow.id
    assert model.threats[0].element == flow.id
