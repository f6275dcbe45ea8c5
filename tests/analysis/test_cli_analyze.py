"""``workbench analyze --json`` contract and ``workbench threats --write`` round trip."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.model.factories import tiny_model
from workbench.cli.main import main
from workbench.model import ControlInstance, MitigationLink, load_model, save_model
from workbench.model.enums import ControlStatus, ThreatStatus

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "analysis.schema.json").read_text())
REQUIRED = {"id", "element", "layer", "catalog_id", "stride", "likelihood", "impact",
            "risk_inherent", "risk_residual", "risk_projected", "status", "controls"}


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.twm.json"
    save_model(tiny_model(), path, keep_backup=False)
    return path


def _analyze(capsys, *args: str) -> dict:
    # --no-attack: this file tests the threat and risk stage; attack paths have their own tests
    assert main(["analyze", *args, "--json", "--no-attack"]) == 0
    return json.loads(capsys.readouterr().out)


def test_analyze_json_follows_the_schema(model_file, capsys) -> None:
    out = _analyze(capsys, str(model_file))
    jsonschema.validate(out, SCHEMA)
    assert out["threats"], "the rule engine suggests threats for an empty threat list"
    for threat in out["threats"]:
        assert set(threat) >= REQUIRED
        assert set(threat["impact"]) and all(isinstance(v, int) for v in threat["impact"].values())
    assert {t["layer"] for t in out["threats"]} == {"thing", "gateway", "network", "cloud"}
    assert out["summary"]["threats"] == len(out["threats"])


def test_threats_write_then_decisions_survive_and_show_in_analyze(model_file, capsys) -> None:
    assert main(["threats", str(model_file)]) == 0
    assert "not written" in capsys.readouterr().out
    assert load_model(model_file).threats == []  # dry run leaves the file alone
    assert main(["threats", str(model_file), "--write"]) == 0
    capsys.readouterr()
    model = load_model(model_file)
    assert model.threats and model_file.with_name(model_file.name + ".bak").exists()
    # the analyst decides, in the file
    model.controls.append(ControlInstance(id="ctl-edr", catalog_id="endpoint-protection",
                                          title="EDR on platform",
                                          status=ControlStatus.IMPLEMENTED))
    target = next(t for t in model.threats if t.key == "cloud.ransomware@vcloud")
    target.status = ThreatStatus.MITIGATED
    target.mitigations = [MitigationLink(control="ctl-edr", status=ControlStatus.IMPLEMENTED,
                                         evidence="EDR console export")]
    rejected = model.threats[0]
    rejected.status, rejected.reason = ThreatStatus.REJECTED, "Out of scope"
    save_model(model, model_file)
    assert main(["threats", str(model_file), "--write", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == [] and report["orphaned"] == []
    again = load_model(model_file)
    assert again.threats == model.threats
    out = _analyze(capsys, str(model_file))
    row = next(t for t in out["threats"] if t["key"] == "cloud.ransomware@vcloud")
    assert row["status"] == "mitigated" and row["controls"][0]["evidence"] == "EDR console export"
    assert row["risk_residual"]["score"] < row["risk_inherent"]["score"]
    assert next(t for t in out["threats"] if t["id"] == rejected.id)["counted"] is False


def test_analyze_text_and_no_suggest(model_file, capsys) -> None:
    assert main(["analyze", str(model_file), "--no-attack"]) == 0
    text = capsys.readouterr().out
    assert "residual" in text and "threats counted" in text
    out = _analyze(capsys, str(model_file), "--no-suggest")
    assert out["threats"] == []


def test_bad_input_is_one_line_and_exit_1(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.twm.json"
    bad.write_text("{")
    assert main(["analyze", str(bad), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.twm.json" in err and "Traceback" not in err
    assert main(["threats", str(tmp_path / "missing.twm.json")]) == 1
    assert "no such file" in capsys.readouterr().err
