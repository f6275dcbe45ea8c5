"""Flat facts about a component or a flow, the only things conditions can read.

The vocabulary is fixed and documented in ``docs/conditions.md``; catalog rules and attacker
entry rules are validated against it when loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter, itemgetter
from typing import Any, get_origin

from workbench.model.entities import Component, ComponentProperties, Flow
from workbench.model.enums import FlowAuthentication
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

WIRELESS_HINTS = ("ble", "bluetooth", "rf", "mics", "wi-fi", "wifi", "802.11", "lte", "4g",
                  "5g", "cellular", "lora", "lpwan", "nfc", "zigbee", "sigfox", "nb-iot")

_PROPERTY_FIELDS = tuple(ComponentProperties.model_fields)
#: (field, fact name) of each property, named once.
_PROPERTY_KEYS = tuple((name, f"properties.{name}") for name in _PROPERTY_FIELDS)

COMPONENT_VOCABULARY: frozenset[str] = frozenset(
    {"id", "name", "stencil", "layer", "category", "tags", "zone", "zone.kind",
     "zone.trust_level", "has_wireless", "data.kinds", "data.personal",
     "data.special_category", "data.max_confidentiality", "data.max_integrity",
     "data.max_availability", "flows.in", "flows.out", "flows.unencrypted",
     "flows.unauthenticated", "flows.weakly_authenticated", "flows.unsigned_software_in",
     "flows.unauthenticated_in",
     "flows.carried", "flows.carried_unencrypted", "flows.carried_unauthenticated",
     "on_flat_network"}
    | {f"properties.{name}" for name in _PROPERTY_FIELDS}
)

FLOW_VOCABULARY: frozenset[str] = frozenset(
    {"id", "protocol", "encrypted", "authenticated", "authentication", "signed",
     "carries_software", "bidirectional", "wireless", "crosses_trust_boundary",
     "trust_drop", "via.stencils", "via.count", "via.flat", "data.kinds",
     "data.personal", "data.special_category", "data.max_confidentiality",
     "data.max_integrity", "data.max_availability"}
    | {f"source.{a}" for a in COMPONENT_VOCABULARY}
    | {f"target.{a}" for a in COMPONENT_VOCABULARY}
)


def _carries_software(flow: Flow, assets: dict[str, Any]) -> bool:
    """The flow delivers firmware or software (a firmware asset, or a signed flag set)."""
    return flow.signed is not None or any(
        (asset := assets.get(a)) is not None and asset.kind.value == "firmware"
        for a in flow.data_assets)


def _is_wireless(text: str | None) -> bool:
    lowered = (text or "").lower()
    return any(hint in lowered for hint in WIRELESS_HINTS)


class FactIndex:
    """Computes facts for many elements of one model with one pass over flows (O(n))."""

    def __init__(self, model: ThreatModel, stencils: StencilLibrary):
        self.model = model
        self.stencils = stencils
        self.components = model.components_by_id()
        self.zones = model.zones_by_id()
        self.assets = model.assets_by_id()
        self._flat = {c.id for c in model.components if c.properties.flat_network}
        self._cache: dict[str, dict[str, Any]] = {}
        self._prefix_cache: dict[tuple[str, str], dict[str, Any]] = {}
        self._keys: dict[tuple[str, ...], dict[str, Hashable]] = {}
        self._split: dict[tuple[str, ...], tuple[tuple, ...]] = {}
        self._plans: dict[tuple[str, ...], _KeyPlan] = {}
        self._flow_own_keys: dict[tuple[str, ...], dict[Hashable, Hashable]] = {}
        self._around: dict[str, tuple] | None = None

    def sharing(self, model: ThreatModel) -> FactIndex:
        """An index of ``model`` that shares the facts computed so far, when ``model`` is a
        copy with the very same components, flows, zones and assets (the rules' merge
        changes only the threats: its copy's facts are this model's, and computing them a
        second time for the risk pass was a fifth of a 2,000-element analysis). Any other
        model gets a fresh index."""
        mine = self.model
        if not (model.components is mine.components and model.flows is mine.flows
                and model.zones is mine.zones and model.data_assets is mine.data_assets):
            return FactIndex(model, self.stencils)
        other = FactIndex.__new__(FactIndex)
        other.__dict__.update({k: v for k, v in self.__dict__.items()
                               if not k.startswith("_risk")})
        other.model = model
        return other

    def _asset_facts(self, asset_ids: list[str]) -> dict[str, Any]:
        held = [self.assets[a] for a in asset_ids if a in self.assets]
        return {
            "data.kinds": sorted({a.kind.value for a in held}),
            "data.personal": any(a.personal for a in held),
            "data.special_category": any(a.special_category for a in held),
            "data.max_confidentiality": max((a.confidentiality for a in held), default=0),
            "data.max_integrity": max((a.integrity for a in held), default=0),
            "data.max_availability": max((a.availability for a in held), default=0),
        }

    def component(self, component: Component) -> dict[str, Any]:
        """The facts a condition can read about ``component``."""
        cached = self._cache.get(component.id)
        if cached is not None:
            return cached
        stencil = self.stencils.get(component.stencil)
        zone = self.zones.get(component.zone or "")
        props = component.properties
        facts: dict[str, Any] = {
            "id": component.id,
            "name": component.name,
            "stencil": component.stencil,
            "layer": component.layer.value,
            "category": stencil.category if stencil else None,
            "tags": list(stencil.tags) if stencil else [],
            "zone": component.zone,
            "zone.kind": zone.kind.value if zone else None,
            "zone.trust_level": zone.trust_level if zone else None,
            "has_wireless": bool(props.wireless_interfaces),
        }
        for name, key in _PROPERTY_KEYS:
            value = getattr(props, name)
            facts[key] = value.value if hasattr(value, "value") else value
        facts.update(zip(_NEIGHBOURHOOD, self._neighbourhood(component.id), strict=True))
        facts.update(self._asset_facts(props.data_assets))
        self._cache[component.id] = facts
        return facts

    def _neighbourhood(self, cid: str) -> tuple:
        """The flow counts of component ``cid`` (:data:`_NEIGHBOURHOOD`, in that order)."""
        table = self._around
        if table is None:
            table = self._around = self._neighbourhood_table()
        counts = table.get(cid)
        if counts is None:
            return (*_NO_FLOWS, cid in self._flat, *_NOT_CARRYING)
        return counts

    def _neighbourhood_table(self) -> dict[str, tuple]:
        """Every component's flow counts, in one pass over the flows: what each flow
        contributes is worked out once and added to its ends and to the networks it goes
        through (a component no flow touches or goes through is not in the table).

        The ``flows.*`` counts are of the flows touching the component (a flow into
        itself once): inbound when it is the target or the flow is bidirectional; what it
        receives without (strong) authentication is open to forged or replayed commands.
        ``on_flat_network``: the component, or a network a touching flow goes through, is
        a flat network. ``flows.carried*``: the flows going through a network component.
        """
        flat = self._flat
        assets = self.assets
        ends: dict[str, list] = {}
        carried: dict[str, list[int]] = {}
        for f in self.model.flows:
            unencrypted = not f.encrypted
            unauthenticated = not f.authenticated
            weak = f.authentication is FlowAuthentication.WEAK
            unsigned = f.signed is not True and _carries_software(f, assets)
            via_flat = any(v in flat for v in f.via)
            both = f.bidirectional
            for cid in ((f.source,) if f.source == f.target else (f.source, f.target)):
                c = ends.get(cid)
                if c is None:
                    c = ends[cid] = [0, 0, 0, 0, 0, 0, 0, cid in flat]
                inbound = f.target == cid or both
                c[0] += inbound
                c[1] += f.source == cid or both
                c[2] += unencrypted
                c[3] += unauthenticated
                c[4] += unauthenticated and inbound
                c[5] += weak
                c[6] += inbound and unsigned
                c[7] = c[7] or via_flat
            for net in dict.fromkeys(f.via):
                n = carried.get(net)
                if n is None:
                    n = carried[net] = [0, 0, 0]
                n[0] += 1
                n[1] += unencrypted
                n[2] += unauthenticated
        table = {}
        for cid in ends.keys() | carried.keys():
            counts = ends.get(cid)
            table[cid] = (*(counts or (*_NO_FLOWS, cid in flat)),
                          *carried.get(cid, _NOT_CARRYING))
        return table

    def flow(self, flow: Flow) -> dict[str, Any]:
        """The facts a condition can read about ``flow``, its ends under source./target."""
        facts = self._flow_own(flow)
        for prefix, end in (("source", self.components.get(flow.source)),
                            ("target", self.components.get(flow.target))):
            if end is not None:
                facts.update(self._prefixed(prefix, end))
        return facts

    def _flow_own(self, flow: Flow) -> dict[str, Any]:
        """The flow's facts without its ends' (``source.*``, ``target.*``)."""
        source = self.components.get(flow.source)
        target = self.components.get(flow.target)
        via = [self.components[v] for v in flow.via if v in self.components]
        facts: dict[str, Any] = {
            "id": flow.id,
            "protocol": flow.protocol,
            "encrypted": flow.encrypted,
            "authenticated": flow.authenticated,
            "authentication": flow.authentication.value,
            "signed": flow.signed,
            "carries_software": _carries_software(flow, self.assets),
            "bidirectional": flow.bidirectional,
            "via.stencils": [c.stencil for c in via],
            "via.count": len(via),
            "via.flat": any(c.id in self._flat for c in via),
        }
        facts["wireless"] = _is_wireless(flow.protocol) or any(
            "wireless" in s.tags for c in via if (s := self.stencils.get(c.stencil))
        )
        src_zone = self.zones.get(source.zone or "") if source else None
        dst_zone = self.zones.get(target.zone or "") if target else None
        crosses = source is not None and target is not None and source.zone != target.zone
        facts["crosses_trust_boundary"] = crosses
        facts["trust_drop"] = (
            max(0, src_zone.trust_level - dst_zone.trust_level) if src_zone and dst_zone else 0
        )
        facts.update(self._asset_facts(flow.data_assets))
        return facts

    def key(self, element: Component | Flow, reads: tuple[str, ...]) -> Hashable:
        """:func:`fact_key` of the element's facts for ``reads``, once per element and reads.

        The rules and the likelihood adjustments both key their memos on the facts they
        read (``analysis/rules.py``, ``analysis/risk_memo.py``); with the same ``reads`` the
        second asks here instead of building the element's facts again (a flow's facts
        hold both its ends' and are not kept, so they were built twice per analysis).
        """
        keys = self.known_keys(reads)
        key = keys.get(element.id)
        if key is None:
            if isinstance(element, Component):
                self._component_keys([element], reads, keys)
            else:
                self._flow_keys([element], reads, keys)
            key = keys[element.id]
        return key

    def keys(self, elements: Sequence[Component | Flow], reads: tuple[str, ...]
             ) -> list[Hashable]:
        """:meth:`key` of each of ``elements``, in order: the rules ask for every element's
        key at once, so the lookups and each key's assembly run in one loop per kind of
        element instead of a few calls per element."""
        keys = self.known_keys(reads)
        missing = [e for e in elements if e.id not in keys]
        if missing:
            self._work_out(missing, reads, keys)
        return list(map(keys.__getitem__, [e.id for e in elements]))

    def known_keys(self, reads: tuple[str, ...]) -> dict[str, Hashable]:
        """The keys :meth:`key` has worked out for ``reads``, by element id (read them,
        never change them): a caller looking up many elements' keys, most of them known,
        asks this dict first and :meth:`key` on a miss."""
        keys = self._keys.get(reads)
        if keys is None:
            keys = self._keys[reads] = {}
        return keys

    def _work_out(self, elements: list[Component | Flow], reads: tuple[str, ...],
                  into: dict[str, Hashable]) -> None:
        """The keys of ``elements`` (none known yet) for ``reads``, put ``into`` by id."""
        components = [e for e in elements if isinstance(e, Component)]
        if components:
            self._component_keys(components, reads, into)
        if len(components) < len(elements):
            self._flow_keys([e for e in elements if not isinstance(e, Component)],  # type: ignore[misc]
                            reads, into)

    def _component_keys(self, components: list[Component], reads: tuple[str, ...],
                        into: dict[str, Hashable]) -> None:
        """``fact_key(self.component(c), reads)`` of each component, the same tuples,
        without building the components' facts.

        The facts read split in two: those of the component's own fields, its stencil,
        zone and data assets (:data:`_NEIGHBOURHOOD` aside), the same for every component
        of one *shape*, and the counts of the flows around it. The first are taken from
        the facts of the shape's first component, once per shape (a few hundred at 10,000
        elements); the counts are the component's own, from the model's table of them.
        """
        plan = self._plans.get(reads)
        if plan is None:
            plan = self._plans[reads] = _KeyPlan(reads)
        shape_of, memo, own_reads = plan.shape, plan.memo, plan.own
        around, reorder = plan.around_values, plan.reorder
        neighbourhood = self._neighbourhood
        for component in components:
            shape = shape_of(component)
            own = memo.get(shape)
            if own is None:
                own = memo[shape] = fact_key(self.component(component), own_reads)
            if plan.around:
                own = reorder(own + around(neighbourhood(component.id)))
            into[component.id] = own

    def _flow_keys(self, flows: list[Flow], reads: tuple[str, ...],
                   into: dict[str, Hashable]) -> None:
        """Each flow's key in three parts: its own facts' values, then each end's (that
        end's component key, kept per component: a gateway ends hundreds of flows). Equal
        keys hold exactly when :func:`fact_key` of the flow's full facts would be equal (a
        missing end reads as all None, as its absent facts do), without building them."""
        split = self._split.get(reads)
        if split is None:
            ends = (tuple(a[len("source."):] for a in reads if a.startswith("source.")),
                    tuple(a[len("target."):] for a in reads if a.startswith("target.")))
            split = self._split[reads] = (
                tuple(a for a in reads if not a.startswith(("source.", "target."))),
                *ends, *(fact_key({}, end_reads) for end_reads in ends))
        own, source_reads, target_reads, no_source, no_target = split
        components = self.components
        source_keys, target_keys = self.known_keys(source_reads), self.known_keys(target_reads)
        if len(flows) > 1:  # the ends' keys at once (a gateway ends hundreds of flows)
            for known, end_reads, ends in ((source_keys, source_reads, map(_SOURCE, flows)),
                                           (target_keys, target_reads, map(_TARGET, flows))):
                missing = [components[e] for e in dict.fromkeys(ends)
                           if e not in known and e in components]
                if missing:
                    self._component_keys(missing, end_reads, known)
        memo = self._flow_own_keys.get(own)
        if memo is None:
            memo = self._flow_own_keys[own] = {}
        with_id = "id" in own
        for flow in flows:
            shape = self._flow_shape(flow, with_id)
            own_key = memo.get(shape)
            if own_key is None:
                own_key = memo[shape] = fact_key(self._flow_own(flow), own)
            source = components.get(flow.source)
            if source is not None:
                source = source_keys.get(flow.source) or self.key(source, source_reads)
            target = components.get(flow.target)
            if target is not None:
                target = target_keys.get(flow.target) or self.key(target, target_reads)
            into[flow.id] = (own_key, no_source if source is None else source,
                             no_target if target is None else target)

    def _flow_shape(self, flow: Flow, with_id: bool) -> Hashable:
        """Everything :meth:`_flow_own` reads of ``flow``: flows of one shape have the
        same own facts but for their id (in the shape only when a condition reads it).
        Its ends count by their zone (and whether they exist), the networks it goes
        through by id (their stencils and flat flags are this model's); ``authenticated``
        is read from ``authentication``."""
        source = self.components.get(flow.source)
        target = self.components.get(flow.target)
        return (flow.protocol, flow.encrypted, flow.authentication, flow.signed,
                flow.bidirectional, tuple(flow.data_assets), tuple(flow.via),
                source is not None, source.zone if source is not None else None,
                target is not None, target.zone if target is not None else None,
                flow.id if with_id else None)

    def _prefixed(self, prefix: str, component: Component) -> dict[str, Any]:
        """The component's facts under ``source.`` or ``target.``, built once per component
        (a gateway ends hundreds of flows; naming 60 keys per flow end was most of it)."""
        key = (prefix, component.id)
        out = self._prefix_cache.get(key)
        if out is None:
            out = {f"{prefix}.{k}": v for k, v in self.component(component).items()}
            self._prefix_cache[key] = out
        return out


_SOURCE, _TARGET = attrgetter("source"), attrgetter("target")
#: Component facts that count the flows around the component
#: (``FactIndex._neighbourhood_table``): the rest depend on the component's own fields only.
_FLOW_COUNTS = ("flows.in", "flows.out", "flows.unencrypted", "flows.unauthenticated",
                "flows.unauthenticated_in", "flows.weakly_authenticated",
                "flows.unsigned_software_in", "on_flat_network")
_CARRIED_COUNTS = ("flows.carried", "flows.carried_unencrypted",
                   "flows.carried_unauthenticated")
_NEIGHBOURHOOD = _FLOW_COUNTS + _CARRIED_COUNTS
_NO_FLOWS = (0,) * (len(_FLOW_COUNTS) - 1)  # on_flat_network aside
_NOT_CARRYING = (0,) * len(_CARRIED_COUNTS)
#: Component properties holding lists (of strings): a shape holds them as tuples.
_LIST_PROPERTIES = frozenset(
    name for name, info in ComponentProperties.model_fields.items()
    if get_origin(info.annotation) is list)


class _KeyPlan:
    """How a component's key for ``reads`` is put together (:meth:`FactIndex._component_key`).

    ``own``: the facts read that depend on the component's own fields; ``around``: the
    flow counts read; ``reorder``: ``own + around`` put in the order of the reads. A
    component's *shape* is what its own facts are computed from (:meth:`shape`): two
    components of one shape have the same values for ``own``.
    """

    def __init__(self, reads: tuple[str, ...]):
        self.own = tuple(a for a in reads if a not in _NEIGHBOURHOOD)
        self.around = tuple(a for a in reads if a in _NEIGHBOURHOOD)
        place = {a: i for i, a in enumerate(self.own + self.around)}
        #: ``own + around`` values in the order of ``reads``.
        self.reorder = _tuple_getter([place[a] for a in reads], itemgetter)
        self.around_values = _tuple_getter([_NEIGHBOURHOOD.index(a) for a in self.around],
                                           itemgetter)
        # the component's fields the own facts are computed from (``FactIndex.component``)
        props = {a.removeprefix("properties.") for a in self.own
                 if a.startswith("properties.")}
        if "has_wireless" in self.own:
            props.add("wireless_interfaces")
        if any(a.startswith("data.") for a in self.own):
            props.add("data_assets")
        names = sorted(props & set(_PROPERTY_FIELDS))
        self._props = _tuple_getter(names)
        self._lists = [i for i, name in enumerate(names) if name in _LIST_PROPERTIES]
        self._fields = attrgetter("stencil", "layer", "zone",
                                  *[f for f in ("id", "name") if f in self.own])
        self.memo: dict[Hashable, tuple] = {}

    def shape(self, component: Component) -> Hashable:
        """Everything the own facts read of ``component``: its stencil, layer and zone, the
        properties read (lists as tuples) and its id or name if a condition reads them."""
        values = self._props(component.properties)
        if self._lists:
            values = list(values)
            for i in self._lists:
                values[i] = tuple(values[i])
            values = tuple(values)
        return self._fields(component), values


def _tuple_getter(names: list, getter: Callable = attrgetter) -> Callable[[Any], tuple]:
    """The named attributes (or items, with ``itemgetter``) of an object as a tuple,
    whatever their number (``attrgetter`` gives a lone value for one name)."""
    if len(names) > 1:
        return getter(*names)
    if names:
        one = getter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def fact_key(facts: dict, attrs: tuple[str, ...]) -> Hashable:
    """The values of the facts some rule reads (``attrs``), hashable.

    Only what a rule can read goes into the key: an element's id and name are facts too,
    but no catalog rule reads them, so two pumps of the same stencil with the same
    properties and neighbourhood share one evaluation (at 10,000 elements, a few hundred
    distinct fact sets instead of 20,000). Facts are flat (scalars and lists of scalars).
    """
    get = facts.get
    values = [get(attr) for attr in attrs]
    for i, value in enumerate(values):
        if type(value) in _PLAIN:  # most facts: nothing to convert
            continue
        if isinstance(value, list):
            values[i] = tuple(_frozen(v) for v in value) if any(
                isinstance(v, (list, dict, set)) for v in value) else tuple(value)
        elif isinstance(value, (dict, set, frozenset)):
            values[i] = _frozen(value)
    return tuple(values)


#: Types of fact values that go into a key as they are.
_PLAIN = frozenset({str, int, bool, float, type(None)})


def _frozen(value: Any) -> Hashable:
    """A hashable copy of a fact value (lists and sets of strings, nested dicts)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_frozen(v) for v in value)
    return value
