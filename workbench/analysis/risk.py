"""Risk model: likelihood, impact per category, and inherent / current / projected risk.

The formulas are explained in plain words in ``docs/risk-model.md``; keep the two in step.
Scales come from the model (``model.risk``): the default is the EBIOS-style 4 x 4, the
built-in alternative the ISO 27005 / NIST SP 800-30 style 5 x 5
(:func:`workbench.model.defaults.risk_settings_5x5`). Catalog levels are written on a
reference 1-4 scale and mapped onto whatever scale the model uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from workbench.analysis.catalog import (
    Catalog,
    ControlType,
    LikelihoodAdjustment,
    ThreatType,
    default_catalog,
)
from workbench.model.defaults import IMPACT_CATEGORIES, default_risk_settings
from workbench.model.entities import Component, ControlInstance, DataAsset, Flow, ThreatInstance
from workbench.model.enums import ControlStatus, Layer, Scope, Stride, ThreatStatus
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

#: Impact categories used when a model defines none (built once, not per threat).
DEFAULT_CATEGORY_IDS: list[str] = [cat_id for cat_id, _, _ in IMPACT_CATEGORIES]

#: Effectiveness of an organisation's own control that names no catalog type and no value.
DEFAULT_EFFECTIVENESS = 0.3
#: Statuses whose risk is not counted in totals (the analyst ruled the threat out).
NOT_COUNTED = {ThreatStatus.REJECTED, ThreatStatus.ORPHANED}
_STATUS_RANK = {ControlStatus.PLANNED: 0, ControlStatus.IMPLEMENTED: 1,
                ControlStatus.VERIFIED: 2}
#: Which security property of a data asset each STRIDE category attacks.
_NEED_BY_STRIDE = {Stride.SPOOFING: ("integrity",), Stride.TAMPERING: ("integrity",),
                   Stride.REPUDIATION: ("integrity",),
                   Stride.INFORMATION_DISCLOSURE: ("confidentiality",),
                   Stride.DENIAL_OF_SERVICE: ("availability",),
                   Stride.ELEVATION_OF_PRIVILEGE: ("confidentiality", "integrity")}
#: Which impact categories a breach of each security property raises. A confidentiality
#: breach costs in law, compliance and image; an integrity or availability breach of care
#: data costs in decisions, care and safety.
_NEED_CATEGORIES = {"confidentiality": frozenset({"legal", "compliance", "image"}),
                    "integrity": frozenset({"decision_making", "patient_safety",
                                            "care_delivery"}),
                    "availability": frozenset({"care_delivery", "patient_safety"})}


@dataclass(frozen=True)
class RiskLevel:
    id: str
    name: str
    colour: str
    max_fraction: float  # upper bound of likelihood x severity / (max x max)


#: Same bounds as the report's matrix; on 4 x 4: 1-2 low, 3-4 moderate, 6-9 high, 12-16 critical.
DEFAULT_RISK_LEVELS = (
    RiskLevel("low", "Low", "#abd9e9", 0.125),
    RiskLevel("moderate", "Moderate", "#ffffbf", 0.25),
    RiskLevel("high", "High", "#fdae61", 0.5625),
    RiskLevel("critical", "Critical", "#d7191c", 1.0),
)


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


@dataclass(frozen=True)
class Scales:
    """The model's likelihood and severity values (sorted) and its risk levels."""

    likelihood: tuple[int, ...]
    severity: tuple[int, ...]
    levels: tuple[RiskLevel, ...] = DEFAULT_RISK_LEVELS

    @classmethod
    def of(cls, model: ThreatModel) -> Scales:
        settings = model.risk
        if not settings.likelihood_levels or not settings.severity_levels:
            settings = default_risk_settings()
        lik = tuple(sorted({s.value for s in settings.likelihood_levels if s.value > 0}))
        sev = tuple(sorted({s.value for s in settings.severity_levels if s.value > 0}))
        return cls(lik or (1, 2, 3, 4), sev or (1, 2, 3, 4), _levels(model.risk.options))

    @property
    def l_max(self) -> int:
        return self.likelihood[-1]

    @property
    def s_max(self) -> int:
        return self.severity[-1]

    def from_reference(self, ref: int, values: tuple[int, ...]) -> int:
        """Map a level on the reference 1-4 scale onto ``values`` (same relative place)."""
        ref = min(4, max(1, ref))
        return values[_round_half_up((ref - 1) * (len(values) - 1) / 3)]

    def clamp(self, value: int, values: tuple[int, ...]) -> int:
        """The nearest level of ``values`` at or below ``value`` (the lowest if below all)."""
        below = [v for v in values if v <= value]
        return below[-1] if below else values[0]

    def shift(self, value: int, steps: int, values: tuple[int, ...]) -> int:
        pos = values.index(self.clamp(value, values))
        return values[min(len(values) - 1, max(0, pos + steps))]

    def reduce(self, value: int, factor: float, values: tuple[int, ...]) -> int:
        """Scale the position of ``value`` on its scale by ``factor``; never below the lowest."""
        pos = values.index(self.clamp(value, values)) + 1
        return values[max(1, _round_half_up(pos * factor)) - 1]

    def level(self, likelihood: int, severity: int) -> RiskLevel:
        fraction = likelihood * severity / (self.l_max * self.s_max)
        for lvl in self.levels:
            if fraction <= lvl.max_fraction + 1e-9:
                return lvl
        return self.levels[-1]


def _levels(options: dict[str, Any]) -> tuple[RiskLevel, ...]:
    """Risk levels from ``model.risk.options["risk_levels"]`` when given and well formed."""
    raw = options.get("risk_levels")
    if not isinstance(raw, list) or not raw:
        return DEFAULT_RISK_LEVELS
    try:
        levels = tuple(RiskLevel(str(r["id"]), str(r["name"]), str(r["colour"]),
                                 float(r["max_fraction"])) for r in raw)
    except (KeyError, TypeError, ValueError):
        return DEFAULT_RISK_LEVELS
    return tuple(sorted(levels, key=lambda r: r.max_fraction))


