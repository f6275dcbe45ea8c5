"""Workshop core without Qt: votes, aggregation, consensus, timer, Markdown export.

The records themselves live in the model (:mod:`workbench.model.workshop`) so that a session
travels with the file; this package computes what the facilitator shows and exports.
"""

from workbench.workshop.agenda import AgendaStop, build_agenda, new_session, session_items
from workbench.workshop.aggregate import (
    DISAGREEMENT_RANGE,
    DimensionStats,
    ItemSummary,
    apply_consensus,
    cast_vote,
    check_session,
    record_consensus,
    summarize_item,
    summarize_session,
)
from workbench.workshop.markdown import session_markdown
from workbench.workshop.timer import ItemTimer

__all__ = ["AgendaStop", "DISAGREEMENT_RANGE", "DimensionStats", "ItemSummary", "ItemTimer",
           "apply_consensus", "build_agenda", "cast_vote", "check_session", "new_session",
           "record_consensus", "session_items", "session_markdown", "summarize_item",
           "summarize_session"]
