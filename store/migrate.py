"""Additive schema upgrades for databases made by an older planwatch: new columns and the
search index (filled from what is stored), never drops."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# table -> (column, SQL type) added after the first release; each nullable, so old rows stay valid
ADDED_COLUMNS = {"task": (("uid", "VARCHAR(16)"), ("fingerprint", "VARCHAR(16)"))}


def add_missing_columns(engine: Engine) -> list[str]:
    """Add each column of :data:`ADDED_COLUMNS` a table lacks; returns ``table.column`` added."""
    from sqlalchemy import inspect, text

    inspector = inspect(engine)
    added = []
    with engine.begin() as conn:
        for table, columns in ADDED_COLUMNS.items():
            if not inspector.has_table(table):
                continue
            have = {c["name"] for c in inspector.get_columns(table)}
            for name, sql_type in columns:
                if name not in have:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))
                    added.append(f"{table}.{name}")
    return added


def upgrade(engine: Engine) -> None:
    """Bring an existing database up to this version: columns, then the search index."""
    from sqlalchemy import inspect

    from store.search import PG_TABLE, SQLITE_TABLE, ensure_index

    add_missing_columns(engine)
    table = SQLITE_TABLE if engine.dialect.name == "sqlite" else PG_TABLE
    had_index = inspect(engine).has_table(table)
    ensure_index(engine)
    if not had_index:
        _fill_index(engine)


def _fill_index(engine: Engine) -> None:
    from sqlmodel import Session, select

    from store.search import index_document
    from store.tables import Document

    with Session(engine) as session:
        for document_id in session.exec(select(Document.id)).all():
            index_document(session, document_id)  # type: ignore[arg-type]
        session.commit()
