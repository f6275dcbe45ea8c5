"""Memoised risk scoring: the same figures as :func:`risk.assess_instance`, computed once.

Scoring a threat instance is a pure function of a few inputs: the instance's own analyst
fields, its threat type, and a handful of facts about its element (layer, the data at
stake, the safety-critical function, the likelihood adjustments that hold, the controls on
it), plus the model's scales and impact categories. Many instances share all of these (the
same threat type on a hundred identical pumps), and after an edit in the GUI almost all of
them are unchanged. So each result is remembered under a key made of those inputs'
*content* (never object identities, which Python reuses), on the catalog object like the
rule engine's memo; a hit only builds a fresh :class:`ThreatRisk` around the instance.

A miss runs :func:`risk.assessment` (what :func:`risk.assess_instance` builds its risk
from), so there is one scoring algorithm and the memo can only be wrong if a key misses
an input: ``tests/analysis/test_risk_memo.py`` checks memoised against unmemoised results
on varied models.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import Enum
from operator import attrgetter
from typing import Any, SupportsIndex

import numpy as np
from pydantic import BaseModel

from workbench.analysis.catalog import Catalog
from workbench.analysis.risk import (
    DEFAULT_CATEGORY_IDS,
    NOT_COUNTED,
    AppliedControl,
    FleetIndex,
    ModelIndex,
    RiskValue,
    Scales,
    ThreatRisk,
    assessment,
    exposed_likelihood,
    risk_values,
)
from workbench.analysis.rules import FreshColumns, condition_reads
from workbench.model.conditions import compiled
from workbench.model.entities import Component, Flow, ThreatInstance
from workbench.model.enums import Layer
from workbench.model.facts import FactIndex
from workbench.model.threat_model import ThreatModel

#: Past this many remembered results per catalog, the memo starts again (bounded memory).
MEMO_LIMIT = 50_000


@dataclass(frozen=True)
class _Scored:
    """What :func:`assess_instance` derived for one key.

    Each run copies the lists and dicts once (:func:`_run_copy`) and that run's
    :class:`ThreatRisk` objects with this key share the copy (read them, never change
    them): a copy per risk cost much of the pass after exposure's time and memory, for
    values nobody edits; the memo's own never leave it.
    """

    layer: str
    likelihood: int
    base_likelihood: int
    step_likelihood: int | None
    context: bool
    exposure: float | None
    exposure_attacker: str | None
    direct_harm: bool
    finding: bool
    likelihood_reasons: list[str]
    impact: dict[str, int]
    impact_reasons: dict[str, str]
    inherent: RiskValue
    current: RiskValue
    projected: RiskValue
    controls: list[AppliedControl]
    cvss: dict[str, Any] | None
    cvss_error: str | None


def _frozen(value: Any) -> Any:
    """A hashable copy of a dumped pydantic value (dicts, lists, scalars, enums)."""
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    return value


def _content(obj: BaseModel) -> Any:
    """Every field of a model object, hashable: a key that misses no field it could read."""
    return _frozen(obj.model_dump())


class _RunKeys:
    """Content keys of elements, controls and assets, each built once per assessment."""

    def __init__(self, model: ThreatModel, catalog: Catalog, index: FactIndex,
                 ix: ModelIndex, memo: _Memo, exposure: dict[str, Any] | None = None):
        self.model, self.catalog, self.index, self.ix = model, catalog, index, ix
        self.exposure = exposure or {}
        self.memo = memo
        self._adjustment_pos = {id(a): i for i, a in enumerate(catalog.adjustments)}
        #: per kind: (adjustments, their answers per fact key, the attributes keyed on)
        self._adjust = {kind: (*_adjustment_memo(catalog, kind), condition_reads(catalog, kind))
                        for kind in ("component", "flow")}
        self._controls: dict[str, Any] = {}
        self._assets: dict[str, Any] = {}
        self._elements: dict[str, int] = {}
        # per (component?, adjustments holding): their one list; per list: its positions
        self._lists: dict[tuple, list] = {}
        self._positions: dict[int, tuple[int, ...]] = {}
        self._kept: list[list] = []

    def control(self, control_id: str) -> Any:
        if control_id not in self._controls:
            ctl = self.ix.controls.get(control_id)
            self._controls[control_id] = None if ctl is None else _content(ctl)
        return self._controls[control_id]

    def _asset(self, asset_id: str, asset: BaseModel) -> Any:
        if asset_id not in self._assets:
            self._assets[asset_id] = _content(asset)
        return self._assets[asset_id]

    def element(self, element_id: str) -> int:
        """Everything scoring reads about an element (not its own id), as a memo number."""
        key = self._elements.get(element_id)
        if key is None:
            key = self._base(element_id)
            exposure = self.exposure.get(element_id)
            if exposure is not None:  # what scoring reads of it: a tuple hashes in C
                key = self.memo.element_number((key, exposure.probability, exposure.attacker))
            self._elements[element_id] = key
        return key

    def elements(self, element_ids: list[str]) -> list[int]:
        """:meth:`element` of each element: the bases in one loop (:meth:`_bases`), then
        the exposure, when there is one, as :meth:`element` adds it."""
        numbers = self._bases(element_ids)
        if not self.exposure:
            return numbers
        exposure, number, mine = self.exposure, self.memo.element_number, self._elements
        out = []
        for e, key in zip(element_ids, numbers, strict=True):
            got = mine.get(e)
            if got is None:
                seen = exposure.get(e)
                got = mine[e] = key if seen is None else number(
                    (key, seen.probability, seen.attacker))
            out.append(got)
        return out

    def _bases(self, element_ids: list[str]) -> list[int]:
        """:meth:`_base` of each element, its content (:meth:`_content`) built in one loop.

        The per-element chain of calls (the key, the content, the adjustments holding,
        their positions, the rules' fact key) cost more than the two dozen lookups it
        makes, over every element of a large model; the loop makes the same lookups and
        the same content tuple (``_content`` is its oracle), filed as ``_base`` files it."""
        ix, memo, index = self.ix, self.memo, self.index
        bases: dict[str, int] = vars(ix).setdefault("_memo_base_keys", {})
        comps, flows, safety, carries = ix.components, ix.flows, ix.safety, ix.carries_to_safety
        assets_of, own_of, controls_on = ix.assets, ix.own_assets, ix.controls_on
        scope, single, done = ix.scope, ix.single_user, ix._holding
        asset_keys, asset = self._assets, self._asset
        control_keys, control = self._controls, self.control
        positions, adjust, lists = self._positions, self._adjust, self._lists
        network = Layer.NETWORK.value
        # per kind: its adjustments, their answers per fact key, the rules' keys per element
        comp_adjust, comp_matches, comp_reads = adjust["component"]
        flow_adjust, flow_matches, flow_reads = adjust["flow"]
        comp_keys, flow_keys = index.known_keys(comp_reads), index.known_keys(flow_reads)
        number = memo.element_number
        out = []
        for e in element_ids:
            got = bases.get(e)
            if got is not None:
                out.append(got)
                continue
            comp = comps.get(e)
            flow = None
            if comp is not None:
                kind, layer = "Component", comp.layer.value
                fn = safety.get(e)
                if fn:
                    role: tuple | None = ("performs", fn)
                else:
                    fn = carries.get(e)
                    role = ("delivers", fn) if fn else None
            else:
                flow = flows.get(e)
                layer = network
                if flow is None:
                    kind, role = None, None
                else:
                    kind = "Flow"
                    fn = safety.get(flow.target) or (
                        safety.get(flow.source) if flow.bidirectional else None)
                    role = ("delivers", fn) if fn else None
            # the adjustments holding (``_holding``), through the rules' fact key
            holding = done.get(e)
            if holding is None and kind is not None:
                if comp is not None:
                    fact_key = comp_keys.get(e)
                    if fact_key is None:
                        fact_key = index.key(comp, comp_reads)
                    hit = comp_matches.get(fact_key)
                else:
                    fact_key = flow_keys.get(e)
                    if fact_key is None:
                        fact_key = index.key(flow, flow_reads)  # type: ignore[arg-type]
                    hit = flow_matches.get(fact_key)
                if hit is not None:
                    holding = lists.get((comp is not None, hit))
                    if holding is None:
                        holding = lists[(comp is not None, hit)] = [
                            (comp_adjust if comp is not None else flow_adjust)[i] for i in hit]
                    done[e] = holding
            if holding is None:
                holding = self._holding(e)
            held = positions.get(id(holding))
            if held is None:
                held = self._holding_positions(e)
            assets = assets_of.get(e) if kind is not None else None
            own = own_of.get(e)
            controls = controls_on.get(e)
            content = (kind, layer, role, scope.get(e), e in single,
                       tuple([asset_keys.get(a.id) or asset(a.id, a) for a in assets])
                       if assets else (),
                       tuple([a.id for a in own]) if own else (),
                       held,
                       tuple([control_keys.get(c.id) or control(c.id) for c in controls])
                       if controls else ())
            got = bases[e] = number(content)
            out.append(got)
        return out

    def _base(self, element_id: str) -> int:
        """The element's key without exposure, kept on the model index: the two passes of
        ``assess_with_exposure`` (before and after exposure) share it."""
        bases: dict[str, int] = vars(self.ix).setdefault("_memo_base_keys", {})
        key = bases.get(element_id)
        if key is None:
            key = bases[element_id] = self.memo.element_number(self._content(element_id))
        return key

    def _content(self, element_id: str) -> tuple:
        """What scoring reads about an element: its kind, layer, safety role
        (``risk.safety_role``), scope, whether one person uses it, the data at stake and
        its own, the likelihood adjustments holding on it and the controls on it."""
        ix = self.ix
        comp = ix.components.get(element_id)
        if comp is not None:
            kind, layer = "Component", comp.layer.value
            fn = ix.safety.get(element_id)
            if fn:
                role: tuple | None = ("performs", fn)
            else:
                fn = ix.carries_to_safety.get(element_id)
                role = ("delivers", fn) if fn else None
        else:
            flow = ix.flows.get(element_id)
            layer = Layer.NETWORK.value
            if flow is None:
                kind, role = None, None
            else:
                kind = "Flow"
                fn = ix.safety.get(flow.target) or (
                    ix.safety.get(flow.source) if flow.bidirectional else None)
                role = ("delivers", fn) if fn else None
        assets = ix.assets.get(element_id) if kind is not None else None
        own = ix.own_assets.get(element_id)
        controls = ix.controls_on.get(element_id)
        return (kind, layer, role, ix.scope.get(element_id), element_id in ix.single_user,
                tuple([self._asset(a.id, a) for a in assets]) if assets else (),
                tuple([a.id for a in own]) if own else (),
                self._holding_positions(element_id),
                tuple([self.control(c.id) for c in controls]) if controls else ())

    def _holding_positions(self, element_id: str) -> tuple[int, ...]:
        """The catalog positions of the adjustments holding on the element, once per
        distinct list of them (elements of one shape share one list)."""
        holding = self._holding(element_id)
        positions = self._positions.get(id(holding))
        if positions is None:
            positions = tuple(self._adjustment_pos[id(a)] for a in holding)
            self._positions[id(holding)] = positions
            self._kept.append(holding)  # its id stays its own through the run
        return positions

    def _holding(self, element_id: str) -> list:
        """``ix.adjustments_holding``, evaluated once per distinct set of the facts the
        adjustments read (elements of one stencil with the same properties share it and
        its list: read it, never change it) and filed in the model index, where scoring a
        missed instance finds it."""
        ix = self.ix
        done = ix._holding.get(element_id)
        if done is not None:
            return done
        comp = ix.components.get(element_id)
        flow = None if comp else ix.flows.get(element_id)
        if comp is None and flow is None:
            return ix.adjustments_holding(element_id, self.catalog, self.index)
        element: Component | Flow = comp or flow  # type: ignore[assignment]
        adjustments, matches, reads = self._adjust["component" if comp else "flow"]
        # the rules' key of the element (same attributes), built by the rule pass already
        key = self.index.key(element, reads)
        hit = matches.get(key)
        if hit is None:
            if len(matches) > MEMO_LIMIT:
                matches.clear()
            facts = self.index.component(comp) if comp else self.index.flow(flow)  # type: ignore[arg-type]
            tests = _adjustment_tests(self.catalog, "component" if comp else "flow")
            hit = matches[key] = tuple(i for i, test in enumerate(tests) if test(facts))
        shared = self._lists.get((comp is not None, hit))
        if shared is None:
            shared = self._lists[(comp is not None, hit)] = [adjustments[i] for i in hit]
        ix._holding[element_id] = shared
        return shared

    def instance(self, inst: ThreatInstance, element: int | None = None) -> Any:
        """The instance's own inputs to scoring, and its element's (``element``: its
        number from :meth:`element`, when the caller has it).

        An instance nobody has scored by hand (no likelihood, impact, CVSS or mitigation
        link: most of them) gets a short key, its other inputs being those defaults; the
        two shapes differ in length, so they never meet."""
        if element is None:
            element = self.element(inst.element)
        if inst.likelihood is None and not inst.impact and not inst.mitigations and (
                inst.cvss is None):
            return (inst.catalog_id, tuple(inst.stride), element)
        links = tuple((m.control, m.status.value, m.evidence, self.control(m.control))
                      for m in inst.mitigations) if inst.mitigations else ()
        return (inst.catalog_id, tuple(inst.stride), inst.likelihood,
                tuple(inst.impact.items()), links, inst.cvss, element)


class _Memo:
    """Results per run setting (scales, categories), then per instance key.

    Element keys are long tuples and Python does not cache a tuple's hash, so each distinct
    element key is numbered once and instance keys carry the number. Numbers are never
    reused, even after a clear, so a number always stands for one element content.
    """

    def __init__(self, shape: tuple[int, ...]):
        self.shape = shape
        self.elements: dict[Any, int] = {}
        self.results: dict[Any, dict[Any, _Scored]] = {}
        self.size = 0
        self._numbers = itertools.count()

    def element_number(self, key: Any) -> int:
        """The number of an element key; safe when the GUI's worker thread and the main
        thread analyse at once (``next`` on a count and ``setdefault`` are atomic)."""
        number = self.elements.get(key)
        if number is None:
            number = self.elements.setdefault(key, next(self._numbers))
        return number

    def results_for(self, run: Any) -> dict[Any, _Scored]:
        return self.results.setdefault(run, {})

    def store(self, results: dict[Any, _Scored], key: Any, scored: _Scored) -> None:
        """File one result; past the limit, forget everything first (in place)."""
        if self.size >= MEMO_LIMIT:
            self.elements.clear()
            for each in list(self.results.values()):
                each.clear()
            self.size = 0
        results[key] = scored
        self.size += 1


def _memo(catalog: Catalog) -> _Memo:
    """Per-catalog memo kept on the catalog object (catalogs are built once, then read).

    Sizes are checked so that a catalog grown in place does not serve stale results.
    """
    shape = (len(catalog.threats), len(catalog.controls), len(catalog.adjustments))
    memo = vars(catalog).get("_risk_memo")
    if memo is None or memo.shape != shape:
        memo = _Memo(shape)
        vars(catalog)["_risk_memo"] = memo
    return memo


def _adjustment_memo(catalog: Catalog, kind: str) -> tuple[list, dict]:
    """The catalog's likelihood adjustments for ``kind`` (catalog order) and their
    remembered answers per fact set (keyed on ``rules.condition_reads``); kept on the
    catalog like the rules'."""
    memo = vars(catalog).get("_adjustment_memo")
    reads = (condition_reads(catalog, "component"), condition_reads(catalog, "flow"))
    if memo is None or memo["size"] != len(catalog.adjustments) or memo["reads"] != reads:
        memo = {"size": len(catalog.adjustments), "reads": reads}
        for each in ("component", "flow"):
            adjustments = [a for a in catalog.adjustments if a.applies_to == each]
            memo[each] = (adjustments, {})
            memo[f"{each} tests"] = [compiled(a.when) for a in adjustments]
        vars(catalog)["_adjustment_memo"] = memo
    return memo[kind]


def _adjustment_tests(catalog: Catalog, kind: str) -> list[Any]:
    """The conditions of :func:`_adjustment_memo`'s adjustments, compiled
    (``conditions.compiled``: one evaluation per adjustment and distinct fact set)."""
    _adjustment_memo(catalog, kind)
    return vars(catalog)["_adjustment_memo"][f"{kind} tests"]


def _scored(fields: tuple) -> _Scored:
    """The memo's record of a fresh result (:func:`risk.assessment`'s fields; they are
    dropped: it takes their lists)."""
    (_, layer, likelihood, l_reasons, impact, i_reasons, inherent, current, projected,
     controls, cvss, base, step, context, exposure, attacker, direct_harm, finding,
     error) = fields
    return _Scored(layer, likelihood, base or likelihood, step, context, exposure, attacker,
                   direct_harm, finding, l_reasons, impact, i_reasons, inherent, current,
                   projected, controls, cvss, error)


class StepRisk:
    """What the attack graph reads of one risk before exposure (``evidence_from_risks``).

    The pass before exposure only feeds the attack graph; building a full
    :class:`ThreatRisk` (its own lists and dicts, harm and fleet judged) for each of
    134,000 instances at 10,000 elements cost time and a few hundred megabytes that were
    dropped right after. ``controls`` is the memo's shared list: read it, never change it.
    """

    __slots__ = ("instance", "threat_type", "likelihood", "base_likelihood",
                 "step_likelihood", "controls")

    def __init__(self, inst: ThreatInstance, threat_type: Any, s: _Scored | _LeanResult):
        self.instance, self.threat_type = inst, threat_type
        self.likelihood, self.base_likelihood = s.likelihood, s.base_likelihood
        self.step_likelihood, self.controls = s.step_likelihood, s.controls

    @property
    def counted(self) -> bool:
        return self.instance.status not in NOT_COUNTED

    @property
    def key(self) -> str:
        return self.instance.key


def assess_memoised(model: ThreatModel, catalog: Catalog, index: FactIndex, scales: Scales,
                    warnings: list[str] | None, exposure: dict[str, Any] | None = None,
                    *, threats: list[ThreatInstance] | None = None, lean: bool = False,
                    judge: bool = False, columns: ThreatColumns | None = None) -> list[Any]:
    """Same as scoring each instance with :func:`assess_instance`, reusing past results.

    ``threats``: only these instances of the model (default: all). ``lean``: return
    :class:`StepRisk` objects (what the attack graph reads), for the pass before
    exposure. ``judge``: fleet, directness and harm set as :func:`risk.assess` sets them
    after scoring (:class:`_Judged`). ``columns``: the threat list already read
    (:class:`ThreatColumns`), when the caller scores the same list twice."""
    memo = _memo(catalog)
    # One model index per fact index (same model): the passes before and after exposure
    # share its lookups, its adjustments per element and the element keys above. It is
    # tied to this memo's numbers, so a memo started afresh starts a fresh index too.
    ix = vars(index).get("_risk_model_index")
    if ix is None or ix.model is not model or vars(ix).get("_memo") is not memo:
        ix = ModelIndex(model, index.stencils)
        vars(ix)["_memo"] = memo
        vars(index)["_risk_model_index"] = ix
    keys = _RunKeys(model, catalog, index, ix, memo, exposure)
    categories = tuple(c.id for c in model.risk.impact_categories) or tuple(DEFAULT_CATEGORY_IDS)
    run = (scales, categories)
    results = memo.results_for(run)
    threat_types = catalog.threats
    judged = _Judged(model, index, ix) if judge and not lean else None
    # this run's copy of each result used (the memo's own lists never leave it), holding
    # the memo's record so that its id stays its own through the run
    copies: dict[int, _RunResult] = {}

    def from_base(inst: ThreatInstance, number: int) -> _Scored | None:
        """The result of ``inst`` on its element exposed (``number``) from the one filed
        without exposure (the pass before's, under the element's base number), if any."""
        base = keys._base(inst.element)
        if base == number:
            return None
        key = ((inst.catalog_id, tuple(inst.stride), base) if _plain(inst)
               else keys.instance(inst, base))
        before = results.get(key)
        if before is None or before.exposure is not None:
            return None
        return _exposed(model, inst, catalog, index, scales, ix, exposure, before)

    def value(inst: ThreatInstance, number: int, role: int | None) -> tuple:
        """What the risk of ``inst`` gets after the instance (``StepRisk``'s or
        ``ThreatRisk``'s arguments), scored through the memo."""
        if _plain(inst):  # keys.instance's short key, without the call
            key: Any = (inst.catalog_id, tuple(inst.stride), number)
        else:
            key = keys.instance(inst, number)
        hit = results.get(key)
        if hit is None:
            hit = from_base(inst, number) if exposure else None
            if hit is None:
                hit = _scored(assessment(model, inst, catalog, index, scales, ix, exposure))
            memo.store(results, key, hit)
        if hit.cvss_error and warnings is not None:
            warnings.append(f"threat {inst.id!r}: {hit.cvss_error}")
        mine = copies.get(id(hit))
        if mine is None:  # the key holds the catalog id: one threat type per result
            threat_type = threat_types.get(inst.catalog_id)
            mine = copies[id(hit)] = (_LeanResult(hit, threat_type) if lean
                                      else _RunResult(hit, threat_type))
        if lean:
            return mine.threat_type, mine
        if judged is None:
            return mine.fields
        fields = mine.judged.get(role)
        if fields is None:
            fields = mine.judged[role] = judged.fields(ThreatRisk(inst, *mine.fields), role)
        return fields

    threats = model.threats if threats is None else threats
    if columns is None or columns.threats is not threats or columns.size != len(threats):
        columns = ThreatColumns(threats)
    # per element its memo number and judgement role; elements sharing both are a group
    numbers = keys.elements(columns.elements)
    roles = judged.roles(columns.elements) if judged is not None else [None] * len(numbers)
    groups: dict[tuple, int] = {}
    group_of = np.array([groups.setdefault(pair, len(groups))
                         for pair in zip(numbers, roles, strict=True)], dtype=np.int64)
    heads = list(groups)
    values = _pair_values(columns, group_of, lambda i, group: value(threats[i], *heads[group]))
    if lean:
        return [StepRisk(inst, v[0], v[1]) for inst, v in zip(threats, values, strict=True)]
    return SharedRisks([ThreatRisk(inst, *v) for inst, v in zip(threats, values, strict=True)],
                       values)


class ThreatColumns:
    """A threat list read once for both risk passes: each instance's element as a
    number into :attr:`elements` (distinct, first-seen order) and its own inputs to
    scoring as a number into the distinct (catalog id, STRIDE) pairs, -1 for an instance
    someone scored by hand (:func:`_plain`).

    Why: the passes before and after exposure read every instance (136,000 at 10,000
    elements) for the same two things; read once, a pass is per element and per
    distinct (element group, own key) pair, and per instance only builds its risk.
    The merge's new instances (``threats[start:]``) are kept as its runs
    (:attr:`runs`), not spelled out per instance: a pass reads them per run
    (:func:`_pair_values`). Valid for the list it was read from, unchanged
    (``assess_with_exposure`` holds it across its two passes)."""

    __slots__ = ("threats", "size", "elements", "start", "head_element_of", "head_own_of",
                 "runs", "owns")

    def __init__(self, threats: list[ThreatInstance], fresh: FreshColumns | None = None):
        """``fresh``: the merge's columns of its new instances (``MergeReport.fresh``),
        read instead of those instances when ``threats`` still ends with them."""
        self.threats, self.size = threats, len(threats)
        start = fresh.start if fresh is not None and fresh.tail_of(threats) else len(threats)
        runs: list[tuple[str, tuple]] = []
        one: dict[int, ThreatInstance] = {}
        if start < len(threats):  # the merge's new instances, by run and threat type
            assert fresh is not None
            runs = [run for run in fresh.runs if run[1]]
            one = _one_of_each_type(runs, fresh.instances)
            if not all(map(_plain, one.values())):  # never made so: read one by one
                start, runs, one = len(threats), [], {}
        head = threats[:start] if start < len(threats) else threats
        ids = [inst.element for inst in head]
        own = [(inst.catalog_id, tuple(inst.stride)) if inst.likelihood is None
               and not inst.impact and not inst.mitigations and inst.cvss is None else None
               for inst in head]  # _plain, inlined: it runs once per instance
        keys = dict.fromkeys(own)
        keys.update(dict.fromkeys(map(_own_key, one.values())))  # the merge's
        self.elements = list(dict.fromkeys([*ids, *(element for element, _ in runs)]))
        number = {e: k for k, e in enumerate(self.elements)}
        owns = {key: k for k, key in enumerate(keys)}
        owns[None] = -1
        self.owns = len(owns)
        self.start = start
        #: the instances before :attr:`start`, one by one
        self.head_element_of = np.fromiter(map(number.__getitem__, ids), np.int64, len(ids))
        self.head_own_of = np.fromiter(map(owns.__getitem__, own), np.int64, len(own))
        #: the merge's runs, in order: (element number, own-key numbers of its instances);
        #: the runs of one tuple of threat types share one list of numbers
        self.runs: list[tuple[int, list[int]]] = []
        if runs:
            by_type = {t: owns[_own_key(inst)] for t, inst in one.items()}
            self.runs = list(zip([number[element] for element, _ in runs],
                                 _own_numbers(runs, by_type), strict=True))

    @property
    def element_of(self) -> np.ndarray:
        """Each instance's element number (the runs spelled out)."""
        return np.concatenate([self.head_element_of, np.fromiter(
            (e for e, numbers in self.runs for _ in numbers), np.int64)])

    @property
    def own_of(self) -> np.ndarray:
        """Each instance's own-key number (the runs spelled out)."""
        return np.concatenate([self.head_own_of, np.fromiter(
            (n for _, numbers in self.runs for n in numbers), np.int64)])


def _one_of_each_type(runs: list[tuple[str, tuple]], instances: list[ThreatInstance]
                      ) -> dict[int, ThreatInstance]:
    """The first of ``instances`` (made from ``runs``, in order) of each threat type, by
    the type's ``id``, in order of first instance. Each tuple of types is walked once
    (the rules share one tuple between the elements of a fact set)."""
    one: dict[int, ThreatInstance] = {}
    seen: set[int] = set()
    start = 0
    for _, types in runs:
        if id(types) not in seen:
            seen.add(id(types))
            for k, t in enumerate(types):
                one.setdefault(id(t), instances[start + k])
        start += len(types)
    return one


def _own_numbers(runs: list[tuple[str, tuple]], by_type: dict[int, int]) -> list[list[int]]:
    """Each run's instances' own-key numbers (``by_type``: a threat type's ``id`` to its
    number), in order; one list per distinct tuple of types, shared by its runs."""
    of_tuple: dict[int, list[int]] = {}
    out: list[list[int]] = []
    for _, types in runs:
        numbers = of_tuple.get(id(types))
        if numbers is None:
            numbers = of_tuple[id(types)] = [by_type[id(t)] for t in types]
        out.append(numbers)
    return out


def _own_key(inst: ThreatInstance) -> tuple | None:
    """An instance's own inputs to scoring as :class:`ThreatColumns` numbers them: its
    catalog id and STRIDE when nobody scored it by hand (:func:`_plain`), else None."""
    return (inst.catalog_id, tuple(inst.stride)) if _plain(inst) else None


def _pair_values(columns: ThreatColumns, group_of: np.ndarray, value: Any) -> list[tuple]:
    """Each instance's value: ``value(i, group)`` once per distinct (element group, own
    key) pair, for its first instance ``i``, in instance order (a hand-scored instance
    is a pair of its own); every instance of a pair gets the same tuple object.

    The instances before ``columns.start`` are paired one by one with numpy; the
    merge's runs after them (``columns.runs``) a run at a time: runs of one tuple of
    threat types on elements of one group have the same values, found once."""
    made: dict[int, tuple] = {}
    out: list[tuple] = []
    if columns.start:
        out = _head_values(columns, group_of, value, made)
    if not columns.runs:
        return out
    groups, owns = group_of.tolist(), columns.owns
    per_run: dict[tuple[int, int], list[tuple]] = {}
    i = columns.start
    for element, numbers in columns.runs:
        group = groups[element]
        got = per_run.get((id(numbers), group))
        if got is None:
            got = per_run[(id(numbers), group)] = []
            base = group * owns
            for k, own in enumerate(numbers):
                v = made.get(base + own)
                if v is None:  # the pair's first instance
                    v = made[base + own] = value(i + k, group)
                got.append(v)
        out += got
        i += len(numbers)
    return out


def _head_values(columns: ThreatColumns, group_of: np.ndarray, value: Any,
                 made: dict[int, tuple]) -> list[tuple]:
    """:func:`_pair_values` of the instances before ``columns.start``, one by one; each
    pair's value filed in ``made`` under its number (a hand-scored instance ``i``:
    ``-1 - i``)."""
    group = group_of[columns.head_element_of]
    own_of = columns.head_own_of
    pair = group * columns.owns + own_of
    hand = np.flatnonzero(own_of < 0)
    pair[hand] = -1 - hand
    pairs = pair.tolist()
    # each pair's first instance: the last write of the reversed walk wins
    first = dict(zip(reversed(pairs), range(len(pairs) - 1, -1, -1), strict=True))
    groups = group.tolist()
    for i, p in sorted((i, p) for p, i in first.items()):
        made[p] = value(i, groups[i])
    return list(map(made.__getitem__, pairs))


def _plain(inst: ThreatInstance) -> bool:
    """Nobody scored the instance by hand (no likelihood, impact, CVSS or mitigation
    link): its own inputs to scoring are its catalog id and STRIDE."""
    return (inst.likelihood is None and not inst.impact and not inst.mitigations
            and inst.cvss is None)


class _RunResult:
    """One run's copy of a memo result (:func:`_run_copy`), with what every risk of it
    gets: its threat type, :class:`ThreatRisk`'s fields after the instance in field
    order (positional: keyword arguments make the call markedly slower, and it runs
    once per threat instance), and those fields judged per element role."""

    __slots__ = ("hit", "copy", "threat_type", "fields", "judged")

    def __init__(self, hit: _Scored, threat_type: Any):
        self.hit, self.threat_type = hit, threat_type
        s = self.copy = _run_copy(hit)
        self.fields = (threat_type, s.layer, s.likelihood, s.likelihood_reasons, s.impact,
                       s.impact_reasons, s.inherent, s.current, s.projected, s.controls,
                       s.cvss, s.base_likelihood, s.step_likelihood, s.context, s.exposure,
                       s.exposure_attacker, s.direct_harm, s.finding)
        self.judged: dict[int | None, tuple] = {}


class _LeanResult:
    """The pass before exposure's copy of a memo result: what :class:`StepRisk` reads
    (likelihoods and the controls, a list of this run's own), without the whole run
    copy (:class:`_RunResult`) the pass after exposure hands to its risks."""

    __slots__ = ("hit", "threat_type", "likelihood", "base_likelihood", "step_likelihood",
                 "controls")

    def __init__(self, hit: _Scored, threat_type: Any):
        self.hit, self.threat_type = hit, threat_type  # the hit: its id stays its own
        self.likelihood, self.base_likelihood = hit.likelihood, hit.base_likelihood
        self.step_likelihood, self.controls = hit.step_likelihood, list(hit.controls)


#: A risk's fields after the instance, in field order (what ``ThreatRisk(inst, *...)`` takes).
_AFTER_INSTANCE = attrgetter(*[f.name for f in fields(ThreatRisk)][1:])


class _Judged:
    """Fleet, directness and harm (``risk.judge_fleet_and_directness``,
    ``harm.judge_harm``) judged once per (run result, element role).

    Both judgements read only the risk's result (threat type, impacts and their reasons,
    direct harm), the instance's STRIDE (part of the result's key) and what
    ``FleetIndex.role`` and ``harm._element_role`` say of the element; 136,000 risks at
    10,000 elements share a few thousand such pairs, and two passes over every risk
    after scoring cost more than the scoring loop itself."""

    def __init__(self, model: ThreatModel, index: FactIndex, ix: ModelIndex):
        from workbench.analysis.harm import HarmIndex, role_harms

        self.fleet = FleetIndex(model, index.stencils, ix)
        self.harm = HarmIndex(ix)
        self.texts = role_harms()
        self._numbers: dict[tuple, int] = {}
        self._harm_parts: list[tuple] = []  # by role number: its key's harm part
        self._harms: dict[tuple, tuple] = {}

    def role(self, element: str) -> int:
        """The number of what both judgements read about ``element`` (the plain form of
        :meth:`roles`, its oracle)."""
        from workbench.analysis.harm import _element_role

        key = (self.fleet.role(element), _element_role(element, self.harm))
        return self._numbers.setdefault(key, len(self._numbers))

    def roles(self, elements: list[str]) -> list[int]:
        """:meth:`role` of each element, in one loop: ``FleetIndex.role`` and
        ``harm._element_role`` are a dozen set and dict lookups per element, and as
        functions their calls cost more than the lookups over a large model's elements
        (which share a few dozen roles). Keep the key the same tuple as :meth:`role`'s."""
        from workbench.analysis.harm import _NO_KINDS

        fleet, hx = self.fleet, self.harm
        comps, flows, managers = fleet.comps, fleet.flows, fleet.managers
        targets, anyone, single = fleet.targets, not fleet.targets, fleet.single_user
        therapy, delivers, kinds = hx.therapy, hx.delivers_therapy, hx.therapy_kinds
        alone, care, ends, care_system = hx.ix.single_user, hx._care, hx.flow_ends, hx.care_system
        partner, to_partner = hx.partner, hx.to_partner
        numbers = self._numbers
        out = []
        for e in elements:
            comp, flow = comps.get(e), flows.get(e)
            acts = e in therapy or e in delivers
            # ``therapy_kinds`` of what neither performs nor commands a therapy, and
            # ``care_system`` of a flow between two components, without the calls
            flow_ends = ends.get(e)
            if flow_ends is None:
                cares = e in care
            else:
                source, target = flow_ends
                cares = ((source in care if source not in ends else care_system(source))
                         or (target in care if target not in ends else care_system(target)))
            key = ((e in targets or anyone, e in single,
                    tuple(comp.properties.open_services) if comp is not None else None,
                    comp is not None and e in managers,
                    flow is not None and flow.source in managers),
                   (acts, kinds(e) if acts else _NO_KINDS, cares,
                    e in alone, e in to_partner or e in partner))
            number = numbers.get(key)
            if number is None:
                number = numbers.setdefault(key, len(numbers))
            out.append(number)
        return out

    def fields(self, risk: ThreatRisk, role: int | None = None) -> tuple:
        """Judge ``risk`` as the two passes do; its fields after the instance, judged.

        ``role``: the element's number from :meth:`roles`; with it the harm is judged once
        per (threat type or own STRIDE, direct harm, the role's harm part, impacts), what
        ``harm._harm`` reads: run results of one threat type on elements of one harm role
        mostly share their impacts."""
        from workbench.analysis.harm import _harm

        self.fleet.judge(risk)
        if role is None:
            risk.harm, risk.harm_id = _harm(risk, self.harm, self.texts)
            return _AFTER_INSTANCE(risk)
        ttype = risk.threat_type
        key = (id(ttype) if ttype is not None else tuple(risk.instance.stride),
               risk.direct_harm, self._harm_part(role), tuple(risk.impact.items()))
        harm = self._harms.get(key)
        if harm is None:  # the threat type held with it, so that its id stays its own
            harm = self._harms[key] = (_harm(risk, self.harm, self.texts), ttype)
        risk.harm, risk.harm_id = harm[0]
        return _AFTER_INSTANCE(risk)

    def _harm_part(self, role: int) -> tuple:
        """The harm part (``harm._element_role``) of role number ``role``'s key."""
        parts = self._harm_parts
        if role >= len(parts):
            parts.extend(key[1] for key in list(self._numbers)[len(parts):])
        return parts[role]


def _exposed(model: ThreatModel, inst: ThreatInstance, catalog: Catalog, index: FactIndex,
             scales: Scales, ix: ModelIndex, exposure: dict[str, Any], before: _Scored
             ) -> _Scored:
    """:func:`assess_instance`'s result with ``exposure`` from its result without it
    (``before``, filed under the same inputs and the element's base number).

    Exposure moves only the likelihood: impact, controls, layer, context, finding and
    CVSS are ``before``'s (the memo's own, never handed out: runs copy them), and so are
    the base and step likelihoods and the base's reasons (``before`` is the result
    without exposure of the same inputs); only exposure's step is taken
    (:func:`risk.exposed_likelihood`, the last step of ``derive_likelihood``), and the
    three risk values follow from it. An analyst's own likelihood is not moved by
    exposure. The pass after exposure misses on every element whose exposure is new, and
    most of a miss's scoring does not read exposure. ``test_risk_memo.py`` compares with
    scoring afresh."""
    exp = exposure.get(inst.element)
    reasons = list(before.likelihood_reasons)
    base_l, step_l = before.base_likelihood, before.step_likelihood
    likelihood = before.likelihood if inst.likelihood is not None else exposed_likelihood(
        base_l, reasons, catalog.threats.get(inst.catalog_id), exp, scales.likelihood)
    if likelihood == before.likelihood:  # the same inputs: ``before``'s risk values
        inherent, current, projected = before.inherent, before.current, before.projected
    else:
        inherent, current, projected = risk_values(likelihood, before.impact,
                                                   before.controls, scales)
    return _Scored(before.layer, likelihood, base_l or likelihood, step_l, before.context,
                   exp.probability if exp is not None else None,
                   exp.attacker if exp is not None else None, before.direct_harm,
                   before.finding, reasons, before.impact, before.impact_reasons, inherent,
                   current, projected, before.controls, before.cvss, before.cvss_error)


def _run_copy(s: _Scored) -> _Scored:
    """``s`` with lists and dicts of its own, shared by one run's risks of that key
    (built field by field: ``dataclasses.replace`` looks the fields up on every call)."""
    return _Scored(s.layer, s.likelihood, s.base_likelihood, s.step_likelihood, s.context,
                   s.exposure, s.exposure_attacker, s.direct_harm, s.finding,
                   list(s.likelihood_reasons), dict(s.impact), dict(s.impact_reasons),
                   s.inherent, s.current, s.projected, list(s.controls),
                   dict(s.cvss) if s.cvss is not None else None, s.cvss_error)


class SharedRisks(list):
    """The risks :func:`assess_memoised` scored (a ``list``), with ``fields``: for each
    risk the tuple it was built from (``ThreatRisk(inst, *fields[i])``).

    Risks built from one tuple share that object, and with it every value after the
    instance (the memo's shared lists and risk values included): ``analyze --json``
    builds one row per such tuple and the instance's own values
    (``pipeline._ThreatRows``) instead of comparing every field of every risk.
    ``fields`` describes the list as it was made: any change to the list drops it
    (None), and readers then compare the risks themselves. The risks are not to be
    changed after scoring (nothing does).
    """

    fields: list[tuple] | None = None

    def __init__(self, risks: Iterable[Any] = (), fields: list[tuple] | None = None) -> None:
        super().__init__(risks)
        self.fields = fields

    def _changed(self) -> None:
        self.fields = None

    def __setitem__(self, index: Any, value: Any) -> None:
        self._changed()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        self._changed()
        super().__delitem__(index)

    def __iadd__(self, other: Iterable[Any]) -> SharedRisks:  # type: ignore[override, misc]
        self._changed()
        return super().__iadd__(other)

    def __imul__(self, n: SupportsIndex) -> SharedRisks:  # type: ignore[override, misc]
        self._changed()
        return super().__imul__(n)

    def append(self, value: Any) -> None:
        self._changed()
        super().append(value)

    def extend(self, values: Iterable[Any]) -> None:
        self._changed()
        super().extend(values)

    def insert(self, index: SupportsIndex, value: Any) -> None:
        self._changed()
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> Any:
        self._changed()
        return super().pop(index)

    def remove(self, value: Any) -> None:
        self._changed()
        super().remove(value)

    def clear(self) -> None:
        self._changed()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._changed()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        self._changed()
        super().reverse()
