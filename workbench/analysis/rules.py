"""Rule engine: suggest threat instances from the catalog and merge them with past decisions.

Every suggestion has a stable key, ``<catalog id>@<element id>``. Re-running the engine
never loses an analyst decision:

* a key seen before keeps everything the analyst wrote (status, reason, owner, dates,
  overrides, mitigation links, comments);
* a new key becomes a new ``suggested`` instance;
* when the element of an instance vanished, the instance is marked ``orphaned`` and its
  previous status is kept in ``previous_status``; if the element comes back, the previous
  status is restored;
* when the element still exists but the rule no longer fires (say the flow is now
  encrypted), an untouched suggestion is dropped (nothing of the analyst's is lost) and a
  decided one is orphaned the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from workbench.analysis.catalog import Catalog, ThreatType, default_catalog
from workbench.model.base import Identifier, SharedFieldsSet, ShortText
from workbench.model.conditions import compiled
from workbench.model.entities import Component, Flow, ThreatInstance
from workbench.model.enums import Layer, ThreatStatus
from workbench.model.facts import FactIndex, fact_key
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

_ID_LIMIT = 128


def threat_key(catalog_id: str, element_id: str) -> str:
    return f"{catalog_id}@{element_id}"


def instance_id(key: str) -> str:
    """The key itself when it fits the id rules, else a stable shortened form."""
    if len(key) <= _ID_LIMIT:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{key[:_ID_LIMIT - 11]}-{digest}"  # "-": the id pattern refuses "~"


@dataclass
class Suggestion:
    threat: ThreatType
    element_id: str

    @property
    def key(self) -> str:
        return threat_key(self.threat.id, self.element_id)


@dataclass
class MergeReport:
    """What a run changed, for the CLI summary and the GUI status line."""

    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unknown_catalog: list[str] = field(default_factory=list)
    #: The new instances as columns, when the merge made them per run (else None).
    fresh: FreshColumns | None = field(default=None, compare=False, repr=False)

    def summary(self) -> str:
        return (f"{len(self.added)} new, {len(self.kept)} kept, {len(self.restored)} restored, "
                f"{len(self.orphaned)} orphaned, {len(self.dropped)} stale suggestions dropped")


def _applies(threat: ThreatType, facts: dict, layer: str | None, stencil: str | None
             ) -> bool:
    if threat.layers and layer not in {lay.value for lay in threat.layers}:
        return False
    if threat.stencils and stencil not in threat.stencils:
        return False
    # an attack on the element's own hardware has nothing to open on a software element
    # (tags come from the stencil, which is in the memo key)
    if threat.needs_hardware and "software" in (facts.get("tags") or ()):
        return False
    return threat.when is None or threat.when.evaluate(facts)


def _rule(threat: ThreatType) -> Callable[[dict, str | None, str | None], bool]:
    """:func:`_applies` of ``threat`` as one function of (facts, layer, stencil): the
    threat's layers and stencils made sets and its condition compiled
    (``conditions.compiled``) once per catalog memo, not at each of the thousands of
    evaluations (every rule on every distinct fact set of a model)."""
    layers = frozenset(lay.value for lay in threat.layers) if threat.layers else None
    stencils = frozenset(threat.stencils) if threat.stencils else None
    hardware = threat.needs_hardware
    when = compiled(threat.when) if threat.when is not None else None

    def applies(facts: dict, layer: str | None, stencil: str | None) -> bool:
        if layers is not None and layer not in layers:
            return False
        if stencils is not None and stencil not in stencils:
            return False
        if hardware and "software" in (facts.get("tags") or ()):
            return False
        return when is None or when(facts)
    return applies


def applies_to_stencil_defaults(threat: ThreatType, stencil: Any) -> bool:
    """Whether ``threat``'s rule fires on a lone element of ``stencil`` with its defaults
    (for ``workbench catalog check``)."""
    from workbench.model import Component, Layer, Metadata, ThreatModel

    comp = Component(id="probe", name=stencil.label, stencil=stencil.id,
                     layer=Layer(stencil.layer))
    model = ThreatModel(metadata=Metadata(title="probe"), components=[comp])
    facts = FactIndex(model, default_stencils()).component(model.components[0])
    return _applies(threat, facts, comp.layer.value, comp.stencil)


#: The memo key of a fact set (``model/facts.py``; the likelihood adjustments use it too).
_fact_key = fact_key


#: Past this many remembered fact sets per catalog, the memo starts again.
_MEMO_LIMIT = 20_000


def condition_reads(catalog: Catalog, kind: str) -> tuple[str, ...]:
    """Every fact attribute the catalog's conditions on ``kind`` read, sorted (the memo
    keys' order): the threat rules' and the likelihood adjustments'.

    One attribute set for both, so the element's fact key is worked out once
    (``FactIndex.key``) and serves the rules here and the adjustments in
    ``risk_memo``; a key over more attributes than a memo needs only splits its entries
    finer, never wrongly. Kept on the catalog; sizes are checked as for the memos.
    """
    sizes = (len(catalog.threats), len(catalog.adjustments))
    cached = vars(catalog).get("_condition_reads")
    if cached is None or cached[0] != sizes:
        reads = {}
        for each in ("component", "flow"):
            conditions = [t.when for t in catalog.threats.values()
                          if t.applies_to == each and t.when is not None]
            conditions += [a.when for a in catalog.adjustments if a.applies_to == each]
            reads[each] = tuple(sorted({a for c in conditions for a in c.attributes()}))
        cached = vars(catalog)["_condition_reads"] = (sizes, reads)
    return cached[1][kind]


def _memo(catalog: Catalog) -> dict[str, Any]:
    """Per-catalog memo kept on the catalog object (catalogs are built once, then read)."""
    memo = vars(catalog).get("_rule_memo")
    reads = (condition_reads(catalog, "component"), condition_reads(catalog, "flow"))
    if memo is None or memo["size"] != len(catalog.threats) or memo["reads"] != reads:
        threats = list(catalog.threats.values())
        component = [t for t in threats if t.applies_to == "component"]
        flow = [t for t in threats if t.applies_to == "flow"]
        memo = {"size": len(catalog.threats), "component": component, "flow": flow,
                "reads": reads, "matches": {},
                "rules": {kind: [(t, _rule(t)) for t in threats]
                          for kind, threats in (("component", component), ("flow", flow))}}
        vars(catalog)["_rule_memo"] = memo
    return memo


def _matching(memo: dict[str, Any], index: FactIndex, elements: list[Component] | list[Flow],
              kind: str) -> list[tuple[ThreatType, ...]]:
    """For each of ``elements`` (all components or all flows, as ``kind`` says), the
    threat types whose rule fires on it, with ``memo`` the catalog's (:func:`_memo`).

    A rule is a pure function of the facts it reads (and the element's layer and stencil),
    so the answer is remembered per distinct set of those facts: elements of one stencil
    with the same properties share one evaluation, and after an edit (the GUI re-runs the
    rules after every edit) only elements whose read facts changed are evaluated again.
    An element's facts are built only when its fact set is new; the fact keys are worked
    out for all the elements at once (``FactIndex.keys``).
    """
    reads = memo["reads"][0 if kind == "component" else 1]
    rules, matches = memo["rules"][kind], memo["matches"]
    keys = index.keys(elements, reads)
    if kind == "component":
        full = [("component", _LAYER_VALUE[e.layer], e.stencil, k)  # type: ignore[union-attr]
                for e, k in zip(elements, keys, strict=True)]
    else:
        full = [("flow", None, None, k) for k in keys]
    out = list(map(matches.get, full))
    for i in [i for i, hit in enumerate(out) if hit is None]:
        key = full[i]
        hit = matches.get(key)  # an earlier element of the same fact set
        if hit is None:
            if len(matches) > _MEMO_LIMIT:
                matches.clear()
            element, (_, layer, stencil, _) = elements[i], key
            facts = (index.component(element) if kind == "component"  # type: ignore[arg-type]
                     else index.flow(element))  # type: ignore[arg-type]
            hit = matches[key] = tuple(t for t, applies in rules
                                       if applies(facts, layer, stencil))
        out[i] = hit
    return out  # each tuple shared by the elements of its fact set: read it, never change it


#: Each layer's value (``Layer.value`` goes through the enum's descriptor).
_LAYER_VALUE = {layer: layer.value for layer in Layer}


def find_suggestions(model: ThreatModel, catalog: Catalog,
                     stencils: StencilLibrary | None = None, *,
                     only: Collection[str] | None = None,
                     index: FactIndex | None = None) -> list[Suggestion]:
    """Every (threat type, element) pair whose rule fires, in model order.

    ``only``: evaluate just these element ids (the incremental re-analysis,
    ``analysis/incremental.py``, re-evaluates the elements whose facts may have changed).
    ``index``: this model's facts when the caller keeps them (the incremental analysis
    scores from the same facts instead of computing them a second time).
    """
    return [Suggestion(t, element) for element, threats
            in _suggested(model, catalog, stencils, only=only, index=index)
            for t in threats]


def _suggested(model: ThreatModel, catalog: Catalog, stencils: StencilLibrary | None = None,
               *, only: Collection[str] | None = None, index: FactIndex | None = None
               ) -> list[tuple[str, tuple[ThreatType, ...]]]:
    """:func:`find_suggestions` per element: each element id with the threat types whose
    rule fires on it (the tuple shared by the elements of one fact set), in model order.
    The merge reads them so, without a :class:`Suggestion` per pair."""
    if index is None or index.model is not model:
        index = FactIndex(model, stencils or default_stencils())
    memo = _memo(catalog)
    out: list[tuple[str, tuple[ThreatType, ...]]] = []
    for kind, elements in (("component", model.components), ("flow", model.flows)):
        picked = elements if only is None else [e for e in elements if e.id in only]
        out += zip([e.id for e in picked], _matching(memo, index, picked, kind), strict=True)
    return out


def _untouched(inst: ThreatInstance) -> bool:
    """True when nobody decided or wrote anything on this instance."""
    return (inst.status == ThreatStatus.SUGGESTED and not inst.manual and not inst.mitigations
            and inst.reason is None and inst.owner is None and inst.comment is None
            and inst.likelihood is None and not inst.impact and inst.cvss is None
            and inst.transferred_to is None and inst.decided_by is None)


def merge_suggestions(model: ThreatModel, catalog: Catalog | None = None,
                      stencils: StencilLibrary | None = None, *,
                      suggestions: list[Suggestion] | None = None,
                      reuse: Mapping[str, ThreatInstance] | None = None,
                      index: FactIndex | None = None
                      ) -> tuple[ThreatModel, MergeReport]:
    """A copy of ``model`` with current suggestions merged into its threats, and a report.

    For the incremental re-analysis: ``suggestions`` are the engine's suggestions for
    ``model`` when the caller already has them (in :func:`find_suggestions` order);
    ``reuse`` maps keys to instances an earlier merge created, taken instead of a new
    instance when equal to it (building 60,000 instances is most of a merge's time).
    ``index``: ``model``'s facts, kept by the caller for the risk pass
    (``FactIndex.sharing``).
    """
    catalog = catalog or default_catalog()
    report = MergeReport()
    runs = (_suggested(model, catalog, stencils, index=index) if suggestions is None
            else [(s.element_id, (s.threat,)) for s in suggestions])
    new_keys = [f"{t.id}@{element}" for element, threats in runs for t in threats]  # threat_key
    suggested = set(new_keys)
    if len(suggested) != len(new_keys):  # a key twice: the last one's pair, first place
        pairs = {k: (t, e) for k, (e, t) in zip(
            new_keys, [(e, t) for e, threats in runs for t in threats], strict=True)}
        new_keys, runs = list(pairs), [(e, (t,)) for t, e in pairs.values()]
    elements = model.element_ids()
    used_ids = {t.id for t in model.threats}
    merged = _recorded(model.threats, catalog, elements, suggested, used_ids, report)
    known = {t.key for t in merged}
    if new_keys and known.issuperset(new_keys):  # nothing new: a saved model, again
        return model.model_copy(update={"threats": merged}), report
    runs, new_keys = _unknown(runs, new_keys, known)  # the loop would skip the others
    if not reuse and _own_ids(new_keys, known, used_ids):
        fresh = _FreshInstances().runs(runs, new_keys)
        report.fresh = FreshColumns.of(len(merged), fresh, runs, new_keys)
        merged += fresh
        report.added += new_keys
        return model.model_copy(update={"threats": merged}), report
    make = _FreshInstances().make
    added, start = report.added, 0
    for element, threats in runs:
        ok = _ID.fullmatch(element) is not None  # for make: once per element
        end = start + len(threats)
        for threat, key in zip(threats, new_keys[start:end], strict=True):
            new_id = key if len(key) <= _ID_LIMIT else instance_id(key)
            n = 2
            while new_id in used_ids:
                new_id = instance_id(f"{key}-{n}")  # "~" is not allowed in ids
                n += 1
            used_ids.add(new_id)
            old = reuse.get(key) if reuse else None
            if old is not None and _fresh(old, new_id, threat, element):
                merged.append(old)
            else:
                merged.append(make(new_id, key, threat, element, ok))
            added.append(key)
        start = end
    return model.model_copy(update={"threats": merged}), report


def _recorded(threats: list[ThreatInstance], catalog: Catalog, elements: set[str],
              suggested: set[str], used_ids: set[str], report: MergeReport
              ) -> list[ThreatInstance]:
    """The model's recorded instances as the merge leaves them (kept, restored, orphaned
    or dropped), noted in ``report``; ``used_ids`` loses the ids of dropped ones.

    A saved model analysed again (every instance on a live element, its rule still
    firing, none orphaned) keeps them all as they are: that case is read in a few
    passes over the list instead of the loop's branches per instance."""
    known_types = catalog.threats
    report.unknown_catalog += [t.key for t in threats
                               if t.catalog_id not in known_types and not t.manual]
    if _all_kept(threats, elements, suggested):
        report.kept += [t.key for t in threats]
        return list(threats)
    merged: list[ThreatInstance] = []
    for inst in threats:
        live = inst.element in elements and (inst.manual or inst.key in suggested)
        if live:
            if inst.status == ThreatStatus.ORPHANED:
                inst = inst.model_copy(update={
                    "status": inst.previous_status or ThreatStatus.SUGGESTED,
                    "previous_status": None})
                report.restored.append(inst.key)
            else:
                report.kept.append(inst.key)
            merged.append(inst)
            continue
        if inst.status == ThreatStatus.ORPHANED:
            merged.append(inst)  # still orphaned: keep as is
            report.kept.append(inst.key)
        elif inst.element in elements and _untouched(inst):
            report.dropped.append(inst.key)  # rule no longer fires, nothing decided
            used_ids.discard(inst.id)
        else:
            merged.append(inst.model_copy(update={"status": ThreatStatus.ORPHANED,
                                                  "previous_status": inst.status}))
            report.orphaned.append(inst.key)
    return merged


