"""Qt-free editing operations: each returns a new model, checks its input, keeps the rest."""

from __future__ import annotations

from itertools import pairwise

import pytest
from pydantic import ValidationError

from tests.model.factories import tiny_model
from workbench.model import check_integrity, default_stencils, edits
from workbench.model.entities import ThreatInstance
from workbench.model.enums import ControlStatus, ThreatStatus
from workbench.model.layout import ELEMENT_H, ELEMENT_W


def _consistent(model) -> None:
    assert check_integrity(model, default_stencils()) == []


def test_add_from_stencil_places_and_never_mutates_input():
    model = tiny_model()
    before = model.model_dump()
    stencil = default_stencils()["cgm-sensor"]
    new, cid = edits.add_from_stencil(model, stencil, 100, 300, zone="home")
    assert model.model_dump() == before
    comp = new.component(cid)
    assert comp.stencil == "cgm-sensor" and comp.zone == "home"
    box = new.layout.elements[cid]
    assert box.x + box.w / 2 == 100 and box.y + box.h / 2 == 300
    again, cid2 = edits.add_from_stencil(new, stencil, 0, 0)
    assert cid2 != cid
    _consistent(again)


def test_unchanged_parts_are_shared_between_versions():
    model = tiny_model()
    new = edits.update_component(model, "pump", {"name": "Pump 2"})
    assert new.component("relay") is model.component("relay")
    assert new.flows is model.flows
    assert new.component("pump") is not model.component("pump")


def test_add_flow_validates_ends_and_networks():
    model = tiny_model()
    new, fid = edits.add_flow(model, "pump", "vcloud", protocol="LTE-M", via=["lte"])
    assert new.flow(fid).via == ["lte"]
    _consistent(new)
    with pytest.raises(ValueError, match="two different"):
        edits.add_flow(model, "pump", "pump")
    with pytest.raises(ValueError, match="not a network"):
        edits.add_flow(model, "pump", "vcloud", via=["relay"])
    with pytest.raises(ValueError, match="unknown component"):
        edits.add_flow(model, "pump", "ghost")


def test_update_component_validates_and_merges_properties():
    model = tiny_model()
    new = edits.update_component(model, "pump", {"properties": {"secure_boot": True}})
    props = new.component("pump").properties
    assert props.secure_boot is True and props.wireless_interfaces == ["BLE 4.2"]
    with pytest.raises(ValidationError):
        edits.update_component(model, "pump", {"name": "x" * 600})
    with pytest.raises(ValueError, match="unknown zone"):
        edits.update_component(model, "pump", {"zone": "mars"})


def test_remove_component_takes_its_flows_and_orphans_threats():
    model = tiny_model()
    threat = ThreatInstance(id="t1", key="k1", catalog_id="x", element="f-pump-relay",
                            status=ThreatStatus.ACCEPTED)
    model = edits.set_threats(model, [threat])
    new = edits.remove_elements(model, ["relay"])
    assert new.component("relay") is None and not new.flows
    assert "relay" not in new.layout.elements
    assert new.threats[0].status == ThreatStatus.ORPHANED
    assert new.threats[0].previous_status == ThreatStatus.ACCEPTED
    _consistent(new)


def test_remove_network_leaves_via_lists():
    new = edits.remove_elements(tiny_model(), ["ble"])
    assert new.flow("f-pump-relay").via == []
    _consistent(new)


def test_move_align_relayout():
    model = edits.move_elements(tiny_model(), {"ble": (600.0, 100.0), "lte": (620.0, 400.0)})
    assert (model.layout.elements["ble"].x, model.layout.elements["ble"].y) == (600.0, 100.0)
    left = edits.align_elements(model, ["ble", "lte"], "left")
    assert left.layout.elements["ble"].x == left.layout.elements["lte"].x == 600.0
    top = edits.align_elements(model, ["ble", "lte"], "top")
    assert top.layout.elements["lte"].y == 100.0
    with pytest.raises(ValueError):
        edits.align_elements(model, ["ble", "lte"], "diagonal")
    fresh = edits.relayout(model)
    assert fresh.layout.elements["ble"].x != 600.0


def test_copy_paste_renames_ids_and_keeps_internal_flows():
    model = tiny_model()
    clip = edits.copy_selection(model, ["pump", "relay", "ble"])
    new, ids = edits.paste(model, clip)
    assert len(ids) == 3 and not set(ids) & {"pump", "relay", "ble"}
    pasted_flows = [f for f in new.flows if f.source in ids]
    assert len(pasted_flows) == 1 and pasted_flows[0].via[0] in ids
    _consistent(new)


