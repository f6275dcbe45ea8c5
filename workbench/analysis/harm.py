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

The texts are data (``catalogs/harms.json``; French in ``report/harms-fr.json`` under
``role:ID``). Runs after scoring, reads only the element's role, facts and impacts.
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


@cache
def role_harms() -> dict[str, str]:
    """The role harms by id (``catalogs/harms.json``)."""
    raw = json.loads((catalogs_dir() / "harms.json").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in raw["harms"].items()}


class HarmIndex:
    """What the harm rules read about a model's elements, built once per assessment."""

    def __init__(self, ix: ModelIndex):
        model, stencils = ix.model, ix.stencils
        tags = {c.id: set(getattr(stencils.get(c.stencil), "tags", ()) or ())
                for c in model.components}
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
        self.delivers_therapy: set[str] = set()
        for flow in model.flows:
            pairs = [(flow.source, flow.target)]
            if flow.bidirectional:
                pairs.append((flow.target, flow.source))
            for sender, receiver in pairs:
                if receiver in self.therapy:
                    self.delivers_therapy.update(e for e in (sender, flow.id, *flow.via)
                                                 if e != receiver)

    def acts_on_therapy(self, element: str) -> bool:
        return element in self.therapy or element in self.delivers_therapy

    def care_system(self, element: str) -> bool:
        """A system of a care organisation serving many (an EHR, a platform, a modality)."""
        if element in self.flow_ends:  # a flow serves the care system at either end
            return any(self.care_system(end) for end in self.flow_ends[element])
        return (CLINICAL_TAG in self.tags.get(element, ())
                and element not in self.ix.single_user)


def judge_harm(risks: list[ThreatRisk], ix: ModelIndex) -> None:
    """Set ``harm`` and ``harm_id`` on every risk (see the module docstring)."""
    hx = HarmIndex(ix)
    texts = role_harms()
    for risk in risks:
        risk.harm, risk.harm_id = _harm(risk, hx, texts)


def _harm(risk: ThreatRisk, hx: HarmIndex, texts: dict[str, str]) -> tuple[str, str]:
    ttype = risk.threat_type
    element = risk.instance.element
    if ttype is not None and ttype.harm and _presumption_holds(risk, hx):
        return ttype.harm, ttype.id
    if risk.direct_harm:
        role = "therapy" if hx.acts_on_therapy(element) else "monitoring"
        return texts[role], f"role:{role}"
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


def _data_role(risk: ThreatRisk, hx: HarmIndex) -> str:
    """The role harm id by the data property that costs most on the element."""
    ttype = risk.threat_type
    stride = ttype.stride if ttype is not None else risk.instance.stride
    properties = list(dict.fromkeys(p for s in stride for p in _PROPERTIES_OF[Stride(s)]))

    def cost(prop: str) -> int:
        return max((risk.impact.get(c, 0) for c in _PROPERTY_CATEGORIES[prop]), default=0)

    prop = max(properties, key=lambda p: (cost(p), -properties.index(p)),
               default="integrity")
    element = risk.instance.element
    if prop == "confidentiality" and (element in hx.to_partner or element in hx.partner):
        return "third-party"
    return f"{prop}-{'one' if element in hx.ix.single_user else 'many'}"
