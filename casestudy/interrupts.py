"""Ctrl-C during a change that must not stop half-way: the change finishes first."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class InterruptedAfterFinishing(KeyboardInterrupt):
    """Ctrl-C came while a change was being made; it was finished, then the command stopped."""


@contextmanager
def finish_before_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C until the block is done, then stop as Ctrl-C would (raising
    InterruptedAfterFinishing). Outside the main thread, where signals cannot be caught, the
    block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        pressed.append(signum)

    previous = signal.signal(signal.SIGINT, remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise InterruptedAfterFinishing
