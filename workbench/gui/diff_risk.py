"""Risk per target for the diff overlay, computed off the GUI thread.

The threat risk and the attack-path probability of every target need an analysis and an
attack simulation per version, too long for the GUI thread on each edit. The baseline is
analysed once per comparison, the open model again after each edit (debounced), from the
baseline's analysis (``analysis/incremental.py``: only what the edits changed); a result
from an older request is dropped, so the Changes list never shows risk of a model that is
gone.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from workbench.analysis.diff import TargetRiskTable, target_risk_from
from workbench.model.threat_model import ThreatModel

#: Quiet time after an edit before the open model's risk is computed again.
DEBOUNCE_MS = 400


class _Signals(QObject):
    done = Signal(str, int, object, str)  # role, generation, table, basis
    failed = Signal(str, int, str)


class _Job(QRunnable):
    def __init__(self, role: str, generation: int, model: ThreatModel, signals: _Signals,
                 runner: RiskRunner):
        super().__init__()
        self.role, self.generation, self.model, self.signals = role, generation, model, signals
        self.runner = runner

    def run(self) -> None:
        try:
            # The open model is re-analysed from the baseline's analysis (only what the
            # edits changed; the pool runs one job at a time, baseline first).
            since = self.runner.snapshot if self.role == "current" else None
            table, basis, snap = target_risk_from(self.model, since)
            if self.role == "baseline":
                self.runner.snapshot = snap
        except Exception as exc:  # noqa: BLE001 - shown in the list, never crashes the GUI
            self.signals.failed.emit(self.role, self.generation,
                                     f"{type(exc).__name__}: {exc}\n"
                                     + traceback.format_exc(limit=2))
            return
        self.signals.done.emit(self.role, self.generation, table, basis)


class RiskRunner(QObject):
    """Keeps the latest risk table of the baseline and of the open model.

    ``ready`` fires when both tables belong to the latest requests; ``pending`` is True in
    between (the list says "computing…").
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.generations = {"baseline": 0, "current": 0}
        self.tables: dict[str, TargetRiskTable | None] = {"baseline": None, "current": None}
        self.basis = ""
        #: The baseline's analysis (``incremental.Snapshot``), set by its job.
        self.snapshot = None
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._next_current: ThreatModel | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_current)

    @property
    def pending(self) -> bool:
        return any(t is None for t in self.tables.values())

    def compare(self, baseline: ThreatModel, current: ThreatModel) -> None:
        """A new comparison: both tables are computed again, at once."""
        self._timer.stop()
        self._start("baseline", baseline)
        self._start("current", current)

    def current_changed(self, current: ThreatModel) -> None:
        """The open model was edited: compute its risk when the edits pause."""
        self.generations["current"] += 1  # any result in flight is now stale
        self.tables["current"] = None
        self._next_current = current
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        for role in self.generations:
            self.generations[role] += 1
            self.tables[role] = None

    def wait(self, ms: int = 30_000) -> bool:
        """Tests and shutdown: wait for the queued computations."""
        if self._timer.isActive():
            self._timer.stop()
            self._start_current()
        return self.pool.waitForDone(ms)

    def _start_current(self) -> None:
        if self._next_current is not None:
            self._start("current", self._next_current)
            self._next_current = None

    def _start(self, role: str, model: ThreatModel) -> None:
        self.generations[role] += 1
        self.tables[role] = None
        if role == "baseline":
            self.snapshot = None  # the current job queued next must not use an old one
        self.pool.start(_Job(role, self.generations[role], model, self._signals, self))

    def _done(self, role: str, generation: int, table: TargetRiskTable, basis: str) -> None:
        if generation != self.generations[role]:
            return
        self.tables[role] = table
        self.basis = basis
        if not self.pending:
            self.ready.emit()

    def _failed(self, role: str, generation: int, message: str) -> None:
        if generation == self.generations[role]:
            self.failed.emit(message)
