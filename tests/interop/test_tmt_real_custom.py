"""A real Threat Modeling Tool model on a custom template (tests/data/interop/tmt-custom,
MIT, excerpt: NOTICE.md there): every type a GUID, nested border boundaries, a custom
template's own yes/no attributes for encryption and authentication."""

from __future__ import annotations

from pathlib import Path

from workbench.interop.tmt import import_tmt
from workbench.model.enums import FlowAuthentication

FILE = (Path(__file__).resolve().parents[1] / "data" / "interop" / "tmt-custom"
        / "tmtool-test-model-excerpt.tm7")


def test_every_item_comes_in_as_what_it_is() -> None:
    result = import_tmt(FILE)
    model = result.model
    # 4 stencils are components, 3 border boundaries are zones (none a component),
    # all 6 connectors are flows, both threats sit on their flows.
    assert sorted(c.name for c in model.components) == ["MCU", "PC", "Phone", "SD card"]
    zones = {z.name: z for z in model.zones}
    assert set(zones) == {"Local Network Boundary", "Device Physical Boundary", "SoC Boundary"}
    assert len(model.flows) == 6 and len(model.threats) == 2
    flows = {f.id: f for f in model.flows}
    assert {t.element for t in model.threats} == {
        "30eea514-cce9-4a5b-a8ff-a2301097b394", "7760688a-3514-4d51-9b4e-8f4e336b2c33"}
    assert all(t.stride == ["I"] for t in model.threats)
    # Boundaries nest by geometry, components sit in the innermost one holding them.
    assert zones["SoC Boundary"].parent == zones["Device Physical Boundary"].id
    assert zones["Device Physical Boundary"].parent == zones["Local Network Boundary"].id
    where = {c.name: c.zone for c in model.components}
    assert where == {"MCU": zones["SoC Boundary"].id,
                     "SD card": zones["Device Physical Boundary"].id,
                     "Phone": zones["Local Network Boundary"].id, "PC": None}
    # Custom types keep the names the tool shows (the item's header attribute).
    assert {c.name: c.description for c in model.components}["SD card"].startswith(
        "TMT type 'Memory'")
    by_name = {f.name: f for f in flows.values()}
    assert by_name["BLE Out"].protocol == "Local Wireless"
    # The template's own "has encryption" / "has authentication" choices are read.
    assert by_name["HTTPS Out"].encrypted and by_name["HTTPS In"].encrypted
    assert by_name["HTTPS Out"].authentication is FlowAuthentication.STRONG
    assert not by_name["BLE In"].encrypted
    assert by_name["BLE In"].authentication is FlowAuthentication.NONE
    assert not result.skipped
