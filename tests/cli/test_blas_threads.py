"""A command started as its own process asks OpenBLAS for no worker threads
(``cli.main._one_blas_thread``): workbench never calls BLAS, and the threads OpenBLAS starts
at numpy's import spin for a while waiting for work. A user's own setting is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import os, sys
from workbench.cli import main as cli_main
sys.argv = ["workbench", sys.argv[1], "--help"]
try:
    cli_main.main()
except SystemExit:
    pass
import numpy
print(os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")))
"""


def _run(env_value: str | None, command: str = "analyze") -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS",
                                                             "OMP_NUM_THREADS")}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", _SCRIPT, command], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout
    return out.splitlines()[-1].split()  # the last line: after the help text


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
@pytest.mark.parametrize("command", ["analyze", "open"])
def test_a_command_process_runs_numpy_without_blas_threads(command):
    setting, threads = _run(None, command)
    assert setting == "1"
    assert threads == "1"


def test_the_users_own_setting_is_kept():
    setting, _ = _run("2")
    assert setting == "2"


def test_an_in_process_caller_keeps_its_environment(monkeypatch: pytest.MonkeyPatch):
    from workbench.cli import main as cli_main

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delitem(sys.modules, "numpy", raising=False)
    cli_main._one_blas_thread()  # not the process's entry point: nothing set
    assert "OPENBLAS_NUM_THREADS" not in os.environ
