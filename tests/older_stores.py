"""Stores as an older planwatch left them, for the tests that check ``init_db`` upgrades them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.migrate import SCHEMA_VERSION, stamp_schema


def as_before_persons(engine: Engine, officials: Iterable[str], area: str) -> None:
    """Rewrite the store as a planwatch without persons wrote it: each official named in a task is
    an unresolved agency of ``area`` assigned to the task, there is no person table, and the
    schema stamp is the version before persons."""
    with engine.begin() as conn:
        ids = {}
        for name in sorted(officials):
            conn.execute(text("INSERT INTO agency (name, area, aliases, resolved) VALUES (:n, :area, '[]', :r)"),
                         {"n": name, "area": area, "r": False})
            ids[name] = conn.execute(text("SELECT id FROM agency WHERE name = :n"), {"n": name}).scalar_one()
        for task_id, role, mention in conn.execute(text("SELECT task_id, role, mention FROM taskperson")).all():
            conn.execute(text("INSERT INTO assignment (task_id, agency_id, role, mention, confidence) "
                              "VALUES (:t, :a, :r, :m, 0.3)"), {"t": task_id, "a": ids[mention], "r": role, "m": mention})
        conn.execute(text("DROP TABLE taskperson"))
        stamp_schema(conn, SCHEMA_VERSION - 1)
