"""``integrity._duplicates`` recognises a sound model by set sizes: its answer is always
the per-item check's (``_duplicate_problems``), on sound models and on each kind of clash."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from workbench.model import load_model
from workbench.model.integrity import _ID_LISTS, _duplicate_problems, _duplicates

from .factories import tiny_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _models():
    out = [tiny_model()] + [load_model(p) for p in SAMPLES]
    return out


def _clashes(model):
    """Copies of ``model`` each with one clash: an id twice in a list, a flow named like a
    component, a threat key twice (the copy is shallow where nothing is changed)."""
    for name in _ID_LISTS:
        items = getattr(model, name)
        if items:
            clash = model.model_copy(deep=True)
            getattr(clash, name).append(copy.deepcopy(items[-1]))
            yield f"{name} twice", clash
    if model.flows and model.components:
        clash = model.model_copy(deep=True)
        clash.flows[0].id = clash.components[-1].id
        yield "flow named like a component", clash
    if len(model.threats) > 1:
        clash = model.model_copy(deep=True)
        clash.threats[1].key = clash.threats[0].key
        yield "threat key twice", clash


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.metadata.title[:30])
def test_the_set_check_gives_the_per_item_answer(model) -> None:
    assert _duplicates(model) == _duplicate_problems(model) == []
    seen = 0
    for what, clash in _clashes(model):
        plain = _duplicate_problems(clash)
        assert plain, what  # the clash is one
        assert _duplicates(clash) == plain, what
        seen += 1
    assert seen >= 4
