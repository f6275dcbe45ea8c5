"""Yen's k shortest simple paths on a small weighted digraph, without networkx.

The attack paths (``paths.py``) used ``networkx.shortest_simple_paths``; importing networkx
cost about a quarter of a second of every ``workbench analyze`` start (and it was the only
use of it outside the tests). This is the same algorithm written the same way as
networkx 3.6's (``networkx/algorithms/simple_paths.py``, BSD-3-Clause, (c) NetworkX
Developers): the same bidirectional Dijkstra, the same tie-breaking counters and the same
neighbour order (edges in insertion order), so paths of equal length come out in the same
order. ``tests/analysis/test_yen.py`` checks it against networkx on random graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from heapq import heappop, heappush
from itertools import count


class WeightedDigraph:
    """Directed graph with one weight per edge; successors and predecessors in the order
    the edges were added (networkx's ``DiGraph`` order, which Yen's ties depend on)."""

    def __init__(self, edges: Iterable[tuple[int, int, float]] = ()):
        self.succ: dict[int, dict[int, float]] = {}
        self.pred: dict[int, dict[int, float]] = {}
        for u, v, w in edges:
            for node in (u, v):
                if node not in self.succ:
                    self.succ[node] = {}
                    self.pred[node] = {}
            self.succ[u][v] = w
            self.pred[v][u] = w

    def __contains__(self, node: object) -> bool:
        return node in self.succ

    def weight(self, u: int, v: int) -> float:
        return self.succ[u][v]


class NoPath(Exception):
    """No path between the two nodes (with the nodes and edges ignored)."""


def shortest_simple_paths(g: WeightedDigraph, source: int, target: int
                          ) -> Iterator[list[int]]:
    """Simple paths from ``source`` to ``target``, shortest first (Yen's algorithm)."""
    if source not in g or target not in g:
        return

    def length(path: list[int]) -> float:
        return sum(g.succ[u][v] for u, v in zip(path, path[1:], strict=False))

    found: list[list[int]] = []
    buffer = _PathBuffer()
    prev: list[int] | None = None
    while True:
        if not prev:
            try:
                dist, path = _bidirectional_dijkstra(g, source, target)
            except NoPath:
                return
            buffer.push(dist, path)
        else:
            ignore_nodes: set[int] = set()
            ignore_edges: set[tuple[int, int]] = set()
            for i in range(1, len(prev)):
                root = prev[:i]
                root_length = length(root)
                for path in found:
                    if path[:i] == root:
                        ignore_edges.add((path[i - 1], path[i]))
                try:
                    dist, spur = _bidirectional_dijkstra(g, root[-1], target,
                                                         ignore_nodes, ignore_edges)
                    buffer.push(root_length + dist, root[:-1] + spur)
                except NoPath:
                    pass
                ignore_nodes.add(root[-1])
        if not buffer:
            return
        path = buffer.pop()
        yield path
        found.append(path)
        prev = path


class _PathBuffer:
    """Candidate paths by length, each once; ties in the order they were pushed."""

    def __init__(self) -> None:
        self.paths: set[tuple[int, ...]] = set()
        self.sorted: list[tuple[float, int, list[int]]] = []
        self.counter = count()

    def __len__(self) -> int:
        return len(self.sorted)

    def push(self, cost: float, path: list[int]) -> None:
        key = tuple(path)
        if key not in self.paths:
            heappush(self.sorted, (cost, next(self.counter), path))
            self.paths.add(key)

    def pop(self) -> list[int]:
        _cost, _num, path = heappop(self.sorted)
        self.paths.remove(tuple(path))
        return path


def _bidirectional_dijkstra(g: WeightedDigraph, source: int, target: int,
                            ignore_nodes: set[int] | None = None,
                            ignore_edges: set[tuple[int, int]] | None = None
                            ) -> tuple[float, list[int]]:
    """Length and nodes of a shortest path, searching from both ends (networkx's order)."""
    if ignore_nodes and (source in ignore_nodes or target in ignore_nodes):
        raise NoPath
    if source == target:
        return 0, [source]
    skip_nodes = ignore_nodes or set()
    skip_edges = ignore_edges or set()

    def forward(v: int) -> Iterator[tuple[int, float]]:
        for w, weight in g.succ[v].items():
            if w not in skip_nodes and (v, w) not in skip_edges:
                yield w, weight

    def backward(v: int) -> Iterator[tuple[int, float]]:
        for w, weight in g.pred[v].items():
            if w not in skip_nodes and (w, v) not in skip_edges:
                yield w, weight

    dists: list[dict[int, float]] = [{}, {}]
    paths: list[dict[int, list[int]]] = [{source: [source]}, {target: [target]}]
    fringe: list[list[tuple[float, int, int]]] = [[], []]
    seen: list[dict[int, float]] = [{source: 0}, {target: 0}]
    c = count()
    heappush(fringe[0], (0, next(c), source))
    heappush(fringe[1], (0, next(c), target))
    neighbours = (forward, backward)
    final_dist: float = 0.0
    final_path: list[int] = []
    direction = 1
    while fringe[0] and fringe[1]:
        direction = 1 - direction
        dist, _, v = heappop(fringe[direction])
        if v in dists[direction]:
            continue
        dists[direction][v] = dist
        if v in dists[1 - direction]:
            return final_dist, final_path
        for w, weight in neighbours[direction](v):
            vw_length = dists[direction][v] + weight
            if w in dists[direction]:
                if vw_length < dists[direction][w]:
                    raise ValueError("Contradictory paths found: negative weights?")
            elif w not in seen[direction] or vw_length < seen[direction][w]:
                seen[direction][w] = vw_length
                heappush(fringe[direction], (vw_length, next(c), w))
                paths[direction][w] = paths[direction][v] + [w]
                if w in seen[0] and w in seen[1]:
                    total = seen[0][w] + seen[1][w]
                    if final_path == [] or final_dist > total:
                        final_dist = total
                        back = paths[1][w][:]
                        back.reverse()
                        final_path = paths[0][w] + back[1:]
    raise NoPath
