"""Vectors per attacker: a threat counts only for attackers who can reach it that way.

docs/attack-paths.md, "Vectors per attacker": where it starts, an attacker uses only its
own vectors; once it holds an element, adjacent and network steps count too; physical and
local threats count only for attackers that have those vectors. An element none of whose
control threats is usable falls back on its properties, as if none were recorded.
"""

from __future__ import annotations

import pytest

from tests.analysis.test_attack_fixtures import implant_model
from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS
from workbench.analysis.attack.engine import analyze_attacks
from workbench.analysis.attack.evidence import ThreatEvidence
from workbench.analysis.attack.graph import build_graph
from workbench.model.entities import AttackerProfile

#: The flow into the implant carries no weakness: the implant's own threats decide.
CLOSED_FLOW = {"f-rf": [ThreatEvidence("f", 0.0, vector="adjacent")]}


def _implant(attacker: AttackerProfile, implant_threats: list[ThreatEvidence]) -> float:
    model = implant_model().model_copy(update={"attackers": [attacker]})
    evidence = dict(CLOSED_FLOW)
    if implant_threats:
        evidence["implant"] = implant_threats
    result = analyze_attacks(model, evidence=evidence, samples=4096, recommend=False,
                             sensitivity=False)
    return result.compromise["implant"]["probability"]


def _radio(vectors: list[str]) -> AttackerProfile:
    return AttackerProfile(id="radio", name="Radio", capability=0.5,
                           entry_elements=["rf"], vectors=vectors)


def test_default_profiles_carry_the_documented_vectors():
    vectors = {a.id: set(a.vectors) for a in DEFAULT_ATTACKERS}
    assert vectors == {
        "remote-internet": {"network"},
        "proximate-radio": {"adjacent", "network"},
        "malicious-app": {"local", "network"},
        "supply-chain": {"network", "local"},
        "hospital-insider": {"physical", "local", "adjacent", "network"},
        "partner-insurer": {"network"},
    }
    assert AttackerProfile(id="x", name="x").vectors == []  # a model's own: every vector


def test_a_radio_attacker_is_not_credited_with_physical_tampering():
    threats = [ThreatEvidence("tamper", 0.9, vector="physical"),
               ThreatEvidence("radio", 0.1, vector="adjacent")]
    radio = _implant(_radio(["adjacent", "network"]), threats)
    everyone = _implant(_radio([]), threats)
    assert radio == pytest.approx(0.1, abs=1e-9)  # capability 0.5 leaves a step as it is
    assert everyone == pytest.approx(0.9, abs=1e-9)


def test_an_unusable_threat_leaves_the_property_fallback_never_a_safer_element():
    """Recording a physical threat changes nothing for a radio attacker: the implant is
    judged on its properties, as with no threat recorded."""
    only_physical = _implant(_radio(["adjacent", "network"]),
                             [ThreatEvidence("tamper", 0.9, vector="physical")])
    nothing = _implant(_radio(["adjacent", "network"]), [])
    assert only_physical == pytest.approx(nothing, abs=1e-9) and nothing > 0


def test_a_held_neighbour_gives_adjacent_steps_but_the_entry_uses_own_vectors():
    evidence = {"implant": [ThreatEvidence("spoof", 0.9, vector="adjacent")]}
    graph = build_graph(implant_model(), evidence)
    i = graph.index["implant"]
    remote = graph.for_vectors(["network"])
    assert remote.node_miss[i] == pytest.approx(0.1)  # from a held transmitter: adjacent
    assert remote.entry_miss[i] == pytest.approx(graph.restrictable["implant"])
    assert graph.for_vectors([]) is graph and graph.for_vectors(
        ["physical", "local", "adjacent", "network"]) is graph
