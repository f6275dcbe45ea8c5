"""A model survives save and load unchanged, and saving twice gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.model import dumps_model, load_model, save_model
from workbench.model.layout import ensure_layout

from .factories import tiny_model


def test_save_load_gives_equal_model_and_identical_bytes(tmp_path: Path) -> None:
    model = ensure_layout(tiny_model())
    path = tmp_path / "m.twm.json"
    save_model(model, path)
    first = path.read_bytes()
    loaded = load_model(path)
    assert loaded == model
    save_model(loaded, path)
    assert path.read_bytes() == first


def test_file_is_indented_with_sorted_keys_for_line_diffs(tmp_path: Path) -> None:
    text = dumps_model(tiny_model())
    lines = text.splitlines()
    assert lines[0] == "{" and text.endswith("}\n")
    assert any(line.startswith('  "components": [') for line in lines)
    top_keys = list(json.loads(text))
    assert top_keys == sorted(top_keys)
    assert '"schema_version": 2' in text


def test_moving_one_element_changes_only_its_lines(tmp_path: Path) -> None:
    model = ensure_layout(tiny_model())
    before = dumps_model(model).splitlines()
    model.layout.elements["pump"].x += 40
    after = dumps_model(model).splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and '"x"' in after[changed[0]]


def test_save_keeps_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "m.twm.json"
    model = tiny_model()
    save_model(model, path)
    old = path.read_bytes()
    model.metadata.title = "Renamed"
    save_model(model, path)
    assert (tmp_path / "m.twm.json.bak").read_bytes() == old
    assert load_model(path).metadata.title == "Renamed"
    assert not list(tmp_path.glob(".*.tmp"))
