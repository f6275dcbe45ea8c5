"""numpy's sum of a float64 vector, recomputed after a few of its values change.

Why: the plan ranks each of up to ~200,000 candidates by the risk value it removes,
``base.sum() - with_candidate.sum()`` (``recommend._risk_first``). Copying and summing the
whole vector per candidate is quadratic in the model's size (13 s of 40 at 10,000
elements). The sum's rounding decides ties between candidates that remove the same value,
so a faster way must give the very same float, not merely a close one.

numpy sums a contiguous float64 vector pairwise (``pairwise_sum`` in numpy's
``loops_utils.h``): below 8 values one after the other; up to 128 values in 8 lanes
combined as ``((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))``, then the remainder; above, the two
halves (the first a multiple of 8) summed apart and added; the reduction starts from 0.0.
:class:`PairwiseSum` keeps every node's partial sum and recomputes only the nodes holding
a changed value. :meth:`PairwiseSum.exact` checks the emulation against ``numpy.sum`` on
the base vector: a caller falls back to numpy when a future numpy sums otherwise.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

#: numpy's PW_BLOCKSIZE: a run this long or shorter is summed in lanes, not split.
BLOCK = 128


def _leaf(a: list[float]) -> float:
    """numpy's sum of one run of at most BLOCK values (module docstring)."""
    n = len(a)
    res = 0.0
    if n < 8:
        for x in a:
            res += x
        return res
    r0, r1, r2, r3, r4, r5, r6, r7 = a[:8]
    end = n - n % 8
    for i in range(8, end, 8):
        r0 += a[i]
        r1 += a[i + 1]
        r2 += a[i + 2]
        r3 += a[i + 3]
        r4 += a[i + 4]
        r5 += a[i + 5]
        r6 += a[i + 6]
        r7 += a[i + 7]
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for x in a[end:]:
        res += x
    return res


def _lanes(a: list[float]) -> list[list[float]]:
    """Per lane of a run of 8 or more values, its running sums (``_leaf``'s r0..r7 after
    each of its values); no lanes below 8 values."""
    if len(a) < 8:
        return []
    end = len(a) - len(a) % 8
    out = []
    for j in range(8):
        r = a[j]
        sums = [r]
        for i in range(j + 8, end, 8):
            r += a[i]
            sums.append(r)
        out.append(sums)
    return out


def _leaf_again(a: list[float], lanes: list[list[float]], changed: list[int]) -> float:
    """``_leaf(a)`` where only the places ``changed`` differ from the run ``lanes`` were
    taken on: a lane is summed again from its first changed value, the others kept."""
    n = len(a)
    if n < 8:
        return _leaf(a)
    end = n - n % 8
    first: dict[int, int] = {}  # lane -> its first changed step
    for p in changed:
        if p < end:
            j, m = p % 8, p // 8
            if m < first.get(j, m + 1):
                first[j] = m
    r = [lane[-1] for lane in lanes]
    for j, m in first.items():
        acc = lanes[j][m - 1] + a[j + 8 * m] if m else a[j]
        for i in range(j + 8 * (m + 1), end, 8):
            acc += a[i]
        r[j] = acc
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for x in a[end:]:
        res += x
    return res


class PairwiseSum:
    """The sum of ``values`` with some entries replaced, as ``numpy.sum`` gives it.

    numpy's split is kept as a tree: node ids in post-order (children before parents),
    each node's partial sum, and per leaf (a run of at most BLOCK values) its way up as
    (sibling's sum, whether the leaf's side is the left one)."""

    def __init__(self, values: np.ndarray) -> None:
        self.values: list[float] = [float(x) for x in np.asarray(values, dtype=np.float64)]
        self._sums: list[float] = []
        self._children: list[tuple[int, int] | None] = []
        self._parent: list[int] = []
        self._leaves: list[tuple[int, int, int]] = []  # (lo, n, node id), in order
        root = self._build(0, len(self.values))
        self._parent[root] = -1
        self.total = 0.0 + self._sums[root]
        self._starts = [lo for lo, _, _ in self._leaves]
        self._lanes = [_lanes(self.values[lo:lo + n]) for lo, n, _ in self._leaves]
        self._up: list[list[tuple[float, bool]]] = []
        for _, _, node in self._leaves:
            way, child = [], node
            while self._parent[child] >= 0:
                up = self._parent[child]
                left, right = self._children[up]  # type: ignore[misc]
                way.append((self._sums[right], True) if child == left
                           else (self._sums[left], False))
                child = up
            self._up.append(way)

    def _build(self, lo: int, n: int) -> int:
        if n <= BLOCK:
            s, children = _leaf(self.values[lo:lo + n]), None
        else:
            half = n // 2
            half -= half % 8
            left, right = self._build(lo, half), self._build(lo + half, n - half)
            s, children = self._sums[left] + self._sums[right], (left, right)
        node = len(self._sums)
        self._sums.append(s)
        self._children.append(children)
        self._parent.append(-1)
        if children is None:
            self._leaves.append((lo, n, node))
        else:
            self._parent[children[0]] = self._parent[children[1]] = node
        return node

    def exact(self, values: np.ndarray) -> bool:
        """Whether this emulation gives numpy's own sum of ``values`` (the base vector)."""
        return self.total == float(np.asarray(values, dtype=np.float64).sum())

    def with_changes(self, changes: dict[int, float]) -> float:
        """The sum with ``values[k]`` replaced by ``changes[k]``."""
        if not changes:
            return self.total
        runs: dict[int, list[float]] = {}
        moved: dict[int, list[int]] = {}  # leaf -> changed places in it
        for k, v in changes.items():
            leaf = bisect_right(self._starts, k) - 1
            run = runs.get(leaf)
            if run is None:
                lo, n, _ = self._leaves[leaf]
                run = runs[leaf] = self.values[lo:lo + n]
            run[k - self._starts[leaf]] = v
            moved.setdefault(leaf, []).append(k - self._starts[leaf])
        if len(runs) == 1:  # one leaf: up its way, the siblings unchanged
            ((leaf, run),) = runs.items()
            s = _leaf_again(run, self._lanes[leaf], moved[leaf])
            for sibling, on_left in self._up[leaf]:
                s = s + sibling if on_left else sibling + s
            return 0.0 + s
        new = {self._leaves[leaf][2]: _leaf_again(run, self._lanes[leaf], moved[leaf])
               for leaf, run in runs.items()}
        dirty: set[int] = set()
        for node in new:
            up = self._parent[node]
            while up >= 0 and up not in dirty:
                dirty.add(up)
                up = self._parent[up]
        sums = self._sums
        root = 0
        for node in sorted(dirty):  # post-order ids: children first
            left, right = self._children[node]  # type: ignore[misc]
            new[node] = new.get(left, sums[left]) + new.get(right, sums[right])
            root = node
        return 0.0 + new[root]


__all__ = ["BLOCK", "PairwiseSum"]
