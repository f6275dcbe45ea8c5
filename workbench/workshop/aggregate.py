"""Aggregate the ratings of named participants: median, spread, disagreement, consensus.

Why median and IQR: with five to ten people and ordinal scales (1-4), the mean invents
precision and one outlier drags it; the median does not. The spread shown is the range
(max - min) and the interquartile range; an item is flagged when the range reaches
``DISAGREEMENT_RANGE`` levels, i.e. someone thinks "minor" while someone else says "major".
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from workbench.model.errors import Problem
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import Consensus, Vote, WorkshopItem, WorkshopSession

#: Two levels apart on a 4-level scale is a real disagreement worth discussing.
DISAGREEMENT_RANGE = 2
LIKELIHOOD = "likelihood"


@dataclass(frozen=True)
class DimensionStats:
    """Statistics of one rated dimension (likelihood, or one impact category)."""

    dimension: str
    votes: dict[str, int]  # participant -> value
    median: float
    q1: float
    q3: float
    low: int
    high: int
    disagreement: bool

    @property
    def n(self) -> int:
        return len(self.votes)

    @property
    def spread(self) -> int:
        return self.high - self.low

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1

    def to_json(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "n": self.n, "median": self.median,
                "q1": self.q1, "q3": self.q3, "iqr": self.iqr, "min": self.low,
                "max": self.high, "range": self.spread, "disagreement": self.disagreement,
                "votes": self.votes}


def stats(dimension: str, votes: dict[str, int],
          threshold: int = DISAGREEMENT_RANGE) -> DimensionStats | None:
    """None when nobody rated this dimension."""
    if not votes:
        return None
    values = sorted(votes.values())
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = q3 = float(values[0])
    return DimensionStats(dimension, dict(votes), float(statistics.median(values)), float(q1),
                          float(q3), values[0], values[-1], values[-1] - values[0] >= threshold)


@dataclass
class ItemSummary:
    item: WorkshopItem
    dimensions: list[DimensionStats] = field(default_factory=list)

    @property
    def disagreement(self) -> bool:
        return any(d.disagreement for d in self.dimensions)

    def get(self, dimension: str) -> DimensionStats | None:
        return next((d for d in self.dimensions if d.dimension == dimension), None)

    def to_json(self) -> dict[str, Any]:
        consensus = self.item.consensus
        return {"element": self.item.element, "threat": self.item.threat,
                "title": self.item.title, "seconds_spent": self.item.seconds_spent,
                "disagreement": self.disagreement,
                "dimensions": [d.to_json() for d in self.dimensions],
                "consensus": consensus.model_dump(mode="json", exclude_none=True)
                if consensus else None}


def summarize_item(item: WorkshopItem, threshold: int = DISAGREEMENT_RANGE) -> ItemSummary:
    """Per dimension, in a stable order: likelihood first, then categories as first rated."""
    dims: dict[str, dict[str, int]] = {LIKELIHOOD: {}}
    for vote in item.votes:
        if vote.likelihood is not None:
            dims[LIKELIHOOD][vote.participant] = vote.likelihood
        for category, value in vote.impact.items():
            dims.setdefault(category, {})[vote.participant] = value
    return ItemSummary(item, [s for name, votes in dims.items()
                              if (s := stats(name, votes, threshold)) is not None])


def summarize_session(session: WorkshopSession,
                      threshold: int = DISAGREEMENT_RANGE) -> list[ItemSummary]:
    return [summarize_item(item, threshold) for item in session.items]


def cast_vote(item: WorkshopItem, participant: str, likelihood: int | None = None,
              impact: dict[str, int] | None = None, comment: str | None = None) -> Vote:
    """Record a vote; a participant voting again replaces their earlier vote on this item."""
    vote = Vote(participant=participant, likelihood=likelihood, impact=dict(impact or {}),
                comment=comment)
    item.votes = [v for v in item.votes if v.participant != participant] + [vote]
    return vote


def _rounded_median(s: DimensionStats | None) -> int | None:
    # Half levels round up: when the group is split, err on the side of caution.
    return None if s is None else int(s.median + 0.5)


def record_consensus(item: WorkshopItem, decided_by: list[str], *,
                     likelihood: int | None = None, impact: dict[str, int] | None = None,
                     rationale: str | None = None, on: dt.date | None = None) -> Consensus:
    """Store the group's decision; values not given default to the (rounded-up) median."""
    if not decided_by:
        raise ValueError("a consensus must say who decided")
    summary = summarize_item(item)
    if likelihood is None:
        likelihood = _rounded_median(summary.get(LIKELIHOOD))
    decided_impact = {d.dimension: _rounded_median(d) for d in summary.dimensions
                      if d.dimension != LIKELIHOOD}
    decided_impact.update(impact or {})
    consensus = Consensus(likelihood=likelihood,
                          impact={k: v for k, v in decided_impact.items() if v is not None},
                          decided_by=list(decided_by), decided_on=on or dt.date.today(),
                          rationale=rationale)
    item.consensus = consensus
    return consensus


def apply_consensus(model: ThreatModel, session: WorkshopSession) -> list[str]:
    """Copy each consensus onto its threat (likelihood, impact, who decided); returns ids."""
    threats = {t.id: t for t in model.threats}
    updated = []
    for item in session.items:
        threat = threats.get(item.threat or "")
        if threat is None or item.consensus is None:
            continue
        c = item.consensus
        if c.likelihood is not None:
            threat.likelihood = c.likelihood
        if c.impact:
            threat.impact = {**threat.impact, **c.impact}
        threat.decided_by = ", ".join(c.decided_by)[:500]
        threat.decided_on = c.decided_on
        updated.append(threat.id)
    return updated


def check_session(model: ThreatModel, session: WorkshopSession) -> list[Problem]:
    """References a session makes into the model, and votes from people not listed."""
    problems = []
    elements = model.element_ids()
    threats = {t.id for t in model.threats}
    categories = {c.id for c in model.risk.impact_categories}
    people = set(session.participants)
    for i, item in enumerate(session.items):
        here = f"workshops[{session.id}].items[{i}]"
        if item.element not in elements:
            problems.append(Problem(f"{here}.element", f"unknown element {item.element!r}"))
        if item.threat is not None and item.threat not in threats:
            problems.append(Problem(f"{here}.threat", f"unknown threat {item.threat!r}"))
        for j, vote in enumerate(item.votes):
            if people and vote.participant not in people:
                problems.append(Problem(f"{here}.votes[{j}].participant",
                                        f"{vote.participant!r} is not a participant of the "
                                        f"session"))
            for cat in vote.impact:
                if categories and cat not in categories:
                    problems.append(Problem(f"{here}.votes[{j}].impact.{cat}",
                                            f"unknown impact category {cat!r}"))
    return problems
