"""The plan's per-attacker memo of what-ifs by the attacker's view (``recommend._Memo.views``,
keys from ``recommend._view_key``) skips ``step_graph`` for a view seen before. Oracles: a view
key never stands for two step graphs (every view's step graph built and compared), and the
attack analysis with the view memo equals the one without it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as View

import numpy as np
import pytest

from workbench.analysis.attack import analyze_attacks, recommend
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
CASES = [p for p in SAMPLES if p.name.startswith(("insulin", "hospital-ward"))]


def _attacks(path: Path):
    result = analyze(load_model(path))
    return analyze_attacks(result.model, result.catalog, risks=result.threats,
                           sensitivity=False)


@pytest.mark.parametrize("whole", [True, False], ids=["whole", "changed"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_a_view_key_stands_for_one_step_graph(path: Path, whole: bool, monkeypatch) -> None:
    """With the view lookup turned off, every view's step graph is built: each view key
    any attacker's memo notes is noted with one step graph's chances only (keys of whole
    arrays, and keys of the changed positions as on a large model)."""
    if not whole:
        monkeypatch.setattr(recommend, "WHOLE_VIEW_KEY", 0)
    noted: dict[tuple[int, tuple], set[bytes]] = {}
    repeats = 0

    class Noting(dict):
        def __init__(self, owner: int) -> None:
            super().__init__()
            self.owner = owner

        def get(self, key, default=None):
            return None  # never skip: build the step graph of every view

        def __setitem__(self, key, value) -> None:
            nonlocal repeats
            keys = noted.setdefault((self.owner, key), set())
            repeats += bool(keys)
            keys.add(value)
            super().__setitem__(key, value)

    class Spy(recommend._Memo):
        def __init__(self) -> None:
            super().__init__()
            self.views = Noting(id(self))

    monkeypatch.setattr(recommend, "_Memo", Spy)
    _attacks(path)
    assert repeats > 10  # views do repeat: the memo is exercised
    assert all(len(keys) == 1 for keys in noted.values())


@pytest.mark.parametrize("path", CASES[:1], ids=lambda p: p.name)
def test_the_attack_analysis_with_the_view_memo_is_the_one_without(path: Path,
                                                                   monkeypatch) -> None:
    fast = _attacks(path).to_json()
    monkeypatch.setattr(recommend, "_view_key", lambda view, base: None)
    assert _attacks(path).to_json() == fast


def test_a_view_key_tells_values_and_missing_arrays_apart() -> None:
    base = np.array([0.5, 0.25, 1.0])
    other = base.copy()
    other[1] = 0.125
    zero = base.copy()
    zero[2] = -0.0
    assert recommend._changed(base.copy(), base) == (b"", b"")
    assert recommend._changed(other, base) != recommend._changed(base * 1.0, base)
    third = base.copy()
    third[1] = 0.0625
    assert recommend._changed(other, base) != recommend._changed(third, base)
    assert recommend._changed(zero, np.where(base == 1.0, 0.0, base)) != \
        recommend._changed(np.where(base == 1.0, 0.0, base), np.where(base == 1.0, 0.0, base))
    assert recommend._changed(None, base) is None
    assert recommend._changed(base, None)[0] == "whole"


@pytest.mark.parametrize("whole", [3, 0], ids=["whole", "changed"])
def test_a_view_key_reads_every_array_step_graph_reads(whole: int, monkeypatch) -> None:
    """Views that differ in one chance array only (a control's entry step without its
    control, say) get other keys; views over other edges, or with other than floats,
    get none."""
    monkeypatch.setattr(recommend, "WHOLE_VIEW_KEY", whole)
    edges = dict(raw_src=np.arange(3), raw_dst=np.arange(3), raw_flow=np.arange(3),
                 nodes=["a", "b", "c"], broadcast=np.zeros(3, bool))
    read = ("node_miss", "flow_miss", "entry_miss", "expose_miss", "deny_miss")
    arrays = {name: np.full(3, 0.5) for name in read}
    base = View(**edges, **arrays)
    plain = recommend._view_key(View(**edges, **arrays), base)
    for name in read:
        changed = dict(arrays, **{name: np.array([0.5, 0.25, 0.5])})
        assert recommend._view_key(View(**edges, **changed), base) != plain, name
        assert recommend._view_key(View(**edges, **dict(arrays, **{name: None})),
                                   base) != plain, name
    other = dict(edges, raw_src=np.arange(3))
    assert recommend._view_key(View(**other, **arrays), base) is None
    narrow = dict(arrays, node_miss=np.full(3, 0.5, dtype=np.float32))
    assert recommend._view_key(View(**edges, **narrow), base) is None
