"""Rule engine: what it suggests, and that analyst decisions survive re-runs and edits."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.catalog import load_catalog
from workbench.analysis.rules import merge_suggestions, suggest_threats
from workbench.model import (
    Component,
    ComponentProperties,
    ControlInstance,
    Flow,
    Layer,
    MitigationLink,
    ThreatInstance,
    ThreatModel,
    TrustZone,
    dumps_model,
    load_model,
    model_from_document,
)
from workbench.model.enums import (
    Authentication,
    ControlStatus,
    PatchStatus,
    ThreatStatus,
    ZoneKind,
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _keys(model: ThreatModel) -> set[str]:
    return {t.key for t in model.threats}


def _ward(tiny: ThreatModel) -> ThreatModel:
    """The tiny model plus an implant, a legacy infusion pump and a public records store."""
    model = tiny.model_copy(deep=True)
    model.zones.append(TrustZone(id="body", name="Patient body", kind=ZoneKind.PATIENT_BODY,
                                 trust_level=6))
    model.zones.append(TrustZone(id="ward", name="Ward", kind=ZoneKind.HOSPITAL, trust_level=6))
    model.components += [
        Component(id="icd", name="ICD", stencil="cardiac-implant", layer=Layer.THING, zone="body",
                  properties=ComponentProperties(wireless_interfaces=["MICS"],
                                                 safety_critical_function="defibrillation")),
        Component(id="rf", name="Implant RF", stencil="implant-rf", layer=Layer.NETWORK),
        Component(id="lpump", name="Legacy infusion pump", stencil="infusion-pump",
                  layer=Layer.THING, zone="ward", properties=ComponentProperties(
                      legacy=True, patch_status=PatchStatus.UNSUPPORTED,
                      os_firmware="Windows CE 6")),
        Component(id="records", name="Records share", stencil="hds-host", layer=Layer.CLOUD,
                  zone="cloud", properties=ComponentProperties(
                      internet_exposed=True, authentication=Authentication.NONE,
                      data_assets=["glucose"])),
    ]
    model.flows += [
        Flow(id="f-icd-relay", source="icd", target="relay", via=["rf"], protocol="MICS RF",
             bidirectional=True, encrypted=False, authenticated=False,
             data_assets=["dosing"]),
        Flow(id="f-relay-records", source="relay", target="records", via=["lte"],
             protocol="HTTP", encrypted=False, authenticated=False, data_assets=["glucose"]),
    ]
    return model


def test_tiny_model_gets_threats_in_all_four_layers(catalog) -> None:
    merged = suggest_threats(tiny_model(), catalog)
    comps = {c.id: c.layer.value for c in merged.components}
    layers = {comps.get(t.element, "network") for t in merged.threats}
    assert layers == {"thing", "gateway", "network", "cloud"}


def test_rules_find_the_issue_examples(catalog) -> None:
    keys = _keys(suggest_threats(_ward(tiny_model()), catalog))
    # an unencrypted flow crossing a trust boundary
    assert "flow.cleartext-across-boundary@f-relay-records" in keys
    # an internet-facing store of health data
    assert "cloud.health-records-exposed-web@records" in keys
    # an implant whose radio link has no authentication
    assert "flow.unauthenticated-therapy-command@f-icd-relay" in keys
    assert "thing.implant-rf-command-injection@icd" in keys
    # a legacy pump with an unpatched OS
    assert "thing.legacy-unpatched-os@lpump" in keys
    # ...and nothing implant-specific lands on the insulin pump
    assert "thing.implant-rf-command-injection@pump" not in keys


def test_keys_are_stable_and_unique(catalog) -> None:
    first = suggest_threats(_ward(tiny_model()), catalog)
    again = suggest_threats(_ward(tiny_model()), catalog)
    assert [t.key for t in first.threats] == [t.key for t in again.threats]
    assert len(_keys(first)) == len(first.threats)
    for threat in first.threats:
        assert threat.key == f"{threat.catalog_id}@{threat.element}"


def test_rerun_is_idempotent(catalog) -> None:
    once = suggest_threats(tiny_model(), catalog)
    twice, report = merge_suggestions(once, catalog)
    assert report.added == [] and report.orphaned == [] and report.dropped == []
    assert dumps_model(once) == dumps_model(twice)


def _decide(model: ThreatModel) -> ThreatModel:
    """Record one decision of each kind on the first five suggestions."""
    model = model.model_copy(deep=True)
    model.controls.append(ControlInstance(id="ctl-tls", catalog_id="transport-encryption",
                                          title="TLS everywhere",
                                          status=ControlStatus.IMPLEMENTED))
    t = model.threats
    t[0].status = ThreatStatus.ACCEPTED
    t[1].status, t[1].reason = ThreatStatus.REJECTED, "Pump has no debug port exposed"
    t[2].status = ThreatStatus.MITIGATED
    t[2].mitigations = [MitigationLink(control="ctl-tls", status=ControlStatus.VERIFIED,
                                       evidence="pentest 2026-03")]
    t[3].status, t[3].transferred_to = ThreatStatus.TRANSFERRED, "Vendor (contract §7)"
    t[4].status, t[4].owner = ThreatStatus.RISK_ACCEPTED, "CISO"
    t[4].decided_on = dt.date(2026, 11, 1)
    return model


def test_decisions_survive_a_rerun(catalog) -> None:
    decided = _decide(suggest_threats(tiny_model(), catalog))
    rerun = suggest_threats(decided, catalog)
    before = {t.key: t for t in decided.threats}
    after = {t.key: t for t in rerun.threats}
    assert before == after


def test_decisions_survive_an_architecture_change(catalog) -> None:
    decided = _decide(suggest_threats(tiny_model(), catalog))
    decided_keys = {t.key: t for t in decided.threats[:5]}
    # remove the pump and its flow, add a CGM sensor talking to the relay
    changed = decided.model_copy(deep=True)
    changed.components = [c for c in changed.components if c.id != "pump"]
    changed.flows = [f for f in changed.flows if f.source != "pump"]
    changed.components.append(Component(id="cgm", name="CGM", stencil="cgm-sensor",
                                        layer=Layer.THING, zone="home"))
    changed.flows.append(Flow(id="f-cgm-relay", source="cgm", target="relay", via=["ble"],
                              protocol="BLE", encrypted=True, authenticated=True))
    merged, report = merge_suggestions(changed, catalog)
    after = {t.key: t for t in merged.threats}
    # every decision is still there, word for word, or orphaned with its status remembered
    for key, old in decided_keys.items():
        new = after[key]
        if new.status == ThreatStatus.ORPHANED:
            assert new.previous_status == old.status
            assert new.model_copy(update={"status": old.status, "previous_status": None}) == old
        else:
            assert new == old
    # suggestions on the vanished pump are orphaned, never deleted
    on_pump = [t for t in decided.threats if t.element in ("pump", "f-pump-relay")]
    assert on_pump and all(after[t.key].status == ThreatStatus.ORPHANED for t in on_pump)
    # the new sensor gets its own suggestions
    assert any(k.endswith("@cgm") for k in report.added)
    # the merged model is still a valid file (orphans may point at vanished elements)
    reloaded = model_from_document(merged.model_dump(mode="json", by_alias=True), "mem")
    assert len(reloaded.threats) == len(merged.threats)


def test_orphan_comes_back_with_its_decision(catalog) -> None:
    model = suggest_threats(tiny_model(), catalog)
    key = next(t.key for t in model.threats if t.element == "vcloud")
    for t in model.threats:
        if t.key == key:
            t.status, t.reason = ThreatStatus.REJECTED, "hosted by certified HDS provider"
    gone = model.model_copy(deep=True)
    gone.components = [c for c in gone.components if c.id != "vcloud"]
    gone.flows = [f for f in gone.flows if f.target != "vcloud"]
    orphaned = suggest_threats(gone, catalog)
    back = orphaned.model_copy(update={"components": model.components, "flows": model.flows})
    restored, report = merge_suggestions(back, catalog)
    inst = next(t for t in restored.threats if t.key == key)
    assert key in report.restored
    assert inst.status == ThreatStatus.REJECTED and inst.reason.startswith("hosted")
    assert inst.previous_status is None


def test_fixed_flow_drops_untouched_suggestion_but_keeps_decided_one(catalog) -> None:
    model = _ward(tiny_model())
    merged = suggest_threats(model, catalog)
    cleartext = "flow.cleartext-across-boundary@f-relay-records"
    mitm = "flow.mitm@f-relay-records"
    for t in merged.threats:
        if t.key == mitm:
            t.status, t.owner = ThreatStatus.ACCEPTED, "Platform team"
    fixed = merged.model_copy(deep=True)
    for f in fixed.flows:
        if f.id == "f-relay-records":
            f.encrypted = f.authenticated = True
    after, report = merge_suggestions(fixed, catalog)
    keys = _keys(after)
    assert cleartext not in keys and cleartext in report.dropped
    kept = next(t for t in after.threats if t.key == mitm)
    assert kept.status == ThreatStatus.ORPHANED
    assert kept.previous_status == ThreatStatus.ACCEPTED and kept.owner == "Platform team"


def test_manual_threats_are_left_alone(catalog) -> None:
    model = suggest_threats(tiny_model(), catalog)
    from workbench.model import ThreatInstance

    model.threats.append(ThreatInstance(id="m1", key="custom@pump", catalog_id="custom",
                                        element="pump", manual=True, title="Own threat"))
    after, report = merge_suggestions(model, catalog)
    assert any(t.key == "custom@pump" and t.status == ThreatStatus.SUGGESTED
               for t in after.threats)
    assert "custom@pump" not in report.unknown_catalog


def test_every_sample_model_gets_threats_in_all_four_layers(sample_paths, catalog) -> None:
    if not sample_paths:
        pytest.skip("sample models not generated yet")
    for path in sample_paths:
        model = suggest_threats(load_model(path), catalog)
        comps = {c.id: c.layer.value for c in model.components}
        layers = {comps.get(t.element, "network") for t in model.threats
                  if t.status != ThreatStatus.ORPHANED}
        assert layers == {"thing", "gateway", "network", "cloud"}, path.name


def test_sample_decisions_survive_a_rerun(sample_paths, catalog) -> None:
    if not sample_paths:
        pytest.skip("sample models not generated yet")
    for path in sample_paths:
        model = load_model(path)
        statuses = {t.status for t in model.threats}
        assert {ThreatStatus.ACCEPTED, ThreatStatus.REJECTED, ThreatStatus.MITIGATED,
                ThreatStatus.TRANSFERRED} <= statuses, path.name
        rerun, report = merge_suggestions(model, catalog)
        assert report.added == [] and report.orphaned == [] and report.dropped == [], path.name
        assert rerun.threats == model.threats


def test_remembered_rule_results_follow_every_change_of_facts(catalog) -> None:
    """The rule engine remembers results per fact set (the GUI re-runs it after each edit):
    flipping a flow's encryption back and forth must flip the suggestion each time."""
    from workbench.analysis.rules import find_suggestions

    model = _ward(tiny_model())
    cleartext = ("flow.cleartext-across-boundary", "f-relay-records")

    def suggested(m) -> bool:
        return cleartext in {(s.threat.id, s.element_id) for s in find_suggestions(m, catalog)}

    assert suggested(model)
    for encrypted in (True, False, True, False):
        model = model.model_copy(deep=True)
        for f in model.flows:
            if f.id == "f-relay-records":
                f.encrypted = f.authenticated = encrypted
        assert suggested(model) is not encrypted


