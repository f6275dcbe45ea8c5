"""Crash recovery: the unsaved model is written every minute to a per-user recovery file.

A clean exit (saved, or changes discarded) deletes the file, so finding one at start-up means
the previous session ended abnormally; the window then offers to restore it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import platformdirs

from workbench.model.io import dumps_model, load_model, write_text_atomic
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel

AUTOSAVE_MS = 60_000


def default_folder() -> Path:
    return Path(platformdirs.user_state_dir("threat-workbench", appauthor=False)) / "recovery"


class Recovery:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else default_folder()
        self.file = self.folder / "recovery.twm.json"
        self.meta = self.folder / "recovery.json"

    def save(self, model: ThreatModel, original: str | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.file, dumps_model(model), keep_backup=False)
        write_text_atomic(self.meta, json.dumps({"original": original}), keep_backup=False)

    def pending(self) -> bool:
        return self.file.is_file()

    def original(self) -> str | None:
        try:
            value = json.loads(self.meta.read_text(encoding="utf-8")).get("original")
        except (OSError, ValueError, AttributeError):
            return None
        return value if isinstance(value, str) else None

    def load(self, stencils: StencilLibrary | None) -> ThreatModel:
        return load_model(self.file, stencils)

    def clear(self) -> None:
        for path in (self.file, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
