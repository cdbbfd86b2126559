"""Extraction settings: one frozen object with every limit in one place, checked once.

The limits keep extraction bounded on hostile input: a file larger than ``max_file_bytes`` is
refused before it is read. (Table size is bounded where grids are built, ``extract.load.grid``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.errors import SettingsError

MB = 1024 * 1024
DEFAULT_MAX_FILE_BYTES = 50 * MB  # text formats: Markdown, plain text, HTML
DEFAULT_MAX_PACKAGE_BYTES = 200 * MB  # PDF and Word files, whose text is a small part of their bytes


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """Limits of one extraction run.

    Attributes:
        max_file_bytes: largest text file (Markdown, plain text, HTML) read, in bytes.
        max_package_bytes: largest PDF or Word file read, in bytes.
    """

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_package_bytes: int = DEFAULT_MAX_PACKAGE_BYTES

    def validate(self) -> ExtractSettings:
        """Return the settings if every limit makes sense.

        Raises:
            SettingsError: a limit is not a positive whole number.
        """
        for name in ("max_file_bytes", "max_package_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SettingsError(f"{name} must be a positive number of bytes, not {value!r}")
        return self


DEFAULT_SETTINGS = ExtractSettings()
