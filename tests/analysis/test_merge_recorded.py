"""The merge of a model with recorded threats (a saved model analysed again, then edited)
against the plain per-instance, per-suggestion merge.

The merge keeps a saved model's instances in one pass when all of them stay as they are,
and makes only the suggestions no recorded instance holds, the all-new way when their keys
are free ids; the plain merge below walks every instance and every suggestion.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.rules import (
    _untouched,
    find_suggestions,
    instance_id,
    merge_suggestions,
)
from workbench.model import Component, ComponentProperties, Flow, Layer, load_model
from workbench.model.entities import ThreatInstance
from workbench.model.enums import ThreatStatus
from workbench.model.threat_model import ThreatModel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _plain_merge(model: ThreatModel, catalog: Catalog, reuse=None):
    """The merge one instance and one suggestion at a time (the code before the
    columns): (threats, added, kept, restored, orphaned, dropped, unknown catalog)."""
    by_key = {s.key: s for s in find_suggestions(model, catalog)}
    elements = model.element_ids()
    used = {t.id for t in model.threats}
    merged, added, kept, restored, orphaned, dropped, unknown = [], [], [], [], [], [], []
    for inst in model.threats:
        if inst.catalog_id not in catalog.threats and not inst.manual:
            unknown.append(inst.key)
        if inst.element in elements and (inst.manual or inst.key in by_key):
            if inst.status == ThreatStatus.ORPHANED:
                inst = inst.model_copy(update={
                    "status": inst.previous_status or ThreatStatus.SUGGESTED,
                    "previous_status": None})
                restored.append(inst.key)
            else:
                kept.append(inst.key)
            merged.append(inst)
        elif inst.status == ThreatStatus.ORPHANED:
            merged.append(inst)
            kept.append(inst.key)
        elif inst.element in elements and _untouched(inst):
            dropped.append(inst.key)
            used.discard(inst.id)
        else:
            merged.append(inst.model_copy(update={"status": ThreatStatus.ORPHANED,
                                                  "previous_status": inst.status}))
            orphaned.append(inst.key)
    known = {t.key for t in merged}
    for key, sug in by_key.items():
        if key in known:
            continue
        new_id, n = instance_id(key), 2
        while new_id in used:
            new_id, n = instance_id(f"{key}-{n}"), n + 1
        used.add(new_id)
        old = (reuse or {}).get(key)
        if old is not None and old.model_dump() == ThreatInstance(
                id=new_id, key=key, catalog_id=sug.threat.id, element=sug.element_id,
                title=sug.threat.title, stride=list(sug.threat.stride)).model_dump():
            merged.append(old)
        else:
            merged.append(ThreatInstance(id=new_id, key=key, catalog_id=sug.threat.id,
                                         element=sug.element_id, title=sug.threat.title,
                                         stride=list(sug.threat.stride)))
        added.append(key)
    return merged, added, kept, restored, orphaned, dropped, unknown


def _same_merge(model: ThreatModel, catalog: Catalog, reuse=None) -> ThreatModel:
    """``merge_suggestions`` of ``model`` equals the plain merge; kept instances are the
    recorded objects themselves; its columns, if any, are its new instances' fields."""
    merged, report = merge_suggestions(model, catalog, reuse=reuse)
    threats, *lists = _plain_merge(model, catalog, reuse)
    assert [t.model_dump() for t in merged.threats] == [t.model_dump() for t in threats]
    assert [t.model_fields_set for t in merged.threats] == \
        [t.model_fields_set for t in threats]
    assert [report.added, report.kept, report.restored, report.orphaned, report.dropped,
            report.unknown_catalog] == lists
    recorded = {id(t) for t in model.threats}
    assert [id(a) in recorded for a in merged.threats] == \
        [id(b) in recorded for b in threats]
    fresh = report.fresh
    if fresh is not None:
        assert fresh.tail_of(merged.threats)
        tail = merged.threats[fresh.start:]
        assert fresh.start == len(merged.threats) - len(report.added)
        assert fresh.keys == [t.key for t in tail] == [t.id for t in tail]
        assert fresh.elements == [t.element for t in tail]
        assert [(t.id, t.title, list(t.stride)) for t in fresh.types] == \
            [(t.catalog_id, t.title, t.stride) for t in tail]
    return merged


