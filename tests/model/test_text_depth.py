"""The loader's depth check read from the text's bytes (``io._text_depth``) gives the walk's
depth (``io._depth``) on every JSON text, or hands back to the walk (a backslash)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import io
from workbench.model.errors import ModelError

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
#: Strings made of what the text count must see through: brackets, quotes, backslashes.
TRICKY = st.text(alphabet='[]{}"\\ :,aé€😀\n', max_size=8)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TRICKY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TRICKY, inner, max_size=4),
    max_leaves=40)


def _texts(value) -> list[bytes]:
    return [json.dumps(value).encode(), json.dumps(value, indent=2).encode(),
            json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            "\ufeff".encode() + json.dumps(value, indent=1, ensure_ascii=False).encode()]


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_text_depth_is_the_walks(value) -> None:
    for raw in _texts(value):
        depth = io._text_depth(raw)
        if b"\\" in raw:
            assert depth is None  # the walk decides
        else:
            assert depth == io._depth(json.loads(raw.decode("utf-8-sig")))


@pytest.mark.parametrize("levels", [1, 2, 63, 64, 65, 66, 500])
@pytest.mark.parametrize("kind", ["lists", "objects", "mixed"])
def test_deep_texts_stop_where_the_walk_does(levels: int, kind: str) -> None:
    value: object = "[{]}"
    for i in range(levels):
        value = ([value, "]]"] if kind == "lists" or (kind == "mixed" and i % 2)
                 else {"{{": value, "k": []})
    raw = json.dumps(value).encode()
    assert io._text_depth(raw) == io._depth(value)
    if kind == "lists":
        assert io._text_depth(raw) == min(levels, io.MAX_DEPTH + 1)


def test_the_samples_and_a_refused_file() -> None:
    for path in SAMPLES:
        raw = path.read_bytes()
        assert io._text_depth(raw) == io._depth(json.loads(raw))
    deep = b"[" * 70 + b'"x"' + b"]" * 70
    with pytest.raises(ModelError, match="JSON nested 65 levels deep"):
        io.parse_json_text(deep, "deep.json")
