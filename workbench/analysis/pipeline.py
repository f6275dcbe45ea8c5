"""One entry point for every client (CLI, GUI, PDF report): ``analyze(model) -> AnalysisResult``.

Later stages (attack paths, recommendations) add their results to ``AnalysisResult.extra``
under their own key; ``to_json()`` merges those keys into the output object, so a new
stage needs no change to the CLI or the schema's required part.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import attrgetter
from typing import Any

from workbench.analysis.catalog import Catalog, default_catalog
from workbench.analysis.ranking import grouped_rankings
from workbench.analysis.risk import RiskValue, Scales, ThreatRisk, assess, assess_with_exposure
from workbench.analysis.risk_memo import SharedRisks
from workbench.analysis.rules import FreshColumns, MergeReport, merge_suggestions
from workbench.model.facts import FactIndex
from workbench.model.stencils import StencilLibrary, default_stencils
from workbench.model.threat_model import ThreatModel

OUTPUT_FORMAT = "threat-workbench-analysis"
OUTPUT_VERSION = 1


@dataclass
class AnalysisResult:
    """The model with suggestions merged, the risk of each threat, and what changed."""

    model: ThreatModel
    threats: list[ThreatRisk]
    merge: MergeReport
    scales: Scales
    catalog: Catalog
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: The exposure pass's attack graph (``attack.exposure.ExposureGraph``), for
    #: ``analyze_attacks(shared=...)``: the graph is built once per analysis.
    attack_graph: Any = None

    def by_key(self) -> dict[str, ThreatRisk]:
        return {t.key: t for t in self.threats}

    def counted(self) -> list[ThreatRisk]:
        """Risks to treat: not rejected or orphaned, and on an element in scope."""
        return [t for t in self.threats if t.ranked]

    def context(self) -> list[ThreatRisk]:
        """Threats on context elements (not owned or operated): assumptions, not risks."""
        return [t for t in self.threats if t.counted and t.context]

    def summary(self) -> dict[str, Any]:
        """Counts of the threats by layer, status and level (``analyze --json``'s summary);
        per row shape (:class:`_ThreatRows`) when the risks are the risk pass's own."""
        if isinstance(self.threats, SharedRisks) and self.threats.fields is not None:
            return _ThreatRows(self.threats, self.catalog, self.merge.fresh).summary()
        return _summary(((t, 1) for t in self.threats), len(self.threats))

    def to_json(self) -> dict[str, Any]:
        """The ``workbench analyze --json`` object (schema/analysis.schema.json)."""
        doc, streamed = self.to_json_streamed()
        for key, chunks in streamed.items():
            doc[key] = [row for chunk in chunks for row in chunk]
        return doc

    def to_json_streamed(self, size: int = 2000, encoder: Any = None) -> tuple[
            dict[str, Any], dict[str, Iterator[list[Any]]]]:
        """:meth:`to_json` with its ``threats`` list left empty, and by key (``threats``)
        that list's rows ``size`` at a time, built as they are read: a writer that streams them
        (``cli.common.print_json(streamed=...)``) never holds a hospital group's hundred
        thousand rows, nor the document's bytes, all at once. The summary and the rows
        are read per row shape (:class:`_ThreatRows`). With ``encoder``
        (``cli.common.RowEncoder``) the rows come as pre-encoded items: each shape's row
        is encoded once, each threat's row is that encoding with its own three fields."""
        rows = _ThreatRows(self.threats, self.catalog, self.merge.fresh)
        # one pass over the threats for both; the ranking's figures read once per shape
        ranking, context = grouped_rankings(self, (rows.firsts, rows.shape_of),
                                            (rows.keys, rows.elements))
        out: dict[str, Any] = {
            "format": OUTPUT_FORMAT,
            "version": OUTPUT_VERSION,
            "model": {"title": self.model.metadata.title,
                      "version": self.model.metadata.version},
            "scales": {
                "likelihood": list(self.scales.likelihood),
                "severity": list(self.scales.severity),
                "levels": [{"id": lv.id, "name": lv.name, "colour": lv.colour,
                            "max_fraction": lv.max_fraction} for lv in self.scales.levels],
            },
            "summary": rows.summary(),
            "suggestions": {"added": len(self.merge.added), "kept": len(self.merge.kept),
                            "restored": len(self.merge.restored),
                            "orphaned": len(self.merge.orphaned),
                            "dropped": len(self.merge.dropped)},
            "threats": [],
            "ranking": [g.to_json() for g in ranking],
            "context_threats": [g.to_json() for g in context],
            "warnings": list(self.warnings),
        }
        for key, value in self.extra.items():
            out[key] = value
        return out, ({} if "threats" in self.extra else {"threats": rows.chunks(size, encoder)})


def _summary(weighted: Iterable[tuple[ThreatRisk, int]], total: int) -> dict[str, Any]:
    """The summary's counts over (threat, how many threats like it) pairs.

    One pass, not one per count; each count keeps the order in which its keys first
    appear, as ``Counter`` did (pairs in the order of the threats each first stands for
    keep it too).
    """
    by_layer: dict[str, int] = {}
    by_status: dict[str, int] = {}
    inherent: dict[str, int] = {}
    residual: dict[str, int] = {}
    projected: dict[str, int] = {}
    counted_of: dict[str, bool] = {}  # status -> counted (few statuses)
    ranked = context = safety = 0
    for t, n in weighted:
        status = t.instance.status.value
        by_status[status] = by_status.get(status, 0) + n
        counted = counted_of.get(status)
        if counted is None:
            counted = counted_of[status] = t.counted
        if not counted:
            continue
        if t.context:
            context += n
            continue
        ranked += n
        by_layer[t.layer] = by_layer.get(t.layer, 0) + n
        inherent[t.inherent.level] = inherent.get(t.inherent.level, 0) + n
        residual[t.current.level] = residual.get(t.current.level, 0) + n
        projected[t.projected.level] = projected.get(t.projected.level, 0) + n
        if t.patient_safety:
            safety += n
    return {
        "threats": total,
        "counted": ranked,
        "context": context,
        "by_layer": by_layer,
        "by_status": by_status,
        "inherent_levels": inherent,
        "residual_levels": residual,
        "projected_levels": projected,
        "patient_safety": safety,
    }


class _ThreatRows:
    """The threats by row shape (:func:`_row_shape`): the rule engine puts one threat on
    thousands of alike elements and the risk memo hands them the same risk values, reasons
    and impacts (the same objects), so most rows differ only in the instance's ``id``,
    ``key`` and ``element``. A row is built once per shape and copied for the other
    threats of that shape with their own three fields; the summary counts each shape once,
    weighted by its threats (everything it reads is in the shape).

    ``fresh``: the merge's columns of its new instances (``rules.FreshColumns``), used
    when the risks' instances end with them: each new one's shape is then its fields
    tuple and threat type (numbered by sorting) and its own strings come from the
    columns, so the new instances (most of a hospital group's) are not read one by one."""

    def __init__(self, risks: list[ThreatRisk], catalog: Catalog,
                 fresh: FreshColumns | None = None) -> None:
        self.risks, self.catalog = risks, catalog
        instances = list(map(_INSTANCE, risks))
        made = risks.fields if isinstance(risks, SharedRisks) else None
        if made is not None and len(made) != len(risks):
            made = None
        if fresh is None or made is None or not fresh.tail_of(instances):
            fresh, start = None, len(risks)
        else:
            start = fresh.start
        kept = instances[:start]  # without ``fresh``, all
        #: Each row's own strings (its instance's id, key and element), read once.
        self.ids, self.keys, self.elements = (list(map(get, kept))
                                              for get in (_ID, _KEY, _ELEMENT))
        if made is None:
            shapes = _numbered(map(_row_shape, risks))
        else:
            shapes = _numbered(zip(map(id, made[:start]), map(_SHAPE_VALUES, kept),
                                   strict=True))
            if fresh is not None:  # a new instance's values are its threat type's
                tail = _numbered_pairs(map(id, made[start:]), list(map(id, fresh.types)))
                shapes += (tail + (max(shapes) + 1 if shapes else 0)).tolist()
            if any(made[i][0] is None for i in _first_positions(shapes)):
                shapes = _numbered(map(_shared_shape, risks, made))  # STRIDE is the instance's
        if fresh is not None:
            self.ids += fresh.keys  # a new instance's id is its key
            self.keys += fresh.keys
            self.elements += fresh.elements
        self.shape_of: list[int] = shapes  # each threat's shape
        self.firsts: list[ThreatRisk] = [risks[i] for i in _first_positions(shapes)]

    def summary(self) -> dict[str, Any]:
        import numpy as np

        counts = np.bincount(np.asarray(self.shape_of, dtype=np.int64),
                             minlength=len(self.firsts)).tolist()
        return _summary(zip(self.firsts, counts, strict=True), len(self.risks))

    def rows(self) -> Iterator[dict[str, Any]]:
        """Each threat's row; rows share their nested objects (treat them as read-only)."""
        builder = _RowBuilder(self.catalog)
        templates = [builder.row(r) for r in self.firsts]
        for risk, n in zip(self.risks, self.shape_of, strict=True):
            yield _own_row(templates[n], risk.instance)

    def encoded_rows(self, encoder: Any) -> Iterator[Any]:
        """Each threat's row as ``encoder.fragment`` of its bytes: the shape's row encoded
        once with a placeholder in each of the three fields, cut there, and joined with
        the threat's own three values encoded. A shape whose encoding does not cut cleanly
        (or that the encoder refuses) gives the row itself."""
        builder = _RowBuilder(self.catalog)
        templates = [builder.row(r) for r in self.firsts]
        cuts = [_cut(t, encoder) for t in templates]
        return _encoded(self.risks, self.shape_of, templates, cuts, encoder)

    def chunks(self, size: int, encoder: Any = None) -> Iterator[Any]:
        """The rows ``size`` at a time; with ``encoder``, see :meth:`encoded_chunks`."""
        if encoder is not None:
            yield from self.encoded_chunks(size, encoder)
            return
        rows = self.rows()
        while chunk := list(islice(rows, size)):
            yield chunk

    def encoded_chunks(self, size: int, encoder: Any) -> Iterator[Any]:
        """The rows ``size`` at a time as ``encoder.items``: the bytes of the chunk's rows
        (:meth:`encoded_rows`) joined as the list joins them (``encoder.between``), built
        in one join per chunk instead of four encodings, a fragment and three copies of
        each row's bytes.

        A threat's own three strings go in as their UTF-8 between the quotes, which is
        how orjson writes a string without a quote, a backslash or a character below
        U+0020 (a lone surrogate fails both). A chunk with a shape that does not cut, or
        whose own strings hold any of these, is the list of :meth:`encoded_rows` instead.
        A chunk is marked plain when its shapes' pieces and its own strings are ASCII
        without DEL: then ``print_json`` has nothing to escape in it and does not scan it.
        """
        builder = _RowBuilder(self.catalog)
        templates = [builder.row(r) for r in self.firsts]
        cuts = [_cut(t, encoder) for t in templates]
        between = encoder.between
        quoted = [(b"", b"", b"", b"") if c is None else _quoted(c, between) for c in cuts]
        pieces = [list(p) for p in zip(*quoted, strict=True)]  # by place, each by shape
        uncut = {n for n, c in enumerate(cuts) if c is None}
        unclean = {n for n, q in enumerate(quoted) if not all(map(_clean, q))}
        own = [self.ids, self.keys, self.elements]
        for start in range(0, len(self.risks), size):
            at = slice(start, start + size)
            shapes = self.shape_of[at]
            chunk = (None if uncut and not uncut.isdisjoint(shapes)
                     else _joined([column[at] for column in own], shapes, pieces,
                                  len(between)))
            if chunk is None:
                yield list(_encoded(self.risks[at], shapes, templates, cuts, encoder))
            else:
                data, plain = chunk
                yield encoder.items(data, plain and (not unclean or unclean.isdisjoint(shapes)))


def _encoded(risks: list[ThreatRisk], shapes: list[int], templates: list[dict[str, Any]],
             cuts: list[Any], encoder: Any) -> Iterator[Any]:
    """:meth:`_ThreatRows.encoded_rows` of these risks (their shapes' rows and cuts)."""
    text, fragment, join = encoder.text, encoder.fragment, b"".join
    for risk, n in zip(risks, shapes, strict=True):
        pieces, inst = cuts[n], risk.instance
        if pieces is None:
            yield _own_row(templates[n], inst)
            continue
        yield fragment(join((pieces[0], text(inst.id), pieces[1], text(inst.key),
                             pieces[2], text(inst.element), pieces[3])))


def _quoted(pieces: list[bytes], between: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """A shape's four cut pieces with the quotes of the own strings that go between
    them, and ``between`` before the first."""
    a, b, c, d = pieces
    return between + a + b'"', b'"' + b + b'"', b'"' + c + b'"', b'"' + d


def _clean(encoded: bytes) -> bool:
    """Whether ``print_json`` leaves ``encoded`` as it is (``cli.common._escaped``)."""
    return encoded.isascii() and b"\x7f" not in encoded


def _joined(own: list[list[str]], shapes: list[int], pieces: list[list[bytes]],
            skip: int) -> tuple[bytes, bool] | None:
    """The rows whose ids, keys and elements are ``own`` from their shapes' quoted
    pieces (``pieces[k][n]``: the k-th piece of shape n), joined once (the first
    ``skip`` bytes, the separator before the first row, left out), and whether the own
    strings are plain (printable ASCII without a quote or a backslash); None when an
    own string is not written as it is.

    The own strings are encoded in one piece per chunk (joined by NUL, which no string
    written as it is holds, then split), and the seven parts of each row interleaved by
    ``zip`` over the columns, each piece picked per row by its shape number: no Python
    code runs per row, and the bytes are built once (no text joined, then encoded)."""
    ids, keys, elements = own
    count = len(ids)
    try:
        encoded = "\x00".join(chain(ids, keys, elements)).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    plain = not encoded.translate(None, _PLAIN_OR_NUL)
    if not plain and _UNSAFE_IN_STRING.search("".join(chain(ids, keys, elements))):
        return None
    strings = encoded.split(b"\x00")
    if len(strings) != 3 * count:  # an own string holds a NUL (plain lets it through)
        return None
    first, second, third, last = (map(p.__getitem__, shapes) for p in pieces)
    parts = list(chain.from_iterable(zip(
        first, strings[:count], second, strings[count:2 * count], third,
        strings[2 * count:], last, strict=True)))
    if parts:
        parts[0] = parts[0][skip:]
    return b"".join(parts), plain


#: Printable ASCII but the quote and the backslash (written as it is, escaped by neither
#: orjson nor ``print_json``), and the NUL that separates the own strings in ``_joined``.
_PLAIN_OR_NUL = bytes(range(0x20, 0x7F)).replace(b'"', b"").replace(b"\\", b"") + b"\x00"


#: Characters orjson does not write as they are in a string (it escapes them).
_UNSAFE_IN_STRING = re.compile(r'["\\\x00-\x1f]')


def _own_row(template: dict[str, Any], inst: Any) -> dict[str, Any]:
    """A copy of its shape's row with the threat's own three fields (same key order)."""
    row = template.copy()
    row["id"], row["key"], row["element"] = inst.id, inst.key, inst.element
    return row


#: Placeholders of a row's own three fields in its shape's encoding (``\u0000`` escapes
#: in JSON: no model text spells them out; a cut checks each is found once).
_OWN_FIELDS = {"id": "\x00row-id\x00", "key": "\x00row-key\x00", "element": "\x00row-element\x00"}


def _cut(template: dict[str, Any], encoder: Any) -> list[bytes] | None:
    """``template`` encoded with the placeholders, cut at them (four pieces), or None."""
    encoded = encoder.item({**template, **_OWN_FIELDS})
    if encoded is None:
        return None
    pieces: list[bytes] = []
    for mark in _OWN_FIELDS.values():
        before, found, encoded = encoded.partition(encoder.text(mark))
        if not found:
            return None
        pieces.append(before)
    if any(encoder.text(mark) in encoded for mark in _OWN_FIELDS.values()):
        return None
    return [*pieces, encoded]


def threat_json(risk: ThreatRisk, catalog: Catalog) -> dict[str, Any]:
    """One threat of the ``threats`` list (see :func:`_threats_json` for many at once)."""
    return _threats_json([risk], catalog)[0]


def _threats_json(risks: list[ThreatRisk], catalog: Catalog) -> list[dict[str, Any]]:
    """The ``threats`` list of the output, one object per threat instance (built per row
    shape, :class:`_ThreatRows`)."""
    return list(_ThreatRows(risks, catalog).rows())


def _row_shape(risk: ThreatRisk) -> tuple:
    """Everything :meth:`_RowBuilder.row` reads but the instance's id, key and element,
    and the ranking's other figures (``ranking.PROFILE_FIGURES``: ``direct_harm``), so the
    ranking can read them once per shape too.

    Objects the row puts as they are or copies (risk values, reasons, impacts, controls,
    CVSS) count by identity: they outlive the rows, and the risk memo shares them between
    the threats of one run. Keep in step with :meth:`_RowBuilder.row` (a test builds every
    row on its own and compares).
    """
    inst, ttype = risk.instance, risk.threat_type
    return (inst.catalog_id, id(ttype), inst.title,
            tuple(inst.stride) if ttype is None else None,
            risk.layer, risk.mass_harm, risk.mass_harm_reason, risk.finding,
            risk.harm_distance, risk.harm, risk.harm_id, inst.status, risk.context,
            risk.likelihood, risk.base_likelihood, risk.exposure, risk.exposure_attacker,
            id(risk.likelihood_reasons), id(risk.impact), id(risk.impact_reasons),
            id(risk.inherent), id(risk.current), id(risk.projected), id(risk.controls),
            id(risk.cvss), inst.owner, inst.reason, risk.direct_harm)


def _shared_shape(risk: ThreatRisk, fields: tuple) -> tuple:
    """:func:`_row_shape` of a risk built as ``ThreatRisk(risk.instance, *fields)``
    (``risk_memo.SharedRisks``): every value after the instance is the tuple's, so the
    tuple's identity stands for them all, and only the instance's own values are read.
    Equal keys give equal :func:`_row_shape` keys (a test checks on the samples)."""
    inst = risk.instance
    return (id(fields), inst.catalog_id, inst.title,
            tuple(inst.stride) if fields[0] is None else None,
            inst.status, inst.owner, inst.reason)


_INSTANCE = attrgetter("instance")
#: :func:`_shared_shape`'s instance values but STRIDE (read only without a threat type,
#: ``fields[0]``): with the tuple's identity, the same shapes when every tuple has a type.
_SHAPE_VALUES = attrgetter("catalog_id", "title", "status", "owner", "reason")
_ID, _KEY, _ELEMENT = attrgetter("id"), attrgetter("key"), attrgetter("element")


def _numbered(keys: Iterable[Hashable]) -> list[int]:
    """Each key's number, keys numbered in the order they first appear (one dict call
    per key: a new key gets the dict's size as its number)."""
    index: dict[Hashable, int] = {}
    setdefault, size = index.setdefault, index.__len__
    return [setdefault(key, size()) for key in keys]


def _numbered_pairs(first: Iterable[int], second: list[int]) -> Any:
    """:func:`_numbered` of the pairs of ``first`` and ``second`` (integers), as an
    array: the same numbers by sorting (no tuple per pair). The pairs' codes span the
    product of the two sides' distinct counts (a few thousand fields tuples by a few
    dozen threat types), so they are told apart by a table over that range
    (``dense_distinct``), not by a third sort."""
    import numpy as np

    from workbench.analysis.attack.arrays import dense_distinct

    a = np.fromiter(first, np.int64, len(second))
    b = np.asarray(second, dtype=np.int64)
    if not len(a):
        return a
    a = np.unique(a, return_inverse=True)[1].reshape(-1)
    b = np.unique(b, return_inverse=True)[1].reshape(-1)
    width = int(b.max()) + 1
    _, at, inverse = dense_distinct(a * width + b, (int(a.max()) + 1) * width)
    rank = np.empty(len(at), dtype=np.int64)
    rank[np.argsort(at, kind="stable")] = np.arange(len(at))
    return rank[inverse]


def _first_positions(numbers: list[int]) -> list[int]:
    """Where each number of :func:`_numbered` first appears, by number: a number is new
    exactly where the running maximum grows (each new one is the largest so far plus 1)."""
    import numpy as np

    if not numbers:
        return []
    seen = np.maximum.accumulate(np.asarray(numbers, dtype=np.int64))
    return np.flatnonzero(np.diff(seen, prepend=-1)).tolist()


class _RowBuilder:
    """Builds ``threats`` rows, the parts that come from a threat type or a risk value once
    per distinct one (title, STRIDE, suggested controls, each risk value's object)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.by_type: dict[str, tuple] = {}
        self.values: dict[RiskValue, dict[str, Any]] = {}

    def value_json(self, value: RiskValue) -> dict[str, Any]:
        out = self.values.get(value)
        if out is None:
            out = self.values[value] = value.to_json()
        return out

    def row(self, risk: ThreatRisk) -> dict[str, Any]:
        inst, ttype, catalog = risk.instance, risk.threat_type, self.catalog
        if ttype is not None:
            common = self.by_type.get(inst.catalog_id)
            if common is None or common[0] is not ttype:
                common = self.by_type[inst.catalog_id] = (
                    ttype, ttype.title or inst.title or inst.catalog_id,
                    [s.value for s in ttype.stride], ttype.vector, list(ttype.linddun),
                    [c.id for c in catalog.controls_for(inst.catalog_id)],
                    ttype.patient_safety)
            _, title, stride, vector, linddun, suggested, safety = common
        else:
            title = inst.title or inst.catalog_id
            stride, vector, linddun = [s.value for s in inst.stride], None, []
            suggested = [c.id for c in catalog.controls_for(inst.catalog_id)]
            safety = risk.patient_safety
        return {
            "id": inst.id,
            "key": inst.key,
            "catalog_id": inst.catalog_id,
            "title": title,
            "element": inst.element,
            "layer": risk.layer,
            "stride": stride,
            "vector": vector,
            "linddun": linddun,
            "patient_safety": safety,
            "mass_harm": risk.mass_harm,
            "mass_harm_reason": risk.mass_harm_reason or None,
            "finding": risk.finding,
            "harm_distance": risk.harm_distance,
            "harm": risk.harm or None,
            "harm_id": risk.harm_id or None,
            "status": inst.status.value,
            "counted": risk.counted,
            "context": risk.context,
            "likelihood": risk.likelihood,
            "base_likelihood": (risk.base_likelihood if risk.base_likelihood is not None
                                else risk.likelihood),
            "exposure": (None if risk.exposure is None else
                         {"probability": round(risk.exposure, 4),
                          "attacker": risk.exposure_attacker}),
            "likelihood_reasons": risk.likelihood_reasons,
            "impact": dict(risk.impact),
            "impact_reasons": dict(risk.impact_reasons),
            "risk_inherent": self.value_json(risk.inherent),
            "risk_residual": self.value_json(risk.current),
            "risk_projected": self.value_json(risk.projected),
            "controls": [c.to_json() for c in risk.controls] if risk.controls else [],
            "suggested_controls": suggested,
            "cvss": risk.cvss,
            "owner": inst.owner,
            "reason": inst.reason,
        }


def analyze(model: ThreatModel, catalog: Catalog | None = None, *,
            stencils: StencilLibrary | None = None, suggest: bool = True,
            exposure: bool = True, attack_graph: bool = False,
            graph_options: bool = True) -> AnalysisResult:
    """Run the rule engine (unless ``suggest`` is false) then score every threat.

    With ``exposure`` (the default) likelihoods take the attackers' reach into account
    (:func:`workbench.analysis.risk.assess_with_exposure`); every client calls this one
    function, so the window, the CLI and the reports show the same levels.
    ``attack_graph``: keep the exposure pass's attack graph on the result (built with the
    catalog's options) for a caller that runs the attack engine next; it costs the
    options' evidence and memory, so callers that stop at risks leave it off.
    ``graph_options=False``: that graph without the catalog's options, for a caller whose
    attack run funds nothing (``analyze_attacks(recommend=False)``: the window's worker).
    """
    catalog = catalog or default_catalog()
    facts = FactIndex(model, stencils or default_stencils())  # the rules' and the risk's
    if suggest:
        merged, report = merge_suggestions(model, catalog, stencils, index=facts)
    else:
        merged, report = model, MergeReport(kept=[t.key for t in model.threats])
    warnings = [f"threat {k!r} refers to a catalog entry that no longer exists"
                for k in report.unknown_catalog]
    shared: list[Any] = []
    if exposure:
        risks = assess_with_exposure(merged, catalog, stencils, warnings,
                                     graph_out=shared if attack_graph else None,
                                     graph_options=graph_options,
                                     index=facts.sharing(merged), fresh=report.fresh)
    else:
        risks = assess(merged, catalog, stencils, warnings, index=facts.sharing(merged))
    return AnalysisResult(model=merged, threats=risks, merge=report, scales=Scales.of(merged),
                          catalog=catalog, warnings=warnings,
                          attack_graph=shared[0] if shared else None)
