"""What the window skips after each analysis gives what the plain computation gave: the
attack panel's paths work their flows and hops out on first use (the eager
``flows_along`` / ``crossed_hops`` are the oracle), and clearing a highlight that is not
there leaves every item as a full clear leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.gui.attack_panel import crossed_hops, flows_along, route_index

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample-models").glob("*.twm.json"))
WARD = ROOT / "sample-models" / "hospital-ward-iomt.twm.json"


@pytest.mark.parametrize("sample", [WARD, ROOT / "sample-models" / "ght-shared-ehr-pacs.twm.json"],
                         ids=["ward", "ght"])
def test_a_listed_paths_flows_and_hops_are_those_worked_out_at_once(qtbot, make_window,
                                                                     sample):
    window = make_window(sample, analysis="sync")
    model = window.analysis.result.model
    index = route_index(model)
    paths = window.attacks.paths
    assert paths
    for path in paths:
        flows = flows_along(path.nodes, model, index)
        assert path.elements == [*path.nodes, *[f for f in flows if f]]
        assert path.hops == crossed_hops(path.nodes, model, set(flows), index)
    lit = [p for p in paths if p.hops]
    assert lit or sample == WARD


def _states(scene) -> list:
    out = []
    for key, item in sorted(scene.elements.items()):
        out.append((key, item.highlighted, item.opacity()))
    for key, item in sorted(scene.flows.items()):
        pen = item.pen()
        out.append((key, item.highlighted, sorted(map(sorted, item.lit_hops)), item.opacity(),
                    item.label.opacity() if item.label else None, pen.color().name(),
                    pen.widthF(), pen.style()))
    return out


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_clearing_nothing_lit_leaves_the_items_as_a_full_clear(qtbot, make_window, sample):
    window = make_window(sample, analysis="sync")
    scene = window.scene
    at_rest = _states(scene)
    window.attacks.select_path(0)  # light a path (when there is one), then clear it
    scene.set_highlight(None)
    assert _states(scene) == at_rest
    scene.set_highlight(None)  # nothing lit: returns at once
    assert _states(scene) == at_rest
    scene._highlight = set()  # force the full clear over every item
    scene.set_highlight(None)
    assert _states(scene) == at_rest
