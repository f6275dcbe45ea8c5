"""The harm a threat does *on this element*: what the element does and carries decides it.

Why: the catalog states one harm per threat type, written for the role the threat usually
has ("wrong therapy commands relayed to the medical device" for a phone exploit). On a
wellness tracker's phone relay there is no therapy, and a board read therapy harms on an
insurer's wellness programme. So each catalog threat may say which role its harm presumes
(``harm_presumes``: a therapy function, or a care system); where the element has that
role the catalog's words stand, elsewhere the harm follows the element (rules in
docs/risk-model.md, "Harm that follows the role"):

1. the attack acts on a safety function itself: on a therapy (one patient's pump,
   implant...) wrong, stopped or delayed therapy; on one that monitors or alerts, a missed
   or false alert;
2. otherwise, by the data property the threat attacks that costs most on this element:
   integrity (wrong readings or records), availability (late or lost), confidentiality
   (disclosed), for one person (a ``single_user`` element) or for many; a disclosure of
   data the element sends to a third party (stencil tag ``partner``: an insurer, an
   employer) is its use against the person.

Where the element performs or delivers one kind of therapy (insulin, infusion, cardiac
pacing...), the harm is that kind's own sentence when the table has one: session 5's ward
board read "hypoglycaemia, arrhythmia, overdose" on an infusion pump, words written for
every therapy at once. A kind comes from the device's stencil (``therapy_kinds``), or for
what commands therapy devices (a programmer, a remote, a phone, a flow) from the devices
it commands; more than one kind, or none known, keeps the generic words.

The texts are data (``catalogs/harms.json``; French in ``report/harms-fr.json`` under
``role:ID`` and ``therapy:KIND:KEY``). Runs after scoring, reads only the element's role,
facts and impacts.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from workbench.analysis.catalog import catalogs_dir
from workbench.model.enums import Stride

if TYPE_CHECKING:
    from workbench.analysis.risk import ModelIndex, ThreatRisk

#: Stencil tag of a component whose safety function is a therapy (it doses, paces,
#: stimulates, ventilates, schedules medication, or programmes or commands one that does).
THERAPY_TAG = "therapy"
#: Stencil tag of a third-party consumer of the data (an insurer, an employer, a lab).
PARTNER_TAG = "partner"
#: Stencil tag of a system operated by a care organisation.
CLINICAL_TAG = "clinical"
#: Which impact categories each data property costs in, to pick the property that costs
#: most on the element.
_PROPERTY_CATEGORIES = {
    "integrity": ("patient_safety", "decision_making", "care_delivery"),
    "availability": ("care_delivery", "patient_safety"),
    "confidentiality": ("legal", "compliance", "image", "social", "financial"),
}
_PROPERTIES_OF = {Stride.SPOOFING: ("integrity",), Stride.TAMPERING: ("integrity",),
                  Stride.REPUDIATION: ("integrity",),
                  Stride.INFORMATION_DISCLOSURE: ("confidentiality",),
                  Stride.DENIAL_OF_SERVICE: ("availability",),
                  Stride.ELEVATION_OF_PRIVILEGE: ("integrity", "confidentiality")}


_NO_KINDS: frozenset[str] = frozenset()

#: Key of a therapy kind's own role harm in ``therapy_harms`` (the others are threat ids).
THERAPY_ROLE_KEY = "therapy"


@cache
def _raw_harms() -> dict:
    return json.loads((catalogs_dir() / "harms.json").read_text(encoding="utf-8"))


@cache
def role_harms() -> dict[str, str]:
    """The role harms by id (``catalogs/harms.json``)."""
    return {str(k): str(v) for k, v in _raw_harms()["harms"].items()}


@cache
def therapy_kinds() -> dict[str, str]:
    """Therapy kind of each stencil that performs a therapy of its own, by stencil id."""
    kinds = _raw_harms().get("therapy_kinds", {})
    return {str(stencil): str(kind) for kind, stencils in kinds.items() for stencil in stencils}


@cache
def therapy_harms() -> dict[str, dict[str, str]]:
    """Per therapy kind, its sentences by key (``therapy`` or a catalog threat id)."""
    raw = _raw_harms().get("therapy_harms", {})
    return {str(kind): {str(k): str(v) for k, v in table.items()} for kind, table in raw.items()}


class HarmIndex:
    """What the harm rules read about a model's elements, built once per assessment."""

    def __init__(self, ix: ModelIndex):
        model, tags = ix.model, ix.tags
        self.ix, self.tags = ix, tags
        # a component whose stencil is generic or unknown: presume the worst (therapy)
        self.unclassified = {c.id for c in model.components
                             if not tags[c.id] or "unclassified" in tags[c.id]}
        #: third parties, what exchanges data with one, and the flows between them
        self.partner = {cid for cid, t in tags.items() if PARTNER_TAG in t}
        self.to_partner: set[str] = set()
        self.flow_ends: dict[str, tuple[str, str]] = {}
        for flow in model.flows:
            self.flow_ends[flow.id] = (flow.source, flow.target)
            if flow.source in self.partner or flow.target in self.partner:
                self.to_partner.update((flow.source, flow.target, flow.id))
        #: components performing a therapy function, and what delivers to one
        self.therapy = {cid for cid in ix.safety
                        if THERAPY_TAG in tags.get(cid, ()) or cid in self.unclassified}
        self._stencil = {c.id: c.stencil for c in model.components}
        self._commands: dict[str, set[str]] = {}  # element -> therapy devices it delivers to
        for flow in model.flows:
            pairs = [(flow.source, flow.target)]
            if flow.bidirectional:
                pairs.append((flow.target, flow.source))
            for sender, receiver in pairs:
                if receiver in self.therapy:
                    for e in (sender, flow.id, *flow.via):
                        if e != receiver:
                            self._commands.setdefault(e, set()).add(receiver)
        #: what delivers to a therapy component (sender, flow, networks on the way)
        self.delivers_therapy: set[str] = set(self._commands)
        self._kinds: dict[str, frozenset[str]] = {}
        #: the care systems among components (:meth:`care_system`), found once
        self._care = {cid for cid, t in tags.items()
                      if CLINICAL_TAG in t and cid not in ix.single_user}

    def therapy_kinds(self, element: str) -> frozenset[str]:
        """The kinds of therapy ``element`` performs or commands (empty when unknown)."""
        if element not in self.therapy and element not in self._commands:
            return _NO_KINDS  # what _resolve_kinds finds for it, without the walk
        cached = self._kinds.get(element)
        if cached is None:
            cached = self._kinds[element] = self._resolve_kinds(element, set())
        return cached

    def _resolve_kinds(self, element: str, seen: set[str]) -> frozenset[str]:
        seen.add(element)
        own = therapy_kinds().get(self._stencil.get(element, ""))
        if own is not None and element in self.therapy:
            return frozenset({own})
        kinds: set[str] = set()
        stencil_kinds, stencils, therapy = therapy_kinds(), self._stencil, self.therapy
        for receiver in self._commands.get(element, ()):
            if receiver in seen:
                continue
            leaf = stencil_kinds.get(stencils.get(receiver, "")) if receiver in therapy else None
            if leaf is not None:  # what the walk returns for it at once (seen or not later)
                kinds.add(leaf)
            else:
                kinds |= self._resolve_kinds(receiver, seen)
        return frozenset(kinds)

    def therapy_text(self, element: str, key: str) -> tuple[str, str] | None:
        """The sentence of the one therapy kind of ``element`` for ``key``, with its id."""
        kinds = self.therapy_kinds(element)
        if len(kinds) != 1:
            return None
        (kind,) = kinds
        text = therapy_harms().get(kind, {}).get(key)
        return (text, f"therapy:{kind}:{key}") if text else None

    def acts_on_therapy(self, element: str) -> bool:
        return element in self.therapy or element in self.delivers_therapy

    def care_system(self, element: str) -> bool:
        """A system of a care organisation serving many (an EHR, a platform, a modality)."""
        ends = self.flow_ends.get(element)
        if ends is not None:  # a flow serves the care system at either end
            return self.care_system(ends[0]) or self.care_system(ends[1])
        return element in self._care


