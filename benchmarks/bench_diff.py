"""Benchmark: ``workbench diff v1 v2 --json`` on two versions of a large estate, end to end
as a user runs it, against a previous revision in the same run (issue 16: under 5 s).

Version 1 is the synthetic estate of ``gen_synthetic`` (default 5,000 components, about as
many flows, no targets, so every attack target is reported); version 2 renames 20
devices, flips a property on 20 and removes 20 (with their flows). Both are written to
disk, then:

* **the user's command**, ``workbench diff v1 v2 --json`` in a fresh process (imports,
  loading both files, the diff, the JSON), for this tree and the baseline revision
  (``git archive REV``, default this session's start), alternately, ``--repeat`` times
  each: wall and CPU seconds of the best run of each, the load average, and whether both
  printed the same bytes (a speed change must not move a figure);
* the detail of this tree, each in its own fresh process (files loaded first, not
  timed): ``diff_models`` with risk and without; the same tree's two full analyses
  (``target_risk`` of each version, the path before the incremental one: same rows, the
  exit status says it; ``--no-full`` skips them); the incremental diff's stages one by one;
* with ``--samples``: ``diff --json`` of pairs of sample models by both versions, byte
  for byte.

Figures vary with the machine's load (the shared 2-core machine runs several engineers'
tests): wall seconds are up to three times the CPU seconds under load, and CPU seconds
themselves rise with it, so read the ratio of the two versions of one run.

    .venv/bin/python benchmarks/bench_diff.py [--components 5000] [--baseline REV]
        [--baseline ''] [--repeat N] [--no-full] [--samples]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli_analyze import unpack  # noqa: E402  (a revision, unpacked)
from gen_synthetic import synthetic_model  # noqa: E402

from workbench.model.io import save_model  # noqa: E402
from workbench.model.threat_model import ThreatModel  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "58da0bf"  # main at the start of session 7

#: Run in a fresh process by each version of the code (PYTHONPATH picks the version).
CHILD = r"""
import json, sys, time
from workbench.model.io import load_model
from workbench.analysis import diff
a, b = load_model(sys.argv[1]), load_model(sys.argv[2])
jobs, mode = int(sys.argv[3]), sys.argv[4]
out = {}
if mode == "diff":
    t = time.perf_counter(); diff.diff_models(a, b, with_risk=False)
    out["no_risk"] = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time(); d = diff.diff_models(a, b, jobs=jobs)
    out["risk"], out["risk_cpu"] = time.perf_counter() - t, time.process_time() - c
    out["rows"] = [r.to_json() for r in d.risk]
elif mode == "full":  # the same tree without the incremental analysis: two full analyses
    t, c = time.perf_counter(), time.process_time()
    before, after = diff.target_risk(a)[0], diff.target_risk(b)[0]
    out["two_full"], out["two_full_cpu"] = time.perf_counter() - t, time.process_time() - c
    out["rows"] = [r.to_json() for r in diff.compare_risk(before, after)]
else:  # the incremental diff's stages one by one, CPU seconds (the GC paused, as the diff)
    import gc
    from workbench.analysis import incremental
    gc.disable()
    c = time.process_time(); sa = incremental.analyse(a, judge=False)
    out["analyse_a"] = time.process_time() - c
    c = time.process_time(); sb = incremental.reanalyse(sa, b)
    out["reanalyse_b"] = time.process_time() - c
    c = time.process_time()
    for s in (sa, sb):
        diff.risk_table(s.result, diff.attack_from_evidence(s.result.model, s.evidence,
                                                            s.stencils, s.graph))
    out["attack_both"] = time.process_time() - c
    out["stats"] = sb.stats
