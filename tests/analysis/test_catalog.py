"""Catalog integrity, domain coverage, user extensions and hostile catalog files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.catalog import (
    USER_CATALOG_ENV,
    check_catalog,
    load_catalog,
    shipped_catalog_files,
)
from workbench.analysis.rules import suggest_threats
from workbench.cli.main import main
from workbench.model import COMPONENT_VOCABULARY, FLOW_VOCABULARY, ModelError
from workbench.model.conditions import check_condition
from workbench.model.defaults import IMPACT_CATEGORIES

CATEGORIES = [c for c, _, _ in IMPACT_CATEGORIES]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def test_sizes_and_layer_coverage(catalog) -> None:
    assert len(catalog.threats) >= 60
    assert len(catalog.controls) >= 50
    layers = {lay.value for t in catalog.threats.values() for lay in t.layers}
    assert layers == {"thing", "gateway", "network", "cloud"}
    assert sum(t.applies_to == "flow" for t in catalog.threats.values()) >= 8
    assert {c.kind for c in catalog.controls.values()} == {"prevent", "detect", "respond",
                                                            "recover"}


def test_integrity_unique_ids_links_rules(catalog) -> None:
    ids = []
    for path in shipped_catalog_files():
        doc = json.loads(path.read_text())
        ids += [t["id"] for t in doc.get("threats", [])] + [c["id"] for c in
                                                             doc.get("controls", [])]
    assert len(ids) == len(set(ids))
    assert check_catalog(catalog, CATEGORIES) == []
    for threat in catalog.threats.values():
        vocabulary = FLOW_VOCABULARY if threat.applies_to == "flow" else COMPONENT_VOCABULARY
        if threat.when is not None:
            assert check_condition(threat.when, vocabulary) == [], threat.id
        for cid in threat.suggested_controls:
            assert threat.id in catalog.controls[cid].mitigates, (threat.id, cid)
    for control in catalog.controls.values():
        assert control.mitigates, f"{control.id} mitigates nothing"
        assert all(t in catalog.threats for t in control.mitigates)


def test_every_entry_has_a_french_title(catalog) -> None:
    """French users (hospital CISOs, ANS/HDS auditors) read the reports in French."""
    entries = list(catalog.threats.values()) + list(catalog.controls.values())
    assert all(e.title_fr and e.title_fr != e.title for e in entries)


def test_patient_safety_threats_name_hazard_and_harm(catalog) -> None:
    safety = [t for t in catalog.threats.values() if t.patient_safety]
    assert len(safety) >= 15
    assert all(t.hazard and t.harm for t in safety)
    assert any(t.mass_harm for t in safety)


def test_references_are_present_and_well_formed(catalog) -> None:
    threats = list(catalog.threats.values())
    assert sum(bool(t.references.capec) for t in threats) >= 50
    assert sum(bool(t.references.cwe) for t in threats) >= 60
    assert sum(bool(t.references.emb3d) for t in threats if t.layers and
               {lay.value for lay in t.layers} & {"thing", "gateway"}) >= 15
    controls = list(catalog.controls.values())
    assert all(c.references.iso27001 for c in controls)
    iso = {ref for c in controls for ref in c.references.iso27001}
    # the controls the issue names explicitly
    assert {"A.8.24", "A.5.24", "A.8.13", "A.8.22", "A.8.7", "A.8.8", "A.8.15", "A.8.16",
            "A.5.30", "A.5.19", "A.8.5"} <= iso
    gdpr = {ref for c in controls for ref in c.references.gdpr}
    assert {"Art. 5", "Art. 9", "Art. 25", "Art. 28", "Art. 32", "Art. 33", "Art. 34",
            "Art. 35"} <= gdpr
    assert {"E1", "E2", "E3"} <= {e for c in controls for e in c.references.has_5b}
    assert any(c.references.incident_reporting for c in controls)
    assert {"authentication", "identity_proofing", "digital_signature",
            "information_integrity"} <= {d for c in controls for d in c.references.safe_biopharma}


def test_domain_risks_are_covered(catalog) -> None:
    """Everything DOMAIN.md names has a threat type."""
    for tid in ("thing.sensor-inaccuracy", "cloud.data-integrity", "cloud.data-loss",
                "cloud.insider-misuse", "cloud.impersonation-identity-theft",
                "thing.unauthorized-therapy-change", "thing.radio-jamming",
                "thing.device-identity-spoofing", "thing.malicious-app", "flow.mitm",
                "thing.mobile-os-exploit", "cloud.ransomware", "cloud.cloud-service-outage",
                "cloud.health-records-exposed-web", "thing.firmware-tampering",
                "cloud.supply-chain", "cloud.misconfiguration",
                "cloud.reidentification-secondary-use", "cloud.insurer-profiling",
                "cloud.fake-notifications", "flow.cleartext-across-boundary",
                "flow.unauthenticated-source", "flow.replay"):
        assert tid in catalog.threats, tid
    controls = set(catalog.controls)
    for cid in ("immutable-backups", "continuity-plan", "network-segmentation",
                "device-hardening", "signed-firmware-updates", "mobile-device-management",
                "security-logging", "soc-monitoring"):
        assert cid in controls, cid


def _write(tmp_path: Path, doc: dict, name: str = "acme.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


USER_DOC = {
    "catalog_format": 1, "namespace": "acme", "version": "1",
    "threats": [{
        "id": "acme:pump-wifi-bridge", "title": "Pump bridged to guest Wi-Fi",
        "description": "Our pumps are sometimes paired with the guest network.",
        "layers": ["thing"], "stride": ["E"], "impacts": ["care_delivery"],
        "when": {"attr": "stencil", "op": "eq", "value": "insulin-pump"},
        "suggested_controls": ["network-segmentation"]}],
    "controls": [{
        "id": "acme:pump-cage", "title": "Locked pump cage", "description": "Cage.",
        "layers": ["thing"], "kind": "prevent", "effectiveness": 0.3, "cost": "low",
        "mitigates": ["thing.physical-tampering", "acme:pump-wifi-bridge"],
        "references": {"iso27001": ["A.7.8"]}}],
}


def test_user_catalog_extends_without_editing_shipped(tmp_path, catalog) -> None:
    path = _write(tmp_path, USER_DOC)
    extended = load_catalog([path], include_user_env=False)
    assert len(extended.threats) == len(catalog.threats) + 1
    assert "acme:pump-cage" in {c.id for c in extended.controls_for("thing.physical-tampering")}
    assert {t.id for t in extended.threats_for("acme:pump-cage")} == {
        "thing.physical-tampering", "acme:pump-wifi-bridge"}
    keys = {t.key for t in suggest_threats(tiny_model(), extended).threats}
    assert "acme:pump-wifi-bridge@pump" in keys


def test_user_catalog_from_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(USER_CATALOG_ENV, str(_write(tmp_path, USER_DOC)))
    assert "acme:pump-wifi-bridge" in load_catalog().threats


def _error(tmp_path: Path, doc, name: str = "acme.json") -> str:
    path = _write(tmp_path, doc, name) if not isinstance(doc, str) else tmp_path / name
    if isinstance(doc, str):
        path.write_text(doc)
    with pytest.raises(ModelError) as info:
        load_catalog([path], include_user_env=False)
    text = info.value.describe()
    assert str(path) in text
    return text


def _with_threat(**changes) -> dict:
    doc = json.loads(json.dumps(USER_DOC))
    doc["threats"][0].update(changes)
    return doc


def test_hostile_unknown_operator(tmp_path) -> None:
    text = _error(tmp_path, _with_threat(when={"attr": "stencil", "op": "regex",
                                               "value": ".*"}))
    assert "threats[0].when.op" in text and "unknown operator 'regex'" in text


def test_hostile_unknown_attribute(tmp_path) -> None:
    text = _error(tmp_path, _with_threat(when={"attr": "properties.colour", "op": "eq",
                                               "value": "red"}))
    assert "unknown attribute 'properties.colour'" in text and "threats[0].when" in text


def test_hostile_code_in_a_rule_is_only_data(tmp_path) -> None:
    """A string that looks like code is compared as a value, never run."""
    doc = _with_threat(when={"attr": "stencil", "op": "eq",
                             "value": "__import__('os').system('touch pwned')"})
    extended = load_catalog([_write(tmp_path, doc)], include_user_env=False)
    keys = {t.key for t in suggest_threats(tiny_model(), extended).threats}
    assert not any(k.startswith("acme:") for k in keys)
    assert not Path("pwned").exists()


def test_hostile_files_are_rejected_with_one_clear_message(tmp_path) -> None:
    assert "invalid JSON" in _error(tmp_path, "{not json")
    assert "nested" in _error(tmp_path, "[" * 200 + "]" * 200)
    assert "must declare a 'namespace'" in _error(tmp_path, {**USER_DOC, "namespace": None})
    doc = _with_threat(id="pump-wifi-bridge")
    assert "must start with 'acme:'" in _error(tmp_path, doc)
    doc = json.loads(json.dumps(USER_DOC))
    doc["controls"][0]["id"] = "acme:x"
    doc["namespace"] = "acme"
    doc["threats"][0]["suggested_controls"] = ["acme:missing"]
    assert "unknown control 'acme:missing'" in _error(tmp_path, doc)
    doc = _with_threat(stride=["X"])
    assert "threats[0].stride[0]" in _error(tmp_path, doc)
    doc = json.loads(json.dumps(USER_DOC))
    doc["controls"][0]["references"] = {"iso27001": ["A.8.99"]}
    assert "not an ISO/IEC 27001:2022 Annex A control" in _error(tmp_path, doc)
    doc = _with_threat(patient_safety=True)
    assert "needs 'hazard' and 'harm'" in _error(tmp_path, doc)
    doc = json.loads(json.dumps(USER_DOC))
    doc["threats"] = [{**USER_DOC["threats"][0], "id": "acme:a", "unexpected": 1}]
    assert "unknown field" in _error(tmp_path, doc)


def test_user_file_cannot_redefine_shipped_id(tmp_path) -> None:
    doc = json.loads(json.dumps(USER_DOC))
    doc["namespace"] = "flow"  # tries to sneak in "flow.cleartext-..." ids? prefix must be flow:
    doc["threats"][0]["id"] = "flow:x"
    doc["controls"] = []
    load_catalog([_write(tmp_path, doc)], include_user_env=False)  # own namespace is fine
    shipped = json.loads(json.dumps(USER_DOC))
    shipped["threats"][0]["id"] = "flow.mitm"
    assert "must start with 'acme:'" in _error(tmp_path, shipped)


def test_cli_catalog_commands(tmp_path, capsys) -> None:
    assert main(["catalog", "check"]) == 0
    assert " ok" in capsys.readouterr().out
    assert main(["catalog", "threats", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) >= 60 and {"id", "title", "stride", "impacts"} <= set(listed[0])
    assert main(["catalog", "controls", "--layer", "network"]) == 0
    out = capsys.readouterr().out
    assert "network-segmentation" in out and "mfa " not in out
    bad = _write(tmp_path, _with_threat(when={"attr": "nope", "op": "eq", "value": 1}))
    assert main(["catalog", "check", "--catalog", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "unknown attribute 'nope'" in err and "Traceback" not in err
