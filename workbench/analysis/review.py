"""The vendor review checklist (data in ``catalogs/review-checklist.json``) and its summary.

The model stores answers only (:class:`workbench.model.review.ReviewRecord`); this module
loads and validates the checklist, decides which items apply to the model (health-data
hosting, medical device), and summarises: counts per answer, blocking gaps first. The
report calls :func:`review_summary`; the GUI and CLI show the same object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from workbench.data import data_dir
from workbench.model.base import Identifier, ShortText, Strict, Text
from workbench.model.enums import AssetKind
from workbench.model.errors import ModelError, Problem, format_loc
from workbench.model.review import ReviewAnswer, ReviewAnswerValue
from workbench.model.threat_model import ThreatModel

SEVERITY_ORDER = {"blocking": 0, "major": 1, "minor": 2}
#: Colour of each answer, the same in the window and the reports.
ANSWER_COLOURS = {"yes": "#a6dba0", "partial": "#ffffbf", "no": "#fdae61",
                  "unknown": "#eeeeee", "not_applicable": "#ffffff"}
#: Answers that leave a gap (the requirement is not shown to be met).
GAP_ANSWERS = {ReviewAnswerValue.NO, ReviewAnswerValue.PARTIAL, ReviewAnswerValue.UNKNOWN}


class ChecklistItem(Strict):
    id: Identifier
    category: ShortText
    severity: Literal["blocking", "major", "minor"]
    title: ShortText
    title_fr: ShortText | None = None
    question: Text
    question_fr: Text | None = None
    evidence_expected: Text | None = None
    evidence_expected_fr: Text | None = None
    references: list[ShortText] = Field(default_factory=list)
    applies_if: Literal["health_data", "medical_device"] | None = None
    #: Catalog threats a gap on this item leaves unanswered (signed firmware: firmware
    #: tampering, unsigned updates). With an analysis, a gap is ranked by the best board
    #: rank of these threats in the model (:func:`review_summary`).
    threats: list[Identifier] = Field(default_factory=list)


class Checklist(Strict):
    checklist_format: Literal[1]
    id: Identifier
    version: ShortText
    title: ShortText
    description: Text | None = None
    answers: list[ReviewAnswerValue] = Field(default_factory=list)
    items: list[ChecklistItem]

    def item(self, ident: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == ident), None)


def checklist_path() -> Path:
    return data_dir("catalogs") / "review-checklist.json"


def load_checklist(path: Path | None = None) -> Checklist:
    path = path or checklist_path()
    try:
        checklist = Checklist.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise ModelError([Problem(format_loc(e["loc"]), e["msg"]) for e in exc.errors()],
                             str(path)) from None
        raise ModelError([Problem("$", f"cannot read checklist: {exc}")], str(path)) from None
    seen: set[str] = set()
    for i, item in enumerate(checklist.items):
        if item.id in seen:
            raise ModelError([Problem(f"items[{i}].id", f"duplicate item id {item.id!r}")],
                             str(path))
        seen.add(item.id)
    return checklist


@lru_cache(maxsize=1)
def default_checklist() -> Checklist:
    return load_checklist()


def applies(item: ChecklistItem, model: ThreatModel, stencils: list | None = None) -> bool:
    """Whether the item concerns this system: declared in the regulatory context, or shown
    by what the model holds. An imported vendor architecture declares nothing, yet an insulin
    pump in it is a medical device and the data it sends are health data. ``stencils``: the
    model's stencils when the caller already has them (a summary asks for every item)."""
    if item.applies_if is None:
        return True
    used = stencils if stencils is not None else _stencils(model)
    if item.applies_if == "health_data":
        return (model.regulatory.hosts_health_data
                or any(a.kind.value == "health_data" for a in model.data_assets)
                or any(AssetKind.HEALTH_DATA in s.typical_assets for s in used))
    return model.regulatory.medical_device or any("medical_device" in s.tags for s in used)


def _stencils(model: ThreatModel) -> list:
    """The stencils the model's components use (unknown ids are skipped)."""
    from workbench.model.stencils import default_stencils

    library = default_stencils()
    return [library[c.stencil] for c in model.components if c.stencil in library]


