"""Both Threat Dragon demo models: every actor, process, store, flow, boundary and threat."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.interop.helpers import shared
from workbench.cli.main import main
from workbench.interop.threatdragon import import_threatdragon, shape_of
from workbench.model import load_model

MODELS = ["iot-device.json", "v2-threat-model.json"]


def _cells(name: str) -> list[dict]:
    doc = json.loads(shared("threatdragon", name).read_text(encoding="utf-8"))
    return [c for d in doc["detail"]["diagrams"] for c in d["cells"]]


@pytest.mark.parametrize("name", MODELS)
def test_every_element_and_threat_is_accounted_for(name: str) -> None:
    cells = _cells(name)
    shapes = Counter(shape_of(c) for c in cells)
    result = import_threatdragon(shared("threatdragon", name))
    model = result.model
    nodes = [c for c in cells if shape_of(c) in {"actor", "process", "store"}]
    flows = [c for c in cells if shape_of(c) == "flow"]
    dangling = sum(1 for f in flows for end in ("source", "target") if "cell" not in f[end])
    # Each actor/process/store is a component under its own id, plus one per dangling end.
    ids = {c.id for c in model.components}
    assert {c["id"] for c in nodes} <= ids
    assert len(model.components) == len(nodes) + dangling
    assert {f.id for f in model.flows} == {c["id"] for c in flows}
    boundaries = shapes["trust-boundary-box"] + shapes["trust-boundary-curve"]
    assert len(model.zones) == boundaries
    source_threats = {t["id"] for c in cells for t in (c.get("data", {}).get("threats") or [])}
    assert {t.id for t in model.threats} == source_threats
    # Threats stay on the element they were drawn on.
    for cell in cells:
        for t in cell.get("data", {}).get("threats") or []:
            assert next(x for x in model.threats if x.id == t["id"]).element == cell["id"]
    # Every mitigation text became a control linked to its threat.
    with_text = sum(1 for c in cells for t in (c.get("data", {}).get("threats") or [])
                    if (t.get("mitigation") or "").strip())
    assert sum(len(t.mitigations) for t in model.threats) == with_text
    # Nothing silently dropped: each component is either mapped or flagged.
    assert len(result.mapping) == len(model.components)


def test_statuses_and_stride_come_through() -> None:
    model = import_threatdragon(shared("threatdragon", "v2-threat-model.json")).model
    cells = _cells("v2-threat-model.json")
    source = {t["id"]: t for c in cells for t in (c.get("data", {}).get("threats") or [])}
    for threat in model.threats:
        raw = source[threat.id]
        expected = {"Open": "accepted", "Mitigated": "mitigated", "NA": "rejected"}
        assert threat.status.value == expected.get(raw["status"], "suggested")
        assert threat.title == raw["title"]
        if raw["type"] == "Information disclosure":
            assert [s.value for s in threat.stride] == ["I"]


def test_curved_boundaries_are_noted_on_the_flows_that_cross_them() -> None:
    model = import_threatdragon(shared("threatdragon", "v2-threat-model.json")).model
    crossing = [f for f in model.flows if "Crosses trust boundary" in (f.notes or "")]
    assert crossing, "at least one flow crosses a drawn boundary in the demo model"
    dangling = [c for c in model.components if c.name == "Unconnected end"]
    assert len(dangling) == 1 and "[unmapped]" in dangling[0].properties.notes


def test_cli_import_writes_a_valid_model_and_lists_what_to_classify(tmp_path, capsys) -> None:
    out = tmp_path / "td.twm.json"
    assert main(["import", str(shared("threatdragon", "iot-device.json")),
                 "--from", "threatdragon", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "to classify" in printed and "kept with a generic stencil" in printed
    assert "14 flows" in printed
    assert len(load_model(out).flows) == 14


def test_boxes_inside_boxes_become_nested_zones_holding_their_components() -> None:
    from workbench.interop.threatdragon import threatdragon_to_model

    def box(ident, x, y, w, h):
        return {"id": ident, "shape": "trust-boundary-box", "position": {"x": x, "y": y},
                "size": {"width": w, "height": h}, "data": {"name": ident}}

    def node(ident, x, y):
        return {"id": ident, "shape": "process", "position": {"x": x, "y": y},
                "size": {"width": 20, "height": 20}, "data": {"name": ident}}

    doc = {"version": "2.2.0", "summary": {"title": "Nested"}, "detail": {"diagrams": [
        {"cells": [box("inner", 50, 50, 100, 100), box("outer", 0, 0, 400, 400),
                   node("in-inner", 60, 60), node("in-outer", 300, 300),
                   node("outside", 600, 600)]}]}}
    model = threatdragon_to_model(doc, "nested.json").model
    zones = model.zones_by_id()
    assert zones["inner"].parent == "outer" and zones["outer"].parent is None
    assert model.component("in-inner").zone == "inner"
    assert model.component("in-outer").zone == "outer"
    assert model.component("outside").zone is None
