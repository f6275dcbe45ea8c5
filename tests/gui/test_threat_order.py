"""The Threats table shows the core ranking first (issue 15 follow-up, issue 12's example).

The French screenshot once sorted the table by "Risque" and put a context threat
('Déni de service sur le chemin Internet @ Public internet': an element the hospital does
not own) first, above the board's first risk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import grouped_ranking, top_threats
from workbench.gui.threat_order import CONTEXT, RANKED
from workbench.gui.threats_panel import COLUMNS
from workbench.model.io import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


def _tiers(table) -> list[int]:
    return [table.place(r).tier for r in table.rows]


def _distinct_first(rows, n: int) -> list[str]:
    seen: list[str] = []
    for r in rows:
        cid = r.instance.catalog_id or r.instance.title
        if cid not in seen:
            seen.append(cid)
    return seen[:n]


def test_table_opens_on_the_boards_top_risks_with_context_after(make_window, stencils):
    window = make_window(SAMPLE, analysis="sync")
    core = analyze(load_model(SAMPLE, stencils), stencils=stencils)
    top = top_threats(core)
    context = grouped_ranking(core, context=True)
    assert context, "the sample should carry a context threat (the public internet)"
    panel = window.threats
    table = panel.table_model
    # one row per copy (the default): the first rows are the board's top risks, in order,
    # the first row being the board's worst copy
    assert table.rows[0].instance.key == top[0].worst.key
    assert _distinct_first(table.rows, 5) == [g.catalog_id for g in top]
    assert table.display(table.rows[0], "Rank") == 1
    # level by level (the risk, highest first); within one score, in the board's order
    ranked_rows = [r for r in table.rows if table.place(r).tier == RANKED]
    scores = [r.current.score for r in ranked_rows]
    assert scores == sorted(scores, reverse=True)
    for a, b in zip(ranked_rows, ranked_rows[1:], strict=False):
        if a.current.score == b.current.score:
            assert table.place(a).position < table.place(b).position
    tiers = _tiers(table)
    assert tiers == sorted(tiers), "a context or ruled-out threat came before a ranked one"
    first_context = tiers.index(CONTEXT)
    assert table.display(table.rows[first_context], "Rank") == "context"
    # the context row is greyed and its level pale; a ranked row is not greyed
    index = table.index(first_context, COLUMNS.index("Threat"))
    assert table.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert table.data(table.index(0, COLUMNS.index("Threat")),
                      Qt.ItemDataRole.ForegroundRole) is None
    # the Rank tooltip says why: the board's order and its criteria
    tip = table.data(table.index(0, COLUMNS.index("Rank")), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Rank 1 of {len(grouped_ranking(core))}, as in the board report.")
    second = next(i for i, r in enumerate(table.rows) if table.place(r).copy)
    assert "shares its rank" in table.data(table.index(second, COLUMNS.index("Rank")),
                                           Qt.ItemDataRole.ToolTipRole)
    assert "not ranked" in table.data(table.index(first_context, COLUMNS.index("Rank")),
                                      Qt.ItemDataRole.ToolTipRole)
    # one row per threat: exactly the board's ranking, then the context threats
    panel.grouped.setChecked(True)
    ids = [g.catalog_id for g in table.rows]
    ranked = grouped_ranking(core)
    assert ids[:len(ranked)] == [g.catalog_id for g in ranked]
    assert ids[len(ranked):len(ranked) + len(context)] == [g.catalog_id for g in context]
    assert [table.display(g, "Rank") for g in table.rows[:3]] == [1, 2, 3]


def test_sorting_a_column_keeps_context_after_ranked_and_ties_in_core_order(make_window,
                                                                            stencils):
    window = make_window(SAMPLE, analysis="sync")
    panel = window.threats
    table = panel.table_model
    header = panel.view.horizontalHeader()
    header.setSortIndicator(COLUMNS.index("Rank"), Qt.SortOrder.AscendingOrder)
    core_rows = list(table.rows)  # threat by threat, in the board's order
    assert core_rows == sorted(core_rows, key=lambda r: table.place(r).position)
    position = {id(r): i for i, r in enumerate(core_rows)}
    for column in ("Risk", "Threat", "Element", "L"):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            header.setSortIndicator(COLUMNS.index(column), order)
            tiers = _tiers(table)
            assert tiers == sorted(tiers), (column, order)
            assert len(table.rows) == len(core_rows)
    # by risk, highest first: within one score the rows keep the core order (not shuffled)
    header.setSortIndicator(COLUMNS.index("Risk"), Qt.SortOrder.DescendingOrder)
    ranked = [r for r in table.rows if table.place(r).tier == RANKED]
    scores = [r.current.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a.current.score == b.current.score:
            assert position[id(a)] < position[id(b)]
    assert ranked[0] is core_rows[0]
    # the rank, highest number first: ranked threats reversed, context still after
    header.setSortIndicator(COLUMNS.index("Rank"), Qt.SortOrder.DescendingOrder)
    ranks = [table.place(r).rank for r in table.rows if table.place(r).tier == RANKED]
    assert ranks == sorted(ranks, reverse=True)
