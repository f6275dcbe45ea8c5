"""Map element types from other tools onto workbench stencils, and say what was not mapped.

Rules, in order (first hit wins, ties go to the layer hint):
1. the foreign type *is* a stencil id (our own OTM export writes stencil ids);
2. a stencil's id, label, French label or alias appears as whole words in the name or type;
3. a phrase from ``type_hints.json`` (IT-tool vocabulary) appears as whole words;
4. nothing matched: the generic stencil of the hinted layer, marked for the analyst.
Longer phrases beat shorter ones, so "iot hub" beats "hub". Nothing is ever dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from workbench.model.enums import Layer
from workbench.model.stencils import StencilLibrary, default_stencils

GENERIC_BY_LAYER = {Layer.THING: "generic-thing", Layer.GATEWAY: "generic-gateway",
                    Layer.NETWORK: "generic-network", Layer.CLOUD: "generic-cloud"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zà-ÿ]+")
_Phrase = tuple[tuple[str, ...], str, str]  # words, stencil id, how it was found


def words(text: str | None, camel: bool = True) -> tuple[str, ...]:
    """Lower-case words, splitting punctuation and, if asked, camelCase ("TMCore.WebAPI")."""
    if not text:
        return ()
    if camel:
        text = _CAMEL.sub(" ", text)
    return tuple(w for w in _NON_WORD.split(text.lower()) if w)


def _contains(haystack: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return n > 0 and any(haystack[i:i + n] == phrase for i in range(len(haystack) - n + 1))


@lru_cache(maxsize=1)
def _hint_file() -> dict:
    return json.loads((Path(__file__).with_name("type_hints.json")).read_text("utf-8"))


def type_hints() -> dict[str, str]:
    return dict(_hint_file()["hints"])


def layer_hints() -> dict[str, Layer]:
    """Words that say which layer an unmatched element lives in ("IoT Device" -> thing)."""
    return {phrase: Layer(layer) for phrase, layer in _hint_file().get("layer_hints",
                                                                        {}).items()}


@dataclass(frozen=True)
class MappingDecision:
    """How one imported element was classified; ``mapped`` False means "analyst, check this"."""

    element: str
    name: str
    foreign_type: str
    stencil: str
    layer: Layer
    mapped: bool
    how: str

    def describe(self) -> str:
        def cut(text: str) -> str:
            return text if len(text) <= 60 else text[:57] + "..."

        kind = f" [{cut(self.foreign_type)}]" if self.foreign_type else ""
        return f"{self.element} {cut(self.name)!r}{kind} -> {self.stencil} " \
               f"({self.layer.value}; {cut(self.how)})"

    def to_json(self) -> dict[str, object]:
        return {"element": self.element, "name": self.name, "foreign_type": self.foreign_type,
                "stencil": self.stencil, "layer": self.layer.value, "mapped": self.mapped,
                "how": self.how}


class StencilMapper:
    """Classifies foreign elements against one stencil library."""

    def __init__(self, stencils: StencilLibrary | None = None):
        self.stencils = stencils or default_stencils()
        self._phrases: list[_Phrase] = []
        for stencil in self.stencils:
            if stencil.id in GENERIC_BY_LAYER.values():
                continue
            for text, how in ((stencil.id, "stencil id"), (stencil.label, "stencil label"),
                              (stencil.label_fr, "French label"),
                              *((a, "stencil alias") for a in stencil.aliases)):
                if text:
                    self._phrases.append((words(text, camel=False), stencil.id, how))
        for phrase, stencil_id in type_hints().items():
            if stencil_id in self.stencils:
                self._phrases.append((words(phrase, camel=False), stencil_id,
                                      f"hint {phrase!r}"))
        self._layer_phrases = [(words(p, camel=False), layer)
                               for p, layer in layer_hints().items()]
        # Phrases by first word: a name is checked against the few phrases that can start at
        # each of its words instead of against the whole table.
        self._by_first: dict[str, list[_Phrase]] = {}
        for entry in self._phrases:
            if entry[0]:
                self._by_first.setdefault(entry[0][0], []).append(entry)

    def _hits(self, haystack: tuple[str, ...]) -> Iterator[_Phrase]:
        for i, word in enumerate(haystack):
            for entry in self._by_first.get(word, ()):
                phrase = entry[0]
                if haystack[i:i + len(phrase)] == phrase:
                    yield entry

    def map(self, element: str, name: str, foreign_type: str = "",
            layer_hint: Layer = Layer.CLOUD, extra: str = "") -> MappingDecision:
        """Pick a stencil for an element named ``name`` whose tool type is ``foreign_type``."""
        exact = self.stencils.get(foreign_type) if foreign_type else None
        if exact is not None:
            return MappingDecision(element, name, foreign_type, exact.id, exact.layer, True,
                                   "type is a stencil id")
        best: tuple[int, str, str] | None = None
        # Both with and without camelCase splitting: "WebAPI" needs it, "IoT" must avoid it.
        haystacks = [(text, h) for text in (name, foreign_type, extra)
                     for h in dict.fromkeys((words(text, camel=False), words(text))) if h]
        for text, haystack in haystacks:
            for phrase, stencil_id, how in self._hits(haystack):
                stencil = self.stencils[stencil_id]
                # Longer phrases are more specific; stencil data beats hints; layer breaks ties.
                score = (len(phrase) * 10 + (2 if not how.startswith("hint") else 0)
                         + (1 if stencil.layer == layer_hint else 0))
                if best is None or score > best[0]:
                    best = (score, stencil_id, f"{how} in {text!r}")
        if best is not None:
            stencil = self.stencils[best[1]]
            return MappingDecision(element, name, foreign_type, stencil.id, stencil.layer,
                                   True, best[2])
        layer, why = self._guess_layer(name, layer_hint)
        return MappingDecision(element, name, foreign_type, GENERIC_BY_LAYER[layer], layer,
                               False, f"no stencil matched; {why or 'generic placeholder'}")

    def _guess_layer(self, name: str, layer_hint: Layer) -> tuple[Layer, str]:
        """The layer the name's words point to (longest phrase first), else the tool's."""
        haystack = words(name, camel=False)
        best: tuple[int, str, Layer] | None = None
        for phrase, layer in self._layer_phrases:
            if _contains(haystack, phrase) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), " ".join(phrase), layer)
        if best is None or best[2] == layer_hint:
            return layer_hint, ""
        return best[2], f"{best[1]!r} says {best[2].value}"
