"""The wheel holds every file the program reads, and runs from it alone, from any folder.

Issue 14: the wheel held no stencils, catalogs, schema or samples; `pip install .` then
failed from any folder but the checkout. Here the wheel is built (offline, with the test
venv's setuptools), its file list compared with the package's data files, then unpacked
into a folder of its own and run from another folder with the checkout out of reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "workbench"


def source_data_files() -> set[str]:
    """Every non-Python file of the package in the checkout: what the program may read."""
    found = set()
    for path in PACKAGE.rglob("*"):
        rel = path.relative_to(ROOT)
        if path.is_file() and path.suffix not in (".py", ".pyc") \
                and "__pycache__" not in rel.parts and not path.name.startswith("."):
            found.add(rel.as_posix())
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: setuptools builds in-tree, and a stale build/lib in the checkout
    # would slip files deleted from the source into the wheel.
    source = tmp_path_factory.mktemp("src") / "threat-workbench"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
        ".pytest_cache", ".ruff_cache", ".import_linter_cache", "tests", "benchmarks"))
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    [whl] = out.glob("threat_workbench-*.whl")
    return whl


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_wheel_holds_every_data_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(source_data_files() - names)
    assert not missing, f"not in the wheel (add them to package-data): {missing}"
    for folder in ("stencils", "catalogs", "schema", "sample-models"):
        assert any(n.startswith(f"workbench/data/{folder}/") for n in names), folder
    # Nothing from outside the package: tests, the venv, the checkout's tools.
    assert not [n for n in names if not n.startswith(("workbench/", "threat_workbench-"))]


def test_wheel_declares_the_workbench_command(wheel: Path) -> None:
    zf = zipfile.ZipFile(wheel)
    [entry_points] = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = zf.read(entry_points).decode()
    assert "workbench = workbench.cli.main:main" in text


def run_installed(site: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    """`workbench ARGV` importing the package from the unpacked wheel only."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORKBENCH_DEBUG")}
    env.update(PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen", WORKBENCH_CATALOGS="")
    # -I would drop PYTHONPATH; -P is 3.11+: do not put cwd first. The editable install's
    # finder stays on sys.path, so check below that the wheel's copy is the one imported.
    code = ("import sys, workbench; assert workbench.__file__.startswith(sys.argv.pop(1)), "
            "workbench.__file__; from workbench.cli.main import main; "
            "sys.argv[0] = 'workbench'; raise SystemExit(main())")
    return subprocess.run([sys.executable, "-P", "-c", code, str(site), *argv], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_unpacked_wheel_runs_from_another_folder(unpacked: Path, tmp_path: Path) -> None:
    def ok(*argv: str) -> str:
        done = run_installed(unpacked, tmp_path, *argv)
        assert done.returncode == 0, f"workbench {' '.join(argv)}: {done.stderr}"
        assert "Traceback" not in done.stderr
        return done.stdout

    listed = ok("new", "--list")
    for name in ("blank", "cardiac-implant-remote-monitoring", "insulin-closed-loop",
                 "hospital-ward-iomt", "home-telemonitoring", "ght-shared-ehr-pacs"):
        assert name in listed
    ok("new", "--template", "insulin-closed-loop", "-o", "m.twm.json")
    assert ok("validate", "m.twm.json").strip() == "m.twm.json: ok"
    assert "Components:" in ok("info", "m.twm.json")
    threats = json.loads(ok("catalog", "threats", "--json"))
    assert len(threats) > 50
    analysis = json.loads(ok("analyze", "m.twm.json", "--json", "--top", "2",
                             "--samples", "1024", "--seed", "1"))
    assert analysis["summary"]["threats"] > 0
    assert json.loads(ok("schema"))["title"]
    ok("report", "m.twm.json", "-o", "board.pdf")
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")