print(json.dumps(out))
"""


def versions(components: int) -> tuple[ThreatModel, ThreatModel]:
    v1 = ThreatModel.model_validate(synthetic_model(components).model_dump())
    comps = list(v1.components)
    devices = [i for i, c in enumerate(comps) if c.layer.value == "thing"]
    for i in devices[:20]:
        comps[i] = comps[i].model_copy(update={"name": comps[i].name + " (v2)"})
    for i in devices[20:40]:
        props = comps[i].properties.model_copy(update={"legacy": not comps[i].properties.legacy})
        comps[i] = comps[i].model_copy(update={"properties": props})
    gone = {comps[i].id for i in devices[-20:]}
    kept = [c for c in comps if c.id not in gone]
    flows = [f for f in v1.flows if f.source not in gone and f.target not in gone]
    v2 = ThreatModel.model_validate(v1.model_copy(update={"components": kept,
                                                          "flows": flows}).model_dump())
    return v1, v2


def child(code_root: Path, a: Path, b: Path, jobs: int, mode: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code_root))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(a), str(b), str(jobs), mode],
                          env=env, capture_output=True, text=True, check=True,
                          cwd=tempfile.gettempdir())
    return json.loads(proc.stdout.splitlines()[-1])


def cli_run(a: Path, b: Path, code_root: Path = ROOT) -> tuple[float, float, bytes]:
    """Wall and CPU seconds, and the output, of ``workbench diff A B --json`` as a user
    runs it (imports, loading both files, output), in a fresh process of ``code_root``."""
    env = dict(os.environ, PYTHONPATH=str(code_root))
    before = os.times()
    clock = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "workbench", "diff", str(a), str(b),
                           "--json"], env=env, check=True, capture_output=True,
                          cwd=tempfile.gettempdir())
    wall = time.perf_counter() - clock
    after = os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system), proc.stdout


def end_to_end(pa: Path, pb: Path, roots: dict[str, Path], repeat: int
               ) -> dict[str, dict]:
    """The user's command for each code root, alternately (the load hits both alike):
    the best run's wall, CPU and load per root, and each root's output."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in roots}
    output: dict[str, bytes] = {}
    for _ in range(max(1, repeat)):
        for name, root in roots.items():
            wall, cpu, out = cli_run(pa, pb, root)
            runs[name].append((wall, cpu, os.getloadavg()[0]))
            if output.setdefault(name, out) != out:
                raise SystemExit(f"{name}: two runs of the same command printed different "
                                 f"output")
    return {name: {"wall": min(r[0] for r in rs), "cpu": min(r[1] for r in rs),
                   "loads": [r[2] for r in rs], "walls": [r[0] for r in rs],
                   "cpus": [r[1] for r in rs], "output": output[name]}
            for name, rs in runs.items()}