@dataclass(frozen=True)
class RiskValue:
    likelihood: int
    severity: int
    score: int
    level: str
    level_name: str
    colour: str

    def to_json(self) -> dict[str, Any]:
        return {"likelihood": self.likelihood, "severity": self.severity, "score": self.score,
                "level": self.level, "level_name": self.level_name, "colour": self.colour}


@dataclass(frozen=True)
class AppliedControl:
    """One control acting on one threat instance, with the status of that link."""

    control: str  # id of the ControlInstance in the model
    catalog_id: str | None
    title: str
    status: ControlStatus
    effectiveness: float
    reduces: str
    evidence: str | None
    implicit: bool  # True: applied to the element, not linked explicitly

    @property
    def in_place(self) -> bool:
        return self.status in (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.control, "catalog_id": self.catalog_id, "title": self.title,
                "status": self.status.value, "effectiveness": self.effectiveness,
                "reduces": self.reduces, "evidence": self.evidence, "implicit": self.implicit}


@dataclass(slots=True)
class ThreatRisk:
    """The risk of one threat instance, with the reasons behind each number.

    Slotted: an analysis holds one per threat instance (136,000 at 10,000 elements)
    until its output is written, and slots take less memory per risk than an
    instance dictionary; a risk has exactly these fields."""

    instance: ThreatInstance
    threat_type: ThreatType | None
    layer: str
    likelihood: int
    likelihood_reasons: list[str]
    impact: dict[str, int]
    impact_reasons: dict[str, str]
    inherent: RiskValue
    current: RiskValue
    projected: RiskValue
    controls: list[AppliedControl] = field(default_factory=list)
    cvss: dict[str, Any] | None = None
    #: Likelihood before exposure (catalog + adjustments, or the analyst's value): how
    #: likely the threat is to work once an attacker can attempt it. The attack engine's
    #: step chances use it; ``likelihood`` adds exposure on top.
    base_likelihood: int | None = None
    #: The base likelihood without the adjustments that only say who can reach the
    #: element (``reach``: internet exposure): the attack graph's step chance. The graph
    #: models reach with its own edges, so counting it in the step would count it twice.
    step_likelihood: int | None = None
    #: The element is context (not owned or operated by the organisation): an assumption.
    context: bool = False
    #: The most exposed attacker's chance to attempt an attack on the element (None: not
    #: computed, or a vector exposure does not bear on), and who that attacker is.
    exposure: float | None = None
    exposure_attacker: str | None = None
    #: The attack acts on a safety-critical function itself (the device performing it, or
    #: the commands it acts on), not on data a clinician reads: ranks first among equals.
    direct_harm: bool = False
    #: A likelihood adjustment marked ``finding`` holds: the model declares the very
    #: weakness this threat exploits (records on the web with no login, a pump taking
    #: commands from anyone). Ranked first among equals.
    finding: bool = False
    #: One attack reaches many patients at once (the catalog's ``mass_harm``, or the
    #: element is reached as a fleet: see :func:`judge_fleet_and_directness`).
    mass_harm: bool = False
    mass_harm_reason: str = ""
    #: How directly the attack harms a patient, for ranking among equals: 0 on the
    #: device that treats or keeps the patient alive (a patient-safety target), 1 on
    #: another safety function or on the commands to one, 2 through data (or no harm).
    harm_distance: int = 2
    #: The harm on this element, in the catalog's words when the element has the role
    #: they presume, else from what it does and carries (``analysis/harm.py``), and the
    #: id its translation is filed under (the catalog id, or ``role:ID``).
    harm: str = ""
    harm_id: str = ""

    @property
    def key(self) -> str:
        return self.instance.key

    @property
    def counted(self) -> bool:
        """Not ruled out by the analyst (the attack engine still uses context threats)."""
        return self.instance.status not in NOT_COUNTED

    @property
    def patient_safety(self) -> bool:
        """A patient-safety threat: the catalog says so, or (an analyst's own threat)
        patient safety is its worst impact category, above the lowest level."""
        if self.threat_type is not None:
            return self.threat_type.patient_safety
        return self.impact.get("patient_safety", 0) >= max(self.impact.values(), default=1) > 1

    @property
    def ranked(self) -> bool:
        """Counted and in scope: a risk to treat, shown in totals, rankings and heatmaps."""
        # :attr:`counted` inlined: the plan reads this once per risk and step
        return self.instance.status not in NOT_COUNTED and not self.context

    @property
    def severity(self) -> int:
        return self.inherent.severity


