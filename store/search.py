"""Full-text search over tasks, targets and duties, diacritic-aware ("chuyen doi so" finds
"chuyển đổi số"), ranked.

SQLite: an FTS5 table (``unicode61 remove_diacritics 2``) ranked by bm25. PostgreSQL: a
``tsvector`` of the ``unaccent``-ed text in the ``simple`` configuration under a GIN index,
ranked by ``ts_rank``. Both index the same text, in which the letter đ is first folded to d
(it is a letter of its own, not a d with a mark, so neither tokenizer drops its stroke).
Ingest adds a document's entries in its transaction; ``documents forget`` removes them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

KINDS = ("task", "target", "duty")
SQLITE_TABLE = "search_index"
PG_TABLE = "search_entry"
_SMALL_D_STROKE, _CAPITAL_D_STROKE = chr(0x0111), chr(0x0110)  # LATIN SMALL/CAPITAL LETTER D WITH STROKE
_WORD = re.compile(r"\w+")
MAX_RESULTS = 50


def fold(text: str) -> str:
    """The text as indexed and searched: đ/Đ as d/D (marks are dropped by the search engines)."""
    return text.replace(_SMALL_D_STROKE, "d").replace(_CAPITAL_D_STROKE, "D")


def ensure_index(conn: Connection) -> None:
    """Create the search table if missing, in the caller's transaction."""
    from sqlalchemy import text

    if conn.dialect.name == "sqlite":
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
            "body, kind UNINDEXED, ref UNINDEXED, document_id UNINDEXED, "
            "tokenize='unicode61 remove_diacritics 2')"
        ))
    else:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"))
        conn.execute(text(
            f"CREATE TABLE IF NOT EXISTS {PG_TABLE} (id SERIAL PRIMARY KEY, kind VARCHAR(8) NOT NULL, "
            "ref INTEGER NOT NULL, document_id INTEGER NOT NULL, body TEXT NOT NULL, tsv TSVECTOR NOT NULL)"
        ))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{PG_TABLE}_tsv ON {PG_TABLE} USING GIN (tsv)"))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{PG_TABLE}_document ON {PG_TABLE} (document_id)"))


def _pg_vector(body: str) -> str:
    """The SQL of the ``tsvector`` indexed for the text expression ``body``."""
    return f"to_tsvector('simple', public.unaccent('public.unaccent'::regdictionary, {body}))"


def task_text(title: str, outputs: str | None, group_title: str | None, notes: str | None) -> str:
    """What a task is found by: its title, outputs, group and notes."""
    return " ".join(p for p in (title, outputs, group_title, notes) if p)


def target_text(indicator: str, text: str) -> str:
    return f"{indicator} {text}"


def duty_text(mention: str, duty: str) -> str:
    return f"{mention} {duty}"


def index_document(session: Session, document_id: int) -> int:
    """Add the search entries of one stored document, read back from its rows (in the session's
    transaction); ingest, which has the text at hand, calls :func:`add_entries` directly."""
    from sqlmodel import select

    from store.tables import Responsibility, Target, Task

    entries: list[tuple[str, int, str]] = []
    for task in session.exec(select(Task).where(Task.document_id == document_id)).all():
        entries.append(("task", task.id, task_text(task.title, task.outputs, task.group_title, task.notes)))  # type: ignore[arg-type]
    for target in session.exec(select(Target).where(Target.document_id == document_id)).all():
        entries.append(("target", target.id, target_text(target.indicator, target.text)))  # type: ignore[arg-type]
    for duty in session.exec(select(Responsibility).where(Responsibility.document_id == document_id)).all():
        entries.append(("duty", duty.id, duty_text(duty.mention, duty.duty)))  # type: ignore[arg-type]
    return add_entries(session, document_id, entries)


