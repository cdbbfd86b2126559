"""Reading the next batch while the current one is built: two cores for one listing.

SQLite's driver leaves the interpreter's lock while SQLite works (``sqlite3_step``), so when
SQLite does most of a read (JSON arrays built in SQL), a thread can read batch n + 1 while the
caller's thread builds batch n in Python. The reading thread runs only inside the
iteration: each batch is built and the next read finished before the batch is handed on, so
the caller may use the connection between batches, an error of the read is raised in the
caller, and a caller that stops early leaves no thread behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Generic, TypeVar

Found = TypeVar("Found")
Built = TypeVar("Built")


class _Read(Generic[Found]):
    """``read()`` run in a thread of its own from construction; :meth:`result` waits for it."""

    __slots__ = ("_error", "_found", "_read", "_thread")

    def __init__(self, read: Callable[[], Found]) -> None:
        self._read = read
        self._found: Found | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="planwatch-read-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._found = self._read()
        except BaseException as error:  # handed to the caller's thread by result()
            self._error = error

    def wait(self) -> None:
        """Until the read is done, whatever its outcome."""
        self._thread.join()

    def result(self) -> Found:
        """What the read returned; its error, raised here, if it failed."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._found  # type: ignore[return-value]


def built_reading_ahead(
    reads: Iterable[Callable[[], Found]], build: Callable[[Found], Built], *, ahead: bool = True,
    pause: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> Iterator[Built]:
    """``build(read())`` for each of ``reads`` in turn; with ``ahead``, each read after the first
    runs in a thread while the previous result is built (the connection the reads use must
    allow a second thread: not an in-memory SQLite). Each step, a read and a build, runs in
    the caller's thread inside ``pause()``, never across a yield."""
    pending = iter(reads)
    first = next(pending, None)
    if first is None:
        return
    with pause():
        found = first()
    for read in pending:
        with pause():
            built, found = _step(found, read, build, ahead)
        yield built
    with pause():
        built = build(found)
    yield built


def _step(found: Found, read: Callable[[], Found], build: Callable[[Found], Built], ahead: bool) -> tuple[Built, Found]:
    """``build(found)`` and ``read()``, the read in a thread of its own while the build runs
    when ``ahead``; both done when it returns."""
    if not ahead:
        return build(found), read()
    following = _Read(read)
    try:
        built = build(found)
    except BaseException:
        following.wait()  # never leave the thread reading on the caller's connection
        raise
    return built, following.result()