def sample_pairs(base: Path) -> bool:
    """``diff --json`` of each sample against the next one (with risk and ``--no-risk``)
    and against itself, by this tree and by ``base``: True when every output is the same."""
    samples = sorted((ROOT / "sample-models").glob("*.twm.json"))
    pairs = [(a, samples[(i + 1) % len(samples)], flags) for i, a in enumerate(samples)
             for flags in ([], ["--no-risk"])] + [(a, a, []) for a in samples]
    differing = []
    for a, b, flags in pairs:
        outs = []
        for root in (ROOT, base):
            env = dict(os.environ, PYTHONPATH=str(root))
            outs.append(subprocess.run([sys.executable, "-m", "workbench", "diff", str(a),
                                        str(b), "--json", *flags], env=env, check=True,
                                       capture_output=True, cwd=tempfile.gettempdir()).stdout)
        if outs[0] != outs[1]:
            differing.append(f"{a.stem} {b.stem} {' '.join(flags)}".strip())
    print(f"  sample pairs, 'diff --json' this tree vs baseline: {len(pairs)} compared, "
          f"{len(differing)} differing{': ' + '; '.join(differing) if differing else ''}",
          flush=True)
    return not differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", type=int, default=5000)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="git revision to compare ('' for none)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run this tree's diff N times (fresh processes) and report the "
                             "best: the least disturbed by the machine's load")
    parser.add_argument("--no-full", action="store_true",
                        help="skip the same tree's two full analyses (slow)")
    parser.add_argument("--samples", action="store_true",
                        help="also compare this tree's and the baseline's 'diff --json' "
                             "byte for byte on pairs of sample models")
    args = parser.parse_args(argv)
    a, b = versions(args.components)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pa, pb = tmp / "v1.twm.json", tmp / "v2.twm.json"
        save_model(a, pa)
        save_model(b, pb)
        print(f"models: {len(a.components)} / {len(b.components)} components, "
              f"{len(a.flows)} / {len(b.flows)} flows; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        roots = {"this tree": ROOT}
        if args.baseline:
            roots[f"baseline {args.baseline}"] = unpack(args.baseline, tmp)
        e2e = end_to_end(pa, pb, roots, args.repeat)
        print(f"'workbench diff v1 v2 --json' end to end (imports, loading both files, "
              f"output), {max(1, args.repeat)} run(s) each, alternately:", flush=True)
        for name, r in e2e.items():
            walls = ", ".join(f"{w:.2f}" for w in r["walls"])
            cpus = ", ".join(f"{c:.2f}" for c in r["cpus"])
            loads = ", ".join(f"{x:.1f}" for x in r["loads"])
            print(f"  {name}: best {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU (runs: "
                  f"{walls} s wall; {cpus} s CPU; load {loads})", flush=True)
        now = e2e["this tree"]
        if args.components >= 5000:
            verdict = "met" if now["wall"] < 5.0 else "not met"
        else:
            verdict = "not measured (it is set for 5,000 components)"
        line = (f"  goal under 5 s wall: {verdict} (best {now['wall']:.2f} s wall, "
                f"{now['cpu']:.2f} s CPU, load {min(now['loads']):.1f}-"
                f"{max(now['loads']):.1f})")
        same_json = True
        if args.baseline:
            base = e2e[f"baseline {args.baseline}"]
            same_json = base["output"] == now["output"]
            line += (f"; baseline {args.baseline} {base['wall']:.2f} s wall, "
                     f"{base['cpu']:.2f} s CPU; this tree x{base['cpu'] / now['cpu']:.2f} "
                     f"less CPU; same JSON bytes as the baseline: {same_json}")
        print(line, flush=True)
        if args.samples and args.baseline:
            same_json &= sample_pairs(roots[f"baseline {args.baseline}"])
        detail = child(ROOT, pa, pb, 1, "diff")
        print(f"this tree: diff_models --no-risk {detail['no_risk']:.2f} s; with risk "
              f"{detail['risk']:.2f} s wall, {detail['risk_cpu']:.2f} s CPU "
              f"({len(detail['rows'])} targets, "
              f"{sum(1 for r in detail['rows'] if r['direction'] != 'same')} moved)",
              flush=True)
        same = True
        if not args.no_full:
            full = child(ROOT, pa, pb, 1, "full")
            same = full["rows"] == detail["rows"]
            print(f"  same tree, two full analyses (target_risk of each, fresh process): "
                  f"{full['two_full']:.2f} s wall, {full['two_full_cpu']:.2f} s CPU; "
                  f"incremental x{full['two_full_cpu'] / detail['risk_cpu']:.1f} less CPU; "
                  f"same rows: {same}", flush=True)
        st = child(ROOT, pa, pb, 1, "stages")
        print(f"  stages (fresh process, CPU s): analyse v1 {st['analyse_a']:.2f}; "
              f"re-analyse v2 {st['reanalyse_b']:.2f} ({st['stats']['fact_elements']} "
              f"elements' rules and {st['stats']['instances']} threat scores redone); attack "
              f"figures and tables of both {st['attack_both']:.2f}", flush=True)
    return 0 if same and same_json else 1


if __name__ == "__main__":
    sys.exit(main())
