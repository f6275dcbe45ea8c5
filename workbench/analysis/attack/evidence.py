"""What makes one attack step succeed: threats on the element reached, controls in place.

The engine only needs, per element (component or flow), a list of :class:`ThreatEvidence`:
how likely the threat is to work (from its likelihood level) and how much the controls in
place cut that. This keeps the graph engine independent of the catalog: evidence comes
from :func:`evidence_from_risks` (the risk model's output), or, for an element with no
recorded threat, from :func:`property_probability` (a documented fallback on its
properties). The formulas are in ``docs/attack-paths.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import count, repeat
from operator import itemgetter
from typing import Any

import numpy as np

from workbench.model.entities import Component, Flow
from workbench.model.enums import Authentication, PatchStatus

#: Probability that the easiest and hardest likelihood levels succeed in one attempt.
P_LOWEST, P_HIGHEST = 0.1, 0.9
#: Base chance of any step on an element with no threat and no weak property.
P_BASE = 0.05

# Property fallback: each weakness is an independent extra chance (noisy-OR).
_WEAKNESS = {
    "internet_exposed": 0.30,
    "auth_none": 0.35,
    "auth_weak": 0.15,  # password or shared secret
    "auth_unknown": 0.10,
    "patch_unsupported": 0.30,
    "patch_lagging": 0.15,
    "patch_unknown": 0.05,
    "legacy": 0.20,
    "user_apps": 0.10,
    "unsigned_updates": 0.05,
    "flow_unencrypted": 0.15,
    "flow_unauthenticated": 0.20,
}


CONTROL, EXPOSE, DENY = "control", "expose", "deny"
_SET_TYPES = (set, frozenset)
CONTROL_ONLY = frozenset({CONTROL})


@dataclass(frozen=True, slots=True)
class ThreatEvidence:
    """One threat on one element, reduced to what the attack graph needs.

    Slots: one is made per counted threat instance (a hospital group has over a hundred
    thousand), each read many times by the plan's what-ifs; a slotted object is made
    faster, is smaller than one with a ``__dict__``, and its fields are read faster.
    """

    key: str
    probability: float  # chance the threat works, before controls
    in_place: float = 1.0  # product of (1 - effectiveness) of controls in place
    #: Controls that could still be put in place: (candidate id, effectiveness).
    options: tuple[tuple[str, float], ...] = ()
    #: What the threat does to the attacker's position (catalog ``effect``): ``control``
    #: moves the attacker on, ``expose`` reaches data targets, ``deny`` availability ones.
    effects: frozenset[str] = CONTROL_ONLY
    #: How the attacker must reach the element (catalog ``vector``); None: a custom threat
    #: with no catalog type, counted for every attacker.
    vector: str | None = None
    #: The number of the (type, likelihood level, controls) template it was made from
    #: (``evidence_from_risks``), -1 for none. Two threats of one template number have
    #: the same chance, controls in place, effects, vector and options, but for the
    #: element in their catalog candidates' ids (``catalog:<control>@<element>``): so an
    #: element's shape (``plan_screen``) can be read from its threats' numbers instead
    #: of their options. -1 where that does not hold: a planned model control named
    #: like a catalog candidate (its local name would depend on the element). Not
    #: compared: it says how the evidence was made, not what it is.
    template: int = field(default=-1, compare=False)

    def residual(self, extra: Iterable[str] = ()) -> float:
        """Success chance with controls in place plus the candidates named in ``extra``.

        Called for every threat of every element a what-if recomputes: the set types are
        a module constant, not a union built on each call."""
        options = self.options
        if not options or not extra:
            return self.probability * self.in_place  # no option can be among ``extra``
        chosen = extra if isinstance(extra, _SET_TYPES) else set(extra)
        factor = self.in_place
        for cid, eff in options:
            if cid in chosen:
                factor *= 1.0 - eff
        return self.probability * factor


class _Draft:
    """A :class:`ThreatEvidence` being made: the same slots in the same order, not frozen,
    so its fields are written by plain attribute stores (which the interpreter
    specialises for slots); :func:`_new_evidence` then makes it a ``ThreatEvidence`` by
    ``__class__`` assignment, which Python allows between classes of the same layout."""

    __slots__ = ThreatEvidence.__slots__


_NEW = object.__new__


def _new_evidence(key: str, probability: float, in_place: float,
                  options: tuple[tuple[str, float], ...], effects: frozenset[str],
                  vector: str | None, template: int) -> ThreatEvidence:
    """``ThreatEvidence(key, probability, in_place, options, effects, vector, template)``,
    made the faster way.

    Why: ``evidence_from_risks`` makes one per counted threat (131,000 at 10,000
    elements), and a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` by name (the slots' own ``__set__``, called from Python, parse
    their arguments per call); a :class:`_Draft` is written by plain stores. The same
    object (``tests/analysis/test_evidence_templates.py``)."""
    made = _Draft()
    made.key = key
    made.probability = probability
    made.in_place = in_place
    made.options = options
    made.effects = effects
    made.vector = vector
    made.template = template
    made.__class__ = ThreatEvidence  # type: ignore[assignment]
    return made


@dataclass(slots=True)
class Candidate:
    """A control that can be funded: a planned model control or a catalog suggestion.

    Slots: the catalog suggests one per control and element (a few hundred thousand in a
    hospital group). Subclasses (``recommend.py``'s fleets and bundles) are few.
    """

    id: str
    title: str
    cost: float
    #: A catalog candidate's is a frozenset shared with the other candidates on its
    #: element (``evidence_from_risks``): read it, never change it.
    elements: set[str] = field(default_factory=set)
    #: The catalog control's kind (prevent, detect, respond, recover); "" for the model's
    #: own controls. Bundles (``recommend.py``) are made of preventive controls only.
    kind: str = ""


EdgeEvidence = dict[str, list[ThreatEvidence]]


@dataclass(slots=True)
class CandidateSites:
    """The fundable candidates as arrays, by their position in a :class:`CandidateTable`.

    Why: a hospital group has a few hundred thousand catalog candidates, each a catalog
    control on one element; what the plan's risk term reads of one is only that pair
    (``plan_risk.RiskTerm.removed_table``), so it is kept as two numbers per position
    instead of being parsed back out of each object's id.
    """

    #: per position: the control's number in ``controls``, -1 where the entry is not a
    #: plain ``catalog:<control>@<element>`` candidate on that one element (fleets, the
    #: model's own controls, a catalog-looking id a model control also has)
    control: np.ndarray
    #: per position: the element's number in ``elements`` (where ``control`` >= 0)
    element: np.ndarray
    controls: list[str]
    elements: list[str]
    #: fleet id -> its members' positions, in its ``members`` order
    fleets: dict[str, np.ndarray]
    #: per position: the entry's ``cost`` as a float, once the plan's costs are written
    #: (``recommend.applicable_candidates``); None before. Readers of every candidate's
    #: cost (the risk-first order, fleets' screening scores) take it here, not from a
    #: million objects at 50,000 elements
    cost: np.ndarray | None = None


class CandidateTable(dict):
    """``dict[str, Candidate]`` that may carry its :class:`CandidateSites`.

    The sites describe the entries as they were when made: any change to the dict
    drops them (``sites`` None), and readers then take the objects' own way. ``update``
    into an empty table from a table with sites keeps them (the engine fills its table
    that way). The objects themselves are not to be changed once the sites are made.
    """

    sites: CandidateSites | None = None

    def update(self, other=(), /, **kwargs) -> None:  # type: ignore[override]
        sites = (other.sites if not self and not kwargs and isinstance(other, CandidateTable)
                 else None)
        super().update(other, **kwargs)
        self.sites = sites

    def __setitem__(self, key, value) -> None:
        self.sites = None
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self.sites = None
        super().__delitem__(key)

    def __ior__(self, other):  # type: ignore[override]
        self.sites = None
        return super().__ior__(other)

    def pop(self, *args):  # type: ignore[override]
        self.sites = None
        return super().pop(*args)

    def popitem(self):  # type: ignore[override]
        self.sites = None
        return super().popitem()

    def clear(self) -> None:
        self.sites = None
        super().clear()

    def setdefault(self, key, default=None):  # type: ignore[override]
        self.sites = None
        return super().setdefault(key, default)


def level_probability(level: int, levels: tuple[int, ...]) -> float:
    """Map a likelihood level to a success probability: linear in its rank on the scale."""
    if not levels:
        return P_LOWEST
    below = [v for v in levels if v <= level]
    rank = levels.index(below[-1]) if below else 0
    if len(levels) == 1:
        return P_HIGHEST
    return P_LOWEST + (P_HIGHEST - P_LOWEST) * rank / (len(levels) - 1)


def combine(probabilities: Iterable[float]) -> float:
    """Chance that at least one of independent attempts works (noisy-OR of one step)."""
    miss = 1.0
    for p in probabilities:
        miss *= 1.0 - min(1.0, max(0.0, p))
    return 1.0 - miss


#: The access vectors an attacker profile may be limited to (the CVSS attack vector). A
#: threat on another vector (supply_chain, insider, accidental) counts for every attacker.
ACCESS_VECTORS = frozenset({"physical", "local", "adjacent", "network"})


def usable(threat: ThreatEvidence, vectors: frozenset[str] | None) -> bool:
    """Whether an attacker limited to ``vectors`` (None: every vector) can use ``threat``."""
    return (vectors is None or threat.vector not in ACCESS_VECTORS
            or threat.vector in vectors)


def element_probability(threats: list[ThreatEvidence], extra: Iterable[str] = (),
                        effect: str = CONTROL, vectors: frozenset[str] | None = None
                        ) -> float:
    """The element's ``effect`` works as well as its easiest threat with that effect.

    Not a noisy-OR: catalog threats on one element overlap heavily (same weakness seen
    from several angles), and combining a dozen of them as independent saturates at 1.
    ``vectors``: only threats an attacker limited to these vectors can use count.
    """
    # A set is built once here (or by the caller, for many elements): residual() reads it.
    chosen = extra if isinstance(extra, _SET_TYPES) else frozenset(extra)
    return max((t.residual(chosen) for t in threats
                if effect in t.effects and usable(t, vectors)), default=0.0)


def property_weaknesses(component: Component | None, flow: Flow | None) -> list[str]:
    """Names of the weak properties the fallback counts, for explanations and tests."""
    found: list[str] = []
    if component is not None:
        props = component.properties
        if props.internet_exposed:
            found.append("internet_exposed")
        if props.authentication == Authentication.NONE:
            found.append("auth_none")
        elif props.authentication in (Authentication.PASSWORD, Authentication.SHARED_SECRET):
            found.append("auth_weak")
        elif props.authentication == Authentication.UNKNOWN:
            found.append("auth_unknown")
        patch = {PatchStatus.UNSUPPORTED: "patch_unsupported",
                 PatchStatus.LAGGING: "patch_lagging",
                 PatchStatus.UNKNOWN: "patch_unknown"}.get(props.patch_status)  # type: ignore[arg-type]
        if patch:
            found.append(patch)
        if props.legacy:
            found.append("legacy")
        if props.user_installable_apps:
            found.append("user_apps")
        if props.signed_updates is False:
            found.append("unsigned_updates")
    if flow is not None:
        if not flow.encrypted:
            found.append("flow_unencrypted")
        if not flow.authenticated:
            found.append("flow_unauthenticated")
    return found


#: Flow weaknesses that give control of the receiving end (an unencrypted flow only
#: exposes its data: it does not move the attacker).
FLOW_CONTROL_WEAKNESSES = {"flow_unauthenticated"}


def property_probability(component: Component | None, flow: Flow | None) -> float:
    """Fallback chance of control of ``component`` (or through ``flow``) with no threats."""
    weak = property_weaknesses(component, flow)
    if component is None:
        return combine([_WEAKNESS[w] for w in weak if w in FLOW_CONTROL_WEAKNESSES])
    return combine([P_BASE] + [_WEAKNESS[w] for w in weak])


def capability_scale(p: float, capability: float) -> float:
    """Scale a step's chance by attacker capability: 0.5 leaves it, 1 squares the miss."""
    if p <= 0.0 or capability <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    return 1.0 - math.pow(1.0 - p, 2.0 * capability)


_COST_UNITS = {"low": 1.0, "medium": 3.0, "high": 9.0}


def cost_units(cost: str | None) -> float:
    """Cost of a control in relative units: low 1, medium 3, high 9, or a number as given."""
    if cost is None:
        return _COST_UNITS["medium"]
    text = str(cost).strip().lower()
    if text in _COST_UNITS:
        return _COST_UNITS[text]
    try:
        value = float(text.replace(",", "").split()[0])
    except (ValueError, IndexError):
        return _COST_UNITS["medium"]
    return value if value > 0 and math.isfinite(value) else _COST_UNITS["medium"]


#: A template: what one threat's evidence takes from its type, likelihood level and
#: controls (chance, in place, effects, vector, model options (id, effectiveness,
#: title), the same as (id, effectiveness) pairs, catalog options (id, effectiveness,
#: title, cost units, the control's number), the template's number
#: (``ThreatEvidence.template``).
_Template = tuple[float, float, frozenset[str], "str | None",
                  list[tuple[str, float, str]], tuple[tuple[str, float], ...],
                  list[tuple[str, float, str, float, int]], int]


def evidence_from_risks(risks: list, likelihood_levels: tuple[int, ...],
                        catalog=None) -> tuple[EdgeEvidence, dict[str, Candidate]]:
    """Evidence per element from the risk model's ``ThreatRisk`` list, and fundable controls.

    Candidates are the model's controls not yet in place (by id) and catalog controls
    suggested for a threat but absent from the model (``catalog:<id>@<element>`` on each
    element).

    What depends only on the threat type (its effects, its catalog controls), on the
    likelihood level and on the controls' tuple (the risk memo shares one per distinct
    scoring) is one *template*, worked out once: a hospital group has 100,000 threat
    instances of a few hundred templates. An element's run of threats is then a sequence
    of templates, and elements of one kind have the same sequence (a hundred sequences
    for 20,000 elements): which catalog candidates the run names, in which order, and
    which of them each threat lists is worked out once per sequence (:class:`_Recipe`);
    per element only its candidates are named, and per threat its options are picked from
    them. A run with a planned model control is built threat by threat (:func:`_own_run`).

    The candidates come as a :class:`CandidateTable` whose sites number each catalog
    candidate's control and element (-1 for the model's own controls), read by
    ``recommend.applicable_candidates`` per (control, site class) instead of per object.
    """
    numbers: dict[str, int] = {}  # catalog control -> its number (``_offered``)
    chance: dict[int, float] = {}
    #: (type, level, controls) -> its template, or None: no effect on the attacker
    templates: dict[tuple, _Template | None] = {}
    made_templates = next(_TEMPLATE_NUMBERS)  # the next template's number
    per_controls: dict[int, tuple[float, list[tuple[str, float, str]], set[str]]] = {}
    offered: dict[str, list[tuple[str, float, str, float, int]]] = {}
    runs: list[tuple[str, list[_Template], list[str]]] = []  # (element, templates, keys)
    counted_of: dict[Any, bool] = {}
    #: id of a controls object -> (type, level, template) of the last risk holding it
    #: (the risks keep the controls objects alive through the loop)
    last_of: dict[int, tuple[Any, Any, _Template | None]] = {}
    element: str | None = None
    run: list[_Template] = []  # the current element's run: its threats' templates
    keys: list[str] = []  # and their keys
    for risk in risks:
        inst = risk.instance
        status = inst.status
        counted = counted_of.get(status)
        if counted is None:
            counted = counted_of[status] = risk.counted
        if not counted:
            continue
        ttype = risk.threat_type
        # base likelihood: the chance the threat works once attempted (exposure is the
        # graph's own business; using the exposure-adjusted value would count it twice),
        # without the adjustments that only say who can reach it (internet exposure: the
        # graph's internet entry is that reach)
        try:  # a risk's own attributes (slots) read directly; other objects may lack them
            step, base = risk.step_likelihood, risk.base_likelihood
        except AttributeError:
            step, base = (getattr(risk, "step_likelihood", None),
                          getattr(risk, "base_likelihood", None))
        base = step if step is not None else base
        level = base if base is not None else risk.likelihood
        controls = risk.controls
        # the risks of one scoring share their controls object, type and level: the last
        # template met with this controls object, when the type and level are its own
        last = last_of.get(id(controls))
        if last is not None and last[0] is ttype and last[1] == level:
            template = last[2]
        else:
            key = (id(ttype) if ttype is not None else (inst.catalog_id, tuple(inst.stride)),
                   level, id(controls) if controls else 0)
            if key in templates:
                template = templates[key]
            else:
                template = templates[key] = _template(
                    inst, ttype, level, controls, likelihood_levels, catalog, chance,
                    per_controls, offered, numbers, made_templates)
                if template is not None:
                    made_templates = next(_TEMPLATE_NUMBERS)
            if ttype is not None:  # a custom threat's template is its STRIDE letters'
                last_of[id(controls)] = (ttype, level, template)
        if template is None:
            continue  # repudiation, accidents: no change to the attacker's position
        if inst.element != element:  # a new run of one element's threats
            if run:
                runs.append((element, run, keys))
            element, run, keys = inst.element, [], []
        run.append(template)
        keys.append(inst.key)
    if run:
        runs.append((element, run, keys))
    made = _made(runs)
    return made.evidence, made.table(numbers)


def _made(runs: list[tuple[str, list[_Template], list[str]]]) -> _Made:
    """The evidence and candidates of ``runs`` (element, its run's templates, their
    keys), run after run; made again with every candidate id looked up first when an
    element's first run named a candidate already made (:class:`_Clash`)."""
    recipes: dict[tuple[int, ...], _Recipe | None] = {}
    made = _Made()
    try:
        for element, run, keys in runs:
            made.run(element, run, keys, recipes)
    except _Clash:
        made = _Made(look_up=True)
        for element, run, keys in runs:
            made.run(element, run, keys, recipes)
    return made


class _Clash(Exception):
    """An element's first run named a catalog candidate id already in the table (a
    planned model control of that id, or an element or control id holding ``@``)."""


class _Recipe:
    """What an element's run of threats of given templates makes, but for the element:
    its catalog candidates in the order the threats first name them (the id's and the
    title's text before the element, effectiveness, cost units, the control's number),
    and per threat the positions of its options among them (an ``itemgetter`` over the
    element's tuple of (id, effectiveness) pairs)."""

    __slots__ = ("candidates", "picks", "named", "controls", "threats", "numbers")

    def __init__(self, run: list[_Template]):
        first: dict[str, int] = {}
        self.candidates: list[tuple[str, float, str, float, int]] = []
        self.picks: list[itemgetter] = []
        for template in run:
            at = []
            for type_id, effectiveness, title, cost, n in template[6]:
                k = first.get(type_id)
                if k is None:  # a catalog control has one effectiveness: the first's
                    k = first[type_id] = len(self.candidates)
                    self.candidates.append((f"catalog:{type_id}@", effectiveness,
                                            f"{title} on ", cost, n))
                at.append(k)
            # a tuple of the pairs at ``at``: one item or none is a slice
            self.picks.append(itemgetter(*at) if len(at) > 1 else
                              itemgetter(slice(at[0], at[0] + 1)) if at else
                              itemgetter(slice(0, 0)))
        #: the candidates but their control numbers, which are ``controls``
        self.named = [candidate[:4] for candidate in self.candidates]
        self.controls = [candidate[4] for candidate in self.candidates]
        #: per threat, what its evidence takes from its template: chance, controls in
        #: place, effects, vector, the template's number
        self.threats = [(t[0], t[1], t[2], t[3], t[7]) for t in run]
        #: the threats' template numbers (``build_table``'s per-element key)
        self.numbers = tuple([t[7] for t in run])


class RecipeEvidence(list):
    """An element's evidence list made by one run of a recipe (:class:`_Recipe`), tagged
    with it: what depends only on the threats' templates (``build_graph``'s plain
    chances, ``build_table``'s shape key and option order) is then worked out once per
    recipe instead of per element (20,000 elements share a few hundred recipes).

    A list: comparisons and C-level reads are a list's. ``recipe`` is None once the
    element is met again (its list then holds more than one run); ``options`` are the
    element's (candidate id, effectiveness) pairs in the recipe's candidate order, which
    is the order its threats first list them. A copy (``copy``, ``deepcopy``, one sent to
    another process) is a plain list: its readers then take the per-element way."""

    __slots__ = ("recipe", "options")

    def __reduce__(self):
        return list, (list(self),)


class _Made:
    """The evidence and candidates :func:`evidence_from_risks` makes, run by run."""

    def __init__(self, look_up: bool = False) -> None:
        #: False: an element's first run makes its candidates without looking each up
        #: (:meth:`_first_run`)
        self.look_up = look_up
        self.evidence: EdgeEvidence = {}
        self.candidates: dict[str, Candidate] = {}
        #: per candidate, as CandidateSites (lists: an array's append parses its argument)
        self.control_at: list[int] = []
        self.element_at: list[int] = []
        self.element_numbers: dict[str, int] = {}
        #: False: a candidate's elements changed after it was numbered
        self.plain = True
        #: element -> {element}: a catalog candidate's elements (its id names its one
        #: element), one frozenset shared by the element's candidates instead of a set
        #: each (a hospital group has a few hundred thousand of them)
        self.alone: dict[str, frozenset[str]] = {}

    def run(self, element: str, run: list[_Template], keys: list[str],
            recipes: dict[tuple[int, ...], _Recipe | None]) -> None:
        """Add the evidence and candidates of ``element``'s run of threats (templates
        ``run``, keys ``keys``); ``recipes``: per sequence of templates (by id: the
        templates dict holds them), its recipe, None for a run with a model control."""
        number = self.element_numbers.setdefault(element, len(self.element_numbers))
        threats = self.evidence.get(element)
        sequence = tuple(map(id, run))
        recipe = recipes.get(sequence, _UNSEEN)
        if recipe is _UNSEEN:
            recipe = recipes[sequence] = (None if any(t[4] for t in run) else _Recipe(run))
        if threats is not None and type(threats) is RecipeEvidence:
            threats.recipe = None  # met again: its list holds more than one run
        if recipe is None:
            if threats is None:
                threats = self.evidence[element] = []
            self._own_run(element, number, run, keys, threats)
            return
        if not self.look_up and number == len(self.element_numbers) - 1:
            pairs = self._first_run(element, number, recipe)
        else:
            pairs = self._looked_up(element, number, recipe)
        if threats is None:
            threats = self.evidence[element] = RecipeEvidence()
            threats.recipe, threats.options = recipe, pairs
        append = threats.append
        for (q, in_place, effects, vector, number), key, pick in zip(
                recipe.threats, keys, recipe.picks, strict=True):
            # _new_evidence(key, q, in_place, pick(pairs), effects, vector, number),
            # inline: one per counted threat (131,000 at 10,000 elements)
            made = _NEW(_Draft)
            made.key = key
            made.probability = q
            made.in_place = in_place
            made.options = pick(pairs)
            made.effects = effects
            made.vector = vector
            made.template = number
            made.__class__ = ThreatEvidence  # type: ignore[assignment]
            append(made)

    def _first_run(self, element: str, number: int, recipe: _Recipe
                   ) -> tuple[tuple[str, float], ...]:
        """The catalog candidates ``recipe`` names on ``element`` in its first run, made
        and put in the table with their sites; their (id, effectiveness) pairs.

        Why: their ids name the element, so none is in the table yet but for a planned
        model control of that id or an id holding ``@``; looking each up (243,000 at
        10,000 elements) cost more than knowing afterwards, from the table's size, that
        none was there. One was: :class:`_Clash` (the caller starts again, looking up)."""
        candidates = self.candidates
        before = len(candidates)
        only = self.alone[element] = frozenset((element,))
        pairs = []
        append = pairs.append
        for prefix, effectiveness, title, cost in recipe.named:
            cid = prefix + element
            # Candidate(cid, title + element, cost, only) without its __init__ call
            # (one per catalog candidate: a few hundred thousand)
            cand = _NEW(Candidate)
            cand.id = cid
            cand.title = title + element
            cand.cost = cost
            cand.elements = only
            cand.kind = ""
            candidates[cid] = cand
            append((cid, effectiveness))
        if len(candidates) != before + len(pairs):
            raise _Clash(element)
        self.control_at.extend(recipe.controls)
        self.element_at.extend(repeat(number, len(pairs)))
        return tuple(pairs)

    def _looked_up(self, element: str, number: int, recipe: _Recipe
                   ) -> tuple[tuple[str, float], ...]:
        """:meth:`_first_run`, each id looked up first: a candidate already made (the
        element met again, a model control of that id) collects the element."""
        candidates, control_at, element_at = self.candidates, self.control_at, self.element_at
        only = self.alone.get(element)
        pairs = []
        for prefix, effectiveness, title, cost, n in recipe.candidates:
            cid = prefix + element
            cand = candidates.get(cid)
            if cand is None:
                if only is None:
                    only = self.alone[element] = frozenset((element,))
                # Candidate(cid, title + element, cost, only) without its __init__ call
                # (one per catalog candidate: a few hundred thousand)
                cand = candidates[cid] = _NEW(Candidate)
                cand.id, cand.title, cand.cost, cand.elements, cand.kind = (
                    cid, title + element, cost, only, "")
                control_at.append(n)
                element_at.append(number)
            else:
                self._met_again(cand, element)
            pairs.append((cand.id, effectiveness))
        return tuple(pairs)

    def _own_run(self, element: str, number: int, run: list[_Template], keys: list[str],
                 threats: list[ThreatEvidence]) -> None:
        """A run with planned model controls, threat by threat: a model control's
        candidate collects the elements of every threat that lists it, and one may be
        named like a catalog candidate."""
        candidates, control_at, element_at = self.candidates, self.control_at, self.element_at
        #: the run's catalog options: type id -> (candidate id, effectiveness); one pair
        #: per candidate, shared by the run's threats that list it
        made: dict[str, tuple[str, float]] = {}
        for template, key in zip(run, keys, strict=True):
            q, in_place, effects, vector, own, own_pairs, types, template_number = template
            options = list(own_pairs)
            for control, _effectiveness, title in own:
                cand = candidates.get(control)
                if cand is None:
                    cand = candidates[control] = Candidate(control, title, 0.0)
                    control_at.append(-1)
                    element_at.append(-1)
                elif element not in cand.elements and control.startswith("catalog:"):
                    self.plain = False  # it may be a catalog candidate, numbered on one element
                _add_element(cand, element)
            for type_id, effectiveness, title, cost, n in types:
                pair = made.get(type_id)  # a catalog control has one effectiveness
                if pair is None:
                    cand = self._catalog_candidate(f"catalog:{type_id}@{element}",
                                                   f"{title} on {element}", cost, element,
                                                   number, n)
                    pair = made[type_id] = (cand.id, effectiveness)
                options.append(pair)
            threats.append(_new_evidence(key, q, in_place, tuple(options), effects, vector,
                                         template_number))

    def _catalog_candidate(self, cid: str, title: str, cost: float, element: str,
                           number: int, control: int) -> Candidate:
        """The catalog candidate ``cid`` on ``element``, made on first sight with its
        site (control and element numbers). The per-recipe loop of :meth:`run` makes its
        candidates inline, the same way: it makes a few hundred thousand."""
        cand = self.candidates.get(cid)
        if cand is None:
            only = self.alone.get(element)
            if only is None:
                only = self.alone[element] = frozenset((element,))
            cand = self.candidates[cid] = Candidate(cid, title, cost, only)
            self.control_at.append(control)
            self.element_at.append(number)
        else:
            self._met_again(cand, element)
        return cand

    def _met_again(self, cand: Candidate, element: str) -> None:
        """A catalog candidate's id met again: a model control of that very id, on
        ``element`` too; met on another element, the table's sites no longer hold."""
        if element not in cand.elements:
            self.plain = False
        _add_element(cand, element)

    def table(self, numbers: dict[str, int]) -> CandidateTable:
        """The candidates as a :class:`CandidateTable`, with their sites when each
        catalog candidate is on its one element."""
        table = CandidateTable(self.candidates)  # filled as a plain dict: no override per item
        if self.plain and len(self.control_at) == len(self.candidates):
            table.sites = CandidateSites(
                np.array(self.control_at, dtype=np.int64),
                np.array(self.element_at, dtype=np.int64), list(numbers),
                list(self.element_numbers), {})
        return table


#: ``recipes``' answer for a sequence not met yet (None is an answer: a model control)
_UNSEEN = object()


def _template(inst, ttype, level: int, controls, likelihood_levels, catalog,
              chance: dict[int, float], per_controls: dict, offered: dict,
              numbers: dict[str, int], number: int) -> _Template | None:
    """The template of a threat of type ``ttype`` (None: a custom threat, read from its
    STRIDE letters) at likelihood ``level`` with ``controls``, numbered ``number`` (-1
    when a planned control is named like a catalog candidate); None when the threat has
    no effect on the attacker's position. The level's chance and each controls object's
    part are worked out once (``chance``, ``per_controls``: the controls object is kept
    alive by the risk that holds it)."""
    from workbench.analysis.catalog import effects_from_stride

    if ttype is not None:
        effects, vector = frozenset(ttype.effects), getattr(ttype, "vector", None)
    else:
        effects, vector = frozenset(effects_from_stride(inst.stride)), None
    if not effects:
        return None
    q = chance.get(level)
    if q is None:
        q = chance[level] = level_probability(level, likelihood_levels)
    if controls:
        known = per_controls.get(id(controls))
        if known is None:
            known = per_controls[id(controls)] = _controls_part(controls)
        in_place, own, present_types = known
    else:
        in_place, own, present_types = 1.0, [], _NONE_PRESENT
    types = [t for t in _offered(offered, inst.catalog_id, catalog, numbers)
             if t[0] not in present_types]
    if any(control.startswith(_CATALOG_PREFIX) for control, _e, _t in own):
        number = -1
    return (q, in_place, effects, vector, own,
            tuple((control, effectiveness) for control, effectiveness, _t in own), types,
            number)


#: Template numbers (``ThreatEvidence.template``), one counter for the process: the
#: incremental re-analysis merges an earlier call's evidence lists with a new call's,
#: and two templates of different calls must not share a number there.
_TEMPLATE_NUMBERS = count()


#: Prefix of catalog candidate ids (``recommend.CATALOG_PREFIX``; that module imports
#: this one).
_CATALOG_PREFIX = "catalog:"


_NONE_PRESENT: frozenset[str] = frozenset()


def _add_element(cand: Candidate, element: str) -> None:
    """Add ``element`` to the candidate's elements; a shared frozenset (a catalog
    candidate's) is replaced by a set of its own first."""
    if element not in cand.elements:
        if isinstance(cand.elements, frozenset):
            cand.elements = set(cand.elements)
        cand.elements.add(element)


def _offered(offered: dict[str, list[tuple[str, float, str, float, int]]], catalog_id: str,
             catalog, numbers: dict[str, int]) -> list[tuple[str, float, str, float, int]]:
    """The catalog controls that cut the likelihood of threat ``catalog_id`` (none without
    a catalog): id, effectiveness, title, cost units and the control's number in
    ``numbers`` (in order of first offer), once per catalog id."""
    if catalog is None:
        return []
    types = offered.get(catalog_id)
    if types is None:
        types = offered[catalog_id] = [
            (c.id, c.effectiveness, c.title, cost_units(c.cost),
             numbers.setdefault(c.id, len(numbers)))
            for c in catalog.controls_for(catalog_id)
            if c.reduces_effective in ("likelihood", "both")]
    return types


def _controls_part(controls) -> tuple[float, list[tuple[str, float, str]], set[str]]:
    """What a threat's controls give its evidence: the product of ``1 - effectiveness``
    of those in place, the others as options (id, effectiveness, title), and the catalog
    types present (their catalog suggestion is not offered again)."""
    in_place = 1.0
    own: list[tuple[str, float, str]] = []
    present_types: set[str] = set()
    for ctl in controls:
        if ctl.catalog_id:
            present_types.add(ctl.catalog_id)
        if ctl.reduces not in ("likelihood", "both"):
            continue
        if ctl.in_place:
            in_place *= 1.0 - ctl.effectiveness
        else:
            own.append((ctl.control, ctl.effectiveness, ctl.title))
    return in_place, own, present_types
