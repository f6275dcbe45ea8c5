"""Reclassifying an imported element: type, layer, lane, kept facts, the marker cleared."""

from __future__ import annotations

import pytest

from tests.model.factories import tiny_model
from workbench.interop.common import UNMAPPED_MARKER as IMPORTER_MARKER
from workbench.interop.csv_import import csv_to_model
from workbench.model import Layer, default_stencils
from workbench.model.integrity import check_integrity
from workbench.model.layout import LANE_W, auto_layout
from workbench.model.reclassify import (
    UNMAPPED_MARKER,
    ReclassifyError,
    change_stencil,
    stencil_change_notes,
    to_classify,
)

CSV = """kind,id,name,type,layer,zone,source,target,protocol,via
zone,home,Patient home,,,,,,,
component,box,Mystery box,frobnicator,gateway,home,,,,
component,blob,Blob store,quux,cloud,,,,,
component,air,Airwaves,zorp,network,home,,,,
component,pump,Insulin pump,insulin-pump,,home,,,,
flow,f1,,,,,pump,box,BLE,air
flow,f2,,,,,box,blob,HTTPS,
"""


@pytest.fixture
def imported():
    result = csv_to_model(CSV, "test.csv")
    model = result.model.model_copy(update={"layout": auto_layout(result.model)})
    return model


def test_the_marker_is_the_importers() -> None:
    assert UNMAPPED_MARKER == IMPORTER_MARKER


def test_to_classify_lists_what_the_importer_could_not_map(imported) -> None:
    listed = to_classify(imported)
    assert [item.id for item in listed] == ["box", "blob", "air"]
    assert listed[0].stencil == "generic-gateway" and listed[0].layer == Layer.GATEWAY
    assert listed[0].note.startswith(UNMAPPED_MARKER) and "frobnicator" in listed[0].note
    assert listed[0].foreign_type == "frobnicator"


def test_change_moves_the_element_to_the_new_layer_and_its_lane(imported) -> None:
    stencils = default_stencils()
    before = imported.layout.elements["box"]
    after_model = change_stencil(imported, "box", "smartphone", stencils)
    comp = after_model.component("box")
    assert (comp.stencil, comp.layer, comp.name, comp.zone) == \
        ("smartphone", Layer.THING, "Mystery box", "home")
    box = after_model.layout.elements["box"]
    assert box.x < LANE_W <= before.x  # from the gateways lane to the things lane
    pump = after_model.layout.elements["pump"]  # already in the things lane: no overlap
    assert box.y >= pump.y + pump.h or box.y + box.h <= pump.y
    assert [f.id for f in after_model.flows] == ["f1", "f2"]  # flows kept
    assert "box" not in [i.id for i in to_classify(after_model)]
    assert check_integrity(after_model, stencils) == []
    assert imported.component("box").stencil == "generic-gateway"  # input untouched


def test_stated_facts_stay_and_defaults_follow_the_type(imported) -> None:
    stencils = default_stencils()
    model = imported.model_copy(update={"components": [
        c.model_copy(update={"properties": c.properties.model_copy(update={
            "internet_exposed": True, "notes": c.properties.notes + "\nSeen at the audit"})})
        if c.id == "blob" else c for c in imported.components]})
    comp = change_stencil(model, "blob", "data-lake", stencils).component("blob")
    assert comp.properties.internet_exposed is True  # stated by the analyst: kept
    assert comp.properties.encryption_at_rest is True  # the data lake's default
    assert comp.properties.notes == "Seen at the audit"  # only the marker line went


def test_a_network_that_stops_being_one_leaves_via_lists(imported) -> None:
    stencils = default_stencils()
    notes = stencil_change_notes(imported, "air", "home-hub", stencils)
    assert notes == ["flow 'f1' no longer goes via 'air' (not a network any more)"]
    after = change_stencil(imported, "air", "home-hub", stencils)
    assert after.flow("f1").via == []
    assert check_integrity(after, stencils) == []
    assert stencil_change_notes(imported, "air", "ble", stencils) == []


def test_confirming_the_generic_type_clears_the_marker(imported) -> None:
    after = change_stencil(imported, "blob", "generic-cloud", default_stencils())
    assert after.component("blob").stencil == "generic-cloud"
    assert after.component("blob").properties.notes is None
    same = change_stencil(after, "blob", "generic-cloud", default_stencils())
    assert same is after  # nothing left to do


def test_free_layouts_keep_their_positions(imported) -> None:
    model = imported.model_copy(update={"layout": imported.layout.model_copy(update={
        "elements": {**imported.layout.elements,
                     "box": imported.layout.elements["box"].model_copy(update={"x": 5000.0})}})})
    after = change_stencil(model, "box", "smartphone", default_stencils())
    assert after.layout.elements["box"].x == 5000.0


@pytest.mark.parametrize(("element", "stencil", "named"), [
    ("ghost", "smartphone", "'ghost'"),
    ("box", "smartfone", "did you mean smartphone"),
])
def test_bad_ids_are_named(imported, element, stencil, named) -> None:
    with pytest.raises(ReclassifyError, match=named):
        change_stencil(imported, element, stencil, default_stencils())


def test_an_unmarked_model_has_nothing_to_classify() -> None:
    assert to_classify(tiny_model()) == []


def test_the_zone_grows_to_hold_an_element_moved_to_another_lane(imported) -> None:
    after = change_stencil(imported, "box", "data-lake", default_stencils())
    box, zone = after.layout.elements["box"], after.layout.zones["home"]
    assert box.x >= 3 * LANE_W  # the cloud lane
    assert zone.x <= box.x and box.x + box.w <= zone.x + zone.w
    assert zone.y <= box.y and box.y + box.h <= zone.y + zone.h
