"""``print_json(streamed=...)`` writes the bytes of the whole document: lists streamed in
chunks against the same lists in the document, indented and compact."""

from __future__ import annotations

import io
import sys

import pytest

from workbench.cli import common
from workbench.cli.common import print_json


def _written(data, compact, streamed=None) -> bytes:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8")
    old, sys.stdout = sys.stdout, stream
    try:
        print_json(data, compact=compact, streamed=streamed)
        stream.flush()
    finally:
        sys.stdout = old
    return buffer.getvalue()


def _chunks(items, size):
    return (items[i:i + size] for i in range(0, len(items), size))


ROWS = [{"id": f"t{n}", "title": "pump \x1b[2J \u202e", "n": n, "f": n / 7,
         "nested": {"a": [1, {"b": None}], "e": {}}, "empty": []} for n in range(23)]


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("size", [1, 2, 5, 23, 100])
def test_streamed_lists_give_the_whole_documents_bytes(compact, size):
    doc = {"format": "x", "summary": {"a": 1}, "threats": ROWS, "ranking": [{"k": [1]}],
           "more": ROWS[:3], "last": "end"}
    whole = _written(doc, compact)
    streamed = _written({**doc, "threats": [], "more": []}, compact,
                        {"threats": _chunks(ROWS, size), "more": iter([[], ROWS[:3], []])})
    assert streamed == whole
    assert b"\x1b" not in streamed and b"\\u001b" in streamed  # escaped as before


@pytest.mark.parametrize("compact", [False, True])
def test_empty_and_missing_streams(compact):
    doc = {"a": 1, "threats": [], "b": [2]}
    assert _written(doc, compact, {"threats": iter([])}) == _written(doc, compact)
    assert _written(doc, compact, {"threats": iter([[], []])}) == _written(doc, compact)
    last = {"a": 1, "threats": []}
    assert _written(last, compact, {"threats": _chunks(ROWS, 4)}) == \
        _written({"a": 1, "threats": ROWS}, compact)


def test_the_former_placeholder_in_the_document_is_written_as_it_is():
    """The writer once cut the document at a placeholder string; a document holding that
    string still gives the whole document's bytes."""
    placeholder = "\x00workbench-streamed-list\x00"
    doc = {"a": placeholder, "threats": []}
    assert _written(doc, False, {"threats": _chunks(ROWS, 4)}) == \
        _written({"a": placeholder, "threats": ROWS}, False)


def test_a_text_stream_gets_the_whole_document(capsys):
    print_json({"threats": []}, streamed={"threats": _chunks(ROWS, 4)})
    assert capsys.readouterr().out.encode() == _written({"threats": ROWS}, False)


def test_a_chunk_orjson_refuses_is_written_by_the_standard_encoder():
    rows = [{"big": 2 ** 70}, {"n": 1}]
    assert _written({"threats": []}, False, {"threats": _chunks(rows, 1)}) == \
        _written({"threats": rows}, False)


def test_the_ascii_shortcut_escapes_as_the_full_scan():
    """Encoders' output: ASCII without DEL is returned as it is, anything else goes
    through ``json_escape_unsafe_bytes``; both ways give the same bytes."""
    import json
    import random

    import orjson

    from workbench.model.text import json_escape_unsafe_bytes

    rng = random.Random(3)
    alphabet = [chr(c) for c in range(0x00, 0x80)] + ["\u0085", "\u200b", "\u2028",
                                                      "\ufeff", "\u00e9", "\u2066"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        doc = {"t": text, "n": [1, {"k": text[:3]}]}
        for encoded in (orjson.dumps(doc, option=orjson.OPT_INDENT_2), orjson.dumps(doc),
                        json.dumps(doc, indent=2, ensure_ascii=False).encode()):
            assert common._escaped(encoded) == json_escape_unsafe_bytes(encoded)
