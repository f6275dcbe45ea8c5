"""`workbench import NEW --onto OLD`: a vendor's new version keeps the analyst's work."""

from __future__ import annotations

import json

from workbench.cli.main import main
from workbench.model.io import load_model
from workbench.model.reclassify import to_classify

HEADER = "kind,id,name,type,layer,zone,source,target,protocol,encrypted,authenticated\n"
V1 = HEADER + """zone,home,Patient home,,,,,,,,
component,pump,Insulin pump,insulin-pump,thing,home,,,,,
component,relay,Phone relay,smartphone,gateway,home,,,,,
component,cloud,Frobnicator,frobnicator,cloud,,,,,,
flow,f-pump-relay,,,,,pump,relay,BLE,yes,yes
flow,f-relay-cloud,,,,,relay,cloud,HTTPS,yes,yes
"""
# Version 2: the phone relay is replaced by a home hub; the cloud is renamed.
V2 = HEADER + """zone,home,Patient home,,,,,,,,
component,pump,Insulin pump,insulin-pump,thing,home,,,,,
component,hub,Home hub,home-hub,gateway,home,,,,,
component,cloud,Frobnicator Cloud 2,frobnicator,cloud,,,,,,
flow,f-pump-hub,,,,,pump,hub,BLE,yes,yes
flow,f-hub-cloud,,,,,hub,cloud,HTTPS,yes,no
"""


def _reviewed_v1(tmp_path):
    """Version 1 imported, then worked on: classified, targeted, decided, reviewed."""
    (tmp_path / "v1.csv").write_text(V1, "utf-8")
    (tmp_path / "v2.csv").write_text(V2, "utf-8")
    old = tmp_path / "v1.twm.json"
    assert main(["import", str(tmp_path / "v1.csv"), "-o", str(old)]) == 0
    assert main(["classify", str(old), "cloud", "vendor-device-cloud"]) == 0
    assert main(["threats", str(old), "--write"]) == 0
    assert main(["review", str(old), "--set", "sbom=no", "--vendor", "Acme"]) == 0
    data = json.loads(old.read_text("utf-8"))
    data["targets"] = [{"id": "t-pump", "element": "pump", "kind": "patient_safety"},
                       {"id": "t-relay", "element": "relay", "kind": "health_data"}]
    data["attackers"] = [{"id": "radio", "name": "Radio", "entry_elements": ["relay", "pump"]}]
    for threat in data["threats"]:
        if threat["element"] == "relay":
            threat.update(status="accepted", owner="Mobile team")
    data["zones"][0]["trust_level"] = 2
    old.write_text(json.dumps(data), "utf-8")
    return old, tmp_path / "v2.csv"


def test_update_keeps_the_analysts_work_and_takes_the_vendors_structure(tmp_path,
                                                                      capsys) -> None:
    old, v2 = _reviewed_v1(tmp_path)
    new = tmp_path / "v2.twm.json"
    capsys.readouterr()
    assert main(["import", str(v2), "--onto", str(old), "-o", str(new), "--json"]) == 0
    update = json.loads(capsys.readouterr().out)["update"]
    model = load_model(new)
    cloud = model.component("cloud")
    # the analyst's classification survives the vendor's rename
    assert (cloud.stencil, cloud.name) == ("vendor-device-cloud", "Frobnicator Cloud 2")
    assert "cloud" in update["kept_types"] and not any(c.id == "cloud"
                                                       for c in to_classify(model))
    assert update["added"] == ["hub"] and update["removed"] == ["relay"]
    assert {f.id for f in model.flows} == {"f-pump-hub", "f-hub-cloud"}
    assert model.flow("f-hub-cloud").authenticated is False  # the vendor owns the flags
    # targets, entry points, review, zone trust and decisions carried over or reported
    assert [t.id for t in model.targets] == ["t-pump"] and update["dropped_targets"] == ["t-relay"]
    assert model.attackers[0].entry_elements == ["pump"]
    assert update["dropped_entry_points"] == ["radio: relay"]
    assert model.review.vendor == "Acme" and model.review.answers[0].item == "sbom"
    assert model.zones[0].trust_level == 2
    orphans = [t for t in model.threats if t.element == "relay"]
    assert orphans and all(t.status.value == "orphaned" for t in orphans)
    assert {t.previous_status.value for t in orphans} == {"accepted"}
    assert all(t.owner == "Mobile team" for t in orphans)


