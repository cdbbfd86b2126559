"""Additive schema upgrades for databases made by an older planwatch: new columns, the indexes
the queries need, the search index (filled from what is stored), and the rows a new table
takes over from what was stored before it (people stored as unresolved agencies become the
tasks' persons); never drops a table or a column.

A database records the schema it has: :data:`SCHEMA_VERSION`, stamped by ``init_db`` once the
tables, columns and indexes are all there (SQLite's ``PRAGMA user_version``; on PostgreSQL the
one-row table :data:`STAMP_TABLE`). A command whose database holds the current stamp skips the
catalogue reads; otherwise ``init_db`` calls :func:`needs_upgrade` and, only when it is true,
:func:`upgrade` inside its schema transaction (under its advisory lock on PostgreSQL), then
stamps. Any change to the tables or to the lists below raises :data:`SCHEMA_VERSION` (a test
compares :func:`schema_digest` with :data:`SCHEMA_DIGEST`).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 2  # raise with any change of the tables, columns or indexes, and set SCHEMA_DIGEST
SCHEMA_DIGEST = "176e49a8e1d9f892"  # schema_digest() of the schema SCHEMA_VERSION names
STAMP_TABLE = "planwatch_schema"  # PostgreSQL: one row, the version

# table -> (column, SQL type) added after the first release; each nullable or defaulted, so old rows stay valid
ADDED_COLUMNS = {
    "task": (("uid", "VARCHAR(16)"), ("fingerprint", "VARCHAR(16)")),
    "agency": (("area", "VARCHAR NOT NULL DEFAULT ''"),),  # identity is (name, area)
}
# What else an added column needs: the agency name stops being unique on its own.
AFTER_COLUMN = {
    "agency.area": (
        "DROP INDEX IF EXISTS ix_agency_name",
        "CREATE INDEX IF NOT EXISTS ix_agency_name ON agency (name)",
        "CREATE INDEX IF NOT EXISTS ix_agency_area ON agency (area)",
        "CREATE UNIQUE INDEX IF NOT EXISTS uq_agency_name_area ON agency (name, area)",
    ),
}


# Indexes the query filters need (store.task_select), added to databases made before them;
# a new database gets them from the tables (``index=True``) under the same names.
ADDED_INDEXES = {
    "task": (("ix_task_status", "status"),),
    "document": (("ix_document_status", "status"), ("ix_document_previous_id", "previous_id")),
}


def search_table(dialect: str) -> str:
    from store.search import PG_TABLE, SQLITE_TABLE

    return SQLITE_TABLE if dialect == "sqlite" else PG_TABLE


def _missing_columns(bind: Engine | Connection) -> list[tuple[str, str, str]]:
    from sqlalchemy import inspect

    inspector = inspect(bind)
    missing = []
    for table, columns in ADDED_COLUMNS.items():
        if not inspector.has_table(table):
            continue
        have = {c["name"] for c in inspector.get_columns(table)}
        missing += [(table, name, sql_type) for name, sql_type in columns if name not in have]
    return missing


def _missing_indexes(bind: Engine | Connection) -> list[tuple[str, str, str]]:
    from sqlalchemy import inspect

    inspector = inspect(bind)
    missing = []
    for table, indexes in ADDED_INDEXES.items():
        if not inspector.has_table(table):
            continue
        have = {i["name"] for i in inspector.get_indexes(table)}
        missing += [(table, name, column) for name, column in indexes if name not in have]
    return missing


def missing_tables(bind: Engine | Connection, wanted: set[str]) -> set[str]:
    """The tables of ``wanted`` the database does not have yet (``create_all`` is about to make)."""
    from sqlalchemy import inspect

    return wanted - set(inspect(bind).get_table_names())


def needs_upgrade(bind: Engine | Connection, tables: set[str]) -> bool:
    """True when a table of ``tables``, the search index, an added column or index is missing."""
    from sqlalchemy import inspect

    present = set(inspect(bind).get_table_names())
    if not (tables | {search_table(bind.dialect.name)}) <= present:
        return True
    return bool(_missing_columns(bind)) or bool(_missing_indexes(bind))


def upgrade(conn: Connection, created: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Add missing columns and the search index (filled from the stored documents), and fill
    the tables ``created`` just now from what older versions stored, in the caller's
    transaction; returns what was added."""
    from sqlalchemy import inspect, text

    from store.search import ensure_index

    added = []
    for table, name, sql_type in _missing_columns(conn):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))
        for step in AFTER_COLUMN.get(f"{table}.{name}", ()):
            conn.execute(text(step))
        added.append(f"{table}.{name}")
    for table, name, column in _missing_indexes(conn):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))
        added.append(name)
    if "taskperson" in created and inspect(conn).has_table("task"):
        moved = persons_from_agencies(conn)
        added.append(f"taskperson ({moved} people moved from unresolved agencies)")
    table = search_table(conn.dialect.name)
    if not inspect(conn).has_table(table):
        ensure_index(conn)
        _fill_index(conn)
        added.append(table)
    return added


