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


def test_the_placeholder_in_the_document_falls_back_to_the_whole_document():
    doc = {"a": common._STREAMED, "threats": []}
    assert _written(doc, False, {"threats": _chunks(ROWS, 4)}) == \
        _written({"a": common._STREAMED, "threats": ROWS}, False)


def test_a_text_stream_gets_the_whole_document(capsys):
    print_json({"threats": []}, streamed={"threats": _chunks(ROWS, 4)})
    assert capsys.readouterr().out.encode() == _written({"threats": ROWS}, False)


def test_a_chunk_orjson_refuses_is_written_by_the_standard_encoder():
    rows = [{"big": 2 ** 70}, {"n": 1}]
    assert _written({"threats": []}, False, {"threats": _chunks(rows, 1)}) == \
        _written({"threats": rows}, False)
