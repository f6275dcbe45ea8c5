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
from workbench.analysis.pipeline import (
    AnalysisResult,
    _row_shape,
    _RowBuilder,
    _threats_json,
    analyze,
)
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
    fast = _ThreatRows(result.threats, catalog).summary()
    plain = AnalysisResult(**{**vars(result), "threats": list(result.threats)}).summary()
    assert result.summary() == fast  # per row shape too (the risk pass's list)
    assert fast == plain
    assert [list(v) if isinstance(v, dict) else v for v in fast.values()] == \
        [list(v) if isinstance(v, dict) else v for v in plain.values()]
    doc, streamed = result.to_json_streamed(size=7)
    assert doc["threats"] == [] and list(streamed) == ["threats"]
    assert [row for chunk in streamed["threats"] for row in chunk] == \
        _threats_json(result.threats, catalog)
    assert result.to_json() == {**doc, "threats": _threats_json(result.threats, catalog)}


@pytest.mark.parametrize("compact", [False, True])
def test_encoded_rows_are_the_rows_bytes(compact, catalog):
    """Rows assembled from their shape's encoding (cut at the three own fields) are the
    bytes of the rows themselves, ids with quotes, escapes and unsafe characters too; a
    shape whose encoding holds a placeholder already falls back to the row."""
    from workbench.analysis.pipeline import _OWN_FIELDS, _ThreatRows
    from workbench.cli.common import RowEncoder, _orjson_bytes

    encoder = RowEncoder.create(compact)
    assert encoder is not None
    result = analyze(synthetic_model(300, seed=5), catalog)
    risks = result.threats[:60]
    odd = ['a"b', "back\\slash", "t\x1bx", "é\u2028", "\u0000row-id\u0000"]
    for n, text in enumerate(odd):
        inst = risks[n].instance.model_copy(update={"id": text, "element": text + "e"})
        risks[n] = dataclasses.replace(risks[n], instance=inst)
    risks[5] = dataclasses.replace(risks[5], harm=_OWN_FIELDS["key"])  # a placeholder
    rows = _ThreatRows(risks, catalog)
    plain = list(rows.rows())
    encoded = list(rows.encoded_rows(encoder))
    assert len(encoded) == len(plain)
    assert encoded[5] == plain[5]  # fell back to the row
    assert any(not isinstance(e, dict) for e in encoded)
    # the items at a top-level list's depth, as print_json writes them
    assert _orjson_bytes([encoded], compact) == _orjson_bytes([plain], compact)


def _printed(doc, compact, streamed=None) -> bytes:
    """What ``print_json`` writes to stdout (the CLI tests' helper)."""
    from tests.cli.test_print_json_streamed import _written

    return _written(doc, compact, streamed)


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("size", [1, 7, 2000])
def test_encoded_chunks_print_the_rows_bytes(compact, size, catalog, capsys):
    """Chunks joined from their shapes' pieces with the own strings pasted as UTF-8
    (``EncodedItems``) print the bytes of the rows one by one: on a binary stream, on a
    text stream (the whole document), with ids holding quotes, backslashes, control
    characters, DEL or non-ASCII, a shape that does not cut, and a lone surrogate (those
    chunks go row by row, which refuses the surrogate as before)."""
    from workbench.analysis.pipeline import _OWN_FIELDS, _ThreatRows
    from workbench.cli.common import EncodedItems, RowEncoder, print_json

    encoder = RowEncoder.create(compact)
    assert encoder is not None
    result = analyze(synthetic_model(300, seed=5), catalog)
    risks = list(result.threats[:90])
    odd = {3: 'a"b', 11: "back\\slash", 12: "t\x1bx", 20: "é\u2028", 30: "del\x7f",
           40: "\u0000row-id\u0000", 50: "tab\tx", 55: "k"}
    for n, text in odd.items():
        own = {"key": 'a"key'} if n == 55 else {"id": text, "element": text + "e"}
        inst = risks[n].instance.model_copy(update=own)
        risks[n] = dataclasses.replace(risks[n], instance=inst)
    risks[60] = dataclasses.replace(risks[60], harm=_OWN_FIELDS["key"])  # does not cut
    risks[70] = dataclasses.replace(risks[70], harm="del\x7f in a shape")  # escaped
    rows = _ThreatRows(risks, catalog)
    plain = list(rows.rows())
    chunks = list(rows.chunks(size, encoder))
    assert len(chunks) == -(-len(plain) // size)
    assert size == 2000 or any(isinstance(c, EncodedItems) for c in chunks)
    assert any(not isinstance(c, EncodedItems) for c in chunks)
    # plain (written unscanned) exactly when the bytes hold nothing print_json escapes
    encoded = [c for c in chunks if isinstance(c, EncodedItems)]
    assert all(c.plain == (c.data.isascii() and b"\x7f" not in c.data) for c in encoded)
    assert size != 1 or {c.plain for c in encoded} == {True, False}
    doc = {"a": 1, "threats": [], "z": [2]}
    whole = _printed({**doc, "threats": plain}, compact)
    assert _printed(doc, compact, {"threats": iter(chunks)}) == whole
    clean = _ThreatRows(risks[71:], catalog)
    assert all(isinstance(c, EncodedItems) and c.plain for c in clean.chunks(size, encoder))
    assert _printed(doc, compact, {"threats": clean.chunks(size, encoder)}) == \
        _printed({**doc, "threats": list(clean.rows())}, compact)
    print_json(doc, compact=compact, streamed={"threats": iter(chunks)})  # text stream
    assert capsys.readouterr().out.encode() == whole
    inst = risks[0].instance.model_copy(update={"element": "x\ud800"})
    bad = _ThreatRows([dataclasses.replace(risks[0], instance=inst)], catalog)
    with pytest.raises(TypeError):
        list(bad.chunks(size, encoder))