def test_diff_after_update_shows_only_what_the_vendor_changed(tmp_path, capsys) -> None:
    old, v2 = _reviewed_v1(tmp_path)
    new = tmp_path / "v2.twm.json"
    assert main(["import", str(v2), "--onto", str(old), "-o", str(new)]) == 0
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json", "--no-risk"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in diff["components"]["added"]] == ["hub"]
    assert [c["id"] for c in diff["components"]["removed"]] == ["relay"]
    changed = {c["id"]: c["changes"] for c in diff["components"]["changed"]}
    assert list(changed) == ["cloud"] and list(changed["cloud"]) == ["name"]
    assert diff["metadata"] == {} and not diff["data_assets"]["removed"]


def test_update_onto_a_bad_model_is_one_line(tmp_path, capsys) -> None:
    (tmp_path / "v2.csv").write_text(V2, "utf-8")
    bad = tmp_path / "bad.twm.json"
    bad.write_text("{ nope", "utf-8")
    out = tmp_path / "out.twm.json"
    assert main(["import", str(tmp_path / "v2.csv"), "--onto", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.twm.json" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_threat_dragon_version_two_keeps_classification(tmp_path, capsys) -> None:
    """The real Threat Dragon model, the vendor renaming one process in version 2."""
    from tests.interop.helpers import shared

    source = shared("threatdragon", "iot-device.json")
    v2 = tmp_path / "v2.json"
    v2.write_text(source.read_text("utf-8").replace('"My script"', '"Admin script"'), "utf-8")
    old, new = tmp_path / "v1.twm.json", tmp_path / "v2.twm.json"
    assert main(["import", str(source), "-o", str(old)]) == 0
    device = next(c.id for c in load_model(old).components if c.name == "IoT Device")
    assert main(["classify", str(old), device, "home-hub"]) == 0
    assert main(["import", str(v2), "--onto", str(old), "-o", str(new)]) == 0
    model = load_model(new)
    assert model.component(device).stencil == "home-hub"
    assert len(to_classify(model)) == len(to_classify(load_model(old)))
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--no-risk"]) == 0
    out = capsys.readouterr().out
    assert "name: 'My script' -> 'Admin script'" in out and "components: +0 -0 ~1" in out


def test_a_control_on_a_removed_element_forgets_it_and_the_file_loads_again(tmp_path) -> None:
    """Everything that named the removed phone relay follows it, controls included."""
    old, v2 = _reviewed_v1(tmp_path)
    data = json.loads(old.read_text("utf-8"))
    data["controls"] = [{"id": "ctl-mdm", "title": "Managed phones",
                         "elements": ["relay", "pump"], "status": "implemented"}]
    old.write_text(json.dumps(data), "utf-8")
    new = tmp_path / "v2.twm.json"
    assert main(["import", str(v2), "--onto", str(old), "-o", str(new)]) == 0
    model = load_model(new)  # refuses dangling references
    assert model.controls[0].elements == ["pump"]


# Ids the importer of sessions 1-2 changed and the current one changes differently: a
# name with spaces, a trailing "_" or "@" (stripped then, kept now), two ids that clashed
# then ("hub a", "hub/a" -> "hub-a", "hub-a-2" in file order) with different names, and
# two with the same name (nothing tells them apart).
LONG = "sensor@"
V1_ODD = HEADER + f"""zone,Home zone,Patient home,,,,,,,,
component,Patient database,Patient database,database,cloud,,,,,,
component,pump_,Insulin pump,insulin-pump,thing,Home zone,,,,,
component,{LONG},Glucose sensor,cgm-sensor,thing,Home zone,,,,,
component,hub a,Hub A,home-hub,gateway,Home zone,,,,,
component,hub/a,Hub B,home-hub,gateway,Home zone,,,,,
component,relay x,Relay,smartphone,gateway,Home zone,,,,,
component,relay/x,Relay,smartphone,gateway,Home zone,,,,,
flow,flow 1,,,,,pump_,hub a,BLE,yes,yes
flow,flow 2,,,,,hub a,Patient database,HTTPS,yes,yes
"""


def _as_session_two(model):
    """``model`` with the ids the session-2 importer gave (no source_id): its rule, in file
    order, clashes numbered -2, -3."""
    from workbench.interop.match_ids import IdMatches, adopt_previous_ids, legacy_id

    used: set[str] = set()
    ids: dict[str, str] = {}
    for kind, hint in (("zones", "zone"), ("components", "element"), ("flows", "flow")):
        for item in getattr(model, kind):
            base = legacy_id(item.source_id or item.id, hint)
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            ids[item.id] = candidate
    renamed = adopt_previous_ids(model, IdMatches(renamed=ids))
    strip = {"source_id": None}
    return renamed.model_copy(update={
        kind: [x.model_copy(update=strip) for x in getattr(renamed, kind)]
        for kind in ("zones", "components", "flows")})


def test_update_of_a_session_two_import_matches_by_source_id(tmp_path, capsys) -> None:
    """An import made before ids were derived from the source id: version 2 keeps the
    classification, target and decisions of every element the old ids can be traced to,
    and names the two it cannot tell apart instead of guessing."""
    from workbench.model import Target
    from workbench.model.io import save_model

    (tmp_path / "odd.csv").write_text(V1_ODD, "utf-8")
    fresh = tmp_path / "fresh.twm.json"
    assert main(["import", str(tmp_path / "odd.csv"), "-o", str(fresh)]) == 0
    old_model = _as_session_two(load_model(fresh))
    old_ids = {c.name: c.id for c in old_model.components}
    assert old_ids["Patient database"] == "Patient-database"
    assert old_ids["Insulin pump"] == "pump" and old_ids["Glucose sensor"] == "sensor"
    assert (old_ids["Hub A"], old_ids["Hub B"]) == ("hub-a", "hub-a-2")
    old_model = old_model.model_copy(update={"targets": [
        Target(id="t-db", element="Patient-database", kind="health_data"),
        Target(id="t-pump", element="pump", kind="patient_safety")]})
    old = tmp_path / "v1.twm.json"
    save_model(type(old_model).model_validate(old_model.model_dump()), old)
    assert main(["classify", str(old), "Patient-database", "hds-host"]) == 0
    new = tmp_path / "v2.twm.json"
    capsys.readouterr()
    assert main(["import", str(tmp_path / "odd.csv"), "--onto", str(old), "-o", str(new),
                 "--json"]) == 0
    update = json.loads(capsys.readouterr().out)["update"]
    model = load_model(new)
    # Everything traceable keeps its previous id, so the analyst's work stays on it.
    assert model.component("Patient-database").stencil == "hds-host"
    assert model.component("Patient-database").source_id == "Patient database"
    assert [t.element for t in model.targets] == ["Patient-database", "pump"]
    assert model.component("pump").source_id == "pump_"
    assert model.component("sensor").source_id == LONG
    assert model.component("hub-a").name == "Hub A"
    assert model.component("hub-a-2").name == "Hub B"
    assert model.flow("flow-1").source == "pump" and model.zones[0].id == "Home-zone"
    assert update["dropped_targets"] == []
    # The two relays share a name: the old numbering followed file order, so no guess:
    # both are named, come in as new and the old ones go (the analyst classifies again).
    relays = [c.id for c in load_model(fresh).components if c.name == "Relay"]
    assert sorted(a.split(":")[0] for a in update["ambiguous_ids"]) == sorted(relays)
    assert update["removed"] == ["relay-x", "relay-x-2"] and update["added"] == relays
    assert "Patient-database" in " ".join(update["matched_ids"])
