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


def core_order(result: Any, grouped: bool) -> tuple[list[Any], dict[int, Place]]:
    """Rows in the core order and each row's place, keyed by ``id(row)``.

    ``grouped``: one row per threat (``ThreatGroup``), else one row per copy
    (``ThreatRisk``).
    """
    # both from one pass: ``grouped_ranking`` makes the two each time it is asked for one
    ranked, context = grouped_rankings(result)
    ruled_out = sorted(group_threats(r for r in result.threats if not r.counted),
                       key=ThreatGroup.rank_key)
    rows: list[Any] = []
    places: dict[int, Place] = {}
    for tier, groups in ((RANKED, ranked), (CONTEXT, context), (RULED_OUT, ruled_out)):
        for rank, group in enumerate(groups, start=1):
            for copy, row in enumerate([group] if grouped else group.threats):
                places[id(row)] = Place(tier, rank, len(rows), len(groups), copy)
                rows.append(row)
    return rows, places