class ModelIndex:
    """Lookups built once per assessment, so scoring n threats stays linear in model size."""

    def __init__(self, model: ThreatModel, stencils: StencilLibrary | None = None):
        self.model = model
        self.components = model.components_by_id()
        self.flows = {f.id: f for f in model.flows}
        self.controls = {c.id: c for c in model.controls}
        self.controls_on: dict[str, list[ControlInstance]] = {}
        for ctl in model.controls:
            for element_id in dict.fromkeys(ctl.elements):
                self.controls_on.setdefault(element_id, []).append(ctl)
        for element_id, ctl in _on_every_way_in(model, self.controls_on):
            self.controls_on.setdefault(element_id, []).append(ctl)
        assets = model.assets_by_id()
        # only elements with some data at stake are filed (read them with ``.get(id, [])``):
        # a large model's many elements without any cost nothing here
        ids: dict[str, list[str]] = {c.id: list(c.properties.data_assets)
                                     for c in model.components if c.properties.data_assets}
        for flow in model.flows:
            if not flow.data_assets:
                ids.pop(flow.id, None)
                continue
            ids[flow.id] = list(flow.data_assets)
            for end in dict.fromkeys([flow.source, flow.target, *flow.via]):
                ids.setdefault(end, []).extend(flow.data_assets)
        self.assets = {e: found for e, v in ids.items()
                       if (found := [assets[a] for a in dict.fromkeys(v) if a in assets])}
        #: What each component itself stores (a physical attack takes the device, not
        #: what flows through it); filed only when it stores something.
        self.own_assets = {
            c.id: found for c in model.components if c.properties.data_assets
            and (found := [assets[a] for a in dict.fromkeys(c.properties.data_assets)
                           if a in assets])}
        self._holding: dict[str, list[LikelihoodAdjustment]] = {}
        self.stencils = stencils or default_stencils()
        patient_targets = {t.element for t in model.targets if t.kind == "patient_safety"}
        #: Safety-critical function of each component: its own, else its stencil's
        #: (a bare infusion pump still doses drugs), else "patient-safety target" when
        #: the analyst declared one on it.
        self.safety: dict[str, str] = {}
        for comp in model.components:
            stencil = self.stencils.get(comp.stencil)
            fn = comp.properties.safety_critical_function or (
                stencil.defaults.safety_critical_function if stencil else None)
            if not fn and comp.id in patient_targets:
                fn = "declared patient-safety target"
            if fn:
                self.safety[comp.id] = fn
        #: Components that send to a safety-critical component, or carry what is sent to
        #: one (a network in the flow's ``via``): what they deliver, the device acts on.
        self.carries_to_safety: dict[str, str] = {}
        for flow in model.flows:
            pairs = [(flow.source, flow.target)]
            if flow.bidirectional:
                pairs.append((flow.target, flow.source))
            for sender, receiver in pairs:
                fn = self.safety.get(receiver)
                if fn:
                    for element in (sender, *flow.via):
                        if element != receiver:
                            self.carries_to_safety.setdefault(element, fn)
        #: each component's :func:`element_scope`, its stencil's default asked once
        self.scope: dict[str, Scope] = {}
        defaults: dict[str, Scope] = {}
        for comp in model.components:
            scope = comp.properties.scope
            if scope is None:
                scope = defaults.get(comp.stencil)
                if scope is None:
                    scope = defaults[comp.stencil] = _stencil_scope(comp.stencil, self.stencils)
            self.scope[comp.id] = scope
        #: Components that serve one person at a time (stencil tag ``single_user``: a
        #: patient's device or phone, a home hub, one clinician's workstation): what an
        #: attack on one of them takes or stops is that one person's data or work.
        #: each component's stencil tags (``harm.HarmIndex`` reads them too)
        self.tags = _stencil_tags(model, self.stencils)
        self.single_user = {cid for cid, t in self.tags.items() if SINGLE_USER_TAG in t}

    def adjustments_holding(self, element_id: str, catalog: Catalog,
                            index: FactIndex) -> list[LikelihoodAdjustment]:
        """Adjustments whose condition holds on the element, evaluated once per element."""
        if element_id not in self._holding:
            comp = self.components.get(element_id)
            flow = None if comp else self.flows.get(element_id)
            if comp is None and flow is None:
                return []
            kind = "component" if comp else "flow"
            facts = index.component(comp) if comp else index.flow(flow)  # type: ignore[arg-type]
            self._holding[element_id] = [a for a in catalog.adjustments
                                         if a.applies_to == kind and a.when.evaluate(facts)]
        return self._holding[element_id]

    def element(self, element_id: str) -> Component | Flow | None:
        return self.components.get(element_id) or self.flows.get(element_id)


def _on_every_way_in(model: ThreatModel, controls_on: dict[str, list[ControlInstance]]
                     ) -> list[tuple[str, ControlInstance]]:
    """(component, control) for each catalog control type put on *every* flow into a
    component (a bidirectional flow enters both ends) and not on the component itself.

    Why: a control on the only ways in acts on the element behind them. Authenticating
    the pump's radio link (the control put on its flows) makes a forged therapy change on
    the pump as unlikely as the control on the pump would; before, the pump's threat kept
    "near certain" while its only link authenticated every command. The control acts on
    the component's threats it answers (``applied_controls``), with the weakest status
    among the flows' instances (planned on one flow: projected only), and only when every
    way in has it: one open flow leaves the threat as it was. docs/risk-model.md,
    "Controls on every way in".
    """
    ways: dict[str, list[str]] = {}
    for flow in model.flows:
        ways.setdefault(flow.target, []).append(flow.id)
        if flow.bidirectional:
            ways.setdefault(flow.source, []).append(flow.id)
    rank = {ControlStatus.PLANNED: 0, ControlStatus.IMPLEMENTED: 1, ControlStatus.VERIFIED: 2}
    out: list[tuple[str, ControlInstance]] = []
    # a way in without any control leaves nothing common to all: skip those elements
    # before the sort (most of a large model's elements, and all when no flow has one)
    closed = [e for e, flows in ways.items() if all(f in controls_on for f in flows)]
    for element_id in sorted(closed):
        flows = list(dict.fromkeys(ways[element_id]))
        own = {c.catalog_id for c in controls_on.get(element_id, []) if c.catalog_id}
        per_flow = [{c.catalog_id: c for c in controls_on.get(f, []) if c.catalog_id}
                    for f in flows]
        common = set(per_flow[0]).intersection(*per_flow[1:]) - own
        for type_id in sorted(common):
            weakest = min((m[type_id] for m in per_flow), key=lambda c: (rank[c.status], c.id))
            out.append((element_id, weakest))
    return out


def _stencil_scope(stencil_id: str, stencils: StencilLibrary) -> Scope:
    """The scope of a component that sets none (:func:`element_scope`)."""
    stencil = stencils.get(stencil_id)
    if stencil is not None and stencil.defaults.scope is not None:
        return stencil.defaults.scope
    return Scope.ORGANISATION


def element_scope(component: Component, stencils: StencilLibrary | None = None) -> Scope:
    """The component's scope: its own value, else its stencil's default, else organisation."""
    if component.properties.scope is not None:
        return component.properties.scope
    return _stencil_scope(component.stencil, stencils or default_stencils())


def is_context(ix: ModelIndex, element_id: str) -> bool:
    """Whether a threat on this element is context (an assumption), not a risk to treat.

    Components follow their scope; a flow is the organisation's when either end is (it
    carries the organisation's data), context only when both ends are context.
    """
    if element_id in ix.scope:
        return ix.scope[element_id] == Scope.CONTEXT
    flow = ix.flows.get(element_id)
    if flow is None:
        return False
    return all(ix.scope.get(end) == Scope.CONTEXT for end in (flow.source, flow.target))


