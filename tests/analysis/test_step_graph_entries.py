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


def _plain_flow_part(graph) -> np.ndarray:
    """The flows' log-miss per raw edge as ``step_graph`` first wrote it (np.clip, the
    flow positions worked out at each call)."""
    fmiss = np.where(graph.raw_flow >= 0, graph.flow_miss[np.maximum(graph.raw_flow, 0)], 1.0)
    return np.log(np.clip(fmiss, 1e-300, 1.0))


def test_step_graph_chances_with_the_structures_flow_positions_are_the_plain_ones():
    """The flow positions and the certain edges' ones kept on the structure, and the two
    ufuncs for np.clip, give the step graph's chances bit for bit, with flow weaknesses
    that are certain, impossible, tiny or ordinary, and two graphs sharing a structure."""
    from dataclasses import replace

    from workbench.analysis.attack import graph as graph_module

    result = analyze(load_model(SAMPLE))
    graph, _runs, _notes = prepare_runs(result.model, result.catalog, risks=result.threats)
    entries = np.array(sorted(random.Random(3).sample(range(graph.size), 4)), dtype=np.int64)
    rng = np.random.default_rng(4)
    for trial in range(4):
        flow_miss = graph.flow_miss.copy()
        if trial:
            flow_miss[:] = rng.choice([0.0, 1.0, 1e-320, 0.3, 0.97], flow_miss.size)
        g = replace(graph, flow_miss=flow_miss) if trial else graph
        g.__dict__["_structures"] = graph_module.shared_structures(graph)
        for capability in (0.5, 1.0):
            fast = step_graph(g, entries, capability)
            st = graph_module._structure(g, entries)
            plain_log = np.bincount(st.inverse, weights=_plain_flow_part(g),
                                    minlength=st.merged)
            emiss = np.exp(plain_log)
            p_node = graph_module._scale(g.node_miss, capability)
            p_entry = graph_module.entry_chances(g, entries, capability)
            p = np.concatenate([np.asarray(p_entry, dtype=float),
                                graph_module._scale(emiss, capability)[st.flow_only],
                                np.ones(st.into_split_count),
                                graph_module._scale(g.node_miss[st.v] * emiss,
                                                    capability)[st.single],
                                p_node[st.split]])[st.order]
            assert np.array_equal(fast.p, p), (trial, capability)
