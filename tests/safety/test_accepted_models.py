"""Property: a model the loader accepts never crashes a command nor makes one exit 0 with
wrong output.

Hypothesis edits the tiny model the way hostile or unlucky files do (ids up to and past the
length limit renamed everywhere, control and bidi characters in names, far coordinates and
sizes, waypoints, options of any shape, numbers at the limits). Whatever the loader refuses
must be refused with ``FILE: path: message``; whatever it accepts goes through the commands,
each checked against an oracle computed directly from the loaded model.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.analysis.catalog import default_catalog
from workbench.analysis.rules import merge_suggestions
from workbench.cli.main import main
from workbench.model import dumps_model, load_model
from workbench.model.errors import ModelError
from workbench.model.layout import ensure_layout

from ..model.factories import tiny_model

BASE = json.loads(dumps_model(ensure_layout(tiny_model())))
ELEMENT_IDS = [c["id"] for c in BASE["components"]] + [f["id"] for f in BASE["flows"]]

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,70}", fullmatch=True)
names = st.text(st.characters(), min_size=1, max_size=40)  # controls, bidi, surrogates
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                    st.floats(-1.1e6, 1.1e6), st.integers(-(2**60), 2**60))
options = st.recursive(st.one_of(st.none(), st.booleans(), numbers, names),
                       lambda inner: st.one_of(st.lists(inner, max_size=3),
                                               st.dictionaries(names, inner, max_size=3)),
                       max_leaves=6)


@st.composite
def documents(draw) -> dict[str, Any]:
    text = json.dumps(BASE)
    for old in draw(st.lists(st.sampled_from(ELEMENT_IDS), max_size=2, unique=True)):
        new = draw(ids)
        if f'"{new}"' not in text:
            text = text.replace(f'"{old}"', f'"{new}"')
    doc = json.loads(text)
    for component in doc["components"]:
        if draw(st.booleans()):
            component["name"] = draw(names)
    doc["metadata"]["title"] = draw(names)
    for box in doc["layout"]["elements"].values():
        if draw(st.booleans()):
            box[draw(st.sampled_from("xywh"))] = draw(numbers)
    if doc["flows"] and draw(st.booleans()):
        doc["layout"]["flows"][doc["flows"][0]["id"]] = {
            "waypoints": draw(st.lists(st.tuples(numbers, numbers), max_size=3))}
    doc["risk"]["options"] = draw(st.dictionaries(st.sampled_from(["x", "cap", "w"]),
                                                  options, max_size=2))
    return doc


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _write(folder: str, doc: dict[str, Any]) -> Path:
    path = Path(folder) / "gen.twm.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=True).encode("ascii"))
    return path


def _accepted(path: Path):
    code, _, err = _run(["validate", "-q", str(path)])
    assert "internal error" not in err
    if code == 1:
        assert err and all(line.startswith(f"{path}: ") for line in err.splitlines()), err
        return None
    assert code == 0, err
    return load_model(path)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_quick_commands_on_accepted_models(doc: dict[str, Any]) -> None:
    with TemporaryDirectory() as folder:
        path = _write(folder, doc)
        model = _accepted(path)
        if model is None:
            return
        expected = merge_suggestions(model, default_catalog())[0]
        for argv in (["info", str(path)], ["threats", str(path), "--json"],
                     ["actors", str(path), "--json"], ["workshop", "agenda", str(path)],
                     ["export", str(path), "--format", "otm"], ["diff", str(path), str(path)],
                     ["review", str(path), "--json"], ["classify", str(path), "--json"]):
            code, out, err = _run(argv)
            assert code == 0 and "internal error" not in err, (argv, err)
            assert "\x1b" not in out + err
            if argv[-1] in {"--json", "otm"}:
                data = json.loads(out)
            if argv[0] == "threats":
                assert {t["id"] for t in data["threats"]} == {t.id for t in expected.threats}
            if argv[-1] == "otm":
                assert {c.id for c in model.components} <= {
                    c["id"] for c in data.get("components", [])} | {
                    c["id"] for t in data.get("trustZones", []) for c in [t]} | _otm_ids(data)
        code, _, err = _run(["threats", str(path), "--write"])
        assert code == 0, err
        assert {t.id for t in load_model(path).threats} == {t.id for t in expected.threats}


def _otm_ids(data: Any) -> set[str]:
    """Every "id" anywhere in an OTM document (components may nest in trust zones)."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_rendering_commands_on_accepted_models(doc: dict[str, Any]) -> None:
    """The slow ones (each renders or analyses): fewer examples, same rule."""
    with TemporaryDirectory() as folder:
        path = _write(folder, doc)
        model = _accepted(path)
        if model is None:
            return
        expected = len(merge_suggestions(model, default_catalog())[0].threats)
        out_dir = Path(folder)
        for argv, made in (
                (["export", str(path), "--format", "svg", "-o", str(out_dir / "d.svg")], b"<"),
                (["export", str(path), "--format", "png", "-o", str(out_dir / "d.png")],
                 b"\x89PNG"),
                (["export", str(path), "--format", "csv", "-o", str(out_dir / "r.csv")], None),
                (["export", str(path), "--format", "json", "-o", str(out_dir / "a.json")],
                 b"{"),
                (["report", str(path), "-o", str(out_dir / "r.pdf")], b"%PDF"),
                (["heatmap", str(path), "-o", str(out_dir / "h.png")], b"\x89PNG")):
            code, _, err = _run(argv)
            assert code == 0 and "internal error" not in err, (argv, err)
            written = Path(argv[argv.index("-o") + 1]).read_bytes()
            assert made is None or written.startswith(made), argv
        json.loads((out_dir / "a.json").read_text(encoding="utf-8"),  # strict: no NaN
                   parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        code, out, err = _run(["analyze", str(path), "--json"])
        assert code == 0, err
        assert len(json.loads(out)["threats"]) == expected


def test_the_generator_reaches_both_sides() -> None:
    """A property test whose models were all refused (or all accepted) would prove little:
    the strategy must produce both."""
    seen: set[str] = set()

    @settings(max_examples=80, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(documents())
    def collect(doc: dict[str, Any]) -> None:
        with TemporaryDirectory() as folder:
            try:
                load_model(_write(folder, doc))
                seen.add("accepted")
            except ModelError:
                seen.add("refused")

    collect()
    assert seen == {"accepted", "refused"}
