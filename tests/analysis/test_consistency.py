"""One risk model for every client (issue 12, item 7).

The same sample goes through each client's own path: the core API, `workbench analyze
--json` and its text table, the heatmap counts, and the report's data; the threat levels
and the one-row-per-threat ranking must be the same everywhere. (The window's threat list
and heatmap are checked the same way in tests/gui/test_consistency_gui.py.)
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from workbench.analysis.pipeline import analyze
from workbench.analysis.plots import matrix_counts, matrix_spec
from workbench.analysis.ranking import grouped_ranking, top_threats
from workbench.cli.main import main
from workbench.model.io import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "insulin-closed-loop.twm.json"


@pytest.fixture(scope="module")
def core():
    return analyze(load_model(SAMPLE))


@pytest.fixture(scope="module")
def cli_json(core):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["analyze", str(SAMPLE), "--json", "--no-attack"]) == 0
    return json.loads(out.getvalue())


def test_cli_json_has_the_core_levels_and_ranking(core, cli_json) -> None:
    levels = {t["key"]: (t["risk_inherent"]["level"], t["risk_residual"]["level"],
                         t["risk_projected"]["level"], t["context"]) for t in cli_json["threats"]}
    assert levels == {r.key: (r.inherent.level, r.current.level, r.projected.level, r.context)
                      for r in core.threats}
    assert [g["catalog_id"] for g in cli_json["ranking"]] == [
        g.catalog_id for g in grouped_ranking(core)]
    assert cli_json["summary"] == core.summary()


def test_cli_text_lists_the_same_ranking(core, capsys) -> None:
    assert main(["analyze", str(SAMPLE), "--no-attack"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    groups = grouped_ranking(core)
    for line, group in zip(lines, groups, strict=False):
        assert line.startswith(group.current.level) and group.title in line


def test_heatmap_counts_are_the_ranked_threats(core, cli_json) -> None:
    spec = matrix_spec(core.scales)
    cells = matrix_counts(core.counted(), spec, "current")
    ranked = [t for t in cli_json["threats"] if t["counted"] and not t["context"]]
    assert int(cells.sum()) == len(ranked) == cli_json["summary"]["counted"]
    from_json = Counter((t["risk_residual"]["likelihood"], t["risk_residual"]["severity"])
                        for t in ranked)
    for (lik, sev), n in from_json.items():
        i, j = list(spec.severity).index(sev), list(spec.likelihood).index(lik)
        assert cells[i, j] == n


def test_report_rows_and_ranking_are_the_core_ones(core) -> None:
    from workbench.report.data import gather

    data = gather(load_model(SAMPLE), recommend=False)
    by_key = {r.instance.id: r for r in core.threats}
    assert {row.id for row in data.risks} == {r.instance.id for r in core.threats}
    assert {row.id for row in data.risks if row.open} == {r.instance.id
                                                          for r in core.counted()}
    for row in data.risks:
        risk = by_key[row.id]
        assert (row.inherent.level, row.residual.level, row.projected.level) == (
            risk.inherent.level, risk.current.level, risk.projected.level)
        assert row.residual.colour == risk.current.colour
    assert [g.catalog_id for g in top_threats(data.analysis)] == [
        g.catalog_id for g in top_threats(core)]


def test_workshop_and_vendor_review_do_not_score_on_their_own() -> None:
    """They show the model's threats and the analyst's ratings; no second risk model."""
    import workbench.analysis.review as review
    import workbench.workshop as workshop

    for module in (review, *[m for m in vars(workshop).values()
                             if getattr(m, "__name__", "").startswith("workbench.workshop.")]):
        source = Path(module.__file__).read_text("utf-8")
        assert "likelihood *" not in source and "* severity" not in source, module.__name__
