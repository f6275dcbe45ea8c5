"""``print_json(streamed=...)`` writes the document around the streamed lists in pieces
(``common._PieceWriter``): the bytes must be those of the whole document encoded at once,
indented and compact, whatever the pieces' size."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_print_json_streamed import ROWS, _chunks, _written
from workbench.cli import common

#: Piece sizes, item counts and depths that cut small documents in every way: one item a
#: piece, runs, containers written in pieces of their own or with their neighbours.
SETTINGS = [
    {"_PIECE_BYTES": 1, "_FEW_ITEMS": 64, "_SMALL": 0, "_SPLIT_DEPTH": 8},
    {"_PIECE_BYTES": 40, "_FEW_ITEMS": 3, "_SMALL": 1, "_SPLIT_DEPTH": 3},
    {"_PIECE_BYTES": 200, "_FEW_ITEMS": 1, "_SMALL": 0, "_SPLIT_DEPTH": 2},
    {},  # as shipped
]

TEXT = st.text(alphabet=st.sampled_from(
    ["a", "é", '"', "\\", "\x00", "\x1b", "\x7f", "\u2028", "\u202e", "\U0001f600", " "]),
    max_size=6)
SCALARS = (st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | TEXT)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(TEXT, inner, max_size=5), max_leaves=40)


def _pieces(monkeypatch, values, doc, compact) -> bytes:
    for name, value in values.items():
        monkeypatch.setattr(common, name, value)
    return _written({**doc, "threats": []}, compact, {"threats": _chunks(ROWS, 5)})


@pytest.mark.parametrize("values", SETTINGS)
@pytest.mark.parametrize("compact", [False, True])
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=VALUES, b=VALUES)
def test_pieces_give_the_whole_documents_bytes(monkeypatch, values, compact, a, b):
    doc = {"a": a, "threats": [], "b": b, "n": [a, {"k": b}]}
    whole = _written({**doc, "threats": ROWS}, compact)
    with monkeypatch.context() as patch:
        assert _pieces(patch, values, doc, compact) == whole


@pytest.mark.parametrize("values", SETTINGS)
@pytest.mark.parametrize("compact", [False, True])
def test_what_orjson_refuses_is_written_by_the_standard_encoder(monkeypatch, values,
                                                                compact):
    """Integers past 64 bits and keys that are not strings, deep in the document (no
    float, whose spelling is the one thing the two encoders write differently)."""
    doc = {"a": [1, {"big": 2**70, "s": "x"}, [3, 4]], "threats": [],
           "b": {"k": {1: "one", "two": [2**80]}, "m": list(range(9))}}
    whole = _written({**doc, "threats": ROWS}, compact)
    assert b"1180591620717411303424" in whole and re.search(rb'"1": ?"one"', whole)
    assert _pieces(monkeypatch, values, doc, compact) == whole


@pytest.mark.parametrize("compact", [False, True])
def test_a_top_level_key_that_is_not_a_string_gives_the_whole_document(compact):
    doc = {"a": 1, 2: "two", "threats": []}
    assert _written(doc, compact, {"threats": _chunks(ROWS, 4)}) == \
        _written({"a": 1, 2: "two", "threats": ROWS}, compact)


def test_many_small_items_are_encoded_a_run_at_a_time(monkeypatch):
    """The pieces stay near ``_PIECE_BYTES`` (what lets each reuse the memory of the
    one before), with far fewer encoder calls than items."""
    sizes: list[int] = []
    real = common._orjson_bytes

    def recorded(data, compact):
        out = real(data, compact)
        sizes.append(len(out))
        return out

    monkeypatch.setattr(common, "_orjson_bytes", recorded)
    monkeypatch.setattr(common, "_PIECE_BYTES", 4096)
    doc = {"many": {f"e{n}": {"p": n / 3, "m": "monte-carlo"} for n in range(5000)},
           "big": [list(range(2000)) for _ in range(3)], "threats": []}
    written = _written(doc, False, {"threats": iter([])})
    assert written == _written(doc, False)  # the whole document (its own encoder call)
    pieces = sizes[:-1]
    assert 20 < len(pieces) < 500
    assert max(pieces) < 8 * 4096


@pytest.fixture(scope="module")
def analysis():
    """A sample's analysis with the attack stage (the plan, paths, compromise)."""
    import argparse

    from tests.conftest import SAMPLES
    from workbench.cli import cmd_analyze

    parser = argparse.ArgumentParser()
    cmd_analyze.register(parser.add_subparsers())
    path = SAMPLES / "hospital-ward-iomt.twm.json"
    args = parser.parse_args(["analyze", str(path), "--json", "--seed", "1"])
    args.file = args.file[0]
    return cmd_analyze.build(args)


@pytest.mark.parametrize("values", SETTINGS)
@pytest.mark.parametrize("compact", [False, True])
def test_an_analysis_in_pieces_is_its_whole_document(monkeypatch, analysis, values,
                                                     compact):
    whole = _written(analysis.to_json(), compact)
    for name, value in values.items():
        monkeypatch.setattr(common, name, value)
    doc, streamed = analysis.to_json_streamed(encoder=common.RowEncoder.create(compact))
    assert "recommendations" in doc and "compromise" in doc
    assert _written(doc, compact, streamed) == whole
