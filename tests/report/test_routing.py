"""Where the diagram's lines and zone titles go (report.routing), on small hand-made
layouts whose right answer can be seen."""

from __future__ import annotations

from workbench.report.routing import along_borders, lay_out_flows, line_hits, place_title

ZONE = (0.0, 0.0, 400.0, 200.0)
TITLE = (120.0, 14.0)


def test_a_title_moves_off_a_line_through_the_left_corner():
    line = [(40.0, -50.0), (40.0, 100.0)]  # enters the zone where the title starts
    spot = place_title(ZONE, TITLE, [line], [])
    assert not line_hits(line, spot)
    assert spot[1] == 2.0  # still on the zone's top edge


def test_a_title_stays_left_when_nothing_crosses_it():
    assert place_title(ZONE, TITLE, [[(300.0, 300.0), (350.0, 400.0)]], [])[0] == 6.0


def test_a_title_never_sits_on_an_element():
    element = (6.0, 0.0, 150.0, 40.0)  # an authored layout with a box in the title band
    spot = place_title(ZONE, TITLE, [], [element])
    assert spot[0] >= 156.0


def test_flows_keep_off_titles_even_when_every_title_spot_is_crossed():
    """A narrow zone below two stacked elements: every spot of its title is under some
    straight line, so lines are slid or bent until none runs through it."""
    top_left, top_right = (20.0, -120.0, 150.0, 64.0), (230.0, -120.0, 150.0, 64.0)
    inside_left, inside_right = (20.0, 60.0, 150.0, 64.0), (230.0, 60.0, 150.0, 64.0)
    elements = {"a": top_left, "b": top_right, "c": inside_left, "d": inside_right}
    flows = [("f1", top_left, inside_left, []), ("f2", top_right, inside_right, []),
             ("f3", top_left, inside_right, []), ("f4", top_right, inside_left, [])]
    zone = (10.0, 20.0, 380.0, 120.0)
    routes, titles = lay_out_flows(flows, elements, {"z": (zone, (300.0, 14.0))}, 10.0)
    assert not [f for f, points in routes.items() if line_hits(points, titles["z"])]
    for (flow_id, a, b, _), points in zip(flows, routes.values(), strict=True):
        assert not line_hits(points, a) and not line_hits(points, b), flow_id


def test_authored_bends_are_kept():
    a, b = (0.0, 0.0, 100.0, 50.0), (0.0, 300.0, 100.0, 50.0)
    bends = [(200.0, 25.0), (200.0, 325.0)]
    routes, _ = lay_out_flows([("f", a, b, bends)], {"a": a, "b": b}, {}, 10.0)
    assert routes["f"][1:-1] == bends


def test_a_run_on_a_dashed_border_is_counted():
    zone = (0.0, 0.0, 200.0, 100.0)
    assert along_borders([(2.0, -20.0), (2.0, 120.0)], [zone]) == 1
    assert along_borders([(30.0, -20.0), (30.0, 120.0)], [zone]) == 0
    assert along_borders([(-20.0, 40.0), (250.0, 40.0)], [zone]) == 0  # crosses, not along
