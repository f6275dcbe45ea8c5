"""Hostile files: each gives one clear line naming the file, exit 1, no traceback, no hang."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from workbench.cli.main import main

BILLION_LAUGHS_YAML = "\n".join(
    ["otmVersion: 0.2.0", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
       for i in range(9)]) + "\nproject: {name: p, id: p}\n"

XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<ThreatModel><DrawingSurfaceList>&lol3;</DrawingSurfaceList></ThreatModel>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ThreatModel><DrawingSurfaceList>&xxe;</DrawingSurfaceList></ThreatModel>
"""

OTM_OK = {"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
          "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 50}}],
          "components": [{"id": "a", "name": "A", "type": "x", "parent": {"trustZone": "z"}}]}


def _otm(**changes: object) -> str:
    doc = json.loads(json.dumps(OTM_OK))
    doc.update(changes)
    return json.dumps(doc)


def _td(cells: list) -> str:
    return json.dumps({"version": "2.2.0", "summary": {"title": "T"},
                       "detail": {"diagrams": [{"id": 0, "cells": cells}]}})


NODE = {"id": "n1", "shape": "process", "data": {"name": "P"}}

CASES = {
    "yaml-bomb": ("bomb.otm.yaml", "otm", BILLION_LAUGHS_YAML, "alias"),
    "yaml-deep": ("deep.yaml", "otm", "a: " + "[" * 5000 + "]" * 5000 + "\n", "nested"),
    "yaml-deep-under-libyaml-limit": ("deep2.yaml", "otm", "a: " + "[" * 500 + "]" * 500 + "\n",
                                      "nested more than 64"),
    "yaml-python-tag": ("tag.yaml", "otm",
                        "otmVersion: !!python/object/apply:os.system ['true']\n",
                        "invalid YAML"),
    "yaml-syntax": ("bad.yaml", "otm", "otmVersion: [unclosed\n", "invalid YAML"),
    "json-deep-otm": ("deep.json", "otm", "[" * 100_000 + "]" * 100_000, "nested"),
    "json-deep-td": ("deep-td.json", "threatdragon", '{"a":' * 5000 + "1" + "}" * 5000,
                     "nested"),
    "otm-wrong-type": ("t.json", "otm", _otm(components="everything"),
                       "components: expected a list"),
    "otm-name-not-text": ("n.json", "otm",
                          _otm(components=[{"id": "a", "name": ["x"], "type": "x",
                                            "parent": {"trustZone": "z"}}]),
                          "components[0].name: expected text"),
    "otm-missing-zone": ("mz.json", "otm",
                         _otm(components=[{"id": "a", "name": "A", "type": "x",
                                           "parent": {"trustZone": "nowhere"}}]),
                         "unknown trust zone 'nowhere'"),
    "otm-missing-threat": ("mt.json", "otm",
                           _otm(components=[{"id": "a", "name": "A", "type": "x",
                                             "parent": {"trustZone": "z"},
                                             "threats": [{"threat": "t9", "state": "x"}]}]),
                           "unknown threat 't9'"),
    "otm-not-an-object": ("list.json", "otm", "[1, 2, 3]", "expected an object"),
    "td-wrong-type": ("tdw.json", "threatdragon", _td([NODE, 42]), "expected an object"),
    "td-no-diagram": ("tdn.json", "threatdragon",
                      json.dumps({"version": "2.0", "detail": {"diagrams": []}}), "no diagram"),
    "xml-bomb": ("bomb.tm7", "tmt", XML_BOMB, "refused for safety"),
    "xml-external-entity": ("xxe.tm7", "tmt", XXE, "refused for safety"),
    "xml-broken": ("broken.tm7", "tmt", "<ThreatModel><oops></ThreatModel>", "not valid XML"),
    "xml-wrong-root": ("other.tm7", "tmt", "<html><body/></html>", "not a Threat Modeling"),
    "csv-unknown-column": ("c.csv", "csv", "kind,id,colour\ncomponent,a,red\n",
                           "unknown column"),
    "csv-bad-flag": ("b.csv", "csv", "kind,id,source,target,encrypted\ncomponent,a,,,\n"
                     "component,b,,,\nflow,f,a,b,maybe\n", "expected yes or no"),
    "not-utf8": ("latin.csv", "csv", b"kind,id,name\ncomponent,a,\xe9t\xe9\n", "not UTF-8"),
    "empty": ("empty.yaml", "otm", "", "empty"),
    # issue 16: a 100,000-digit integer gave "internal error" (Python refuses to convert
    # 4,301 digits or more) in YAML and CSV; JSON already named it
    "huge-integer-otm-json": ("big.json", "otm",
                              _otm(trustZones=[{"id": "z", "name": "Z",
                                                "risk": {"trustRating": 1}}]).replace(
                                  '"trustRating": 1', '"trustRating": ' + "9" * 100_000),
                              "integer of 100,000 digits is out of range"),
    "huge-integer-otm-yaml": ("big.otm.yaml", "otm",
                              "otmVersion: 0.2.0\nproject: {name: P, id: p}\ntrustZones:\n"
                              "  - {id: z, name: Z, risk: {trustRating: " + "9" * 100_000
                              + "}}\n", "line 4 column 42: integer of 100,000 digits"),
    "huge-integer-threagile": ("big.yaml", "threagile",
                               "threagile_version: 1.0.0\ntitle: T\ntechnical_assets:\n"
                               "  a: {id: a, type: process, confidentiality: "
                               + "9" * 100_000 + "}\n", "integer of 100,000 digits"),
    "huge-integer-csv": ("big.csv", "csv", "kind,id,name,trust_level\nzone,z,Z,"
                         + "9" * 100_000 + "\n", "(100,000 characters)"),
    "huge-integer-td": ("big-td.json", "threatdragon",
                        _td([dict(NODE, position={"x": 1, "y": 0})]).replace(
                            '"x": 1', '"x": ' + "9" * 100_000),
                        "integer of 100,000 digits is out of range"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_gives_one_clear_line_and_exit_1(case: str, tmp_path: Path,
                                                      capsys) -> None:
    name, fmt, content, expected = CASES[case]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.twm.json"
    started = time.perf_counter()
    code = main(["import", str(path), "--from", fmt, "-o", str(out)])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 1, err
    lines = err.strip().splitlines()
    assert lines and all(line.startswith(str(path)) for line in lines), err
    assert expected in err
    assert "Traceback" not in err and "internal error" not in err
    assert len(err) < 1000, "the message quotes the whole value"
    assert not out.exists()
    assert elapsed < 10, f"{case} took {elapsed:.1f} s"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, capsys,
                                                            monkeypatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_MODEL_MB", "0.01")
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({**OTM_OK, "padding": "x" * 20_000}), encoding="utf-8")
    for fmt in ("otm", "threatdragon", "tmt", "csv"):
        assert main(["import", str(path), "--from", fmt, "-o",
                     str(tmp_path / "o.twm.json")]) == 1
        err = capsys.readouterr().err
        assert "over the" in err and "MB limit" in err and str(path) in err


def test_missing_file_and_directory(tmp_path, capsys) -> None:
    for target in (tmp_path / "nope.json", tmp_path):
        assert main(["import", str(target), "--from", "otm", "-o",
                     str(tmp_path / "o.twm.json")]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
