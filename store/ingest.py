"""Writing extractions to the store: one transaction per document, idempotent by SHA-256.

``save_result`` stores one ``ExtractedDocument``; ``ingest_files`` walks files, extracts them
(in a process pool when asked) and saves each in this one writer process.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from store.agency_rows import AgencyRows
from store.errors import SaveFailed
from store.search import index_document
from store.status import human_states
from store.taskid import assign_ids, fingerprint

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from extract.settings import ExtractSettings
    from schemas.records import ExtractedDocument
    from store.tables import Document

logger = logging.getLogger(__name__)
SAVE_TRIES = 6  # a write that raced another process is rolled back and tried again
WRITE_LOCK = zlib.crc32(b"planwatch document write")  # PostgreSQL advisory lock key
ALREADY_THERE = "already ingested"
STORED_ELSEWHERE = "already ingested (stored meanwhile by another run)"

@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one input file: ``ok``, ``skipped`` or ``error`` with a reason."""

    path: Path
    status: str
    reason: str = ""
    tasks: int = 0
    targets: int = 0
    warnings: int = 0
    document_id: int | None = None

    def line(self) -> str:
        """The one-line report, e.g. ``ok plan.md: 7 tasks, 5 targets, 2 warnings``."""
        if self.status == "ok":
            return (
                f"ok {self.path}: {self.tasks} tasks, {self.targets} targets, "
                f"{self.warnings} warnings"
            )
        return f"{self.status} {self.path}: {self.reason}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_document(session: Session, sha256: str) -> Document | None:
    """The stored document with these exact bytes, if any."""
    from sqlmodel import select

    from store.tables import Document

    return session.exec(select(Document).where(Document.sha256 == sha256)).first()


def save_result(session: Session, result: ExtractedDocument) -> Document:
    """Store one extraction in one transaction: all of it, or (on any error) none of it.

    Re-saving the same bytes (same ``sha256``) changes nothing and returns the stored row. A
    document with the same issuer and number, or the same title and issuer, but other bytes is
    stored as the next version (``store.versions``); task ``status``/``status_note`` set by
    people are carried over where the task keys match, and whichever version was issued last
    is ``current``, the others ``superseded``. A same-number document from another or an
    unknown issuer is stored as a document of its own, with a warning.

    Args:
        session: a session with nothing pending; it is committed or rolled back here.
        result: the output of ``extract.extract_file``.

    Returns:
        The stored ``Document`` row.

    Raises:
        sqlalchemy.exc.SQLAlchemyError: the database refused the data (rolled back).
    """
    return store_result(session, result)[0]


def store_result(session: Session, result: ExtractedDocument) -> tuple[Document, bool]:
    """:func:`save_result`, also saying whether this call stored it (False: it was there).

    Another process may store the same file, or create the same agency, between our check and
    our commit: the transaction is then rolled back and tried again on fresh data, and a
    document the other process stored first is returned as already there.
    """
    from sqlalchemy.exc import IntegrityError, OperationalError

    from store.db import is_race

    for attempt in range(SAVE_TRIES):
        existing = find_document(session, result.document.sha256)
        if existing is None:
            try:
                _lock_for_write(session)
            except OperationalError as error:  # SQLite busy past its timeout: try again
                session.rollback()
                if attempt == SAVE_TRIES - 1 or not is_race(error):
                    raise
                continue
            existing = find_document(session, result.document.sha256)  # stored while we waited?
            if existing is not None:
                session.rollback()  # release the write lock; nothing was written
        if existing is not None:
            logger.info("%s: already ingested as document %s", result.document.source, existing.id)
            return existing, False
        try:
            document = _write(session, result)
            session.commit()
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            if attempt == SAVE_TRIES - 1 or not (isinstance(error, IntegrityError) or is_race(error)):
                raise
            logger.debug("saving %s raced another process (%s); retrying", result.document.source, error.orig)
            time.sleep(min(0.05 * 2**attempt, 1.0))
            continue
        except BaseException:
            session.rollback()
            raise
        session.refresh(document)
        logger.info("%s: stored as document %s (version %s)", document.source, document.id, document.version)
        return document, True
    raise AssertionError("unreachable")  # the last attempt returns or raises


