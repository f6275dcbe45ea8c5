"""The loader's direct way (``io._read_directly``: pydantic validates the file's bytes) gives
what the plain way gives (parse, check the values, migrate, validate, integrity): the same
model, or the same refusal with the same messages, on every file.

The oracle is the plain way itself (``model_from_document(parse_json_text(raw))``), run on
sound files, on each leaf of a model holding every kind of field replaced by hostile values,
on the fuzzer's mutations, and on the cases the direct way must hand back.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.model.factories import tiny_model
from workbench.model import io
from workbench.model.errors import ModelError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample-models").glob("*.twm.json"))


def _outcome(read, raw: bytes) -> tuple:
    """What a way of reading gives: the model's canonical text and the model, or the error."""
    try:
        model = read(raw)
    except ModelError as exc:
        return ("refused", exc.source, [(p.path, p.message) for p in exc.problems])
    return ("read", model.model_dump_json(), model)


def _plain(raw: bytes):
    return io.model_from_document(io.parse_json_text(raw, "f.twm.json"), "f.twm.json")


def _either(raw: bytes):
    return io.model_from_bytes(raw, "f.twm.json")


def _same(raw: bytes) -> tuple:
    """Both ways' outcomes, asserted equal (models by ``==`` and by their canonical text)."""
    plain, either = _outcome(_plain, raw), _outcome(_either, raw)
    assert either == plain, raw[:300]
    return plain


def _rich_document() -> dict[str, Any]:
    """The tiny model with every optional part filled: threats with decisions, controls,
    layout with routes, free-form risk options, a workshop and a vendor review."""
    doc = json.loads(io.dumps_model(tiny_model()))
    doc["risk"]["impact_categories"] = [c for c in doc["risk"]["impact_categories"]
                                        if c["id"] in {"care_delivery", "patient_safety"}]
    doc["threats"] = [{"id": "t1", "key": "spoof@pump", "catalog_id": "spoof", "element": "pump",
                       "title": "Spoofing", "stride": ["S", "T"], "status": "accepted",
                       "reason": "low", "owner": "me", "decided_by": "cso",
                       "decided_on": "2026-01-02", "likelihood": 2,
                       "impact": {"patient_safety": 3}, "cvss": "AV:N",
                       "mitigations": [{"control": "c1", "status": "planned"}],
                       "manual": True, "previous_status": "suggested"}]
    doc["controls"] = [{"id": "c1", "title": "Pairing", "elements": ["pump"],
                        "status": "implemented", "due": "2026-03-01", "cost": "2 days",
                        "effectiveness": 0.5}]
    doc["risk"]["options"] = {"weights": [1, 2.5, {"k": [0.1, None, True, "x"]}], "cap": 3}
    doc["layout"] = {"elements": {"pump": {"x": 10.0, "y": 20.5, "w": 150.0, "h": 64.0}},
                     "zones": {"home": {"x": 0.0, "y": 0.0, "w": 400.0, "h": 300.0}},
                     "flows": {"f-pump-relay": {"waypoints": [[1.5, 2.0], [3.0, 4.25]],
                                                "label_offset": [5.0, -6.0]}}}
    doc["workshops"] = [{"id": "ws", "title": "Walkthrough", "date": "2026-11-12",
                         "participants": ["a", "b"], "notes": ["n"], "decisions": ["d"],
                         "items": [{"element": "pump", "threat": "t1", "seconds_spent": 540,
                                    "votes": [{"participant": "a", "likelihood": 2,
                                               "impact": {"patient_safety": 4}}],
                                    "consensus": {"likelihood": 2, "decided_by": ["a"],
                                                  "decided_on": "2026-11-12",
                                                  "impact": {"patient_safety": 4}}}]}]
    doc["review"] = {"vendor": "V", "date": "2026-10-01",
                     "answers": [{"item": "enc", "answer": "yes", "answered_on": "2026-10-02"}]}
    return doc


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    out: list[tuple] = []
    children = node.items() if isinstance(node, dict) else (
        enumerate(node) if isinstance(node, list) else ())
    for key, child in children:
        out.append((*path, key))
        out.extend(_leaves(child, (*path, key)))
    return out


