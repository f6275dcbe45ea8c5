"""``step_graph`` takes entries already sorted and distinct as they are (the plan passes
the same array to every what-if); any other list is made so first. Same step graph."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.attack.graph import step_graph
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "hospital-ward-iomt.twm.json"


def test_sorted_entries_and_shuffled_repeated_entries_give_the_same_step_graph():
    result = analyze(load_model(SAMPLE))
    graph, _runs, _notes = prepare_runs(result.model, result.catalog, risks=result.threats)
    rng = random.Random(17)
    for size in (1, 2, 5, graph.size):
        picked = sorted(rng.sample(range(graph.size), size))
        messy = picked + picked[: size // 2]
        rng.shuffle(messy)
        fast = step_graph(graph, np.array(picked, dtype=np.int64), 0.5)
        plain = step_graph(graph, messy, 0.5)
        for attr in ("src", "dst", "p", "flow", "attempt", "el_src", "el_dst", "el_p"):
            assert np.array_equal(getattr(fast, attr), getattr(plain, attr)), (size, attr)
        assert fast.nodes == plain.nodes
