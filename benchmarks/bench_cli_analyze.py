"""Wall time of ``workbench analyze FILE --json`` per sample model, against an older revision.

    .venv/bin/python benchmarks/bench_cli_analyze.py [--baseline REV] [--runs 5]

The baseline is the same command run from ``git archive REV`` (default: the revision before
the what-if caches, 06a74c8^) unpacked in a temporary folder and put first on PYTHONPATH,
with the same interpreter. Runs alternate (baseline, current, baseline, ...) so drift of a
shared machine hits both alike; the medians and their ratio are printed, and the two JSON
outputs are compared byte for byte (the speed-ups must not change any figure for a seed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "cf5a4dc^"


def unpack(rev: str, into: Path) -> Path:
    archive = into / "base.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "base", filter="data")
    return into / "base"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    # Not run from ROOT: ``python -m`` puts the working folder before PYTHONPATH.
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=tempfile.gettempdir())
    return time.perf_counter() - start, proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    samples = sorted((ROOT / "sample-models").glob("*.twm.json"))
    with tempfile.TemporaryDirectory() as tmp:
        base = unpack(args.baseline, Path(tmp))
        probe = [sys.executable, "-c", "import workbench; print(workbench.__file__)"]
        where = subprocess.run(probe, env=dict(os.environ, PYTHONPATH=str(base)),
                               capture_output=True, text=True, cwd=tmp, check=True).stdout
        assert where.startswith(str(base)), f"baseline not imported: {where}"
        env_now = dict(os.environ)
        env_base = dict(os.environ, PYTHONPATH=str(base))
        print(f"baseline {args.baseline}; {args.runs} alternating runs each; median seconds")
        print(f"{'model':<36} {'baseline':>9} {'current':>8} {'ratio':>6}  same output")
        for model in samples:
            cmd = [sys.executable, "-m", "workbench", "analyze", str(model), "--json"]
            timed(cmd, env_now)  # warm the file caches
            timed(cmd, env_base)
            old, new, same = [], [], True
            for _ in range(args.runs):
                t_old, out_old = timed(cmd, env_base)
                t_new, out_new = timed(cmd, env_now)
                old.append(t_old)
                new.append(t_new)
                same &= out_old == out_new
            m_old, m_new = statistics.median(old), statistics.median(new)
            print(f"{model.name.removesuffix('.twm.json'):<36} {m_old:>9.2f} {m_new:>8.2f} "
                  f"{m_new / m_old:>6.2f}  {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
