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
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from workbench.analysis.risk import NOT_COUNTED, RiskValue, ThreatRisk


def _copy_key(risk: ThreatRisk) -> tuple:
    """Worst copy first: residual, patient safety, finding, directness, fleet, reach,
    inherent, key."""
    return (-risk.current.score, -risk.impact.get("patient_safety", 0), not risk.finding,
            risk.harm_distance, not risk.mass_harm, -(risk.exposure or 0.0),
            -risk.inherent.score, risk.instance.key)


@dataclass
class GroupStats:
    """What a group's rank and ``ranking`` row read from all its copies.

    :func:`group_threats` computes it for every group at once, over arrays of the copies'
    figures, so neither sorting the groups nor writing their rows walks the copies again
    (a group of a large model has thousands). Each maximum is the first copy's, in
    worst-first order, that reaches it, as ``max`` keeps.
    """

    inherent: RiskValue
    projected: RiskValue
    patient_safety: Any
    reach: Any
    direct_harm: bool
    finding: bool
    patient_safety_threat: bool
    mass_harm: bool
    keys: list[str]
    elements: list[str]


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
    #: Set by :func:`group_threats` for ``rank_key`` and ``to_json``; the properties
    #: below always read the copies (the plain computation the tests compare against).
    stats: GroupStats | None = field(default=None, repr=False, compare=False)

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
        worst, stats = self.worst, self.stats
        reach = stats.reach if stats is not None else self.reach
        inherent = stats.inherent if stats is not None else self.inherent
        return (-self.current.score, -worst.impact.get("patient_safety", 0), not worst.finding,
                worst.harm_distance, not worst.mass_harm, -reach, -inherent.score,
                -self.count, self.catalog_id)

    def to_json(self) -> dict[str, Any]:
        """The group's ``ranking`` row: the properties above, from :attr:`stats` when
        :func:`group_threats` computed them, else read in one pass over the copies (the
        properties walk them once each, eight times in all). Same values: each maximum
        is the first copy's that reaches it, as ``max`` keeps."""
        if self.stats is not None:
            return self._row(self.stats)
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

    def _row(self, stats: GroupStats) -> dict[str, Any]:
        worst = self.threats[0]
        return {"catalog_id": self.catalog_id, "title": self.title,
                "count": len(self.threats), "elements": list(stats.elements),
                "worst": worst.key, "keys": list(stats.keys),
                "risk_inherent": stats.inherent.to_json(),
                "risk_residual": worst.current.to_json(),
                "risk_projected": stats.projected.to_json(),
                "patient_safety": stats.patient_safety, "reach": round(stats.reach, 4),
                "direct_harm": stats.direct_harm, "harm_distance": worst.harm_distance,
                "finding": stats.finding, "patient_safety_threat": stats.patient_safety_threat,
                "mass_harm": stats.mass_harm}


def _group_id(risk: ThreatRisk) -> str:
    return risk.instance.catalog_id or risk.instance.title or risk.key


def _title(risk: ThreatRisk) -> str:
    ttype = risk.threat_type
    return (ttype.title if ttype else None) or risk.instance.title or _group_id(risk)


def group_threats(risks: Iterable[ThreatRisk],
                  profiles: tuple[list[ThreatRisk], Any] | None = None,
                  own: tuple[list[str], list[str]] | None = None) -> list[ThreatGroup]:
    """Groups by catalog threat (an analyst's own threat by its title), unranked: in the
    order each group first appears, each group's copies worst first (:func:`_copy_key`).

    ``profiles``: one risk per profile and each risk's profile, where the risks of a
    profile have the same figures (:data:`PROFILE_FIGURES`), catalog id and title: the
    figures and group ids are then read once per profile (``analyze --json`` passes its
    row shapes). ``own``: each risk's instance's key and element, when the caller has
    them as lists (``analyze --json``'s rows do), so the copies are not read for them.

    The copies of all groups are ordered by one stable sort over arrays of their figures
    (the same order as sorting each group by :func:`_copy_key`: the key's parts, last
    first, then the group), and each group's :class:`GroupStats` are read from the same
    arrays: a hospital group's hundred thousand copies are otherwise a key tuple each and
    eight walks per group. The copies, keys and elements are put in that order as
    object arrays taken by the order (references copied in C, not a list built per item).
    """
    risks = list(risks)
    if not risks:
        return []
    keys, elements = own if own is not None else (list(map(_KEY_OF, risks)),
                                                  list(map(_ELEMENT_OF, risks)))
    return _groups(risks, keys, profiles, [_objects(v) for v in (risks, keys, elements)])


