"""Analysis off the GUI thread: threats and risk, then attack paths, with progress and cancel.

Each run carries a generation number; a result from an older run (the model changed since,
or the user cancelled) is dropped, so the panels never show a stale analysis.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.gui.threat_order import tier_groups
from workbench.model.stencils import StencilLibrary
from workbench.model.threat_model import ThreatModel


@dataclass
class Analysis:
    """What the panels need: the rule engine's result and, when available, attack paths."""

    result: Any  # workbench.analysis.pipeline.AnalysisResult
    attacks: Any = None
    warnings: list[str] = field(default_factory=list)
    #: the Threats panel's ranked groups per tier (``threat_order.tier_groups``), worked
    #: out here, off the window's thread; None: the panel works them out
    tiers: Any = None


def run_analysis(model: ThreatModel, stencils: StencilLibrary | None,
                 cancelled: threading.Event | None = None,
                 progress=None) -> Analysis | None:
    """Run every stage in turn; returns None when cancelled between stages."""
    from workbench.analysis.pipeline import analyze

    if progress:
        progress(5, "threats")
    # attack_graph: the exposure pass's graph is handed to the attack stage below, which
    # then builds no second one (same figures: tests/analysis/test_fast_paths.py); without
    # the catalog's options, as the stage funds nothing (tests/gui/test_worker_graph.py)
    result = analyze(model, stencils=stencils, attack_graph=True, graph_options=False)
    if cancelled is not None and cancelled.is_set():
        return None
    analysis = Analysis(result, tiers=tier_groups(result))
    if progress:
        progress(60, "attack paths")
    try:
        from workbench.analysis import attack  # colleague's engine; optional until it lands
    except ImportError:
        attack = None
    if attack is not None and hasattr(attack, "analyze_attacks"):
        try:
            # cuts=False: the panels read paths, attackers and targets, never the edge
            # cuts, choke points or layer summary (tests/gui/test_worker_reads.py)
            analysis.attacks = attack.analyze_attacks(
                result.model, result.catalog, risks=result.threats, stencils=stencils,
                recommend=False, sensitivity=False, shared=result.attack_graph, cuts=False)
        except Exception as exc:  # noqa: BLE001 - shown in the panel, never crashes the GUI
            analysis.warnings.append(f"attack paths: {exc}")
        finally:
            result.attack_graph = None  # the window keeps the result, not the graph
    if cancelled is not None and cancelled.is_set():
        return None
    if progress:
        progress(100, "done")
    return analysis


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, model: ThreatModel, stencils, signals: _Signals,
                 cancelled: threading.Event):
        super().__init__()
        self.generation, self.model, self.stencils = generation, model, stencils
        self.signals, self.cancelled = signals, cancelled

    def run(self) -> None:
        try:
            out = run_analysis(self.model, self.stencils, self.cancelled,
                               lambda p, s: self.signals.progress.emit(self.generation, p, s))
        except Exception as exc:  # noqa: BLE001
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}\n"
                                     + traceback.format_exc(limit=3))
            return
        if out is not None:
            self.signals.finished.emit(self.generation, (self.model, out))


class AnalysisRunner(QObject):
    """Starts runs on a one-thread pool; emits only the result of the latest run."""

    finished = Signal(object, object)  # model analysed, Analysis
    failed = Signal(str)
    progress = Signal(int, str)
    busy = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.generation = 0
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.finished.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._signals.progress.connect(self._progress)

    def start(self, model: ThreatModel, stencils: StencilLibrary | None) -> None:
        self._cancel.set()
        self._cancel = threading.Event()
        self.generation += 1
        self.busy.emit(True)
        self.pool.start(_Job(self.generation, model, stencils, self._signals, self._cancel))

    def cancel(self) -> None:
        self._cancel.set()
        self.generation += 1
        self.busy.emit(False)

    def wait(self, ms: int = 30_000) -> bool:
        return self.pool.waitForDone(ms)

    def _done(self, generation: int, payload) -> None:
        if generation == self.generation:
            self.busy.emit(False)
            self.finished.emit(*payload)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.busy.emit(False)
            self.failed.emit(message)

    def _progress(self, generation: int, value: int, stage: str) -> None:
        if generation == self.generation:
            self.progress.emit(value, stage)
