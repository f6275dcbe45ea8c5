"""The loader refuses what a later command could not handle, with ``FILE: path: message``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model import dumps_model, load_model
from workbench.model.edits import new_id
from workbench.model.errors import ModelError

from ..model.factories import tiny_model


def _doc() -> dict:
    return json.loads(dumps_model(tiny_model()))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.twm.json"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ModelError) as info:
        load_model(path)
    return [p.format(str(path)) for p in info.value.problems]


def _literal(literal: str) -> str:
    """The tiny model with the first zone's trust level written as ``literal``."""
    doc = _doc()
    doc["zones"][0]["trust_level"] = "@@"
    return json.dumps(doc).replace('"@@"', literal)


def _with(mutate) -> str:
    doc = _doc()
    mutate(doc)
    return json.dumps(doc)


CASES = {
    # a NaN in an attacker capability, a trust level of 5,000 digits, Infinity in an option
    "nan": (_literal("NaN"), "zones[0].trust_level: nan is not a finite number"),
    "huge-int": (_literal("7" * 5000),
                 "zones[0].trust_level: integer of 5,000 digits is out of range"),
    "huge-negative": (_literal("-" + "7" * 4301),
                      "zones[0].trust_level: integer of 4,301 digits is out of range"),
    "inf-option": (_with(lambda d: d["risk"].setdefault("options", {}).update(w=1e400)),
                   "risk.options.w: inf is not a finite number"),
    "big-option": (_with(lambda d: d["risk"].setdefault("options", {}).update(w=1e300)),
                   "risk.options.w: number 1e+300 is out of range"),
    "surrogate-value": (_with(lambda d: d["risk"].setdefault("options", {}).update(w="\ud800")),
                        "risk.options.w: text holds an unpaired surrogate \\ud800"),
    "surrogate-name": (_with(lambda d: d["components"][0].update(name="Pump \udc00")),
                       "components[0].name: text holds an unpaired surrogate \\udc00"),
    "waypoint-nan": (_with(lambda d: d["layout"]["flows"].update(
        {d["flows"][0]["id"]: {"waypoints": [[0, 1], ["NaN", 2]]}})).replace('"NaN"', "NaN"),
                     "waypoints[1][0]: nan is not a finite number"),
    "waypoint-far": (_with(lambda d: d["layout"]["flows"].update(
        {d["flows"][0]["id"]: {"waypoints": [[3.9e6, 2]]}})),
                     "waypoint 3900000.0 is not a coordinate within ±1,000,000"),
    "box-far": (_with(lambda d: d["layout"]["elements"].update(
        {d["components"][0]["id"]: {"x": 2e6, "y": 0}})),
                "position 2000000.0 is not a coordinate within ±1,000,000"),
    "box-size": (_with(lambda d: d["layout"]["elements"].update(
        {d["components"][0]["id"]: {"x": 0, "y": 0, "w": -5, "h": 40}})),
                 "size -5.0 is not between 0 and 1,000,000"),
    "long-id": (_with(lambda d: d["components"].append(
        dict(d["components"][0], id="c" * 65))),
                "].id: not a valid id"),
    "v0-wrong-type": ('{"elements": 3}', "elements: must be a list, not int"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_with_file_path_message(tmp_path: Path, case: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    text, expected = CASES[case]
    path = _write(tmp_path, text)
    assert any(expected in line for line in _problems(path)), _problems(path)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: ") and "internal error" not in err
    assert expected in err


def test_a_64_character_id_is_accepted_and_analysed(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Ids of 92+ characters used to make threat ids the id rule refuses: `analyze` crashed
    and `report` silently lost threats. At the new limit every threat is still produced."""
    doc = _doc()
    short = doc["components"][0]["id"]
    path = _write(tmp_path, json.dumps(doc))
    assert main(["threats", str(path), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    long_id = "p" * 64
    path.write_text(json.dumps(doc).replace(f'"{short}"', f'"{long_id}"'), encoding="utf-8")
    assert main(["threats", str(path), "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert len(after["threats"]) == len(before["threats"]) > 0
    assert any(t["element"] == long_id for t in after["threats"])


def test_new_ids_from_long_names_fit_the_rule() -> None:
    model = tiny_model()
    ident = new_id(model, "A very long component name " * 10)
    assert len(ident) <= 64
    taken = {ident}
    assert len(new_id(model, "A very long component name " * 10, taken)) <= 64


def test_png_resolution_shrinks_for_a_diagram_at_the_coordinate_limit() -> None:
    """At ±1e6 points a 150 dpi bitmap would be 4e6 pixels wide: Agg failed with a memory
    error. The resolution drops so the bitmap stays within 32,000 px and 64 Mpx."""
    from workbench.report.render import PNG_MAX_PIXELS, PNG_MAX_SIDE, png_dpi

    assert png_dpi(800, 600) == 150  # ordinary diagrams keep full resolution
    for width, height in ((2e6, 2e6), (2e6, 100), (100, 2e6), (40_000, 30_000)):
        dpi = png_dpi(width, height)
        pixels_w, pixels_h = width / 72 * dpi, height / 72 * dpi
        assert max(pixels_w, pixels_h) <= PNG_MAX_SIDE + 1
        assert pixels_w * pixels_h <= PNG_MAX_PIXELS * 1.001
