"""One row per threat, not per copy: the ranking every board view uses.

The rule engine puts a catalog threat on every element it fits: ten identical infusion
pumps carry ten copies of "unauthorised change of therapy settings". A board needs the
threat once, "on 10 elements", ranked against *other* threats. :func:`grouped_ranking`
groups the risks to treat (counted and in scope) by catalog threat and ranks the groups:

1. residual risk (current, after the controls in place) of the group's worst copy;
2. then patient-safety impact (the highest over the copies);
3. then, among equals, a *finding* (the model declares the very weakness the threat
   exploits: records on the web asking for no login) before a possibility;
4. then how directly it harms a patient (``ThreatRisk.harm_distance``): on the device that
   treats the patient (a patient-safety target: the pump, the implant), then on another
   safety function or the commands to one, then through data;
5. then fleet-wide harm (``ThreatRisk.mass_harm``) before harm to one patient;
6. then reachability (the highest chance a declared attacker can attempt it);
7. then inherent risk, the number of elements, and the catalog id (a stable order).

The worst copy of a group is the first by the same key, so the element a board reads
is the most direct, confirmed and reachable one among the copies at the top level.

Among threats at the same residual risk, a threat whose worst copy's harm repeats the
harm of a threat ranked above it goes after those that tell a new one (:func:`_new_harms_first`).
Why (session 6): home telemonitoring's board read four of five lines about one household
("one person's readings or records altered", on the cuff, the tablet, the cellular hub,
the tablet again) and left out the hospital's EHR and the cardiologist's workstation; at
equal risk a board learns more from a new consequence than from another way to the same one.

The window's grouped threat list, the CLI, the board report and the workshop all call
this function, so they show the same five threats in the same order
(``tests/analysis/test_consistency.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workbench.analysis.risk import RiskValue, ThreatRisk


def _copy_key(risk: ThreatRisk) -> tuple:
    """Worst copy first: residual, patient safety, finding, directness, fleet, reach,
    inherent, key."""
    return (-risk.current.score, -risk.impact.get("patient_safety", 0), not risk.finding,
            risk.harm_distance, not risk.mass_harm, -(risk.exposure or 0.0),
            -risk.inherent.score, risk.instance.key)


@dataclass
class ThreatGroup:
    """One catalog threat and its copies, worst copy first.

    It reads like a :class:`ThreatRisk` where a list needs one (``instance``, ``current``,
    ``inherent``, ``projected``, ``layer``, ``controls``, ``threat_type`` are the worst
    copy's), so a table of risks can show groups unchanged.
    """

    catalog_id: str
    title: str
    threats: list[ThreatRisk]

    @property
    def worst(self) -> ThreatRisk:
        return self.threats[0]

    @property
    def count(self) -> int:
        return len(self.threats)

    @property
    def elements(self) -> list[str]:
        return list(dict.fromkeys(t.instance.element for t in self.threats))

    @property
    def instance(self):
        return self.worst.instance

    @property
    def threat_type(self):
        return self.worst.threat_type

    @property
    def layer(self) -> str:
        return self.worst.layer

    @property
    def controls(self):
        return self.worst.controls

    @property
    def current(self) -> RiskValue:
        return self.worst.current

    @property
    def inherent(self) -> RiskValue:
        return max((t.inherent for t in self.threats), key=lambda v: v.score)

    @property
    def projected(self) -> RiskValue:
        return max((t.projected for t in self.threats), key=lambda v: v.score)

    @property
    def patient_safety(self) -> int:
        """Highest patient-safety impact over the copies (0 when none)."""
        return max((t.impact.get("patient_safety", 0) for t in self.threats), default=0)

    @property
    def reach(self) -> float:
        """Highest chance a declared attacker can attempt it (0 when not computed)."""
        return max((t.exposure or 0.0 for t in self.threats), default=0.0)

    @property
    def context(self) -> bool:
        return all(t.context for t in self.threats)

    @property
    def direct_harm(self) -> bool:
        """Some copy acts on a safety-critical function itself (``ThreatRisk.direct_harm``)."""
        return any(t.direct_harm for t in self.threats)

    @property
    def mass_harm(self) -> bool:
        """One attack can harm many patients at once on some copy (``ThreatRisk.mass_harm``)."""
        return any(t.mass_harm for t in self.threats)

    @property
    def finding(self) -> bool:
        """The model declares the weakness on some copy (``ThreatRisk.finding``)."""
        return any(t.finding for t in self.threats)

    def rank_key(self) -> tuple:
        worst = self.worst
        return (-self.current.score, -worst.impact.get("patient_safety", 0), not worst.finding,
                worst.harm_distance, not worst.mass_harm, -self.reach, -self.inherent.score,
                -self.count, self.catalog_id)

    def to_json(self) -> dict[str, Any]:
        """The group's ``ranking`` row: the properties above, read in one pass over the
        copies (a group of a large model has thousands; the properties walk them once
        each, eight times in all). Same values: each maximum is the first copy's that
        reaches it, as ``max`` keeps."""
        threats = self.threats
        worst = threats[0]
        inherent, projected = worst.inherent, worst.projected
        safety = worst.impact.get("patient_safety", 0)
        reach = worst.exposure or 0.0
        keys, elements = [], {}
        direct = finding = safety_threat = mass = False
        for t in threats:
            inst = t.instance
            keys.append(inst.key)
            elements[inst.element] = None
            if t.inherent.score > inherent.score:
                inherent = t.inherent
            if t.projected.score > projected.score:
                projected = t.projected
            value = t.impact.get("patient_safety", 0)
            if value > safety:
                safety = value
            value = t.exposure or 0.0
            if value > reach:
                reach = value
            direct = direct or t.direct_harm
            finding = finding or t.finding
            safety_threat = safety_threat or t.patient_safety
            mass = mass or t.mass_harm
        return {"catalog_id": self.catalog_id, "title": self.title, "count": len(threats),
                "elements": list(elements), "worst": worst.key, "keys": keys,
                "risk_inherent": inherent.to_json(),
                "risk_residual": worst.current.to_json(),
                "risk_projected": projected.to_json(),
                "patient_safety": safety, "reach": round(reach, 4),
                "direct_harm": bool(direct), "harm_distance": worst.harm_distance,
                "finding": bool(finding), "patient_safety_threat": bool(safety_threat),
                "mass_harm": bool(mass)}


def _group_id(risk: ThreatRisk) -> str:
    return risk.instance.catalog_id or risk.instance.title or risk.key


def _title(risk: ThreatRisk) -> str:
    ttype = risk.threat_type
    return (ttype.title if ttype else None) or risk.instance.title or _group_id(risk)


def group_threats(risks: Iterable[ThreatRisk]) -> list[ThreatGroup]:
    """Groups by catalog threat (an analyst's own threat by its title), unranked."""
    groups: dict[str, list[ThreatRisk]] = {}
    for risk in risks:
        groups.setdefault(_group_id(risk), []).append(risk)
    out = []
    for gid, members in groups.items():
        members.sort(key=_copy_key)
        out.append(ThreatGroup(gid, _title(members[0]), members))
    return out


def grouped_ranking(source: Any, *, context: bool = False) -> list[ThreatGroup]:
    """Risks to treat, one group per threat, ranked (see the module docstring).

    ``source`` is an :class:`~workbench.analysis.pipeline.AnalysisResult` or a list of
    :class:`ThreatRisk`. With ``context`` the groups of context threats (assumptions and
    dependencies) are ranked instead.
    """
    risks = source.threats if hasattr(source, "threats") else list(source)
    chosen = [r for r in risks if r.counted and r.context == context]
    return _new_harms_first(sorted(group_threats(chosen), key=ThreatGroup.rank_key))


def _new_harms_first(ranked: list[ThreatGroup]) -> list[ThreatGroup]:
    """Within each run of equal residual risk, groups whose harm was already read on a
    line above move after the others (keeping their order); risk order is unchanged."""
    out: list[ThreatGroup] = []
    read: set[str] = set()
    start = 0
    while start < len(ranked):
        score = ranked[start].current.score
        end = start
        while end < len(ranked) and ranked[end].current.score == score:
            end += 1
        repeats: list[ThreatGroup] = []
        for group in ranked[start:end]:
            harm = group.worst.harm
            if harm and harm in read:
                repeats.append(group)
            else:
                out.append(group)
                if harm:
                    read.add(harm)
        out += repeats
        start = end
    return out


def top_threats(source: Any, n: int = 5) -> list[ThreatGroup]:
    """The board's top ``n``: ``n`` distinct threats, ranked."""
    return grouped_ranking(source)[:n]