def test_new_instances_are_those_the_model_constructor_builds(catalog) -> None:
    """The merge validates each new instance's fields with the model's validator directly:
    every instance equals ``ThreatInstance(**fields)``, with the same fields set."""
    from workbench.model.entities import ThreatInstance

    merged, report = merge_suggestions(tiny_model(), catalog)
    assert report.added
    for inst in merged.threats:
        plain = ThreatInstance(id=inst.id, key=inst.key, catalog_id=inst.catalog_id,
                               element=inst.element, title=inst.title,
                               stride=list(inst.stride))
        assert inst == plain
        assert inst.model_fields_set == plain.model_fields_set
        assert type(inst) is ThreatInstance


def test_new_instances_share_one_compact_fields_set_until_assigned(catalog) -> None:
    """The merge gives its new instances one compact fields set for all (a third of an
    instance's memory otherwise): the same names, smaller; an assignment afterwards still
    records the field on that instance alone, and so does one on a copy (``model_copy``,
    ``copy``, ``deepcopy``, a pickle round trip) or a failed assignment's instance."""
    import copy
    import pickle
    import sys

    import pydantic

    from workbench.model.entities import ThreatInstance
    from workbench.model.enums import ThreatStatus

    merged, _ = merge_suggestions(tiny_model(), catalog)
    first, second, third = merged.threats[:3]
    plain = ThreatInstance(id=first.id, key=first.key, catalog_id=first.catalog_id,
                           element=first.element, title=first.title, stride=list(first.stride))
    assert first.model_fields_set == plain.model_fields_set
    assert sys.getsizeof(first.model_fields_set) < sys.getsizeof(plain.model_fields_set)
    assert first.model_fields_set is second.model_fields_set  # shared
    copies = [first.model_copy(), first.model_copy(deep=True), copy.copy(first),
              copy.deepcopy(first), *pickle.loads(pickle.dumps([first, second]))]
    for made, original in zip(copies, [first] * 5 + [second], strict=True):
        assert made == original and made.model_fields_set == plain.model_fields_set
        made.owner = "ward team"
        assert made.owner == "ward team" and "owner" in made.model_fields_set
    with pytest.raises(pydantic.ValidationError):
        third.status = "not a status"
    first.status = ThreatStatus.ACCEPTED
    assert "status" in first.model_fields_set
    for other in (second, third, *copies):
        assert "status" not in other.model_fields_set
    for other in (first, second, third):
        assert "owner" not in other.model_fields_set
    assert second.model_fields_set == plain.model_fields_set
    assert second.model_dump(exclude_unset=True).keys() == plain.model_dump(
        exclude_unset=True).keys()