def _all_kept(threats: list[ThreatInstance], elements: set[str], suggested: set[str]
              ) -> bool:
    """Whether the merge keeps every instance as it is: each on a live element, manual or
    still suggested, none orphaned."""
    orphaned = ThreatStatus.ORPHANED
    for t in threats:
        if t.element not in elements or t.status == orphaned or not (
                t.manual or t.key in suggested):
            return False
    return True


def _unknown(runs: list[tuple[str, tuple[ThreatType, ...]]], keys: list[str],
             known: set[str]) -> tuple[list[tuple[str, tuple[ThreatType, ...]]], list[str]]:
    """``runs`` and their ``keys`` without the known keys (a run keeps its shared tuple
    when none of its keys is known)."""
    if known.isdisjoint(keys):
        return runs, keys
    out: list[tuple[str, tuple[ThreatType, ...]]] = []
    start = 0
    for element, threats in runs:
        end = start + len(threats)
        new = [key not in known for key in keys[start:end]]
        if all(new):
            out.append((element, threats))
        elif any(new):
            out.append((element, tuple(t for t, n in zip(threats, new, strict=True) if n)))
        start = end
    return out, [key for key in keys if key not in known]


@dataclass(eq=False)
class FreshColumns:
    """The new instances of a merge (``threats[start:]`` of the merged model, in order)
    as the merge knew them, one column per field: for a reader of every instance
    (``analyze --json``'s rows and shapes) that would otherwise read each object.

    Each one's id is its key, its catalog id and title its threat type's (``types``),
    its status suggested, no owner, no reason. A reader checks that its list still
    holds :attr:`instances` (identity first, as ``==`` on lists does) before using the
    columns; the instances themselves are never assigned to (the code base replaces an
    instance by ``model_copy``)."""

    start: int
    instances: list[ThreatInstance]
    keys: list[str]
    elements: list[str]
    types: list[ThreatType]
    #: the (element, threat types) runs the instances were made from, in order: for a
    #: reader that works per element or per tuple of types rather than per instance
    runs: list[tuple[str, tuple[ThreatType, ...]]]

    @classmethod
    def of(cls, start: int, instances: list[ThreatInstance],
           runs: list[tuple[str, tuple[ThreatType, ...]]], keys: list[str]) -> FreshColumns:
        """The columns of ``instances``, made from ``runs`` under ``keys``
        (:meth:`_FreshInstances.runs`)."""
        elements: list[str] = []
        types: list[ThreatType] = []
        for element, threats in runs:
            types += threats
            elements += [element] * len(threats)
        return cls(start, instances, keys, elements, types, runs)

    def tail_of(self, threats: list[Any]) -> bool:
        """Whether ``threats`` ends with these instances, after :attr:`start` others."""
        return (len(threats) == self.start + len(self.instances)
                and threats[self.start:] == self.instances)


