"""TrueType fonts for reports: DejaVu Sans from matplotlib's data folder.

Why: reportlab's built-in Helvetica is not embedded and has no glyphs beyond Latin-1;
DejaVu Sans ships with matplotlib (already a dependency), covers French accents and
typographic quotes, and is embedded (subset) in every PDF we write.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
MONO = "DejaVuSansMono"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}


def font_dir() -> Path:
    """matplotlib's bundled TrueType folder (no system font package needed)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@cache
def register_fonts() -> str:
    """Register the report fonts once per process; returns the regular font name."""
    folder = font_dir()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in the report font."""
    register_fonts()
    return pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size)


def wrap_text(text: str, width: float, size: float, bold: bool = False,
              max_lines: int = 3, lang: str = "") -> list[str]:
    """Greedy word wrap to ``width`` points; the last line ends with an ellipsis if cut.
    With ``lang``, a word wider than the line is hyphenated (pyphen) rather than cut."""
    return list(_wrap_cached(text, round(width, 2), size, bold, max_lines, lang))


def _hyphenate(word: str, width: float, size: float, bold: bool, lang: str) -> list[str]:
    """``word`` as pieces that fit ``width``, each but the last ending with a hyphen."""
    try:
        import pyphen
    except ImportError:
        return [word]
    dictionary = pyphen.Pyphen(lang={"fr": "fr_FR", "en": "en_GB"}.get(lang, lang))
    if "-" in word.strip("-"):  # break at the word's own hyphens first
        parts = word.split("-")
        segments = [part + "-" for part in parts[:-1]] + [parts[-1]]
        out: list[str] = []
        for segment in segments:
            if out and text_width(out[-1] + segment, size, bold) <= width:
                out[-1] += segment
            else:
                out += _hyphenate(segment, width, size, bold, lang) if \
                    text_width(segment, size, bold) > width else [segment]
        return out
    pieces = []
    while text_width(word, size, bold) > width:
        for head, tail in dictionary.iterate(word):
            if text_width(head + "-", size, bold) <= width:
                pieces.append(head + "-")
                word = tail
                break
        else:
            break
    return [*pieces, word]


_BREAKS = re.compile(r"[ \t\n\r]+")


@lru_cache(maxsize=65536)
def _wrap_cached(text: str, width: float, size: float, bold: bool,
                 max_lines: int, lang: str = "") -> tuple[str, ...]:
    """Registers repeat the same titles and impacts thousands of times: wrap each once.
    Lines break at ordinary spaces only: a no-break space (U+00A0, U+202F: "15 %",
    "risques :") keeps its two sides together."""
    words = _BREAKS.split(text.strip(" \t\n\r"))
    if lang:
        words = [piece for word in words for piece in (
            _hyphenate(word, width, size, bold, lang)
            if text_width(word, size, bold) > width else [word])]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size, bold) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = [_fit(line, width, size, bold) for line in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + "…", width, size, bold, force_ellipsis=True)
    return tuple(lines)


def _fit(line: str, width: float, size: float, bold: bool, force_ellipsis: bool = False) -> str:
    """Cut a single line (a very long word) to the width, marking the cut."""
    if text_width(line, size, bold) <= width and not force_ellipsis:
        return line
    base = line.rstrip("…")
    while base and text_width(base + "…", size, bold) > width:
        base = base[:-1]
    return base + "…"


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(face.charToGlyph)


def missing_glyphs(texts) -> str:
    """The characters of ``texts`` the report font cannot draw (CJK, emoji...), in order of
    first appearance: they would print as empty boxes, so the report says which."""
    covered = _covered()
    seen: dict[str, None] = {}
    for text in texts:
        for char in text or "":
            if ord(char) > 0x7E and ord(char) not in covered and not char.isspace():
                seen.setdefault(char, None)
    return "".join(seen)


def code_points(chars: str, limit: int = 12) -> str:
    """``chars`` as Unicode code points ("U+75C5 U+1F489 and 3 more"): the report cannot
    draw the characters it names, so it names them by number."""
    points = [f"U+{ord(char):04X}" for char in chars]
    more = f" and {len(points) - limit} more" if len(points) > limit else ""
    return " ".join(points[:limit]) + more