def _validator_made(inst):
    """The instance the model's validator builds from the merge's six fields."""
    from workbench.model.entities import ThreatInstance

    return ThreatInstance.__pydantic_validator__.validate_python(
        {"id": inst.id, "key": inst.key, "catalog_id": inst.catalog_id,
         "element": inst.element, "title": inst.title, "stride": list(inst.stride)})


def _same_instance(made, plain) -> None:
    """Field by field, in field order, with the same types, fields set and dumps."""
    assert type(made) is type(plain)
    assert list(vars(made).items()) == list(vars(plain).items())
    assert [type(v) for v in vars(made).values()] == [type(v) for v in vars(plain).values()]
    assert [type(s) for s in made.stride] == [type(s) for s in plain.stride]
    assert made == plain
    assert made.model_fields_set == plain.model_fields_set
    assert made.__pydantic_extra__ is None and made.__pydantic_private__ is None
    assert made.model_dump() == plain.model_dump()
    assert made.model_dump_json() == plain.model_dump_json()
    assert made.model_dump(exclude_unset=True) == plain.model_dump(exclude_unset=True)


def test_template_made_instances_are_the_validators(sample_paths, catalog) -> None:
    """New instances are copies of one validated template per threat type: each equals
    the validator's instance field by field, dumps the same, and shares nothing mutable
    with another instance (an edit of one never shows on another)."""
    from workbench.model.enums import ThreatStatus

    made = []
    for path in sample_paths[:3]:
        model = load_model(path)
        bare = model.model_copy(update={"threats": []})
        merged, report = merge_suggestions(bare, catalog)
        assert len(merged.threats) == len(report.added) > 0
        made += merged.threats
    for inst in made:
        _same_instance(inst, _validator_made(inst))
    first, second = [t for t in made if t.catalog_id == made[0].catalog_id][:2]
    for name in ("stride", "impact", "mitigations"):
        assert getattr(first, name) is not getattr(second, name)
    first.stride.append(first.stride[0])
    first.impact["patient-safety"] = 3
    first.status = ThreatStatus.ACCEPTED
    assert second == _validator_made(second)
    assert "status" not in second.model_fields_set


