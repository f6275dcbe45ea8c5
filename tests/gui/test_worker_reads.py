"""The window's worker asks the attack engine for no edge cuts, choke points or layer
summary (``analyze_attacks(cuts=False)``): nothing the window shows reads them."""

from __future__ import annotations

from pathlib import Path

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.pipeline import analyze
from workbench.gui.worker import Analysis, run_analysis

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


class _Reads:
    """The engine's result, recording every attribute the window asks for."""

    def __init__(self, inner) -> None:
        self._inner, self.names = inner, set()

    def __getattr__(self, name: str):
        self.names.add(name)
        return getattr(self._inner, name)


def test_the_panels_read_no_cuts_choke_points_or_layers(make_window) -> None:
    window = make_window(SAMPLE)
    model = window.doc.model
    result = analyze(model, stencils=window.stencils)
    full = analyze_attacks(result.model, result.catalog, risks=result.threats,
                           stencils=window.stencils, recommend=False, sensitivity=False)
    assert full.choke_points and full.layers and full.attack_paths
    attacks = _Reads(full)
    window._analysis_done(model, Analysis(result, attacks))
    for row in range(window.attacks.list.count()):
        window.attacks.select_path(row)  # a path lit on the canvas reads the path only
    assert attacks.names and not attacks.names & {"edge_cuts", "choke_points", "layers",
                                                  "to_json"}


def test_the_worker_leaves_them_out_and_keeps_the_paths(make_window) -> None:
    window = make_window(SAMPLE)
    analysis = run_analysis(window.doc.model, window.stencils)
    attacks = analysis.attacks
    assert (attacks.edge_cuts, attacks.choke_points, attacks.layers) == ([], [], [])
    assert attacks.attack_paths
