"""Reading the next batch in a thread (store.read_ahead): the same results in the same order,
the reader's errors raised in the caller, and no thread left running when the caller stops, on
its own and under the matrix (store.matrix_select), which reads ahead on SQLite files (on
PostgreSQL and in-memory SQLite it reads in the caller's thread: the same rows and errors)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from store import queries
from store.db import make_engine
from store.read_ahead import built_reading_ahead

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # noqa: E402  the benchmark's generator of synthetic stores


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "planwatch-read-ahead" and t.is_alive()]


def _reads(n: int, threads: list[str], fail_at: int | None = None) -> list[Callable[[], int]]:
    def read(i: int) -> int:
        threads.append(threading.current_thread().name)
        time.sleep(0.002 * (i % 3))  # reads that end before and after the build
        if i == fail_at:
            raise LookupError(f"read {i} failed")
        return i * i

    return [lambda i=i: read(i) for i in range(n)]  # type: ignore[misc]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7])
@pytest.mark.parametrize("ahead", [True, False])
def test_results_and_their_order_are_those_read_in_turn(n: int, ahead: bool) -> None:
    threads: list[str] = []
    built = list(built_reading_ahead(_reads(n, threads), lambda x: (x, threading.current_thread().name), ahead=ahead))
    assert built == [(i * i, threading.current_thread().name) for i in range(n)]  # built in the caller
    assert threads.count("planwatch-read-ahead") == (max(n - 1, 0) if ahead else 0)  # every read but the first
    assert not _readers()


@pytest.mark.parametrize("fail_at", [0, 1, 4])
def test_an_error_of_a_read_is_raised_in_the_caller(fail_at: int) -> None:
    got: list[int] = []
    with pytest.raises(LookupError, match=f"read {fail_at} failed"):
        for value in built_reading_ahead(_reads(6, [], fail_at), lambda x: x):
            got.append(value)
    assert got == [i * i for i in range(max(fail_at - 1, 0))]  # a batch is handed on once the next is read
    assert not _readers()


def test_a_failing_build_waits_for_the_read_under_way() -> None:
    def build(x: int) -> int:
        raise ValueError("build failed")

    slow = [lambda: 1, lambda: time.sleep(0.05) or 2]  # type: ignore[func-returns-value]
    with pytest.raises(ValueError, match="build failed"):
        list(built_reading_ahead(slow, build))
    assert not _readers()


def test_no_thread_runs_while_the_caller_holds_a_batch_or_after_it_stops() -> None:
    rows = built_reading_ahead(_reads(5, []), lambda x: x)
    assert next(rows) == 0
    assert not _readers()
    rows.close()
    assert not _readers()


@pytest.fixture
def store(db_url: str) -> Iterator[Session]:
    make_store(db_url, 3000, per_plan=12)  # several batches of documents
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_the_matrix_reads_ahead_and_a_failing_read_reaches_the_caller(store: Session) -> None:
    from sqlalchemy import text

    from sqlalchemy import event

    threads: list[str] = []
    engine = store.get_bind()
    event.listen(engine, "before_cursor_execute", lambda *_: threads.append(threading.current_thread().name))
    whole = list(queries.iter_matrix(store))
    sqlite = store.connection().dialect.name == "sqlite"
    assert ("planwatch-read-ahead" in threads) == sqlite  # the driver builds PostgreSQL's rows under the lock
    rows = queries.iter_matrix(store)
    assert next(rows) == whole[0] and not _readers()
    store.execute(text("ALTER TABLE assignment RENAME TO assignment_gone"))  # the caller's own connection
    with pytest.raises(Exception, match="assignment"):
        list(rows)  # the batch after the next one cannot be read
    assert not _readers()


def test_an_in_memory_sqlite_reads_in_the_callers_thread(tmp_path: Path) -> None:
    """Its one connection belongs to the thread that opened it: the same rows, no thread."""
    from sqlalchemy import text

    from store.db import init_db

    make_store(f"sqlite:///{tmp_path / 'file.db'}", 3000, per_plan=12)
    file_engine = make_engine(f"sqlite:///{tmp_path / 'file.db'}")
    engine = make_engine("sqlite://")
    init_db(engine)
    with Session(file_engine) as session:
        whole = list(queries.iter_matrix(session))
    with Session(engine) as session:
        session.execute(text("PRAGMA foreign_keys=OFF"))
        session.execute(text(f"ATTACH DATABASE '{tmp_path / 'file.db'}' AS source"))
        for table in ("document", "agency", "task", "assignment", "taskperson"):
            session.execute(text(f"INSERT INTO main.{table} SELECT * FROM source.{table}"))
        rows = queries.iter_matrix(session)
        assert next(rows) == whole[0] and not _readers()
        assert [whole[0], *rows] == whole
    engine.dispose()
    file_engine.dispose()


def test_each_read_and_build_runs_inside_the_pause_never_across_a_yield() -> None:
    """The matrix pauses the cycle collector so: a PostgreSQL batch read as rows with the
    collector on cost twice the CPU."""
    from contextlib import contextmanager

    inside = [False]
    seen: list[tuple[str, bool]] = []

    @contextmanager
    def pause() -> Iterator[None]:
        inside[0] = True
        yield
        inside[0] = False

    def read(i: int) -> int:
        seen.append(("read", inside[0]))
        return i

    def build(i: int) -> int:
        seen.append(("build", inside[0]))
        return i

    for ahead in (True, False):
        seen.clear()
        reads = [lambda i=i: read(i) for i in range(4)]
        for _ in built_reading_ahead(reads, build, ahead=ahead, pause=pause):  # type: ignore[misc]
            assert not inside[0]
        assert len(seen) == 8 and all(flag for _, flag in seen)
