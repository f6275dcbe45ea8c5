"""The risk levels a board reads, as a term of the control plan's objective.

Why: the plan search weighed only the attack targets' chances, while the board reads risk
levels; on the ward the plan's first five steps lowered no critical risk, and on the
insulin sample the pump's radio authentication (the top therapy-change risk's fix) came
fourth. So each counted risk that is critical or high *today* (controls in place, the
``current`` figure) is one more value the plan lowers (docs/attack-paths.md, "What a plan
optimises"):

    value(risk) = LEVEL_VALUE[level] x factor(risk)
    factor = DIRECT_FACTOR (4) for a patient-safety risk on the device that treats or keeps
             the patient alive (harm distance 0, the ranking's "direct harm first"),
             SAFETY_FACTOR (3) for another patient-safety risk, 1 otherwise

with ``level`` the risk's level with the controls in place plus the chosen candidates,
applied by the risk model's own arithmetic (``risk._after``): a model control the analyst
planned acts on the threats it is linked to, a catalog control put on an element acts on
that element's threats it answers, with its catalog effectiveness. A step's gain is the
weighted excess over the threshold it removes from the targets plus the value it removes
from these risks.

The baseline is *today*, not the model's projected figure: the model's planned controls
are candidates like the catalog's, so one ordered list says what to fund and the board's
"critical before -> after" is read on that list alone.
"""

from __future__ import annotations

import functools
import itertools
import operator
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from workbench.analysis.attack.arrays import dense_distinct, sorted_distinct
from workbench.analysis.attack.evidence import Candidate, CandidateTable
from workbench.analysis.risk import AppliedControl, Scales, _after, _value
from workbench.model.entities import ControlStatus

#: Member sets whose levels :meth:`RiskTerm._levels` and rows :meth:`RiskTerm._rows` keep
#: (the oldest, or least recently used, goes first).
RECENT_SETS = 8
#: ``recommend.CATALOG_PREFIX`` (not imported: ``recommend`` imports this module).
CATALOG_PREFIX = "catalog:"
#: A key not in a memo yet (a memo's value may be None).
_UNSEEN = object()
#: What a risk at each level counts for: a critical risk lowered to high gains 0.9, to
#: moderate 1.0; ten high risks lowered weigh one critical (judgement: "critical first,
#: then high").
LEVEL_VALUE = {"critical": 1.0, "high": 0.1}
#: Patient-safety risks count three times (the targets' own weight for patient safety,
#: ``recommend.TARGET_WEIGHTS``): one critical patient-safety risk lowered weighs as much
#: as bringing a patient-safety target's chance down by 1.0.
SAFETY_FACTOR = 3.0
#: A patient-safety risk acting on the treating device itself (``harm_distance`` 0) counts
#: a little more, as the board's ranking puts it first among equals: the pump's forged
#: therapy change before the CGM's forged reading, which the loop still checks.
DIRECT_FACTOR = 4.0


def risk_factor(t) -> float:
    """How much one risk counts in the plan's objective (module docstring)."""
    if not t.patient_safety:
        return 1.0
    return DIRECT_FACTOR if getattr(t, "harm_distance", 2) == 0 else SAFETY_FACTOR