def _own_ids(keys: list[str], known: set[str], used_ids: set[str]) -> bool:
    """Whether every one of the (distinct) new ``keys`` is new and its own instance id:
    none known, none an id in use, none too long for an id. The merge's loop would then
    add them all, in order, each under its key (a quicker way, :meth:`_FreshInstances.runs`)."""
    return (known.isdisjoint(keys) and used_ids.isdisjoint(keys)
            and max(map(len, keys), default=0) <= _ID_LIMIT)


class _FreshInstances:
    """New suggested instances for one merge: each a copy of a template validated once
    per threat type, with its own id, key and element and its own mutable values; the
    fields set (the same six names) is one for all (:class:`SharedFieldsSet`).

    A merge makes one instance per suggestion (over 100,000 at 10,000 elements), and the
    validator's work is the same for every suggestion of a threat type but for those three
    strings, which are checked here instead:

    * the element against the id pattern, once per element;
    * the id: :func:`instance_id` of the key (or of the key and a number) fits the id
      pattern whenever the key's characters all do, which holds when the catalog id is an
      id-like word (letter or digit first, checked once per threat type) and the element
      an id;
    * the key's length.

    Whatever these do not cover (a template that does not validate, a catalog id or element
    outside the pattern, a long key) goes through the validator, which builds the same
    instance or raises its own error.
    """

    def __init__(self) -> None:
        self._validate = ThreatInstance.__pydantic_validator__.validate_python
        #: id(threat type) -> its template's field values, None when the shortcut does not
        #: apply (the suggestions hold the threat types for the whole merge).
        self._templates: dict[int, dict[str, Any] | None] = {}

    def make(self, new_id: str, key: str, threat: ThreatType, element: str,
             ok: bool | None = None) -> ThreatInstance:
        """The instance of ``threat`` on ``element`` under ``key`` and ``new_id``
        (:func:`instance_id` of the key, or of the key and a number); ``ok``: whether
        ``element`` fits the id pattern (None: check it here)."""
        template = self.template(threat)
        if ok is None:
            ok = _ID.fullmatch(element) is not None
        if template is None or not ok or len(key) > _SHORT_TEXT:
            return self._validated(new_id, key, threat, element)
        values = template.copy()
        values["id"] = new_id
        values["key"] = key
        values["element"] = element
        values["stride"] = list(values["stride"])  # the mutable values: the instance's own
        values["impact"] = {}
        values["mitigations"] = []
        inst = _new(ThreatInstance)
        _object_setattr(inst, "__dict__", values)
        _set_fields_set(inst, _FRESH_FIELDS_SET)
        _set_extra(inst, None)
        _set_private(inst, None)
        return inst

    def runs(self, runs: list[tuple[str, tuple[ThreatType, ...]]], keys: list[str]
             ) -> list[ThreatInstance]:
        """:meth:`make` of every threat type of every (element, threat types) run, in
        order, under its key in ``keys`` as its id too (the merge's ``_own_ids`` case).

        The same instances as :meth:`make` one by one, its body inlined (it runs once per
        new threat): the templates looked up once per run's tuple of threat types (the
        rules share one tuple between the elements of a fact set), the element checked
        once per run."""
        out: list[ThreatInstance] = []
        append, make, new, set_dict = out.append, self.make, _new, _object_setattr
        set_fields, set_extra, set_private = _set_fields_set, _set_extra, _set_private
        fields, short_text, cls = _FRESH_FIELDS_SET, _SHORT_TEXT, ThreatInstance
        of_tuple: dict[int, list[dict[str, Any] | None]] = {}
        start = 0
        for element, threats in runs:
            end = start + len(threats)
            templates = of_tuple.get(id(threats))  # the tuples live through the merge
            if templates is None:
                templates = of_tuple[id(threats)] = [self.template(t) for t in threats]
            ok = _ID.fullmatch(element) is not None
            for template, threat, key in zip(templates, threats, keys[start:end],
                                             strict=True):
                if template is None or not ok or len(key) > short_text:
                    append(make(key, key, threat, element, ok))
                    continue
                values = template.copy()
                values["id"] = key
                values["key"] = key
                values["element"] = element
                values["stride"] = list(values["stride"])
                values["impact"] = {}
                values["mitigations"] = []
                inst = new(cls)
                set_dict(inst, "__dict__", values)
                set_fields(inst, fields)
                set_extra(inst, None)
                set_private(inst, None)
                append(inst)
            start = end
        return out

    def template(self, threat: ThreatType) -> dict[str, Any] | None:
        """``threat``'s template (:meth:`_template`), made once per merge."""
        template = self._templates.get(id(threat), _NO_TEMPLATE)
        if template is _NO_TEMPLATE:
            template = self._templates[id(threat)] = self._template(threat)
        return template

    def _template(self, threat: ThreatType) -> dict[str, Any] | None:
        """The validated field values of ``threat``'s instances (placeholders for the
        three strings each instance has of its own), None if the shortcut cannot apply."""
        if _ID_WORD.fullmatch(threat.id) is None:
            return None
        try:
            inst = self._validate({"id": "id", "key": "key", "catalog_id": threat.id,
                                   "element": "element", "title": threat.title,
                                   "stride": list(threat.stride)})
        except ValueError:
            return None
        return dict(vars(inst))

    def _validated(self, new_id: str, key: str, threat: ThreatType, element: str
                   ) -> ThreatInstance:
        """The instance from the model's validator (what ``ThreatInstance(**fields)``
        builds, without its keyword wrapper), with a compact copy of its fields set:
        pydantic-core adds the six names one at a time, leaving a table sized for far more
        (about half of a new instance's memory)."""
        inst = self._validate({"id": new_id, "key": key, "catalog_id": threat.id,
                               "element": element, "title": threat.title,
                               "stride": list(threat.stride)})
        _object_setattr(inst, "__pydantic_fields_set__", set(inst.__pydantic_fields_set__))
        return inst