def add_entries(session: Session, document_id: int, entries: list[tuple[str, int, str]]) -> int:
    """Index ``(kind, row id, text)`` entries of one document in one statement."""
    from sqlalchemy import text

    if not entries:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        statement = text(f"INSERT INTO {SQLITE_TABLE} (body, kind, ref, document_id) "
                         "VALUES (:body, :kind, :ref, :document_id)")
        session.execute(statement, [{"body": fold(body), "kind": kind, "ref": ref, "document_id": document_id}
                                    for kind, ref, body in entries])
    else:  # one INSERT of arrays, not one per entry
        statement = text(f"INSERT INTO {PG_TABLE} (kind, ref, document_id, body, tsv) "
                         f"SELECT kind, ref, :document_id, body, {_pg_vector('body')} "
                         "FROM unnest(CAST(:kinds AS VARCHAR[]), CAST(:refs AS INTEGER[]), CAST(:bodies AS TEXT[])) "
                         "AS entry(kind, ref, body)")
        session.execute(statement, {"document_id": document_id, "kinds": [kind for kind, _, _ in entries],
                                    "refs": [ref for _, ref, _ in entries],
                                    "bodies": [fold(body) for _, _, body in entries]})
    return len(entries)


def drop_document(connection: Connection | Session, document_id: int) -> None:
    """Remove one document's search entries."""
    from sqlalchemy import text

    table = SQLITE_TABLE if connection.get_bind().dialect.name == "sqlite" else PG_TABLE
    connection.execute(text(f"DELETE FROM {table} WHERE document_id = :d"), {"d": document_id})


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    id: str | None
    document: str
    text: str
    agencies: tuple[str, ...]
    rank: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["agencies"] = list(self.agencies)
        data["rank"] = round(self.rank, 4)
        return data


def search(
    session: Session, query: str, *, agency: str | None = None, document: str | None = None,
    kind: str | None = None, limit: int = MAX_RESULTS,
) -> list[Hit]:
    """The entries of the current documents (or ``document``) holding every word of ``query``,
    best first."""
    from sqlalchemy import text

    from store.lookup import document_label, find_agencies
    from store.names import name_key
    from store.queries import _current_documents

    words = _WORD.findall(fold(query))
    if not words:
        return []
    documents = _current_documents(session, document)
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        sql = (f"SELECT kind, ref, document_id, bm25({SQLITE_TABLE}) AS score FROM {SQLITE_TABLE} "
               f"WHERE {SQLITE_TABLE} MATCH :q ORDER BY score")
        found = [(k, int(r), int(d), -s) for k, r, d, s in session.execute(text(sql), {"q": match}).all()]
    else:
        sql = (f"SELECT kind, ref, document_id, ts_rank(tsv, q) AS score FROM {PG_TABLE}, "
               "plainto_tsquery('simple', public.unaccent('public.unaccent'::regdictionary, :q)) AS q "
               "WHERE tsv @@ q ORDER BY score DESC")
        found = [(k, r, d, float(s)) for k, r, d, s in session.execute(text(sql), {"q": " ".join(words)}).all()]
    found = [f for f in found if f[2] in documents and (kind is None or f[0] == kind)]
    allowed = set(find_agencies(session, agency)) if agency else None
    hits = []
    for entry_kind, ref, document_id, score in found:
        described = _describe(session, entry_kind, ref)
        if described is None:
            continue
        uid, body, agency_ids, names = described
        if allowed is not None and not allowed & agency_ids:
            continue
        hits.append(Hit(entry_kind, uid, document_label(documents[document_id]), body, names, score))
    phrase, bare = name_key(query), _bare(query)  # the words in the order typed rank first, marks too first of all
    hits.sort(key=lambda h: (phrase not in name_key(h.text), bare not in _bare(h.text), -h.rank))
    return hits[:limit]


def _bare(text: str) -> str:
    """Lower case, no marks, đ as d, words single-spaced: for phrase comparison."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", fold(text).casefold())
    return " ".join(_WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c))))


def _describe(session: Session, kind: str, ref: int) -> tuple[str | None, str, set[int], tuple[str, ...]] | None:
    from sqlmodel import select

    from store.tables import Agency, Assignment, Responsibility, Target, Task

    if kind == "task":
        task = session.get(Task, ref)
        if task is None:
            return None
        links = session.exec(
            select(Agency.id, Agency.name).join(Assignment, Assignment.agency_id == Agency.id)  # type: ignore[arg-type]
            .where(Assignment.task_id == ref)
        ).all()
        return task.uid, task.title, {i for i, _ in links}, tuple(dict.fromkeys(n for _, n in links))
    if kind == "target":
        target = session.get(Target, ref)
        return None if target is None else (None, target.text, set(), ())
    duty = session.get(Responsibility, ref)
    if duty is None:
        return None
    agency = session.get(Agency, duty.agency_id)
    return None, duty.duty, {duty.agency_id}, (agency.name,) if agency else ()
