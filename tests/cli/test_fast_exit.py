"""``analyze``, ``diff``, ``report`` and ``heatmap`` as the process's entry point end
without the interpreter's teardown (``cli.main.keep_until_exit``, ``_end_now``);
everything anyone sees stays the same.

The oracle is the same command run in-process through ``main(argv)``, which never ends
the process and keeps nothing: same bytes on stdout, same exit code, and the exit
handlers (the stage times) still run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main as cli_main
from workbench.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-models" / "insulin-closed-loop.twm.json"
ARGS = ["analyze", str(SAMPLE), "--seed", "1", "--samples", "256"]


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True,
                          env=environment, cwd=ROOT, timeout=600, check=False)


def test_in_process_main_keeps_nothing(capsys) -> None:
    assert main([*ARGS, "--json"]) == 0
    capsys.readouterr()
    assert cli_main._KEPT == []
    assert cli_main._ENTRY is False


def test_keep_until_exit_keeps_only_for_the_entry_point() -> None:
    cli_main.keep_until_exit(object())
    assert cli_main._KEPT == []


@pytest.mark.parametrize("extra", [["--json"], []])
def test_entry_point_output_is_the_in_process_output(extra: list[str], capsys) -> None:
    assert main([*ARGS, *extra]) == 0
    expected = capsys.readouterr().out
    done = _run(*ARGS, *extra)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == expected
    assert b"Traceback" not in done.stderr


def test_exit_handlers_still_run() -> None:
    done = _run(*ARGS, "--json", env={"WORKBENCH_STAGE_TIMES": "1"})
    assert done.returncode == 0, done.stderr
    line = done.stderr.decode("utf-8").strip().splitlines()[-1]
    assert set(json.loads(line)["stage_seconds"]) == {"load", "rules+risk", "attack", "json"}


def test_a_failing_command_exits_as_before(tmp_path: Path) -> None:
    bad = tmp_path / "bad.twm.json"
    bad.write_text("{", "utf-8")
    done = _run("analyze", str(bad), "--json")
    assert done.returncode == main(["analyze", str(bad), "--json"]) != 0
    assert done.stdout == b""


def test_a_closed_pipe_takes_the_normal_exit() -> None:
    """A reader that stops early: the flush fails, the normal exit reports it as it
    always did (the same exit code as without the fast end)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    fast = subprocess.run(
        f"{sys.executable} -m workbench {' '.join(ARGS)} --json | head -c 10 > /dev/null; "
        "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True,
        env=env, cwd=ROOT, timeout=600, check=False)
    slow = subprocess.run(
        f"{sys.executable} -c 'import sys; from workbench.cli.main import main; "
        f"sys.exit(main(sys.argv[1:]))' {' '.join(ARGS)} --json | head -c 10 > /dev/null; "
        "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True,
        env=env, cwd=ROOT, timeout=600, check=False)
    assert fast.stdout.strip() == slow.stdout.strip()


@pytest.mark.parametrize("extra", [["--json"], [], ["--plan", "--json"]])
def test_diff_entry_point_output_is_the_in_process_output(extra: list[str], tmp_path: Path,
                                                          capsys) -> None:
    """``diff`` keeps both versions and their analyses to the end too: same output."""
    data = json.loads(SAMPLE.read_text("utf-8"))
    data["components"][0]["name"] += " (renamed)"
    data["flows"].pop()
    b = tmp_path / "b.twm.json"
    b.write_text(json.dumps(data), "utf-8")
    argv = ["diff", str(SAMPLE), str(b), *extra]
    assert main(argv) == 0
    expected = capsys.readouterr().out
    assert cli_main._KEPT == []
    done = _run(*argv)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == expected


def _file_from_both(argv: list[str], out: Path,
                    env: dict[str, str] | None = None) -> tuple[bytes, bytes]:
    """The file ``argv`` writes at ``out``: in-process (``main(argv)``), then through the
    entry point (which keeps its analysis to the process's end)."""
    assert main(argv) == 0
    assert cli_main._KEPT == []
    expected = out.read_bytes()
    out.unlink()
    done = _run(*argv, env=env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    return out.read_bytes(), expected


@pytest.mark.parametrize("extra", [["--audience", "technical"], ["--since", str(SAMPLE)]])
def test_report_entry_point_writes_the_in_process_pdf(extra: list[str], tmp_path: Path,
                                                      monkeypatch, capsys) -> None:
    """``report`` keeps the models, the analysis and the story to the end: the same PDF,
    byte for byte (reportlab's invariant mode leaves out the creation date and the
    random file id, in both runs)."""
    import reportlab.rl_config

    monkeypatch.setattr(reportlab.rl_config, "invariant", 1)
    out = tmp_path / "r.pdf"
    made, expected = _file_from_both(["report", str(SAMPLE), "-o", str(out), *extra], out,
                                     env={"RL_invariant": "1"})
    assert made == expected
    capsys.readouterr()


@pytest.mark.parametrize("kind", ["matrix", "elements"])
def test_heatmap_entry_point_draws_the_in_process_figure(kind: str, tmp_path: Path,
                                                         capsys) -> None:
    """``heatmap`` keeps its analysis (and the attack output) to the end: the same PNG."""
    out = tmp_path / "h.png"
    made, expected = _file_from_both(["heatmap", str(SAMPLE), "-o", str(out), "--kind", kind],
                                     out)
    assert made == expected
    capsys.readouterr()


def test_report_keeps_only_when_asked(tmp_path: Path) -> None:
    """``write_report`` hands ``keep`` the large objects; without it nothing changes."""
    from workbench.report.pdf import write_report

    kept: list[object] = []
    size = write_report(SAMPLE, tmp_path / "r.pdf", keep=kept.append)
    assert size == (tmp_path / "r.pdf").stat().st_size
    kinds = {type(x).__name__ for x in kept}
    assert {"tuple", "ReportData", "list"} <= kinds


def test_report_restores_the_collector_for_in_process_callers(tmp_path: Path, capsys) -> None:
    """``report`` runs with the cyclic collector off (as ``analyze`` and ``diff``) and
    turns it back on for an in-process caller, also when the command fails."""
    import gc

    was_enabled = gc.isenabled()  # an in-process ``analyze`` before leaves it off
    gc.enable()
    try:
        assert main(["report", str(SAMPLE), "-o", str(tmp_path / "r.pdf")]) == 0
        assert gc.isenabled()
        assert main(["report", str(tmp_path / "missing.twm.json"), "-o",
                     str(tmp_path / "s.pdf")]) != 0
        assert gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
    capsys.readouterr()
