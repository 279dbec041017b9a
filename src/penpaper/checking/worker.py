"""Worker processes that run checks, each killed and replaced when a check runs too long.

Signals cannot interrupt sympy or a huge integer power, and a thread cannot be
killed at all; a process can. A worker is a fresh interpreter started with
:mod:`subprocess` rather than :mod:`multiprocessing`, which would re-run the
caller's main script in every child (a script without an ``if __name__ ==
"__main__":`` guard would crash). Before it says it is ready, a worker imports
the checker and judges one trivial answer: start-up and imports are never
charged to a learner's answer.

A check's limit is the CPU time its worker spends on it, read from ``/proc``
where the system has one (else the wall time since the check was sent), so a
busy machine slows a check down without refusing it. A separate, generous
wall-clock cap stops anything that stalls without computing, and a worker
whose caller is gone is ended by the kernel once it has used up the limit.
"""

from __future__ import annotations

import atexit
import math
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from penpaper.checking.limits import HARD_LIMIT_SECONDS, WORKER_MEMORY_BYTES

_STARTUP_SECONDS = 60.0
_EXIT_SECONDS = 5.0
_SHORTEST_WAIT_SECONDS = 0.01
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_WORKER_CODE = "from penpaper.checking.worker import serve; serve()"


class TooLong(Exception):
    """The check used up its time limit (or the wall-clock cap); its worker was stopped."""


class WorkerFailed(Exception):
    """The worker died, or could not run the job (the reason is not for a learner's eyes)."""


_Message = tuple[str, Any, float]
"""What a worker sends: a reply's kind and payload, and the CPU time it has used so far."""


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    messages: queue.SimpleQueue[_Message | None] = field(default_factory=queue.SimpleQueue)
    ready: bool = False
    since: tuple[float, float] = (0.0, 0.0)
    """When the current reply began: the wall clock, and the worker's CPU time."""

    @classmethod
    def start(cls) -> _Worker:
        """Start a worker without waiting for it: it gets ready while the caller goes on."""
        environment = dict(os.environ)
        path = environment.get("PYTHONPATH")
        environment["PYTHONPATH"] = _PACKAGE_ROOT + (os.pathsep + path if path else "")
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
        worker = cls(process)
        assert process.stdout is not None
        reader = threading.Thread(
            target=_read_messages, args=(process.stdout, worker.messages), daemon=True
        )
        reader.start()
        return worker

    def wait_until_ready(self) -> None:
        if self.ready:
            return
        try:
            message = self.messages.get(timeout=_STARTUP_SECONDS)
        except queue.Empty:
            message = None
        if message is None or message[0] != "ready":
            self.stop()
            raise RuntimeError("the answer checker's worker process did not start")
        self.since = (time.monotonic(), message[2])
        self.ready = True

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def send(self, job: object, limit: float) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        # An idle worker uses no CPU: its time at its last message is its time now.
        self.since = (time.monotonic(), self.since[1])
        try:
            pickle.dump((job, limit), stdin)
            stdin.flush()
        except OSError:
            raise WorkerFailed("the worker stopped before it got the job") from None

    def receive(self, limit: float) -> tuple[str, Any]:
        """The next reply, waited for while the worker spends at most ``limit`` seconds on it.

        The time counted starts with the job or with the previous reply. The
        worker's CPU time is read only once a reply is late: until then it is
        at most the wall time waited.
        """
        started, cpu_before = self.since
        spent = 0.0
        while True:
            waited = time.monotonic() - started
            left = min(limit - spent, HARD_LIMIT_SECONDS - waited)
            if left <= 0:
                raise TooLong
            try:
                message = self.messages.get(timeout=max(left, _SHORTEST_WAIT_SECONDS))
            except queue.Empty:
                cpu_now = _cpu_seconds(self.process.pid)
                spent = time.monotonic() - started if cpu_now is None else cpu_now - cpu_before
                continue
            if message is None:
                raise WorkerFailed("the worker stopped during the job")
            kind, payload, cpu = message
            self.since = (time.monotonic(), cpu)
            return kind, payload

    def stop(self, *, politely: bool = False) -> None:
        """Kill the worker, or (``politely``) let it finish: it exits when its input ends."""
        if politely and self.process.stdin is not None:
            self.process.stdin.close()
        else:
            self.process.kill()
        try:
            self.process.wait(timeout=_EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def _read_messages(stream: IO[bytes], messages: queue.SimpleQueue[_Message | None]) -> None:
    """Forward each message of one worker to its queue; ``None`` once the worker is gone."""
    while True:
        try:
            messages.put(pickle.load(stream))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            messages.put(None)
            return


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system) process ``pid`` has used, where ``/proc`` tells it.

    The same clock as the worker's own :func:`time.process_time`, in ticks.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class WorkerPool:
    """Hands each job to an idle worker, starting one when none is idle."""

    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def run(self, job: object, limit: float) -> tuple[str, Any]:
        """The worker's one ``(kind, payload)`` reply to ``job`` (see :meth:`replies`)."""
        (reply,) = self.replies(job, limit)
        return reply

    def replies(self, job: object, limit: float) -> Iterator[tuple[str, Any]]:
        """Each ``(kind, payload)`` reply to ``job``, as the worker sends it.

        The worker may spend ``limit`` seconds on each reply; waiting for it to
        start is not counted. Raises :class:`TooLong` or :class:`WorkerFailed`,
        and the worker is then replaced.
        """
        worker = self._acquire()
        finished = False
        try:
            worker.send(job, limit)
            while (reply := worker.receive(limit))[0] != "done":
                yield reply
            finished = True
        except (TooLong, WorkerFailed):
            worker.stop()
            self.warm_up()
            raise
        finally:
            if finished:
                with self._lock:
                    self._idle.append(worker)
            elif worker.is_alive():
                # Abandoned mid-job (Ctrl-C): a busy worker must never serve another job.
                worker.stop()

    def warm_up(self) -> None:
        """Start a worker now if none is idle, so that the next job does not wait for one."""
        with self._lock:
            if not any(worker.is_alive() for worker in self._idle):
                self._idle.append(_Worker.start())

    def close(self) -> None:
        """Let every idle worker finish; one never used is stopped rather than awaited."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop(politely=worker.ready)

    def _acquire(self) -> _Worker:
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        while worker is not None and not worker.is_alive():
            worker.stop()
            with self._lock:
                worker = self._idle.pop() if self._idle else None
        worker = worker or _Worker.start()
        worker.wait_until_ready()
        return worker


pool = WorkerPool()
"""The process's one pool: the checker, key display and ``validate`` share its workers."""
# Idle workers end with the process rather than after it, and their CPU time is
# then counted in the process's own (``time penpaper validate`` tells the truth).
atexit.register(pool.close)