def judge_harm(risks: list[ThreatRisk], ix: ModelIndex) -> None:
    """Set ``harm`` and ``harm_id`` on every risk (see the module docstring).

    The harm is a function of the threat type (or a custom threat's STRIDE), whether the
    attack acts on a safety function, the impacts, and the element's role (what
    :func:`_element_role` reads); a hospital group's many instances share few of those,
    so each distinct combination is judged once and the answer reused.
    """
    hx = HarmIndex(ix)
    texts = role_harms()
    roles: dict[str, int] = {}  # element -> number of its role (a short key to hash)
    numbers: dict[tuple, int] = {}
    judged: dict[tuple, tuple[str, str]] = {}
    for risk in risks:
        element = risk.instance.element
        role = roles.get(element)
        if role is None:
            role = roles[element] = numbers.setdefault(_element_role(element, hx),
                                                       len(numbers))
        ttype = risk.threat_type
        # the impact dict by identity: the risk memo gives the risks of one key the same
        # dict (equal dicts under other ids only judge again); all alive through the loop
        key = (id(ttype) if ttype is not None else tuple(risk.instance.stride),
               risk.direct_harm, role, id(risk.impact))
        harm = judged.get(key)
        if harm is None:
            harm = judged[key] = _harm(risk, hx, texts)
        risk.harm, risk.harm_id = harm


