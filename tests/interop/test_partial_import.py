"""One odd flow never refuses a whole vendor file: it becomes a warning (and a flagged
placeholder when an end is missing), the rest comes in, and the summary says what was
skipped and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.interop.registry import import_file

OTM = {"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
       "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 50}}],
       "components": [{"id": "a", "name": "Insulin pump", "type": "x",
                       "parent": {"trustZone": "z"}},
                      {"id": "b", "name": "Cloud API", "type": "x",
                       "parent": {"trustZone": "z"}}]}
NODE = {"id": "n1", "shape": "process", "position": {"x": 0, "y": 0},
        "size": {"width": 10, "height": 10}, "data": {"name": "Pump", "type": "tm.Process"}}
NODE2 = {"id": "n2", "shape": "store", "position": {"x": 50, "y": 0},
         "size": {"width": 10, "height": 10}, "data": {"name": "Database", "type": "tm.Store"}}


def _td(cells: list) -> str:
    return json.dumps({"version": "2.0", "summary": {"title": "t"},
                       "detail": {"diagrams": [{"cells": cells}]}})


def _tm7(lines: str, threats: str = "") -> str:
    def node(guid: str, name: str, left: int) -> str:
        return (f"<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value>"
                f"<GenericTypeId>GE.P</GenericTypeId><Guid>{guid}</Guid><TypeId>GE.P</TypeId>"
                f"<Left>{left}</Left><Top>0</Top><Width>10</Width><Height>10</Height>"
                f"<Properties><b:anyType><b:DisplayName>Name</b:DisplayName>"
                f"<b:Value>{name}</b:Value></b:anyType></Properties></a:Value>"
                f"</a:KeyValueOfguidanyType>")
    return ("<ThreatModel xmlns:a='x' xmlns:b='y'><DrawingSurfaceList><DrawingSurfaceModel>"
            f"<Borders>{node('p1', 'Pump', 0)}{node('p2', 'Portal', 100)}</Borders>"
            f"<Lines>{lines}</Lines></DrawingSurfaceModel></DrawingSurfaceList>"
            f"<ThreatInstances>{threats}</ThreatInstances></ThreatModel>")


def _tm7_flow(guid: str, src: str, dst: str) -> str:
    return (f"<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value>"
            f"<GenericTypeId>GE.DF</GenericTypeId><Guid>{guid}</Guid>"
            f"<SourceGuid>{src}</SourceGuid><TargetGuid>{dst}</TargetGuid>"
            f"</a:Value></a:KeyValueOfguidanyType>")


CASES = {
    "otm-unknown-end": ("m.json", json.dumps({**OTM, "dataflows": [
        {"id": "f", "name": "F", "source": "a", "destination": "ghost"},
        {"id": "g", "name": "G", "source": "a", "destination": "b"}]}),
        "unknown element 'ghost'", 3, 2),
    "otm-self-loop": ("l.json", json.dumps({**OTM, "dataflows": [
        {"id": "f", "name": "F", "source": "a", "destination": "a"},
        {"id": "g", "name": "G", "source": "a", "destination": "b"}]}),
        "goes from 'a' to itself", 2, 1),
    "td-unknown-cell": ("td.json", _td([NODE, NODE2, {
        "id": "f", "shape": "flow", "source": {"cell": "n1"}, "target": {"cell": "ghost"},
        "data": {}}]), "unknown element 'ghost'", 3, 1),
    "td-empty-cell": ("te.json", _td([NODE, NODE2, {
        "id": "f", "shape": "flow", "source": {"cell": ""}, "target": {"cell": "n2"},
        "data": {}}, {"id": "g", "shape": "flow", "source": {"cell": "n1"},
                      "target": {"cell": "n2"}, "data": {}}]), "dangling arrow", 3, 2),
    "td-self-loop": ("ts.json", _td([NODE, NODE2, {
        "id": "f", "shape": "flow", "source": {"cell": "n1"}, "target": {"cell": "n1"},
        "data": {"name": "retry", "threats": [{"id": "t1", "title": "Replay", "type":
                                               "Tampering", "status": "Open"}]}}]),
        "goes from 'n1' to itself", 2, 0),
    "tmt-unknown-end": ("m.tm7", _tm7(_tm7_flow("f", "p1", "ghost")
                                      + _tm7_flow("g", "p1", "p2")),
                        "unknown element 'ghost'", 3, 2),
    "tmt-self-loop": ("s.tm7", _tm7(_tm7_flow("f", "p1", "p1") + _tm7_flow("g", "p1", "p2")),
                      "to itself", 2, 1),
    "csv-unknown-end": ("m.csv", "kind,id,name,source,target\ncomponent,a,A,,\n"
                        "component,b,B,,\nflow,f,,a,ghost\nflow,g,,a,b\n",
                        "unknown component 'ghost'", 2, 1),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_odd_flow_is_a_warning_and_the_rest_comes_in(case: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    name, content, expected, components, flows = CASES[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.twm.json"
    assert main(["import", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert expected in printed
    result = import_file(path)
    assert len(result.model.components) == components
    assert len(result.model.flows) == flows
    assert any(expected in w for w in result.warnings)
    placeholders = [c for c in result.model.components if c.name == "Unconnected end"]
    assert len(placeholders) == components - 2  # every case draws two real elements
    for c in placeholders:  # flagged for the analyst, never silently mixed in
        assert "[unmapped]" in (c.properties.notes or "")


def test_self_loop_threat_moves_to_its_element(tmp_path: Path) -> None:
    path = tmp_path / "ts.json"
    path.write_text(CASES["td-self-loop"][1], encoding="utf-8")
    result = import_file(path)
    assert [t.element for t in result.model.threats] == ["n1"]
    assert result.skipped and "to itself" in result.skipped[0]
    assert any("skipped 1 item" in line for line in result.report_lines())


def test_json_report_lists_what_was_skipped(tmp_path: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "l.json"
    path.write_text(CASES["otm-self-loop"][1], encoding="utf-8")
    assert main(["import", str(path), "-o", str(tmp_path / "o.twm.json"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["skipped"]) == 1 and "to itself" in report["skipped"][0]
    assert all("confidence" in m for m in report["mapping"])
