"""Everything a report shows, gathered once from the model and the core analysis.

Why a separate step: the PDF, the CSV, the Markdown and the JSON exports must tell the same
story. Risks come from the same pipeline the window and the CLI call
(``workbench.analysis.pipeline.analyze``, turned into rows by
``workbench.report.analysis_rows``); only the attack stage is optional: when it fails the
report says so in its method section rather than failing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from workbench.model.entities import ControlInstance
from workbench.model.enums import LAYER_ORDER, ControlStatus, ThreatStatus
from workbench.model.io import dumps_model
from workbench.model.threat_model import ThreatModel
from workbench.report.costs import Costs, Estimate, load_costs
from workbench.report.fonts import code_points, missing_glyphs
from workbench.report.riskcalc import (
    LEVELS,
    Risk,
    level_index,
)
from workbench.report.visible import visible_model

log = logging.getLogger(__name__)

CLOSED = {ThreatStatus.REJECTED.value, ThreatStatus.ORPHANED.value}
COST_UNITS = {"very_low": 0.5, "low": 1.0, "medium": 2.0, "moderate": 2.0, "high": 4.0,
              "very_high": 8.0, "$": 1.0, "$$": 2.0, "$$$": 4.0, "$$$$": 8.0}


@dataclass
class RiskRow:
    """One threat on one element, with the three risk values and the decision on it."""

    id: str
    catalog_id: str
    title: str
    element: str
    element_name: str
    layer: str
    stride: str
    status: str
    owner: str
    inherent: Risk
    residual: Risk
    projected: Risk
    impact: dict[str, int] = field(default_factory=dict)
    controls: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    patient_safety: bool = False
    many_patients: bool = False
    harm: str = ""
    #: Where the harm's French wording is filed (catalog id or ``role:ID``, harms-fr.json).
    harm_id: str = ""
    title_fr: str = ""
    planned_controls: list[str] = field(default_factory=list)  # control instance ids
    #: On an element the organisation does not own or operate: an assumption, not a risk
    #: to treat (listed in the register and exports, never counted or ranked).
    context: bool = False

    @property
    def open(self) -> bool:
        return self.status not in CLOSED and not self.context


@dataclass
class Reach:
    """The chance an attacker reaches a target by any path, as the attack engine found it:
    exact, or a Monte Carlo estimate with its 95 % (Wilson) interval."""

    probability: float
    low: float
    high: float
    exact: bool


@dataclass
class AttackPath:
    """One path. Its ``probability`` is exact: the product of its steps' chances
    (docs/attack-paths.md); ``reach`` is the attacker's chance to reach the target by any
    path, with its interval when estimated by simulation."""

    attacker: str
    target: str
    path: list[str]
    probability: float
    rank: int = 1
    truncated: bool = False
    reach: Reach | None = None


@dataclass
class Compromise:
    target: str
    probability: float
    ci_low: float | None
    ci_high: float | None
    method: str
    attacker: str = ""
    approximate: bool = False
    worlds: int = 0


@dataclass
class AttackResult:
    paths: list[AttackPath]
    compromise: list[Compromise]
    recommendations: list[dict[str, Any]]
    names: dict[str, str]  # attacker and target ids -> display names
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> kind, element


@dataclass
class PlanItem:
    """A control worth funding: how much risk it removes and what it costs."""

    id: str
    title: str
    status: str
    cost_label: str
    cost: float
    reduction: float
    elements: list[str]
    threats: int
    due: str = ""
    title_fr: str = ""
    estimate: Estimate | None = None  # person-days and money, from control-costs.json
    lowered: int = 0  # open risks this control helps bring down at least one level
    out_of_high: int = 0  # of those, risks leaving high or critical

    @property
    def buys_reduction(self) -> bool:
        """False for a control that lowers no measured risk: it is not put to a board."""
        return self.reduction > 0 or self.lowered > 0

    def label(self, lang: str) -> str:
        return self.title_fr if lang == "fr" and self.title_fr else self.title

    @property
    def per_cost(self) -> float:
        return self.reduction / self.cost if self.cost else self.reduction


@dataclass
class ReportData:
    model: ThreatModel
    fingerprint: str
    fingerprint_is_file: bool
    risks: list[RiskRow]
    paths: list[AttackPath]
    compromise: list[Compromise]
    plan: list[PlanItem]
    risk_source: str  # "pipeline" | "builtin"
    attack_source: str  # "engine" | "none"
    notes: list[str] = field(default_factory=list)
    catalog_titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    suggested: list[PlanItem] = field(default_factory=list)  # catalog controls not in model
    recommendations: list[dict[str, Any]] = field(default_factory=list)  # attack engine
    attack_names: dict[str, str] = field(default_factory=dict)
    target_info: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> kind, element
    matrix_warnings: list[str] = field(default_factory=list)  # Cox (2008) checks
    changes: Any = None  # workbench.analysis.diff.ModelDiff against an earlier version
    changes_label: str = ""  # how the earlier version is named ("review-v1.twm.json")
    costs: Costs | None = None  # cost ranges in force (shipped data + organisation settings)
    #: The core analysis the rows come from (workbench.analysis.pipeline.AnalysisResult):
    #: rankings come from it (workbench.analysis.ranking), as in the window and the CLI.
    analysis: Any = None

    def funded_plan(self) -> tuple[list[PlanItem], bool]:
        """What the board is asked to fund: planned controls that lower a measured risk,
        else (no plan in the model) the catalog's suggestions; True when suggested."""
        planned = [item for item in self.plan if item.status == ControlStatus.PLANNED.value
                   and item.buys_reduction]
        if planned or any(item.status == ControlStatus.PLANNED.value for item in self.plan):
            return planned, False
        return [item for item in self.suggested if item.buys_reduction], True

    def level_counts(self, which: str) -> dict[str, int]:
        """Open risks per level, ``which`` in inherent | residual | projected."""
        counts = dict.fromkeys(LEVELS, 0)
        for row in self.risks:
            if row.open:
                level = getattr(row, which).level
                if level in counts:
                    counts[level] += 1
        return counts

    def top_paths(self, count: int = 3) -> list[AttackPath]:
        """The most likely paths, one per attacker and target, no two alike."""
        chosen: list[AttackPath] = []
        pairs: set[tuple[str, str]] = set()
        seen: set[tuple[str, ...]] = set()
        # Multi-step paths first: they show how an attack travels; one-step ones (an
        # attacker already on the target) still come after.
        for path in sorted(self.paths, key=lambda p: (len(p.path) < 2, -p.probability)):
            key = (path.attacker, path.target)
            if key in pairs or tuple(path.path) in seen:
                continue
            pairs.add(key)
            seen.add(tuple(path.path))
            chosen.append(path)
            if len(chosen) == count:
                break
        return chosen

    def names(self) -> dict[str, str]:
        """Display name of every component and flow (computed once per report)."""
        cached = self.__dict__.get("_names")
        if cached is not None:
            return cached
        names = {c.id: c.name for c in self.model.components}
        for flow in self.model.flows:
            names[flow.id] = flow.name or (
                f"{names.get(flow.source, flow.source)} → {names.get(flow.target, flow.target)}")
        self.__dict__["_names"] = names
        return names

    def element_levels(self) -> dict[str, int]:
        """Highest current (residual) level index per element, for the diagram colours."""
        levels: dict[str, int] = {}
        for row in self.risks:
            if row.open:
                levels[row.element] = max(levels.get(row.element, -1), level_index(row.residual))
        return levels

    def register_order(self) -> list[RiskRow]:
        """Open risks first, highest residual then inherent first; closed ones at the end."""
        return sorted(self.risks, key=lambda r: (not r.open, -r.residual.score,
                                                 -r.inherent.score, r.id))

    def top_groups(self, count: int = 5) -> list[TopRisk]:
        """The board's distinct risks: the first ``count`` groups of the core's ranking.

        ``workbench.analysis.ranking.grouped_ranking`` is the ranking the CLI (``analyze
        --json``'s ``ranking``), the window's grouped list and the workshop show: one group
        per catalog threat across the elements it stands on, ranked by residual risk, then
        patient safety, direct and fleet-wide harm, reach. The board shows the same groups
        in the same order (``tests/report/test_board_ranking.py``), never a selection of
        its own.
        """
        if self.analysis is None:
            return []
        from workbench.analysis.ranking import grouped_ranking

        by_id = {row.id: row for row in self.risks}
        out: list[TopRisk] = []
        for group in grouped_ranking(self.analysis):
            copies = [by_id[t.instance.id] for t in group.threats if t.instance.id in by_id]
            if copies:
                out.append(TopRisk(group.catalog_id, copies))
            if len(out) == count:
                break
        return out

    def top_risks(self, count: int = 5) -> list[RiskRow]:
        """The worst copy of each of the board's distinct risks (:meth:`top_groups`)."""
        return [top.row for top in self.top_groups(count)]


