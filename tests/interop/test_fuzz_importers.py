"""Random documents never crash an importer: it returns a model or raises ModelError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.interop.csv_import import csv_to_model
from workbench.interop.otm import otm_to_model
from workbench.interop.threatdragon import threatdragon_to_model
from workbench.model import ModelError

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True),
                    st.sampled_from(["a", "b", "z", "", "process", "flow", "store", "actor",
                                     "trust-boundary-box", "0.2.0", "2.1.0", "exposed"]))
KEYS = st.sampled_from(["id", "name", "type", "parent", "trustZone", "component", "source",
                        "destination", "target", "cell", "threats", "threat", "state",
                        "mitigations", "mitigation", "risk", "trustRating", "assets", "data",
                        "shape", "position", "size", "x", "y", "width", "height", "cells",
                        "attributes", "workbench.flow", "workbench.threat", "categories"])
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


def _otm_like():
    return st.fixed_dictionaries({
        "otmVersion": st.sampled_from(["0.2.0", 1, None]),
        "project": st.one_of(st.just({"name": "p", "id": "p"}), JSON),
        "trustZones": st.lists(JSON, max_size=3), "components": st.lists(JSON, max_size=4),
        "dataflows": st.lists(JSON, max_size=3), "threats": st.lists(JSON, max_size=2),
        "mitigations": st.lists(JSON, max_size=2)})


def _td_like():
    cell = st.one_of(JSON, st.fixed_dictionaries({
        "id": st.sampled_from(["a", "b", "c"]),
        "shape": st.sampled_from(["actor", "process", "store", "flow", "trust-boundary-box",
                                  "trust-boundary-curve", "td-text-block", "odd"]),
        "data": JSON, "source": JSON, "target": JSON, "position": JSON, "size": JSON}))
    return st.fixed_dictionaries({
        "version": st.sampled_from(["2.2.0", "1.0", None]),
        "summary": JSON,
        "detail": st.fixed_dictionaries({"diagrams": st.lists(
            st.fixed_dictionaries({"cells": st.lists(cell, max_size=5)}), max_size=2)})})


FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(_otm_like())
def test_otm_importer_only_raises_model_errors(doc) -> None:
    try:
        otm_to_model(doc, "fuzz.otm.json")
    except ModelError as exc:
        assert exc.problems and exc.source == "fuzz.otm.json"


@FUZZ
@given(_td_like())
def test_threatdragon_importer_only_raises_model_errors(doc) -> None:
    try:
        threatdragon_to_model(doc, "fuzz.json")
    except ModelError as exc:
        assert exc.problems and exc.source == "fuzz.json"


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("kindcomponetflwzs,;\"\n id=ab01yes")),
               max_size=200))
def test_csv_importer_only_raises_model_errors(text: str) -> None:
    try:
        csv_to_model(text, "fuzz.csv")
    except ModelError as exc:
        assert exc.problems and exc.source == "fuzz.csv"


WB_KEYS = st.sampled_from([f"workbench.{k}" for k in (
    "layer", "properties", "flow", "route", "threat", "control", "asset", "evidence",
    "metadata", "risk", "attackers", "targets", "review", "workshops", "regulatory",
    "synthetic", "kind", "trust_level")])
WB_VALUES = st.one_of(JSON, st.dictionaries(st.sampled_from([
    "id", "key", "element", "catalog_id", "mitigations", "source", "target", "via",
    "foreign", "title", "name", "status", "manual", "bidirectional", "data_assets",
    "protocol", "notes", "likelihood", "elements"]), JSON, max_size=5))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(WB_KEYS, WB_VALUES, max_size=4),
       st.dictionaries(WB_KEYS, WB_VALUES, max_size=4),
       st.dictionaries(WB_KEYS, WB_VALUES, max_size=4),
       st.dictionaries(WB_KEYS, WB_VALUES, max_size=4))
def test_clashing_workbench_attributes_never_crash_the_otm_reader(project, component, flow,
                                                                  threat) -> None:
    """Issue 16: hand-edited ``workbench.*`` attributes gave "internal error" lines."""
    doc = {"otmVersion": "0.2.0", "project": {"name": "p", "id": "p", "attributes": project},
           "trustZones": [{"id": "z", "name": "Z", "attributes": component}],
           "components": [{"id": n, "name": n, "type": "x", "parent": {"trustZone": "z"},
                           "attributes": component,
                           "threats": [{"threat": "t", "state": "exposed",
                                        "mitigations": [{"mitigation": "m",
                                                         "attributes": flow}]}]}
                          for n in ("a", "b")],
           "dataflows": [{"id": "f", "source": "a", "destination": "b", "attributes": flow}],
           "threats": [{"id": "t", "name": "T", "attributes": threat}],
           "mitigations": [{"id": "m", "name": "M", "riskReduction": 50,
                            "attributes": threat}]}
    with contextlib.suppress(ModelError):
        otm_to_model(doc, "x.otm.json")
