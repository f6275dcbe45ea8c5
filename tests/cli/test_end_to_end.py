"""One analyst's day per sample model, through the CLI only.

new --template -> validate -> threats --write -> analyze --json (checked against
schema/analysis.schema.json) -> export csv/md/json/otm/svg -> import the OTM back -> diff
against the original: no component or flow changed on the way.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import defusedxml.ElementTree as SafeET
import jsonschema
import pytest

from workbench.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p.name.removesuffix(".twm.json") for p in (ROOT / "sample-models")
                 .glob("*.twm.json"))
ANALYSIS_SCHEMA = json.loads((ROOT / "schema" / "analysis.schema.json").read_text("utf-8"))

#: Fewer Monte Carlo worlds than the default keeps six full runs under the test budget.
SAMPLES_ARG = ["--samples", "2048"]


def cli(capsys, *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, f"workbench {' '.join(argv)} -> {code}: {captured.err}"
    assert "Traceback" not in captured.err
    return captured.out


def test_there_are_six_sample_models() -> None:
    assert len(SAMPLES) == 6


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_model_round_trip(name: str, tmp_path: Path, capsys) -> None:
    model = tmp_path / f"{name}.twm.json"
    assert f"created from template '{name}'" in cli(capsys, "new", "--template", name,
                                                    "-o", str(model))
    assert cli(capsys, "validate", str(model)).strip() == f"{model}: ok"

    # threats --write: the file then holds what the report says, and still validates.
    report = json.loads(cli(capsys, "threats", str(model), "--write", "--json"))
    assert report["written"] is True
    saved = json.loads(model.read_text("utf-8"))
    assert len(saved["threats"]) == len(report["threats"]) > 0
    cli(capsys, "validate", "-q", str(model))

    # analyze --json: valid against the published schema, every recorded threat scored.
    analysis = json.loads(cli(capsys, "analyze", str(model), "--json", *SAMPLES_ARG))
    jsonschema.validators.validator_for(ANALYSIS_SCHEMA)(ANALYSIS_SCHEMA).validate(analysis)
    assert analysis["summary"]["threats"] == len(saved["threats"])
    assert analysis["summary"]["counted"] > 0

    exports = {fmt: tmp_path / f"{name}.{fmt}" for fmt in ("csv", "md", "json", "otm", "svg")}
    for fmt, out in exports.items():
        cli(capsys, "export", str(model), "--format", fmt, "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(exports["csv"].read_text("utf-8-sig"))))
    assert len(rows) == len(saved["threats"])
    assert {r["element"] for r in rows} <= ({c["id"] for c in saved["components"]}
                                            | {f["id"] for f in saved["flows"]})
    assert exports["md"].read_text("utf-8").startswith(f"# {saved['metadata']['title']}")
    assert json.loads(exports["json"].read_text("utf-8"))["threats"]
    svg_text = " ".join(t.text or "" for t in SafeET.parse(exports["svg"]).iter()
                        if t.tag.endswith("text"))
    assert all(c["name"][:12] in svg_text for c in saved["components"][:5])
    otm = json.loads(exports["otm"].read_text("utf-8"))
    assert len(otm["components"]) == len(saved["components"])

    back = tmp_path / f"{name}-from-otm.twm.json"
    cli(capsys, "import", str(exports["otm"]), "--from", "otm", "-o", str(back))
    cli(capsys, "validate", "-q", str(back))
    diff = json.loads(cli(capsys, "diff", str(model), str(back), "--json", "--no-risk"))
    for section in ("components", "flows"):
        assert diff[section] == {"added": [], "removed": [], "changed": []}, diff[section]
