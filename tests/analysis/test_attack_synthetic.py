"""The benchmark's synthetic models: deterministic, of the asked size, and analysable."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.analysis.attack import analyze_attacks
from workbench.model import check_integrity, default_stencils

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402


def test_synthetic_model_is_deterministic_and_sized():
    a = synthetic_model(1000, seed=3)
    b = synthetic_model(1000, seed=3)
    assert a.model_dump() == b.model_dump()
    assert 950 <= len(a.components) <= 1050
    problems = check_integrity(a, default_stencils())
    assert problems == [], problems[:3]


def test_synthetic_model_peels_to_a_small_core():
    """Devices hang off one network each: the sampled core stays far below the model size,
    and every device's probability is still reported."""
    model = synthetic_model(1000)
    result = analyze_attacks(model, samples=640, recommend=False, sensitivity=False)
    assert max(a["core_nodes"] for a in result.attackers) < 60
    devices = [c.id for c in model.components if "-d" in c.id]
    assert all(d in result.compromise for d in devices)
