"""Extraction settings: one frozen object with every limit in one place, checked once.

The limits keep extraction bounded on hostile input: a file larger than ``max_file_bytes`` is
refused before it is read. (Table size is bounded where grids are built, ``extract.load.grid``.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.errors import SettingsError

MB = 1024 * 1024
UNITS = {
    **dict.fromkeys(("", "b"), 1),
    **dict.fromkeys(("k", "kb", "kib"), 1024),
    **dict.fromkeys(("m", "mb", "mib"), MB),
    **dict.fromkeys(("g", "gb", "gib"), 1024 * MB),
}
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)
BAD_SIZE = "{text!r} is not a size; write a number with KB, MB or GB (50MB), or a number of bytes"
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


    @classmethod
    def with_max_size(cls, size: int | None) -> ExtractSettings:
        """Settings refusing any file, of any format, larger than ``size`` bytes (None: the
        defaults, which allow PDF and Word files more bytes than text files)."""
        return cls() if size is None else cls(max_file_bytes=size, max_package_bytes=size)


def size_to_bytes(text: str) -> int:
    """A size as people write it, in bytes: "50MB", "1.5 GB", "500kb", "2048" (1 KB = 1,024 bytes).

    Raises:
        SettingsError: not a number with an optional unit, or zero.
    """
    match = SIZE.fullmatch(text)
    unit = match.group(2).casefold() if match else ""
    if match is None or unit not in UNITS:
        raise SettingsError(BAD_SIZE.format(text=text))
    size = int(float(match.group(1)) * UNITS[unit])
    if size <= 0:
        raise SettingsError(f"{text!r}: a size limit must be more than 0 bytes")
    return size


DEFAULT_SETTINGS = ExtractSettings()
