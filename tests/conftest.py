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
from hypothesis import settings  # noqa: E402

# CI and the README's test command are reproducible: the property tests draw the same
# examples on every run. Explore new ones with `pytest --hypothesis-profile=explore`
# (docs/testing.md); a failure found there becomes an @example in the test.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("WORKBENCH_HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample-models"


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.twm.json"))
