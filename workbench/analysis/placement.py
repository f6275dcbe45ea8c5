"""Where a catalog control can be put in place, and where a threat can sit.

Two uses, one rule:

* the control plan (``attack/recommend.py``) offers a catalog control on an element only
  if the control's ``placement`` allows that element (no "enterprise Wi-Fi security" on
  the public internet, no "network segmentation" of the internet);
* ``workbench catalog check`` fails a threat-control link that can never apply: no
  stencil (or flow over a network stencil) where the threat can sit and the control can
  be placed.

A *site* is what placement rules read: a component (its layer, stencil, stencil tags) or
a flow (its carrier networks' stencils and tags, plus ``wireless`` for a radio flow).
The static check walks every stencil and every one-carrier flow and evaluates the
threat's condition in three-valued logic: facts a stencil does not fix (properties, data,
zones) are *unknown*, so a threat is ruled out only when its condition is false whatever
they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.analysis.catalog import Catalog, ControlType, ThreatType
from workbench.model.conditions import Condition, _compare
from workbench.model.entities import Component, Flow
from workbench.model.errors import Problem
from workbench.model.facts import _is_wireless
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


@dataclass(frozen=True)
class Site:
    """What placement rules and the static check read about one element (or kind)."""

    kind: str  # "component" or "flow"
    layer: str | None = None
    stencils: frozenset[str] = frozenset()  # the component's stencil / a flow's carriers
    tags: frozenset[str] = frozenset()
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    label: str = ""


def control_allows(control: ControlType, site: Site) -> bool:
    """Whether ``control`` can be put in place on ``site``."""
    if site.kind not in control.sites:
        return False
    layers = control.placement_layers
    if site.kind == "component" and layers is not None and site.layer not in layers:
        return False
    rule = control.placement
    if rule is None:
        return True
    if rule.not_stencils and site.stencils & set(rule.not_stencils):
        return False
    if rule.not_tags and site.tags & set(rule.not_tags):
        return False
    if rule.stencils or rule.tags:
        return bool(site.stencils & set(rule.stencils) or site.tags & set(rule.tags))
    return True


def component_site(component: Component, stencils: StencilLibrary) -> Site:
    """A component's site; a declared radio interface counts as the ``wireless`` tag."""
    stencil = stencils.get(component.stencil)
    tags = set(stencil.tags if stencil else ())
    if component.properties.wireless_interfaces:
        tags.add("wireless")
    return Site("component", component.layer.value, frozenset({component.stencil}),
                frozenset(tags), label=component.id)


def flow_site(flow: Flow, components: dict[str, Component], stencils: StencilLibrary) -> Site:
    carriers = [components[v] for v in flow.via if v in components]
    names = frozenset(c.stencil for c in carriers)
    tags: set[str] = set()
    for name in names:
        stencil = stencils.get(name)
        if stencil:
            tags.update(stencil.tags)
    if _is_wireless(flow.protocol):
        tags.add("wireless")
    return Site("flow", None, names, frozenset(tags), label=flow.id)


class Placement:
    """Answers "can this catalog control sit on this element of this model?" quickly."""

    def __init__(self, model: ThreatModel, catalog: Catalog, stencils: StencilLibrary):
        self.catalog = catalog
        comps = model.components_by_id()
        # One site per class of what it is made of (a hospital group's 10,000 pumps,
        # monitors and flows come in a few hundred), shared by the class's elements and
        # with no label: allows reads only kind, layer, stencils and tags.
        made: dict[tuple, Site] = {}
        self._sites: dict[str, Site] = {}
        for c in model.components:
            key = ("component", c.stencil, c.layer, bool(c.properties.wireless_interfaces))
            site = made.get(key)
            if site is None:
                site = made[key] = replace(component_site(c, stencils), label="")
            self._sites[c.id] = site
        for flow in model.flows:
            key = ("flow", tuple(flow.via), flow.protocol)
            site = made.get(key)
            if site is None:
                site = made[key] = replace(flow_site(flow, comps, stencils), label="")
            self._sites.setdefault(flow.id, site)
        # control_allows reads only the site's kind, layer, stencils and tags: a fleet of
        # 2,000 pumps asks the same question 2,000 times (speed, issue 17).
        self._answers: dict[tuple, bool] = {}

    def allows(self, control_id: str, element: str) -> bool:
        """True when the control may sit on the element; unknown controls and elements
        (a model control, a deleted element) are left to the caller and allowed."""
        control = self.catalog.controls.get(control_id)
        site = self._sites.get(element)
        if control is None or site is None:
            return True
        key = (control_id, site.kind, site.layer, site.stencils, site.tags)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = control_allows(control, site)
        return answer

    def site_class(self, element: str) -> tuple | None:
        """What :meth:`allows` reads about the element's site (None: no site): two
        elements of one class get the same answer for every control."""
        site = self._sites.get(element)
        return None if site is None else (site.kind, site.layer, site.stencils, site.tags)


