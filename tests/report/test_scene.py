"""The diagram shows what the brief promises: lanes, zones, risk colours, flow styles, paths."""

from __future__ import annotations

from workbench.report.data import gather
from workbench.report.i18n import tr
from workbench.report.riskcalc import LEVEL_COLOURS
from workbench.report.scene import Label, Line, Shape, build_scene

from .factories import report_model


def test_lanes_zones_and_names_are_drawn():
    scene = build_scene(report_model(), lang="fr")
    texts = [i.text for i in scene.items if isinstance(i, Label)]
    for layer in ("thing", "gateway", "network", "cloud"):
        assert tr(f"layer_{layer}", "fr") in texts
    assert any(t.startswith("Patient home") for t in texts)
    assert "Insulin pump" in texts
    # The pump stencil's icon is drawn as vector strokes.
    assert any(isinstance(i, Line) and i.role == "icon" for i in scene.items)


def test_flow_styles_follow_security_flags():
    model = report_model()
    scene = build_scene(model, show_legend=False)
    lines = [i for i in scene.items if isinstance(i, Line) and i.role == "flow"]
    # Pump-relay is encrypted but unauthenticated (dashed, bidirectional); relay-cloud solid.
    assert sorted(line.dash is None for line in lines) == [False, True]
    assert any(line.arrow_start for line in lines)
    labels = [i.text for i in scene.items if isinstance(i, Label)]
    assert "BLE GATT" in labels and "HTTPS" in labels


def test_elements_are_coloured_by_current_risk_and_paths_drawn():
    model = report_model()
    data = gather(model, use_engines=False)
    levels = data.element_levels()
    scene = build_scene(model, element_levels=levels, paths=[["lte", "relay", "pump"]])
    fills = {i.fill for i in scene.items if isinstance(i, Shape)}
    assert LEVEL_COLOURS["critical"] in fills or LEVEL_COLOURS["high"] in fills
    # One thick arrow per step, border to border (never across a name), and each element
    # of the path ringed in the path's colour.
    thick = [i for i in scene.items if isinstance(i, Line) and i.role == "path"]
    assert len(thick) == 2 and all(len(line.points) == 2 for line in thick)
    rings = [i for i in scene.items if isinstance(i, Shape) and i.fill is None
             and i.stroke == thick[0].colour]
    assert len(rings) == 3


def test_french_subtitles_use_curly_apostrophes():
    """Wearable board page 3 (fr): "Passerelle d'API", "Magasin d'applications" kept the
    typewriter apostrophe the rest of the French report replaces with ’."""
    from workbench.model import load_model

    from ..conftest import SAMPLES

    model = load_model(SAMPLES / "wearable-insurer-wellness.twm.json")
    subtitles = [i.text for i in build_scene(model, lang="fr").items
                 if isinstance(i, Label) and i.role == "subtitle"]
    assert any("d’API" in t for t in subtitles), subtitles
    assert not [t for t in subtitles if "'" in t]
