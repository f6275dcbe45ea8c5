"""Small array helpers shared by the attack modules.

:func:`sorted_distinct` stands for a plain ``np.unique(a)`` (no indices, no counts) on
integer arrays. numpy 2's ``np.unique`` asks ``np.ma.is_masked`` before its hash path, so
the first plain call of a run imports ``numpy.ma`` (a large module) although no masked
array is ever made: a sort and a neighbour comparison give the same values without it.

:func:`dense_distinct` stands for ``np.unique(codes, return_index=True,
return_inverse=True)`` on small non-negative integer codes: flags and a table over the
codes' range instead of a sort of every code (a million at 50,000 elements).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["dense_distinct", "sorted_distinct"]


def sorted_distinct(values: Any) -> np.ndarray:
    """The distinct values of ``values``, flattened and sorted: what ``np.unique(values)``
    returns (same values, same dtype), for integer and boolean arrays without touching
    ``numpy.ma``. Other dtypes (floats: NaNs are merged by ``np.unique``, not by ``!=``) go
    to ``np.unique`` itself."""
    a = np.asarray(values)
    if a.dtype.kind not in "biu":
        return np.unique(a)
    a = np.sort(a, axis=None)
    if a.size < 2:
        return a
    keep = np.empty(a.size, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


#: :func:`dense_distinct` uses a table over the codes' range up to this many places per
#: code (and this many besides), else the sort.
DENSE_SPAN = 8
DENSE_FLOOR = 1 << 16


def dense_distinct(codes: np.ndarray, span: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(codes, return_index=True, return_inverse=True)`` (the inverse flat) for
    a 1-d int64 array of codes in ``range(span)``: the distinct codes ascending, where
    each first occurs, and each code's place among them.

    Why: the plan's risk term numbers its (control, element profile) pairs among a million
    catalog candidates at 50,000 elements; with a few hundred thousand possible codes a
    flag per code and ``np.minimum.at`` for the first places cost a pass, not a sort.
    A range much wider than the codes goes to ``np.unique``."""
    codes = np.asarray(codes, dtype=np.int64).reshape(-1)
    if span > DENSE_SPAN * codes.size + DENSE_FLOOR:
        distinct, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        return distinct, first, inverse.reshape(-1)
    present = np.zeros(span, dtype=bool)
    present[codes] = True
    distinct = np.flatnonzero(present)
    place = np.full(span, -1, dtype=np.int64)
    place[distinct] = np.arange(distinct.size)
    first = np.full(span, codes.size, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(codes.size, dtype=np.int64))
    return distinct, first[distinct], place[codes]