def test_instances_outside_the_shortcut_go_through_the_validator(catalog) -> None:
    """An element outside the id pattern, a catalog id that is not an id-like word, or a
    key past the text bound: the validator builds the instance or raises, as before."""
    import pydantic

    from workbench.analysis.rules import _FreshInstances, instance_id

    threat = next(iter(catalog.threats.values()))
    fresh = _FreshInstances()
    good = fresh.make(instance_id(f"{threat.id}@pump-1"), f"{threat.id}@pump-1",
                      threat, "pump-1")
    _same_instance(good, _validator_made(good))
    with pytest.raises(pydantic.ValidationError):
        fresh.make(instance_id(f"{threat.id}@bad id"), f"{threat.id}@bad id", threat,
                   "bad id")
    odd = threat.model_copy(update={"id": "_odd"})  # not a letter or digit first
    key = f"{odd.id}@pump-1"
    with pytest.raises(pydantic.ValidationError):  # the id the validator refuses
        fresh.make(instance_id(key), key, odd, "pump-1", True)
    long = threat.model_copy(update={"id": "t" * 499})
    key = f"{long.id}@pump-1"
    with pytest.raises(pydantic.ValidationError):  # a key past 500 characters
        fresh.make(instance_id(key), key, long, "pump-1")


def test_instance_ids_of_id_like_keys_fit_the_id_pattern() -> None:
    """The shortcut's argument: an id-like catalog id, "@" and an element id give a key
    whose :func:`instance_id`, with or without a number, fits the id pattern."""
    import random

    from workbench.analysis.rules import _ID, _ID_WORD, instance_id

    rng = random.Random(17)
    chars = "abcXYZ019_.:@-"
    for _ in range(2000):
        catalog_id = rng.choice("aZ7") + "".join(
            rng.choice(chars) for _ in range(rng.randrange(0, 200)))
        element = rng.choice("aZ7") + "".join(
            rng.choice(chars) for _ in range(rng.randrange(0, 127)))
        assert _ID_WORD.fullmatch(catalog_id) and _ID.fullmatch(element)
        key = f"{catalog_id}@{element}"
        for candidate in (key, f"{key}-{rng.randrange(2, 99)}"):
            assert _ID.fullmatch(instance_id(candidate)), candidate
    assert not _ID.fullmatch("pump-1\n") and not _ID_WORD.fullmatch("-pump")


