"""The six sample models: loadable, realistic in size and shape, and produced by the builder."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import cache, lru_cache
from pathlib import Path

import pytest

from workbench.model.enums import Layer
from workbench.model.facts import FactIndex
from workbench.model.io import load_model
from workbench.model.stencils import default_stencils

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample-models"
NAMES = ("cardiac-implant-remote-monitoring", "insulin-closed-loop", "hospital-ward-iomt",
         "wearable-insurer-wellness", "home-telemonitoring", "ght-shared-ehr-pacs")
CATEGORIES = {"care_delivery", "decision_making", "patient_safety", "social_cohesion",
              "intellectual_assets", "image", "compliance", "legal", "environment",
              "financial"}


@lru_cache(maxsize=1)
def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_sample_models", ROOT / "tools" / "build_sample_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _load(name: str):
    return load_model(SAMPLES / f"{name}.twm.json")


def test_exactly_the_six_samples_ship():
    assert sorted(p.name for p in SAMPLES.glob("*.twm.json")) == sorted(
        f"{n}.twm.json" for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_sample_loads_with_realistic_shape(name):
    model = _load(name)
    assert 15 <= len(model.components) <= 80
    assert {c.layer for c in model.components} == set(Layer)
    assert model.metadata.title and model.metadata.scope and model.metadata.assumptions
    assert model.metadata.review_date is not None and model.metadata.authors
    assert len(model.zones) >= 4 and len(model.data_assets) >= 6 and model.attackers


@pytest.mark.parametrize("name", NAMES)
def test_sample_has_a_safety_critical_target(name):
    model = _load(name)
    comps = model.components_by_id()
    stencils = default_stencils()
    safety = [t for t in model.targets if t.kind == "patient_safety"]
    assert safety, "no patient-safety target"
    for target in safety:
        comp = comps[target.element]
        assert (comp.properties.safety_critical_function
                or "safety_critical" in stencils[comp.stencil].tags)


@pytest.mark.parametrize("name", NAMES)
def test_assets_rate_known_impact_categories(name):
    for asset in _load(name).data_assets:
        assert asset.impact and set(asset.impact) <= CATEGORIES, asset.id
        assert all(1 <= v <= 4 for v in asset.impact.values()), asset.id


@pytest.mark.parametrize("name", NAMES)
def test_every_device_to_cloud_flow_names_its_networks(name):
    model = _load(name)
    comps = model.components_by_id()
    outer = {Layer.THING, Layer.GATEWAY}
    for flow in model.flows:
        ends = {comps[flow.source].layer, comps[flow.target].layer}
        if ends & outer and Layer.CLOUD in ends:
            assert flow.via, f"{flow.id} goes between a device and the cloud with no 'via'"


@pytest.mark.parametrize("name", NAMES)
def test_samples_contain_realistic_weaknesses(name):
    """Each sample gives the analysis something to find: a cleartext flow and an exposure."""
    model = _load(name)
    index = FactIndex(model, default_stencils())
    assert any(not f.encrypted for f in model.flows)
    assert any(index.component(c)["properties.internet_exposed"] for c in model.components)


def test_samples_are_byte_identical_to_the_builder_output():
    expected = _builder().expected_texts()
    for file_name, text in expected.items():
        on_disk = (SAMPLES / file_name).read_text(encoding="utf-8")
        assert on_disk == text, f"{file_name} differs: rerun tools/build_sample_models.py"


def test_builder_writes_loadable_files(tmp_path):
    assert _builder().main([str(tmp_path)]) == 0
    for name in NAMES:
        written = tmp_path / f"{name}.twm.json"
        assert written.read_bytes() == (SAMPLES / written.name).read_bytes()
        assert not written.with_name(written.name + ".bak").exists()


def test_cli_validate_accepts_every_sample():
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "validate", *map(str, sorted(SAMPLES.glob(
            "*.twm.json")))], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok") == len(NAMES)


def test_readme_describes_every_sample_with_its_counts():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        model = _load(name)
        assert f"(`{name}`)" in readme, f"no section for {name}"
        row = f"| `{name}.twm.json` | {len(model.components)} | {len(model.flows)} | 4 |"
        assert row in readme, f"README table row out of date for {name}"