def _with(doc: Any, path: tuple, value: Any) -> Any:
    """A copy of ``doc`` with ``value`` at ``path``: only the containers on the path copied."""
    top = node = copy.copy(doc)
    for part in path[:-1]:
        node[part] = copy.copy(node[part])
        node = node[part]
    node[path[-1]] = value
    return top


#: Values the plain way refuses outside a type (out of range, not finite, a lone surrogate,
#: deep), or that validate only by conversion (2.0 for an integer, "2", true for 1).
HOSTILE = [2**53 + 1, -(2**60), 10**30, 9007199254740993.0, 1e300, float("nan"), float("inf"),
           2.0, 1.5, -1, 0, "2", True, None, [], {}, "x\ud800y", [[[[1]]]], "2026-02-30"]


def _text(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=True).encode(
        "utf-8", "surrogatepass")


def _compact(doc: Any) -> bytes:
    """As :func:`_text` without the layout (the standard encoder's C writer)."""
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


def test_sound_files_are_read_directly_and_equal_the_plain_way() -> None:
    raws = [p.read_bytes() for p in SAMPLES] + [_text(_rich_document())]
    for raw in raws:
        assert io._read_directly(raw) is not None
        assert _same(raw)[0] == "read"


def _value_at(doc: Any, path: tuple) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def test_every_leaf_replaced_by_a_hostile_value_reads_as_the_plain_way() -> None:
    """Every field of every kind (of each list's first item; every coordinate): numbers get
    every hostile value, other leaves five of them in turn (each value lands on many kinds)."""
    doc = _rich_document()
    read = refused = 0
    paths = [p for p in _leaves(doc)
             if p[0] == "layout" or all(not isinstance(k, int) or k == 0 for k in p)]
    for n, path in enumerate(paths):
        leaf = _value_at(doc, path)
        number = isinstance(leaf, int | float) and not isinstance(leaf, bool)
        values = HOSTILE if number else [HOSTILE[(n + i) % len(HOSTILE)] for i in range(5)]
        for value in values:
            outcome = _same(_compact(_with(doc, path, value)))
            read, refused = read + (outcome[0] == "read"), refused + (outcome[0] == "refused")
    assert read > 50 and refused > 500  # both sides of the oracle were exercised


@pytest.mark.parametrize("where", [("risk", "options", "x"), ("workshops", 0, "items", 0,
                                                              "seconds_spent")])
@pytest.mark.parametrize("value", [2**53, 2**53 + 1, 2**63, -(2**53) - 1, 1e16, float("-inf")])
def test_numbers_no_type_bounds_are_checked(where: tuple, value: Any) -> None:
    _same(_text(_with(_rich_document(), where, value)))


@pytest.mark.parametrize("levels", [28, 29, 30, 31, 32, 33, 60, 61, 62, 63, 70, 300])
def test_deep_options_read_as_the_plain_way(levels: int) -> None:
    value: Any = 1
    for i in range(levels):
        value = [value] if i % 2 else {"k": value}
    outcome = _same(_text(_with(_rich_document(), ("risk", "options", "x"), value)))
    assert outcome[0] == ("read" if levels + 3 <= io.MAX_DEPTH else "refused")


@pytest.mark.parametrize("spelling", ["2", "2.0", "2e0", "20e-1", '"2"', "true", "1", "0",
                                      "3", "-0", "null", "2 ", "\n2"])
def test_the_version_as_written_decides_as_the_plain_way(spelling: str) -> None:
    raw = _text(_rich_document()).replace(b'"schema_version": 2', b'"schema_version": '
                                          + spelling.encode())
    _same(raw)


