"""Many rows into several tables in bulk, in the caller's transaction.

PostgreSQL gets one statement for all the tables, each table an ``INSERT … SELECT … FROM
unnest(column arrays)``: a single round trip whatever the number of rows, one parameter per
column (psycopg would otherwise send one INSERT per row, and a multi-row VALUES list meets
the 65,535-parameter limit). SQLite gets one prepared INSERT per table run over all its rows
(``executemany``, in process). Values are stored as
SQLAlchemy stores them (JSON columns as JSON text, dates as ISO dates), so the ORM reads the
rows back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection


Rows = Sequence[dict[str, Any]]


def insert_rows(connection: Connection, tables: Sequence[tuple[Table, Rows]]) -> None:
    """Insert each ``(table, rows)`` pair's rows (dicts with the same keys, each a column of the
    table), in this order. On PostgreSQL all of it is one statement, each table's INSERT a
    data-modifying ``WITH`` part (foreign keys are checked at the end of the statement, so a
    row may point at a row inserted in an earlier part)."""
    from sqlalchemy import insert

    tables = [(table, rows) for table, rows in tables if rows]
    if not tables:
        return
    if connection.dialect.name == "postgresql":
        parts, params = [], []
        for table, rows in tables:
            sql, values = _pg_insert(connection, table, rows)
            parts.append(f"i{len(parts)} AS ({sql})")
            params.extend(values)
        connection.exec_driver_sql(f"WITH {', '.join(parts)} SELECT 1", tuple(params))
    elif connection.dialect.name == "sqlite":
        quote = connection.dialect.identifier_preparer
        for table, rows in tables:
            columns = list(rows[0])
            names = ", ".join(quote.quote(name) for name in columns)
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({marks})"
            connection.exec_driver_sql(sql, _values(table, rows, iso_dates=True))  # type: ignore[arg-type]
    else:  # any other database: SQLAlchemy's own batching
        for table, rows in tables:
            connection.execute(insert(table), list(rows))


def _values(table: Table, rows: Rows, *, iso_dates: bool) -> list[tuple[Any, ...]]:
    """The rows as tuples of what the driver is sent: JSON as text, dates as ISO text on SQLite."""
    from sqlalchemy import JSON, Date

    convert = [json.dumps if isinstance(table.c[name].type, JSON)
               else date.isoformat if iso_dates and isinstance(table.c[name].type, Date) else None
               for name in rows[0]]
    return [tuple(v if f is None or v is None else f(v) for v, f in zip(row.values(), convert)) for row in rows]


def _pg_insert(connection: Connection, table: Table, rows: Rows) -> tuple[str, list[list[Any]]]:
    """``INSERT … SELECT … FROM unnest(one array per column)`` and its arrays."""
    quote = connection.dialect.identifier_preparer
    columns = list(rows[0])
    names = ", ".join(quote.quote(name) for name in columns)
    arrays = ", ".join(f"CAST(%b AS {_pg_type(connection, table.c[name].type)}[])" for name in columns)
    sql = f"INSERT INTO {quote.format_table(table)} ({names}) SELECT * FROM unnest({arrays})"
    return sql, [list(column) for column in zip(*_values(table, rows, iso_dates=False))]


def _pg_type(connection: Connection, column_type: Any) -> str:
    """The element type of a column's array in SQL (JSON columns travel as text and are cast)."""
    return column_type.compile(dialect=connection.dialect)


def new_ids(connection: Connection, wanted: Sequence[tuple[Table, int]]) -> list[list[int]]:
    """For each ``(table, count)``, ``count`` unused ids of ``table``, all in one query.

    PostgreSQL draws them from each table's sequence. SQLite gives a new row the largest id
    plus one; the writer holds the database's write lock (``BEGIN IMMEDIATE``), so the ids
    after the largest stay free until it commits. (A multi-row ``INSERT … RETURNING`` would
    not do: SQLite does not promise its rows come back in the order sent.)
    """
    from sqlalchemy import text

    if connection.dialect.name == "postgresql":
        parts = ", ".join(
            f"ARRAY(SELECT nextval(pg_get_serial_sequence(:t{i}, 'id')) FROM generate_series(1, :n{i}))"
            for i in range(len(wanted))
        )
        params = {key: value for i, (table, count) in enumerate(wanted) for key, value in
                  ((f"t{i}", table.name), (f"n{i}", count))}
        return [list(ids) for ids in connection.execute(text(f"SELECT {parts}"), params).one()]
    out = []
    for table, count in wanted:
        largest = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar_one() if count else 0
        out.append(list(range(largest + 1, largest + 1 + count)))
    return out
