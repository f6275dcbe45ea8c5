"""Make user strings safe to show on a terminal or in a text export.

A model is a document from someone else: an element named ``"\\x1b]0;pwned\\x07Pump"`` would
retitle the terminal, ``"\\x1b[2J"`` clear it, and a right-to-left override (U+202E) can make
``evil.exe`` read as ``exe.live`` in a review. Every client that prints user text to a terminal
or a plain-text file passes it through :func:`printable` (one line) or :func:`printable_block`
(several lines): controls become visible escapes such as ``\\x1b``, so nothing is silently lost
and nothing is interpreted.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, bidirectional overrides and isolates, line/paragraph
#: separators, zero-width spaces and marks used to hide text (ZWJ/ZWNJ kept: scripts and
#: emoji need them), and lone surrogates (unencodable).
_INVISIBLE = (
    "\x7f-\x9f"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ud800-\udfff"
)
_UNSAFE_LINE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
#: The same, keeping tab (\x09) and newline (\x0a).
_UNSAFE_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One line of user text with every control or invisible formatting character escaped.

    Newlines and tabs are escaped too: a name that spans lines would forge extra rows in
    terminal tables and line-based outputs.
    """
    return _UNSAFE_LINE.sub(_escape, text)


def printable_block(text: str) -> str:
    """Several lines of user text: like :func:`printable` but newlines and tabs are kept
    (carriage returns are escaped: ``\\r`` would overwrite the start of the line)."""
    return _UNSAFE_BLOCK.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """Whether :func:`printable` would change ``text``."""
    return _UNSAFE_LINE.search(text) is not None


def json_escape_unsafe(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every unsafe character
    written as a ``\\uXXXX`` escape: same document, nothing a terminal would interpret.

    Valid because such characters can only occur inside JSON strings, where ``\\uXXXX``
    stands for the character itself (lone surrogates included).
    """
    return _UNSAFE_BLOCK.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


#: The UTF-8 encodings of the characters :data:`_UNSAFE_BLOCK` matches (lone surrogates
#: excepted: valid UTF-8 cannot hold them), for JSON written as bytes.
_UNSAFE_UTF8 = re.compile(
    b"[\x00-\x08\x0b-\x1f\x7f]"
    b"|\xc2[\x80-\x9f]"
    b"|\xe2\x80[\x8b\x8e\x8f\xa8-\xae]"
    b"|\xe2\x81[\xa0-\xa4\xa6-\xaf]"
    b"|\xef\xbb\xbf")


#: The first bytes of those encodings, and every other byte (for ``bytes.translate``).
_LEADS = bytes([*range(0x00, 0x09), *range(0x0b, 0x20), 0x7f, 0xc2, 0xe2, 0xef])
_NOT_LEADS = bytes(range(256)).translate(None, _LEADS)


def json_escape_unsafe_bytes(json_bytes: bytes) -> bytes:
    """:func:`json_escape_unsafe` for UTF-8 JSON bytes (orjson's output), without decoding:
    the writer of ``analyze --json`` at 10,000 elements spent seconds decoding, scanning and
    re-encoding 280 MB of text that almost never holds such a character.

    A regular expression over the whole output scans at about 30 MB/s; ``bytes.translate``
    and ``bytes.find`` (C loops) find the few places that could start an unsafe character,
    and the expression is only tried there. Those first bytes are ASCII controls or UTF-8
    lead bytes, never inside another character, so the places cannot overlap.
    """
    leads = set(json_bytes.translate(None, _NOT_LEADS))
    if not leads:
        return json_bytes
    spans: list[tuple[int, int]] = []
    for lead in leads:
        needle = bytes([lead])
        pos = json_bytes.find(needle)
        while pos >= 0:
            match = _UNSAFE_UTF8.match(json_bytes, pos)
            if match:
                spans.append((pos, match.end()))
            pos = json_bytes.find(needle, pos + 1)
    if not spans:
        return json_bytes
    spans.sort()
    parts: list[bytes] = []
    last = 0
    for start, end in spans:
        parts.append(json_bytes[last:start])
        code = ord(json_bytes[start:end].decode("utf-8"))
        parts.append(f"\\u{code:04x}".encode("ascii"))
        last = end
    parts.append(json_bytes[last:])
    return b"".join(parts)
