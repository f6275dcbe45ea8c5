"""``workbench analyze A B C --jobs N``: a group's portfolio of models in one command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample-models"
FAST = ["--seed", "3", "--samples", "300", "--top", "2"]


def _workbench(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True,
                          text=True, timeout=600)


def test_portfolio_prints_one_json_line_per_file_in_order_and_flags_bad_ones(tmp_path):
    a = SAMPLES / "insulin-closed-loop.twm.json"
    b = SAMPLES / "home-telemonitoring.twm.json"
    bad = tmp_path / "broken.twm.json"
    bad.write_text('{"schema_version": 1, "components": [', encoding="utf-8")
    proc = _workbench("analyze", str(a), str(bad), str(b), "--json", "--jobs", "2", *FAST)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(a), str(bad), str(b)]
    assert "analysis" in lines[0] and "analysis" in lines[2]
    assert lines[1]["errors"] and str(bad) in proc.stderr

    # Each model's figures are those of analysing it alone with the same seed.
    alone = json.loads(_workbench("analyze", str(a), "--json", *FAST).stdout)
    assert lines[0]["analysis"] == alone


def test_portfolio_text_mode_gives_one_summary_line_per_model():
    files = [str(SAMPLES / f"{n}.twm.json") for n in ("cardiac-implant-remote-monitoring",
                                                       "hospital-ward-iomt")]
    proc = _workbench("analyze", *files, "--jobs", "2", *FAST)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    for file, line in zip(files, lines, strict=True):
        assert line.startswith(f"{file}: ") and "threats counted" in line


def test_jobs_must_be_positive():
    proc = _workbench("analyze", str(SAMPLES / "insulin-closed-loop.twm.json"), "--jobs", "0")
    assert proc.returncode == 1 and "--jobs" in proc.stderr
