"""What the session-5 read-through of every board page found, each pinned: the matrix
caption tells the colours as they are, lists of names end "and N more" (not "…"), "1
autre" in French, and a renamed attacker keeps the analyst's name in French."""

from __future__ import annotations

from workbench.model import AttackerProfile
from workbench.report.data import gather
from workbench.report.sections import matrix_caption, name_list, target_name

from .factories import report_model


def test_matrix_caption_names_the_colours_it_uses():
    """"The darker the colour, the higher the risk": light blue (low) is darker than
    yellow (moderate). The caption names the four colours; a custom scale gets no names."""
    data = gather(report_model(), b"{}", use_engines=False)
    assert "blue low, yellow moderate, orange high, red critical" in matrix_caption(data, "en")
    assert "bleu faible, jaune modéré" in matrix_caption(data, "fr")
    assert "darker" not in matrix_caption(data, "en")
    model = report_model()
    model.risk.options["risk_levels"] = [
        {"id": "low", "name": "Low", "colour": "#00ff00", "max_fraction": 0.3},
        {"id": "high", "name": "High", "colour": "#ff00ff", "max_fraction": 1.0}]
    custom = matrix_caption(gather(model, b"{}", use_engines=False), "en")
    assert "blue" not in custom and "model's own scale" in custom


def test_name_lists_end_with_how_many_more():
    assert name_list(["A", "B", "C"], 3, "en") == "A, B, C"
    assert name_list(["A", "B", "C", "D"], 3, "en") == "A, B, C and 1 more"
    assert name_list(["A", "B", "C", "D"], 3, "fr") == "A, B, C et 1 autre"
    assert name_list(list("ABCDEF"), 3, "fr") == "A, B, C et 3 autres"


def test_a_renamed_attacker_keeps_the_analysts_name_in_french():
    model = report_model()
    data = gather(model, b"{}", use_engines=False)
    assert target_name(data, "hospital-insider", "fr") != "Hospital insider"
    model.attackers = [AttackerProfile(id="hospital-insider", name="Prestataire biomédical",
                                       capability=0.5)]
    data = gather(model, b"{}", use_engines=False)
    assert target_name(data, "hospital-insider", "fr") == "Prestataire biomédical"


def test_unencrypted_personal_data_flows_are_named():
    """"✘ 15/20 personal-data flows encrypted" did not say which five travel in clear."""
    from workbench.report.regulatory import assess

    model = report_model()
    personal = {a.id for a in model.data_assets if a.personal}
    flow = next(f for f in model.flows if set(f.data_assets) & personal)
    flow.encrypted = False
    names = {c.id: c.name for c in model.components}
    evidence = " ".join(e for item in assess(model, "en") for e in item.evidence)
    assert f"in clear: {names[flow.source]} → {names[flow.target]}" in evidence
