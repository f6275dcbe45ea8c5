"""How fast the CLI starts: ``workbench --help`` and ``workbench validate`` (issue 17: well
under 0.5 s), against a bare interpreter in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15] [--model FILE]

Each command runs as its own process, as a user types it (the console script of this
interpreter's environment, else ``python -m workbench``), ``--runs`` times after one warm-up
run; the minimum and the median wall seconds are printed, then the same for CPU seconds
(user + system of the child), with the machine's load average (the minimum, and CPU
seconds, are the figures least moved by other work on a shared machine). The rows:

* ``python -c pass``: the interpreter alone (``site`` and the editable-install finder);
* ``python -c "import workbench.cli.main"``: the CLI's own module, no command imported;
* ``workbench --help``: every command's help line, no command module imported;
* ``workbench validate MODEL``: imports the model layer (pydantic) and loads one sample;
* ``workbench analyze --help``: the analysis command's options (imports the analysis).

workbench's modules are byte-compiled beforehand and read from that cache
(``bench_end_to_end.with_bytecode``), as a wheel install has them: this machine sets
``PYTHONDONTWRITEBYTECODE=1``, and before session 10 every run here compiled them from source.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_end_to_end import with_bytecode  # same folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "sample-models" / "hospital-ward-iomt.twm.json"


def workbench_command() -> list[str]:
    """The console script beside this interpreter, as installed; else ``-m workbench``."""
    script = Path(sys.executable).with_name("workbench")
    if script.exists():
        return [str(script)]
    found = shutil.which("workbench")
    return [found] if found else [sys.executable, "-m", "workbench"]


def wall(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd=tempfile.gettempdir(), env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    wb = workbench_command()
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("import workbench.cli.main", [sys.executable, "-c", "import workbench.cli.main"]),
        ("workbench --help", [*wb, "--help"]),
        (f"workbench validate {args.model.name}", [*wb, "validate", str(args.model)]),
        ("workbench analyze --help", [*wb, "analyze", "--help"]),
    ]
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} at start; "
          f"{args.runs} runs each; wall seconds")
    print(f"{'command':<48} {'min':>6} {'median':>7} {'cpu min':>8} {'cpu median':>11}")
    with tempfile.TemporaryDirectory() as cache:
        env = with_bytecode(dict(os.environ), ROOT / "workbench", Path(cache))
        for label, cmd in rows:
            wall(cmd, env)  # warm the file caches
            runs = [wall(cmd, env) for _ in range(args.runs)]
            times, cpu = [w for w, _ in runs], [c for _, c in runs]
            print(f"{label:<48} {min(times):>6.3f} {statistics.median(times):>7.3f} "
                  f"{min(cpu):>8.3f} {statistics.median(cpu):>11.3f}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
