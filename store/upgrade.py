"""Bringing a database made by an earlier planwatch up to the current tables, additively.

Each step checks what is there and changes only what is missing, so it is safe to run on every
start and on a database that is already current.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

AGENCY_AREA_STEPS = (
    "ALTER TABLE agency ADD COLUMN area VARCHAR NOT NULL DEFAULT ''",
    "DROP INDEX IF EXISTS ix_agency_name",  # was unique: one row per name, whatever the province
    "CREATE INDEX IF NOT EXISTS ix_agency_name ON agency (name)",
    "CREATE INDEX IF NOT EXISTS ix_agency_area ON agency (area)",
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_agency_name_area ON agency (name, area)",
)


def upgrade_schema(engine: Engine) -> None:
    """Add the agency ``area`` (identity is name and area) to a database that lacks it."""
    from sqlalchemy import inspect

    from store.db import SCHEMA_LOCK

    inspector = inspect(engine)
    if "agency" not in inspector.get_table_names():
        return
    if any(column["name"] == "area" for column in inspector.get_columns("agency")):
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
            conn.exec_driver_sql("ALTER TABLE agency ADD COLUMN IF NOT EXISTS area VARCHAR NOT NULL DEFAULT ''")
            steps = AGENCY_AREA_STEPS[1:]
        else:
            steps = AGENCY_AREA_STEPS
        for step in steps:
            conn.exec_driver_sql(step)
