"""Property: resizing any trust zone of a sample to any rectangle keeps the model whole
(the zone tree has no cycle, every member's zone exists) and follows the drawn-zone rule
for the resized zone's own members (edits.resize_zone)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import check_integrity, default_stencils, edits
from workbench.model.entities import Box
from workbench.model.io import load_model
from workbench.model.layout import ELEMENT_H, ELEMENT_W

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "hospital-ward-iomt.twm.json"


@lru_cache(maxsize=1)
def _ward():
    return load_model(SAMPLE)


def _acyclic(model) -> bool:
    parents = {z.id: z.parent for z in model.zones}
    for start in parents:
        seen, zid = set(), start
        while zid is not None:
            if zid in seen:
                return False
            seen.add(zid)
            zid = parents.get(zid)
    return True


rects = st.tuples(st.floats(-200, 2000), st.floats(-200, 3000), st.floats(60, 2500),
                  st.floats(40, 3500))


@settings(max_examples=80, deadline=None)
@given(drawn=st.lists(rects, max_size=3), index=st.integers(0, 50), rect=rects)
def test_any_resize_keeps_the_model_whole(drawn, index, rect):
    """Zones drawn first (nested in and around the sample's), then any one resized."""
    model = _ward()
    for i, (dx, dy, dw, dh) in enumerate(drawn):
        model, _ = edits.zone_from_rect(model, f"drawn {i}", dx, dy, dw, dh)
    zone = model.zones[index % len(model.zones)]
    x, y, w, h = rect
    new = edits.resize_zone(model, zone.id, Box(x=x, y=y, w=w, h=h))
    assert _acyclic(new)
    assert check_integrity(new, default_stencils()) == []
    for comp in new.components:  # its members are elements whose centre it holds
        element = new.layout.elements.get(comp.id)
        if element is None or comp.zone != zone.id:
            continue
        cx = element.x + (element.w or ELEMENT_W) / 2
        cy = element.y + (element.h or ELEMENT_H) / 2
        assert x <= cx <= x + w and y <= cy <= y + h, comp.id
    # its parent holds it wholly, and each zone it adopted is wholly inside it
    zones, boxes = new.zones_by_id(), new.layout.zones
    parent = zones[zone.id].parent
    if parent is not None and parent != zone.parent:
        b = boxes[parent]
        assert b.x <= x and b.y <= y and x + w <= b.x + b.w and y + h <= b.y + b.h