def element_layer(model: ThreatModel, element_id: str, ix: ModelIndex | None = None) -> str:
    """Layer of a component; a flow belongs to the network layer."""
    comp = ix.components.get(element_id) if ix else model.component(element_id)
    return comp.layer.value if comp else Layer.NETWORK.value


def _assets_for(ix: ModelIndex, element: Component | Flow | None) -> list[DataAsset]:
    """Data a threat on ``element`` puts at stake: its own and what flows through it."""
    return [] if element is None else ix.assets.get(element.id, [])


def _safety_function(ix: ModelIndex, element: Component | Flow | None) -> str | None:
    """The safety function an attack on ``element`` can act on directly, if any.

    A component performing one; a flow delivering to a component performing one (its
    target, or either end of a two-way flow); the sender of such a flow and a network
    carrying it.
    """
    role = safety_role(ix, element)
    return role[1] if role else None


def safety_role(ix: ModelIndex, element: Component | Flow | None
                ) -> tuple[str, str] | None:
    """("performs", function) or ("delivers", function) or None (see docs/risk-model.md)."""
    if isinstance(element, Component):
        fn = ix.safety.get(element.id)
        if fn:
            return "performs", fn
        fn = ix.carries_to_safety.get(element.id)
        return ("delivers", fn) if fn else None
    if isinstance(element, Flow):
        fn = ix.safety.get(element.target) or (
            ix.safety.get(element.source) if element.bidirectional else None)
        return ("delivers", fn) if fn else None
    return None


#: Stencil tag of an element serving one person at a time (docs/risk-model.md, "One
#: person at a time").
SINGLE_USER_TAG = "single_user"

#: Beginnings of the patient-safety reasons given when an attack acts on the function.
DIRECT_HARM_REASONS = ("acts on the safety-critical function",
                       "can alter commands to the safety-critical function")
#: STRIDE categories that act on what a device does (integrity of its commands or code).
_ACTING = frozenset({Stride.SPOOFING, Stride.TAMPERING, Stride.ELEVATION_OF_PRIVILEGE})


def derive_impact(model: ThreatModel, inst: ThreatInstance, threat: ThreatType | None,
                  scales: Scales, ix: ModelIndex | None = None, *, memo: bool = True
                  ) -> tuple[dict[str, int], dict[str, str]]:
    """Impact per category and a short reason for each value (:func:`_derived_impact`),
    then the analyst's own values over them.

    With ``memo`` the derived part is worked out once per distinct input on ``ix``: a
    model's many scorings share a few threat types, asset lists and clinical roles (a
    thousand-element model's 713 scorings have 146 distinct inputs). ``memo=False``
    derives it afresh, the reference the memo is tested against."""
    ix = ix or ModelIndex(model)
    if memo:
        derived, derived_reasons = _impact_memoised(model, inst, threat, scales, ix)
        impact, reasons = dict(derived), dict(derived_reasons)
    else:
        impact, reasons = _derived_impact(model, inst, threat, scales, ix)
    if inst.impact:
        sev = scales.severity
        for cat, level in inst.impact.items():
            impact[cat] = scales.clamp(level, sev) if level > 0 else 0
            reasons[cat] = "set by analyst"
    return impact, reasons


def _impact_memoised(model: ThreatModel, inst: ThreatInstance, threat: ThreatType | None,
                     scales: Scales, ix: ModelIndex
                     ) -> tuple[dict[str, int], dict[str, str]]:
    """:func:`_derived_impact` filed on ``ix`` under what it reads: the threat type (or
    the instance's STRIDE without one), the assets at stake (by identity: ``ix`` holds
    them), the element's clinical role, whether it serves one person, the categories and
    the scales. The filed dicts are never handed out (the caller copies them)."""
    memos: dict[int, tuple[Scales, dict]] = vars(ix).setdefault("_impact_memo", {})
    filed = memos.get(id(scales))
    if filed is None or filed[0] is not scales:
        filed = memos[id(scales)] = (scales, {})
    element = ix.element(inst.element)
    assets = _impact_assets(ix, element, threat)
    key = (id(threat), None if threat is not None else tuple(inst.stride),
           tuple(map(id, assets)), safety_role(ix, element),
           element is not None and element.id in ix.single_user,
           tuple(c.id for c in model.risk.impact_categories))
    found = filed[1].get(key)
    if found is None:
        # the threat type held with the result, so that its id stays its own
        found = filed[1][key] = (threat, *_derived_impact(model, inst, threat, scales, ix))
    return found[1], found[2]


def _impact_assets(ix: ModelIndex, element: Component | Flow | None,
                   threat: ThreatType | None) -> list[DataAsset]:
    """The assets whose ratings the impact reads: what is at stake on the element, or
    only what a component stores itself for a one-at-a-time (physical) attack."""
    if threat is not None and threat.vector in ONE_AT_A_TIME and isinstance(element, Component):
        return ix.own_assets.get(element.id, [])
    return _assets_for(ix, element)


