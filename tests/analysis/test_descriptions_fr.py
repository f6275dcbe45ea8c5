"""French descriptions of the catalog's threats and controls, as data
(workbench/data/catalog-descriptions-fr.json, analysis/descriptions_fr.py): complete for the shipped
catalog, checked on load, and every entry the sample models use has its French text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.analysis.catalog import load_catalog
from workbench.analysis.descriptions_fr import (
    default_path,
    load_descriptions,
    missing,
    parse_descriptions,
)
from workbench.model.errors import ModelError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def test_every_catalog_threat_and_control_has_its_french_description(catalog):
    texts = load_descriptions(catalog=catalog)  # unknown ids would raise here
    assert missing(catalog, texts) == {"threats": [], "controls": []}, (
        "add the French text to workbench/data/catalog-descriptions-fr.json")


def test_the_french_is_a_translation_not_a_copy(catalog):
    texts = load_descriptions(catalog=catalog)
    for kind in ("threats", "controls"):
        for key, entry in getattr(catalog, kind).items():
            french = getattr(texts, kind)[key]
            assert french != entry.description, key
            assert " :" not in french and " ;" not in french, key  # U+202F before : ;


def test_every_entry_the_samples_use_is_described_in_french(catalog):
    texts = load_descriptions(catalog=catalog)
    threats, controls = set(), set()
    for sample in sorted((ROOT / "sample-models").glob("*.twm.json")):
        model = json.loads(sample.read_text(encoding="utf-8"))
        for threat in model.get("threats", []):
            threats.add(threat["catalog_id"])
            controls.update(c["catalog_id"] for c in threat.get("controls", [])
                            if c.get("catalog_id"))
    for key in set(threats):
        if key in catalog.threats:
            controls.update(catalog.threats[key].suggested_controls)
    assert threats and controls
    assert not (threats & set(catalog.threats)) - set(texts.threats)
    assert not (controls & set(catalog.controls)) - set(texts.controls)


def test_a_bad_file_is_refused_with_file_path_and_message(catalog, tmp_path):
    doc = json.loads(default_path().read_text(encoding="utf-8"))
    doc["threats"]["thing.no-such-threat"] = "Une menace inventée."
    doc["controls"]["mfa"] = "  "
    doc["extra"] = 1
    bad = tmp_path / "descriptions-fr.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelError) as err:
        load_descriptions(bad, catalog)
    text = str(err.value)
    assert f"{bad}: $.threats.thing.no-such-threat: no threat 'thing.no-such-threat' in " \
           "the catalog" in text
    assert f"{bad}: $.controls.mfa: must be a non-empty text" in text
    assert f"{bad}: $.extra: unknown key" in text
    with pytest.raises(ModelError, match=r"\$\.format: must be 1"):
        parse_descriptions({"format": 2, "threats": {}}, "x.json")
    with pytest.raises(ModelError, match=r"\$: must be a JSON object"):
        parse_descriptions([], "x.json")
