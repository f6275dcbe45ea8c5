"""The save's read-back by the loader's direct way (``io.round_trip_bytes``) proves and
refuses what the parse-and-compare read-back did: the same bytes, or the same problems.

The oracle is the earlier read-back, kept here verbatim (:func:`_earlier_round_trip_bytes`),
run on sound models and on models holding, past validation (as an edit in place can), a
value the loader refuses at each field: non-finite or huge numbers, lone surrogates, broken
references.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from tests.model.test_read_directly import _leaves, _rich_document
from workbench.model import io
from workbench.model.errors import ModelError
from workbench.model.threat_model import ThreatModel

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _earlier_round_trip_bytes(model: ThreatModel, source: str) -> bytes:
    """``round_trip_bytes`` as it was: the text parsed back and compared with the dump."""
    try:
        data = io._dump(model)
    except ValueError as exc:
        raise ModelError([io.Problem("$", f"not saved: {exc}")], source) from None
    text = io.canonical_bytes(data)
    if text is not None:
        try:
            parsed = io.parse_json_text(text, source)
            if parsed == data:
                again = io.model_from_document(parsed, source, None)
                if io.canonical_bytes(io._dump(again)) == text:
                    return text
        except ModelError:
            pass
    return io._plain_round_trip(data, source, None).encode("utf-8")


def _outcome(save, model: ThreatModel) -> tuple:
    try:
        return ("saved", save(model, "m.twm.json"))
    except ModelError as exc:
        return ("refused", [(p.path, p.message) for p in exc.problems])


def _same(model: ThreatModel) -> tuple:
    earlier = _outcome(_earlier_round_trip_bytes, model)
    assert _outcome(io.round_trip_bytes, model) == earlier
    return earlier


def _set_past_validation(model: ThreatModel, path: tuple, value: Any) -> bool:
    """Put ``value`` at the JSON ``path`` of ``model`` without validation (False: the path
    names no attribute, list item or dict entry)."""
    node: Any = model
    for part in path[:-1]:
        node = getattr(node, part) if isinstance(node, BaseModel) else node[part]
        if node is None:
            return False
    last = path[-1]
    if isinstance(node, BaseModel):
        if last not in type(node).model_fields:
            return False
        object.__setattr__(node, last, value)
    elif isinstance(node, tuple):  # a waypoint: the pair is replaced in its list
        return False
    else:
        node[last] = value
    return True


HOSTILE = [float("nan"), float("inf"), float("-inf"), 2**60, 1e300, "x\ud800y", "nowhere"]


def _at(doc: Any, path: tuple) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def test_sound_models_save_the_same_bytes() -> None:
    models = [io.load_model(p) for p in SAMPLES]
    models.append(ThreatModel.model_validate_json(json.dumps(_rich_document())))
    for model in models:
        assert _same(model)[0] == "saved"


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic's dump warns of the wrong types
def test_a_value_the_loader_refuses_at_any_field_is_refused_as_before() -> None:
    doc = _rich_document()
    saved = refused = 0
    for n, path in enumerate(_leaves(doc)):
        if isinstance(path[-1], int) and path[-1] > 0:
            continue
        for value in (HOSTILE[:5] if isinstance(_at(doc, path), float | int)
                      else HOSTILE[n % 4::4]):
            model = ThreatModel.model_validate_json(json.dumps(doc))
            if not _set_past_validation(model, path, value):
                continue
            outcome = _same(model)
            saved, refused = saved + (outcome[0] == "saved"), refused + (outcome[0] == "refused")
    assert saved > 20 and refused > 100  # both sides of the oracle were exercised


def test_free_form_options_save_as_before() -> None:
    """pydantic's JSON dump writes a NaN or an infinity as ``None``: saved as ``null`` as
    before; a huge integer is refused as before."""
    for value in (float("nan"), [1.0, float("inf")], {"k": float("-inf")}, 2**60, 2**53):
        model = ThreatModel.model_validate_json(json.dumps(_rich_document()))
        model.risk.options["x"] = value
        assert _same(model)[0] == ("refused" if value == 2**60 else "saved")


def test_waypoints_edited_in_place() -> None:
    for point in ((float("nan"), 1.0), (1.0, float("inf")), (2e6, 0.0), (1.5, -2.25)):
        model = ThreatModel.model_validate_json(json.dumps(_rich_document()))
        model.layout.flows["f-pump-relay"].waypoints.append(point)
        _same(model)


def test_a_dump_holding_a_non_finite_option_goes_the_plain_way() -> None:
    """Should a dump ever keep a NaN (pydantic's ``ser_json_inf_nan``), orjson's ``null``
    would read back as written: such options are left to the plain way."""
    assert io._written_as_dumped({"risk": {"options": {"a": [1, 2.5, None]}}})
    assert io._written_as_dumped({"risk": {}}) and io._written_as_dumped({})
    for value in (float("nan"), [float("inf")], {"k": -float("inf")}, 2**60):
        assert not io._written_as_dumped({"risk": {"options": {"a": value}}})