def _derived_impact(model: ThreatModel, inst: ThreatInstance, threat: ThreatType | None,
                    scales: Scales, ix: ModelIndex
                    ) -> tuple[dict[str, int], dict[str, str]]:
    """Impact per category and a short reason for each value (see docs/risk-model.md),
    before the analyst's own values.

    Severity follows what the element does and carries, never its layer:

    * an asset's rating for a category is what a breach of that asset costs at worst; the
      threat breaches only some of its properties, so the rating is capped by the asset's
      need for the property attacked (a denial of service on therapy settings whose
      availability need is 2 costs at most 2);
    * patient safety reaches the top of the scale only where the attack acts on a
      safety-critical function: on the device performing it (any attack that stops or
      subverts it), or on what delivers commands to it (spoofing, tampering, elevation);
      denial of service on what delivers to the device is one step below (the device keeps
      its last settings); data that reaches the patient through a clinician (records,
      monitoring, alerts on a platform) is one step below the top at most.
    """
    element = ix.element(inst.element)
    assets = _impact_assets(ix, element, threat)
    sev = scales.severity
    top = sev[-1]
    below_top = sev[-2] if len(sev) > 1 else top
    known = [c.id for c in model.risk.impact_categories] or DEFAULT_CATEGORY_IDS
    # An analyst's own threat (no catalog type) may hit any category: those its element's
    # data or clinical role gives a value are kept, the others left out.
    cats = [c for c in (threat.impacts if threat else known) if c in known]
    base_ref = threat.base_severity if threat else 2
    stride = {Stride(s) for s in (threat.stride if threat else inst.stride)}
    needs = sorted({n for s in stride for n in _NEED_BY_STRIDE.get(s, ())})
    role = safety_role(ix, element)
    one_person = element is not None and element.id in ix.single_user
    impact: dict[str, int] = {}
    reasons: dict[str, str] = {}
    for cat in cats:
        # What the element's data says beats the catalog's typical value: an asset's own
        # rating for the category (capped by its need for the property attacked), else
        # the need of the property the threat attacks when that property costs in cat.
        value, why = 0, ""
        for asset in assets:
            need, need_name = max(((getattr(asset, n), n) for n in needs), default=(0, ""))
            if cat in asset.impact:
                level = asset.impact[cat]
                source = f"rated {level} on {asset.name}"
                if needs and need < level:
                    level = need
                    source += f", capped by its {need_name} need {need}"
            else:
                level, source = max(((getattr(asset, n), f"{n} need of {asset.name}")
                                     for n in needs if cat in _NEED_CATEGORIES[n]),
                                    default=(0, ""))
            if level > 0 and scales.clamp(level, sev) > value:
                value, why = scales.clamp(level, sev), source
        if not value and threat is not None:
            value, why = scales.from_reference(base_ref, sev), "catalog default"
        if cat == "patient_safety":
            value, why = _patient_safety(value, why, threat, stride, role, top, below_top)
        elif (threat is not None and threat.vector in ONE_AT_A_TIME and not threat.mass_harm
              and value > below_top):
            value, why = below_top, (f"{why}; one step below the top: a {threat.vector} "
                                     "attack takes one device's data at a time")
        elif one_person and value > below_top:
            value, why = below_top, (f"{why}; one step below the top: it serves one person, "
                                     "so an attack on it takes or stops one person's data or "
                                     "work")
        if not value:
            continue
        impact[cat] = value
        reasons[cat] = why
    return impact, reasons


def _patient_safety(value: int, why: str, threat: ThreatType | None, stride: set[Stride],
                    role: tuple[str, str] | None, top: int, below_top: int
                    ) -> tuple[int, str]:
    """Patient-safety impact from the element's clinical role (docstring of derive_impact)."""
    # an analyst's own threat on a safety-critical element is presumed able to harm
    harmful = threat.patient_safety if threat is not None else True
    if role is not None and harmful:
        kind, fn = role
        if kind == "performs" and (stride & _ACTING or Stride.DENIAL_OF_SERVICE in stride):
            return top, f"acts on the safety-critical function: {fn}"
        if kind == "delivers" and stride & _ACTING:
            return top, f"can alter commands to the safety-critical function: {fn}"
        if kind == "delivers":
            return below_top, f"delays commands to {fn}; the device keeps its last settings"
    if value > below_top:
        return below_top, (f"{why}; one step below the top: no safety-critical function "
                           "acted on directly, a clinician stands between data and patient")
    return value, why


#: Attack vectors for which reach in the attack graph bears on likelihood. Physical,
#: supply-chain, insider and accidental threats do not come along the graph's steps.
EXPOSURE_VECTORS = frozenset({"network", "adjacent", "local"})
#: Vectors whose attacks need the attacker at the device, one device at a time: never
#: "near certain" unless the analyst says so (the top level is left for what scales).
ONE_AT_A_TIME = frozenset({"physical"})
#: Chance that a threat of the lowest and highest likelihood level works once attempted:
#: the same linear mapping the attack engine uses for its step chances
#: (``attack.evidence.level_probability``), so the two read the scale alike.
P_LOWEST, P_HIGHEST = 0.1, 0.9


def level_chance(level: int, levels: tuple[int, ...]) -> float:
    """Chance a threat at ``level`` works once attempted (linear in its rank on the scale)."""
    if len(levels) < 2:
        return P_HIGHEST
    rank = levels.index(level) if level in levels else 0
    return P_LOWEST + (P_HIGHEST - P_LOWEST) * rank / (len(levels) - 1)


def exposure_level(base: int, attempt: float, levels: tuple[int, ...]) -> tuple[int, float]:
    """The level whose chance is nearest to chance(base) x attempt, and that product.

    Never above ``base`` (reach only ever lowers), never below the lowest level.
    """
    p = level_chance(base, levels) * max(0.0, min(1.0, attempt))
    rank = _round_half_up((p - P_LOWEST) / (P_HIGHEST - P_LOWEST) * (len(levels) - 1))
    rank = max(0, min(rank, levels.index(base) if base in levels else len(levels) - 1))
    return levels[rank], p


def derive_likelihood(model: ThreatModel, inst: ThreatInstance, threat: ThreatType | None,
                      catalog: Catalog, index: FactIndex, scales: Scales,
                      ix: ModelIndex | None = None, exposure: Any = None
                      ) -> tuple[int, list[str], int, int]:
    """(likelihood, reasons, base likelihood, step likelihood): catalog default moved by
    the adjustments whose facts hold (the base; without the ``reach`` ones, the attack
    graph's step), then by the element's exposure; or the analyst's value for all three.
    """
    lik = scales.likelihood
    if inst.likelihood is not None:
        value = scales.clamp(max(inst.likelihood, lik[0]), lik)
        return value, ["set by analyst"], value, value
    base = scales.from_reference(threat.default_likelihood if threat else 2, lik)
    reasons = [f"catalog default {base}"]
    ix = ix or ModelIndex(model)
    stride = {Stride(s) for s in (threat.stride if threat else inst.stride)}
    total = reach = 0
    for adj in ix.adjustments_holding(inst.element, catalog, index):
        if not adj.concerns(threat, stride):
            continue
        total += adj.delta
        reach += adj.delta if adj.reach else 0
        why = f"finding, the model declares the weakness: {adj.reason}" if adj.finding \
            else adj.reason
        reasons.append(f"{'+' if adj.delta > 0 else ''}{adj.delta}: {why}")
    step_value = scales.shift(base, max(-2, min(2, total - reach)), lik)
    total = max(-2, min(2, total))
    base_value = scales.shift(base, total, lik)
    if threat is not None and threat.vector in ONE_AT_A_TIME and base_value > lik[-2] and (
            len(lik) > 1):
        base_value = lik[-2]
        reasons.append(f"at most {base_value}: a {threat.vector} attack reaches one device "
                       "at a time (the attacker must hold it)")
    step_value = min(step_value, base_value)
    value = exposed_likelihood(base_value, reasons, threat, exposure, lik)
    return value, reasons, base_value, step_value