def serve() -> None:
    """A worker's loop: warm up, say so, then run each job received and send back its reply."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # Anything printed by a library goes to stderr (discarded), never into the replies.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Ctrl-C in the terminal reaches the whole process group; the parent decides
    # what an interrupt means (it ends the session) and stops workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    from penpaper.checking.dispatch import perform, warm_up

    warm_up()
    _send(replies, ("ready", None))
    while True:
        try:
            job, limit = pickle.load(sys.stdin.buffer)
        except EOFError:
            # Nothing is left to flush or close; tearing down sympy's modules would
            # cost the caller, who waits for this exit, a sixth of a second.
            os._exit(0)
        each_reply = perform(job)
        while True:
            _allow_cpu(limit)
            reply = next(each_reply, None)
            if reply is None:
                break
            _send(replies, reply)
        _send(replies, ("done", None))


def _send(stream: IO[bytes], reply: tuple[str, Any]) -> None:
    kind, payload = reply
    message: _Message = (kind, payload, time.process_time())
    pickle.dump(message, stream)
    stream.flush()


def _allow_cpu(limit: float) -> None:
    """Let the kernel end this worker a second after ``limit`` more seconds of CPU time.

    The caller stops a worker that runs too long; this stops one whose caller is
    gone (a terminal closed mid-check) instead of letting it compute on alone.
    """
    _set_soft_limit("RLIMIT_CPU", math.ceil(time.process_time() + limit) + 1)


def _limit_memory() -> None:
    """A memory bomb fails fast in the worker instead of swapping the machine."""
    _set_soft_limit("RLIMIT_AS", WORKER_MEMORY_BYTES)


def _set_soft_limit(name: str, value: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: only the caller's time limit applies
        return
    which = getattr(resource, name)
    _, hard = resource.getrlimit(which)
    resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))
