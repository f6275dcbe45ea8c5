"""The window shows the core's ranking and levels (issue 12, item 7)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import grouped_ranking
from workbench.model.io import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


def test_threat_list_heatmap_and_overlay_follow_the_core(make_window, stencils) -> None:
    window = make_window(SAMPLE, analysis="sync")
    core = analyze(load_model(SAMPLE, stencils), stencils=stencils)
    panel = window.threats
    # per copy: every threat with the core's residual level
    levels = {r.instance.key: r.current.level for r in panel.table_model.all_rows}
    assert levels == {r.instance.key: r.current.level for r in core.threats}
    # one row per threat: the core's ranking, in order, "on N elements" where grouped
    panel.grouped.setChecked(True)
    rows = panel.table_model.rows
    groups = grouped_ranking(core)
    assert [g.catalog_id for g in rows[:len(groups)]] == [g.catalog_id for g in groups]
    # then context and ruled-out threats, not ranked
    assert all(panel.table_model.display(g, "Rank") in ("context", "–")
               for g in rows[len(groups):])
    many = next(i for i, g in enumerate(groups) if g.count > 1)
    assert panel.table_model.display(rows[many], "Element") == f"on {groups[many].count} elements"
    assert not panel.accept_btn.isEnabled()  # decisions are taken on one copy
    panel.grouped.setChecked(False)
    assert len(panel.table_model.rows) == len(core.threats)
    # heatmap: the risks to treat, cell by cell
    expected = Counter((r.current.likelihood, r.current.severity) for r in core.counted())
    assert window.heatmap.counts == expected


def test_inspector_scope_shows_the_stencil_default_and_brings_context_back(make_window,
                                                                           tiny_path):
    from PySide6.QtWidgets import QComboBox

    window = make_window(tiny_path, analysis="sync")
    window.inspector.show_selection(["lte"])
    scope = window.inspector.findChild(QComboBox, "properties.scope")
    assert scope.itemText(0).startswith("(stencil default: context")
    assert not any(r.instance.element == "lte" for r in window.analysis.result.counted())
    scope.setCurrentIndex(scope.findData("organisation"))
    assert window.doc.model.component("lte").properties.scope.value == "organisation"
    window.run_analysis()
    assert any(r.instance.element == "lte" for r in window.analysis.result.counted())
