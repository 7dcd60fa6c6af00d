"""A request to stop the process (SIGTERM), for long jobs to see between their chunks.

The scheduler runs its jobs in worker threads, and a signal reaches only the main thread:
raising there ends the scheduler's loop, but Python still waits for the running job at
exit. A long job (an import reading 100,000 rows) asks ``stop_requested()`` between
chunks, puts its work back where another process can take it up, and returns.
"""

import signal
import threading

_requested = threading.Event()


def stop_requested() -> bool:
    return _requested.is_set()


def request_stop() -> None:
    _requested.set()


def forget_request() -> None:
    """For a process that goes on after a stop was handled (tests)."""
    _requested.clear()


def stop_on_sigterm(*, exit_main_thread: bool):
    """On SIGTERM, ask the jobs to stop; and, for a loop that must end too (the
    scheduler's), raise SystemExit in the main thread. Returns the handler it replaced."""

    def handle(_signum, _frame):
        request_stop()
        if exit_main_thread:
            raise SystemExit(0)

    return signal.signal(signal.SIGTERM, handle)
