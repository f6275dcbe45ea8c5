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

from collections import Counter
from collections.abc import Iterable

import numpy as np

from workbench.analysis.risk import AppliedControl, Scales, _after, _value
from workbench.model.entities import ControlStatus

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
        from workbench.analysis.attack.recommend import catalog_control_of

        self.scales = Scales.of(model)
        self.counted = [t for t in risks if t.ranked]
        #: A level reads only the likelihood, the impact and each control's
        #: (effectiveness, reduces) in order: thousands of risks share those, so levels are
        #: memoised on them (``_level``).
        #: Per risk, the number of its distinct inputs; per number, the inputs of its
        #: first risk (a few hundred at 10,000 elements, not one copy per risk: memory).
        self._memo: dict[tuple, str] = {}
        self._inputs: list[tuple[int, dict[str, int], list[AppliedControl]]] = []
        self._keys: list[int] = []
        distinct: dict[tuple, int] = {}
        for t in self.counted:
            inplace = [c for c in t.controls if c.in_place]
            key = (t.likelihood, tuple(t.impact.items()),
                   tuple((c.effectiveness, c.reduces) for c in inplace))
            n = distinct.get(key)
            if n is None:
                n = distinct[key] = len(self._inputs)
                self._inputs.append((t.likelihood, t.impact, inplace))
            self._keys.append(n)
        self.base = [self._level(i, ()) for i in range(len(self.counted))]
        self.scored = [i for i, lvl in enumerate(self.base) if lvl in LEVEL_VALUE]
        #: risk index -> its place in ``scored`` (``values`` touches only the changed ones)
        self.place = {i: k for k, i in enumerate(self.scored)}
        self._by_member: dict[str, dict[int, str]] = {}
        self.weight = np.array([risk_factor(self.counted[i]) for i in self.scored])
        self.base_value = np.array([LEVEL_VALUE[self.base[i]] for i in self.scored]) \
            * self.weight
        by_element: dict[str, list[int]] = {}
        for i, t in enumerate(self.counted):
            by_element.setdefault(t.instance.element, []).append(i)
        #: candidate id -> [(risk index, control acting on it)]
        self.acts: dict[str, list[tuple[int, AppliedControl]]] = {}
        answering: dict[str, frozenset[str]] = {}  # threat type -> controls answering it
        has = [frozenset(c.catalog_id for c in t.controls) for t in self.counted]
        threat_of = [t.instance.catalog_id for t in self.counted]
        for cid, cand in candidates.items():
            control = catalog_control_of(cand)
            if control is not None and not getattr(cand, "members", ()):
                ctype = catalog.controls.get(control)
                if ctype is None:
                    continue
                for element in cand.elements:
                    applied = None  # one (frozen) control for all the element's risks
                    for i in by_element.get(element, ()):
                        if control in has[i]:
                            continue  # the model has it already (in place or planned)
                        threat = threat_of[i]
                        ok = answering.get(threat)
                        if ok is None:
                            ok = answering[threat] = frozenset(
                                c.id for c in catalog.controls_for(threat))
                        if control not in ok:
                            continue
                        if applied is None:
                            applied = AppliedControl(
                                f"plan:{control}@{element}", control, ctype.title,
                                ControlStatus.PLANNED, ctype.effectiveness,
                                ctype.reduces_effective, None, True)
                        self.acts.setdefault(cid, []).append((i, applied))
        for i, t in enumerate(self.counted):  # the model's own controls not in place
            for c in t.controls:
                if not c.in_place and c.control in candidates:
                    self.acts.setdefault(c.control, []).append((i, c))

    def _level(self, i: int, extra: list[AppliedControl] | tuple[()]) -> str:
        """Risk ``i``'s level with its controls in place plus ``extra`` (memoised on the
        inputs of ``risk._after`` and ``risk._value``, the order of controls included: a
        product of floats depends on it)."""
        key = (self._keys[i], tuple((c.effectiveness, c.reduces) for c in extra))
        level = self._memo.get(key)
        if level is None:
            likelihood, impact, inplace = self._inputs[self._keys[i]]
            lik, imp = _after(likelihood, impact, inplace + list(extra), self.scales)
            level = self._memo[key] = _value(lik, imp, self.scales).level
        return level

    def _levels(self, members: Iterable[str]) -> dict[int, str]:
        """Risk index -> level, for the risks the members act on.

        A fleet's members sit on distinct elements, so they act on distinct risks: its
        levels are then its members' own, each computed once (``_single``) and shared by
        every fleet and step holding that member."""
        ordered = sorted(set(members))
        if len(ordered) == 1:
            return self._single(ordered[0])
        merged: dict[int, str] = {}
        count = 0
        for m in ordered:
            one = self._single(m)
            count += len(one)
            merged.update(one)
        if len(merged) == count:  # no risk acted on by two members
            return merged
        extra: dict[int, list[AppliedControl]] = {}
        for m in ordered:
            for i, c in self.acts.get(m, ()):
                extra.setdefault(i, []).append(c)
        return {i: self._level(i, cs) for i, cs in extra.items()}

    def screened(self) -> None:
        """Called once every candidate was ranked: the per-member levels (one dict per
        candidate, ~50 MB at 10,000 elements) are not kept through the plan's search,
        which reads a few hundred members again."""
        self._by_member.clear()

    def _single(self, member: str) -> dict[int, str]:
        """``_levels`` of one member (kept: read-only for callers)."""
        out = self._by_member.get(member)
        if out is None:
            extra: dict[int, list[AppliedControl]] = {}
            for i, c in self.acts.get(member, ()):
                extra.setdefault(i, []).append(c)
            out = self._by_member[member] = {i: self._level(i, cs) for i, cs in extra.items()}
        return out

    def values(self, members: Iterable[str]) -> np.ndarray:
        """Each scored risk's value with these candidate members in place (per-element
        candidate ids, as fleets and bundles expand to)."""
        changed = self._levels(members)
        if not changed:
            return self.base_value
        out = self.base_value.copy()
        place = self.place
        for i, level in changed.items():
            k = place.get(i)
            if k is not None:
                out[k] = LEVEL_VALUE.get(level, 0.0) * self.weight[k]
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

    def counts(self, members: Iterable[str]) -> dict[str, int]:
        """Counted risks per level with these members in place (the board's figures)."""
        changed = self._levels(members)
        return dict(Counter(changed.get(i, lvl) for i, lvl in enumerate(self.base)))

    def lowered(self, before: Iterable[str], after: Iterable[str]) -> list[dict[str, str]]:
        """The counted risks whose level drops from ``before``'s members to ``after``'s:
        ``{"threat": key, "from": level, "to": level}``, in the risks' order."""
        old, new = self._levels(before), self._levels(after)
        out = []
        for i in sorted(new):
            was = old.get(i, self.base[i])
            if new[i] != was:
                out.append({"threat": self.counted[i].key, "from": was, "to": new[i]})
        return out

    def lowers(self, cid: str) -> bool:
        """Whether this candidate alone lowers a scored risk."""
        return bool((self.values([cid]) < self.base_value - 1e-12).any())


__all__ = ["DIRECT_FACTOR", "LEVEL_VALUE", "SAFETY_FACTOR", "RiskTerm", "risk_factor"]
