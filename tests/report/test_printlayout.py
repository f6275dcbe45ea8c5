"""The board's architecture page: a print layout packed to fill the page, never overlapping."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from workbench.model.io import load_model
from workbench.report.printlayout import authored_fit, best_layout

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
PAGES = [(515.0, 700.0), (760.0, 460.0)]  # A4 portrait and landscape, inside the margins


def _overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_print_layout_never_overlaps_and_keeps_elements_in_their_zone(path) -> None:
    model = load_model(path)
    fit, _ = best_layout(model, PAGES)
    boxes = fit.layout.elements
    assert set(boxes) == {c.id for c in model.components}
    assert not [(a, b) for a, b in combinations(boxes, 2) if _overlap(boxes[a], boxes[b])]
    zones = fit.layout.zones
    assert not [(a, b) for a, b in combinations(zones, 2) if _overlap(zones[a], zones[b])]
    for comp in model.components:
        zone = fit.layout.zones.get(comp.zone or "")
        if zone is not None:
            box = boxes[comp.id]
            assert zone.x <= box.x and box.x + box.w <= zone.x + zone.w
            assert zone.y <= box.y and box.y + box.h <= zone.y + zone.h


def test_tall_cloud_column_prints_larger_than_drawn() -> None:
    """Ten cloud services stacked in one lane printed at 4 pt; packed, a third larger."""
    model = load_model(next(p for p in SAMPLES if p.stem.startswith("cardiac")))
    authored = max(authored_fit(model).scale(p) for p in PAGES)
    fit, page = best_layout(model, PAGES)
    assert fit.scale(PAGES[page]) >= 1.25 * authored
