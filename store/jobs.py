"""One input file on its way through an ingest: the job a worker gets, what it runs (extraction
alone, picklable, for a process pool or a Dask cluster), and the outcome the writer reports."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.settings import ExtractSettings
    from schemas.records import ExtractedDocument

logger = logging.getLogger("store.ingest")


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


def extract_in_worker(path: Path, settings: ExtractSettings | None = None) -> tuple[ExtractedDocument | None, str]:
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


@dataclass(frozen=True, slots=True)
class Job:
    """One input file on its way: its bytes' hash, or the outcome already known without
    extracting it (unreadable, a duplicate, already stored)."""

    path: Path
    sha256: str | None
    outcome: FileOutcome | None = None