def _plain_merge_new(model, suggestions):
    """The merge's new instances as the per-suggestion code made them: one entry per key
    in a dict (first place, last suggestion), each validated from its six fields."""
    from workbench.analysis.rules import instance_id
    from workbench.model.entities import ThreatInstance

    by_key = {s.key: s for s in suggestions}
    used = {t.id for t in model.threats}
    known = {t.key for t in model.threats}
    out = []
    for key, sug in by_key.items():
        if key in known:
            continue
        new_id, n = instance_id(key), 2
        while new_id in used:
            new_id, n = instance_id(f"{key}-{n}"), n + 1
        used.add(new_id)
        out.append(ThreatInstance(id=new_id, key=key, catalog_id=sug.threat.id,
                                  element=sug.element_id, title=sug.threat.title,
                                  stride=list(sug.threat.stride)))
    return out


def test_merge_per_element_runs_is_the_merge_per_suggestion(sample_paths, catalog) -> None:
    """The merge reads the rules' matches per element (no Suggestion per pair): the same
    instances in the same order as one per suggestion, given or found; a key suggested
    twice keeps its first place and its last suggestion, as a dict by key did."""
    from workbench.analysis.rules import Suggestion, find_suggestions

    for path in sample_paths[:3]:
        model = load_model(path)
        bare = model.model_copy(update={"threats": []})
        found = find_suggestions(bare, catalog)
        for given in (None, found):
            merged, report = merge_suggestions(bare, catalog, suggestions=given)
            plain = _plain_merge_new(bare, found)
            assert [t.model_dump() for t in merged.threats] == [t.model_dump() for t in plain]
            assert report.added == [t.key for t in plain]
        # with recorded threats, some ids taken: kept ones first, numbered new ids
        half = model.model_copy(update={"threats": merge_suggestions(bare, catalog)[0]
                                        .threats[::2]})
        merged, _ = merge_suggestions(half, catalog)
        new = merged.threats[len(half.threats):]
        assert [t.model_dump() for t in new] == \
            [t.model_dump() for t in _plain_merge_new(half, found)]
    first, other = found[0], found[-1]
    twin = first.threat.model_copy(update={"title": "the later one"})
    given = [first, other, Suggestion(twin, first.element_id), other]
    merged, report = merge_suggestions(bare, catalog, suggestions=given)
    assert [t.model_dump() for t in merged.threats] == \
        [t.model_dump() for t in _plain_merge_new(bare, given)]
    assert merged.threats[0].title == "the later one" and len(report.added) == 2


