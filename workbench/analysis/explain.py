"""Why a catalog threat applies to an element: the rule and the facts that made it hold.

The rule engine (:mod:`workbench.analysis.rules`) only answers yes or no. An analyst deciding
on a suggestion in a workshop needs the reason ("internet exposed is yes; it holds health
data") to accept or reject it with confidence, so this module walks the same condition tree
over the same facts and keeps the leaves that decided the result. Qt-free: the window words
the clauses in the interface language; a CLI can print them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.analysis.catalog import ThreatType
from workbench.model.conditions import Condition
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


@dataclass(frozen=True)
class Clause:
    """One leaf condition that decided the result, with the element's own value.

    ``negated``: the leaf is *false* on the element and that is why the rule holds (it sits
    under a ``not``), so it reads "is not", "includes none of"...
    """

    attr: str
    op: str
    expected: Any
    actual: Any
    negated: bool = False


@dataclass(frozen=True)
class Applicability:
    """The rule of ``catalog_id`` on ``element``: restrictions, deciding clauses, result."""

    catalog_id: str
    element: str
    kind: str  # "component" | "flow"
    layers: list[str] = field(default_factory=list)  # the rule's layers ([]: any)
    stencils: list[str] = field(default_factory=list)  # the rule's element types ([]: any)
    layer: str | None = None  # the element's
    stencil: str | None = None  # the element's
    clauses: list[Clause] = field(default_factory=list)
    holds: bool = True  # False: the rule no longer holds (the analyst kept the threat)


def deciding_clauses(condition: Condition, facts: dict[str, Any],
                     want: bool = True) -> list[Clause]:
    """The leaves of ``condition`` that make it evaluate to ``want`` on ``facts``.

    ``all`` true: every leaf; ``any`` true: the branches that hold; ``not``: the inner
    condition's reasons for the opposite; ``all`` false: the first failing branch.
    """
    if condition.attr is not None:
        if condition.evaluate(facts) != want:
            return []
        return [Clause(condition.attr, condition.op or "", condition.value,
                       facts.get(condition.attr), negated=not want)]
    if condition.not_ is not None:
        return deciding_clauses(condition.not_, facts, not want)
    children = condition.all if condition.all is not None else condition.any or []
    conjunction = condition.all is not None
    if conjunction == want:  # all true / any false: every child counts
        return [c for child in children for c in deciding_clauses(child, facts, want)]
    deciding = [child for child in children if child.evaluate(facts) == want]
    if conjunction:  # all false: the first failing branch is enough to say why
        deciding = deciding[:1]
    return [c for child in deciding for c in deciding_clauses(child, facts, want)]


class Explainer:
    """Facts of one model version, computed once and reused for every threat shown."""

    def __init__(self, model: ThreatModel, stencils: StencilLibrary | None):
        self.model = model
        self._index = FactIndex(model, stencils or StencilLibrary([]))
        self._facts: dict[str, dict[str, Any]] = {}

    def facts(self, element_id: str) -> tuple[str, dict[str, Any]] | None:
        comp = self.model.component(element_id)
        if comp is not None:
            kind = "component"
        elif self.model.flow(element_id) is not None:
            kind = "flow"
        else:
            return None
        if element_id not in self._facts:
            self._facts[element_id] = (self._index.component(comp) if comp is not None
                                       else self._index.flow(self.model.flow(element_id)))
        return kind, self._facts[element_id]

    def why(self, threat: ThreatType, element_id: str) -> Applicability | None:
        """Why ``threat`` applies to ``element_id``; None when the element is gone."""
        found = self.facts(element_id)
        if found is None:
            return None
        kind, facts = found
        comp = self.model.component(element_id)
        layer = comp.layer.value if comp is not None else None
        stencil = comp.stencil if comp is not None else None
        holds = (kind == threat.applies_to
                 and (not threat.layers or layer in {x.value for x in threat.layers})
                 and (not threat.stencils or stencil in threat.stencils)
                 and (threat.when is None or threat.when.evaluate(facts)))
        clauses = (deciding_clauses(threat.when, facts, True)
                   if threat.when is not None and holds else [])
        return Applicability(catalog_id=threat.id, element=element_id, kind=kind,
                             layers=[x.value for x in threat.layers],
                             stencils=list(threat.stencils), layer=layer, stencil=stencil,
                             clauses=clauses, holds=holds)
