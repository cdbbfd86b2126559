"""Named errors of the extraction library. Each message names the file and how to fix it."""

from __future__ import annotations


class PlanwatchError(Exception):
    """Base of every error planwatch reports to a user as one line."""


class LoadError(PlanwatchError):
    """The file cannot be read as a document (empty, binary, undecodable, damaged)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(LoadError):
    """No loader reads this kind of file."""

    MESSAGE = "unsupported format '{suffix}'; planwatch reads {known}"

    def __init__(self, path: str, suffix: str, known: str) -> None:
        super().__init__(path, self.MESSAGE.format(suffix=suffix or "(none)", known=known))


class MissingDependency(PlanwatchError):
    """A library needed for this input is not installed."""


class LanguageDataError(PlanwatchError):
    """A language data file is missing or malformed."""


class SettingsError(PlanwatchError, ValueError):
    """An extraction setting is out of range (``ExtractSettings.validate``)."""
