"""``arrays.sorted_distinct`` stands for plain ``np.unique`` on the analysis path (numpy 2's
``np.unique`` imports ``numpy.ma`` on its first plain call): the same values and dtype, and
an analysis that never imports ``numpy.ma``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import arrays
from workbench.analysis.attack.arrays import dense_distinct, sorted_distinct

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "home-telemonitoring.twm.json"


@pytest.mark.parametrize("dense", [True, False])
def test_dense_distinct_is_np_unique_with_first_places_and_inverse(dense, monkeypatch):
    """``dense_distinct`` (flags and ``np.minimum.at`` over the codes' range) gives what
    ``np.unique(codes, return_index=True, return_inverse=True)`` gives: the distinct codes,
    each one's first place (repeats everywhere, the first place last or first), and the
    inverse, flat; with the table and with the sort (``dense``)."""
    if not dense:
        monkeypatch.setattr(arrays, "DENSE_SPAN", -1)
        monkeypatch.setattr(arrays, "DENSE_FLOOR", -1)
    rng = np.random.default_rng(23)
    for size in (0, 1, 2, 3, 7, 50, 1000, 20_000):
        for span in (1, 2, 5, 97, 1000, 300_000):
            codes = rng.integers(0, span, size=size).astype(np.int64)
            for case in (codes, codes[::-1].copy(), np.sort(codes), np.full(size, span - 1)):
                distinct, first, inverse = dense_distinct(case, span)
                want = np.unique(case, return_index=True, return_inverse=True)
                assert distinct.tolist() == want[0].tolist()
                assert first.tolist() == want[1].tolist()
                assert inverse.tolist() == want[2].reshape(-1).tolist()
                assert inverse.shape == (size,)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint8, np.intp, bool])
def test_sorted_distinct_is_np_unique(dtype):
    rng = np.random.default_rng(17)
    for size in (0, 1, 2, 3, 7, 50, 1000):
        for high in (1, 2, 5, 1000):
            a = rng.integers(0, high + 1, size=size).astype(dtype)
            if dtype is not np.uint8 and dtype is not bool:
                a = a - high // 2  # negatives too
            want = np.unique(a)
            got = sorted_distinct(a)
            assert got.dtype == want.dtype
            assert got.tolist() == want.tolist()
    grid = rng.integers(0, 9, size=(6, 5))
    assert sorted_distinct(grid).tolist() == np.unique(grid).tolist()  # flattened
    assert sorted_distinct([3, 1, 3, 2]).tolist() == [1, 2, 3]


def test_other_dtypes_are_np_uniques():
    a = np.array([2.0, np.nan, 1.0, np.nan, 2.0])
    got = sorted_distinct(a)
    assert np.array_equal(got, np.unique(a), equal_nan=True) and got.size == 3


def test_the_input_is_left_as_it_was():
    a = np.array([5, 3, 5, 1])
    sorted_distinct(a)
    assert a.tolist() == [5, 3, 5, 1]


def test_an_analysis_never_imports_numpy_ma():
    code = ("import contextlib, io, sys\n"
            "from workbench.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['analyze', {str(SAMPLE)!r}, '--json', '--seed', '1'])\n"
            "print('numpy.ma' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=300)
    assert out.stdout.strip() == "False"
