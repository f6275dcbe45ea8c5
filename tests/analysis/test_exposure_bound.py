"""Exposure's best path is a lower bound of the attack engine's attempt probability.

Both read entries through one rule (``attack.graph.entry_chances``): a radio segment, the
public internet and a segment the model declares flat are held on entry, any other entry
through its own weakness. A best single path of independent steps can never be likelier
than reaching by any path, so exposure <= the engine, for every attacker and element:
exactly (1e-9) where the engine enumerates every world, and within the Monte Carlo
interval's upper end elsewhere (sampling noise is not a judgement).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analysis.test_risk_properties import CATALOG, models
from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.attack.exposure import attempt_probabilities
from workbench.analysis.risk import Scales, assess
from workbench.model import Component, load_model
from workbench.model.entities import AttackerProfile
from workbench.model.enums import Layer
from workbench.model.threat_model import ThreatModel

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _violations(model: ThreatModel, samples: int = 4000) -> list[tuple]:
    base = assess(model, CATALOG, memo=False)
    exposure = attempt_probabilities(model, base, Scales.of(model).likelihood)
    graph, runs, _ = prepare_runs(model, CATALOG, risks=base, samples=samples, seed=1,
                                  exact_for=list(range(len(model.components))))
    out = []
    for run in runs:
        sg, sol = run.graph, run.solution
        src = sg.attempt[:sg.size].copy()
        src[src < 0] = sg.one_in[:sg.size][src < 0]
        src[sg.entry_mask[:sg.size]] = sg.source
        for i, element in enumerate(graph.nodes):
            ours = exposure[element].get(run.profile.id, 0.0)
            s = int(src[i])
            if s < 0:
                engine, bound, exact = 0.0, 0.0, True
            else:
                engine, exact = float(sol.probability[s]), bool(sol.exact[s])
                # Monte Carlo: twice the 95 % half-width (about 4 standard errors). Where
                # one path dominates, the engine's true figure *is* the best path's, and
                # the 95 % upper end falls below it about one time in forty by chance.
                bound = engine if exact else engine + 2.0 * (float(sol.ci_high[s]) - engine)
            if ours > bound + 1e-9:
                out.append((run.profile.id, element, ours, engine, exact))
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(), st.data())
def test_exposure_never_exceeds_the_engine_on_random_models(model: ThreatModel,
                                                           data) -> None:
    # A wired LAN carrying one flow, networks flat or segmented, and an attacker entering
    # at some elements (plugged in), the LAN among them half the time.
    model.components.append(Component(id="wired", name="Wired LAN", stencil="hospital-lan",
                                      layer=Layer.NETWORK))
    carried = data.draw(st.sampled_from(model.flows))
    carried.via = [*carried.via, "wired"]
    for comp in model.components:
        if comp.layer == Layer.NETWORK:
            comp.properties.flat_network = data.draw(st.sampled_from([None, False, True]))
    entries = data.draw(st.lists(st.sampled_from([c.id for c in model.components]),
                                 max_size=3, unique=True))
    if data.draw(st.booleans()) and "wired" not in entries:
        entries.append("wired")
    model.attackers.append(AttackerProfile(id="plugged-in", name="Plugged in",
                                           capability=data.draw(st.sampled_from([0.3, 0.8])),
                                           entry_elements=entries))
    model.risk.options["attackers"] = "merge"
    assert _violations(model) == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_exposure_never_exceeds_the_engine_on_the_samples(path: Path) -> None:
    assert _violations(load_model(path)) == []


def test_a_flat_lan_entry_is_held_and_a_segmented_one_is_not() -> None:
    """The insider's LAN is held on entry because the model declares it flat, not by code."""
    model = load_model(next(p for p in SAMPLES if "hospital-ward" in p.name))
    base = assess(model, CATALOG, memo=False)
    lan = next(c for c in model.components if c.stencil == "hospital-lan")
    flat = attempt_probabilities(model, base, Scales.of(model).likelihood)
    lan.properties.flat_network = False
    segmented = attempt_probabilities(model, base, Scales.of(model).likelihood)
    downstream = [e for e, by in flat.items()
                  if by.get("hospital-insider", 0) > segmented[e].get("hospital-insider", 0)]
    assert downstream, "declaring the LAN segmented should lower the insider's reach"
    assert np.isfinite([v for by in flat.values() for v in by.values()]).all()


@pytest.mark.parametrize("path", SAMPLES[:3], ids=lambda p: p.stem)
def test_element_exposure_ranks_each_elements_attackers_from_their_chances(path):
    """The most exposed attacker of each element, with every attacker's chance rounded to
    6 places, highest first then by id, read from ``attempt_probabilities`` one element at
    a time (``element_exposure`` computes it as a table and shares equal rows)."""
    from workbench.analysis.attack.exposure import element_exposure

    model = load_model(path)
    base = assess(model, CATALOG, memo=False)
    levels = Scales.of(model).likelihood
    chances = attempt_probabilities(model, base, levels)
    got = element_exposure(model, base, levels)
    assert list(got) == list(chances)
    for element, by in chances.items():
        ranked = tuple(sorted(((a, round(p, 6)) for a, p in by.items()),
                              key=lambda x: (-x[1], x[0])))
        top = ranked[0] if ranked and ranked[0][1] > 0 else (None, 0.0)
        assert (got[element].attacker, got[element].probability) == top, element
        assert got[element].by_attacker == ranked, element
    assert any(e.attacker for e in got.values())
