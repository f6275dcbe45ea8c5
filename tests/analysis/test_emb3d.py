"""`workbench catalog check --emb3d`: our EMB3D ids exist, and which links EMB3D also makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.analysis.catalog import load_catalog
from workbench.analysis.emb3d import check_against_emb3d, load_emb3d
from workbench.cli.main import main

REAL = (Path(__file__).resolve().parents[3] / "shared" / "catalogs" / "emb3d"
        / "threats_properties_mitigations_mappings.json")


def _mapping(catalog, *, drop: str | None = None, counters: dict | None = None) -> dict:
    """A mapping file naming every id the catalog cites (minus ``drop``); ``counters`` says
    which MIDs mitigate which TID."""
    counters = counters or {}
    tids = {r for t in catalog.threats.values() for r in t.references.emb3d
            if r.startswith("TID")} - {drop}
    pids = sorted({r for t in catalog.threats.values() for r in t.references.emb3d
                   if r.startswith("PID")} - {drop})
    mids = sorted({r for c in catalog.controls.values() for r in c.references.emb3d} - {drop})
    threats = [{"id": tid, "text": tid, "properties": [{"id": p, "text": p} for p in pids],
                "mitigations": [{"id": m, "text": m} for m in counters.get(tid, [])]}
               for tid in sorted(tids)]
    threats.append({"id": "TID-999", "text": "spare", "properties": [],
                    "mitigations": [{"id": m, "text": m} for m in mids]})
    return {"threats": threats}


def test_links_are_split_into_emb3d_mappings_and_project_judgement(tmp_path) -> None:
    catalog = load_catalog()
    # EMB3D says only signed updates counter TID-211 (unauthenticated firmware installation)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_mapping(catalog, counters={"TID-211": ["MID-026"]})), "utf-8")
    check = check_against_emb3d(catalog, load_emb3d(path))
    assert check.unknown == []
    assert ("thing.firmware-tampering", "signed-firmware-updates") in check.supported
    assert ("thing.firmware-tampering", "debug-port-lockdown") in check.judgement
    assert check.links == len(check.supported) + len(check.judgement) >= 20


def test_an_id_missing_from_emb3d_is_named_with_its_threat(tmp_path, capsys) -> None:
    catalog = load_catalog()
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_mapping(catalog, drop="TID-115")), "utf-8")
    assert main(["catalog", "check", "--emb3d", str(path)]) == 1
    err = capsys.readouterr().err
    assert "threats[thing.debug-port-extraction].references.emb3d[0]" in err
    assert "TID-115 is not in EMB3D's mapping file" in err


@pytest.mark.parametrize(("content", "message"), [
    ("{ not json", "m.json"),
    ('{"threats": "all of them"}', "threats"),
    ('{"threats": []}', "no EMB3D threat in the file"),
])
def test_bad_mapping_file_is_one_line(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, "utf-8")
    assert main(["catalog", "check", "--emb3d", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(not REAL.exists(), reason="EMB3D mapping (../shared/catalogs) not present")
def test_every_emb3d_id_of_the_catalog_is_real(capsys) -> None:
    assert main(["catalog", "check", "--emb3d", str(REAL), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["emb3d"]
    assert report["unknown"] == [] and report["cited_ids"] >= 80
    # most links where both ends cite EMB3D are EMB3D's own mappings
    assert len(report["supported_by_emb3d"]) > len(report["project_judgement"])
