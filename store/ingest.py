"""Writing extractions to the store: one transaction per document, idempotent by SHA-256.

``save_result`` stores one ``ExtractedDocument`` (its rows written in bulk by ``store.write``);
``ingest_files`` hashes files, has them extracted (here, in a process pool, or on a Dask
cluster) and saves each in this one writer process.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import SaveFailed
from store.jobs import FileOutcome, Job, extract_in_worker
from store.write import write_document

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from extract.settings import ExtractSettings
    from schemas.records import ExtractedDocument
    from store.agency_index import AgencyIndex
    from store.pool import Extractors
    from store.tables import Document

logger = logging.getLogger(__name__)
SAVE_TRIES = 6  # a write that raced another process is rolled back and tried again
WRITE_LOCK = zlib.crc32(b"planwatch document write")  # PostgreSQL advisory lock key
ALREADY_THERE = "already ingested"
STORED_ELSEWHERE = "already ingested (stored meanwhile by another run)"

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


def store_result(session: Session, result: ExtractedDocument, agencies: AgencyIndex | None = None) -> tuple[Document, bool]:
    """:func:`save_result`, also saying whether this call stored it (False: it was there).
    ``agencies`` is the writer's agency index, kept in step with what is committed here.

    Another process may store the same file, or create the same agency, between our check and
    our commit: the transaction is then rolled back and tried again on fresh data, and a
    document the other process stored first is returned as already there.
    """
    from sqlalchemy.exc import IntegrityError, OperationalError

    from store.db import is_race

    for attempt in range(SAVE_TRIES):
        try:
            _lock_for_write(session)
        except OperationalError as error:  # SQLite busy past its timeout: try again
            session.rollback()
            if attempt == SAVE_TRIES - 1 or not is_race(error):
                raise
            continue
        existing = find_document(session, result.document.sha256)  # checked under the lock
        if existing is not None:
            session.rollback()  # release the write lock; nothing was written
            logger.info("%s: already ingested as document %s", result.document.source, existing.id)
            return existing, False
        try:
            document = write_document(session, result, agencies)
            stored = f"document {document.id} (version {document.version})"
            session.commit()
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            if agencies is not None:
                agencies.rolled_back()
            if attempt == SAVE_TRIES - 1 or not (isinstance(error, IntegrityError) or is_race(error)):
                raise
            logger.debug("saving %s raced another process (%s); retrying", result.document.source, error.orig)
            time.sleep(min(0.05 * 2**attempt, 1.0))
            continue
        except BaseException:
            session.rollback()
            if agencies is not None:
                agencies.rolled_back()
            raise
        if agencies is not None:
            agencies.committed()
        if session.expire_on_commit:  # hand the row back loaded (the batch writer does not need it)
            session.refresh(document)
        logger.info("%s: stored as %s", result.document.source, stored)
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


def ingest_files(
    engine: Engine,
    files: Sequence[Path],
    *,
    workers: int = 1,
    extract_one: Callable[[Path], tuple[ExtractedDocument | None, str]] | None = None,
    extractors: Extractors | None = None,
    settings: ExtractSettings | None = None,
) -> Iterator[FileOutcome]:
    """Extract and store each file, yielding one outcome per file in the order given.

    Files whose bytes are already stored are skipped without being extracted. Extraction runs
    in ``extractors`` (a Dask cluster: ``store.cluster``), else with ``workers`` > 1 in a
    process pool, else here; this process alone writes. At most a few extractions per worker
    are in flight or waiting for the writer (``store.pool.in_order``), so memory stays flat
    however many files there are. ``extract_one`` (a picklable function) replaces the
    extraction, e.g. in tests; ``settings`` are the extraction's limits (a file over them is an
    error line, and nothing of it is stored).
    """
    from store.agency_index import AgencyIndex
    from store.pool import AHEAD, ProcessExtractors, SerialExtractors, in_order

    if extract_one is None:
        extract_one = extract_in_worker if settings is None else partial(extract_in_worker, settings=settings)
    owned, agencies = None, AgencyIndex()  # read once for the run, not once per file
    if extractors is None:
        workers = min(workers, len(files))  # no pool for one file
        owned = extractors = ProcessExtractors(workers, extract_one) if workers > 1 else SerialExtractors(extract_one)
    finished = False
    try:
        started = in_order(_jobs(engine, files), lambda job: None if job.outcome else extractors.submit(job),
                           AHEAD * extractors.slots)
        for job, future in started:
            if job.outcome is not None:
                yield job.outcome
                continue
            result, reason = _extraction(future)
            yield write_extraction(engine, job.path, result, reason, agencies=agencies)
        finished = True
    finally:
        if owned is not None:
            owned.close(at_once=not finished)


def _jobs(engine: Engine, files: Iterable[Path]) -> Iterator[Job]:
    """The files as jobs, hashed one at a time as the pipeline asks for them."""
    from sqlalchemy import text

    seen: dict[str, Path] = {}
    for path in files:
        try:
            sha = file_sha256(path)
        except OSError as error:
            yield Job(path, None, FileOutcome(path, "error", error.strerror or str(error)))
            continue
        if sha in seen:
            yield Job(path, sha, FileOutcome(path, "skipped", f"same bytes as {seen[sha]}"))
            continue
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT 1 FROM document WHERE sha256 = :s"), {"s": sha}).first()
        if stored is not None:
            yield Job(path, sha, FileOutcome(path, "skipped", ALREADY_THERE))
            continue
        seen[sha] = path
        yield Job(path, sha)


def _extraction(future: Any) -> tuple[ExtractedDocument | None, str]:
    """What a worker returned, or a one-line reason when the worker itself was lost."""
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as error:  # noqa: BLE001  a dead worker process, a lost cluster worker
        logger.debug("extraction worker failed", exc_info=True)
        return None, f"the extraction worker failed ({type(error).__name__}: {error})"


def write_extraction(engine: Engine, path: Path, result: ExtractedDocument | None, reason: str = "", *,
                     agencies: AgencyIndex | None = None) -> FileOutcome:
    """The writer's step for one file: store its extraction (or report why there is none),
    looking agencies up in the writer's ``agencies`` index (read afresh when none is given).

    SQLite is asked to sync to disk at checkpoints rather than at every commit while it
    stores (``synchronous=NORMAL`` under WAL: never a damaged database; after a power cut the
    last documents may be missing, and ingesting again stores them, as ingest is idempotent).
    """
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    if result is None:
        return FileOutcome(path, "error", reason)
    try:
        with Session(engine, expire_on_commit=False) as session, _batch_sync(session):
            document, stored_now = store_result(session, result, agencies)
            document_id = document.id
    except SQLAlchemyError as error:
        logger.debug("saving %s failed", path, exc_info=True)
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return FileOutcome(path, "error", str(SaveFailed(reason)))
    if not stored_now:
        return FileOutcome(path, "skipped", STORED_ELSEWHERE, document_id=document_id)
    return FileOutcome(path, "ok", tasks=len(result.tasks), targets=len(result.targets),
                       warnings=len(result.warnings), document_id=document_id)


@contextmanager
def _batch_sync(session: Session) -> Iterator[None]:
    connection = session.connection()
    if connection.dialect.name != "sqlite" or connection.engine.url.database in (None, "", ":memory:"):
        yield
        return
    before = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        session.connection().exec_driver_sql(f"PRAGMA synchronous={int(before or 2)}")
