"""The Threats table's order: the core ranking (``analysis.ranking``), not the table's own.

A board sees the risks in the order of ``grouped_ranking``; ``workbench analyze`` prints
them so. The table follows it so the window never shows another "first risk": its rows
come in three tiers, and a column sort only reorders rows *within* a tier:

1. risks to treat (counted, in scope), by the rank of their threat; the copies of one
   threat follow the ranking's copy order (worst copy first);
2. context threats (the element is not owned or operated by the organisation: an
   assumption, not a risk to treat; ``analyze`` prints them as "not ranked"), ranked
   among themselves by the same key;
3. threats the analyst ruled out (rejected, not applicable), last.

Ties of a column sort fall back to this order, so rows of one level never look shuffled.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, NamedTuple

from workbench.analysis.ranking import ThreatGroup, group_threats, grouped_rankings

RANKED, CONTEXT, RULED_OUT = 0, 1, 2


class Place(NamedTuple):
    """Where a row sits in the core order (a named tuple, not a frozen dataclass: one is
    made per threat copy, and a large model has many)."""

    tier: int  # RANKED, CONTEXT or RULED_OUT
    rank: int  # the threat's rank within its tier (1 = first)
    position: int  # index in the whole core order (ties of a column sort)
    of: int  # number of threats (groups) ranked in the tier
    copy: int = 0  # a copy's index within its threat (0: the worst, the board's row)


class Places(Mapping[int, Place]):
    """Each row's :class:`Place`, keyed by ``id(row)``, made when asked.

    A hospital group's analysis has tens of thousands of threat copies in a few dozen
    threats: a ``Place`` per copy, made after every analysis on the window's thread, cost
    about half as much as the ranking itself, while the table reads the places of the rows
    it shows and, of every row, only its tier (:meth:`tier`). Rows are kept by position;
    a group's rank, count and tier once per group.
    """

    def __init__(self) -> None:
        self._position: dict[int, int] = {}
        self._tier: dict[int, int] = {}
        self._starts: list[int] = []  # each group's first position
        self._groups: list[tuple[int, int, int]] = []  # each group's tier, rank, of

    def add(self, tier: int, rank: int, of: int, rows: list[Any], start: int) -> None:
        """The rows of one group, at positions ``start``, ``start + 1``... of the order."""
        ids = [id(row) for row in rows]
        self._position.update(zip(ids, range(start, start + len(rows)), strict=True))
        self._tier.update(zip(ids, repeat(tier)))
        self._starts.append(start)
        self._groups.append((tier, rank, of))

    def __getitem__(self, key: int) -> Place:
        position = self._position[key]
        group = bisect_right(self._starts, position) - 1
        tier, rank, of = self._groups[group]
        return Place(tier, rank, position, of, position - self._starts[group])

    def __iter__(self) -> Iterator[int]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def tiers(self, rows: list[Any]) -> list[int]:
        """Each row's tier (a row not placed counts as ranked)."""
        get = self._tier.get
        return [get(key, RANKED) for key in map(id, rows)]


#: The threats of each tier as ranked groups: risks to treat, context, ruled out.
Tiers = tuple[list[ThreatGroup], list[ThreatGroup], list[ThreatGroup]]


def tier_groups(result: Any) -> Tiers:
    """The groups of each tier, ranked: what :func:`core_order` lays out in rows. The
    window's worker works them out after the analysis (``worker.Analysis.tiers``), so
    the window's thread, when the result arrives, only lays out the rows."""
    # both from one pass: ``grouped_ranking`` makes the two each time it is asked for one
    ranked, context = grouped_rankings(result)
    ruled_out = sorted(group_threats(r for r in result.threats if not r.counted),
                       key=ThreatGroup.rank_key)
    return ranked, context, ruled_out


def core_order(result: Any, grouped: bool, tiers: Tiers | None = None
               ) -> tuple[list[Any], Places]:
    """Rows in the core order and each row's place, keyed by ``id(row)``.

    ``grouped``: one row per threat (``ThreatGroup``), else one row per copy
    (``ThreatRisk``). ``tiers``: :func:`tier_groups` of ``result`` when worked out
    already (read, never changed).
    """
    ranked, context, ruled_out = tiers if tiers is not None else tier_groups(result)
    rows: list[Any] = []
    places = Places()
    for tier, groups in ((RANKED, ranked), (CONTEXT, context), (RULED_OUT, ruled_out)):
        for rank, group in enumerate(groups, start=1):
            members = [group] if grouped else group.threats
            places.add(tier, rank, len(groups), members, len(rows))
            rows.extend(members)
    return rows, places
