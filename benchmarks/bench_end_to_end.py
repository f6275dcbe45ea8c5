"""What users run, end to end: wall time, peak memory and stage shares of the CLI.

    .venv/bin/python benchmarks/bench_end_to_end.py [--sizes 300,1000,10000] [--runs 1]
        [--baseline REV] [--limit 180] [--commands analyze,report,diff,saved]

For each size a synthetic hospital-group model (``gen_synthetic.py``, no recorded threats:
the rule engine suggests them, as it does for a user's new model) is written to disk, then
each command runs as its own process, exactly as a user types it:

* ``workbench analyze FILE --json --seed 1`` (stdout to a file),
* ``workbench report FILE -o OUT.pdf --audience board``,
* ``workbench diff FILE FILE2 --json`` (FILE2: the same size, another seed);
* ``saved``: ``workbench analyze SAVED --json --seed 1``, SAVED being FILE with its
  threats recorded (``workbench threats FILE --write`` on a copy, as a model saved from
  the window holds them): a model opened and analysed again, the threats read from the
  file and kept by the merge instead of suggested.

Printed per run: wall seconds, CPU seconds (user + system: what moves least when other
work shares the machine), peak resident memory of the process (``wait4``), and for
``analyze`` the share of each stage (``WORKBENCH_STAGE_TIMES``: load, rules+risk, attack,
json; "start" is the rest: interpreter start, imports, argument parsing). The baseline is
the same command from ``git archive REV`` on PYTHONPATH (default: this work's starting
revision), stopped at ``--limit`` seconds; a stopped run prints ">LIMIT".

Each version runs with its modules byte-compiled beforehand (``PYTHONPYCACHEPREFIX``, one
folder per version), as a wheel install has them (pip compiles at install). This machine sets
``PYTHONDONTWRITEBYTECODE=1``: before session 10 every run compiled workbench's modules from
source at start, which a user's install does not do. A prefix holds the byte code of *every*
module read, the standard library's and numpy's too, and Python then ignores their own
``__pycache__``: so before its measured runs, each version runs each command once, unmeasured,
which fills its prefix with the byte code of what that command imports. Until session 15
the first measured run paid that compilation (about 0.25 s at start), which no user's
install pays either: the "cold first run" of sessions 13-14's tables.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_cli_analyze import unpack  # the baseline revision, unpacked (same folder)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "b88ca90"  # session 4's start
#: CPU seconds of the last measured run (user + system): what a quiet machine's wall
#: time would be close to, on a machine that other work shares.
LAST_CPU = [0.0]


def run_measured(cmd: list[str], env: dict[str, str], limit: float, stdout_path: Path,
                 cwd: str) -> tuple[float | None, float, str]:
    """(wall seconds or None when stopped at ``limit``, peak RSS in MB, stderr).

    The process's CPU seconds (user + system, ``wait4``) are kept in :data:`LAST_CPU`."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, cwd=cwd,
                                start_new_session=True)
        deadline = start + limit
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return None, usage.ru_maxrss / 1024, ""
            time.sleep(0.01)
        wall = time.perf_counter() - start
        LAST_CPU[0] = usage.ru_utime + usage.ru_stime
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {text[-500:]}")
    return wall, usage.ru_maxrss / 1024, text


def _models(tmp: Path, size: int, label: str, env: dict[str, str]) -> tuple[Path, Path]:
    """Two synthetic models (seeds 0 and 1) written by the generator of ``env``'s version."""
    base = env.get("PYTHONPATH")
    generator = Path(base, "benchmarks", "gen_synthetic.py") if base else \
        ROOT / "benchmarks" / "gen_synthetic.py"
    tag = "base" if base else "now"
    out = (tmp / f"m{size}-{tag}.twm.json", tmp / f"m{size}-{tag}b.twm.json")
    for path, seed in zip(out, (0, 1), strict=True):
        if not path.exists():
            subprocess.run([sys.executable, str(generator), str(size), "-o", str(path),
                            "--seed", str(seed)], check=True, capture_output=True, env=env,
                           cwd=str(tmp))
    return out


def _saved(model: Path, env: dict[str, str]) -> Path:
    """``model`` with its threats recorded, written by ``env``'s version (``workbench
    threats COPY --write``, which merges the suggestions and saves them as the window
    does)."""
    saved = model.with_name(model.name.replace(".twm.json", "-saved.twm.json"))
    if not saved.exists():
        saved.write_bytes(model.read_bytes())
        subprocess.run([sys.executable, "-m", "workbench", "threats", str(saved), "--write"],
                       check=True, capture_output=True, cwd=str(model.parent),
                       env=dict(env, WORKBENCH_MAX_MODEL_MB="512"))
    return saved


