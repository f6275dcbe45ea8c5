"""The saved file's text written by orjson (``io.canonical_bytes``) against the standard
encoder (``io.dumps_model``, the oracle): the same bytes for any JSON value a model dumps,
and a save that refuses what it refused before, with the same message."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.model.factories import tiny_model
from workbench.model import io
from workbench.model.errors import ModelError
from workbench.model.io import canonical_bytes, dumps_model, read_model, round_trip_bytes

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _plain(data) -> bytes:
    return io._plain_text(data).encode("utf-8")


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
tricky = st.sampled_from(["1e-7", "x 1e-07", "0.00001", ": 2.5e-9", "e-5,", "a\nb 1e-8",
                          "\u2028", "\x7f", "\x00\x1f", "é😀"])
floats = st.floats(allow_nan=False, allow_infinity=False)
leaves = st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | floats | text | tricky
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(text | tricky, inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(text | tricky, values, max_size=5))
def test_any_json_value_is_written_as_the_standard_encoder_writes_it(data) -> None:
    assert canonical_bytes(data) == _plain(data)


def test_every_magnitude_of_float() -> None:
    """Both spellings' thresholds (1e-4 / 1e-5, 1e16), subnormals and the extremes."""
    numbers = [m * 10.0 ** e for e in range(-323, 308) for m in (1.0, 1.5, 9.999999999999998)
               if math.isfinite(m * 10.0 ** e)]
    numbers += [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0, 0.0, 2.0 ** 53]
    data = {"n": numbers + [-x for x in numbers]}
    assert canonical_bytes(data) == _plain(data)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_a_sample_saves_to_the_same_bytes(path: Path, tmp_path: Path) -> None:
    model, _ = read_model(path)
    assert round_trip_bytes(model, "x") == dumps_model(model).encode("utf-8")
    io.save_model(model, tmp_path / "m.twm.json")
    assert (tmp_path / "m.twm.json").read_bytes() == dumps_model(model).encode("utf-8")


def test_tiny_floats_are_saved_as_the_standard_encoder_spells_them() -> None:
    model = tiny_model()
    model.risk.options["tiny"] = 8.42e-05
    model.risk.options["tinier"] = [1e-07, 2.5e-9, 1e-5]
    assert round_trip_bytes(model, "x") == dumps_model(model).encode("utf-8")
    assert b"8.42e-05" in round_trip_bytes(model, "x")


def _outcome(model, monkeypatch, fast: bool) -> bytes | str:
    monkeypatch.setattr(io, "_ORJSON_CHECKED", [fast])
    try:
        return round_trip_bytes(model, "m.twm.json")
    except ModelError as exc:
        return str(exc)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10 ** 30, 2 ** 60,
                                   "pasted \ud800 text"],
                         ids=["nan", "inf", "bigint", "int-over-2-53", "surrogate"])
def test_an_odd_value_is_saved_or_refused_as_before(value, monkeypatch) -> None:
    """The same bytes or the same refusal as the standard encoder alone (the probe
    failing stands for a missing or different orjson): orjson refuses some of these and
    the plain way names them."""
    model = tiny_model()
    model.risk.options["odd"] = value
    assert _outcome(model, monkeypatch, True) == _outcome(model, monkeypatch, False)


def test_without_orjson_the_standard_encoder_writes_the_same(monkeypatch) -> None:
    model, _ = read_model(SAMPLES[0])
    fast = round_trip_bytes(model, "x")
    monkeypatch.setattr(io, "_ORJSON_CHECKED", [False])
    assert canonical_bytes({"a": 1}) is None
    assert round_trip_bytes(model, "x") == fast
