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
    #: ``high`` (the source's type or a stencil's own name says it), ``medium`` (IT-tool
    #: vocabulary, or only the layer, from the source's element type), ``low`` (only the
    #: name's words, the tool's default, or the name and the type disagree).
    confidence: str = "high"

    def describe(self) -> str:
        def cut(text: str, limit: int = 60) -> str:
            return text if len(text) <= limit else text[:limit - 1] + "…"

        kind = f" [{cut(self.foreign_type)}]" if self.foreign_type else ""
        return f"{self.element} {cut(self.name)!r}{kind} -> {self.stencil} " \
               f"({self.layer.value}, {self.confidence} confidence; {cut(self.how, 120)})"

    def to_json(self) -> dict[str, object]:
        return {"element": self.element, "name": self.name, "foreign_type": self.foreign_type,
                "stencil": self.stencil, "layer": self.layer.value, "mapped": self.mapped,
                "how": self.how, "confidence": self.confidence}


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
            layer_hint: Layer = Layer.CLOUD, extra: str = "", kind: str = "") -> MappingDecision:
        """Pick a stencil for an element named ``name`` whose tool type is ``foreign_type``.

        ``kind`` is the source's own element class when it has one: ``store`` (a DFD data
        store: Threat Dragon store, TMT GE.DS, Threagile datastore), ``external`` or
        ``process``. The source's type speaks first, then the name: "Patient database"
        drawn as a store is a cloud store, whatever "patient" suggests.
        """
        exact = self.stencils.get(foreign_type) if foreign_type else None
        if exact is not None:
            return MappingDecision(element, name, foreign_type, exact.id, exact.layer, True,
                                   "type is a stencil id")
        type_layer, type_why = self._type_layer(foreign_type, kind)
        best: tuple[int, str, str, bool, bool] | None = None
        # Both with and without camelCase splitting: "WebAPI" needs it, "IoT" must avoid it.
        haystacks = [(text, h, text is foreign_type) for text in (name, foreign_type, extra)
                     for h in dict.fromkeys((words(text, camel=False), words(text))) if h]
        for text, haystack, from_type in haystacks:
            for phrase, stencil_id, how in self._hits(haystack):
                stencil = self.stencils[stencil_id]
                hint = how.startswith("hint")
                # Longer phrases are more specific; stencil data beats hints; the source's
                # type layer, then the tool's layer hint, break ties.
                score = (len(phrase) * 10 + (0 if hint else 2)
                         + (4 if type_layer is not None and stencil.layer == type_layer else 0)
                         + (1 if stencil.layer == layer_hint else 0))
                if best is None or score > best[0]:
                    best = (score, stencil_id, f"{how} in {text!r}", hint, from_type)
        if best is not None:
            stencil = self.stencils[best[1]]
            if type_layer is not None and stencil.layer != type_layer and not best[4]:
                # The name says one layer, the source's element type another: keep the
                # name's guess but leave it on the to-classify list.
                return MappingDecision(
                    element, name, foreign_type, stencil.id, stencil.layer, False,
                    f"{best[2]}, but {type_why} says {type_layer.value}: check it", "low")
            head = self._layer_words(name)
            if best[3] and not best[4] and head is not None and head[1] != stencil.layer:
                # Only IT vocabulary matched, and the name's head noun says another layer
                # ("Ambulance LTE *router*": 'lte' is cellular, the thing is a router).
                return MappingDecision(
                    element, name, foreign_type, GENERIC_BY_LAYER[head[1]], head[1], False,
                    f"{best[2]} suggests {stencil.id}, but {head[0]!r} says "
                    f"{head[1].value}: check it", "low")
            confidence = "high" if best[4] or not best[3] else "medium"
            return MappingDecision(element, name, foreign_type, stencil.id, stencil.layer,
                                   True, best[2], confidence)
        if type_layer is not None:
            return MappingDecision(element, name, foreign_type, GENERIC_BY_LAYER[type_layer],
                                   type_layer, False, f"no stencil matched; {type_why} says "
                                                      f"{type_layer.value}", "medium")
        layer, why, confidence = self._guess_layer(name, layer_hint)
        return MappingDecision(element, name, foreign_type, GENERIC_BY_LAYER[layer], layer,
                               False, f"no stencil matched; {why}", confidence)

    def _type_layer(self, foreign_type: str, kind: str) -> tuple[Layer | None, str]:
        """The layer the source's element type says, and why; (None, "") when it says none.

        A data store is a cloud store (the type words can still say otherwise: "Local
        device storage"); an external entity or a process says nothing by itself.
        """
        found = self._layer_words(foreign_type)
        if found is not None:
            return found[1], f"the source type {foreign_type!r} ({found[0]!r})"
        if kind == "store":
            return Layer.CLOUD, "the source's data-store type"
        return None, ""

    def _layer_words(self, text: str) -> tuple[str, Layer] | None:
        """The layer word that ends last in ``text`` (the head of an English compound:
        "Device Management *Server*", "Patient *database*"), longer phrases first on ties."""
        best: tuple[int, int, str, Layer] | None = None
        for haystack in dict.fromkeys((words(text, camel=False), words(text))):
            for phrase, layer in self._layer_phrases:
                n = len(phrase)
                for i in range(len(haystack) - n, -1, -1):
                    if haystack[i:i + n] == phrase:
                        # distance from the end: camelCase splitting adds words
                        key = (i + n - len(haystack), n, " ".join(phrase), layer)
                        if best is None or key[:2] > best[:2]:
                            best = key
                        break
        return None if best is None else (best[2], best[3])

    def _guess_layer(self, name: str, layer_hint: Layer) -> tuple[Layer, str, str]:
        """(layer, why, confidence) from the name's head word, else the tool's default.

        Medium when the name agrees with the tool's kind of element (a "server" drawn as a
        process), low when only one of them speaks.
        """
        found = self._layer_words(name)
        if found is None:
            return layer_hint, f"the tool's default layer for this kind ({layer_hint.value})", \
                "low"
        agrees = found[1] == layer_hint
        return found[1], f"{found[0]!r} says {found[1].value}", "medium" if agrees else "low"
