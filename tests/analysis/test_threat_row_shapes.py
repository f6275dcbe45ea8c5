"""``threats`` rows copied per row shape (``pipeline._row_shape``) against rows built one
by one: the shape must cover every field a row reads but the instance's id, key and
element."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path

import pytest

from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import _row_shape, _RowBuilder, _threats_json, analyze
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
OWN = ("id", "key", "element")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def test_copied_rows_are_the_rows_built_one_by_one(catalog):
    result = analyze(synthetic_model(1000, seed=3), catalog)
    rows = _threats_json(result.threats, catalog)
    plain = [_RowBuilder(catalog).row(r) for r in result.threats]
    assert rows == plain and [list(r) for r in rows] == [list(r) for r in plain]
    assert len({_row_shape(r) for r in result.threats}) < len(rows) / 5  # copies happen


def _rest(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in OWN}


@pytest.mark.parametrize("path", SAMPLES[:3], ids=[p.stem for p in SAMPLES[:3]])
def test_a_field_that_changes_the_row_changes_the_shape(path, catalog):
    """Each field of a risk or its instance, taken from another risk: when the row (but
    its own three fields) changes, so does the shape."""
    risks = analyze(load_model(path), catalog).threats
    builder = _RowBuilder(catalog)
    risk_fields = [f.name for f in dataclasses.fields(risks[0]) if f.name != "instance"]
    inst_fields = list(type(risks[0].instance).model_fields)
    changed: set[str] = set()
    for a, b in itertools.islice(itertools.permutations(risks[:40], 2), 600):
        base = _rest(builder.row(a))
        for name in risk_fields:
            other = dataclasses.replace(a, **{name: getattr(b, name)})
            if _rest(builder.row(other)) != base:
                changed.add(name)
                assert _row_shape(other) != _row_shape(a), name
        for name in inst_fields:
            inst = a.instance.model_copy(update={name: getattr(b.instance, name)})
            other = dataclasses.replace(a, instance=inst)
            if _rest(builder.row(other)) != base:
                changed.add(name)
                assert _row_shape(other) != _row_shape(a), name
    assert {"current", "inherent", "impact", "likelihood", "catalog_id"} <= changed


@pytest.mark.parametrize("source", ["synthetic-1000"] + [p.stem for p in SAMPLES[:2]])
def test_summary_per_shape_is_the_summary_per_threat(source, catalog):
    """The summary counted once per row shape, weighted, is the count over the threats,
    keys in the same order (everything the summary reads is in the shape)."""
    from workbench.analysis.pipeline import _ThreatRows

    model = (synthetic_model(1000, seed=4) if source == "synthetic-1000"
             else load_model(next(p for p in SAMPLES if p.stem == source)))
    result = analyze(model, catalog)
    fast, plain = _ThreatRows(result.threats, catalog).summary(), result.summary()
    assert fast == plain
    assert [list(v) if isinstance(v, dict) else v for v in fast.values()] == \
        [list(v) if isinstance(v, dict) else v for v in plain.values()]
    doc, streamed = result.to_json_streamed(size=7)
    assert doc["threats"] == [] and list(streamed) == ["threats"]
    assert [row for chunk in streamed["threats"] for row in chunk] == \
        _threats_json(result.threats, catalog)
    assert result.to_json() == {**doc, "threats": _threats_json(result.threats, catalog)}