def test_instances_made_per_run_are_those_made_one_by_one(catalog) -> None:
    """``_FreshInstances.runs`` (the merge's all-new case) makes what ``make`` makes per
    suggestion: template copies, the validator for an element outside the id pattern, a
    catalog id that is not id-like or a key past the text bound (raising as it does)."""
    import pydantic

    from workbench.analysis.rules import _FreshInstances

    threats = tuple(catalog.threats.values())[:4]
    odd = threats[0].model_copy(update={"id": "_odd"})
    runs = [("pump-1", threats), ("pump-2", threats[1:3]), ("hub", threats), ("x", ())]
    keys = [f"{t.id}@{e}" for e, ts in runs for t in ts]
    made = _FreshInstances().runs(runs, keys)
    one = _FreshInstances()
    pairs = [(e, t) for e, ts in runs for t in ts]
    plain = [one.make(k, k, t, e) for (e, t), k in zip(pairs, keys, strict=True)]
    assert len(made) == len(plain) == len(keys)
    for a, b in zip(made, plain, strict=True):
        _same_instance(a, b)
        _same_instance(a, _validator_made(a))
    assert made[0].stride is not made[len(threats) + 2].stride  # each its own values
    made[0].status = ThreatStatus.ACCEPTED  # the shared fields set: this one's alone
    assert "status" in made[0].model_fields_set
    assert all("status" not in m.model_fields_set for m in made[1:])
    assert made[1:] == plain[1:]
    for bad_runs in ([("bad id", threats[:1])], [("pump-1", (odd,))],
                     [("pump-1", (threats[0].model_copy(update={"id": "t" * 499}),))]):
        bad_keys = [f"{t.id}@{e}" for e, ts in bad_runs for t in ts]
        with pytest.raises(pydantic.ValidationError):
            _FreshInstances().runs(bad_runs, bad_keys)


def test_merge_with_a_key_taken_as_an_id_numbers_the_new_one(catalog) -> None:
    """A recorded threat whose id is a new suggestion's key (but not its key): the merge
    leaves the all-new way and numbers that suggestion's id, as the plain merge does."""
    from workbench.analysis.rules import find_suggestions
    from workbench.model.entities import ThreatInstance

    bare = tiny_model().model_copy(update={"threats": []})
    found = find_suggestions(bare, catalog)
    taken = found[1].key
    manual = ThreatInstance(id=taken, key="analyst@own", catalog_id="own", element=found[1]
                            .element_id, title="mine", stride=["S"], manual=True)
    model = bare.model_copy(update={"threats": [manual]})
    merged, report = merge_suggestions(model, catalog)
    assert [t.model_dump() for t in merged.threats[1:]] == \
        [t.model_dump() for t in _plain_merge_new(model, found)]
    assert merged.threats[2].id == f"{taken}-2" and report.added[1] == taken


