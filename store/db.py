"""Engines and schema: SQLite by default, PostgreSQL by URL; nothing else differs."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from store.errors import StoreError

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Engine

    from store import pgwire
    from store.sql import Sql

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///planwatch.db"
ENV_VAR = "PLANWATCH_DB"
SQLITE_BUSY_SECONDS = 30  # how long a SQLite connection waits for another process's write
SCHEMA_LOCK = zlib.crc32(b"planwatch schema")  # PostgreSQL advisory lock key for creating tables
SCHEMA_TRIES = 5
# What a database says when another process created the same table a moment earlier.
PLAIN_SQLITE = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<path>[^?#%]+)")
URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # "sqlite:", "postgresql+psycopg:"; a drive "C:" is one letter
Connection = TypeVar("Connection", "sqlite3.Connection", "psycopg.Connection[Any]", "pgwire.Connection")
RACE_MARKS = ("already exists", "duplicate key", "pg_type_typname_nsp_index", "database is locked")


def database_url(url: str | None = None) -> str:
    """The database URL to use: ``url`` if given, else ``$PLANWATCH_DB``, else a local file.
    A value that is not a URL (no ``scheme:``) names a SQLite file: ``team.db`` is
    ``sqlite:///team.db``."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    return chosen if URL_SCHEME.match(chosen) else f"sqlite:///{chosen}"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (``sqlite:///x.db`` -> ``x.db``); None for other
    databases and for an in-memory SQLite. A plain URL is read without importing SQLAlchemy."""
    plain = plain_sqlite_file(url)
    if plain is not None:
        return plain
    if postgres_uri(url) is not None:  # no file: a read command on PostgreSQL imports no SQLAlchemy
        return None
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"cannot read the database URL {url!r}: expected a file name or a URL "
                         "such as sqlite:///planwatch.db or postgresql://host/db") from error
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)  # type: ignore[arg-type]


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///x.db``, no query options), read without
    SQLAlchemy for commands that answer on ``sqlite3`` alone; None for any other URL."""
    match = PLAIN_SQLITE.fullmatch(url)
    if match is None or match["path"] == ":memory:":
        return None
    return Path(match["path"])


def current_sqlite(path: Path) -> sqlite3.Connection | None:
    """A ``sqlite3`` connection to the existing SQLite file ``path`` when it records the current
    schema (``store.migrate.sqlite_is_current``); None when it needs ``init_db`` first."""
    from store.migrate import sqlite_is_current

    return _kept_if(sqlite3.connect(path, timeout=SQLITE_BUSY_SECONDS), sqlite_is_current)


def postgres_uri(url: str) -> str | None:
    """The libpq URI of a PostgreSQL URL that planwatch opens with psycopg 3 (``postgresql://``,
    ``postgres://``, ``postgresql+psycopg://``; its query options are connection parameters
    either way), for the read commands that answer on psycopg alone; None for any other URL."""
    normal = _normalise_url(url)
    return "postgresql://" + normal.split("://", 1)[1] if normal.startswith("postgresql+psycopg://") else None


def current_postgres(uri: str) -> Sql | None:
    """Plain SQL on the PostgreSQL store at ``uri`` when it records the current schema
    (``store.migrate.STAMP_TABLE``); None when it needs ``init_db`` first. Through
    :mod:`store.pgwire` when that client opens the URI as libpq would, else through psycopg
    (whose errors, ``psycopg.Error``, then apply)."""
    from store import pgwire
    from store.sql import PsycopgSql, WireSql

    sql: PsycopgSql | WireSql
    try:
        sql = WireSql(pgwire.connect(uri))
    except pgwire.Unsupported:
        import psycopg

        sql = PsycopgSql(psycopg.connect(uri))
    kept = _kept_if(sql.connection, lambda _connection: postgres_is_current(sql))
    return sql if kept is not None else None


def postgres_is_current(sql: Sql) -> bool:
    """True when the PostgreSQL store ``sql`` records the current schema."""
    from store.migrate import SCHEMA_VERSION, STAMP_TABLE

    if not sql.rows("SELECT to_regclass(:name) IS NOT NULL", {"name": STAMP_TABLE})[0][0]:
        return False
    return bool((sql.rows(f"SELECT max(version) FROM {STAMP_TABLE}", {})[0][0] or 0) >= SCHEMA_VERSION)


def _kept_if(connection: Connection, current: Callable[[Connection], bool]) -> Connection | None:
    """``connection`` when ``current`` says its store records the current schema; else closed, None."""
    try:
        if current(connection):
            return connection
    except BaseException:
        connection.close()
        raise
    connection.close()
    return None


def has_schema(engine: Engine) -> bool:
    """True when the database holds planwatch's tables (at least its documents)."""
    from sqlalchemy import inspect

    return "document" in inspect(engine).get_table_names()


def _normalise_url(url: str) -> str:
    """Let users write ``postgresql://`` or ``postgres://``; planwatch talks psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (see :func:`database_url` for the default).

    SQLite connections get WAL journaling and foreign keys on; PostgreSQL URLs may be written
    ``postgresql://`` and are run over psycopg 3. A ``?options=-csearch_path%3Dname`` query picks
    a schema on PostgreSQL.

    Args:
        url: an SQLAlchemy database URL.
        **kwargs: passed on to ``sqlalchemy.create_engine``.

    Returns:
        The engine; call :func:`init_db` once to create the tables.
    """
    from sqlalchemy import create_engine, event

    url = _normalise_url(database_url(url))
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_SECONDS)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    logger.debug("engine for %s", engine.url.render_as_string(hide_password=True))
    return engine


def is_race(error: BaseException) -> bool:
    """True when ``error`` is another process doing the same thing first (retry, then it is done)."""
    text = str(getattr(error, "orig", None) or error)
    return any(mark in text for mark in RACE_MARKS)


def init_db(engine: Engine) -> None:
    """Create every planwatch table that does not exist yet (safe to call on every start).

    A database that records the current schema (``store.migrate.schema_stamp``) is left as it
    is after one read. Otherwise nothing is done but stamping when every table, added column
    and the search index exist (``store.migrate``); else, on PostgreSQL, the tables are created
    and stamped in one transaction under an advisory lock, so a second process waits and then
    finds them. On SQLite each CREATE is atomic, and a "table already exists" from a process
    that lost the race is retried, at which point the other process's table is there and is
    left alone.
    """
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import SQLModel

    import store.tables  # noqa: F401  registers the tables on SQLModel.metadata
    from store.migrate import (
        SCHEMA_VERSION,
        missing_tables,
        needs_upgrade,
        schema_stamp,
        stamp_schema,
        upgrade,
    )

    wanted = set(SQLModel.metadata.tables)
    for attempt in range(SCHEMA_TRIES):
        try:
            if schema_stamp(engine) >= SCHEMA_VERSION:
                return
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
                if needs_upgrade(conn, wanted):
                    created = missing_tables(conn, wanted)
                    SQLModel.metadata.create_all(conn)
                    upgrade(conn, created)
                stamp_schema(conn)
            return
        except DBAPIError as error:
            if not is_race(error) or attempt == SCHEMA_TRIES - 1:
                raise
            logger.debug("schema creation raced another process (%s); retrying", error.orig)
            time.sleep(0.05 * (attempt + 1))
