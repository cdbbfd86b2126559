"""Stage 1, load: the only stage that reads bytes. A file becomes a ``RawDocument``.

Decoding is strict: UTF-8 (with or without BOM) first, then Windows-1258 (the legacy
Vietnamese code page) with a warning. Empty and binary files are refused with a reason.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from extract.errors import LoadError, UnsupportedFormat
from extract.settings import DEFAULT_SETTINGS, MB, ExtractSettings
from schemas.blocks import RawDocument

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
HTML_SUFFIXES = {".html": "html", ".htm": "html"}
WORD_SUFFIXES = {".docx": "docx"}
PDF_SUFFIXES = {".pdf": "pdf"}
KNOWN = "Markdown (.md), plain text (.txt), HTML (.html, .htm), Word (.docx) and PDF (.pdf)"
# Every suffix a folder walk should hand to planwatch.
SUFFIXES = tuple(sorted({*TEXT_SUFFIXES, *HTML_SUFFIXES, *WORD_SUFFIXES, *PDF_SUFFIXES}))
CONTROL_CHARACTERS = tuple(chr(c) for c in range(32) if chr(c) not in "\n\r\t\f")
BINARY_CONTROL_SHARE = 0.05  # share of control characters above which text is called binary
READ_CHUNK = MB  # bytes read at a time past what the file's size announced
TOO_LARGE = (
    "{size} is over the {limit} limit for {kind}; split the file, or raise the limit "
    "(planwatch --max-file-size, ExtractSettings.{setting})"
)


def _decode(path: str, data: bytes) -> tuple[str, list[str]]:
    """Bytes to text, with warnings; refuses empty and binary input."""
    if not data.strip():
        raise LoadError(path, "the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), [f"{path}: read as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"UTF-16 byte-order mark but undecodable text ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise LoadError(path, "binary data, not text (NUL bytes); is it the right file?")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            raise LoadError(path, f"not UTF-8 ({exc.reason} at byte {exc.start}) nor Windows-1258") from exc
        warnings.append(f"{path}: not UTF-8 (byte {exc.start}); read as Windows-1258 (cp1258), check the text")
    controls = sum(map(text.count, CONTROL_CHARACTERS))
    if controls > BINARY_CONTROL_SHARE * len(text):
        raise LoadError(path, f"binary data, not text ({controls} control characters)")
    return text, warnings


def _amount(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB") if size >= MB else f"{size} bytes"


def _too_large(name: str, size: int | None, limit: int, setting: str) -> LoadError:
    kind = "PDF and Word files" if setting == "max_package_bytes" else "text and HTML files"
    amount = "the file" if size is None else _amount(size)
    return LoadError(name, TOO_LARGE.format(size=amount, limit=_amount(limit), kind=kind, setting=setting))


def _check_size(path: Path, limit: int, setting: str) -> None:
    """Refuse a file larger than ``limit`` bytes before a loader that reads it itself opens it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or str(exc)) from exc
    if size > limit:
        raise _too_large(str(path), size, limit, setting)


def read_limited(path: Path, limit: int, setting: str = "max_file_bytes") -> bytes:
    """The bytes of ``path``, refused with a ``LoadError`` past ``limit`` bytes.

    At most ``limit + 1`` bytes are ever read, in pieces no larger than the file's size (plus
    one byte, to see that it ended) or ``READ_CHUNK``, so a small file costs its own size at any
    limit, while a file that grows as it is read, a device or a pipe cannot make the read
    unbounded.
    """
    name = str(path)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            regular = stat.S_ISREG(info.st_mode)
            data = _read_at_most(handle, limit + 1, info.st_size + 1 if regular else READ_CHUNK)
            if len(data) > limit:
                size: int | None = None
                if regular:
                    try:
                        size = max(path.stat().st_size, len(data))
                    except OSError:
                        pass
                raise _too_large(name, size, limit, setting)
    except OSError as exc:
        raise LoadError(name, exc.strerror or str(exc)) from exc
    return data


def _read_at_most(handle: BinaryIO, most: int, first: int) -> bytes:
    """Up to ``most`` bytes from ``handle``: ``first`` bytes, then ``READ_CHUNK`` at a time."""
    parts: list[bytes] = []
    total = 0
    want = min(most, max(first, 1))
    while total < most:
        chunk = handle.read(want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if len(chunk) < want:  # a short read is the end of the file or of the pipe
            break
        want = min(most - total, READ_CHUNK)
    return b"".join(parts)
def is_text_file(path: Path) -> bool:
    """Markdown, plain text or HTML by its suffix (read as text, not as a PDF or Word package)."""
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES


def load_file(path: Path, settings: ExtractSettings = DEFAULT_SETTINGS) -> RawDocument:
    """Read one file into a ``RawDocument``.

    Raises:
        LoadError: unreadable, empty, binary, undecodable or too large a file.
        UnsupportedFormat: no loader for the file's suffix.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from extract.load.pdf import pdf_to_raw

        _check_size(path, settings.max_package_bytes, "max_package_bytes")
        return pdf_to_raw(path)
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES and suffix not in WORD_SUFFIXES:
        raise UnsupportedFormat(name, suffix, KNOWN)
    if suffix in WORD_SUFFIXES:
        from extract.load.docx import docx_to_raw

        data = read_limited(path, settings.max_package_bytes, "max_package_bytes")
        if not data:
            raise LoadError(name, "the file is empty")
        return docx_to_raw(data, source=name, sha256=hashlib.sha256(data).hexdigest())
    data = read_limited(path, settings.max_file_bytes)
    text, warnings = _decode(name, data)
    sha = hashlib.sha256(data).hexdigest()
    fmt = HTML_SUFFIXES.get(suffix) or TEXT_SUFFIXES[suffix]
    return _dispatch(fmt)(text, source=name, sha256=sha, warnings=tuple(warnings))


def load_text(
    text: str, *, source: str = "<text>", fmt: str = "markdown", settings: ExtractSettings = DEFAULT_SETTINGS
) -> RawDocument:
    """Load text already decoded (used by tests and by callers holding text in memory).

    Raises:
        LoadError: the text is empty or larger than ``settings.max_file_bytes`` in UTF-8.
    """
    if not text.strip():
        raise LoadError(source, "the text is empty")
    data = text.encode("utf-8")
    if len(data) > settings.max_file_bytes:
        raise _too_large(source, len(data), settings.max_file_bytes, "max_file_bytes")
    sha = hashlib.sha256(data).hexdigest()
    return _dispatch(fmt)(text, source=source, sha256=sha, warnings=())


def _dispatch(fmt: str) -> Callable[..., RawDocument]:
    if fmt == "html":
        from extract.load.html import html_to_raw

        return html_to_raw
    if fmt in ("markdown", "text"):
        from extract.load.markdown import markdown_to_raw

        return markdown_to_raw
    raise UnsupportedFormat("<text>", fmt, KNOWN)
