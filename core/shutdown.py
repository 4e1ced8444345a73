"""Stopping on SIGTERM/SIGINT without deadlocking in the signal handler.

A Python signal handler runs in the main thread between two bytecodes, possibly inside the very
``threading.Event.set()`` or ``wait()`` it interrupts. Setting an Event there takes the Event's
lock, which that frame may already hold: a second signal arriving during the first handler's
``set()`` deadlocks the process for good. That happened to the children of a supervisor killed
with SIGKILL (each got SIGTERM more than once and hung). So the handler only writes a byte to a
pipe (safe at any point), and a daemon thread sets the Event.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterable


def stop_on_signals(event: threading.Event,
                    signals: Iterable[signal.Signals] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Set ``event`` when one of ``signals`` arrives (call from the main thread, once per process)."""
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)

    def handler(signum: int, frame: object) -> None:
        try:
            os.write(write_fd, b"\0")
        except BlockingIOError:
            # The pipe is full of earlier signals: a stop is pending already, this one adds nothing.
            return

    def watch() -> None:
        os.read(read_fd, 1)
        event.set()

    threading.Thread(target=watch, name="stop-on-signal", daemon=True).start()
    for sig in signals:
        signal.signal(sig, handler)
