"""``analyze_attacks(cuts=False)`` (the window's worker) leaves out only the edge cuts, the
choke points and the layer summary: every other part equals a full run's."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
LEFT_OUT = ("edge_cuts", "choke_points", "layers")


def _without(doc: dict) -> dict:
    """The attack document minus the three parts and their notes (a choke point search
    cut short by its budget says so)."""
    doc = dict(doc, attack=dict(doc["attack"]))
    for key in LEFT_OUT:
        doc.pop(key, None)
        doc["attack"].pop(key, None)
    doc["attack"]["notes"] = [n for n in doc["attack"]["notes"]
                              if not n.startswith("choke points")]
    return doc


@pytest.mark.parametrize("path", SAMPLES[:3], ids=lambda p: p.name)
def test_without_cuts_everything_else_is_the_full_runs(path: Path) -> None:
    result = analyze(load_model(path))
    kwargs = dict(risks=result.threats, recommend=False, sensitivity=False)
    full = analyze_attacks(result.model, result.catalog, **kwargs)
    lean = analyze_attacks(result.model, result.catalog, cuts=False, **kwargs)
    assert (lean.edge_cuts, lean.choke_points, lean.layers) == ([], [], [])
    assert full.choke_points or full.layers  # the samples have them: the test compares
    assert _without(lean.to_json()) == _without(full.to_json())
