"""The lit attack path in a workshop: entry and target in view at once on a projector,
kept in view when the canvas changes size, and only the path's own lines lit."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.gui.attack_panel import crossed_hops, flows_along
from workbench.gui.theme import DIM_OPACITY

ROOT = Path(__file__).resolve().parents[2]
WARD = ROOT / "sample-models" / "hospital-ward-iomt.twm.json"
GHT = ROOT / "sample-models" / "ght-shared-ehr-pacs.twm.json"


def _projector(qtbot, make_window, path):
    window = make_window(path, analysis="sync", resize=False)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.docks["attacks"].raise_()
    qtbot.wait(30)
    return window


def _visible(window):
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _ends_in_view(window, path) -> bool:
    visible = _visible(window)
    return all(visible.contains(window.scene.elements[key].scene_rect())
               for key in (path.nodes[0], path.nodes[-1]))


@pytest.mark.parametrize("sample", [WARD, GHT], ids=["ward", "ght"])
def test_entry_and_target_are_in_view_together_at_1280x720(qtbot, make_window, sample):
    window = _projector(qtbot, make_window, sample)
    panel = window.attacks
    window.view.zoom_by(2.0)  # the analyst had zoomed on one card
    longest = max(range(min(20, len(panel.shown()))),
                  key=lambda i: len(panel.shown()[i].nodes))
    for row in [0, 1, 2, longest]:
        panel.select_path(row)
        path = panel.current()
        assert _ends_in_view(window, path), (row, path.label)


def test_a_lit_path_stays_in_view_when_the_canvas_changes_size(qtbot, make_window):
    window = _projector(qtbot, make_window, WARD)
    panel = window.attacks
    panel.select_path(0)
    path = panel.current()
    assert _ends_in_view(window, path)
    window.docks["threats"].raise_()
    window.resize(1280, 600)  # the projector's taskbar, a dock opened: the canvas shrinks
    qtbot.waitUntil(lambda: window.height() == 600)
    qtbot.wait(50)
    assert _ends_in_view(window, path)
    window.resize(1000, 600)
    qtbot.waitUntil(lambda: window.width() == 1000)
    qtbot.wait(50)
    assert _ends_in_view(window, path)


def test_a_path_zooms_in_from_an_unreadable_fit(qtbot, make_window):
    window = _projector(qtbot, make_window, WARD)
    window.view.fit()  # the whole ward at once: about 30 %
    assert window.view.zoom() < 0.45
    panel = window.attacks
    row = next(i for i, p in enumerate(panel.shown()) if len(p.nodes) == 1)
    panel.select_path(row)
    assert window.view.zoom() >= 0.6 and _ends_in_view(window, panel.current())


def test_only_the_paths_own_lines_are_lit_on_the_ward(qtbot, make_window):
    """The remote attacker's path internet -> infusion pump server used to light the
    vendor's two flows whole, out to the vendor's own site; and the insider's path
    hospital LAN -> pump server lit six flows, out to the pumps, the SOC and the EAI."""
    window = _projector(qtbot, make_window, WARD)
    panel = window.attacks
    model = window.doc.model
    routes = {f.id: [f.source, *f.via, f.target] for f in model.flows}
    checked = 0
    for row in range(min(12, len(panel.shown()))):
        panel.select_path(row)
        path = panel.current()
        on_path = set(path.nodes)
        scene = window.scene
        for fid in scene.highlighted_ids() - on_path:  # flows lit whole
            flow = model.flow(fid)
            assert {flow.source, flow.target} <= on_path, (path.label, fid)
        for fid, hops in scene.partly_lit_flows().items():
            flow = model.flow(fid)
            outside = {flow.source, flow.target} - on_path
            # the far end of someone else's flow is not lit, its hops are on its route
            assert all(not (hop & outside) for hop in hops), (path.label, fid, hops)
            assert all(any(hop == frozenset(routes[fid][k:k + 2])
                           for k in range(len(routes[fid]) - 1)) for hop in hops)
            for end in outside:
                if end in scene.elements:
                    assert scene.elements[end].opacity() == pytest.approx(DIM_OPACITY)
            checked += 1
    assert checked  # the ward's first paths do cross other people's flows


def _model():
    from workbench.model import Component, Flow, ThreatModel
    from workbench.model.entities import Metadata

    def comp(cid, stencil, layer):
        return Component(id=cid, name=cid, stencil=stencil, layer=layer)

    return ThreatModel(
        metadata=Metadata(title="vendor over the internet"),
        components=[comp("laptop", "clinical-workstation", "thing"),
                    comp("internet", "public-internet", "network"),
                    comp("vpn", "vpn", "network"),
                    comp("server", "edge-server", "gateway"),
                    comp("pump", "infusion-pump", "thing")],
        flows=[Flow(id="f-vendor", source="laptop", target="server", via=["internet", "vpn"]),
               Flow(id="f-pump", source="server", target="pump")])


def test_a_step_over_someone_elses_flow_lights_only_the_hops_it_crosses():
    model = _model()
    nodes = ["internet", "server", "pump"]
    whole = flows_along(nodes, model)
    assert whole == ["f-pump"]  # the vendor's flow is not the path
    hops = crossed_hops(nodes, model, set(whole))
    # from the internet through the VPN to the server; the vendor's laptop stays unlit
    assert hops == {"f-vendor": {frozenset({"internet", "vpn"}), frozenset({"vpn", "server"})}}


def test_the_canvas_draws_a_crossed_hop_in_the_paths_colour(qtbot, make_window, tmp_path):
    from workbench.gui.theme import HIGHLIGHT
    from workbench.model.io import save_model

    path = tmp_path / "vendor.twm.json"
    save_model(_model(), path)
    window = make_window(path)
    scene = window.scene
    scene.set_highlight({"internet", "server", "pump", "f-pump"},
                        {"f-vendor": {frozenset({"internet", "vpn"}),
                                      frozenset({"vpn", "server"})}})
    vendor = scene.flows["f-vendor"]
    assert vendor.partly_lit() and vendor.opacity() == 1.0
    assert scene.elements["laptop"].opacity() == pytest.approx(DIM_OPACITY)
    assert scene.elements["vpn"].opacity() == 1.0  # the crossed network stays legible
    window.view.centerOn(vendor.segments[-1].center())
    image = window.view.grab().toImage()
    mid = window.view.mapFromScene(vendor.segments[-1].center())
    colours = {image.pixelColor(mid.x() + dx, mid.y() + dy).name()
               for dx in range(-2, 3) for dy in range(-2, 3)}
    assert HIGHLIGHT.name() in colours
    window.view.centerOn(vendor.segments[0].center())
    image = window.view.grab().toImage()
    first = window.view.mapFromScene(vendor.segments[0].center())
    colours = {image.pixelColor(first.x() + dx, first.y() + dy).name()
               for dx in range(-2, 3) for dy in range(-2, 3)}
    assert HIGHLIGHT.name() not in colours  # laptop -> internet: not the path
    scene.set_highlight(None)
    assert not vendor.partly_lit()


def _flows_along_scanning_every_flow(nodes, model):
    """The definition, written as first shipped: every flow examined for every step."""
    on_path, out = set(nodes), []
    for a, b in zip(nodes, nodes[1:], strict=False):
        for flow in model.flows:
            route = [flow.source, *flow.via, flow.target]
            ends = {flow.source, flow.target}
            crosses = a in route and b in route
            if (ends == {a, b} or (ends <= on_path and crosses)) and flow.id not in out:
                out.append(flow.id)
    return out


def _crossed_hops_scanning_every_flow(nodes, model, whole):
    out = {}
    for a, b in zip(nodes, nodes[1:], strict=False):
        for flow in model.flows:
            route = [flow.source, *flow.via, flow.target]
            if flow.id in whole or not (a in route and b in route):
                continue
            i, j = sorted((route.index(a), route.index(b)))
            out.setdefault(flow.id, set()).update(frozenset(route[k:k + 2])
                                                  for k in range(i, j))
    return out


@pytest.mark.parametrize("sample", sorted((ROOT / "sample-models").glob("*.twm.json")),
                         ids=lambda p: p.stem)
def test_lit_flows_from_the_route_index_are_those_of_a_scan_of_every_flow(sample):
    """The panel finds a step's flows through an index of routes (2 s of the window's
    thread at 2,000 elements otherwise): same flows, same order, same hops as a scan of
    every flow, on walks along each sample's routes."""
    import random

    from workbench.gui.attack_panel import route_index
    from workbench.model.io import load_model

    model = load_model(sample)
    index = route_index(model)
    neighbours: dict[str, set[str]] = {}
    for flow in model.flows:
        route = [flow.source, *flow.via, flow.target]
        for a, b in zip(route, route[1:], strict=False):
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
    rng = random.Random(11)
    starts = sorted(neighbours)
    checked = 0
    for _ in range(300):
        nodes = [rng.choice(starts)]
        for _ in range(rng.randint(1, 5)):
            options = sorted(neighbours[nodes[-1]] - set(nodes))
            if not options:
                break
            nodes.append(rng.choice(options))
        whole = flows_along(nodes, model, index)
        assert whole == _flows_along_scanning_every_flow(nodes, model)
        hops = crossed_hops(nodes, model, set(whole), index)
        assert hops == _crossed_hops_scanning_every_flow(nodes, model, set(whole))
        checked += bool(whole or hops)
    assert checked > 100
