"""The control plan's risk screening alone: CPU seconds of building the risk term and of
ordering every candidate by the risk value it removes, now and at a baseline revision.

    .venv/bin/python benchmarks/bench_plan_screening.py [--sizes 1000,10000]
        [--baseline REV] [--runs 1]

End-to-end figures (``bench_end_to_end.py``) move by seconds with the machine's load; this
one times only ``RiskTerm(...)`` and ``recommend._risk_first`` (``time.process_time``)
inside one ``workbench analyze FILE --json --seed 1`` per version and size, each version
in its own process on the same generated model (``gen_synthetic.py``), the baseline from
``git archive REV`` on PYTHONPATH. It also prints whether both versions ordered the
candidates the same way (a digest of the order): a faster screening must not reorder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_cli_analyze import unpack  # the baseline revision, unpacked (same folder)

ROOT = Path(__file__).resolve().parent.parent

#: Run inside each version's process: wraps the two functions, runs the CLI, prints JSON.
PROBE = r"""
import contextlib, hashlib, io, json, sys, time
import workbench.analysis.attack.plan_risk as plan_risk
import workbench.analysis.attack.recommend as recommend
out = {"term": 0.0, "risk_first": 0.0, "candidates": 0, "digest": ""}
init, first = plan_risk.RiskTerm.__init__, recommend._risk_first
def timed_init(self, *a, **k):
    t = time.process_time()
    init(self, *a, **k)
    out["term"] += time.process_time() - t
def timed_first(term, candidates, pool):
    t = time.process_time()
    order = first(term, candidates, pool)
    out["risk_first"] += time.process_time() - t
    out["candidates"] = len(candidates)
    out["digest"] = hashlib.sha256("\n".join(order).encode()).hexdigest()[:16]
    return order
plan_risk.RiskTerm.__init__ = timed_init
recommend._risk_first = timed_first
from workbench.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["analyze", sys.argv[1], "--json", "--seed", "1"])
print(json.dumps(out))
"""


def probe(model: Path, env: dict[str, str], cwd: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, str(model)], env=env, cwd=cwd,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--baseline", default="HEAD~1", help="git revision ('' for none)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        versions = [("current", dict(os.environ, PYTHONHASHSEED="0"))]
        if args.baseline:
            base = unpack(args.baseline, Path(tmp))
            versions.append((f"baseline {args.baseline}",
                             dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(base))))
        print(f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} "
              f"(2 cores); CPU seconds (process_time) of each part")
        print(f"{'elements':>8} {'version':<22} {'candidates':>10} {'term s':>7} "
              f"{'order s':>7}  order digest")
        for size in [int(s) for s in args.sizes.split(",") if s]:
            model = Path(tmp) / f"m{size}.twm.json"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_synthetic.py"),
                            str(size), "-o", str(model)], check=True, capture_output=True)
            for label, env in versions:
                for _ in range(args.runs):
                    r = probe(model, env, tmp)
                    print(f"{size:>8} {label:<22} {r['candidates']:>10} {r['term']:7.2f} "
                          f"{r['risk_first']:7.2f}  {r['digest']}; load "
                          f"{os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
