"""A tiny progress counter on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Prints ``label: N done (rate/s)`` at most every 0.2 s, on a TTY only."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.count = 0
        self.started = time.monotonic()
        self.shown = 0.0

    def advance(self, amount: int = 1) -> None:
        self.count += amount
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.shown >= 0.2:
            self.shown = now
            rate = self.count / max(now - self.started, 1e-9)
            self.stream.write(f"\r{self.label}: {self.count} done ({rate:,.0f}/s)")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.count:
            self.stream.write(f"\r{self.label}: {self.count} done" + " " * 20 + "\n")
            self.stream.flush()
