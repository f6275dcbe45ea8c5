"""``workbench actors``: what the attack analysis will start from and aim at, resolved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.model.factories import tiny_model
from workbench.cli.main import main
from workbench.model.entities import AttackerProfile
from workbench.model.io import save_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / \
    "cardiac-implant-remote-monitoring.twm.json"


def test_sample_attackers_start_where_the_model_says(capsys) -> None:
    assert main(["actors", str(SAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    radio = next(a for a in data["attackers"] if a["id"] == "proximate-radio")
    assert radio["source"] == "model" and radio["entry_elements"] == [
        "rf-home", "rf-clinic", "transmitter"]
    kinds = {(t["element"], t["kind"], t["derived"]) for t in data["targets"]}
    assert ("icd", "patient_safety", False) in kinds  # declared
    assert ("programmer", "patient_safety", True) in kinds  # derived: therapy programming


def test_model_without_attackers_uses_the_built_in_profiles(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.twm.json"
    save_model(tiny_model(), path)
    assert main(["actors", str(path)]) == 0
    out = capsys.readouterr().out
    assert "the built-in profiles: the model declares none" in out
    assert "proximate-radio 'Proximate radio attacker' [built-in]" in out
    model = tiny_model()
    model.attackers = [AttackerProfile(id="thief", name="Thief", capability=0.2,
                                       entry_elements=["pump"])]
    save_model(model, path)
    assert main(["actors", str(path)]) == 0
    out = capsys.readouterr().out
    assert "thief 'Thief', capability 20%: starts at 1: Insulin pump" in out
    assert "[built-in]" not in out