class RiskTerm:
    """Per scored risk (critical or high today), its value with a set of candidates."""

    def __init__(self, model, catalog, risks: list, candidates: dict) -> None:
        self.scales = Scales.of(model)
        self.catalog = catalog
        #: A level reads only the likelihood, the impact and each control's
        #: (effectiveness, reduces) in order: thousands of risks share those, so levels are
        #: memoised on them (``_level``).
        #: Per risk, the number of its distinct inputs; per number, the inputs of its
        #: first risk (a few hundred at 10,000 elements, not one copy per risk: memory).
        self._memo: dict[tuple, str] = {}
        self._inputs: list[tuple[int, dict[str, int], list[AppliedControl]]] = []
        #: the model's own controls not in place, per candidate id: (risk, control)
        self._own: dict[str, list[tuple[int, AppliedControl]]] = {}
        self._by_element: dict[str, list[int]] = {}
        #: per counted risk the number of the fields tuple it was made from, and per
        #: number its first risk (``_count_shared``); None: read risk by risk
        self._shared: tuple[np.ndarray, list] | None = None
        fields = getattr(risks, "fields", None)
        if fields is not None and len(fields) == len(risks):
            self.counted, self._keys = self._count_shared(risks, fields, candidates)
        else:
            self.counted, self._keys = self._count(risks, candidates)
        by_input = [self._input_level(n, ()) for n in range(len(self._inputs))]
        self.base = list(map(by_input.__getitem__, self._keys))
        # scored, weights and values per distinct inputs (and fields tuple), gathered
        keys = np.array(self._keys, dtype=np.int64)
        scores = np.array([lvl in LEVEL_VALUE for lvl in by_input] + [False], dtype=bool)
        at = np.flatnonzero(scores[keys])
        self.scored = at.tolist()
        #: risk index -> its place in ``scored`` (``values`` touches only the changed ones)
        self.place = {i: k for k, i in enumerate(self.scored)}
        self._by_member: dict[str, dict[int, str]] = {}
        self._recent: dict[tuple[str, ...], dict[int, str]] = {}  # ``_levels`` of sets
        self._level_names: list[str] = []  # numbered in their order of first use
        self._level_codes: dict[str, int] = {}  # and back (``_code``)
        #: ``_set_levels`` per member (kept: read-only for callers) and of recent sets
        self._member_arrays: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
        self._numbered_controls: list[AppliedControl] = []  # ``_arrays_of``
        self._control_numbers: dict[tuple, int] = {}  # by what a level reads of them
        #: ``_arrays_of`` per template: (positions, level codes, control number), and
        #: each element's risks as an array
        self._template_arrays: dict[tuple[str, int], tuple[np.ndarray, np.ndarray, int]] = {}
        self._element_risks: dict[str, np.ndarray] = {}
        self._recent_rows: dict[tuple[str, ...], _SetRows] = {}
        if self._shared is not None:
            tuple_of, first = self._shared
            self.weight = np.array([risk_factor(t) for t in first], dtype=float)[
                tuple_of[at]] if first else np.array([])
        else:
            self.weight = np.array([risk_factor(self.counted[i]) for i in self.scored])
        worth = np.array([LEVEL_VALUE.get(lvl, 0.0) for lvl in by_input] + [0.0])
        self.base_value = worth[keys[at]] * self.weight
        self._weights = self.weight.tolist()
        #: What a catalog candidate acts on is worked out when first asked for
        #: (:meth:`_acts_of`): the plan reads a few thousand of the model's hundreds of
        #: thousands, and :meth:`removed_each` groups the rest (``_gain_key``).
        #: the table itself while it carries its sites (:meth:`removed_table`): the
        #: engine's, which nothing changes afterwards, is read as it is (a copy is
        #: 224,000 entries at 10,000 elements, held through the plan); a plain dict is
        #: copied, as the caller may change it
        self._table = (candidates if isinstance(candidates, CandidateTable)
                       and candidates.sites is not None else None)
        self._candidates = candidates if self._table is not None else dict(candidates)
        self._acts: dict[str, list[tuple[int, AppliedControl]]] = {}
        self._answering: dict[str, frozenset[str]] = {}  # threat type -> its controls
        self._has: dict[int, frozenset[str]] = {}
        #: ``removed_each``'s terms per (control, element profile): per profile number,
        #: control id -> (terms, their sum) (profiles: :attr:`_profiles`)
        self._term_memo: dict[int, dict[str, tuple[tuple[float, ...], float]]] = {}
        #: ``_single``'s levels per (control, element profile): (position among the
        #: element's risks, level), in the order the member acts on them
        self._templates: dict[tuple[str, int], tuple[tuple[int, str], ...]] = {}
        self._applied_controls: dict[str, AppliedControl] = {}  # ``_member_control``
        #: ``_removed_terms``' per control, per risk class (``_risk_classes``): the value
        #: the control removes from a risk of that class, None when none
        self._class_terms: dict[str, dict[int, float | None]] = {}
        #: member -> the control it acts with on each of its risks (a catalog member's),
        #: None for the others (``_levels``, members sharing a risk)
        self._acting: dict[str, AppliedControl | None] = {}

    def _count(self, risks: list, candidates: dict) -> tuple[list, list[int]]:
        """The ranked risks and each one's inputs number, in one pass over the risks (a
        hospital group has over a hundred thousand) that also files each under its
        element (``_by_element``) and under the model's own planned controls acting on it
        (``_own``). ``tests/analysis/test_plan_risk_order.py`` keeps the separate passes
        this replaced as the oracle."""
        counted: list = []
        keys: list[int] = []
        by_element, own = self._by_element, self._own
        distinct: dict[tuple, int] = {}
        # Risks of one memo key share their impact dict and controls list (risk.py): their
        # number is found once per (likelihood, those two objects), all alive meanwhile,
        # so no id() is reused; other risks by the key's content, as before.
        same: dict[tuple[int, int, int], int] = {}
        planned: dict[int, list[AppliedControl]] = {}  # per controls list, as above
        ranked_of: dict = {}  # ``ThreatRisk.counted`` reads the instance's status only
        for t in risks:
            inst = t.instance
            ok = ranked_of.get(inst.status)
            if ok is None:
                ok = ranked_of[inst.status] = t.counted
            if not ok or t.context:
                continue
            i = len(counted)
            counted.append(t)
            controls = t.controls
            shared = (t.likelihood, id(t.impact), id(controls))
            n = same.get(shared)
            if n is None:
                n = same[shared] = self._input_number(t, distinct)
            keys.append(n)
            mine = by_element.get(inst.element)
            if mine is None:
                by_element[inst.element] = [i]
            else:
                mine.append(i)
            acting = planned.get(id(controls))
            if acting is None:
                acting = planned[id(controls)] = [
                    c for c in controls if not c.in_place and c.control in candidates]
            for c in acting:
                own.setdefault(c.control, []).append((i, c))
        return counted, keys

    def _input_number(self, t, distinct: dict[tuple, int]) -> int:
        """The number of risk ``t``'s inputs (likelihood, impact, controls in place) in
        :attr:`_inputs`, appended when new: ``distinct`` maps the inputs' content to its
        number, so risks that read alike share one level computation."""
        inplace = [c for c in t.controls if c.in_place]
        key = (t.likelihood, tuple(t.impact.items()),
               tuple((c.effectiveness, c.reduces) for c in inplace))
        n = distinct.get(key)
        if n is None:
            n = distinct[key] = len(self._inputs)
            self._inputs.append((t.likelihood, t.impact, inplace))
        return n

    def _count_shared(self, risks: list, fields: list[tuple], candidates: dict
                      ) -> tuple[list, list[int]]:
        """:meth:`_count` of the risk pass's own list (``risk_memo.SharedRisks``): risks
        made from one fields tuple (``ThreatRisk(inst, *fields)``) share every value but
        the instance, so whether one is context, its distinct inputs and the model's
        planned controls acting on it are found once per tuple (a few thousand at 10,000
        elements, for 136,000 risks); per risk only its status and element are read.
        The same lists and numbers as :meth:`_count` (``tests/analysis/
        test_plan_risk_order.py``)."""
        # tuples numbered by their id() (each held by ``fields``: no id is reused), with
        # each one's first risk
        _, at_first, tuple_of = np.unique(
            np.fromiter(map(id, fields), dtype=np.int64, count=len(fields)),
            return_index=True, return_inverse=True)
        tuple_of = tuple_of.reshape(-1)
        first = list(map(risks.__getitem__, at_first.tolist()))
        statuses = list(map(_STATUS, risks))
        # ``ThreatRisk.counted`` reads the instance's status only: once per status
        one_each = dict(zip(map(id, statuses), risks, strict=True))  # a risk per status
        ok = {k: t.counted for k, t in one_each.items()}
        context = np.array([t.context for t in first] + [False], dtype=bool)
        ranked = np.fromiter(map(ok.__getitem__, map(id, statuses)), dtype=bool,
                             count=len(risks)) & ~context[tuple_of]
        at = np.flatnonzero(ranked)
        counted = list(map(risks.__getitem__, at.tolist()))
        tuples = tuple_of[at]
        # each tuple's inputs numbered in the order of its first counted risk, as the
        # risk-by-risk pass numbers them
        distinct: dict[tuple, int] = {}
        key_of = np.zeros(len(first), dtype=np.int64)
        acting: dict[int, list[AppliedControl]] = {}
        for k in dict.fromkeys(tuples.tolist()):
            t = first[k]
            key_of[k] = self._input_number(t, distinct)
            mine = [c for c in t.controls if not c.in_place and c.control in candidates]
            if mine:
                acting[k] = mine
        by_element = self._by_element
        for i, element in enumerate(map(_ELEMENT, counted)):
            found = by_element.get(element)
            if found is None:
                by_element[element] = [i]
            else:
                found.append(i)
        if acting:
            own = self._own
            has = np.zeros(len(first), dtype=bool)
            has[list(acting)] = True
            for i in np.flatnonzero(has[tuples]).tolist():
                for c in acting[int(tuples[i])]:
                    own.setdefault(c.control, []).append((i, c))
        self._shared = (tuples, first)
        return counted, key_of[tuples].tolist()

    @functools.cached_property
    def acts(self) -> dict[str, list[tuple[int, AppliedControl]]]:
        """Candidate id -> [(risk index, control acting on it)], for every candidate that
        acts on some risk (built whole for tests and tools; the plan reads
        :meth:`_acts_of`)."""
        out = {}
        for cid in self._candidates:
            found = self._acts_of(cid)
            if found:
                out[cid] = found
        return out

    def _has_controls(self, i: int) -> frozenset[str]:
        """Catalog ids of the controls risk ``i`` already lists (in place or planned)."""
        found = self._has.get(i)
        if found is None:
            found = self._has[i] = frozenset(c.catalog_id for c in self.counted[i].controls)
        return found

    def _answers(self, threat: str) -> frozenset[str]:
        """Catalog controls answering a threat type."""
        found = self._answering.get(threat)
        if found is None:
            found = self._answering[threat] = frozenset(
                c.id for c in self.catalog.controls_for(threat))
        return found

    def _acts_of(self, cid: str) -> list[tuple[int, AppliedControl]]:
        """[(risk index, control acting on it)] for one candidate: a catalog control on an
        element acts on that element's risks whose threat it answers and that do not
        list it already; a model control on the threats it is linked to."""
        found = self._acts.get(cid)
        if found is not None:
            return found
        from workbench.analysis.attack.recommend import catalog_control_of

        out: list[tuple[int, AppliedControl]] = []
        cand = self._candidates.get(cid)
        control = catalog_control_of(cand) if cand is not None else None
        if control is not None and not getattr(cand, "members", ()):
            ctype = self.catalog.controls.get(control)
            if ctype is not None:
                for element in cand.elements:
                    applied = None  # one (frozen) control for all the element's risks
                    for i in self._by_element.get(element, ()):
                        if control in self._has_controls(i):
                            continue  # the model has it already (in place or planned)
                        if control not in self._answers(self.counted[i].instance.catalog_id):
                            continue
                        if applied is None:
                            applied = AppliedControl(
                                f"plan:{control}@{element}", control, ctype.title,
                                ControlStatus.PLANNED, ctype.effectiveness,
                                ctype.reduces_effective, None, True)
                        out.append((i, applied))
        out += self._own.get(cid, ())
        self._acts[cid] = out
        return out

    def _level(self, i: int, extra: list[AppliedControl] | tuple[()]) -> str:
        """Risk ``i``'s level with its controls in place plus ``extra``."""
        return self._input_level(self._keys[i], extra)

    def _input_level(self, n: int, extra: list[AppliedControl] | tuple[()]) -> str:
        """The level of the risks of distinct inputs ``n`` with ``extra`` too (memoised on
        the inputs of ``risk._after`` and ``risk._value``, the order of controls included:
        a product of floats depends on it)."""
        key = (n, tuple((c.effectiveness, c.reduces) for c in extra))
        level = self._memo.get(key)
        if level is None:
            likelihood, impact, inplace = self._inputs[n]
            lik, imp = _after(likelihood, impact, inplace + list(extra), self.scales)
            level = self._memo[key] = _value(lik, imp, self.scales).level
        return level

    def _levels(self, members: Iterable[str]) -> dict[int, str]:
        """Risk index -> level, for the risks the members act on (read-only for callers).

        A fleet's members sit on distinct elements, so they act on distinct risks: its
        levels are then its members' own, each computed once (``_single``) and shared by
        every fleet and step holding that member. Only a risk two members act on (two
        fleets on one kind of device) is computed again, with both controls. The last
        few sets are kept: a plan step reads its set's levels three times (its values,
        counts and lowered risks)."""
        ordered = _ordered(members)
        if len(ordered) == 1:
            return self._single(ordered[0])
        found = self._recent.get(ordered)
        if found is not None:
            return found
        merged: dict[int, str] = {}
        shared: set[int] = set()
        ones = [self._single(m) for m in ordered]
        for one in ones:
            if not merged.keys().isdisjoint(one):
                shared.update(merged.keys() & one.keys())
            merged.update(one)
        if shared:
            extra: dict[int, list[AppliedControl]] = {}
            for m, one in zip(ordered, ones, strict=True):
                if shared.isdisjoint(one):
                    continue  # it acts on none of them (its levels' keys are its acts')
                self._shared_controls(m, one, shared, extra)
            for i, cs in extra.items():
                merged[i] = self._level(i, cs)  # same keys: the order is kept
        if len(self._recent) >= RECENT_SETS:
            self._recent.pop(next(iter(self._recent)))
        self._recent[ordered] = merged
        return merged

    def _shared_controls(self, member: str, one: dict[int, str], shared: set[int],
                         extra: dict[int, list[AppliedControl]]) -> None:
        """Append to ``extra`` the controls ``member`` (whose ``_single`` is ``one``) acts
        with on each risk of ``shared``, in its acts' order (a catalog member's one
        control read from its levels' keys, without building its acts per element)."""
        c = self._acting_control(member)
        acts = self._acts_of(member) if c is None else [(i, c) for i in one]
        for i, c in acts:
            if i in shared:
                extra.setdefault(i, []).append(c)

    def _acting_control(self, member: str) -> AppliedControl | None:
        """The one control a catalog member acts with on each of its risks
        (:meth:`_member_control`), None for the others (read their acts)."""
        c = self._acting.get(member, False)
        if c is False:
            site = self._catalog_site(member) if member not in self._acts else None
            c = self._acting[member] = (None if site is None
                                        else self._member_control(site[0]))
        return c

    def _set_levels(self, members: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_levels` as two arrays: the risks the members act on (each once, in no
        set order) and each one's level code (:meth:`_code`).

        What the plan's search reads per evaluated set (values, counts, lowered risks):
        at 10,000 elements a set holding fleets has thousands of members and changes
        about ten thousand risks, which a dict merged member by member per set read
        one at a time. Here each member's levels are an array pair made once
        (:meth:`_arrays_of`); a set's rows are their concatenation (:meth:`_rows`, from
        the rows of the largest recent set it holds: a what-if adds a few controls to a
        set measured before), and only the risks two members act on (two fleets on one
        kind of device) are worked out again, with every control on them
        (:meth:`_shared_codes`), as :meth:`_levels` does
        (``tests/analysis/test_plan_risk_order.py`` checks the two against each other)."""
        ordered = _ordered(members)
        if len(ordered) == 1:
            return self._arrays_of(ordered[0])[:2]
        found = self._recent_rows.pop(ordered, None)
        if found is not None:  # kept as the most recent (a plan step reads its set thrice)
            self._recent_rows[ordered] = found
            return found.levels
        rows = self._rows(ordered)
        if len(self._recent_rows) >= RECENT_SETS:
            self._recent_rows.pop(next(iter(self._recent_rows)))
        self._recent_rows[ordered] = rows
        return rows.levels

    def _rows(self, ordered: tuple[str, ...]) -> _SetRows:
        """The rows of a member set (sorted, distinct), with its levels.

        From the largest recent set it holds, when that is over half of it: that set's
        rows, the added members' rows after them, and each row's member place in ``ordered``
        shifted past the added members before it (the place orders the controls of a
        risk two members act on); else every member's rows in order."""
        held = frozenset(ordered)
        # worth standing on when it holds most of the set (each added member's place is
        # found by bisection)
        base = next((r for r in sorted(self._recent_rows.values(),
                                        key=lambda r: -len(r.members))
                     if len(held) < 2 * len(r.members) < 2 * len(held)
                     and r.members <= held), None)
        if base is not None:  # the least recently used go first: keep the base
            kept = self._recent_rows
            key = next(k for k, r in kept.items() if r is base)
            kept[key] = kept.pop(key)
        known = self._member_arrays.get
        if base is None:
            parts = [known(m) or self._arrays_of(m) for m in ordered]
            places = np.arange(len(parts), dtype=np.int64)
            risks, codes, controls, place = _stacked(parts, places)
        else:
            added = [m for m in ordered if m not in base.members]
            parts = [known(m) or self._arrays_of(m) for m in added]
            at = np.array([bisect_left(ordered, m) for m in added], dtype=np.int64)
            # a base member's place: its place in the base plus the added members before it
            before = at - np.arange(len(added), dtype=np.int64)
            moved = base.place + np.searchsorted(before, base.place, side="right")
            risks, codes, controls, place = _stacked(parts, at)
            risks = np.concatenate([base.risks, risks])
            codes = np.concatenate([base.codes, codes])
            controls = np.concatenate([base.controls, controls])
            place = np.concatenate([moved, place])
        return _SetRows(held, risks, codes, controls, place,
                        self._levels_of_rows(ordered, risks, codes, controls, place))

    def _levels_of_rows(self, ordered: tuple[str, ...], risks: np.ndarray,
                        codes: np.ndarray, controls: np.ndarray, place: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray]:
        """A set's (risks, level codes) from its rows: a member's own risks are distinct,
        so a risk listed twice has two members; those rows are sorted by risk, then by
        member place, and each such risk's level worked out with all its controls."""
        if not risks.size:
            return risks, codes
        listed = np.bincount(risks, minlength=len(self.counted))
        twice = listed[risks] > 1
        if not twice.any():
            return risks, codes
        on = np.flatnonzero(twice)
        order = np.lexsort((place[on], risks[on]))
        shared_rows, owners = risks[on][order], place[on][order]
        shared = sorted_distinct(shared_rows)
        once = ~twice
        return (np.concatenate([risks[once], shared]),
                np.concatenate([codes[once], self._shared_codes(
                    ordered, controls[on][order], shared_rows, owners, shared)]))

    def _shared_codes(self, ordered: tuple[str, ...], q: np.ndarray, risks: np.ndarray,
                      owners: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """The level codes of the ``shared`` risks (ascending), each with the controls of
        every member on it in the members' order: ``risks``/``owners`` list each (risk,
        member place in ``ordered``) pair, sorted by risk then member, ``q`` each pair's
        member's control number (-1: none).

        When every such member acts with one control on each of its risks (a catalog
        member; numbered in :meth:`_arrays_of`), a risk's level reads its distinct
        inputs and its controls' sequence alone: the risks are grouped by that (one
        number per sequence, numpy) and each group's level worked out once (two fleets
        on one kind of device: one group for thousands of risks). Else risk by risk."""
        if q.size and int(q.min()) >= 0:
            start = np.flatnonzero(np.concatenate(([True], risks[1:] != risks[:-1])))
            size = np.diff(np.append(start, risks.size))
            place = np.arange(risks.size) - np.repeat(start, size)
            base, width = len(self._numbered_controls) + 1, int(size.max())
            inputs = self._key_array[shared]
            if base ** width * (int(inputs.max()) + 1) < 2 ** 62:
                sequence = np.add.reduceat((q + 1) * base ** place, start)
                _, at, inverse = np.unique(inputs * base ** width + sequence,
                                           return_index=True, return_inverse=True)
                controls = self._numbered_controls
                codes = [self._code(self._level(int(shared[g]), [
                    controls[x] for x in q[start[g]:start[g] + size[g]].tolist()]))
                    for g in at.tolist()]
                return np.array(codes, dtype=np.int64)[inverse.reshape(-1)]
        extra: dict[int, list[AppliedControl]] = {}
        touched = set(shared.tolist())
        for k in sorted_distinct(owners).tolist():  # in the members' order
            m = ordered[k]
            self._shared_controls(m, self._single(m), touched, extra)
        return np.array([self._code(self._level(i, extra[i])) for i in shared.tolist()],
                        dtype=np.int64)

    @functools.cached_property
    def _key_array(self) -> np.ndarray:
        """:attr:`_keys` (each counted risk's distinct inputs number) as an array."""
        return np.array(self._keys, dtype=np.int64)

    def _arrays_of(self, member: str) -> tuple[np.ndarray, np.ndarray, int]:
        """:meth:`_single` of one member as (risks, level codes), and when it acts with
        one control on each of its risks, all alike for a level (effectiveness and what
        it reduces: ``_input_level``'s key), that control's number in
        :attr:`_numbered_controls` (-1: not so). Kept: read-only.

        A catalog candidate on one element reads its template (:meth:`_single`) as
        arrays, kept per template: its risks are the element's at the template's
        positions, its codes and control the template's."""
        found = self._member_arrays.get(member)
        if found is not None:
            return found
        site = self._catalog_site(member)
        if site is not None:
            control, element, profile = site
            key = (control, profile)
            shape = self._template_arrays.get(key)
            if shape is None:
                if key not in self._templates:
                    self._single(member)  # works the template out
                template = self._templates[key]
                c = self._member_control(control) if template else None
                shape = self._template_arrays[key] = (
                    np.array([k for k, _ in template], dtype=np.int64),
                    np.array([self._code(level) for _, level in template], dtype=np.int64),
                    -1 if c is None else self._control_number(c))
            risks = self._element_risks.get(element)
            if risks is None:
                risks = self._element_risks[element] = np.array(
                    self._by_element.get(element, ()), dtype=np.int64)
            found = (risks[shape[0]], shape[1], shape[2])
        else:
            one = self._single(member)
            c = self._acting_control(member)
            if c is not None:
                alike = [c]
            else:
                acts = self._acts_of(member)
                alike = list({(c.effectiveness, c.reduces): c for _, c in acts}.values())
                if len(acts) != len(one):
                    alike.clear()  # two controls on one risk
            found = (np.fromiter(one, dtype=np.int64, count=len(one)),
                     np.fromiter(map(self._code, one.values()), dtype=np.int64,
                                 count=len(one)),
                     self._control_number(alike[0]) if len(alike) == 1 else -1)
        self._member_arrays[member] = found
        return found

    def _control_number(self, c: AppliedControl) -> int:
        """The number of the controls alike to ``c`` for a level (its effectiveness and
        what it reduces) in :attr:`_numbered_controls`."""
        key = (c.effectiveness, c.reduces)
        number = self._control_numbers.get(key)
        if number is None:
            number = self._control_numbers[key] = len(self._numbered_controls)
            self._numbered_controls.append(c)
        return number

    def _code(self, level: str) -> int:
        """A level's number in :attr:`_level_names` (numbered on first use)."""
        code = self._level_codes.get(level)
        if code is None:
            code = self._level_codes[level] = len(self._level_names)
            self._level_names.append(level)
        return code

    def _member_control(self, control: str) -> AppliedControl:
        """A catalog control as a member acts with it on each risk (``_acts_of``); a
        level reads only its effectiveness and what it reduces, the same on every
        element (the id names no element: it is never shown)."""
        found = self._applied_controls.get(control)
        if found is None:
            ctype = self.catalog.controls[control]
            found = self._applied_controls[control] = AppliedControl(
                f"plan:{control}", control, ctype.title, ControlStatus.PLANNED,
                ctype.effectiveness, ctype.reduces_effective, None, True)
        return found

    def screened(self) -> None:
        """Called once every candidate was ranked: the per-member levels (one dict per
        candidate, ~50 MB at 10,000 elements) are not kept through the plan's search,
        which reads a few hundred members again."""
        self._by_member.clear()
        self._member_arrays.clear()

    def _single(self, member: str) -> dict[int, str]:
        """``_levels`` of one member (kept: read-only for callers).

        A catalog candidate on one element acts on that element's risks by their class
        alone (threat, listed controls, inputs): its levels are placed from a template
        kept per (control, element profile), as positions in the element's risks."""
        out = self._by_member.get(member)
        if out is None:
            site = self._catalog_site(member)
            if site is None:
                out = self._single_plain(member)
            else:
                control, element, profile = site
                risks = self._by_element.get(element, ())
                template = self._templates.get((control, profile))
                if template is None:
                    out = self._single_plain(member)
                    at = {i: k for k, i in enumerate(risks)}
                    self._templates[(control, profile)] = tuple(
                        (at[i], level) for i, level in out.items())
                else:
                    out = {risks[k]: level for k, level in template}
            self._by_member[member] = out
        return out

    def _single_plain(self, member: str) -> dict[int, str]:
        """``_single`` computed from the member's acts, risk by risk."""
        extra: dict[int, list[AppliedControl]] = {}
        for i, c in self._acts_of(member):
            extra.setdefault(i, []).append(c)
        return {i: self._level(i, cs) for i, cs in extra.items()}

    def _catalog_site(self, member: str) -> tuple[str, str, int] | None:
        """(control, element, element profile) of a ``catalog:<control>@<element>``
        candidate on that one element that no model control shares an id with (what it
        removes or lowers depends on those alone); else None."""
        cand = self._candidates.get(member)
        if (cand is None or type(cand) is not Candidate or member in self._own
                or not member.startswith(CATALOG_PREFIX)):
            return None
        elements = cand.elements
        if len(elements) != 1:
            return None
        (element,) = elements
        if not member.endswith(element) or member[-len(element) - 1] != "@":
            return None  # not catalog:<control>@<element> (recommend.catalog_control_of)
        return (member[len(CATALOG_PREFIX):-len(element) - 1], element,
                self._profiles.get(element, -1))

    def values(self, members: Iterable[str]) -> np.ndarray:
        """Each scored risk's value with these candidate members in place (per-element
        candidate ids, as fleets and bundles expand to)."""
        risks, codes = self._set_levels(members)
        if not risks.size:
            return self.base_value
        # written with numpy: a step holding a fleet changes tens of thousands of risks
        # (the same products: a level's value times the weight, one float each)
        worth = np.array([LEVEL_VALUE.get(v, 0.0) for v in self._level_names])
        at = self._place_at[risks]
        keep = at >= 0
        at = at[keep]
        out = self.base_value.copy()
        out[at] = worth[codes[keep]] * self.weight[at]
        return out

    @functools.cached_property
    def _place_at(self) -> np.ndarray:
        """:attr:`place` as an array over the counted risks (-1: not scored)."""
        out = np.full(len(self.counted), -1, dtype=np.int64)
        out[np.asarray(self.scored, dtype=np.int64)] = np.arange(len(self.scored))
        return out

    def removed(self, members: Iterable[str]) -> float:
        """The risk value these members remove: ``base_value.sum() - values(members).sum()``
        summed over the risks they change only (copying and summing the whole vector per
        candidate is quadratic in the model's size). Values are multiples of
        0.1, so this differs from the whole sums by float rounding only, which
        ``recommend._risk_first`` compares away (``GAIN_DIGITS``)."""
        gain = 0.0
        place, base, weight = self.place, self.base_value, self.weight
        for i, level in self._levels(members).items():
            k = place.get(i)
            if k is not None:
                gain += float(base[k]) - LEVEL_VALUE.get(level, 0.0) * float(weight[k])
        return gain

    def removed_each(self, members: dict[str, tuple[str, ...]]) -> dict[str, float]:
        """:meth:`removed` of each entry (id -> its per-element members), the same floats.

        A catalog control on an element removes what it removes from that element's risks
        alone, and a fleet the sum over its members' elements, risk after risk in the
        order :meth:`removed` adds them. Elements of one kind carry the same risks: a
        member's terms are worked out once per control and *element profile* (per risk on
        it, in order: its threat, the catalog controls it lists, its distinct inputs and
        weight; :attr:`_profiles`) instead of once per element (224,000 candidates at
        10,000 elements, about 1,500 groups). Anything else (members sharing an element,
        the model's own controls, an id not ``catalog:<control>@<element>``) takes
        :meth:`removed`."""
        ones = []  # (entry, the term's own candidate of its one member)
        rest = []
        for cid, ms in members.items():
            cand = self._candidates.get(ms[0]) if len(ms) == 1 else None
            if cand is not None and cand.id == ms[0]:
                ones.append((cid, cand))
            else:
                rest.append((cid, ms))
        fleets = [(cid, ms) for cid, ms in rest if len(ms) != 1]
        gains, grouped = self.removed_for([c for _, c in ones], [ms for _, ms in fleets])
        out = dict(zip([cid for cid, _ in ones], gains, strict=True))
        out.update(zip([cid for cid, _ in fleets], grouped, strict=True))
        return {cid: out[cid] if cid in out else self.removed(ms)
                for cid, ms in members.items()}  # in the entries' order

    def removed_for(self, singles: list[Candidate], fleets: list[tuple[str, ...]]
                    ) -> tuple[list[float], list[float]]:
        """:meth:`removed_each` of candidates given as objects: each of ``singles`` alone
        (its id the member), then each fleet's members together; the same floats.

        The plan asks this of every candidate of the model (224,000 at 10,000 elements):
        going through the objects once (id, elements and the term's own entry read
        together) instead of looking each id up again is most of the saving. A candidate
        that is not the term's own object under its id takes :meth:`removed`."""
        gains: list[float] = []
        found: dict[str, tuple[str, tuple[tuple[float, ...], float]]] = {}
        cands, own, sites, site_of = self._candidates, self._own, {}, self._site
        plain, start = Candidate, len(CATALOG_PREFIX)
        for cand in singles:
            m = cand.id
            if type(cand) is plain and m not in own and cands.get(m) is cand:
                elements = cand.elements
                site = sites.get(id(elements))
                if site is None or site[0] is not elements:
                    site = sites[id(elements)] = site_of(elements)
                suffix = site[1]
                if suffix is not None and m.endswith(suffix) and m.startswith(CATALOG_PREFIX):
                    memo = site[2]
                    control = m[start:-len(suffix)]
                    terms = memo.get(control)
                    if terms is None:
                        terms = memo[control] = self._removed_terms(m)
                    found[m] = (site[3], terms)
                    gains.append(terms[1])
                    continue
            gains.append(self.removed((m,)))
        return gains, [self._fleet_removed(ms, found) for ms in fleets]

    def removed_table(self, table: dict, fleet: type, bundle: type,
                      lists: tuple[list[str], list] | None = None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[float]] | None:
        """:meth:`removed_for` of every entry of ``table``, read from its sites: the
        positions of its single candidates (neither fleet nor bundle) and their gains, the
        positions of its fleets (``fleet``'s instances; ``bundle``'s are left out) and
        theirs, the same floats. None when ``table`` is not
        the table this term was made with, still carrying its sites (then unchanged).

        A catalog candidate's gain is its (control, element profile) pair's: the pairs
        are found with numpy on the sites' numbers, each pair's terms worked out once
        from its first candidate (as :meth:`removed_for` does), and gathered back, instead
        of each of the 224,000 candidates at 10,000 elements being read as an object.
        The other entries (the model's own controls) take :meth:`removed`, and a fleet
        sums its members' terms one after the other from 0.0 (as :meth:`_fleet_removed`).
        ``lists``: the table's keys and values as lists, when the caller has them."""
        sites = table.sites if table is self._table else None
        if sites is None or len(sites.control) != len(table):
            return None
        keys, values = lists if lists is not None else (list(table), list(table.values()))
        control = sites.control
        # a site's entry is a plain catalog candidate: only the others' types are asked
        kind = np.zeros(len(keys), dtype=np.int64)
        others = np.flatnonzero(control < 0)
        kind[others] = _kinds(list(map(values.__getitem__, others.tolist())), fleet, bundle)
        singles, fleets = np.flatnonzero(kind == 0), np.flatnonzero(kind == 1)
        on_site = np.flatnonzero(control >= 0)
        profile_of = self._profiles
        profile = np.array([profile_of.get(e, -1) for e in sites.elements],
                           dtype=np.int64) + 1  # 0: an element with no counted risk
        width = int(profile.max(initial=0)) + 1
        code = control[on_site] * width + profile[sites.element[on_site]]
        _, first, pair = dense_distinct(code, len(sites.controls) * width)
        terms: list[tuple[tuple[float, ...], float]] = []
        for k in on_site[first].tolist():
            member = keys[k]
            name = sites.controls[control[k]]
            memo = self._term_memo.setdefault(int(profile[sites.element[k]]) - 1, {})
            found = memo.get(name)
            if found is None:
                found = memo[name] = self._removed_terms(member)
            terms.append(found)
        pair_at = np.full(len(keys), -1, dtype=np.int64)
        pair_at[on_site] = pair.reshape(-1)
        sums = np.array([t[1] for t in terms], dtype=float)
        gain = np.zeros(len(keys))
        gain[on_site] = sums[pair_at[on_site]]
        for k in singles[control[singles] < 0].tolist():
            gain[k] = self.removed((keys[k],))
        grouped: list[float] = []
        each = [t[0] for t in terms]  # per pair, its terms
        for k in fleets.tolist():
            at = sites.fleets.get(keys[k])
            if (at is None or (pair_at[at] < 0).any()
                    or len(sorted_distinct(sites.element[at])) < len(at)):
                grouped.append(self.removed(values[k].members))
                continue
            # added one after the other from 0.0, as ``removed`` does
            grouped.append(functools.reduce(operator.add, itertools.chain.from_iterable(
                map(each.__getitem__, pair_at[at].tolist())), 0.0))
        return singles, gain[singles], fleets, grouped

    def _fleet_removed(self, ms: tuple[str, ...], found: dict) -> float:
        """:meth:`removed` of a fleet's members: the sum of their terms when each is a
        catalog candidate on an element of its own (``found``: those already read)."""
        # a fleet's members come sorted and distinct: then they are their sorted set
        ordered = ms if all(map(operator.lt, ms, ms[1:])) else sorted(set(ms))
        terms_of = self._terms_of
        parts = [found[m] if m in found else terms_of(m) for m in ordered]
        if None in parts or len({p[0] for p in parts}) < len(parts):
            return self.removed(ms)
        # added one after the other from 0.0, as ``removed`` does (not ``sum``, which
        # may compensate rounding)
        return functools.reduce(
            operator.add, itertools.chain.from_iterable(p[1][0] for p in parts), 0.0)

    def _site(self, elements) -> tuple:
        """(the elements set, ``"@<element>"`` or None when not one element, the terms
        memo of its profile, the element) for :meth:`removed_each`."""
        if len(elements) != 1:
            return elements, None, None, None
        (element,) = elements
        profile = self._profiles.get(element, -1)
        memo = self._term_memo.get(profile)
        if memo is None:
            memo = self._term_memo[profile] = {}
        return elements, "@" + element, memo, element

    def _terms_of(self, member: str) -> tuple[str, tuple[tuple[float, ...], float]] | None:
        """(element, (the value removed from each scored risk it acts on in
        :meth:`removed`'s order, their sum)) of a catalog candidate on one element that no
        model control shares an id with; else None (memoised per control and element
        profile; :meth:`removed_each` has it inline)."""
        cand = self._candidates.get(member)
        if (cand is None or type(cand) is not Candidate or member in self._own
                or not member.startswith(CATALOG_PREFIX)):
            return None
        _, suffix, memo, element = self._site(cand.elements)
        if suffix is None or not member.endswith(suffix):
            return None  # not catalog:<control>@<element> (recommend.catalog_control_of)
        control = member[len(CATALOG_PREFIX):-len(suffix)]
        terms = memo.get(control)
        if terms is None:
            terms = memo[control] = self._removed_terms(member)
        return element, terms

    def _removed_terms(self, member: str) -> tuple[tuple[float, ...], float]:
        """The value one member removes from each scored risk it acts on, in
        :meth:`removed`'s order, and their sum (added in that order).

        A catalog candidate on one element (:meth:`_catalog_site`) reads each of the
        element's risks by its class alone (:meth:`_classes`: threat, listed controls,
        inputs, weight): whether the control acts on it and what it removes are worked
        out once per (control, class), as :meth:`_class_term` (the plan's ranking asks
        for about 1,500 (control, element profile) pairs at 1,000 elements, 14,000 risks
        through :meth:`_single`, of about 2,300 distinct (control, class) pairs). The
        others take :meth:`_removed_terms_plain`, the oracle."""
        site = self._catalog_site(member)
        cand = self._candidates.get(member) if site is not None else None
        if cand is None or cand.id != member or self.catalog.controls.get(site[0]) is None:
            return self._removed_terms_plain(member)
        control, element, _ = site
        memo = self._class_terms.setdefault(control, {})
        classes = self._risk_classes
        terms = []
        gain = 0.0
        for i in self._by_element.get(element, ()):
            cls = classes[i]
            term = memo.get(cls, _UNSEEN)
            if term is _UNSEEN:
                term = memo[cls] = self._class_term(control, i)
            if term is not None:
                terms.append(term)
                gain += term
        return tuple(terms), gain

    def _class_term(self, control: str, i: int) -> float | None:
        """What catalog ``control`` on risk ``i``'s element removes from risk ``i``
        (as :meth:`_removed_terms_plain` computes it through :meth:`_acts_of` and
        :meth:`_level`); None when it does not act on it (the risk lists it already, or
        its threat is not one the control answers) or the risk is not scored."""
        if (control in self._has_controls(i)
                or control not in self._answers(self.counted[i].instance.catalog_id)):
            return None
        k = self.place.get(i)
        if k is None:
            return None
        level = self._level(i, [self._member_control(control)])
        return float(self.base_value[k]) - LEVEL_VALUE.get(level, 0.0) * float(self.weight[k])

    def _removed_terms_plain(self, member: str) -> tuple[tuple[float, ...], float]:
        """:meth:`_removed_terms` from the member's levels (:meth:`_single`)."""
        place, base, weight = self.place, self.base_value, self.weight
        terms = []
        gain = 0.0
        for i, level in self._single(member).items():
            k = place.get(i)
            if k is not None:
                terms.append(float(base[k]) - LEVEL_VALUE.get(level, 0.0) * float(weight[k]))
                gain += terms[-1]
        return tuple(terms), gain

    @functools.cached_property
    def _profiles(self) -> dict[str, int]:
        """Element -> a number shared by elements whose risks, in order, have the same
        threat, listed catalog controls, distinct inputs and weight (what a control's
        removed value on the element reads). Each risk's class is found once
        (:meth:`_classes`), then each element's profile is the tuple of its risks'
        classes."""
        ids: dict[tuple[int, ...], int] = {}
        at = self._risk_classes.__getitem__
        return {element: ids.setdefault(tuple(map(at, risks)), len(ids))
                for element, risks in self._by_element.items()}

    @functools.cached_property
    def _risk_classes(self) -> list[int]:
        """:meth:`_classes`, worked out once."""
        return self._classes()

    def _classes(self) -> list[int]:
        """Per counted risk, a number of its (threat, listed catalog controls, distinct
        inputs, weight or None when not scored), equal for risks of one class (what
        :attr:`_profiles` compares; the numbers need not follow one another): the listed
        controls' catalog ids once per controls list (risks of one memo key share it), or
        with the risk pass's fields tuples (``_shared``) the last three once per tuple,
        each risk's number then threat number x parts + its tuple's part."""
        catalog_ids: dict[tuple[str, ...], int] = {}
        if self._shared is not None:
            # a risk's class: its catalog id and its tuple's part (listed controls, inputs,
            # weight), found once per tuple at its first counted risk
            tuples, first = self._shared
            present, at = np.unique(tuples, return_index=True)
            parts: dict[tuple, int] = {}
            part = np.zeros(len(first), dtype=np.int64)
            place, weights = self.place, self._weights
            for k, i in zip(present.tolist(), at.tolist(), strict=True):
                p = place.get(i)
                part[k] = parts.setdefault((catalog_ids.setdefault(
                    tuple(x.catalog_id for x in first[k].controls), len(catalog_ids)),
                    self._keys[i], None if p is None else weights[p]), len(parts))
            threat = _numbered(list(map(_CATALOG_ID, self.counted)))
            return (threat * max(len(parts), 1) + part[tuples]).tolist()
        weight_of: list[float | None] = [None] * len(self.counted)
        for k, i in enumerate(self.scored):
            weight_of[i] = self._weights[k]
        classes: dict[tuple, int] = {}
        listed: dict[int, int] = {}  # id() of a controls list -> its catalog ids' number
        held: list[list] = []  # those lists, so that no id() is reused meanwhile
        cls: list[int] = []
        for t, n, w in zip(self.counted, self._keys, weight_of, strict=True):
            controls = t.controls
            c = listed.get(id(controls))
            if c is None:
                held.append(controls)
                c = listed[id(controls)] = catalog_ids.setdefault(
                    tuple(x.catalog_id for x in controls), len(catalog_ids))
            key = (t.instance.catalog_id, c, n, w)
            k = classes.get(key)
            if k is None:
                k = classes[key] = len(classes)
            cls.append(k)
        return cls

    def counts(self, members: Iterable[str]) -> dict[str, int]:
        """Counted risks per level with these members in place (the board's figures)."""
        risks, codes = self._set_levels(members)
        levels = self._base_codes.copy()
        levels[risks] = codes
        names = self._level_names
        # as Counter(levels) does: keys in the order they first occur (a count per code
        # and each present code's first place: a handful of codes, no sort of the risks)
        count = np.bincount(levels, minlength=len(names)).tolist()
        first = {int(np.argmax(levels == k)): k for k, n in enumerate(count) if n}
        return {names[k]: count[k] for _, k in sorted(first.items())}

    @functools.cached_property
    def _base_codes(self) -> np.ndarray:
        """Today's level of each counted risk as a number (:meth:`_code`), for
        :meth:`counts` (a Counter over 136,000 risks per step at 10,000 elements)."""
        code = {level: self._code(level) for level in set(self.base)}
        return np.fromiter(map(code.__getitem__, self.base), dtype=np.int64,
                           count=len(self.base))

    def lowered(self, before: Iterable[str], after: Iterable[str]) -> list[dict[str, str]]:
        """The counted risks whose level drops from ``before``'s members to ``after``'s:
        ``{"threat": key, "from": level, "to": level}``, in the risks' order."""
        was = self._base_codes.copy()
        old_risks, old_codes = self._set_levels(before)
        was[old_risks] = old_codes
        risks, codes = self._set_levels(after)
        order = np.argsort(risks)
        risks, codes = risks[order], codes[order]
        was = was[risks]
        moved = codes != was
        names, counted = self._level_names, self.counted
        return [{"threat": counted[i].key, "from": names[w], "to": names[n]}
                for i, w, n in zip(risks[moved].tolist(), was[moved].tolist(),
                                   codes[moved].tolist(), strict=True)]

    def lowers(self, cid: str) -> bool:
        """Whether this candidate alone lowers a scored risk."""
        return bool((self.values([cid]) < self.base_value - 1e-12).any())


@dataclass(frozen=True, slots=True)
class _SetRows:
    """A member set's rows (:meth:`RiskTerm._rows`): per (member, risk it acts on), the
    risk, its level code with that member alone, the member's control number (-1: none;
    :meth:`RiskTerm._arrays_of`) and the member's place among the set's sorted members;
    and the set's levels (:meth:`RiskTerm._levels_of_rows`). Read-only."""

    members: frozenset[str]
    risks: np.ndarray
    codes: np.ndarray
    controls: np.ndarray
    place: np.ndarray
    levels: tuple[np.ndarray, np.ndarray]


def _stacked(parts: list[tuple[np.ndarray, np.ndarray, int]], places: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Members' level arrays (:meth:`RiskTerm._arrays_of`) as rows: risks, codes, and
    per row its member's control number and place (``places``, one per member)."""
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    risks = list(map(_FIRST, parts))
    sizes = np.fromiter(map(len, risks), dtype=np.int64, count=len(parts))
    controls = np.fromiter(map(_THIRD, parts), dtype=np.int64, count=len(parts))
    return (np.concatenate(risks), np.concatenate(list(map(_SECOND, parts))),
            np.repeat(controls, sizes), np.repeat(places, sizes))


_FIRST, _SECOND, _THIRD = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)


def _ordered(members: Iterable[str]) -> tuple[str, ...]:
    """The members as their sorted set: the plan's member lists come sorted and distinct
    (``recommend._expand``), checked in one pass."""
    if not isinstance(members, list | tuple):
        members = list(members)
    if all(map(operator.lt, members, members[1:])):
        return tuple(members)
    return tuple(sorted(set(members)))


def _numbered(keys: list) -> np.ndarray:
    """Each key's number, distinct keys numbered in order of first appearance."""
    number = dict.fromkeys(keys)
    for k, key in enumerate(number):
        number[key] = k
    return np.fromiter(map(number.__getitem__, keys), dtype=np.int64, count=len(keys))


_STATUS = operator.attrgetter("instance.status")
_ELEMENT = operator.attrgetter("instance.element")
_CATALOG_ID = operator.attrgetter("instance.catalog_id")


def _kinds(values: list, fleet: type, bundle: type) -> np.ndarray:
    """Per candidate: 1 a ``fleet``, 2 a ``bundle``, else 0, as ``isinstance`` says (asked
    once per class, not once per candidate)."""
    code = {t: 1 if issubclass(t, fleet) else 2 if issubclass(t, bundle) else 0
            for t in set(map(type, values))}
    return np.fromiter(map(code.__getitem__, map(type, values)), dtype=np.int64,
                       count=len(values))


__all__ = ["DIRECT_FACTOR", "LEVEL_VALUE", "SAFETY_FACTOR", "RiskTerm", "risk_factor"]