def test_decide_and_attach_control():
    model = edits.upsert_threat(tiny_model(), ThreatInstance(
        id="t1", key="k1", catalog_id="x", element="pump"))
    with pytest.raises(ValueError, match="reason"):
        edits.decide_threat(model, "t1", ThreatStatus.REJECTED)
    model = edits.decide_threat(model, "t1", ThreatStatus.ACCEPTED)
    model, cid = edits.attach_control(model, "t1", "ctl-secure-boot", "Secure boot",
                                      ControlStatus.IMPLEMENTED)
    assert model.threats[0].mitigations[0].control == cid
    assert model.controls[0].elements == ["pump"]
    again, cid2 = edits.attach_control(model, "t1", "ctl-secure-boot", "Secure boot")
    assert cid2 == cid and len(again.threats[0].mitigations) == 1
    model = edits.set_threat_impact(model, "t1", {"patient_safety": 4})
    assert model.threats[0].impact == {"patient_safety": 4}
    model = edits.set_threat_impact(model, "t1", {"patient_safety": None})
    assert model.threats[0].impact == {}
    _consistent(model)


def test_zone_rectangle_grows_to_hold_a_moved_member():
    from workbench.model.layout import ensure_layout

    model = ensure_layout(tiny_model())
    zone = model.layout.zones["home"]
    moved = edits.move_elements(model, {"pump": (zone.x + 5, zone.y + zone.h + 300)})
    grown, box = moved.layout.zones["home"], moved.layout.elements["pump"]
    assert grown.y == zone.y and grown.y + grown.h >= box.y + box.h
    assert model.layout.zones["home"] == zone  # the input is untouched
    unmoved_zone = edits.move_elements(model, {"vcloud": (model.layout.elements["vcloud"].x,
                                                          model.layout.elements["vcloud"].y)})
    assert unmoved_zone.layout.zones["cloud"] == model.layout.zones["cloud"]


def test_references_to_unknown_data_assets_are_refused():
    model = tiny_model()
    with pytest.raises(ValueError, match="unknown data asset 'ghost'"):
        edits.update_component(model, "pump", {"properties": {"data_assets": ["ghost"]}})
    with pytest.raises(ValueError, match="unknown data asset"):
        edits.update_flow(model, "f-relay-cloud", {"data_assets": ["glucose", "ghost"]})
    ok = edits.update_flow(model, "f-relay-cloud", {"data_assets": ["glucose", "dosing"]})
    _consistent(ok)


def test_a_drawn_zone_takes_the_elements_whose_centre_it_holds():
    from workbench.model.layout import ensure_layout

    model = ensure_layout(tiny_model())
    pump = model.layout.elements["pump"]
    new, zid = edits.zone_from_rect(model, "Bedside", pump.x - 10, pump.y - 30,
                                    pump.w + 20, pump.h + 40, trust_level=3)
    assert new.component("pump").zone == zid and new.component("relay").zone == "home"
    assert new.zones_by_id()[zid].trust_level == 3
    assert new.zones_by_id()[zid].parent == "home"  # drawn inside the patient's home
    box = new.layout.zones[zid]
    assert (box.x, box.y, box.w, box.h) == (pump.x - 10, pump.y - 30, pump.w + 20, pump.h + 40)
    assert model.component("pump").zone == "home"  # the input is untouched
    _consistent(new)
    # drawing the whole home around it keeps the pump in its inner zone
    home = new.layout.zones["home"]
    outer, oid = edits.zone_from_rect(new, "House", home.x - 20, home.y - 40, home.w + 40,
                                      home.h + 60)
    assert outer.component("relay").zone == "home"
    assert outer.component("pump").zone == zid
    zones = outer.zones_by_id()
    assert zones["home"].parent == oid and zones[zid].parent == "home"  # a tree, no cycle
    assert zones[oid].parent is None
    _consistent(outer)


def test_a_resized_zone_takes_and_lets_go_by_the_drawn_zone_rule():
    from workbench.model.entities import Box
    from workbench.model.layout import ensure_layout

    model = ensure_layout(tiny_model())
    pump, relay = model.layout.elements["pump"], model.layout.elements["relay"]
    bedside, zid = edits.zone_from_rect(model, "Bedside", pump.x - 10, pump.y - 30,
                                        pump.w + 20, pump.h + 40)
    assert bedside.component("relay").zone == "home"
    # grown over the relay's centre (the relay is in the enclosing home): it joins
    left = min(pump.x, relay.x) - 10
    top = min(pump.y, relay.y) - 30
    right = max(pump.x + pump.w, relay.x + relay.w) + 10
    bottom = max(pump.y + pump.h, relay.y + relay.h) + 10
    grown = edits.resize_zone(bedside, zid, Box(x=left, y=top, w=right - left, h=bottom - top))
    assert grown.component("relay").zone == zid and grown.component("pump").zone == zid
    assert grown.layout.zones[zid].w == right - left
    _consistent(grown)
    # shrunk off the pump: the pump goes back to the home zone, whose rectangle holds it
    shrunk = edits.resize_zone(grown, zid, Box(x=relay.x - 10, y=relay.y - 30,
                                               w=relay.w + 20, h=relay.h + 40))
    assert shrunk.component("pump").zone == "home" and shrunk.component("relay").zone == zid
    _consistent(shrunk)
    assert bedside.component("relay").zone == "home"  # the input is untouched
    with pytest.raises(ValueError):
        edits.resize_zone(bedside, zid, Box(x=0, y=0, w=0, h=10))
    with pytest.raises(ValueError):
        edits.resize_zone(bedside, "nowhere", Box(x=0, y=0, w=10, h=10))