# --- static check -------------------------------------------------------------------------

def _tri(condition: Condition, facts: dict[str, Any]) -> bool | None:
    """Three-valued evaluation: ``None`` when the answer depends on unknown facts."""
    if condition.all is not None:
        values = [_tri(c, facts) for c in condition.all]
        return False if False in values else (None if None in values else True)
    if condition.any is not None:
        values = [_tri(c, facts) for c in condition.any]
        return True if True in values else (None if None in values else False)
    if condition.not_ is not None:
        value = _tri(condition.not_, facts)
        return None if value is None else not value
    if condition.attr not in facts:
        return None
    return _compare(facts[condition.attr], condition.op, condition.value)  # type: ignore[arg-type]


def static_sites(stencils: StencilLibrary) -> list[Site]:
    """Every component stencil, a direct flow, and a flow over each network stencil."""
    sites = []
    for s in stencils:
        facts = {"stencil": s.id, "layer": s.layer.value, "category": s.category,
                 "tags": list(s.tags)}
        sites.append(Site("component", s.layer.value, frozenset({s.id}), frozenset(s.tags),
                          facts, f"a {s.id} component"))
    for wireless in (False, True):
        sites.append(Site("flow", None, frozenset(),
                          frozenset({"wireless"} if wireless else ()),
                          {"via.stencils": [], "via.count": 0, "wireless": wireless},
                          f"a direct {'radio ' if wireless else ''}flow"))
    for s in stencils:
        if s.layer.value != "network":
            continue
        radio = "wireless" in s.tags
        facts = {"via.stencils": [s.id], "via.count": 1}
        if radio:
            facts["wireless"] = True
        sites.append(Site("flow", None, frozenset({s.id}), frozenset(s.tags), facts,
                          f"a flow over {s.id}"))
    return sites


def threat_may_sit(threat: ThreatType, site: Site) -> bool:
    """Whether some element of this site could get the threat (unknown facts allowed)."""
    if threat.applies_to != site.kind:
        return False
    if site.kind == "component":
        if threat.layers and site.layer not in {lay.value for lay in threat.layers}:
            return False
        if threat.stencils and not site.stencils & set(threat.stencils):
            return False
    return threat.when is None or _tri(threat.when, site.facts) is not False


def link_sites(threat: ThreatType, control: ControlType, sites: Iterable[Site]) -> list[Site]:
    """The sites where the threat can sit and the control can answer it there."""
    return [s for s in sites if threat_may_sit(threat, s) and control_allows(control, s)]


def placement_problems(catalog: Catalog, stencils: StencilLibrary) -> list[Problem]:
    """Threat-control links that can never apply, and controls placeable nowhere."""
    sites = static_sites(stencils)
    problems: list[Problem] = []
    for cid, control in sorted(catalog.controls.items()):
        if not any(control_allows(control, s) for s in sites):
            problems.append(Problem(f"{catalog.sources[cid]}: {cid}.placement",
                                    f"control {cid!r} can be placed on no stencil or flow"))
    for tid, threat in sorted(catalog.threats.items()):
        where = [s for s in sites if threat_may_sit(threat, s)]
        for control in catalog.controls_for(tid):
            if any(control_allows(control, s) for s in where):
                continue
            field_name = (f"{tid}.suggested_controls" if control.id in threat.suggested_controls
                          else f"{control.id}.mitigates")
            source = catalog.sources[tid if field_name.startswith(tid) else control.id]
            kinds = sorted({s.kind for s in where})
            problems.append(Problem(
                f"{source}: {field_name}",
                f"control {control.id!r} can never answer threat {tid!r}: the threat sits on "
                f"{' or '.join(kinds) or 'nothing'}s ({_sample(where)}) where the control's "
                f"placement (on {list(control.sites)}, layers "
                f"{sorted(control.placement_layers or ['any'])}) does not allow it"))
    return problems


def _sample(sites: list[Site], limit: int = 3) -> str:
    names = [s.label for s in sites[:limit]]
    more = len(sites) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "") if names else "none"


__all__ = ["Placement", "Site", "component_site", "control_allows", "flow_site",
           "link_sites", "placement_problems", "static_sites", "threat_may_sit"]