def test_files_the_direct_way_hands_back() -> None:
    doc = _rich_document()
    sound = _text(doc)
    version_first = json.dumps({"schema_version": 2, **doc}).encode()
    cases = {
        "no version (version 0)": _text({k: v for k, v in doc.items() if k != "schema_version"}),
        "two versions": sound.replace(b'"schema_version": 2', b'"schema_version": 1, '
                                      b'"schema_version": 2'),
        "version as a value": sound.replace(b'"title": "Tiny closed loop"',
                                            b'"title": "schema_version"'),
        "version in options": _text(_with(doc, ("risk", "options", "schema_version"), 2)),
        "version only in options": _text(_with(
            {k: v for k, v in doc.items() if k != "schema_version"},
            ("risk", "options", "schema_version"), 2)),
        "version in options, a float at the top": _text(_with(
            doc, ("risk", "options", "schema_version"), 2)).replace(
            b'"schema_version": 2,\n "targets"', b'"schema_version": 2.0,\n "targets"'),
        "version in options, an escaped float at the top": _text(_with(
            doc, ("risk", "options", "schema_version"), 2)).replace(
            b'"schema_version": 2,\n "targets"', b'"schema\\u005fversion": 2.0,\n "targets"'),
        "escaped version key": version_first.replace(b'"schema_version": 2',
                                                     b'"schema\\u005fversion": 2.0', 1),
        "escapes": json.dumps(doc, ensure_ascii=True).encode(),
        "a lone surrogate": sound.replace(b"Tiny closed loop", b"Tiny \\ud800 loop"),
        "a paired surrogate": sound.replace(b"Tiny closed loop", b"Tiny \\ud83d\\ude00 loop"),
        "a byte-order mark": "\ufeff".encode() + sound,
        "two marks": "\ufeff\ufeff".encode() + sound,
        "a control character": sound.replace(b"Tiny closed loop", b"Tiny\tloop"),
        "invalid UTF-8": sound.replace(b"Tiny closed loop", b"Tiny \xff loop"),
        "an encoded surrogate": sound.replace(b"Tiny closed loop", b"Tiny \xed\xa0\x80 loop"),
        "trailing text": sound + b"x",
        "empty": b"",
        "not an object": b"[1, 2]",
        "a duplicated key": sound.replace(b'"title": "Tiny closed loop"',
                                          b'"title": "A", "title": "Tiny closed loop"'),
        "a duplicated bad key": sound.replace(b'"title": "Tiny closed loop"',
                                              b'"title": "Tiny closed loop", "title": 5'),
        "a broken reference": sound.replace(b'"source": "pump"', b'"source": "nowhere"'),
        "NaN": sound.replace(b'"cap": 3', b'"cap": NaN'),
        "a huge literal": sound.replace(b'"cap": 3', b'"cap": ' + b"9" * 5000),
        "deep lists": sound.replace(b'"cap": 3', b'"cap": ' + b"[" * 2000 + b"]" * 2000),
    }
    for name, raw in cases.items():
        assert raw != sound, name  # each replacement found what it replaces
        outcome = _same(raw)
        if name in {"a paired surrogate", "a byte-order mark",
                    "a duplicated key", "escapes", "version as a value", "two versions"}:
            assert outcome[0] == "read", name
        elif name not in {"version in options", "no version (version 0)",
                          "version only in options"}:
            assert outcome[0] == "refused", name


def test_the_fuzzers_mutations_read_as_the_plain_way() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import fuzz_models
    finally:
        sys.path.remove(str(ROOT / "tools"))
    rng = random.Random(17)
    texts = [io.dumps_model(tiny_model()), _text(_rich_document()).decode()]
    for run in range(400):
        text = texts[run % 2]
        raw = (fuzz_models.mutate_json(text, rng).encode("utf-8", "surrogatepass")
               if run % 4 < 2 else fuzz_models.mutate_bytes(text.encode(), rng))
        _same(raw)


def test_read_model_and_load_model_take_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "m.twm.json"
    path.write_bytes(_text(_rich_document()))
    model, fingerprint = io.read_model(path)
    assert model == io.load_model(path) == _plain(path.read_bytes())
    assert fingerprint.size == path.stat().st_size
    path.write_bytes(_text(_rich_document()).replace(b'"source": "pump"', b'"source": "x"'))
    with pytest.raises(ModelError, match=f"{path}: flows\\[0\\].source"):
        io.read_model(path)
