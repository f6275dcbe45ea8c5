"""Attackers are told apart where their access differs (issue 12, item 6; session 6 check).

The cardiac and ward boards' first attack paths read 94-99.7 %. Session 6 checked whether
that saturates: those paths are one step from an open segment (a radio in range, a ward
LAN declared flat) onto an element the model declares open (an implant taking RF
commands, a legacy pump server answering SMB and RDP with no authentication). An attacker
several steps away reads well below on the same targets. These tests pin that, so a
change to base likelihoods or step semantics that flattens attackers fails here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


@cache
def _by_target(name: str) -> dict[str, dict[str, float]]:
    result = analyze(load_model(SAMPLES / f"{name}.twm.json"))
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                             samples=4000, recommend=False, sensitivity=False)
    return {str(row["target"]): {k: float(v) for k, v in (row.get("by_attacker") or {}).items()}
            for row in attack.target_results}


def test_the_icd_is_the_radio_attackers_not_the_remote_ones() -> None:
    """ICD pacing: the proximate radio attacker on an implant that takes RF commands is
    near certain; the remote attacker, behind the vendor cloud, the transmitter and the
    implant's own radio, and the hospital insider are not."""
    icd = _by_target("cardiac-implant-remote-monitoring")["t-patient_safety-icd"]
    assert icd["proximate-radio"] >= 0.9, icd
    assert icd["remote-internet"] <= 0.2, icd
    assert icd["hospital-insider"] <= 0.2, icd


def test_the_ward_pumps_are_nearer_to_the_ward_than_to_the_internet() -> None:
    """The volumetric pumps: the insider on the flat ward LAN and the radio attacker on the
    IoT Wi-Fi are one or two steps away; the remote attacker goes through the vendor VPN."""
    pumps = _by_target("hospital-ward-iomt")["t-patient_safety-vol-pumps"]
    assert pumps["hospital-insider"] >= 0.9 and pumps["proximate-radio"] >= 0.9, pumps
    assert pumps["remote-internet"] <= pumps["hospital-insider"] - 0.25, pumps
