"""planwatch extraction: a document's bytes in, an ``ExtractedDocument`` out.

Pure: no database, no network, no clock. Stages: load -> normalize -> segment -> fields -> link.
Heavy modules are imported when first needed, so importing this package stays cheap.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import LoadError, PlanwatchError, UnsupportedFormat

if TYPE_CHECKING:
    from schemas.records import ExtractedDocument

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["LoadError", "PlanwatchError", "UnsupportedFormat", "extract_file", "extract_text"]


def extract_file(path: str | Path) -> ExtractedDocument:
    """Extract tasks, targets, agencies and document facts from one file.

    Args:
        path: a Markdown, HTML or plain-text file.

    Returns:
        The extraction, with warnings for anything that could not be read with confidence.

    Raises:
        LoadError: the file is empty, binary, undecodable or of an unsupported format.
    """
    from extract.load import load_file
    from extract.pipeline import raw_to_extraction

    return raw_to_extraction(load_file(Path(path)))


def extract_text(text: str, *, source: str = "<text>", fmt: str = "markdown") -> ExtractedDocument:
    """Extract from text already in memory (``fmt`` is markdown, html or text)."""
    from extract.load import load_text
    from extract.pipeline import raw_to_extraction

    return raw_to_extraction(load_text(text, source=source, fmt=fmt))
