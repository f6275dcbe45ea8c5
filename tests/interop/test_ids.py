"""Ids the importers make: always valid, derived from the source id alone (never from file
order), the source id kept, and threat ids from long element ids still valid."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from workbench.analysis.pipeline import analyze
from workbench.cli.main import main
from workbench.interop.common import IdMaker
from workbench.interop.registry import import_file
from workbench.model.base import Identifier
from workbench.model.io import load_model

VALID = TypeAdapter(Identifier)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=8),
       st.sampled_from(["element", "flow", "zone", "threat"]))
@example(["0\n"], "element")  # `$` matched before a trailing newline (CI, session 3)
def test_every_id_the_importer_makes_passes_the_models_pattern(foreign: list[str],
                                                               space: str) -> None:
    ids = IdMaker()
    made = [ids.make(f, space=space, hint=space) for f in foreign]
    for ours in made:
        VALID.validate_python(ours)
        assert len(ours) <= 64  # room for "catalog_id@" in threat ids of 128
    # one foreign id, one of ours; two foreign ids, two of ours
    assert len(set(made)) == len(set(foreign))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=200), min_size=2, max_size=8, unique=True),
       st.randoms(use_true_random=False))
def test_ids_do_not_depend_on_file_order(foreign: list[str], rnd: random.Random) -> None:
    first = IdMaker()
    mapping = {f: first.make(f, space="element") for f in foreign}
    shuffled = list(foreign)
    rnd.shuffle(shuffled)
    second = IdMaker()
    assert {f: second.make(f, space="element") for f in shuffled} == mapping


def _otm(components: list[tuple[str, str]], flows: list[tuple[str, str, str]]) -> dict:
    return {"otmVersion": "0.2.0", "project": {"name": "Pump platform", "id": "p"},
            "trustZones": [{"id": "z", "name": "Hospital", "risk": {"trustRating": 50}}],
            "components": [{"id": cid, "name": name, "type": "unknown-box",
                            "parent": {"trustZone": "z"}} for cid, name in components],
            "dataflows": [{"id": fid, "name": fid, "source": s, "destination": d}
                          for fid, s, d in flows]}


# Two ids that agree on their first 120 characters: the old importer cut them at 100 and
# numbered the clash -2 in file order.
LONG = "urn:vendor:acme:platform:" + "x" * 100
PUMP, PORTAL = LONG + ":insulin-pump", LONG + ":clinician-portal"


def test_long_source_ids_are_kept_and_analysis_runs(tmp_path: Path) -> None:
    path = tmp_path / "v1.otm.json"
    path.write_text(json.dumps(_otm([(PUMP, "Insulin pump"), (PORTAL, "Clinician portal"),
                                     ("gw~1", "Home gateway")],
                                    [("f1", PUMP, "gw~1"), ("f2", "gw~1", PORTAL)])), "utf-8")
    model = import_file(path).model
    assert sorted(c.source_id for c in model.components if c.source_id) == \
        sorted([PUMP, PORTAL, "gw~1"])
    for comp in model.components:
        VALID.validate_python(comp.id)
    result = analyze(model)  # threat ids from 100+ character element ids
    assert result.model.threats
    for threat in result.model.threats:
        VALID.validate_python(threat.id)


def test_reordered_version_two_keeps_each_elements_classification(tmp_path: Path) -> None:
    v1 = tmp_path / "v1.otm.json"
    v2 = tmp_path / "v2.otm.json"
    comps = [(PUMP, "Insulin pump"), (PORTAL, "Clinician portal")]
    v1.write_text(json.dumps(_otm(comps, [("f1", PUMP, PORTAL)])), "utf-8")
    v2.write_text(json.dumps(_otm(comps[::-1], [("f1", PUMP, PORTAL)])), "utf-8")
    old = tmp_path / "v1.twm.json"
    assert main(["import", str(v1), "-o", str(old)]) == 0
    pump_id = next(c.id for c in load_model(old).components if c.source_id == PUMP)
    portal_id = next(c.id for c in load_model(old).components if c.source_id == PORTAL)
    assert main(["classify", str(old), pump_id, "insulin-pump"]) == 0
    assert main(["classify", str(old), portal_id, "clinician-portal"]) == 0
    new = tmp_path / "v2.twm.json"
    assert main(["import", str(v2), "--onto", str(old), "-o", str(new)]) == 0
    model = load_model(new)
    by_source = {c.source_id: c for c in model.components}
    assert by_source[PUMP].stencil == "insulin-pump"
    assert by_source[PUMP].layer.value == "thing"
    assert by_source[PORTAL].stencil == "clinician-portal"


def test_suggestion_whose_id_is_taken_gets_a_valid_id() -> None:
    """An imported threat can hold the id a rule suggestion would take (a vendor file's
    threat id equal to ``catalog_id@element``): the next id tried must be valid too."""
    from workbench.analysis.rules import merge_suggestions
    from workbench.model.entities import ThreatInstance

    path = Path(__file__).parents[1] / "data" / "interop" / "corpus" / \
        "home-telemonitoring.otm.json"
    model = import_file(path).model
    first, _ = merge_suggestions(model)
    taken = first.threats[-1]
    squatter = ThreatInstance(id=taken.id, key="vendor:other", catalog_id="vendor:other",
                              element=taken.element, manual=True)
    model = model.model_copy(update={"threats": [*model.threats, squatter]})
    merged, _ = merge_suggestions(model)
    for threat in merged.threats:
        VALID.validate_python(threat.id)
    assert len({t.id for t in merged.threats}) == len(merged.threats)


@pytest.mark.parametrize("suffix", ["_", "-", ".", ":", "@"])
def test_ids_ending_in_punctuation_survive_the_otm_round_trip(suffix: str) -> None:
    """Issue 16: valid ids ending in ``_ - . : @`` failed the OTM round trip."""
    from tests.interop.helpers import rich_model
    from workbench.interop.otm import dumps_otm, otm_to_model
    from workbench.model.threat_model import ThreatModel

    model = rich_model()
    data = model.model_dump()
    for comp in data["components"]:
        comp["id"] = comp["id"] + suffix if comp["id"] == "gw" else comp["id"]
    for flow in data["flows"]:
        for end in ("source", "target"):
            flow[end] = flow[end] + suffix if flow[end] == "gw" else flow[end]
    model = ThreatModel.model_validate(data)
    back = otm_to_model(json.loads(dumps_otm(model)), "x.otm.json").model
    assert back.model_dump(exclude_none=True) == model.model_dump(exclude_none=True)