@dataclass
class TopRisk:
    """One distinct threat on the board: its copies on every element, worst first."""

    catalog_id: str
    copies: list[RiskRow]

    @property
    def row(self) -> RiskRow:
        """The worst copy: its element is named, its level is the threat's level today."""
        return self.copies[0]

    @property
    def projected(self) -> Risk:
        """Where the threat stands after the plan: its worst copy after the plan (a
        threat is not "down a level" while one of its copies stays where it was)."""
        return max((row.projected for row in self.copies), key=lambda r: r.score)

    @property
    def elements(self) -> list[str]:
        """Names of the elements it stands on, worst copy first, each once."""
        return list(dict.fromkeys(row.element_name for row in self.copies))


def fingerprint(model: ThreatModel, raw: bytes | None) -> tuple[str, bool]:
    """SHA-256 of the file bytes when known, else of the canonical text."""
    if raw is not None:
        return hashlib.sha256(raw).hexdigest(), True
    return hashlib.sha256(dumps_model(model).encode("utf-8")).hexdigest(), False


def gather(model: ThreatModel, raw: bytes | None = None, *, use_engines: bool = True,
           attack_top: int = 5, recommend: bool = True,
           costs: Costs | None = None) -> ReportData:
    """Collect risks, attack paths and the control plan for one model.

    ``recommend`` runs the attack engine's "fund first" search, the slowest optional stage
    (time-boxed at 1.5 s); only the technical report shows it.
    """
    from workbench.analysis.pipeline import analyze
    from workbench.report import analysis_rows as core

    digest, is_file = fingerprint(model, raw)
    notes: list[str] = []
    model, escaped = visible_model(model)  # control characters as escapes, never boxes
    if escaped:
        notes.append(f"{escaped} text field(s) of the model hold control or invisible "
                     "characters: the report shows them as escapes such as \\x07 or "
                     "\\u202e (docs/reports.md)")
    # One risk model for every client: the pipeline the window and the CLI call. Without
    # ``use_engines`` the recorded threats are scored as `workbench analyze --no-suggest
    # --no-attack` scores them (no rule suggestions, no attack stage).
    result = analyze(model, suggest=use_engines)
    model = result.model
    notes += [str(w) for w in result.warnings]
    risks = core.risk_rows(result)
    catalog_titles = core.catalog_titles(result.catalog)
    suggested = core.catalog_suggestions(result, risks)
    source = "pipeline"
    attack = core.attack_result(result, notes, attack_top, recommend) if use_engines else None
    cox = core.cox_warnings(result.scales)
    missing = missing_glyphs(model_texts(model))
    if missing:
        notes.insert(0, f"the report font has no glyph for {code_points(missing)}: these "
                        "characters print as empty boxes (rename, or see docs/reports.md)")
    costs = costs or load_costs()
    plan = control_plan(model, risks, catalog_titles, costs)
    for item in suggested:
        item.estimate = item.estimate or costs.estimate(ControlInstance(
            id="suggested", catalog_id=item.id, title=item.title, elements=item.elements,
            cost=item.cost_label or None))
    return ReportData(
        model=model, fingerprint=digest, fingerprint_is_file=is_file, risks=risks,
        paths=attack.paths if attack else [], compromise=attack.compromise if attack else [],
        plan=plan, risk_source=source, attack_source="engine" if attack else "none",
        notes=notes, catalog_titles=catalog_titles, suggested=suggested,
        recommendations=attack.recommendations if attack else [],
        attack_names=attack.names if attack else {},
        target_info=attack.targets if attack else {},
        matrix_warnings=cox, costs=costs, analysis=result)


