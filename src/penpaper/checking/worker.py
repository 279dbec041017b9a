"""A persistent worker process per concurrent check, killed and replaced on timeout.

Signals cannot interrupt sympy or a huge integer power outside the main
thread, and a thread cannot be killed at all; a process can. Workers are
forked from a fork server that has already imported the checker (and sympy),
so a replacement is ready in milliseconds, and each keeps serving checks until
one runs past its deadline. The first check of a session waits for the fork
server to start (about a second): call :func:`warm_up` early to hide that.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from penpaper.checking.judges import Request
from penpaper.checking.limits import WORKER_MEMORY_BYTES
from penpaper.checking.verdict import BankError, Verdict

if TYPE_CHECKING:  # ForkServerContext does not exist on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

_STARTUP_SECONDS = 60.0
_DISPATCH_MODULE = "penpaper.checking.dispatch"


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=1)
        self.connection.close()


class WorkerPool:
    """Hands each check to an idle worker (starting one if none is idle)."""

    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._context: SpawnContext | ForkServerContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload([_DISPATCH_MODULE])
        else:  # Windows: each worker imports the checker itself, once
            self._context = multiprocessing.get_context("spawn")

    def run(self, request: Request, timeout: float) -> Verdict:
        """Judge ``request`` within ``timeout`` seconds, or return ``undecided``.

        The clock includes starting a worker when none is idle, so even a cold first
        check stays within its bound.
        """
        deadline = time.monotonic() + timeout
        worker = self._acquire()
        try:
            worker.connection.send(request)
            if not worker.connection.poll(max(deadline - time.monotonic(), 0.0)):
                worker.stop()
                return Verdict(
                    "undecided", "this answer takes too long to check; try writing it more simply"
                )
            outcome, payload = worker.connection.recv()
        except (EOFError, OSError):
            worker.stop()
            return Verdict("undecided", "the checker stopped unexpectedly on this answer")
        with self._lock:
            self._idle.append(worker)
        if outcome == "bank-error":
            raise BankError(payload)
        assert isinstance(payload, Verdict)
        return payload

    def warm_up(self) -> None:
        """Start one worker now, so that the first check does not wait for it."""
        worker = self._acquire()
        with self._lock:
            self._idle.append(worker)

    def _acquire(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.connection.close()
        return self._start()

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        if not ours.poll(_STARTUP_SECONDS) or ours.recv() != "ready":
            worker.stop()
            raise RuntimeError("the answer checker's worker process did not start")
        return worker


def serve(connection: Connection) -> None:
    """The worker's loop: judge each request received, send back the verdict."""
    from penpaper.checking.dispatch import judge

    # Ctrl-C in the terminal reaches the whole process group; the parent decides
    # what an interrupt means (it ends the session) and stops workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, object] = ("verdict", judge(request))
        except BankError as error:
            reply = ("bank-error", str(error))
        except Exception as error:
            reply = (
                "verdict",
                Verdict("undecided", f"could not judge this answer ({error!r})"[:200]),
            )
        connection.send(reply)


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: the time limit still applies
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = (
        WORKER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard, WORKER_MEMORY_BYTES)
    )
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