def _models() -> list[tuple[str, ThreatModel]]:
    out = [(p.name, load_model(p)) for p in SAMPLES]
    out += [(f"synthetic-{n}-{seed}", synthetic_model(n, seed=seed))
            for n, seed in ((300, 0), (300, 1))]
    return out


@pytest.mark.parametrize(("name", "model"), _models(), ids=lambda v: v if isinstance(
    v, str) else "")
def test_saved_models_merged_again_and_edited_are_the_plain_merge(name, model,
                                                                   catalog) -> None:
    """A model with its recorded threats (samples: analysts' decisions; generated: none),
    then saved after a merge and merged again (all kept), then edited: an element added
    (new suggestions after the kept ones), a flow secured (a suggestion dropped or
    orphaned), an element removed (its threats orphaned), a threat decided, a manual
    threat, an unknown catalog id; each merge as the plain one, with and without reuse."""
    merged = _same_merge(model, catalog)
    saved = _same_merge(merged, catalog)  # every key known, all kept
    assert saved.threats == merged.threats
    _same_merge(saved, catalog, reuse={t.key: t for t in merged.threats})
    comp = saved.components[-1]
    added = saved.model_copy(update={"components": [*saved.components, Component(
        id="added-pump", name="Added pump", stencil="infusion-pump", layer=Layer.THING,
        zone=comp.zone, properties=ComponentProperties(legacy=True))], "flows": [
        *saved.flows, Flow(id="f-added", source="added-pump", target=comp.id)]})
    _same_merge(added, catalog)
    _same_merge(added, catalog, reuse={t.key: t for t in merged.threats})
    flows = [f.model_copy(update={"encrypted": True}) if i % 3 == 0 else f
             for i, f in enumerate(saved.flows)]
    decided = list(saved.threats)
    if decided:
        decided[0] = decided[0].model_copy(update={"status": ThreatStatus.ACCEPTED,
                                                   "owner": "ann"})
        decided[-1] = decided[-1].model_copy(update={"catalog_id": "gone.type"})
    decided.append(ThreatInstance(id="own-1", key="analyst@own", catalog_id="own",
                                  element=comp.id, title="mine", stride=["S"], manual=True))
    edited = saved.model_copy(update={"flows": flows, "threats": decided})
    again = _same_merge(edited, catalog)
    removed = again.model_copy(update={
        "components": [c for c in again.components if c.id != comp.id],
        "flows": [f for f in again.flows if comp.id not in (f.source, f.target, *f.via)]})
    orphaned = _same_merge(removed, catalog)
    _same_merge(orphaned.model_copy(update={"components": again.components,
                                            "flows": again.flows}), catalog)  # restored


def test_new_suggestions_after_a_saved_model_take_the_all_new_way(catalog) -> None:
    """An element added to a saved model: only its suggestions are made, per run, with
    columns at the end of the list (the plain merge's instances, as above)."""
    model = synthetic_model(300, seed=0)
    saved = merge_suggestions(model, catalog)[0]
    comp = saved.components[-1]
    added = saved.model_copy(update={"components": [*saved.components, Component(
        id="added-pump", name="Added pump", stencil="infusion-pump", layer=Layer.THING,
        zone=comp.zone)]})
    merged, report = merge_suggestions(added, catalog)
    assert report.fresh is not None and report.added
    assert report.fresh.start == len(saved.threats)
    assert {t.element for t in merged.threats[report.fresh.start:]} == {"added-pump"}
    assert merge_suggestions(saved, catalog)[1].added == []