def _fill_index(conn: Connection) -> None:
    from sqlmodel import Session, select

    from store.search import index_document
    from store.tables import Document

    session = Session(bind=conn)
    for document_id in session.exec(select(Document.id)).all():
        index_document(session, document_id)  # type: ignore[arg-type]
    session.flush()


def persons_from_agencies(conn: Connection) -> int:
    """People an older planwatch stored as unresolved agencies ("Nguyễn Thị Loan" leading a
    task) become their tasks' persons, with no agency (the cells gave none); their assignments
    go, and so do the agency rows nothing points to any more. Returns the people moved."""
    from sqlalchemy import delete, select

    from extract.fields.persons import NAMED_CONFIDENCE, is_personal_name
    from store.tables import Agency, Assignment, Responsibility, TaskPerson

    people = {agency_id: name for agency_id, name in conn.execute(select(Agency.id, Agency.name).where(
        Agency.resolved.is_(False))) if is_personal_name(name, "vi")}  # type: ignore[attr-defined]
    if not people:
        return 0
    links = conn.execute(select(Assignment.task_id, Assignment.agency_id, Assignment.role, Assignment.mention)
                         .where(Assignment.agency_id.in_(people))).all()  # type: ignore[attr-defined]
    rows = [{"task_id": task_id, "role": role, "mention": mention, "name": mention, "title": None,
             "agency_id": None, "agency_mention": None, "confidence": NAMED_CONFIDENCE}
            for task_id, _, role, mention in sorted(links)]
    if rows:
        conn.execute(TaskPerson.__table__.insert(), rows)  # type: ignore[attr-defined]
    conn.execute(delete(Assignment).where(Assignment.agency_id.in_(people)))  # type: ignore[attr-defined]
    in_duties = set(conn.execute(select(Responsibility.agency_id).where(
        Responsibility.agency_id.in_(people))).scalars())  # type: ignore[attr-defined]
    unused = [agency_id for agency_id in people if agency_id not in in_duties]
    if unused:
        conn.execute(delete(Agency).where(Agency.id.in_(unused)))  # type: ignore[union-attr]
    return len(rows)


def schema_digest() -> str:
    """A short hash of everything :func:`needs_upgrade` checks: the tables' DDL and indexes
    (as SQLite and PostgreSQL write them), the added columns and indexes, the search tables."""
    import hashlib

    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    import store.tables  # noqa: F401  registers the tables on SQLModel.metadata
    from store.search import PG_TABLE, SQLITE_TABLE

    parts = []
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        for table in SQLModel.metadata.sorted_tables:
            parts.append(str(CreateTable(table).compile(dialect=dialect)))
            parts += sorted(str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes)
    parts += [repr(ADDED_COLUMNS), repr(AFTER_COLUMN), repr(ADDED_INDEXES), SQLITE_TABLE, PG_TABLE]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def schema_stamp(engine: Engine) -> int:
    """The schema version the database records (0: none, an empty or older database)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return int(conn.execute(text("PRAGMA user_version")).scalar_one())
        if conn.execute(text("SELECT to_regclass(:name)"), {"name": STAMP_TABLE}).scalar_one() is None:
            return 0
        return int(conn.execute(text(f"SELECT max(version) FROM {STAMP_TABLE}")).scalar_one() or 0)


def stamp_schema(conn: Connection, version: int = SCHEMA_VERSION) -> None:
    """Record ``version`` as the database's schema, in the caller's transaction (a test sets an
    older one to stand for a database an older planwatch made)."""
    from sqlalchemy import text

    if conn.dialect.name == "sqlite":
        conn.execute(text(f"PRAGMA user_version = {int(version)}"))
        return
    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} (version INTEGER NOT NULL)"))
    conn.execute(text(f"DELETE FROM {STAMP_TABLE}"))
    conn.execute(text(f"INSERT INTO {STAMP_TABLE} (version) VALUES (:v)"), {"v": int(version)})


def sqlite_is_current(connection: sqlite3.Connection) -> bool:
    """Whether a SQLite database (a bare ``sqlite3`` connection) records the current schema,
    so a command may use it without the full check."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0]) >= SCHEMA_VERSION
