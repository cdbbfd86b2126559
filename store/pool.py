"""The extraction process pool, whose workers never outlive the process that started them,
and the bounded window through which any pool (or a Dask cluster) feeds the single writer.

``kill -9`` of ``planwatch ingest --workers N`` gives the pool no chance to shut down, and a
worker waiting on its task queue would wait for ever. Each worker therefore asks Linux to kill
it when its parent dies (``PR_SET_PDEATHSIG``) and also runs a watchdog thread that exits the
worker once the starting process is gone (any POSIX system, any start method).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from pathlib import Path

    from extract.settings import ExtractSettings
    from store.jobs import Job

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 0.25  # how often a worker checks that its owner is alive
# Extractions in flight (or done, waiting for the writer) per worker slot. The writer takes
# results in the files' order, so while one worker is on a long document the others can only go
# on through the files after it as far as this window reaches: at 4 per slot a worker went idle
# behind every long plan that a run of short files followed (traced on copies of the corpus's
# text documents, 2 workers: idle between files ~5.5 % of their time at 4, ~2.5 % at 16, no
# better at 32). The results held stay a constant, however many files there are.
AHEAD = 16
# What extractions import (text formats; the table stage, which segment imports only for a
# document with grids, as nearly every plan has): imported once before the workers fork.
PRELOADED = ("extract.load", "extract.pipeline", "extract.tables")
T = TypeVar("T")


def default_workers() -> int:
    """The number of cores this process may run on (its CPU affinity, not the machine's)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return counted() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def in_order(items: Iterable[T], start: Callable[[T], Future | None], window: int) -> Iterator[tuple[T, Future | None]]:
    """Start each item's work (``start`` returns its future, or None when there is none to do)
    and yield ``(item, future)`` in the order of ``items``, keeping at most ``window`` futures
    started and not yet yielded.

    So the results waiting for the consumer, and the memory they hold, are bounded by
    ``window`` however long the input is: a new item is started only when the consumer has
    taken an earlier one. ``items`` is read lazily, one item ahead of need.
    """
    queue: deque[tuple[T, Future | None]] = deque()
    running = 0
    for item in items:
        future = start(item)
        queue.append((item, future))
        running += future is not None
        while queue and (running >= window or queue[0][1] is None):
            head = queue.popleft()
            running -= head[1] is not None
            yield head
    while queue:
        yield queue.popleft()


class Extractors(Protocol):
    """Where extraction runs: ``submit`` starts one file's and returns its future (anything
    with ``result()``, giving ``extract_one``'s ``(result or None, reason)``); ``slots`` is how
    many run at once."""

    slots: int

    def submit(self, job: Job) -> Any: ...

    def close(self) -> None: ...


class SerialExtractors:
    """Extraction in this process, one file at a time, when the writer asks for it."""

    slots = 1

    def __init__(self, extract_one: Callable[[Path], Any]) -> None:
        self.extract_one = extract_one

    def submit(self, job: Job) -> Future:
        future: Future = Future()
        future.set_result(self.extract_one(job.path))
        return future

    def close(self, *, at_once: bool = False) -> None:
        pass


class ProcessExtractors:
    """Extraction in a pool of ``workers`` processes of this machine (:func:`worker_pool`)."""

    def __init__(self, workers: int, extract_one: Callable[[Path], Any]) -> None:
        self.slots = workers
        self.extract_one = extract_one
        self.pool = worker_pool(workers)

    def submit(self, job: Job) -> Future:
        return self.pool.submit(self.extract_one, job.path)

    def close(self, *, at_once: bool = False) -> None:
        """Shut the pool down once its running extractions end; ``at_once`` (Ctrl-C, or a
        reader that stopped early) ends them instead: an OCR of a scan can run for minutes,
        and nothing of a file is stored before the writer has its whole result."""
        # the pool's own processes: no public handle on them before Python 3.14's terminate_workers
        processes = list((getattr(self.pool, "_processes", None) or {}).values()) if at_once else []
        self.pool.shutdown(wait=not at_once, cancel_futures=True)
        for process in processes:
            process.terminate()


@contextmanager
def remembered_interrupt() -> Iterator[threading.Event]:
    """Ctrl-C raises ``KeyboardInterrupt`` as usual and is also remembered (the event is set).

    An exception raised while Python runs a finalizer (``__del__``, a weakref callback: pools,
    sessions and cursors have them) is printed and dropped; a batch loop that checks the event
    after each file still stops. The previous handler is put back on exit.
    """
    seen = threading.Event()
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield seen
        return

    def interrupted(_signum: int, _frame: Any) -> None:
        seen.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def open_extractors(
    engine: str, workers: int, scheduler: str | None = None, settings: ExtractSettings | None = None
) -> Iterator[Extractors | None]:
    """The extractors of ``ingest --engine``: a Dask cluster (``store.cluster``) for ``dask``,
    extracting with ``settings``; None for ``local``, where ``ingest_files`` runs its own process
    pool of ``workers``."""
    if engine != "dask":
        yield None
        return
    from store.cluster import dask_extractors

    with dask_extractors(workers, scheduler, settings) as extractors:
        yield extractors


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that exit when this process dies, however it dies.

    Workers started by fork inherit this process's modules: the extraction stages are imported
    here first, once, instead of in every worker (each would pay ~0.15 s of CPU for them, on
    cores the other workers need). What is alive then lives as long as the process; it is moved
    out of the collector's reach (``gc.freeze``, as the gc documentation advises before a fork),
    so that neither a worker's collections nor the writer's walk it again and again (and a
    worker's do not copy the pages it shares with the writer).
    """
    if multiprocessing.get_start_method() == "fork":
        for name in PRELOADED:
            importlib.import_module(name)
        gc.collect()
        gc.freeze()
    return ProcessPoolExecutor(max_workers=workers, initializer=watch_owner, initargs=(os.getpid(),))


def watch_owner(owner: int) -> None:
    """Pool initializer: end this worker when process ``owner`` is gone."""
    _die_with_parent()
    if not _alive(owner):  # the owner died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(owner, os.getppid()), name="owner-watchdog", daemon=True).start()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc to ask: the watchdog alone does it
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _watch(owner: int, parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent or not _alive(owner):
            os._exit(1)