def _element_role(element: str, hx: HarmIndex) -> tuple:
    """Everything :func:`_harm` reads about ``element``: the memo key's element part."""
    return (hx.acts_on_therapy(element), hx.therapy_kinds(element), hx.care_system(element),
            element in hx.ix.single_user, element in hx.to_partner or element in hx.partner)


def _harm(risk: ThreatRisk, hx: HarmIndex, texts: dict[str, str]) -> tuple[str, str]:
    ttype = risk.threat_type
    element = risk.instance.element
    if ttype is not None and ttype.harm and _presumption_holds(risk, hx):
        if hx.acts_on_therapy(element):
            specific = hx.therapy_text(element, ttype.id)
            if specific is not None:
                return specific
        return ttype.harm, ttype.id
    if risk.direct_harm:
        if hx.acts_on_therapy(element):
            specific = hx.therapy_text(element, THERAPY_ROLE_KEY)
            if specific is not None:
                return specific
            return texts["therapy"], "role:therapy"
        return texts["monitoring"], "role:monitoring"
    role = _data_role(risk, hx)
    return texts[role], f"role:{role}"


def _presumption_holds(risk: ThreatRisk, hx: HarmIndex) -> bool:
    """The element has the role the catalog's harm is written for."""
    presumes = risk.threat_type.harm_presumes if risk.threat_type is not None else None
    element = risk.instance.element
    if presumes == "therapy":
        return hx.acts_on_therapy(element)
    if presumes == "care":  # a care system's harm: many patients' care, not one device
        return hx.care_system(element) or (
            risk.direct_harm and element not in hx.ix.single_user)
    return True


@cache
def _properties(stride: tuple[str, ...]) -> tuple[str, ...]:
    """The data properties a threat of this STRIDE attacks, in order, each once: a few
    distinct STRIDE lists among a model's thousands of judged risks."""
    return tuple(dict.fromkeys(p for s in stride for p in _PROPERTIES_OF[Stride(s)]))


def _data_role(risk: ThreatRisk, hx: HarmIndex) -> str:
    """The role harm id by the data property that costs most on the element."""
    ttype = risk.threat_type
    stride = ttype.stride if ttype is not None else risk.instance.stride
    impact = risk.impact
    # the first of the properties that cost most (none attacked: integrity)
    prop, most = "integrity", None
    for p in _properties(tuple(stride)):
        cost = max(impact.get(c, 0) for c in _PROPERTY_CATEGORIES[p])
        if most is None or cost > most:
            prop, most = p, cost
    element = risk.instance.element
    if prop == "confidentiality" and (element in hx.to_partner or element in hx.partner):
        return "third-party"
    return f"{prop}-{'one' if element in hx.ix.single_user else 'many'}"