def model_texts(model: ThreatModel) -> list[str]:
    """The strings of a model a report prints (names, titles, descriptions)."""
    meta = model.metadata
    texts = [meta.title, meta.system or "", meta.owner or "", *meta.authors,
             meta.description or "", meta.scope or ""]
    for collection in (model.components, model.flows, model.zones, model.data_assets,
                       model.controls, model.threats):
        for item in collection:
            for attr in ("name", "title", "description", "protocol", "reason", "comment"):
                value = getattr(item, attr, None)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def cost_units(label: str | None) -> float:
    """Cost class to relative units: low 1, medium 2, high 4; numbers are taken as given."""
    if not label:
        return 2.0
    text = label.strip().lower().replace(" ", "_").replace("-", "_")
    if text in COST_UNITS:
        return COST_UNITS[text]
    try:
        return max(float(text.replace(",", ".")), 0.01)
    except ValueError:
        return 2.0


def control_plan(model: ThreatModel, risks: list[RiskRow],
                 catalog_titles: dict[str, tuple[str, str]] | None = None,
                 costs: Costs | None = None) -> list[PlanItem]:
    """Controls not yet in place, ordered by the residual risk they would remove per cost.

    A control's reduction is the sum, over the open threats it acts on, of the score the
    threat loses between current and projected risk, shared equally among the planned
    controls of that threat. ``lowered`` counts the risks whose level drops with the plan
    among those the control acts on (a board's unit: "4 risks down a level, 2 out of high").
    """
    reduction: dict[str, float] = {}
    covered: dict[str, int] = {}
    lowered: dict[str, int] = {}
    out_of_high: dict[str, int] = {}
    serious = {"high", "critical"}
    for row in risks:
        if not row.open or not row.planned_controls:
            continue
        gain = max(row.residual.score - row.projected.score, 0) / len(row.planned_controls)
        drops = level_index(row.projected) < level_index(row.residual)
        leaves = row.residual.level in serious and row.projected.level not in serious
        for control in row.planned_controls:
            reduction[control] = reduction.get(control, 0.0) + gain
            covered[control] = covered.get(control, 0) + 1
            lowered[control] = lowered.get(control, 0) + drops
            out_of_high[control] = out_of_high.get(control, 0) + leaves
    items = []
    for control in model.controls:
        if control.status != ControlStatus.PLANNED and control.id not in reduction:
            continue
        cost = control.cost or _catalog_cost(control.catalog_id)
        items.append(PlanItem(
            id=control.id, title=control.title, status=control.status.value,
            title_fr=_catalog_title(catalog_titles, control.catalog_id)[1],
            cost_label=cost or "", cost=cost_units(cost),
            reduction=round(reduction.get(control.id, 0.0), 2), elements=list(control.elements),
            threats=covered.get(control.id, 0),
            due=control.due.isoformat() if control.due else "",
            estimate=costs.estimate(control) if costs else None,
            lowered=lowered.get(control.id, 0), out_of_high=out_of_high.get(control.id, 0)))
    items.sort(key=lambda p: (-p.per_cost, -p.reduction, p.id))
    return items


def _catalog_title(titles: dict[str, tuple[str, str]] | None,
                   catalog_id: str | None) -> tuple[str, str]:
    """Catalog (English, French) titles of a control id, plain or namespaced."""
    if not titles or not catalog_id:
        return "", ""
    return titles.get(catalog_id) or titles.get(catalog_id.split(":", 1)[-1]) or ("", "")


def _catalog_cost(catalog_id: str | None) -> str | None:
    from workbench.report.analysis_rows import catalog_cost

    return catalog_cost(catalog_id)


def layer_rank(layer: str) -> int:
    values = [layer_.value for layer_ in LAYER_ORDER]
    return values.index(layer) if layer in values else len(values)


def as_mapping(obj: Any) -> dict[str, Any]:
    """Dict view of an engine result that may be a dict, a dataclass or a pydantic model."""
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "model_dump"):
        return obj.model_dump()
    if hasattr(obj, "__dataclass_fields__"):
        return {name: getattr(obj, name) for name in obj.__dataclass_fields__}
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


__all__ = ["AttackPath", "Compromise", "Reach", "LEVELS", "PlanItem", "ReportData", "RiskRow",
           "TopRisk",
           "as_mapping", "control_plan", "cost_units", "gather", "layer_rank"]