def exposed_likelihood(base_value: int, reasons: list[str], threat: ThreatType | None,
                       exposure: Any, levels: tuple[int, ...]) -> int:
    """The likelihood after the element's exposure, from the base likelihood and its
    ``reasons`` (the exposure's reason appended to them), for a threat type whose vector
    comes along the attack graph; else the base. :func:`derive_likelihood`'s last step,
    apart so that the pass after exposure can start from the pass before's base
    (``risk_memo._exposed``)."""
    if exposure is None or threat is None or threat.vector not in EXPOSURE_VECTORS:
        return base_value
    value, chance = exposure_level(base_value, exposure.probability, levels)
    who = (f"attacker {exposure.attacker!r} can attempt it with probability "
           f"{exposure.probability:.2f}" if exposure.attacker
           else "no declared attacker can reach it")
    steps = levels.index(value) - levels.index(base_value)
    reasons.append(f"{steps if steps else '0'}: exposure: {who}; "
                   f"{level_chance(base_value, levels):.2f} x {exposure.probability:.2f} = "
                   f"{chance:.2f} once attempted, read as level {value}")
    return value


def applied_controls(model: ThreatModel, inst: ThreatInstance, catalog: Catalog,
                     ix: ModelIndex | None = None) -> list[AppliedControl]:
    """Explicit links first, then controls put on the element whose type answers the threat."""
    ix = ix or ModelIndex(model)
    controls = ix.controls
    answering = {c.id for c in catalog.controls_for(inst.catalog_id)}
    out: list[AppliedControl] = []
    seen: set[str] = set()
    for link in inst.mitigations:
        ctl = controls.get(link.control)
        if ctl is None:
            continue
        status = min(link.status, ctl.status, key=lambda s: _STATUS_RANK[s])
        out.append(_applied(ctl, status, link.evidence or ctl.evidence, catalog, False))
        seen.add(ctl.id)
    for ctl in ix.controls_on.get(inst.element, []):
        if ctl.id in seen:
            continue
        if ctl.catalog_id in answering:
            out.append(_applied(ctl, ctl.status, ctl.evidence, catalog, True))
    return out


def _applied(ctl: ControlInstance, status: ControlStatus, evidence: str | None,
             catalog: Catalog, implicit: bool) -> AppliedControl:
    ctype: ControlType | None = catalog.controls.get(ctl.catalog_id or "")
    eff = ctl.effectiveness if ctl.effectiveness is not None else (
        ctype.effectiveness if ctype else DEFAULT_EFFECTIVENESS)
    reduces = ctype.reduces_effective if ctype else "likelihood"
    return AppliedControl(ctl.id, ctl.catalog_id, ctl.title, status, eff, reduces, evidence,
                          implicit)


def _after(likelihood: int, impact: dict[str, int], controls: list[AppliedControl],
           scales: Scales) -> tuple[int, dict[str, int]]:
    if not controls:
        return likelihood, impact
    l_factor = math.prod(1 - c.effectiveness for c in controls
                         if c.reduces in ("likelihood", "both"))
    i_factor = math.prod(1 - c.effectiveness for c in controls if c.reduces in ("impact", "both"))
    new_l = scales.reduce(likelihood, l_factor, scales.likelihood)
    new_i = {cat: (scales.reduce(v, i_factor, scales.severity) if v > 0 else 0)
             for cat, v in impact.items()}
    return new_l, new_i


def _value(likelihood: int, impact: dict[str, int], scales: Scales) -> RiskValue:
    severity = max(impact.values(), default=0)
    if severity <= 0:
        return RiskValue(likelihood, 0, 0, "none", "None", "#eeeeee")
    lvl = scales.level(likelihood, severity)
    return RiskValue(likelihood, severity, likelihood * severity, lvl.id, lvl.name, lvl.colour)


