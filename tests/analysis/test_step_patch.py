"""A what-if's step graph patched from the base view's (``step_patch.StepPatch``) is the
step graph ``step_graph`` builds whole, bit for bit: random changes of a few or many node,
entry, flow, exposure and denial chances (certain, impossible, tiny, ordinary, NaN),
several attackers' entries and capabilities, and the plan's own what-ifs (views of copies
with controls)."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import graph as graph_module
from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.attack.graph import StepGraph, step_graph
from workbench.analysis.attack.step_patch import StepPatch
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "hospital-ward-iomt.twm.json"
MODELS = [("ward", lambda: load_model(SAMPLE)),
          ("synthetic-300", lambda: synthetic_model(300, seed=4))]
VALUES = [0.0, 1.0, 1e-320, 0.3, 0.97, 0.5, 0.123456789]
ARRAYS = ("src", "dst", "p", "flow", "attempt", "structural", "el_src", "el_dst", "el_p",
          "expose_p", "deny_p")


def _same(fast: StepGraph, plain: StepGraph, why) -> None:
    assert fast.nodes == plain.nodes and fast.size == plain.size, why
    for attr in ARRAYS:
        a, b = getattr(fast, attr), getattr(plain, attr)
        if a is None or b is None:
            assert a is None and b is None, (why, attr)
            continue
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), (why, attr)


def _changed(view, rng: np.random.Generator, share: float):
    """``view`` with a random share of its chances replaced (the same edges and nodes)."""
    out = {}
    for name in ("node_miss", "flow_miss", "entry_miss", "expose_miss", "deny_miss"):
        arr = getattr(view, name)
        if arr is None:
            continue
        arr = arr.copy()
        at = rng.random(arr.size) < share
        arr[at] = rng.choice(VALUES, int(at.sum()))
        if share > 0.2 and arr.size:
            arr[int(rng.integers(arr.size))] = np.nan
        out[name] = arr
    g = replace(view, **out)
    g.__dict__["_structures"] = graph_module.shared_structures(view)
    return g


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_patched_step_graphs_are_the_step_graphs_built_whole(name, make):
    result = analyze(make())
    graph, runs, _notes = prepare_runs(result.model, result.catalog, risks=result.threats)
    rng = np.random.default_rng(11)
    pick = random.Random(5)
    for run in runs[:4]:
        base = graph.for_vectors(run.profile.vectors)
        entries = np.array(sorted({graph.index[e] for e in run.entries}), dtype=np.int64)
        for capability in (run.profile.capability, 0.5, 1.0):
            patch = StepPatch(base, entries, capability)
            _same(patch.graph, step_graph(base, entries, capability), "base")
            for trial, share in enumerate((0.0, 0.002, 0.01, 0.05, 0.3, 1.0) * 2):
                view = _changed(base, rng, share)
                assert patch.fits(view)
                _same(patch.step_graph(view), step_graph(view, entries, capability),
                      (run.profile.name, capability, trial, share))
        # other entries: a structure of their own
        other = np.array(sorted(pick.sample(range(graph.size), 3)), dtype=np.int64)
        patch = StepPatch(base, other, 0.7)
        view = _changed(base, rng, 0.05)
        _same(patch.step_graph(view), step_graph(view, other, 0.7), "other entries")


def test_views_that_do_not_fit_are_built_whole():
    result = analyze(load_model(SAMPLE))
    graph, runs, _notes = prepare_runs(result.model, result.catalog, risks=result.threats)
    base = graph.for_vectors(runs[0].profile.vectors)
    entries = np.array(sorted({graph.index[e] for e in runs[0].entries}), dtype=np.int64)
    unlike = replace(base, raw_src=base.raw_src.copy())
    assert not StepPatch(base, entries, 0.5).fits(unlike)
    _same(StepPatch(base, entries, 0.5).step_graph(unlike), step_graph(unlike, entries, 0.5),
          "other edges")
    assert not StepPatch(base, entries, 0.0).fits(base)
    _same(StepPatch(base, entries, 0.0).step_graph(base), step_graph(base, entries, 0.0),
          "no capability")


def test_a_plans_what_ifs_patched_are_their_step_graphs(monkeypatch):
    """In the plan itself (synthetic-300, the plan's views of its what-if copies): every
    patched step graph is compared with the one built whole, and some are patched."""
    from workbench.analysis.attack import step_patch
    from workbench.analysis.attack.engine import analyze_attacks

    seen = []
    patched = step_patch.StepPatch._patched

    def checked(self, view):
        fast = patched(self, view)
        _same(fast, step_graph(view, self.entries, self.capability), len(seen))
        seen.append(1)
        return fast

    monkeypatch.setattr(step_patch.StepPatch, "_patched", checked)
    result = analyze(synthetic_model(300, seed=4))
    analyze_attacks(result.model, result.catalog, risks=result.threats, sensitivity=False)
    assert len(seen) > 5
