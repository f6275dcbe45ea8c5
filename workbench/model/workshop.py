"""Workshop sessions stored in the model: who rated what, and what the group decided.

Every vote is kept (not only the result) so the spread of opinions stays auditable; the
aggregation lives in :mod:`workbench.workshop`, which needs no Qt.
"""


import datetime as dt
from typing import Annotated

from pydantic import Field

from workbench.model.base import Identifier, ShortText, Strict, Text, new_dict, new_list

Level = Annotated[int, Field(ge=0, le=10)]


class Vote(Strict):
    """One participant's rating of one item: likelihood and impact per category."""

    participant: ShortText
    likelihood: Level | None = None
    impact: dict[Identifier, Level] = Field(default_factory=new_dict)
    comment: Text | None = None


class Consensus(Strict):
    """What the group settled on, and who took the decision."""

    likelihood: Level | None = None
    impact: dict[Identifier, Level] = Field(default_factory=new_dict)
    decided_by: list[ShortText] = Field(default_factory=new_list)
    decided_on: dt.date | None = None
    rationale: Text | None = None


class WorkshopItem(Strict):
    """One step of the walkthrough: an element or flow, optionally one threat on it."""

    element: Identifier
    threat: Identifier | None = None
    title: ShortText | None = None
    votes: list[Vote] = Field(default_factory=new_list)
    consensus: Consensus | None = None
    seconds_spent: Annotated[int, Field(ge=0)] = 0
    notes: Text | None = None


class WorkshopSession(Strict):
    id: Identifier
    title: ShortText
    date: dt.date
    facilitator: ShortText | None = None
    participants: list[ShortText] = Field(default_factory=new_list)
    notes: list[Text] = Field(default_factory=new_list)
    decisions: list[Text] = Field(default_factory=new_list)
    open_questions: list[Text] = Field(default_factory=new_list)
    items: list[WorkshopItem] = Field(default_factory=new_list)
