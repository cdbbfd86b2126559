"""Opening the database for a command: a session (created on ingest, upgraded when an older
planwatch made it), or, for the read commands, plain SQL (``store.sql``) that on a SQLite file
recording the current schema runs on ``sqlite3`` alone. click and the standard library only at
start-up."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.sql import Sql

__all__ = ["DB_ERROR", "NO_DATABASE", "_reader", "_session"]

DB_ERROR = "cannot open the database {url} ({reason}); check --db or PLANWATCH_DB"
NO_DATABASE = "no planwatch database at {where}; run `planwatch ingest` first, or check --db or PLANWATCH_DB"


@contextmanager
def _session(ctx: click.Context, *, create: bool = False) -> Iterator[Session]:
    """A session on the chosen database. ``create``: make the tables if missing (ingest);
    otherwise a database that is not there is an error, never created empty."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from store.db import database_url, has_schema, init_db, make_engine, sqlite_path

    url = database_url(ctx.obj.db)
    path = sqlite_path(url)
    if not create and path is not None and not path.is_file():
        raise click.ClickException(NO_DATABASE.format(where=path))
    try:
        engine = make_engine(url)
        if not create and not has_schema(engine):
            engine.dispose()
            where = path or engine.url.render_as_string(hide_password=True)
            raise click.ClickException(NO_DATABASE.format(where=where))
        init_db(engine)  # also adds tables a newer planwatch brings
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise click.ClickException(DB_ERROR.format(url=url, reason=reason)) from error
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


@contextmanager
def _reader(ctx: click.Context) -> Iterator[Sql]:
    """The chosen database as plain SQL for a read command: a SQLite file or a PostgreSQL
    database that records the current schema through its driver alone (``sqlite3``;
    ``store.pgwire`` or psycopg; no ORM to import); any other URL, or a database an older planwatch made (upgraded first),
    through a session."""
    from store.db import (
        current_postgres,
        current_sqlite,
        database_url,
        plain_sqlite_file,
        postgres_uri,
    )
    from store.sql import PsycopgSql, SqliteSql, WireSql

    url = database_url(ctx.obj.db)
    path = plain_sqlite_file(url)
    uri = postgres_uri(url) if path is None else None
    db: SqliteSql | PsycopgSql | WireSql | None = None
    try:
        if path is not None:
            if not path.is_file():
                raise click.ClickException(NO_DATABASE.format(where=path))
            connection = current_sqlite(path)
            db = SqliteSql(connection) if connection is not None else None
        elif uri is not None:
            db = current_postgres(uri)
    except _driver_errors() as error:
        raise click.ClickException(DB_ERROR.format(url=url, reason=_reason(error))) from error
    if db is None:
        from store.sql import SessionSql

        with _session(ctx) as session:
            yield SessionSql(session)
        return
    try:
        yield db
    except _driver_errors() as error:
        raise click.ClickException(DB_ERROR.format(url=url, reason=_reason(error))) from error
    finally:
        db.connection.close()


def _driver_errors() -> tuple[type[Exception], ...]:
    """The errors of the database drivers loaded so far (psycopg only when the URL needed it)."""
    import sqlite3

    found: list[type[Exception]] = [sqlite3.Error]
    for module, name in (("store.pgwire", "PgError"), ("psycopg", "Error")):
        if module in sys.modules:
            found.append(getattr(sys.modules[module], name))
    return tuple(found)


def _reason(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
