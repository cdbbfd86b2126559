"""The extraction process pool, whose workers never outlive the process that started them.

``kill -9`` of ``planwatch ingest --workers N`` gives the pool no chance to shut down, and a
worker waiting on its task queue would wait for ever. Each worker therefore asks Linux to kill
it when its parent dies (``PR_SET_PDEATHSIG``) and also runs a watchdog thread that exits the
worker once the starting process is gone (any POSIX system, any start method).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 0.25  # how often a worker checks that its owner is alive


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that exit when this process dies, however it dies."""
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
