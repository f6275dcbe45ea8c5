"""What a control plan does to the board's risk levels, step by step.

The plan search now reports each step's levels itself (``plan_risk.py``, from today's
controls in place, the model's planned controls being candidates of the plan); this module
writes the note and keeps the projected reading below for steps that lack them.

The plan is chosen on attack-target probabilities (``recommend.py``); a board reads risk
levels. So each step also says how many counted risks are at each level once the plan's
controls up to that step are in place *as planned controls*: the model's projected risk
(every control the model already plans) with the plan's catalog controls added on their
elements, by the same rule the risk model applies to a planned control (a catalog control
on an element acts on that element's threats it answers, with its catalog effectiveness).

A plan step whose control the model already has on that element (in any status) adds
nothing: its effect is already in the projected figure. The model's own controls that are
plan steps (``ctl-...``) are already counted in the projected figure too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from workbench.analysis.risk import (  # the risk model's own arithmetic, not a copy
    AppliedControl,
    Scales,
    _after,
    _value,
)
from workbench.model.entities import ControlStatus


def levels_after_steps(model, catalog, risks: list, steps: list[dict[str, Any]]
                       ) -> list[dict[str, int]]:
    """Per plan step, the counted risks per level (projected) with the steps so far."""
    if not steps or not risks:
        return [{} for _ in steps]
    if catalog is None:  # analyze_attacks(catalog=None) analyses with the shipped catalog
        from workbench.analysis.catalog import default_catalog

        catalog = default_catalog()
    scales = Scales.of(model)
    counted = [t for t in risks if t.ranked]
    level = [t.projected.level for t in counted]
    extra: list[list[AppliedControl]] = [[] for _ in counted]
    by_element: dict[str, list[int]] = {}
    for i, t in enumerate(counted):
        by_element.setdefault(t.instance.element, []).append(i)
    out: list[dict[str, int]] = []
    for step in steps:
        cid = step.get("control")
        ctype = catalog.controls.get(cid) if cid else None
        if ctype is not None:
            for element in step.get("elements", ()):
                for i in by_element.get(element, ()):
                    t = counted[i]
                    if any(c.catalog_id == cid for c in t.controls + extra[i]):
                        continue  # already counted in the projected figure
                    if cid not in {c.id for c in catalog.controls_for(t.instance.catalog_id)}:
                        continue
                    extra[i].append(AppliedControl(
                        f"plan:{cid}@{element}", cid, ctype.title, ControlStatus.PLANNED,
                        ctype.effectiveness, ctype.reduces_effective, None, True))
                    lik, imp = _after(t.likelihood, t.impact, t.controls + extra[i], scales)
                    level[i] = _value(lik, imp, scales).level
        out.append(dict(Counter(level)))
    return out


def note_levels(model, catalog, risks: list, steps: list[dict[str, Any]],
                notes: list[str], term=None) -> None:
    """A note: critical risks today and after the plan's steps. The steps carry
    ``levels_after`` from the plan search (``plan_risk.RiskTerm``: today's controls in place
    plus the steps so far); steps without it get this module's projected figure.

    ``term``: the plan's risk term made from ``risks``, if any. Its ``base`` is each ranked
    risk's level with the controls in place, in the risks' order, worked out by the risk
    model's own arithmetic once per distinct inputs: today's counts are read from it
    instead of from each risk object (over half a million at 50,000 elements)."""
    if all("levels_after" in s for s in steps):
        after = [s["levels_after"] for s in steps]
        before = (Counter(term.base) if term is not None
                  else Counter(t.current.level for t in risks if t.ranked))
        what = "today, with the controls in place"
    else:
        after = levels_after_steps(model, catalog, risks, steps)
        for step, levels in zip(steps, after, strict=True):
            step["levels_after"] = levels
        before = Counter(t.projected.level for t in risks if t.ranked)
        what = "projected with the model's planned controls"
    if after:
        notes.append(f"control plan: critical risks ({what}) {before.get('critical', 0)} -> "
                     f"{after[-1].get('critical', 0)} after the plan's {len(steps)} steps "
                     f"({after[min(2, len(after) - 1)].get('critical', 0)} after the first "
                     f"{min(3, len(steps))}); high {before.get('high', 0)} -> "
                     f"{after[-1].get('high', 0)}")


__all__ = ["levels_after_steps", "note_levels"]
