"""Risk figures: Cox (2008) checks, counts in cells, files written, CLI behaviour."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.analysis.test_attack_fixtures import implant_model
from workbench.analysis import plots
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales
from workbench.cli.main import main
from workbench.model import save_model
from workbench.model.defaults import risk_settings_5x5


def spec(grid, names=("low", "mid", "high")):
    grid = np.array(grid)
    n_sev, n_lik = grid.shape
    return plots.MatrixSpec(tuple(range(1, n_lik + 1)), tuple(range(1, n_sev + 1)), grid,
                            tuple(names))


def test_default_4x4_and_5x5_matrices_pass_cox():
    model = implant_model()
    assert plots.cox_checks(plots.matrix_spec(Scales.of(model))) == []
    model.risk = risk_settings_5x5()
    assert plots.cox_checks(plots.matrix_spec(Scales.of(model))) == []


def test_betweenness_broken_when_low_touches_top():
    """Rows are severity 1..3, columns likelihood 1..3; the low cell at (L=2, S=2) has the
    top level diagonally up-right at (L=3, S=3) with nothing between."""
    problems = plots.cox_checks(spec([[0, 0, 1],
                                      [0, 0, 1],
                                      [1, 1, 2]]))
    assert any(p.startswith("betweenness broken") for p in problems)
    assert "L=2, S=2" in " ".join(problems)


def test_weak_consistency_broken_when_level_drops_as_risk_rises():
    problems = plots.cox_checks(spec([[0, 1, 1],
                                      [1, 2, 0],
                                      [1, 2, 2]]))
    assert any(p.startswith("weak consistency broken") for p in problems)


def test_consistent_colouring_broken_for_equal_risks_in_different_levels():
    """(L=1, S=2) and (L=2, S=1) carry the same risk 2/9 but get different levels."""
    problems = plots.cox_checks(spec([[0, 0, 1],
                                      [1, 1, 2],
                                      [1, 2, 2]]))
    assert any(p.startswith("consistent colouring broken") for p in problems)


def test_single_level_matrix_is_flagged():
    assert plots.cox_checks(spec([[1, 1], [1, 1]])) != []


@pytest.fixture(scope="module")
def result():
    return analyze(implant_model())


def test_matrix_counts_match_the_threat_list(result):
    sp = plots.matrix_spec(result.scales)
    counted = result.counted()
    inherent = plots.matrix_counts(counted, sp, "inherent")
    assert inherent.sum() == sum(1 for r in counted if r.inherent.severity > 0)
    top = max(counted, key=lambda r: r.inherent.score).inherent
    i = sp.severity.index(top.severity)
    j = sp.likelihood.index(top.likelihood)
    assert inherent[i, j] >= 1


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_figures_are_written(result, tmp_path, suffix):
    for draw in (plots.plot_matrix, plots.plot_layers):
        out = tmp_path / f"{draw.__name__}{suffix}"
        assert draw(result, out) == []
        assert out.stat().st_size > 1000
    if suffix == ".svg":
        text = (tmp_path / "plot_matrix.svg").read_text()
        assert "controls in place" in text  # titles are real text, readable in the SVG


def test_broken_matrix_shows_a_warning_on_the_figure(result, tmp_path):
    bad = spec([[0, 0, 1], [0, 0, 1], [1, 1, 2]])
    out = tmp_path / "bad.svg"
    problems = plots.plot_matrix(result, out, bad)
    assert problems
    assert "WARNING" in out.read_text()


def test_layer_table_uses_residual_likelihood(result):
    layers, cats, values, counts = plots.layer_table(result)
    assert layers == ["thing", "gateway", "network", "cloud"]
    assert "patient_safety" in cats
    assert counts[layers.index("thing"), cats.index("patient_safety")] > 0
    assert 0 < values.max() <= 1


def test_element_colours_are_ordered_with_risk(result):
    colours = plots.element_colours(result)
    assert "implant" in colours
    entry = colours["implant"]
    assert entry["colour"].startswith("#") and 0 < entry["value"] <= 1
    # A higher value never gets a lighter colour than a lower value of a higher level.
    ranked = sorted(colours.values(), key=lambda e: e["value"])
    lum = [_luminance(e["colour"]) for e in ranked]
    assert lum[0] >= lum[-1]


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[k:k + 2], 16) / 255 for k in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_heatmap_cli(tmp_path: Path, capsys):
    model_path = tmp_path / "m.twm.json"
    save_model(implant_model(), model_path)
    out = tmp_path / "layers.svg"
    assert main(["heatmap", str(model_path), "-o", str(out), "--kind", "layers"]) == 0
    assert out.exists()
    assert main(["heatmap", str(model_path), "-o", str(tmp_path / "x.gif")]) == 1
    assert "png, .svg or .pdf" in capsys.readouterr().err
    assert main(["heatmap", str(model_path), "-o", str(tmp_path / "no" / "x.png")]) == 1


def test_elements_figure_with_attack_marks(result, tmp_path):
    from workbench.analysis.attack import analyze_attacks

    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, samples=640,
                             recommend=False, sensitivity=False).to_json()
    colours = plots.element_colours(result, attack)
    assert colours["implant"]["compromise"] == pytest.approx(
        attack["compromise"]["implant"]["probability"], abs=1e-4)
    out = tmp_path / "elements.svg"
    assert plots.plot_elements(result, out, attack) == []
    assert "implant" in out.read_text()
