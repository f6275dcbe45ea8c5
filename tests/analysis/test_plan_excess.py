"""The plan's summed excess (``plan._excess``) is the plain ``np.maximum(0.0, v - t)`` sum.

``_excess`` takes the maximum in place on one temporary (a value vector with the risk
term is 800,000 floats at 50,000 elements); the plan's decisions compare these sums, so
they must be the very floats of the plain formula, bit for bit: NaN, signed zeros, values
on the threshold, a per-value threshold, masks.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from workbench.analysis.attack.plan import _excess


def plain(v: np.ndarray, threshold, mask: np.ndarray | None = None) -> float:
    """The formula ``_excess`` replaced."""
    over = np.maximum(0.0, v - threshold)
    return float(over[mask].sum() if mask is not None else over.sum())


FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64),
                   st.sampled_from([0.0, -0.0, 0.1, 0.2, 0.30000000000000004, 1e-300]))


def same(a: float, b: float) -> bool:
    """Equal as floats, NaN included, and with the same sign of zero."""
    return str(a) == str(b)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), size=st.integers(0, 300))
def test_excess_is_the_plain_sum_bit_for_bit(data, size):
    v = data.draw(hnp.arrays(np.float64, size, elements=FLOATS))
    per_value = data.draw(st.booleans())
    threshold = (data.draw(hnp.arrays(np.float64, size, elements=FLOATS)) if per_value
                 else data.draw(FLOATS))
    mask = data.draw(st.none() | hnp.arrays(np.bool_, size))
    assert same(_excess(v, threshold, mask), plain(v, threshold, mask))
    if per_value:  # as plan_controls passes it: a read-only broadcast view
        view = np.broadcast_to(threshold, v.shape)
        assert same(_excess(v, view, mask), plain(v, view, mask))


def test_excess_of_a_large_vector_with_a_zero_tail():
    """The shape the engine's plan reads: targets' values over their limits, then risk
    values over a zero limit (pairwise sums over 800,000 floats)."""
    rng = np.random.default_rng(3)
    v = np.concatenate([rng.random(230_000), rng.random(564_271) * 4.0, [-0.0, 0.0]])
    limits = np.concatenate([rng.random(230_000) * 0.5, np.zeros(564_273)])
    mask = rng.random(v.size) < 0.5
    assert same(_excess(v, limits), plain(v, limits))
    assert same(_excess(v, limits, mask), plain(v, limits, mask))
    assert _excess(v, limits) == plain(v, limits)
    before = v.copy()
    _excess(v, limits)
    assert np.array_equal(v, before)  # the caller's values are not changed
