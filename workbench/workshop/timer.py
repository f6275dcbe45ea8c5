"""Per-item timer: the facilitator sees how long each item took; the time is saved."""

from __future__ import annotations

import time
from collections.abc import Callable

from workbench.model.workshop import WorkshopItem


class ItemTimer:
    """Accumulates wall time into ``item.seconds_spent``; the clock is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._item: WorkshopItem | None = None
        self._started = 0.0

    @property
    def running(self) -> WorkshopItem | None:
        return self._item

    def start(self, item: WorkshopItem) -> None:
        """Start timing ``item``; the item timed before is stopped and credited first."""
        self.stop()
        self._item, self._started = item, self._clock()

    def stop(self) -> int:
        """Credit the running item; returns its total seconds (0 when nothing ran)."""
        if self._item is None:
            return 0
        item, self._item = self._item, None
        item.seconds_spent += max(0, int(round(self._clock() - self._started)))
        return item.seconds_spent

    def elapsed(self) -> int:
        """Seconds on the running item, including the time before this start."""
        if self._item is None:
            return 0
        return self._item.seconds_spent + int(self._clock() - self._started)