_NO_TEMPLATE: Any = object()
_object_setattr = object.__setattr__
_new = object.__new__
# the model's slots set directly (their descriptors: quicker than object.__setattr__)
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _id_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The model's id pattern (``model/base.py``) for ``fullmatch``, and the same without
    its length bound (an id-like word). The anchors are dropped: Python's ``$`` would also
    accept a final newline the model refuses."""
    pattern = Identifier.__metadata__[0].pattern.removeprefix("^").removesuffix("$")
    head, bound = pattern.rsplit("{", 1)
    assert bound.endswith("}"), pattern
    return re.compile(pattern), re.compile(head + "*")


_ID, _ID_WORD = _id_patterns()
#: ``ShortText``'s bound (``model/base.py``), checked on a new instance's key.
_SHORT_TEXT = ShortText.__metadata__[0].max_length


def _fresh(inst: ThreatInstance, new_id: str, threat: ThreatType, element: str) -> bool:
    """``inst`` is exactly the instance the merge would create for ``threat`` on
    ``element`` under ``new_id`` (only those six fields were ever set: every other one
    holds its default)."""
    return (inst.model_fields_set == _FRESH_FIELDS and inst.id == new_id
            and inst.catalog_id == threat.id and inst.element == element
            and inst.title == threat.title and inst.stride == list(threat.stride))


#: Fields a new suggested instance sets (others keep their defaults).
_FRESH_FIELDS = frozenset({"id", "key", "catalog_id", "element", "title", "stride"})
#: The fields set of the instances made from a template, one for all of them: an
#: assignment gives an instance a set of its own first (``Strict.__setattr__``).
_FRESH_FIELDS_SET = SharedFieldsSet(_FRESH_FIELDS)


def suggest_threats(model: ThreatModel, catalog: Catalog | None = None,
                    stencils: StencilLibrary | None = None) -> ThreatModel:
    """The model with current suggestions merged in (see :func:`merge_suggestions`)."""
    return merge_suggestions(model, catalog, stencils)[0]


def element_of(model: ThreatModel, element_id: str) -> Component | Flow | None:
    return model.component(element_id) or model.flow(element_id)


def keys(threats: Iterable[ThreatInstance]) -> set[str]:
    return {t.key for t in threats}
