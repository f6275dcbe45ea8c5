"""Killing a process in the middle of a save never leaves a half-written model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from workbench.model import load_model, save_model

from .factories import tiny_model

WRITER = textwrap.dedent("""
    import sys
    from workbench.model import Component, Layer, load_model, save_model
    path = sys.argv[1]
    model = load_model(path)
    # A previous killed writer may have saved its trackers already: start from the base.
    model.components = [c for c in model.components if not c.id.startswith("tracker-")]
    # Large enough that one save takes a noticeable time, so kills land mid-write.
    for i in range(3000):
        model.components.append(Component(id=f"tracker-{i}", name=f"Tracker {i}",
                                          stencil="fitness-tracker", layer=Layer.THING))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        model.metadata.version = str(n)
        save_model(model, path)
""")


def test_kill_during_save_leaves_old_or_new_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "model.twm.json"
    save_model(tiny_model(), path)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    kills = 0
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        proc = subprocess.Popen([sys.executable, str(script), str(path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        model = load_model(path)  # raises if the file were half written
        assert model.metadata.title == "Tiny closed loop"
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            load_model(backup)
    assert kills == 5
