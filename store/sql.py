"""Plain SQL over any planwatch database: a bare ``sqlite3`` connection or a SQLAlchemy session.

The read commands (``tasks``, ``checklist``) answer through the database driver alone (``sqlite3``
for a SQLite file, :mod:`store.pgwire` or psycopg 3 for PostgreSQL), because importing SQLAlchemy and the ORM takes
longer than the whole command may; ``task set`` does so on a SQLite file. Any other database
goes through a session. The queries are written once, as SQL that SQLite and PostgreSQL both
read, with ``:name`` parameters, and run over any :class:`Sql`. Only the standard library is
imported here.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.orm import Session

    from store import pgwire

SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DATETIME in SQLite
NAMED_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")  # a :name parameter (not a :: cast)
_cursors = itertools.count()


class Sql(Protocol):
    """What a query needs of a database: run a statement with ``:name`` parameters."""

    dialect: str

    def rows(self, statement: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row of ``statement`` (none for a statement that returns no rows)."""
        ...

    def batches(self, statement: str, params: Mapping[str, Any], size: int) -> Iterator[Sequence[Any]]:
        """The rows of ``statement``, ``size`` at a time, fetched as they are read."""
        ...


def _bound(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as SQLite holds them: dates and times as SQLAlchemy writes them (ISO text)."""
    out = dict(params)
    for name, value in out.items():
        if isinstance(value, datetime):
            out[name] = value.strftime(SQLITE_DATETIME)
        elif isinstance(value, date):
            out[name] = value.isoformat()
    return out


class SqliteSql:
    """A bare ``sqlite3`` connection to a planwatch store."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, statement: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return self.connection.execute(statement, _bound(params)).fetchall()

    def batches(self, statement: str, params: Mapping[str, Any], size: int) -> Iterator[Sequence[Any]]:
        cursor = self.connection.execute(statement, _bound(params))
        while part := cursor.fetchmany(size):
            yield part


def _pyformat(statement: str) -> str:
    """``statement`` with psycopg's ``%(name)s`` parameters for ``:name`` ones."""
    return NAMED_PARAMETER.sub(r"%(\1)s", statement.replace("%", "%%"))


class PsycopgSql:
    """A bare psycopg 3 connection to a planwatch store on PostgreSQL."""

    dialect = "postgresql"

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def rows(self, statement: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(_pyformat(statement), dict(params))  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def batches(self, statement: str, params: Mapping[str, Any], size: int) -> Iterator[Sequence[Any]]:
        with self.connection.cursor(name=f"planwatch_{next(_cursors)}") as cursor:  # server-side
            cursor.execute(_pyformat(statement), dict(params))  # type: ignore[arg-type]
            while part := cursor.fetchmany(size):
                yield part


class WireSql:
    """A connection of :mod:`store.pgwire` (the standard library's own PostgreSQL client) to a
    planwatch store on PostgreSQL: the same statements as :class:`PsycopgSql`, the same rows."""

    dialect = "postgresql"

    def __init__(self, connection: pgwire.Connection) -> None:
        self.connection = connection

    def rows(self, statement: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        numbered, values = _numbered(statement, params)
        return self.connection.execute(numbered, values)

    def batches(self, statement: str, params: Mapping[str, Any], size: int) -> Iterator[Sequence[Any]]:
        numbered, values = _numbered(statement, params)
        yield from self.connection.stream(numbered, values, size)


def _numbered(statement: str, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """``statement`` with ``$1``, ``$2`` … for its ``:name`` parameters, and their values in that
    order (a name used twice is one parameter)."""
    order: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        return f"${order.setdefault(match[1], len(order) + 1)}"

    numbered = NAMED_PARAMETER.sub(number, statement)
    return numbered, [params[name] for name in order]


class SessionSql:
    """A SQLAlchemy session (any database), in the session's transaction; what the session
    holds unwritten is flushed first, as its own queries do."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def rows(self, statement: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        bound = _bound(params) if self.dialect == "sqlite" else dict(params)
        result = self.session.execute(text(statement), bound)
        return [tuple(row) for row in result] if result.returns_rows else []

    def batches(self, statement: str, params: Mapping[str, Any], size: int) -> Iterator[Sequence[Any]]:
        from sqlalchemy import text

        bound = _bound(params) if self.dialect == "sqlite" else dict(params)
        query = text(statement).execution_options(yield_per=size)  # a server-side cursor on PostgreSQL
        # the size again: without it a session's result gives one row per partition
        yield from self.session.execute(query, bound).partitions(size)


def as_sql(db: Session | Sql) -> Sql:
    """``db`` as an :class:`Sql`: a session is wrapped, an ``Sql`` is returned as it is."""
    return db if hasattr(db, "batches") else SessionSql(db)  # type: ignore[arg-type, return-value]


def in_list(name: str, values: Iterable[Any], params: dict[str, Any]) -> str:
    """``(:name0, :name1, …)`` for ``values``, which are added to ``params``; ``(NULL)``, which
    matches nothing, for no values. Callers bound the list (``store.task_select.BATCH_IDS``)."""
    names = []
    for n, value in enumerate(values):
        params[f"{name}{n}"] = value
        names.append(f":{name}{n}")
    return f"({', '.join(names)})" if names else "(NULL)"


def json_value(value: Any) -> Any:
    """A JSON column as read: SQLite gives its text, PostgreSQL's driver the value itself."""
    return json.loads(value) if isinstance(value, str) else value
