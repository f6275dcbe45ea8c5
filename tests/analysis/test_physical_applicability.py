"""Attacks that need the element's own hardware never land on software (catalog
``needs_hardware``, stencil tag ``software``).

Session 5's wearable board listed "physical tampering" on the vendor's companion app:
the rule read only ``physical_access``, which the phone relay stencil has. Each test below
failed then.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tests.analysis.test_catalog import CATEGORIES
from workbench.analysis.catalog import SOFTWARE_TAG, check_catalog, load_catalog
from workbench.analysis.pipeline import AnalysisResult, analyze
from workbench.model.io import load_model
from workbench.model.stencils import default_stencils

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


@cache
def _result(name: str) -> AnalysisResult:
    return analyze(load_model(SAMPLES / f"{name}.twm.json"))


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".twm.json")
                                        for p in SAMPLES.glob("*.twm.json")))
def test_no_hardware_attack_on_a_software_element(name: str) -> None:
    result = _result(name)
    stencils = default_stencils()
    software = {c.id for c in result.model.components
                if SOFTWARE_TAG in (getattr(stencils.get(c.stencil), "tags", ()) or ())}
    for risk in result.threats:
        ttype = risk.threat_type
        if ttype is not None and ttype.needs_hardware:
            assert risk.instance.element not in software, risk.key


def test_the_wearables_vendor_app_is_not_physically_tampered_with_but_the_watch_is() -> None:
    keys = {r.key for r in _result("wearable-insurer-wellness").threats}
    assert "thing.physical-tampering@vendor-app" not in keys
    assert "thing.physical-tampering@watch" in keys
    # data left on a lost phone is still the app's data
    assert "thing.stored-data-exposure@wellness-app" in keys


def test_every_shipped_physical_threat_says_whether_it_needs_hardware() -> None:
    catalog = load_catalog(include_user_env=False)
    physical = [t for t in catalog.threats.values() if t.vector == "physical"]
    assert physical
    assert all(t.needs_hardware is not None for t in physical), \
        [t.id for t in physical if t.needs_hardware is None]
    assert check_catalog(catalog, CATEGORIES) == []


def test_catalog_check_catches_a_physical_threat_that_would_land_on_an_app(tmp_path) -> None:
    """A catalog author's physical threat ruled only on ``physical_access`` is reported,
    naming the software-only stencil its rule fires on (the phone relay)."""
    user = tmp_path / "acme.json"
    user.write_text(json.dumps({
        "catalog_format": 1, "version": "1", "namespace": "acme", "description": "probe",
        "threats": [{
            "id": "acme:case-opened", "effect": ["control"], "title": "Case opened",
            "description": "Someone opens the case.", "applies_to": "component",
            "layers": ["thing", "gateway"],
            "when": {"attr": "properties.physical_access", "op": "eq", "value": True},
            "stride": ["T"], "vector": "physical", "default_likelihood": 2,
            "base_severity": 2, "impacts": ["care_delivery"],
            "suggested_controls": ["tamper-evidence"]}]}), encoding="utf-8")
    catalog = load_catalog([user], include_user_env=False)
    problems = [p for p in check_catalog(catalog, CATEGORIES) if "acme:case-opened" in p.path]
    assert len(problems) == 1
    assert "phone-ble-relay" in problems[0].message
