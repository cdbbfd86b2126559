"""Named errors of the store; the CLI prints each as one line and exits with 1."""

from __future__ import annotations

from extract.errors import PlanwatchError


class StoreError(PlanwatchError):
    """Base of the store's errors."""


class NotFound(StoreError):
    """A filter names nothing the store knows."""

    DOCUMENT = "no document matches '{text}'; run `planwatch documents` to see what is stored"
    AGENCY = "no agency matches '{text}'; run `planwatch agencies` to see names and aliases"


class SaveFailed(StoreError):
    """A document could not be written; nothing of it was stored."""

    MESSAGE = "not stored, the database refused it ({reason}); nothing of this file was written"

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGE.format(reason=reason))
        self.reason = reason
