"""Per-stage times for benchmarks: ``WORKBENCH_STAGE_TIMES=1 workbench analyze ...``.

The end-to-end benchmark (``benchmarks/bench_end_to_end.py``) needs to say where a user's
command spends its time without profiling overhead; each stage records its wall time and
the process's CPU time and, when the variable is set, one JSON line
``{"stage_seconds": {...}, "stage_cpu_seconds": {...}}`` goes to stderr at exit. CPU
seconds move much less than wall seconds when other work shares the machine. Without the
variable nothing is recorded or printed.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

_ENABLED = bool(os.environ.get("WORKBENCH_STAGE_TIMES"))
_TIMES: dict[str, float] = {}
_CPU: dict[str, float] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` (times of repeated stages add up)."""
    if not _ENABLED:
        yield
        return
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        _TIMES[name] = _TIMES.get(name, 0.0) + time.perf_counter() - start
        _CPU[name] = _CPU.get(name, 0.0) + time.process_time() - cpu


def _report() -> None:
    if _TIMES:
        sys.stderr.write(json.dumps({"stage_seconds": _TIMES, "stage_cpu_seconds": _CPU})
                         + "\n")


if _ENABLED:
    atexit.register(_report)
