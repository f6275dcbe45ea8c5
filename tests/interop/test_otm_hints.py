"""``workbench.*`` attributes carry our own OTM round trip. One that the model would refuse
(hand-edited, or another tool writing our keys) is dropped with a warning naming it, and
the file imports as any other tool's; it used to refuse the whole file, with a path of
our model rather than of the file (``zones[0].kind: Input should be ...``)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from workbench.analysis.pipeline import analyze
from workbench.interop.otm import model_to_otm, otm_to_model
from workbench.model.io import load_model

SAMPLES = Path(__file__).parents[2] / "sample-models"
#: (where in the OTM document, the attribute, a value of the wrong shape)
BAD = {
    "zone kind": ("trustZones", "workbench.kind", 5),
    "component properties": ("components", "workbench.properties", ["secure_boot"]),
    "component properties field": ("components", "workbench.properties", {"legacy": "very"}),
    "flow": ("dataflows", "workbench.flow", ["https"]),
    "flow field": ("dataflows", "workbench.flow", {"encrypted": {"x": 1}}),
    "flow route": ("dataflows", "workbench.route", {"points": "zigzag"}),
    "threat": ("threats", "workbench.threat", {"status": "burning"}),
    "control": ("mitigations", "workbench.control", {"effectiveness": "high"}),
    "asset": ("assets", "workbench.asset", {"classification": 7}),
    "project risk": ("project", "workbench.risk", {"likelihood": "many"}),
    "project metadata": ("project", "workbench.metadata", ["title"]),
    "project attackers": ("project", "workbench.attackers", {"id": "x"}),
}


@pytest.fixture(scope="module")
def exported() -> dict:
    model = analyze(load_model(next(SAMPLES.glob("hospital-ward*.twm.json")))).model
    return model_to_otm(model)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_hint_is_a_warning_and_the_file_imports(case: str, exported: dict) -> None:
    section, attribute, value = BAD[case]
    doc = copy.deepcopy(exported)
    item = doc[section] if section == "project" else doc[section][0]
    if attribute != "workbench.route":  # written only for flows drawn with bends
        assert attribute in (item.get("attributes") or {}), "the export writes this hint"
    item.setdefault("attributes", {})[attribute] = value
    clean = otm_to_model(copy.deepcopy(exported), "ok.otm.json")
    result = otm_to_model(doc, "bad.otm.json")
    said = [w for w in result.warnings if f"attributes.{attribute} ignored" in w]
    assert len(said) == 1, result.warnings
    assert said[0].startswith(section if section == "project" else f"{section}[0]")
    for name in ("components", "flows", "zones"):
        assert len(getattr(result.model, name)) == len(getattr(clean.model, name))