def _groups(risks: Any, keys: list[str], profiles: tuple[list[ThreatRisk], Any] | None,
            columns: list[Any], picked: Any = None) -> list[ThreatGroup]:
    """:func:`group_threats` of ``risks`` (a list, or with ``profiles`` an object array:
    then read only when a profile has no group id), whose keys are ``keys``. ``columns``:
    the risks, keys and elements as object arrays, of ``risks`` themselves, or with
    ``picked`` of a longer list where ``risks`` are at the positions ``picked``: the copies
    are then put in order by one take of each column through ``picked[order]`` instead of
    a take for the picked risks' lists and another for their order."""
    import numpy as np

    codes = _group_codes(risks, profiles)
    key_rank = np.empty(len(risks), dtype=np.int64)
    key_rank[sorted(range(len(risks)), key=keys.__getitem__)] = np.arange(len(risks))
    cols = _Columns(risks, profiles)
    order = np.lexsort((key_rank, -cols.inherent, -cols.reach, ~cols.mass_harm,
                        cols.harm_distance, ~cols.finding, -cols.safety, -cols.current, codes))
    cols = cols.take(order)
    at = order if picked is None else picked[order]
    ordered, ordered_keys, elements = (column[at].tolist() for column in columns)
    ends = [*(np.flatnonzero(np.diff(codes[order])) + 1).tolist(), len(risks)]
    out, start = [], 0
    for end in ends:
        members = ordered[start:end]
        stats = cols.stats(members, start, end, ordered_keys[start:end],
                           elements[start:end])
        out.append(ThreatGroup(_group_id(members[0]), _title(members[0]), members, stats))
        start = end
    return out


_KEY_OF = attrgetter("instance.key")
_ELEMENT_OF = attrgetter("instance.element")