def stage_shares(stderr: str, wall: float) -> str:
    """Share of each stage in the wall time, then each stage's CPU seconds."""
    for line in stderr.splitlines()[::-1]:
        if line.startswith('{"stage_seconds"'):
            data = json.loads(line)
            times = data["stage_seconds"]
            parts = [f"start {max(0.0, wall - sum(times.values())) / wall:.0%}"]
            parts += [f"{k} {v / wall:.0%}" for k, v in times.items()]
            cpu = data.get("stage_cpu_seconds")  # absent in older versions
            if cpu:
                parts.append("cpu s: " + " ".join(f"{k} {v:.2f}" for k, v in cpu.items()))
            return ", ".join(parts)
    return ""


def with_bytecode(env: dict[str, str], package: Path, cache: Path) -> dict[str, str]:
    """``env`` with ``package`` compiled into ``cache`` and read from there at start.

    Why: a user's wheel install has its ``.pyc`` files; timing compilation at each start
    would charge the CLI for work it does not do."""
    env = dict(env, PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                   env=env, capture_output=True)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,10000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="git revision to compare ('' for none)")
    parser.add_argument("--limit", type=float, default=180.0,
                        help="seconds before a run is stopped")
    parser.add_argument("--commands", default="analyze,report,diff")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    commands = [c for c in args.commands.split(",") if c]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        versions: list[tuple[str, dict[str, str]]] = [
            ("current", with_bytecode(dict(os.environ), ROOT / "workbench", tmp / "pyc-current"))]
        if args.baseline:
            base = unpack(args.baseline, tmp)
            versions.append((f"baseline {args.baseline}",
                             with_bytecode(dict(os.environ, PYTHONPATH=str(base)),
                                           base / "workbench", tmp / "pyc-baseline")))
        print(f"python {sys.version.split()[0]}; {os.cpu_count()} cores; runs={args.runs}; "
              f"limit {args.limit:.0f} s; one process at a time; each version and command run once "
              f"unmeasured first (byte code of what it imports); load average "
              f"{os.getloadavg()[0]:.1f} (2 cores: above 2, other work shares the machine)")
        print(f"{'elements':>8} {'command':<8} {'version':<17} {'wall s':>8} {'cpu s':>8} "
              f"{'peak MB':>8}  stage shares (analyze)")
        warmed: set[tuple[str, str]] = set()  # (version, command) run once, unmeasured
        for size in sizes:
            for command in commands:
                for label, env in versions:
                    # Each version writes its own model (the file format moves between
                    # versions): the same generator, size and seeds.
                    model, other = _models(tmp, size, label, env)
                    argvs = {
                        "analyze": ["analyze", str(model), "--json", "--seed", "1"],
                        "report": ["report", str(model), "-o", str(tmp / "out.pdf"),
                                   "--audience", "board"],
                        "diff": ["diff", str(model), str(other), "--json"],
                    }
                    if command == "saved":
                        argvs["saved"] = ["analyze", str(_saved(model, env)), "--json",
                                          "--seed", "1"]
                    # A 50,000-element model is 46 MB, over the loader's default 32 MB
                    # limit (issue 18): raised here as a user of that size would have to.
                    env = dict(env, WORKBENCH_STAGE_TIMES="1", QT_QPA_PLATFORM="offscreen",
                               WORKBENCH_MAX_MODEL_MB="512")
                    cmd = [sys.executable, "-m", "workbench", *argvs[command]]
                    if (label, command) not in warmed:
                        run_measured(cmd, env, args.limit, tmp / "stdout", cwd=tmp_name)
                        warmed.add((label, command))
                    for _ in range(args.runs):
                        wall, peak, err = run_measured(cmd, env, args.limit, tmp / "stdout",
                                                       cwd=tmp_name)
                        shown = (f"{wall:8.2f} {LAST_CPU[0]:8.2f}" if wall is not None
                                 else f">{args.limit:.0f}".rjust(8) + " " * 9)
                        shares = (stage_shares(err, wall) if wall and command in {
                            "analyze", "saved"} else "")
                        print(f"{size:>8} {command:<8} {label:<17} {shown} {peak:8.0f}  {shares}"
                              f"{'; ' if shares else ''}load {os.getloadavg()[0]:.1f}",
                              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
