"""Microsoft Threat Modeling Tool files: elements, flows, nested boundaries, threats."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as DET
import pytest

from tests.interop.helpers import shared
from workbench.cli.main import main
from workbench.interop.tmt import NULL_GUID, import_tmt
from workbench.model import ModelError

MODELS = ["MTMT_example.tm7", "MTMT_nested_tz.tm7"]


def _ln(e) -> str:
    return e.tag.rsplit("}", 1)[-1]


def _source_counts(name: str) -> dict[str, object]:
    """Count from the XML directly, independently of the importer."""
    root = DET.parse(shared("tmt", name)).getroot()
    out = {"elements": set(), "boxes": set(), "lines": set(), "flows": set(), "threats": 0,
           "dangling": 0}
    for surface in (e for e in root.iter() if _ln(e) == "DrawingSurfaceModel"):
        for section in (e for e in surface if _ln(e) in {"Borders", "Lines"}):
            for kv in section:
                value = next(e for e in kv if _ln(e) == "Value")
                fields = {_ln(e): (e.text or "") for e in value}
                key = fields["Guid"]
                kind = fields["GenericTypeId"]
                if kind == "GE.TB.B":
                    out["boxes"].add(key)
                elif kind == "GE.TB.L":
                    out["lines"].add(key)
                elif kind == "GE.DF":
                    out["flows"].add(key)
                    out["dangling"] += sum(fields[g] == NULL_GUID
                                           for g in ("SourceGuid", "TargetGuid"))
                else:
                    out["elements"].add(key)
    instances = next(e for e in root if _ln(e) == "ThreatInstances")
    out["threats"] = len(list(instances))
    return out


@pytest.mark.parametrize("name", MODELS)
def test_elements_flows_boundaries_and_threats_are_all_imported(name: str) -> None:
    counts = _source_counts(name)
    model = import_tmt(shared("tmt", name)).model
    ids = {c.id for c in model.components}
    assert counts["elements"] <= ids
    assert len(ids) == len(counts["elements"]) + counts["dangling"]
    assert {f.id for f in model.flows} == counts["flows"]
    assert {z.id for z in model.zones} == counts["boxes"] | counts["lines"]
    assert len(model.threats) == counts["threats"]
    assert all(t.key.startswith("tmt:") for t in model.threats)


def test_nested_boundaries_become_nested_zones() -> None:
    model = import_tmt(shared("tmt", "MTMT_nested_tz.tm7")).model
    zones = {z.name: z for z in model.zones}
    assert zones["Sandbox environment"].parent == zones["Generic Trust Border Boundary"].id
    by_name = {c.name: c for c in model.components}
    assert by_name["Sandbox Mongo"].zone == zones["Sandbox environment"].id
    assert by_name["Production Mongo"].zone == zones["Generic Trust Border Boundary"].id
    assert by_name["Customer web client"].zone is None
    https = next(f for f in model.flows if f.name == "HTTPS")
    assert "Internet Boundary" in https.notes and https.encrypted


def test_threats_sit_on_their_flow_with_stride_category() -> None:
    model = import_tmt(shared("tmt", "MTMT_example.tm7")).model
    flows = {f.id for f in model.flows}
    assert all(t.element in flows for t in model.threats)
    assert all(len(t.stride) <= 1 for t in model.threats)
    assert sum(bool(t.stride) for t in model.threats) > 30
    mobile = next(c for c in model.components if c.name == "Mobile Client")
    assert mobile.stencil == "smartphone"


def test_zip_named_tm7_is_rejected_with_one_clear_line(capsys, tmp_path) -> None:
    path = shared("tmt", "invalid-format-zip.tm7")
    with pytest.raises(ModelError, match="ZIP archive"):
        import_tmt(path)
    assert main(["import", str(path), "--from", "tmt", "-o",
                 str(tmp_path / "x.twm.json")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "not a Threat Modeling Tool" in err[0]
    assert not (tmp_path / "x.twm.json").exists()


def test_possible_mitigations_become_shared_controls_linked_to_threats() -> None:
    root = DET.parse(shared("tmt", "MTMT_example.tm7")).getroot()
    texts = set()
    for e in root.iter():
        if _ln(e).startswith("KeyValueOfstringstring"):
            fields = {_ln(c): (c.text or "").strip() for c in e}
            if fields.get("Key") == "PossibleMitigations" and fields.get("Value"):
                texts.add(fields["Value"])
    model = import_tmt(shared("tmt", "MTMT_example.tm7")).model
    assert len(model.controls) == len(texts)
    assert {c.evidence for c in model.controls} == texts
    assert all(len(t.mitigations) == 1 for t in model.threats)
    for control in model.controls:
        linked = {t.element for t in model.threats
                  if any(m.control == control.id for m in t.mitigations)}
        assert set(control.elements) == linked
        assert len(control.title) <= 101


# --- custom templates (issue 16): every type a GUID, only i:type and the template say ---
CORPUS = Path(__file__).parents[1] / "data" / "interop" / "corpus"


def test_custom_template_file_reads_like_the_stock_one() -> None:
    from workbench.interop.registry import import_file

    custom = import_file(CORPUS / "hospital-ward.custom-template.tm7")
    stock = import_file(CORPUS / "hospital-ward.tm7")
    model = custom.model
    # same elements and flows; the annotation is a note, not a component
    assert sorted(c.name for c in model.components) == \
        sorted(c.name for c in stock.model.components)
    assert "Biomed VLAN is flat" in (model.metadata.description or "")
    assert len(model.flows) == 6
    # box boundaries became zones with members; the line boundary a member-less zone
    zones = {z.name: z.id for z in model.zones}
    assert {"Ward", "Hospital data centre", "Internet boundary"} <= set(zones)
    assert {c.zone for c in model.components if c.name == "Infusion pump"} == {zones["Ward"]}
    assert not [c for c in model.components if c.zone == zones["Internet boundary"]]
    assert any("Crosses trust boundary 'Internet boundary'" in (f.notes or "")
               for f in model.flows)
    # the template's own type names drive the mapping
    by_name = {c.name: c for c in model.components}
    assert by_name["Central station"].stencil == "clinical-workstation"
    assert by_name["Device Management Server"].layer.value == "cloud"
    assert len(model.threats) == 1


def test_list_attribute_with_an_absurd_index_chooses_nothing() -> None:
    """A SelectedIndex of 100,000 digits gave "internal error: ValueError" (Python refuses
    to convert it); it names no option, like an index past the list."""
    from defusedxml import ElementTree

    from workbench.interop.tmt import _selected

    item = ElementTree.fromstring(
        "<a><SelectedIndex>" + "9" * 100_000 + "</SelectedIndex>"
        "<Value><b>yes</b><b>no</b></Value></a>")
    assert _selected(item) == ""
    item = ElementTree.fromstring(
        "<a><SelectedIndex>1</SelectedIndex><Value><b>yes</b><b>no</b></Value></a>")
    assert _selected(item) == "no"
