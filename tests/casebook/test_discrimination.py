"""benchmarks/discrimination.py reads the product's figures the way the issue states its
goals: shares of levels that add up, and attackers told apart on the MiniMed case."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def discrimination():
    spec = importlib.util.spec_from_file_location(
        "discrimination", ROOT / "benchmarks" / "discrimination.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["discrimination"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_minimed_figures(discrimination, capsys):
    figures = discrimination.measure(
        ROOT / "tests" / "casebook" / "minimed-paradigm-rf-2019.twm.json", seed=1, worlds=2000)
    for stage in ("inherent", "residual", "projected"):
        assert sum(figures.shares[stage].values()) == pytest.approx(1.0)
    medians = figures.medians()
    assert medians["proximate-radio"] > medians["remote-internet"]
    assert figures.median_span() == pytest.approx(max(medians.values()) - min(medians.values()))
    # The pump: the proximate radio attacker is far ahead of the remote one on it.
    assert figures.separation() >= 0.25
    goals = discrimination.report(figures)
    printed = capsys.readouterr().out
    assert "goal: at most 15% critical after controls" in printed
    assert set(goals) == {"critical", "levels", "separated"}
    assert discrimination.report(figures, judge=False) == {}
