"""The user's own stencils and catalogs load from the per-user data folder, in any install.

Run as separate processes (as a user would): each start reads the folder afresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.analysis.test_catalog import USER_DOC
from workbench.model import userdata

STENCILS = {"stencil_format": 1, "stencils": [{
    "id": "acme-infusion-hub", "label": "ACME infusion hub", "layer": "gateway",
    "category": "hub", "description": "Our bedside hub for infusion pumps."}]}


def workbench(user_dir: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_CATALOGS"}
    env[userdata.USER_DIR_ENV] = str(user_dir)
    return subprocess.run([sys.executable, "-m", "workbench", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def model_with_hub(tmp_path: Path) -> Path:
    path = tmp_path / "m.twm.json"
    done = workbench(tmp_path / "nobody", tmp_path, "new", "--template", "blank", "-o",
                     str(path))
    assert done.returncode == 0, done.stderr
    doc = json.loads(path.read_text("utf-8"))
    doc["components"].append({"id": "hub", "name": "Hub", "layer": "gateway",
                              "stencil": "acme-infusion-hub"})
    path.write_text(json.dumps(doc), "utf-8")
    return path


def test_user_stencils_and_catalogs_come_from_the_user_folder(tmp_path: Path) -> None:
    user = tmp_path / "user"
    (user / "stencils").mkdir(parents=True)
    (user / "catalogs").mkdir()
    model = model_with_hub(tmp_path)

    # Without the user's stencil the model names an unknown type...
    done = workbench(user, tmp_path, "validate", str(model))
    assert done.returncode == 1 and "acme-infusion-hub" in done.stderr

    # ...with it, the same file is valid, from the folder alone.
    (user / "stencils" / "acme.json").write_text(json.dumps(STENCILS), "utf-8")
    done = workbench(user, tmp_path, "validate", str(model))
    assert done.returncode == 0, done.stderr

    (user / "catalogs" / "acme.json").write_text(json.dumps(USER_DOC), "utf-8")
    done = workbench(user, tmp_path, "catalog", "threats", "--json")
    assert done.returncode == 0, done.stderr
    assert "acme:pump-wifi-bridge" in done.stdout


def test_a_bad_user_file_is_named_by_its_path(tmp_path: Path) -> None:
    user = tmp_path / "user"
    (user / "catalogs").mkdir(parents=True)
    bad = user / "catalogs" / "broken.json"
    bad.write_text('{"catalog_format": 1, "namespace": "acme", "threats": [', "utf-8")
    done = workbench(user, tmp_path, "catalog", "threats")
    assert done.returncode == 1
    assert done.stderr.startswith(f"{bad}:") and "Traceback" not in done.stderr


def test_the_folder_follows_platformdirs(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(userdata.USER_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert userdata.user_dir() == tmp_path / "threat-workbench"
    assert userdata.user_files("stencils") == []
