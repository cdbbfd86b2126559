"""Extraction on a Dask cluster: ``planwatch ingest --engine dask [--scheduler ADDRESS]``.

Extraction is a pure function of a file's bytes, so each file becomes one Dask task
(``Client.submit``) run on whichever worker is free; this process stays the only writer and
stores the results in input order, through the same bounded window as the process pool
(``store.pool.in_order``). Without ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes
is started on this machine; with it, the workers of a running cluster do the work and must
read the input files at the same absolute paths (shared storage). A task's key is a hash of
the file's path and SHA-256, so two runs over the same files share the work. A worker lost
mid-task has its tasks rerun elsewhere by the scheduler, and a rerun of the whole ingest
skips what is stored: writes are idempotent by SHA-256.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.errors import MissingDependency, PlanwatchError

if TYPE_CHECKING:
    from extract.settings import ExtractSettings
    from schemas.records import ExtractedDocument
    from store.jobs import Job

NEEDS_DASK = "--engine dask needs Dask: pip install 'planwatch[dask]'"
NO_SCHEDULER = "cannot reach the Dask scheduler at {address} ({reason}); check --scheduler"
CONNECT_SECONDS = 30


class DaskExtractors:
    """Extraction of each file as a task on the cluster behind ``client``."""

    def __init__(self, client: Any, settings: ExtractSettings | None = None) -> None:
        self.client = client
        self.settings = settings
        self.slots = max(1, sum(client.nthreads().values()))

    def submit(self, job: Job) -> Any:
        return self.client.submit(
            extract_on_worker, str(job.path.absolute()), str(job.path), job.sha256, self.settings, pure=True
        )

    def close(self) -> None:
        self.client.close()


def extract_on_worker(
    path: str, source: str, sha256: str | None, settings: ExtractSettings | None = None
) -> tuple[ExtractedDocument | None, str]:
    """Extract the file at absolute ``path`` on a cluster worker, the result named ``source`` as
    the writer was given it (so it is stored as a serial ingest stores it). ``sha256`` (the
    bytes the writer hashed) is part of the task's key only: the result carries its own;
    ``settings`` are the extraction's limits."""
    from store.jobs import extract_in_worker

    result, reason = extract_in_worker(Path(path), settings)
    if result is None or path == source:
        return result, reason.replace(path, source)
    document = result.document.replaced(source=source)
    warnings = [warning.replace(path, source) for warning in result.warnings]
    return result.replaced(document=document, warnings=warnings), reason


@contextmanager
def dask_extractors(
    workers: int, scheduler: str | None = None, settings: ExtractSettings | None = None
) -> Iterator[DaskExtractors]:
    """Extractors on the cluster at ``scheduler``, else on a new ``LocalCluster`` of
    ``workers`` single-threaded processes (closed on exit).

    Raises:
        MissingDependency: Dask is not installed (``planwatch[dask]``).
        PlanwatchError: the scheduler cannot be reached.
    """
    if not logging.getLogger().isEnabledFor(logging.INFO):  # Dask's own INFO lines only with -v
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # read by the spawned workers too
        logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise MissingDependency(NEEDS_DASK) from error
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise PlanwatchError(NO_SCHEDULER.format(address=scheduler, reason=error)) from error
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    extractors = DaskExtractors(client, settings)
    try:
        yield extractors
    finally:
        extractors.close()
        if cluster is not None:
            cluster.close()
