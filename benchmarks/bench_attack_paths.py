"""Time and memory of the full attack analysis per model size, against a naive baseline.

    .venv/bin/python benchmarks/bench_attack_paths.py [--sizes 100,1000,10000,150000]
        [--against /tmp/old-checkout] [--repeat 2] [--skip-accuracy]

``attack`` is the attack stage (evidence, graph, probabilities, paths), in CPU seconds
(``cpu``, what compares across runs on a shared machine) and wall seconds (``wall``);
``graph``, ``prob`` and ``paths`` split its CPU seconds. ``analysis`` adds the optional
stages (control plan, sensitivity, edge cuts, choke points). ``load`` is the 1-minute load
average when the row started.

``--against DIR`` runs the same sizes with the ``workbench`` package of another checkout
(e.g. ``git worktree add /tmp/old main`` before a speed change), alternating with this one
so both see the same machine load. A checkout whose engine does not report CPU seconds
per stage is timed with its own clock switched to ``time.process_time`` (its stage figures
are then CPU seconds; its wall is the whole analysis only). The naive baseline runs for
this checkout only.

Each size runs in its own process (so peak memory is its own): generate the synthetic model
(``gen_synthetic.py``, not timed), run ``analyze_attacks`` with its defaults (10,000 worlds,
k = 5, all default attackers and derived targets, sensitivity and edge cuts within their
time budget), then, in the same process, the naive baseline: enumerate
``networkx.all_simple_paths`` from the attacker to one patient-safety target and combine
the path probabilities by noisy-OR, stopped after ``--limit`` seconds. A last line compares
Monte Carlo with exact enumeration on random graphs where enumeration is feasible.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu_clocked_engine() -> bool:
    """Make an engine without CPU timings report CPU seconds in its stage timings."""
    import types

    import workbench.analysis.attack.engine as engine

    if "attack_cpu" in Path(engine.__file__).read_text():
        return False
    engine.time = types.SimpleNamespace(perf_counter=time.process_time)  # type: ignore
    return True


def run_one(size: int, limit: float) -> dict:
    from gen_synthetic import synthetic_model

    cpu_clocked = _cpu_clocked_engine()
    from workbench.analysis.attack import analyze_attacks
    from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
    from workbench.analysis.attack.graph import build_graph, step_graph
    from workbench.model.stencils import default_stencils

    t0 = time.perf_counter()
    model = synthetic_model(size)
    gen = time.perf_counter() - t0
    rss_before = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    result = analyze_attacks(model)
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings = dict(result.timings)
    if cpu_clocked:
        for stage in ("graph", "probability", "paths", "attack", "extras", "total"):
            if stage in timings:
                timings[f"{stage}_cpu"] = timings.pop(stage)
        # Engines before the "attack" key: its three stages.
        timings.setdefault("attack_cpu", timings["graph_cpu"] + timings["probability_cpu"]
                           + timings["paths_cpu"])
        timings["attack"] = float("nan")
    base = {"size": size, "components": len(model.components), "flows": len(model.flows),
            "generate_s": gen, "analysis_s": total, "analysis_cpu": total_cpu,
            "timings": timings, "rss_before_mb": rss_before, "peak_rss_mb": peak,
            "core": max(a["core_nodes"] for a in result.attackers),
            "workbench": str(Path(sys.modules["workbench"].__file__).parent.parent)}
    if limit <= 0:
        return base
    # Naive baseline on the remote attacker and its most exposed patient-safety target.
    row = next(r for r in result.target_results if r["kind"] == "patient_safety"
               and r["by_attacker"].get("remote-internet", 0) > 0)
    profile = next(a for a in attacker_profiles(model) if a.id == "remote-internet")
    entries = resolve_entries(model, [profile], default_stencils())[profile.id]
    graph = build_graph(model)
    sg = step_graph(graph, [graph.index[e] for e in entries], profile.capability)
    t0 = time.perf_counter()
    g = nx.DiGraph()
    g.add_weighted_edges_from(zip(sg.src.tolist(), sg.dst.tolist(), sg.p.tolist(),
                                  strict=True), weight="p")
    # all_simple_paths can search for minutes between two paths on a large graph, so the
    # limit is enforced from outside: the enumeration runs in a forked child that is
    # terminated at the deadline, and reports its running tally through shared values.
    ctx = multiprocessing.get_context("fork")
    shared_miss, shared_count = ctx.Value("d", 1.0), ctx.Value("q", 0)
    target = graph.index[row["element"]]

    def enumerate_paths() -> None:
        for path in nx.all_simple_paths(g, sg.source, target):
            p = math.prod(g[a][b]["p"] for a, b in zip(path, path[1:], strict=False))
            with shared_miss.get_lock():
                shared_miss.value *= 1.0 - p
                shared_count.value += 1

    child = ctx.Process(target=enumerate_paths)
    child.start()
    child.join(limit)
    done = not child.is_alive()
    if not done:
        child.terminate()
        child.join()
    miss, count = shared_miss.value, shared_count.value
    naive = time.perf_counter() - t0
    ours = row["by_attacker"]["remote-internet"]
    return {**base, "naive_s": naive, "naive_paths": count, "naive_done": done,
            "naive_value": 1.0 - miss, "our_value": ours, "our_method": row["method"]
            if row["attacker"] == "remote-internet" else "see by_attacker"}


def accuracy(graphs: int = 200, seed: int = 1) -> dict:
    """Monte Carlo (10,000 worlds, no peeling) against exact enumeration on random graphs."""
    from workbench.analysis.attack.graph import StepGraph
    from workbench.analysis.attack.probability import Solver

    rng = np.random.default_rng(seed)
    worst, inside, close, checked = 0.0, 0, 0, 0
    for _ in range(graphs):
        n = int(rng.integers(5, 8))
        edges = [("s", f"n{i}", float(rng.uniform(0.05, 0.95))) for i in range(2)]
        for i in range(n):
            for j in range(n):
                if i != j and rng.random() < 0.3:
                    edges.append((f"n{i}", f"n{j}", float(rng.uniform(0.05, 0.95))))
        graph = StepGraph.from_edges(edges, "s")
        nodes = list(range(graph.n - 1))
        exact = Solver(graph, max_rounds=0).solve(exact_for=nodes, monte_carlo=False)
        mc = Solver(graph, max_rounds=0).solve(samples=10_000, seed=int(rng.integers(1 << 30)))
        for i in nodes:
            if exact.exact[i]:
                checked += 1
                worst = max(worst, abs(mc.probability[i] - exact.probability[i]))
                inside += int(mc.ci_low[i] <= exact.probability[i] <= mc.ci_high[i])
                close += int(abs(mc.probability[i] - exact.probability[i]) <= 0.01)
    return {"graphs": graphs, "values": checked, "max_abs_error": worst,
            "inside_ci": inside / max(1, checked), "within_001": close / max(1, checked),
            "worlds": int(mc.worlds)}


def _row(label: str, r: dict, load: float) -> str:
    t = r["timings"]
    line = (f"{label:<8} {r['components']:>9} {r['flows']:>7} {r['core']:>5} {load:>5.1f} | "
            f"{t['attack_cpu']:>6.2f} {t['attack']:>6.2f} {t['graph_cpu']:>6.2f} "
            f"{t['probability_cpu']:>6.2f} {t['paths_cpu']:>6.2f} | {r['analysis_cpu']:>6.2f} "
            f"{r['analysis_s']:>6.2f} {r['peak_rss_mb']:>8.0f} {r['rss_before_mb']:>8.0f}")
    if "naive_s" in r:
        line += (f" | {r['naive_s']:>7.2f} {r['naive_paths']:>11} {str(r['naive_done']):>5} "
                 f"{r['naive_value']:>8.4f} {r['our_value']:>7.4f}")
    return line


def _child(size: int, limit: float, root: str | None) -> tuple[dict | None, str]:
    env = dict(os.environ)
    if root:
        env["PYTHONPATH"] = os.pathsep.join([root, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out = subprocess.run([sys.executable, __file__, "--one", str(size), "--limit",
                          str(limit)], capture_output=True, text=True, check=False, env=env,
                         cwd=root or None)
    if out.returncode != 0:
        return None, str(out.stderr.strip().splitlines()[-1:])
    return json.loads(out.stdout), ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="attack-path benchmark")
    parser.add_argument("--sizes", default="100,1000,10000,150000")
    parser.add_argument("--limit", type=float, default=10.0, help="naive baseline time limit")
    parser.add_argument("--against", help="another checkout's root, run alternately")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size and checkout")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.limit)))
        return 0
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, networkx {nx.__version__}, "
          f"cpus {os.cpu_count()} (one process at a time)")
    if args.against:
        print(f"against: {args.against} (rows 'against'; 'now' is {HERE.parent})")
    print(f"{'':<8} {'elements':>9} {'flows':>7} {'core':>5} {'load':>5} | "
          f"{'attack':>6} {'attack':>6} {'graph':>6} {'prob':>6} {'paths':>6} | "
          f"{'anal.':>6} {'anal.':>6} {'peak MB':>8} {'model MB':>8} | "
          f"{'naive s':>7} {'naive paths':>11} {'done':>5} {'naive p':>8} {'our p':>7}")
    print(f"{'':<8} {'':>9} {'':>7} {'':>5} {'':>5} | {'cpu':>6} {'wall':>6} {'cpu':>6} "
          f"{'cpu':>6} {'cpu':>6} | {'cpu':>6} {'wall':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        for rep in range(args.repeat):
            sides = [("now", None)] + ([("against", args.against)] if args.against else [])
            if rep % 2:  # alternate who goes first
                sides.reverse()
            for label, root in sides:
                load = os.getloadavg()[0]
                r, err = _child(size, args.limit if root is None else 0.0, root)
                print(_row(label, r, load) if r else f"{label:<8} {size:>9} failed: {err}",
                      flush=True)
    if args.skip_accuracy:
        return 0
    acc = accuracy()
    print(f"accuracy: Monte Carlo ({acc['worlds']} worlds) vs exact enumeration on "
          f"{acc['graphs']} random graphs, {acc['values']} node values: max |error| "
          f"{acc['max_abs_error']:.4f}, {100 * acc['within_001']:.1f} % within +/-0.01, "
          f"{100 * acc['inside_ci']:.1f} % inside the 95 % Wilson interval")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
