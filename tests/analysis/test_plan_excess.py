"""The plan's summed excess (``plan._excess``) is the plain ``np.maximum(0.0, v - t)`` sum.

``_excess`` takes the maximum in place on one temporary (a value vector with the risk
term is 800,000 floats at 50,000 elements); the plan's decisions compare these sums, so
they must be the very floats of the plain formula, bit for bit: NaN, signed zeros, values
on the threshold, a per-value threshold, masks.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from workbench.analysis.attack.plan import Oracle, _excess, plan_controls
from workbench.analysis.attack.plan_reference import random_problem


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
    with np.errstate(over="ignore", invalid="ignore"):  # inf and huge values, both sides
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


# The oracle's memo of the excess (``Oracle.excess``): the plan asks again of vectors it
# summed (the step before, a pair's base); the memo answers by the objects' identity, on
# the guarantee that the oracle's vectors are read-only.


def test_oracle_vectors_are_read_only_and_the_evaluators_own():
    """A write through a vector the oracle returned raises; the evaluator's array (which
    it may keep, as the engine's ``seen`` does) keeps its own flags."""
    made: list[np.ndarray] = []

    def fn(chosen: list[str]) -> np.ndarray:
        made.append(np.arange(4, dtype=float) - len(chosen))
        return made[-1]

    oracle = Oracle(fn, budget=10)
    v = oracle(["a"])
    assert not v.flags.writeable
    with pytest.raises(ValueError):
        v[0] = 1.0
    with pytest.raises(ValueError):
        np.maximum(0.0, v, out=v)
    assert made[-1].flags.writeable
    assert oracle(["a"]) is v  # the cached view itself


@settings(max_examples=100, deadline=None)
@given(data=st.data(), size=st.integers(0, 50))
def test_oracle_excess_is_excess_per_vector_threshold_and_mask(data, size):
    """Each (vector, threshold, mask) gets its own sum, asked first or again, in any order:
    equal vectors that are other objects, the same vector with another threshold or
    mask, None for no mask."""
    vectors = {k: data.draw(hnp.arrays(np.float64, size, elements=FLOATS))
               for k in ("a", "b", "c")}
    vectors["d"] = vectors["a"].copy()  # equal values, another evaluation
    oracle = Oracle(lambda chosen: vectors[chosen[0]], budget=10)
    thresholds = [np.broadcast_to(np.asarray(data.draw(FLOATS)), (size,)),
                  np.broadcast_to(data.draw(hnp.arrays(np.float64, size, elements=FLOATS)),
                                  (size,))]
    masks = [None, data.draw(hnp.arrays(np.bool_, size)), data.draw(hnp.arrays(np.bool_, size))]
    asks = data.draw(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 1),
                                        st.integers(0, 2)), max_size=30))
    for name, t, m in asks:
        v = oracle([name])
        assert same(oracle.excess(v, thresholds[t], masks[m]),
                    _excess(v, thresholds[t], masks[m]))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_plans_with_the_memo_are_the_plans_without(seed):
    """The whole plan (steps, their vectors bit for bit, method, evaluations, notes) with
    the memo and with every excess summed afresh, on random problems: one per-value
    threshold and scored values too, as the engine passes them."""
    problem = random_problem(np.random.default_rng(seed))
    t = len(problem.targets)

    def twice(chosen: list[str]) -> np.ndarray:
        v = problem.evaluate(chosen)
        return np.concatenate([v, 0.5 * v])

    cases = [(problem.evaluate, problem.threshold, {}),
             (twice, np.concatenate([np.full(t, problem.threshold), np.zeros(t)]),
              {"groups": np.arange(2 * t), "scored": np.repeat([False, True], t)})]
    for evaluate, threshold, extra in cases:
        memo = plan_controls(evaluate, problem.costs, threshold, budget=40, **extra)
        with _plain_excess():
            fresh = plan_controls(evaluate, problem.costs, threshold, budget=40, **extra)
        assert _plan_record(memo) == _plan_record(fresh)


@contextmanager
def _plain_excess():
    """``Oracle.excess`` without its memo, for the length of the block."""
    memo = Oracle.excess
    Oracle.excess = lambda self, v, threshold, mask=None: _excess(v, threshold, mask)
    try:
        yield
    finally:
        Oracle.excess = memo


def _plan_record(plan) -> tuple:
    """A plan as comparable values: its vectors' bytes, the floats by str."""
    return (plan.method, plan.optimal, plan.evaluations, plan.candidates, plan.notes,
            plan.base.tobytes(), plan.fixable.tobytes(), plan.reachable.tobytes(),
            [(s.added, s.goal, s.before.tobytes(), s.after.tobytes()) for s in plan.steps])
