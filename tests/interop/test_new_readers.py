"""Threat Dragon 1.x and Threagile YAML, read from real files written in those formats
(tests/data/interop/, see the README there), and the message when a file is not OTM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.interop.registry import guess_format, import_file

DATA = Path(__file__).parents[1] / "data" / "interop"
TD1 = DATA / "threatdragon-v1" / "infusion-pump-fleet-v1.json"
THREAGILE = DATA / "threagile" / "cardio-remote-monitoring.yaml"


def test_threat_dragon_v1_comes_in_whole() -> None:
    assert guess_format(TD1) == "threatdragon"
    result = import_file(TD1)
    model = result.model
    names = {c.name: c for c in model.components}
    assert set(names) == {"Ward nurse", "Infusion pump", "Pump Management Server",
                          "Infusion history database", "EHR interface engine"}
    assert names["Infusion pump"].stencil == "infusion-pump"
    assert names["Infusion history database"].layer.value == "cloud"  # a store
    assert names["Infusion history database"].properties.encryption_at_rest is True
    flows = {f.name: f for f in model.flows}
    assert flows["Status and alarms"].encrypted and flows["Status and alarms"].protocol == "HTTPS"
    assert flows["Programs infusion"].source == names["Ward nurse"].id
    assert "Owned by the hospital IT team" in (flows["HL7 results"].notes or "")
    # the boundary curve between the ward and the servers is crossed by the status flow
    assert "Crosses trust boundary" in (flows["Status and alarms"].notes or "")
    titles = {t.title: t for t in model.threats}
    assert set(titles) == {"Dose library altered over Wi-Fi", "Rogue pump registers",
                           "Alarm flood hides real alarms"}
    assert titles["Rogue pump registers"].status.value == "mitigated"
    assert titles["Alarm flood hides real alarms"].element == flows["Status and alarms"].id
    assert any("1.x" in w for w in result.warnings)


def test_threagile_maps_assets_links_boundaries_and_data() -> None:
    assert guess_format(THREAGILE) == "threagile"
    model = import_file(THREAGILE).model
    comps = model.components_by_id()
    assert len(comps) == 7 and len(model.flows) == 6 and len(model.zones) == 3
    assert comps["patient-database"].layer.value == "cloud"  # a datastore, not a "patient"
    assert comps["patient-database"].zone == "data-vpc"
    assert comps["patient-database"].properties.encryption_at_rest is True
    assert comps["ecg-patch"].stencil == "wearable-ecg-patch"
    assert comps["cardiologist-browser"].layer.value == "thing"
    assert comps["home-hub"].zone == "patient-home"
    assert comps["ingest-api"].properties.internet_exposed
    assert "Out of scope in Threagile" in (comps["cardiologist-browser"].properties.notes or "")
    zones = {z.id: z for z in model.zones}
    assert zones["data-vpc"].parent == "vendor-cloud"
    assert zones["vendor-cloud"].kind.value == "vendor_cloud"
    ecg = next(a for a in model.data_assets if a.id == "ecg-recordings")
    assert (ecg.confidentiality, ecg.integrity, ecg.availability) == (4, 4, 3)
    assert ecg.kind.value == "health_data"
    flows = {f.name: f for f in model.flows}
    assert flows["Upload"].encrypted and flows["Upload"].authenticated
    assert not flows["Firmware Download"].authenticated
    assert flows["ECG Stream"].encrypted  # binary-encrypted
    assert flows["Upload"].data_assets == ["ecg-recordings"]
    threats = {t.element for t in model.threats}
    assert threats == {"home-hub", flows["Firmware Download"].id}


def test_threagile_given_as_otm_says_what_it_is(tmp_path: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "x.twm.json"
    assert main(["import", str(THREAGILE), "--from", "otm", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "otmVersion: missing" not in err
    assert "Threagile model" in err and "--from threagile" in err


def test_threat_dragon_given_as_otm_says_what_it_is(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(json.loads(TD1.read_text())), "utf-8")
    assert main(["import", str(path), "--from", "otm", "-o", str(tmp_path / "o.twm.json")]) == 1
    assert "Threat Dragon model" in capsys.readouterr().err
