"""Small array helpers shared by the attack modules.

:func:`sorted_distinct` stands for a plain ``np.unique(a)`` (no indices, no counts) on
integer arrays. numpy 2's ``np.unique`` asks ``np.ma.is_masked`` before its hash path, so
the first plain call of a run imports ``numpy.ma`` (a large module) although no masked
array is ever made: a sort and a neighbour comparison give the same values without it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["sorted_distinct"]


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
