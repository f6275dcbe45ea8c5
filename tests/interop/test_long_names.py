"""A name longer than the model's 500-character field is cut visibly and said, in every
format: the summary warns, the name ends with an ellipsis and the description keeps the
whole name (nothing the vendor wrote is lost). OTM used to cut at 500 silently while
reading, before the importer could see the name was long."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main

CORPUS = Path(__file__).parents[1] / "data" / "interop" / "corpus"
NAME = "Blood-pressure cuff"
LONG = NAME + " (" + "model BP-7 rev. " * 45 + ")"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("home-telemonitoring.*")))
def test_long_name_is_cut_visibly_with_a_warning(name: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture) -> None:
    assert len(LONG) > 700
    src = tmp_path / name
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert text.count(NAME) == 1
    src.write_text(text.replace(NAME, LONG), encoding="utf-8")
    out = tmp_path / "out.twm.json"
    assert main(["import", str(src), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert any("cut to 500" in w for w in report["warnings"])
    comp = next(c for c in json.loads(out.read_text())["components"]
                if c["name"].startswith(NAME))
    assert len(comp["name"]) == 500 and comp["name"].endswith("…")
    assert LONG in comp["description"]


def test_long_ids_sharing_a_long_prefix_stay_two_elements(tmp_path: Path) -> None:
    a, b = "pump-" + "x" * 600 + "-a", "pump-" + "x" * 600 + "-b"
    doc = {"otmVersion": "0.2.0", "project": {"name": "p", "id": "p"},
           "trustZones": [{"id": "tz", "name": "Ward", "risk": {"trustRating": 50}}],
           "components": [{"id": i, "name": n, "type": "generic-client",
                           "parent": {"trustZone": "tz"}}
                          for i, n in ((a, "Pump A"), (b, "Pump B"), ("gw", "Gateway"))],
           "dataflows": [{"id": "fa", "name": "a", "source": a, "destination": "gw"},
                         {"id": "fb", "name": "b", "source": b, "destination": "gw"}]}
    src, out = tmp_path / "long.otm.json", tmp_path / "out.twm.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(src), "-o", str(out)]) == 0
    model = json.loads(out.read_text())
    names = {c["id"]: c["name"] for c in model["components"]}
    assert sorted(names.values()) == ["Gateway", "Pump A", "Pump B"]
    assert {names[f["source"]] for f in model["flows"]} == {"Pump A", "Pump B"}
