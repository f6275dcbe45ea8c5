"""Older files are upgraded on load; newer ones are refused with a clear reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.model import ModelError, load_model, save_model

DATA = Path(__file__).resolve().parent.parent / "data"


def test_v0_draft_file_loads_as_current_schema(tmp_path: Path) -> None:
    model = load_model(DATA / "v0-model.json")
    assert model.schema_version == 2
    assert model.metadata.title == "Legacy draft model"
    assert model.metadata.owner == "Biomedical engineering"
    assert [c.layer.value for c in model.components] == ["thing", "network", "gateway"]
    assert model.components[0].stencil == "infusion-pump"
    flow = model.flows[0]
    assert (flow.source, flow.target, flow.bidirectional, flow.via) == ("pump", "gw", True,
                                                                        ["wifi"])
    out = tmp_path / "upgraded.twm.json"
    save_model(model, out)
    assert json.loads(out.read_text())["schema_version"] == 2
    assert load_model(out) == model


def test_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.twm.json"
    path.write_text(json.dumps({"schema_version": 99, "metadata": {"title": "x"}}))
    with pytest.raises(ModelError) as info:
        load_model(path)
    assert "newer Threat Workbench" in str(info.value)
    assert str(path) in str(info.value)
