"""Row shapes read from the risk pass's shared field tuples (``risk_memo.SharedRisks``,
``pipeline._shared_shape``) against the plain row shape (``pipeline._row_shape``) and
the output without them."""

from __future__ import annotations

import dataclasses
import functools
import random
import sys
from pathlib import Path

import pytest

from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import AnalysisResult, _row_shape, _shared_shape, analyze
from workbench.analysis.risk_memo import SharedRisks
from workbench.model.enums import ThreatStatus
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _decided(model, seed: int):
    """``model`` with its rules run and a third of its instances decided by hand: other
    status, owner, reason or title, alike instances told apart by their own values."""
    from workbench.analysis.rules import suggest_threats

    model = suggest_threats(model)
    rng = random.Random(seed)
    statuses = [s for s in ThreatStatus if s != ThreatStatus.ORPHANED]
    threats = []
    for inst in model.threats:
        pick = rng.randrange(6)
        if pick == 0:
            inst = inst.model_copy(update={"status": rng.choice(statuses)})
        elif pick == 1:
            inst = inst.model_copy(update={"owner": rng.choice(["ann", "bob"])})
        elif pick == 2:
            inst = inst.model_copy(update={"reason": rng.choice(["why", "because"])})
        elif pick == 3 and rng.random() < 0.3:
            inst = inst.model_copy(update={"title": "renamed"})
        threats.append(inst)
    return model.model_copy(update={"threats": threats})


NAMES = ["synthetic-300", "synthetic-300-decided", *(p.stem for p in SAMPLES), "sample-decided"]


@functools.cache
def _model(name: str):
    if name == "synthetic-300":
        return synthetic_model(300, seed=8)
    if name == "synthetic-300-decided":
        return _decided(synthetic_model(300, seed=9), 1)
    if name == "sample-decided":
        return _decided(load_model(SAMPLES[0]), 2)
    return load_model(next(p for p in SAMPLES if p.stem == name))


@pytest.mark.parametrize("name", NAMES)
def test_shared_shapes_refine_the_row_shapes(name, catalog):
    """The risks come with their field tuples, each risk is its tuple around its
    instance, and risks of one shared shape have one plain row shape."""
    model = _model(name)
    risks = analyze(model, catalog).threats
    assert isinstance(risks, SharedRisks) and len(risks.fields) == len(risks)
    plain_of: dict[tuple, tuple] = {}
    for risk, fields in zip(risks, risks.fields, strict=True):
        values = [getattr(risk, f.name) for f in dataclasses.fields(risk)][1:]
        assert len(values) == len(fields)
        assert all(a is b for a, b in zip(values, fields, strict=True))
        assert plain_of.setdefault(_shared_shape(risk, fields), _row_shape(risk)) == \
            _row_shape(risk)
    assert len(plain_of) <= 2 * len({_row_shape(r) for r in risks})


@pytest.mark.parametrize("name", ["synthetic-300-decided", "sample-decided"])
def test_json_with_shared_shapes_is_the_json_without(name, catalog):
    """``analyze --json``'s object (rows, summary, rankings) is the same whether the
    rows are shaped from the shared tuples or field by field."""
    result = analyze(_model(name), catalog)
    plain = AnalysisResult(**{**vars(result), "threats": list(result.threats)})
    assert not isinstance(plain.threats, SharedRisks)
    assert result.to_json() == plain.to_json()


@pytest.mark.parametrize("change", [
    lambda r: r.append(r[0]), lambda r: r.extend([r[0]]), lambda r: r.insert(0, r[0]),
    lambda r: r.pop(), lambda r: r.remove(r[0]), lambda r: r.clear(),
    lambda r: r.sort(key=id), lambda r: r.reverse(), lambda r: r.__setitem__(0, r[1]),
    lambda r: r.__delitem__(0), lambda r: r.__iadd__([r[0]]), lambda r: r.__imul__(2)])
def test_any_change_to_the_list_drops_its_fields(change, catalog):
    risks = analyze(load_model(SAMPLES[0]), catalog).threats
    assert risks.fields is not None
    change(risks)
    assert risks.fields is None


def _with_own_threat(model):
    """``model`` with one hand-made threat recorded (kept by the merge, before the new)."""
    from workbench.model import ThreatInstance

    own = ThreatInstance(id="analyst-own", key="analyst@own", catalog_id="own",
                         element=model.components[0].id, title="mine", stride=["S"],
                         manual=True)
    return model.model_copy(update={"threats": [own]})


@pytest.mark.parametrize("name", ["synthetic-300", "sample-own", "synthetic-300-decided"])
def test_rows_from_the_merges_columns_are_the_rows_from_the_instances(name, catalog):
    """``_ThreatRows`` reading the new instances from the merge's columns
    (``rules.FreshColumns``): the same own strings, shapes that refine the plain ones,
    the same rows, chunks, summary and JSON object; a risk list whose instances are not
    the merge's (one replaced by an instance with an owner) is read from the instances."""
    from workbench.analysis.pipeline import _row_shape, _ThreatRows
    from workbench.cli.common import RowEncoder

    model = _with_own_threat(_model(SAMPLES[1].stem)) if name == "sample-own" else _model(name)
    result = analyze(model, catalog)
    risks, fresh = result.threats, result.merge.fresh
    assert (fresh is None) == (name == "synthetic-300-decided")
    assert fresh is None or fresh.start == len(model.threats)
    plain = _ThreatRows(list(risks), catalog)
    encoder = RowEncoder.create(False)
    changed = SharedRisks(risks, list(risks.fields))
    last = changed[-1]
    changed[-1:] = [dataclasses.replace(last, instance=last.instance.model_copy(
        update={"owner": "ann"}))]
    changed.fields = list(risks.fields)
    for source in (risks, changed):
        rows = _ThreatRows(source, catalog, fresh)
        base = _ThreatRows(list(source), catalog)
        assert (rows.ids, rows.keys, rows.elements) == (
            [r.instance.id for r in source], [r.instance.key for r in source],
            [r.instance.element for r in source])
        plain_of: dict[int, tuple] = {}
        for risk, n in zip(source, rows.shape_of, strict=True):
            assert plain_of.setdefault(n, _row_shape(risk)) == _row_shape(risk)
        assert list(rows.rows()) == list(base.rows())
        assert rows.summary() == base.summary()
        assert [bytes(c) for c in rows.chunks(50, encoder)] == \
            [bytes(c) for c in base.chunks(50, encoder)]
    assert list(_ThreatRows(changed, catalog, fresh).rows())[-1]["owner"] == "ann"
    assert result.to_json() == AnalysisResult(
        **{**vars(result), "threats": list(risks)}).to_json()
    assert len(plain.firsts) <= len(_ThreatRows(risks, catalog, fresh).firsts)
