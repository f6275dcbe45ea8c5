"""``print_json(streamed=...)`` writes from a thread of its own (``common._BackgroundWriter``):
the same bytes in the same order, the stream's errors raised to the caller as a direct
write raised them, and no thread left behind either way."""

from __future__ import annotations

import io
import sys
import threading

import pytest

from tests.cli.test_print_json_streamed import ROWS, _chunks, _written
from workbench.cli import common
from workbench.cli.common import print_json


class _Failing(io.BytesIO):
    """A binary stream that fails once ``limit`` bytes were written (a reader that went
    away: a closed pipe)."""

    def __init__(self, limit: int, error: BaseException) -> None:
        super().__init__()
        self.limit, self.error, self.writes = limit, error, 0

    def write(self, data) -> int:
        self.writes += 1
        if self.tell() + len(data) > self.limit:
            raise self.error
        return super().write(data)


def _print_to(buffer, doc, streamed) -> None:
    stream = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    old, sys.stdout = sys.stdout, stream
    try:
        print_json(doc, streamed=streamed)
    finally:
        sys.stdout = old
        stream.detach()


@pytest.mark.parametrize("gather", [1, 64, 1 << 16])
def test_the_threads_writes_are_the_documents_bytes_in_order(monkeypatch, gather):
    monkeypatch.setattr(common, "_GATHER_BYTES", gather)
    monkeypatch.setattr(common, "_QUEUED_WRITES", 1)
    monkeypatch.setattr(common, "_PIECE_BYTES", 50)
    doc = {"a": {f"k{n}": [n, "x" * n] for n in range(60)}, "threats": [], "z": ROWS[:4]}
    whole = _written({**doc, "threats": ROWS}, False)
    assert _written(doc, False, {"threats": _chunks(ROWS, 3)}) == whole


@pytest.mark.parametrize("limit", [0, 10, 3000])
def test_a_closed_pipe_is_raised_to_the_caller_and_no_thread_is_left(monkeypatch, limit):
    monkeypatch.setattr(common, "_GATHER_BYTES", 16)
    before = threading.active_count()
    buffer = _Failing(limit, BrokenPipeError(32, "Broken pipe"))
    doc = {"a": list(range(2000)), "threats": [], "b": "end"}
    with pytest.raises(BrokenPipeError) as raised:
        _print_to(buffer, doc, {"threats": _chunks(ROWS, 2)})
    assert raised.value is buffer.error
    assert threading.active_count() == before
    assert buffer.getvalue() == _written({**doc, "threats": ROWS}, False)[:len(buffer.getvalue())]


def test_the_callers_own_error_stops_the_thread():
    def chunks():
        yield ROWS[:3]
        raise KeyError("a chunk failed")

    before = threading.active_count()
    buffer = io.BytesIO()
    with pytest.raises(KeyError, match="a chunk failed"):
        _print_to(buffer, {"threats": [], "after": 1}, {"threats": chunks()})
    assert threading.active_count() == before
    assert b'"after"' not in buffer.getvalue()
