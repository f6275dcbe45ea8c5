"""Attackers' entries resolved once per graph (``attackers.kept_entries``) against
``resolve_entries`` called afresh: the exposure pass and the engine share them, and any
other model, attacker list or stencil library is resolved anew."""

from __future__ import annotations

from pathlib import Path

from workbench.analysis.attack import attackers
from workbench.analysis.attack.attackers import attacker_profiles, kept_entries, resolve_entries
from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model
from workbench.model.stencils import StencilLibrary, default_stencils

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "hospital-ward-iomt.twm.json"


def test_the_engine_reads_the_exposure_pass_entries(monkeypatch):
    calls = []
    plain = attackers.resolve_entries
    monkeypatch.setattr(attackers, "resolve_entries",
                        lambda *a: calls.append(a[0]) or plain(*a))
    catalog = load_catalog(include_user_env=False)
    result = analyze(load_model(SAMPLE), catalog, attack_graph=True)
    _graph, runs, _notes = prepare_runs(result.model, catalog, risks=result.threats,
                                        shared=result.attack_graph)
    fresh = plain(result.model, attacker_profiles(result.model), default_stencils())
    assert runs and {r.profile.id: r.entries for r in runs} == {
        a: e for a, e in fresh.items() if e}
    assert calls == [result.model]  # once, by the exposure pass


def test_another_model_list_or_library_is_resolved_anew():
    model = load_model(SAMPLE)
    stencils = default_stencils()
    graph = analyze(model, load_catalog(include_user_env=False),
                    attack_graph=True).attack_graph.graph
    profiles = attacker_profiles(model)
    first = kept_entries(graph, model, profiles, stencils)
    assert first == resolve_entries(model, profiles, stencils)
    first[profiles[0].id].append("changed by a caller")
    assert kept_entries(graph, model, profiles, stencils) == resolve_entries(
        model, profiles, stencils)
    other = model.model_copy(deep=True)
    other.attackers = [profiles[0].model_copy(update={
        "entry_elements": [model.components[-1].id]})]
    entered = set(first[profiles[0].id])
    fewer = model.model_copy(update={"components": [c for c in model.components
                                                    if c.id not in entered]})
    assert all(a is b for a, b in zip(attacker_profiles(fewer), profiles, strict=True))
    for m, p, s in ((other, attacker_profiles(other), stencils),
                    (fewer, profiles, stencils),
                    (model, profiles[:-1], stencils),
                    (model, profiles, StencilLibrary([]))):
        kept_entries(graph, model, profiles, stencils)  # kept for the sample first
        assert kept_entries(graph, m, p, s) == resolve_entries(m, p, s)
    assert kept_entries(graph, other, attacker_profiles(other), stencils) != first
    radio = [a for a in attackers.DEFAULT_ATTACKERS if a.id == "proximate-radio"]
    kept_entries(graph, model, radio, stencils)
    by_tags = kept_entries(graph, model, radio, StencilLibrary([]))  # no stencil: no tags
    assert by_tags == resolve_entries(model, radio, StencilLibrary([])) != resolve_entries(
        model, radio, stencils)
