"""Names taken from a model cannot drive the terminal: escapes are shown, not interpreted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model import dumps_model
from workbench.model.text import (
    json_escape_unsafe,
    json_escape_unsafe_bytes,
    printable,
    printable_block,
)

from ..model.factories import tiny_model

HOSTILE = "Pump\x1b]0;pwned\x07\u202eexe.live\r\x9b2J"


def test_printable_escapes_every_control_and_bidi_character() -> None:
    assert printable(HOSTILE) == "Pump\\x1b]0;pwned\\x07\\u202eexe.live\\x0d\\x9b2J"
    assert printable("a\nb\tc") == "a\\x0ab\\x09c"  # one line stays one line
    assert printable_block("a\nb\tc\rd") == "a\nb\tc\\x0dd"
    assert printable("Hôpital – 心 👨‍👩‍👧") == "Hôpital – 心 👨‍👩‍👧"  # ZWJ emoji kept


def test_json_escape_keeps_the_same_document() -> None:
    data = {"name": HOSTILE + "\ud800"}
    text = json_escape_unsafe(json.dumps(data, ensure_ascii=False))
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert json.loads(text) == data


def test_json_escape_of_bytes_matches_the_text_escape_on_every_character() -> None:
    """The byte-level escape (orjson's output, not decoded) escapes exactly the characters
    the text escape does: every code point but the surrogates, which UTF-8 cannot hold."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = json.dumps(["x" + "".join(chars[i:i + 64]) for i in range(0, len(chars), 64)],
                      ensure_ascii=False)
    assert json_escape_unsafe_bytes(text.encode("utf-8")) == \
        json_escape_unsafe(text).encode("utf-8")


@pytest.fixture
def hostile_model(tmp_path: Path) -> Path:
    doc = json.loads(dumps_model(tiny_model()))
    doc["components"][0]["name"] = HOSTILE
    doc["workshops"] = [{"id": "w1", "title": "Kick\x1b[31moff", "date": "2026-01-05"}]
    path = tmp_path / "m.twm.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [
    ["actors"], ["actors", "--json"], ["workshop", "agenda"], ["workshop", "agenda", "--json"],
    ["workshop", "export"], ["workshop", "summary"], ["export", "--format", "md"],
    ["export", "--format", "json"], ["export", "--format", "otm"], ["info"], ["threats"],
    ["analyze", "--json", "--no-attack"], ["analyze", "--json", "--compact", "--no-attack"],
])
def test_no_escape_sequence_reaches_the_terminal(hostile_model: Path, argv: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    head = 2 if argv[0] == "workshop" else 1
    code = main([*argv[:head], str(hostile_model), *argv[head:]])
    out, err = capsys.readouterr()
    assert code == 0, err
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\x07\r\x9b\u202e")
    if "--json" in argv or argv[-1] in {"json", "otm"}:
        json.loads(out)  # still valid JSON


def test_the_escaped_name_is_still_visible(hostile_model: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workshop", "agenda", str(hostile_model)]) == 0
    assert "Pump\\x1b]0;pwned\\x07\\u202eexe.live" in capsys.readouterr().out
