"""The walkthrough order of a workshop: element by element, flow by flow, with questions.

Things first, then gateways, networks and cloud (the order data travels in the seed's
four-layer model), then flows. Each stop lists the STRIDE questions that apply and, where
personal data is held or carried, the LINDDUN ones, with the threats the catalog suggested
there. The GUI's presentation view walks this list; :func:`session_items` turns it into
workshop items to vote on. Questions are data (``questions.json``).

Given the core analysis (``build_agenda(model, analysis)``), each stop's threats come in
the order of the board's ranking (``workbench.analysis.ranking.grouped_ranking``) with
their level and rank from it: a time-boxed workshop discusses first what the board sees
first, and the figures on the wall are the board's, never a second estimate.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.model.enums import LAYER_ORDER, ThreatStatus
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopItem, WorkshopSession

SKIPPED = {ThreatStatus.REJECTED, ThreatStatus.ORPHANED}


@dataclass(frozen=True)
class Question:
    framework: str  # "STRIDE" or "LINDDUN"
    category: str
    name: str
    text: str


@dataclass
class AgendaStop:
    element: str
    kind: str  # "component" or "flow"
    name: str
    layer: str
    personal_data: bool
    questions: list[Question] = field(default_factory=list)
    threats: list[tuple[str, str]] = field(default_factory=list)  # (threat id, title)
    #: From the core analysis, when given: threat id -> residual level id (e.g. "critical")
    #: and -> rank of its threat in the board's grouped ranking (1 = first).
    levels: dict[str, str] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"element": self.element, "kind": self.kind, "name": self.name,
                "layer": self.layer, "personal_data": self.personal_data,
                "questions": [q.__dict__ for q in self.questions],
                "threats": [{"id": i, "title": t, "level": self.levels.get(i),
                             "rank": self.ranks.get(i)} for i, t in self.threats]}


@lru_cache(maxsize=1)
def questions() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(Path(__file__).with_name("questions.json").read_text("utf-8"))
    return {"STRIDE": data["stride"], "LINDDUN": data["linddun"]}


def _questions(kind: str, personal: bool) -> list[Question]:
    out = []
    for framework, entries in questions().items():
        if framework == "LINDDUN" and not personal:
            continue
        out += [Question(framework, q["id"], q["name"], q["question"])
                for q in entries if kind in q["on"]]
    return out


def _ranked(analysis: Any) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """Threat id -> (group rank, copy rank) and -> residual level, from the core ranking."""
    from workbench.analysis.ranking import grouped_ranking

    order: dict[str, tuple[int, int]] = {}
    levels: dict[str, str] = {}
    for context in (False, True):  # context threats after the risks to treat
        offset = len(order)
        for g, group in enumerate(grouped_ranking(analysis, context=context), start=1):
            for c, risk in enumerate(group.threats):
                order[risk.instance.id] = (offset + g, c)
                levels[risk.instance.id] = risk.current.level
    return order, levels


def build_agenda(model: ThreatModel, analysis: Any = None) -> list[AgendaStop]:
    """The walkthrough; with ``analysis`` (an ``AnalysisResult`` of this model) each stop's
    threats follow the core ranking and carry its level and rank."""
    assets = model.assets_by_id()
    names = {c.id: c.name for c in model.components}
    threats: dict[str, list[tuple[str, str]]] = {}
    for t in model.threats:
        if t.status not in SKIPPED:
            threats.setdefault(t.element, []).append((t.id, t.title or t.catalog_id))
    order, levels = _ranked(analysis) if analysis is not None else ({}, {})
    if order:
        last = (len(order) + 1, 0)
        for listed in threats.values():
            listed.sort(key=lambda pair: order.get(pair[0], last))

    def personal(ids: list[str]) -> bool:
        return any(assets[a].personal for a in ids if a in assets)

    stops = []
    rank = {layer: i for i, layer in enumerate(LAYER_ORDER)}
    for c in sorted(model.components, key=lambda c: rank[c.layer]):  # stable: file order
        held = personal(c.properties.data_assets)
        stops.append(AgendaStop(c.id, "component", c.name, c.layer.value, held,
                                _questions("component", held), threats.get(c.id, [])))
    for f in model.flows:
        carried = personal(f.data_assets)
        name = f.name or f"{names.get(f.source, f.source)} → {names.get(f.target, f.target)}"
        stops.append(AgendaStop(f.id, "flow", name, "flow", carried,
                                _questions("flow", carried), threats.get(f.id, [])))
    for stop in stops:
        stop.levels = {i: levels[i] for i, _ in stop.threats if i in levels}
        stop.ranks = {i: order[i][0] for i, _ in stop.threats if i in order}
    return stops


def session_items(agenda: list[AgendaStop], *, with_threats: bool = True) -> list[WorkshopItem]:
    """One item per suggested threat (or per stop without threats) to rate in the session."""
    items = []
    for stop in agenda:
        if with_threats and stop.threats:
            items += [WorkshopItem(element=stop.element, threat=tid, title=title[:500])
                      for tid, title in stop.threats]
        else:
            items.append(WorkshopItem(element=stop.element, title=stop.name[:500]))
    return items


def new_session(model: ThreatModel, ident: str, title: str, participants: list[str],
                date: dt.date | None = None, facilitator: str | None = None,
                with_threats: bool = True) -> WorkshopSession:
    """A session prepared from the model's agenda, added to ``model.workshops``."""
    session = WorkshopSession(id=ident, title=title, date=date or dt.date.today(),
                              facilitator=facilitator, participants=list(participants),
                              items=session_items(build_agenda(model),
                                                  with_threats=with_threats))
    model.workshops = [*(model.workshops or []), session]
    return session