def _lock_for_write(session: Session) -> None:
    """Serialise document writes between processes for the rest of this transaction.

    Which versions exist, which agencies exist: what one writer reads must still hold when it
    commits. PostgreSQL takes a transaction-scoped advisory lock; SQLite opens the transaction
    with ``BEGIN IMMEDIATE`` (its write lock, waited for up to the busy timeout). Extraction,
    the slow part, runs outside this lock.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    elif connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:  # type: ignore[attr-defined]
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _write(session: Session, result: ExtractedDocument) -> Document:
    from store import tables as t
    from store.versions import find_lineage, older_warning, settle_current

    info = result.document
    lineage = find_lineage(session, info)
    previous = lineage.latest
    document = t.Document(
        source=info.source,
        sha256=info.sha256,
        format=info.format,
        language=info.language,
        kind=info.kind,
        title=info.title,
        number=info.number,
        issuer=info.issuer,
        issued=info.issued,
        horizon=info.horizon,
        pages=info.pages,
        references=[r.model_dump(mode="json") for r in info.references],
        warnings=[*result.warnings, *lineage.warnings],
        version=previous.version + 1 if previous else 1,
        previous_id=previous.id if previous else None,
    )
    session.add(document)
    session.flush()
    agencies = AgencyRows(session)
    for agency_info in result.agencies:
        agencies.learn(agency_info)
    kept = _human_fields(session, lineage.current or previous)
    uids = assign_ids(info, result.tasks, [(uid, title) for uid, (title, _, _) in kept.items()])
    states = human_states(session, uids)
    for task, uid in zip(result.tasks, uids):
        _, status, status_note = kept.get(uid, (None, t.DEFAULT_STATUS, None))
        if uid in states:
            status, status_note = states[uid].status, states[uid].note
        timeframe = task.timeframe
        row = t.Task(
            document_id=document.id,
            key=task.key,
            group_number=task.group.number if task.group else None,
            group_title=task.group.title if task.group else None,
            number=task.number,
            title=task.title,
            outputs=task.outputs,
            notes=task.notes,
            timeframe_text=timeframe.text if timeframe else None,
            timeframe_start=timeframe.start if timeframe else None,
            timeframe_end=timeframe.end if timeframe else None,
            timeframe_recurrence=timeframe.recurrence if timeframe else None,
            provenance=task.source.model_dump(mode="json", exclude_none=True),
            confidence=task.confidence,
            flags=list(task.flags),
            status=status,
            status_note=status_note,
            uid=uid,
            fingerprint=fingerprint(task),
        )
        session.add(row)
        session.flush()
        seen: set[tuple[int | None, str]] = set()
        for role, mentions in (("lead", task.lead), ("cooperate", task.cooperating)):
            for mention in mentions:
                agency = agencies.for_mention(mention)
                if (agency.id, role) in seen:  # "Sở TT&TT" and its full name in one cell
                    continue
                seen.add((agency.id, role))
                session.add(
                    t.Assignment(
                        task_id=row.id,
                        agency_id=agency.id,
                        role=role,
                        mention=mention.mention,
                        confidence=mention.confidence,
                    )
                )
    for target in result.targets:
        data = target.model_dump(mode="python", exclude={"source"})
        session.add(t.Target(document_id=document.id, provenance=_provenance(target.source), **data))
    for observation in result.observations:
        data = observation.model_dump(mode="python", exclude={"source"})
        session.add(
            t.Observation(document_id=document.id, provenance=_provenance(observation.source), **data)
        )
    for duty in result.responsibilities:
        agency = agencies.for_mention(duty.agency)
        session.add(
            t.Responsibility(
                document_id=document.id,
                agency_id=agency.id,
                mention=duty.agency.mention,
                role=duty.role,
                duty=duty.duty,
                confidence=duty.confidence,
                provenance=_provenance(duty.source),
                flags=list(duty.flags),
            )
        )
    current = settle_current(session, [*lineage.versions, document])
    if warning := older_warning(document, current):
        document.warnings = [*document.warnings, warning]
        session.add(document)
    session.flush()
    index_document(session, document.id)  # type: ignore[arg-type]
    return document


def _provenance(source: object) -> dict[str, object]:
    return source.model_dump(mode="json", exclude_none=True)  # type: ignore[attr-defined, no-any-return]


def _human_fields(session: Session, previous: Document | None) -> dict[str, tuple[str, str, str | None]]:
    """Task id -> (title, status, status_note) of the previous version, to match and carry over."""
    if previous is None:
        return {}
    from sqlmodel import select

    from store.tables import Task

    rows = session.exec(select(Task).where(Task.document_id == previous.id)).all()
    return {row.uid or row.key: (row.title, row.status, row.status_note) for row in rows}


def _extract_one(path: Path, settings: ExtractSettings | None = None) -> tuple[ExtractedDocument | None, str]:
    """Extract one file in a worker: the result, or None and a one-line reason (picklable)."""
    from extract import extract_file
    from extract.errors import LoadError, PlanwatchError

    try:
        return extract_file(path, settings=settings), ""
    except LoadError as error:
        return None, error.reason
    except PlanwatchError as error:
        return None, str(error)
    except Exception as error:  # a bug in extraction must not stop the batch
        logger.debug("extraction of %s failed", path, exc_info=True)
        return None, f"extraction failed ({type(error).__name__}: {error}); please report this file"


def ingest_files(
    engine: Engine,
    files: list[Path],
    *,
    workers: int = 1,
    extract_one: Callable[[Path], tuple[ExtractedDocument | None, str]] | None = None,
    settings: ExtractSettings | None = None,
) -> Iterator[FileOutcome]:
    """Extract and store each file, yielding one outcome per file in the order given.

    Files whose bytes are already stored are skipped without being extracted. With
    ``workers`` > 1 extraction runs in a process pool; this process alone writes.
    ``extract_one`` (a picklable function) replaces the extraction, e.g. in tests; ``settings``
    are the extraction's limits (a file over them is an error line, and nothing of it is stored).
    """
    if extract_one is None:
        extract_one = _extract_one if settings is None else partial(_extract_one, settings=settings)
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    plan: list[tuple[Path, str | None, FileOutcome | None]] = []
    seen: dict[str, Path] = {}
    with Session(engine) as session:
        for path in files:
            try:
                sha = file_sha256(path)
            except OSError as error:
                plan.append((path, None, FileOutcome(path, "error", error.strerror or str(error))))
                continue
            if sha in seen:
                plan.append((path, sha, FileOutcome(path, "skipped", f"same bytes as {seen[sha]}")))
            elif find_document(session, sha) is not None:
                plan.append((path, sha, FileOutcome(path, "skipped", ALREADY_THERE)))
            else:
                seen[sha] = path
                plan.append((path, sha, None))
    todo = [path for path, _, outcome in plan if outcome is None]
    pool = None
    if workers > 1 and len(todo) > 1:
        from store.pool import worker_pool

        pool = worker_pool(workers)
        extracted: Iterator[tuple[ExtractedDocument | None, str]] = pool.map(extract_one, todo)
    else:
        extracted = map(extract_one, todo)
    try:
        for path, _sha, outcome in plan:
            if outcome is not None:
                yield outcome
                continue
            result, reason = next(extracted)
            if result is None:
                yield FileOutcome(path, "error", reason)
                continue
            try:
                with Session(engine) as session:
                    document, stored_now = store_result(session, result)
                    document_id = document.id
            except SQLAlchemyError as error:
                logger.debug("saving %s failed", path, exc_info=True)
                reason = str(getattr(error, "orig", None) or error).splitlines()[0]
                yield FileOutcome(path, "error", str(SaveFailed(reason)))
                continue
            if not stored_now:
                yield FileOutcome(path, "skipped", STORED_ELSEWHERE, document_id=document_id)
                continue
            yield FileOutcome(
                path,
                "ok",
                tasks=len(result.tasks),
                targets=len(result.targets),
                warnings=len(result.warnings),
                document_id=document_id,
            )
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