def test_a_grown_zone_does_not_take_a_nested_zones_elements():
    from workbench.model.entities import Box
    from workbench.model.layout import ensure_layout

    model = ensure_layout(tiny_model())
    pump = model.layout.elements["pump"]
    inner, zid = edits.zone_from_rect(model, "Bedside", pump.x - 10, pump.y - 30,
                                      pump.w + 20, pump.h + 40)
    home = inner.layout.zones["home"]
    grown = edits.resize_zone(inner, "home", Box(x=home.x - 50, y=home.y - 50,
                                                 w=home.w + 100, h=home.h + 100))
    assert grown.component("pump").zone == zid  # still in the bedside zone inside the home


def test_a_resized_zone_is_nested_as_a_drawn_one_is():
    """Grown past its parent around it, the bedside zone holds the whole home: it has no
    parent any more and the home becomes its child (no cycle); the home keeps the relay."""
    from workbench.model.entities import Box
    from workbench.model.layout import ensure_layout

    model = ensure_layout(tiny_model())
    pump = model.layout.elements["pump"]
    inner, zid = edits.zone_from_rect(model, "Bedside", pump.x - 10, pump.y - 30,
                                      pump.w + 20, pump.h + 40)
    assert inner.zones_by_id()[zid].parent == "home"
    home = inner.layout.zones["home"]
    grown = edits.resize_zone(inner, zid, Box(x=home.x - 30, y=home.y - 40,
                                              w=home.w + 60, h=home.h + 70))
    zones = grown.zones_by_id()
    assert zones[zid].parent is None and zones["home"].parent == zid
    assert grown.component("relay").zone == "home" and grown.component("pump").zone == zid
    _consistent(grown)
    # shrunk back around the pump: the home, no longer inside, moves up a level, and holds
    # the bedside zone again: the nesting drawn at first comes back
    back = edits.resize_zone(grown, zid, Box(x=pump.x - 10, y=pump.y - 30, w=pump.w + 20,
                                             h=pump.h + 40))
    zones = back.zones_by_id()
    assert zones["home"].parent is None and zones[zid].parent == "home"
    assert back.component("relay").zone == "home" and back.component("pump").zone == zid
    _consistent(back)


def test_a_zone_needs_a_size():
    with pytest.raises(ValueError):
        edits.zone_from_rect(tiny_model(), "Flat", 0, 0, 100, 0)


def test_distribute_leaves_equal_gaps_and_keeps_the_ends():
    """Three cards unevenly spaced left to right (different widths): equal gaps between
    them, the outer two unmoved, heights untouched; then the same top to bottom."""
    model = edits.move_elements(tiny_model(), {"pump": (100.0, 50.0), "relay": (180.0, 90.0),
                                               "vcloud": (700.0, 130.0)})
    ids = ["vcloud", "pump", "relay"]
    flat = edits.align_elements(model, ids, "distribute_h")
    boxes = flat.layout.elements
    w = {k: boxes[k].w or ELEMENT_W for k in ids}
    order = sorted(ids, key=lambda k: boxes[k].x)
    gaps = [boxes[b].x - boxes[a].x - w[a] for a, b in pairwise(order)]
    assert order == ["pump", "relay", "vcloud"] and abs(gaps[0] - gaps[1]) < 1e-6
    assert boxes["pump"].x == 100.0 and boxes["vcloud"].x == 700.0
    assert [boxes[k].y for k in ("pump", "relay", "vcloud")] == [50.0, 90.0, 130.0]
    model = edits.move_elements(model, {"pump": (50.0, 100.0), "relay": (90.0, 140.0),
                                        "vcloud": (130.0, 600.0)})
    tall = edits.align_elements(model, ids, "distribute_v").layout.elements
    h = {k: tall[k].h or ELEMENT_H for k in ids}
    assert abs((tall["relay"].y - tall["pump"].y - h["pump"])
               - (tall["vcloud"].y - tall["relay"].y - h["relay"])) < 1e-6
    assert tall["pump"].y == 100.0 and tall["vcloud"].y == 600.0
    assert [tall[k].x for k in ("pump", "relay", "vcloud")] == [50.0, 90.0, 130.0]


def test_distribute_spreads_stacked_cards_and_ignores_two():
    model = edits.move_elements(tiny_model(), {k: (300.0, 200.0) for k in ("pump", "relay",
                                                                            "vcloud")})
    spread = edits.align_elements(model, ["pump", "relay", "vcloud"], "distribute_h")
    xs = sorted(spread.layout.elements[k].x for k in ("pump", "relay", "vcloud"))
    assert xs[0] == 300.0 and all(b - a >= ELEMENT_W + edits.MIN_GAP - 1e-6
                                  for a, b in pairwise(xs))
    assert edits.align_elements(model, ["pump", "relay"], "distribute_v") is model
