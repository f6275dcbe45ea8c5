"""Project-wide guarantees: shipped schema up to date, core layers free of Qt, no network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from workbench.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_schema_matches_the_models(capsys) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    shipped = json.loads((ROOT / "schema" / "threat-model.schema.json").read_text())
    assert printed == shipped, "run: workbench schema > schema/threat-model.schema.json"
    assert printed["properties"]["schema_version"]["const"] == 2


def test_import_contracts_keep_qt_out_of_the_core() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Core layers never import Qt KEPT" in result.stdout


NETWORK_MODULES = re.compile(
    r"^\s*(import|from)\s+(socket|urllib\.request|http\.client|requests|httpx|aiohttp|"
    r"ftplib|smtplib)\b", re.MULTILINE)


def test_the_program_opens_no_network_connection() -> None:
    """Architectures of health systems are sensitive: no module may talk to the network."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "workbench").rglob("*.py")
                 if NETWORK_MODULES.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