def score_cvss(vector: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """Score a CVSS v3.x or v4.0 vector with the ``cvss`` library; (result, error)."""
    if not vector:
        return None, None
    try:
        if vector.startswith("CVSS:4.0/"):
            from cvss import CVSS4

            c4 = CVSS4(vector)
            return {"vector": vector, "version": "4.0", "base_score": float(c4.base_score),
                    "severity": c4.severity}, None
        from cvss import CVSS3

        c3 = CVSS3(vector)
        return {"vector": vector, "version": "3.1" if "3.1" in vector[:9] else "3.0",
                "base_score": float(c3.scores()[0]), "severity": c3.severities()[0]}, None
    except Exception as exc:  # noqa: BLE001 - the library raises several unrelated types
        return None, f"invalid CVSS vector {vector!r}: {exc}"


def risk_values(likelihood: int, impact: dict[str, int], controls: list[AppliedControl],
                scales: Scales) -> tuple[RiskValue, RiskValue, RiskValue]:
    """Inherent, current (controls in place) and projected (all controls) risk."""
    cur_l, cur_i = _after(likelihood, impact, [c for c in controls if c.in_place], scales)
    pro_l, pro_i = _after(likelihood, impact, controls, scales)
    return (_shared_value(likelihood, impact, scales), _shared_value(cur_l, cur_i, scales),
            _shared_value(pro_l, pro_i, scales))


def _shared_value(likelihood: int, impact: dict[str, int], scales: Scales) -> RiskValue:
    """:func:`_value`, one (frozen) object per likelihood and severity, kept on ``scales``:
    a model's thousands of distinct scorings have a few dozen risk values, and each
    ``_value`` looks its level up again."""
    severity = max(impact.values(), default=0)
    values: dict[tuple[int, int], RiskValue] = vars(scales).setdefault("_values", {})
    key = (likelihood, severity if severity > 0 else 0)  # all of severity 0 and below alike
    value = values.get(key)
    if value is None:
        value = values[key] = _value(likelihood, impact, scales)
    return value


def assess_instance(model: ThreatModel, inst: ThreatInstance, catalog: Catalog,
                    index: FactIndex, scales: Scales, warnings: list[str] | None = None,
                    ix: ModelIndex | None = None, exposure: dict[str, Any] | None = None
                    ) -> ThreatRisk:
    *fields, error = assessment(model, inst, catalog, index, scales, ix, exposure)
    if error and warnings is not None:
        warnings.append(f"threat {inst.id!r}: {error}")
    return ThreatRisk(inst, *fields)


def assessment(model: ThreatModel, inst: ThreatInstance, catalog: Catalog, index: FactIndex,
               scales: Scales, ix: ModelIndex | None = None,
               exposure: dict[str, Any] | None = None) -> tuple:
    """What :func:`assess_instance` works out for ``inst``: :class:`ThreatRisk`'s fields
    after the instance, in field order up to ``finding`` (the judgements after it keep
    their defaults), then the CVSS vector's error (None when it scores or is absent).
    Apart so that the risk memo files a result without a risk object around it."""
    ix = ix or ModelIndex(model)
    threat = catalog.threats.get(inst.catalog_id)
    exp = exposure.get(inst.element) if exposure else None
    likelihood, l_reasons, base_l, step_l = derive_likelihood(model, inst, threat, catalog,
                                                              index, scales, ix, exp)
    impact, i_reasons = derive_impact(model, inst, threat, scales, ix)
    stride = {Stride(s) for s in (threat.stride if threat else inst.stride)}
    finding = threat is not None and any(
        a.finding and a.concerns(threat, stride)
        for a in ix.adjustments_holding(inst.element, catalog, index))
    controls = applied_controls(model, inst, catalog, ix)
    inherent, current, projected = risk_values(likelihood, impact, controls, scales)
    cvss, error = score_cvss(inst.cvss)
    return (threat, element_layer(model, inst.element, ix), likelihood, l_reasons, impact,
            i_reasons, inherent, current, projected, controls, cvss, base_l, step_l,
            is_context(ix, inst.element), exp.probability if exp is not None else None,
            exp.attacker if exp is not None else None,
            i_reasons.get("patient_safety", "").startswith(DIRECT_HARM_REASONS), finding,
            error)


def assess(model: ThreatModel, catalog: Catalog | None = None,
           stencils: StencilLibrary | None = None,
           warnings: list[str] | None = None, *, memo: bool = True,
           exposure: dict[str, Any] | None = None,
           index: FactIndex | None = None,
           threats: list[ThreatInstance] | None = None) -> list[ThreatRisk]:
    """Risk of every threat instance recorded in ``model`` (run the rules first).

    ``exposure`` (element id -> :class:`workbench.analysis.attack.exposure.Exposure`)
    lowers the likelihood of threats on elements attackers can hardly get at; without it
    the likelihood is the base (catalog + adjustments). :func:`assess_with_exposure` does
    both passes in order.

    With ``memo`` (the default) results are reused from earlier runs and from instances
    with the same inputs (``risk_memo``; same figures; 1.7x faster re-analysis after an edit in
    ``benchmarks/bench_analysis.py``);
    ``memo=False`` scores every instance afresh, the reference the memo is tested against.
    ``index``: the facts of this same model, when the caller has them already (the two
    passes of :func:`assess_with_exposure` share one).
    ``threats``: score only these instances of the model (the incremental re-analysis,
    ``analysis/incremental.py``; scoring reads the model, never its threat list).
    """
    catalog = catalog or default_catalog()
    if index is None or index.model is not model:
        index = FactIndex(model, stencils or default_stencils())
    scales = Scales.of(model)
    if memo:
        # imported here: risk_memo builds on this module's scoring functions
        from workbench.analysis.risk_memo import assess_memoised

        # fleet and harm judged in the same loop, once per shared result and element role
        return assess_memoised(model, catalog, index, scales, warnings, exposure,
                               threats=threats, judge=True)
    ix = ModelIndex(model, index.stencils)
    risks = [assess_instance(model, t, catalog, index, scales, warnings, ix, exposure)
             for t in (model.threats if threats is None else threats)]
    judge_fleet_and_directness(model, risks, index.stencils)
    from workbench.analysis.harm import judge_harm

    judge_harm(risks, ix)
    return risks


def _stencil_tags(model: ThreatModel, stencils: StencilLibrary) -> dict[str, tuple]:
    """Each component's stencil tags by component id (none for an unknown stencil), the
    stencil looked up once per stencil id rather than once per component and question."""
    per_stencil: dict[str, tuple] = {}
    out: dict[str, tuple] = {}
    for comp in model.components:
        tags = per_stencil.get(comp.stencil)
        if tags is None:
            stencil = stencils.get(comp.stencil)
            tags = per_stencil[comp.stencil] = tuple(stencil.tags) if stencil is not None else ()
        out[comp.id] = tags
    return out


#: Stencil tag of an element that manages a fleet (a drug-library server, a firmware
#: update server): what it sends reaches every device it manages at once.
FLEET_MANAGER_TAG = "fleet_manager"


def judge_fleet_and_directness(model: ThreatModel, risks: list[ThreatRisk],
                               stencils: StencilLibrary | None = None) -> None:
    """Set ``mass_harm`` and ``harm_distance`` on every risk (cheap; after scoring).

    Fleet-wide harm (docs/risk-model.md, "Fleet-wide harm"): the catalog says one attack
    reaches many patients by nature (``mass_harm``: a malicious update, ransomware), or
    the attack acts on a safety function (``direct_harm``) through something every device
    of the class shares at once:

    * the element lists network services that answer whoever reaches its network
      (``open_services``) and the attack comes over the network or the adjacent LAN or
      radio: one sweep of the network reaches every pump of the model's class;
    * the element manages a fleet (stencil tag ``fleet_manager``), or the flow leaves one:
      a forged drug library or firmware reaches every device it serves.

    A proximate radio attack on one patient's pump stays one patient at a time.
    """
    fleet = FleetIndex(model, stencils)
    for risk in risks:
        fleet.judge(risk)


class FleetIndex:
    """What :func:`judge_fleet_and_directness` reads about a model's elements, built once
    per assessment; :meth:`role` is all of it for one element, so the risk memo can judge
    once per (shared result, role) and give the answer to every risk of that pair."""

    def __init__(self, model: ThreatModel, stencils: StencilLibrary | None = None,
                 ix: ModelIndex | None = None):
        """``ix``: the same model's index over the same stencils, whose lookups are these
        (the risk memo has one: not built twice)."""
        self.stencils = stencils or default_stencils()
        self.targets = {t.element for t in model.targets if t.kind == "patient_safety"}
        # one person's device or seat: the catalog's "many patients" needs a reason of its
        # own here (open services swept, a fleet manager), the spread is the network's threat
        if ix is not None:
            self.comps, self.flows, tags = ix.components, ix.flows, ix.tags
            self.single_user = ix.single_user
        else:
            self.comps = model.components_by_id()
            self.flows = {f.id: f for f in model.flows}
            tags = _stencil_tags(model, self.stencils)
            self.single_user = {cid for cid, t in tags.items() if SINGLE_USER_TAG in t}
        #: the components managing a fleet (:meth:`manager`), found once, not per element
        self.managers = {cid for cid, t in tags.items() if FLEET_MANAGER_TAG in t}

    def manager(self, cid: str) -> bool:
        return cid in self.managers

    def role(self, element: str) -> tuple:
        """Everything :meth:`judge` reads about ``element`` (keep the two in step)."""
        comp, flow = self.comps.get(element), self.flows.get(element)
        return (element in self.targets or not self.targets, element in self.single_user,
                tuple(comp.properties.open_services) if comp is not None else None,
                comp is not None and element in self.managers,
                flow is not None and flow.source in self.managers)


    def judge(self, risk: ThreatRisk) -> None:
        """Set ``harm_distance``, ``mass_harm`` and its reason on one risk."""
        ttype = risk.threat_type
        element = risk.instance.element
        acts_on = risk.impact_reasons.get("patient_safety", "").startswith(
            DIRECT_HARM_REASONS[0])
        if risk.direct_harm and acts_on and (element in self.targets or not self.targets):
            risk.harm_distance = 0
        elif risk.direct_harm:
            risk.harm_distance = 1
        else:
            risk.harm_distance = 2
        risk.mass_harm, risk.mass_harm_reason = False, ""
        if ttype is None or not ttype.patient_safety:
            return
        if ttype.mass_harm and element not in self.single_user:
            risk.mass_harm = True
            risk.mass_harm_reason = "catalog: one attack reaches many patients"
            return
        if not risk.direct_harm:
            return
        comp, flow = self.comps.get(element), self.flows.get(element)
        if comp is not None and comp.properties.open_services and ttype.vector in (
                "network", "adjacent"):
            risk.mass_harm = True
            risk.mass_harm_reason = (
                "every device of this class answers on its network services ("
                + ", ".join(comp.properties.open_services) + "): one sweep reaches the fleet")
        elif comp is not None and self.manager(comp.id):
            risk.mass_harm = True
            risk.mass_harm_reason = "it manages a fleet: what it sends reaches every device"
        elif flow is not None and self.manager(flow.source):
            risk.mass_harm = True
            risk.mass_harm_reason = ("it leaves a fleet manager: a forged library or firmware "
                                     "reaches every device it serves")


def assess_with_exposure(model: ThreatModel, catalog: Catalog | None = None,
                         stencils: StencilLibrary | None = None,
                         warnings: list[str] | None = None, *, memo: bool = True,
                         graph_out: list[Any] | None = None,
                         graph_options: bool = True,
                         index: FactIndex | None = None,
                         fresh: Any = None) -> list[ThreatRisk]:
    """Base risks, then the attack graph's reach from them, then exposure-adjusted risks.

    The order removes any circularity: reach is computed from base likelihoods only, and
    the exposure-adjusted likelihood never feeds back into the graph.
    ``graph_out``: a list that receives the exposure pass's
    :class:`~workbench.analysis.attack.exposure.ExposureGraph` (built with the catalog's
    options), for the attack engine to reuse instead of building the graph again;
    ``graph_options=False``: built without the catalog's options, for an engine run that
    funds nothing (the window's worker: the options' evidence is not made).
    ``index``: this model's facts when the caller has them (the rules' facts, shared by
    ``FactIndex.sharing``). ``fresh``: the merge's columns of the model's new instances
    (``rules.MergeReport.fresh``), read instead of them (``risk_memo.ThreatColumns``).
    """
    from workbench.analysis.attack.exposure import element_exposure, exposure_graph

    catalog = catalog or default_catalog()
    stencils = stencils or default_stencils()
    if index is None or index.model is not model:
        index = FactIndex(model, stencils)  # both passes read the same facts
    levels = Scales.of(model).likelihood
    columns = None
    if memo:  # the pass before exposure feeds the attack graph alone: what it reads
        from workbench.analysis.risk_memo import ThreatColumns, assess_memoised

        columns = ThreatColumns(model.threats, fresh)  # read once, for both passes
        base: list[Any] = assess_memoised(model, catalog, index, Scales.of(model), None,
                                          lean=True, columns=columns)
    else:
        base = assess(model, catalog, stencils, None, memo=False, index=index)
    shared = None
    if graph_out is not None:
        shared = exposure_graph(model, base, levels, catalog if graph_options else None,
                                stencils)
        graph_out.append(shared)
    exposure = element_exposure(model, base, levels, stencils,
                                graph=shared.graph if shared is not None else None)
    if columns is not None:  # as ``assess`` with the memo, the list read once
        risks = assess_memoised(model, catalog, index, Scales.of(model), warnings, exposure,
                                judge=True, columns=columns)
    else:
        risks = assess(model, catalog, stencils, warnings, memo=memo, exposure=exposure,
                       index=index)
    if shared is not None:
        shared.risks = risks
    return risks