@dataclass(frozen=True)
class ReviewLine:
    item: ChecklistItem
    answer: ReviewAnswerValue
    evidence: str | None
    note: str | None
    applicable: bool
    #: With an analysis: the board rank (1 = first) of the best-ranked threat among the
    #: item's ``threats`` in the model, that threat's catalog id and residual level
    #: (None: no analysis, or none of its threats is ranked in this model).
    rank: int | None = None
    threat: str | None = None
    level: str | None = None

    @property
    def gap(self) -> bool:
        return self.applicable and self.answer in GAP_ANSWERS

    def to_json(self) -> dict[str, Any]:
        return {"id": self.item.id, "title": self.item.title, "category": self.item.category,
                "severity": self.item.severity, "answer": self.answer.value,
                "evidence": self.evidence, "note": self.note, "applicable": self.applicable,
                "gap": self.gap, "references": self.item.references,
                "rank": self.rank, "threat": self.threat, "level": self.level}


@dataclass(frozen=True)
class ReviewSummary:
    checklist: Checklist
    vendor: str | None
    reviewer: str | None
    lines: list[ReviewLine]
    unknown_items: list[str]  # answers to items the checklist no longer has

    @property
    def counts(self) -> dict[str, int]:
        out = {a.value: 0 for a in ReviewAnswerValue}
        for line in self.lines:
            if line.applicable:
                out[line.answer.value] += 1
        return out

    @property
    def gaps(self) -> list[ReviewLine]:
        """Gaps, blocking first; within a severity, by the board rank of the threats each
        leaves unanswered (the core ranking, when the summary was given an analysis),
        then by checklist order."""
        order = {id(line): i for i, line in enumerate(self.lines)}
        return sorted((line for line in self.lines if line.gap),
                      key=lambda line: (SEVERITY_ORDER[line.item.severity],
                                        line.rank if line.rank is not None else 1 << 30,
                                        order[id(line)]))

    @property
    def blocking_gaps(self) -> list[ReviewLine]:
        return [line for line in self.gaps if line.item.severity == "blocking"]

    @property
    def met_ratio(self) -> float:
        """Share of applicable items answered yes (not applicable answers excluded)."""
        relevant = [line for line in self.lines if line.applicable
                    and line.answer != ReviewAnswerValue.NOT_APPLICABLE]
        if not relevant:
            return 0.0
        return sum(line.answer == ReviewAnswerValue.YES for line in relevant) / len(relevant)

    def to_json(self) -> dict[str, Any]:
        return {"checklist": self.checklist.id, "version": self.checklist.version,
                "vendor": self.vendor, "reviewer": self.reviewer, "counts": self.counts,
                "met_ratio": round(self.met_ratio, 3),
                "blocking_gaps": [line.item.id for line in self.blocking_gaps],
                "items": [line.to_json() for line in self.lines],
                "unknown_items": self.unknown_items}


def board_ranks(analysis: Any) -> dict[str, tuple[int, str]]:
    """Catalog threat id -> (board rank, residual level) in the core's grouped ranking.

    Read through the ``ranking`` module at call time, so the review follows whatever the
    core ranks (``tests/analysis/test_review_ranking.py`` feeds it a reversed ranking).
    """
    from workbench.analysis import ranking

    return {group.catalog_id: (n, group.current.level)
            for n, group in enumerate(ranking.grouped_ranking(analysis), 1)}


def review_summary(model: ThreatModel, checklist: Checklist | None = None,
                   analysis: Any = None) -> ReviewSummary:
    """Every checklist item with the model's answer (unanswered items count as unknown).

    With ``analysis`` (an :class:`~workbench.analysis.pipeline.AnalysisResult` of this
    model), each line carries the board rank and level of the best-ranked threat it
    leaves unanswered, and gaps of one severity follow the core ranking.
    """
    checklist = checklist or default_checklist()
    record = model.review
    answers: dict[str, ReviewAnswer] = {a.item: a for a in (record.answers if record else [])}
    stencils = _stencils(model)  # once, not per item
    ranks = board_ranks(analysis) if analysis is not None else {}
    lines = []
    for item in checklist.items:
        answer = answers.get(item.id)
        best = min(((ranks[t][0], t) for t in item.threats if t in ranks), default=None)
        lines.append(ReviewLine(item, answer.answer if answer else ReviewAnswerValue.UNKNOWN,
                                answer.evidence if answer else None,
                                answer.note if answer else None,
                                applies(item, model, stencils),
                                rank=best[0] if best else None,
                                threat=best[1] if best else None,
                                level=ranks[best[1]][1] if best else None))
    known = {i.id for i in checklist.items}
    return ReviewSummary(checklist, record.vendor if record else None,
                         record.reviewer if record else None, lines,
                         [a for a in answers if a not in known])