def test_merge_of_a_key_too_long_for_an_id_shortens_its_id(catalog) -> None:
    """A key past the id bound leaves the all-new way: its id is the shortened form."""
    from workbench.analysis.rules import Suggestion, find_suggestions, instance_id

    bare = tiny_model().model_copy(update={"threats": []})
    first = find_suggestions(bare, catalog)[0]
    long = Suggestion(first.threat.model_copy(update={"id": "t" * 130}), first.element_id)
    merged, _ = merge_suggestions(bare, catalog, suggestions=[first, long])
    assert [t.model_dump() for t in merged.threats] == \
        [t.model_dump() for t in _plain_merge_new(bare, [first, long])]
    assert merged.threats[1].id == instance_id(long.key) != long.key


def _plain_columns(threats, start):
    """What :class:`FreshColumns` says of ``threats[start:]``, read from each instance."""
    new = threats[start:]
    return ([t.key for t in new], [t.element for t in new],
            [(t.id == t.key, t.catalog_id, t.title, t.status, t.owner, t.reason) for t in new])


def test_fresh_columns_are_the_new_instances_fields(sample_paths, catalog) -> None:
    """The merge's columns of its new instances (all-new way) are what each instance
    holds: key = id, element, and by threat type its catalog id and title, suggested,
    no owner or reason. The loop's way
    (a key known or taken as an id, reuse) gives none, and a list that no longer ends with the
    instances is not their tail."""
    from workbench.analysis.rules import find_suggestions

    for path in sample_paths[:3]:
        model = load_model(path)
        element = model.components[0].id
        own = ThreatInstance(id="analyst-own", key="analyst@own", catalog_id="own",
                             element=element, title="mine", stride=["S"], manual=True)
        for base in (model.model_copy(update={"threats": []}),
                     model.model_copy(update={"threats": [own]})):  # kept, then new ones
            merged, report = merge_suggestions(base, catalog)
            fresh = report.fresh
            assert fresh is not None and fresh.start == len(base.threats)
            threats = merged.threats
            assert fresh.tail_of(threats) and all(
                a is b for a, b in zip(threats[fresh.start:], fresh.instances, strict=True))
            keys, elements, rest = _plain_columns(threats, fresh.start)
            assert fresh.keys == keys and fresh.elements == elements
            assert [e for e, types in fresh.runs for _ in types] == fresh.elements
            assert all(a is b for a, b in zip(
                [t for _, types in fresh.runs for t in types], fresh.types, strict=True))
            assert [(True, t.id, t.title, ThreatStatus.SUGGESTED, None, None)
                    for t in fresh.types] == rest
            assert not fresh.tail_of(threats[:-1]) and not fresh.tail_of([*threats, threats[0]])
            changed = list(threats)
            changed[-1] = changed[-1].model_copy(update={"owner": "ann"})
            assert not fresh.tail_of(changed)
            assert fresh.tail_of([*threats[:-1], threats[-1].model_copy()])  # equal values
    bare = tiny_model().model_copy(update={"threats": []})
    found = find_suggestions(bare, catalog)
    assert merge_suggestions(bare, catalog, suggestions=found)[1].fresh is not None
    manual = ThreatInstance(id=found[1].key, key="analyst@own", catalog_id="own",
                            element=found[1].element_id, title="mine", stride=["S"],
                            manual=True)
    taken = bare.model_copy(update={"threats": [manual]})
    assert merge_suggestions(taken, catalog)[1].fresh is None
    first = merge_suggestions(bare, catalog)[0]
    reuse = {t.key: t for t in first.threats}
    assert merge_suggestions(bare, catalog, reuse=reuse)[1].fresh is None
    assert merge_suggestions(first, catalog)[1].fresh is None  # every key known
