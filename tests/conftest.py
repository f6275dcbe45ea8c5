"""Test setup: Qt runs offscreen, before any QApplication exists."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# The user's own stencils and catalogs (model/userdata.py) must not change test results.
os.environ["WORKBENCH_USER_DIR"] = tempfile.mkdtemp(prefix="workbench-user-")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample-models"


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.twm.json"))
