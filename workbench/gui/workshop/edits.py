"""Workshop edits as pure functions ``model -> model`` for the document's undo stack.

The core (:mod:`workbench.workshop`) mutates a session in place; the GUI must not, because
undo keeps the previous model version and shares its parts with the new one. Each function
here copies the one session it touches (and the one threat a consensus changes), then lets
the core do the work on the copy.
"""

from __future__ import annotations

import datetime as dt

from workbench.model.edits import upsert_threat
from workbench.model.entities import ThreatInstance
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopSession
from workbench.workshop import (
    apply_consensus,
    build_agenda,
    cast_vote,
    record_consensus,
    session_items,
)


def session_of(model: ThreatModel, session_id: str) -> WorkshopSession:
    for session in model.workshops or []:
        if session.id == session_id:
            return session
    raise KeyError(session_id)


def _with_session(model: ThreatModel, session: WorkshopSession) -> ThreatModel:
    sessions = [session if s.id == session.id else s for s in model.workshops or []]
    return model.model_copy(update={"workshops": sessions})


def _copy(model: ThreatModel, session_id: str, index: int | None = None) -> WorkshopSession:
    """A copy safe to mutate: with ``index``, only that item is copied deeply (the item
    list is a new list sharing the others), which keeps a vote cheap in a long session."""
    session = session_of(model, session_id)
    if index is None:
        return session.model_copy(deep=True)
    items = list(session.items)
    items[index] = items[index].model_copy(deep=True)
    return session.model_copy(update={"items": items})


def new_session_id(model: ThreatModel, date: dt.date) -> str:
    taken = {s.id for s in model.workshops or []}
    base = f"ws-{date.isoformat()}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def start_session(model: ThreatModel, title: str, participants: list[str],
                  facilitator: str | None = None, suggestions: ThreatModel | None = None,
                  date: dt.date | None = None) -> tuple[ThreatModel, str]:
    """A new session whose items follow the walkthrough agenda.

    ``suggestions`` is the model with the catalog's suggestions merged (the analysis
    result): its threats become items too, so the group can rate what the rules found.
    They are put in the model (status unchanged, still "suggested") in the same step:
    reviewing them is the analyst acting on them, and every item of the saved session then
    refers to a threat in the file (``check_session`` finds no dangling reference).
    """
    people = [p.strip() for p in participants if p.strip()]
    if not people:
        raise ValueError("a workshop needs at least one participant")
    if len(set(people)) != len(people):
        raise ValueError("participant names must be distinct")
    date = date or dt.date.today()
    if suggestions is not None:  # the items must refer to threats the file holds
        have = {t.id for t in model.threats} | {t.key for t in model.threats}
        taken = [t for t in suggestions.threats if t.id not in have and t.key not in have]
        if taken:
            model = model.model_copy(update={"threats": [*model.threats, *taken]})
    session = WorkshopSession(
        id=new_session_id(model, date), title=title.strip() or "Workshop", date=date,
        facilitator=facilitator or None, participants=people,
        items=session_items(build_agenda(suggestions or model)))
    return model.model_copy(update={"workshops": [*(model.workshops or []), session]}), \
        session.id


def vote(model: ThreatModel, session_id: str, index: int, participant: str, *,
         likelihood: int | None = None, impact: dict[str, int] | None = None) -> ThreatModel:
    """Set one participant's ratings on one item (their earlier vote there is replaced)."""
    session = _copy(model, session_id, index)
    if participant not in session.participants:
        raise ValueError(f"{participant!r} is not a participant of this session")
    cast_vote(session.items[index], participant, likelihood, impact)
    return _with_session(model, session)


def decide(model: ThreatModel, session_id: str, index: int, decided_by: list[str], *,
           rationale: str | None = None, suggestion: ThreatInstance | None = None,
           on: dt.date | None = None, likelihood: int | None = None,
           impact: dict[str, int] | None = None) -> ThreatModel:
    """Record the consensus (given values, else medians rounded up) and copy it onto the
    item's threat.

    A threat that was only a suggestion is put in the model first (``suggestion``), the
    same way accepting it in the threats panel does.
    """
    session = _copy(model, session_id, index)
    item = session.items[index]
    record_consensus(item, decided_by, likelihood=likelihood, impact=impact,
                     rationale=rationale or None, on=on)
    model = _with_session(model, session)
    if item.threat is None:
        return model
    if not any(t.id == item.threat for t in model.threats):
        if suggestion is None or suggestion.id != item.threat:
            return model  # the threat left the model; the consensus stays in the session
        model = upsert_threat(model, suggestion)
    threat = next(t for t in model.threats if t.id == item.threat).model_copy(deep=True)
    scratch = model.model_copy(update={"threats": [threat]})
    apply_consensus(scratch, WorkshopSession(id=session.id, title=session.title,
                                             date=session.date, items=[item]))
    return model.model_copy(update={"threats": [threat if t.id == threat.id else t
                                                 for t in model.threats]})


def set_lines(model: ThreatModel, session_id: str, field: str, lines: list[str]) -> ThreatModel:
    """Replace the session's notes, decisions or open questions (one entry per line)."""
    if field not in ("notes", "decisions", "open_questions"):
        raise ValueError(field)
    # a shallow copy is enough: the list is replaced, never changed in place
    session = session_of(model, session_id).model_copy()
    setattr(session, field, [line.strip() for line in lines if line.strip()])
    return _with_session(model, session)


def set_seconds(model: ThreatModel, session_id: str, index: int, seconds: int,
                item: tuple[str, str | None] | None = None) -> ThreatModel:
    """Time spent on item ``index``; with ``item`` (element, threat), only when the item at
    that place is still that one (the version undo brought back may differ)."""
    if item is not None:
        items = session_of(model, session_id).items
        if not (0 <= index < len(items)) or (items[index].element,
                                              items[index].threat) != item:
            return model
    session = _copy(model, session_id, index)
    if session.items[index].seconds_spent == seconds:
        return model
    session.items[index].seconds_spent = max(0, int(seconds))
    return _with_session(model, session)
