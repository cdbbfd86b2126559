"""Engines and schema: SQLite by default, PostgreSQL by URL; nothing else differs."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///planwatch.db"
ENV_VAR = "PLANWATCH_DB"


def database_url(url: str | None = None) -> str:
    """The database URL to use: ``url`` if given, else ``$PLANWATCH_DB``, else a local file."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


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


def init_db(engine: Engine) -> None:
    """Create every planwatch table that does not exist yet (safe to call on every start)."""
    from sqlmodel import SQLModel

    import store.tables  # noqa: F401  registers the tables on SQLModel.metadata
    from store.migrate import upgrade

    SQLModel.metadata.create_all(engine)
    upgrade(engine)
