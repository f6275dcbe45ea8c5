"""The plan's risk-first order is computed without re-summing the risk vector per candidate
(``attack/pairwise.py``): the sums must be numpy's very floats, since their rounding
decides which of two equally good candidates is searched first."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import recommend
from workbench.analysis.attack.pairwise import PairwiseSum
from workbench.analysis.attack.plan_risk import RiskTerm
from workbench.analysis.catalog import default_catalog
from workbench.analysis.pipeline import analyze
from workbench.model import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"
#: The values a risk takes in the plan's objective (LEVEL_VALUE x factor), and 0.
VALUES = (1.0, 3.0, 4.0, 0.1, 0.1 * 3, 0.1 * 4, 0.0)
#: Around numpy's split points: 8 lanes, blocks of 128, halves rounded to 8.
SIZES = (0, 1, 7, 8, 9, 15, 16, 127, 128, 129, 136, 255, 256, 257, 1000, 4097, 20001)


@pytest.mark.parametrize("n", SIZES)
def test_changed_sums_are_numpys_own(n: int) -> None:
    rng = random.Random(n)
    base = np.array([rng.choice(VALUES) for _ in range(n)])
    tree = PairwiseSum(base)
    assert tree.exact(base)
    assert tree.with_changes({}) == float(base.sum())
    for _ in range(40 if n else 0):
        changes = {rng.randrange(n): rng.choice(VALUES) for _ in range(rng.randint(1, 6))}
        moved = base.copy()
        for k, v in changes.items():
            moved[k] = v
        assert tree.with_changes(changes) == float(moved.sum())


def test_a_sum_rounding_otherwise_is_detected() -> None:
    """``exact`` is what lets a caller fall back to numpy: it must see a wrong total."""
    base = np.array([0.1] * 300)
    tree = PairwiseSum(base)
    one_by_one = 0.0
    for _ in range(300):
        one_by_one += 0.1
    tree.total = one_by_one  # as a sum one value after the other would round
    assert tree.total != float(base.sum())
    assert not tree.exact(base)


def _risk_first_summing_every_vector(term, candidates) -> list[str]:
    """The order as computed before (a copy of the vector and numpy's sum per candidate)."""
    base = float(term.base_value.sum())
    gain = {}
    for cid, cand in candidates.items():
        if isinstance(cand, recommend.BundleCandidate):
            continue
        g = base - float(term.values(recommend._members(cand)).sum())
        if g > 1e-9:
            gain[cid] = g
    return sorted(gain, key=lambda c: (-gain[c], candidates[c].cost, c))


@pytest.mark.parametrize("name", ["hospital-ward-iomt", "insulin-closed-loop"])
def test_risk_first_order_is_the_one_summing_every_vector(name: str, monkeypatch) -> None:
    """The ward's gains tie to the last bit or not (3.6000000000000085 vs
    3.5999999999999943): the order must be the very one numpy's sums gave."""
    from workbench.analysis.attack import analyze_attacks

    seen: list[tuple[list[str], list[str]]] = []
    fast = recommend._risk_first

    def both(term: RiskTerm, candidates, pool):
        out = fast(term, candidates, pool)
        seen.append((out, _risk_first_summing_every_vector(term, candidates)))
        return out

    monkeypatch.setattr(recommend, "_risk_first", both)
    result = analyze(load_model(SAMPLES / f"{name}.twm.json"), default_catalog())
    analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                    sensitivity=False)
    assert len(seen) == 1
    out, plain = seen[0]
    assert len(out) > 100
    assert out == plain