def _objects(values: list[Any]) -> Any:
    """``values`` as a one-dimensional numpy array of objects (each item as it is)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))


def _group_codes(risks: list[ThreatRisk],
                 profiles: tuple[list[ThreatRisk], Any] | None) -> Any:
    """Each risk's group number (:func:`_group_id`), groups numbered in the order they
    first appear. With ``profiles`` the group id is read once per profile: it is the
    catalog id or the title, both the same over a profile's risks (the row shape holds
    them), unless a profile has neither (then its risks' keys, read one by one)."""
    import numpy as np

    if profiles is not None:
        firsts, index = profiles
        shape_gids = [r.instance.catalog_id or r.instance.title or None for r in firsts]
        if None not in shape_gids:
            numbers = {gid: n for n, gid in enumerate(dict.fromkeys(shape_gids))}
            raw = np.array([numbers[g] for g in shape_gids], dtype=np.int64)[
                np.asarray(index, dtype=np.int64)]
            seen, first_at = np.unique(raw, return_index=True)
            renumber = np.empty(len(numbers), dtype=np.int64)
            renumber[seen[np.argsort(first_at)]] = np.arange(len(seen))
            return renumber[raw]
    gids = [_group_id(r) for r in risks]
    code_of = {gid: n for n, gid in enumerate(dict.fromkeys(gids))}
    return np.array([code_of[g] for g in gids], dtype=np.int64)


#: What the ranking reads of a copy but its key and element (attributes of ThreatRisk;
#: ``impact`` and ``threat_type`` by identity, for patient safety).
PROFILE_FIGURES = ("current", "inherent", "projected", "impact", "threat_type", "finding",
                   "harm_distance", "mass_harm", "exposure", "direct_harm")


class _Columns:
    """The copies' figures that order them and make their groups' stats, as arrays."""

    def __init__(self, risks: list[ThreatRisk] | None = None,
                 profiles: tuple[list[ThreatRisk], Any] | None = None) -> None:
        import numpy as np

        if risks is None:
            return
        if profiles is not None:  # each figure once per profile, then one per copy
            firsts, index = profiles
            self.__dict__.update(_Columns(firsts).take(np.array(index, dtype=np.int64))
                                 .__dict__)
            return
        self.current = np.array([r.current.score for r in risks], dtype=np.float64)
        self.safety = np.array([r.impact.get("patient_safety", 0) for r in risks],
                               dtype=np.float64)
        self.finding = np.array([bool(r.finding) for r in risks], dtype=bool)
        self.harm_distance = np.array([r.harm_distance for r in risks], dtype=np.float64)
        self.mass_harm = np.array([bool(r.mass_harm) for r in risks], dtype=bool)
        self.reach = np.array([r.exposure or 0.0 for r in risks], dtype=np.float64)
        self.inherent = np.array([r.inherent.score for r in risks], dtype=np.float64)
        self.projected = np.array([r.projected.score for r in risks], dtype=np.float64)
        self.direct_harm = np.array([bool(r.direct_harm) for r in risks], dtype=bool)
        self.safety_threat = np.array([bool(_safety_threat(r)) for r in risks], dtype=bool)

    def take(self, order: Any) -> _Columns:
        """The same columns in ``order``."""
        out = _Columns()
        for name, value in vars(self).items():
            setattr(out, name, value[order])
        return out

    def stats(self, members: list[ThreatRisk], start: int, end: int,
              keys: list[str], elements: list[str]) -> GroupStats:
        """The stats of the group at ``start:end`` of these (ordered) columns, whose
        copies' keys and elements are ``keys`` and ``elements``."""
        import numpy as np

        def first_max(column: Any) -> ThreatRisk:
            return members[int(np.argmax(column[start:end]))]

        return GroupStats(
            inherent=first_max(self.inherent).inherent,
            projected=first_max(self.projected).projected,
            patient_safety=first_max(self.safety).impact.get("patient_safety", 0),
            reach=first_max(self.reach).exposure or 0.0,
            direct_harm=bool(self.direct_harm[start:end].any()),
            finding=bool(self.finding[start:end].any()),
            patient_safety_threat=bool(self.safety_threat[start:end].any()),
            mass_harm=bool(self.mass_harm[start:end].any()),
            keys=keys, elements=list(dict.fromkeys(elements)))


def _safety_threat(risk: ThreatRisk) -> bool:
    """``risk.patient_safety``, read from the threat type when there is one (as it does)."""
    ttype = risk.threat_type
    return ttype.patient_safety if ttype is not None else risk.patient_safety


def grouped_ranking(source: Any, *, context: bool = False) -> list[ThreatGroup]:
    """Risks to treat, one group per threat, ranked (see the module docstring).

    ``source`` is an :class:`~workbench.analysis.pipeline.AnalysisResult` or a list of
    :class:`ThreatRisk`. With ``context`` the groups of context threats (assumptions and
    dependencies) are ranked instead. A result fresh from the risk pass is ranked per
    row shape (:func:`_row_profiles`), with the same groups.
    """
    derived = _row_profiles(source)
    if derived is not None:
        return _rankings_by_profile(source.threats, *derived, wanted=(int(context),))[0]
    risks = source.threats if hasattr(source, "threats") else list(source)
    return _rank([r for r in risks if r.counted and r.context == context], None)


def grouped_rankings(source: Any, profiles: tuple[list[ThreatRisk], list[int]] | None = None,
                     own: tuple[list[str], list[str]] | None = None,
                     ) -> tuple[list[ThreatGroup], list[ThreatGroup]]:
    """Both rankings of :func:`grouped_ranking`, risks to treat and context threats, from
    one pass over the threats (``analyze --json`` writes both). ``profiles``: as for
    :func:`group_threats`, each of the source's threats' profile; the risks of a profile
    also share their status and context flag. ``own``: with ``profiles``, each threat's
    instance's key and element (see :func:`group_threats`)."""
    risks = source.threats if hasattr(source, "threats") else list(source)
    if profiles is None and (derived := _row_profiles(source)) is not None:
        profiles, own = derived
    if profiles is not None:
        treat, context = _rankings_by_profile(risks, profiles, own)
        return treat, context
    treat: list[ThreatRisk] = []
    context: list[ThreatRisk] = []
    for r in risks:
        if r.instance.status not in NOT_COUNTED:  # ``r.counted``
            (context if r.context else treat).append(r)
    return _rank(treat, None), _rank(context, None)


def _row_profiles(source: Any) -> tuple[tuple[list[ThreatRisk], list[int]],
                                        tuple[list[str], list[str]]] | None:
    """For an analysis result whose risks came from the risk pass unchanged
    (``risk_memo.SharedRisks`` with its fields), its ``analyze --json`` row shapes as
    profiles and its rows' keys and elements (``pipeline._ThreatRows``, which reads the
    merge's columns of its new instances): the window, the CLI's text and the reports
    then rank per row shape too. None for anything else (a list of risks)."""
    from workbench.analysis.risk_memo import SharedRisks

    risks = getattr(source, "threats", None)
    merge = getattr(source, "merge", None)
    if not isinstance(risks, SharedRisks) or risks.fields is None or merge is None:
        return None
    from workbench.analysis.pipeline import _ThreatRows

    rows = _ThreatRows(risks, getattr(source, "catalog", None), getattr(merge, "fresh", None))
    return (rows.firsts, rows.shape_of), (rows.keys, rows.elements)


def _rankings_by_profile(risks: list[ThreatRisk], profiles: tuple[list[ThreatRisk], list[int]],
                         own: tuple[list[str], list[str]] | None = None,
                         wanted: tuple[int, ...] = (0, 1)) -> list[list[ThreatGroup]]:
    """:func:`grouped_rankings` with each risk's profile: whether a risk is counted, and
    context, is read once per profile (the row shapes that ``analyze --json`` passes hold
    the status and the context flag), and the risks of each ranking (their keys and
    elements with ``own``) are picked by array: each column is taken once, through the
    picked positions in the copies' order (:func:`_groups`). ``wanted``: the rankings
    made, 0 the risks to treat, 1 the context threats."""
    import numpy as np

    firsts, index = profiles
    shape = np.asarray(index, dtype=np.int64)
    # per profile: 0 to treat, 1 context, 2 not counted
    kind = np.array([2 if r.instance.status in NOT_COUNTED else 1 if r.context else 0
                     for r in firsts], dtype=np.int8)[shape]
    keys, elements = own if own is not None else (list(map(_KEY_OF, risks)),
                                                  list(map(_ELEMENT_OF, risks)))
    columns = [_objects(v) for v in (risks, keys, elements)]
    out = []
    for which in wanted:
        picked = np.flatnonzero(kind == which)
        chosen = columns[0][picked]
        groups = (_groups(chosen, columns[1][picked].tolist(), (firsts, shape[picked]),
                          columns, picked) if len(picked) else [])
        out.append(_new_harms_first(sorted(groups, key=ThreatGroup.rank_key)))
    return out


def _rank(chosen: list[ThreatRisk], profiles: tuple[list[ThreatRisk], Any] | None,
          own: tuple[list[str], list[str]] | None = None) -> list[ThreatGroup]:
    return _new_harms_first(sorted(group_threats(chosen, profiles, own),
                                   key=ThreatGroup.rank_key))


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
