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
    from extract.settings import ExtractSettings
    from schemas.blocks import RawDocument
    from schemas.records import ExtractedDocument

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["LoadError", "PlanwatchError", "UnsupportedFormat", "extract_file", "extract_text"]


def extract_file(path: str | Path, *, settings: ExtractSettings | None = None) -> ExtractedDocument:
    """Extract tasks, targets, agencies and document facts from one file.

    Args:
        path: a Markdown, HTML or plain-text file.
        settings: limits of the run (default ``ExtractSettings()``).

    Returns:
        The extraction, with warnings for anything that could not be read with confidence.

    Raises:
        LoadError: the file is empty, binary, undecodable, too large or of an unsupported format.
        SettingsError: ``settings`` holds a limit out of range.
    """
    from extract.collector import collection_paused

    with collection_paused():  # the first call imports the stages: modules, classes, no garbage
        from extract.load import is_text_file, load_file
        from extract.pattern_cache import keep_compiled
        from extract.pipeline import raw_to_extraction
        from extract.settings import ExtractSettings

    checked = (settings or ExtractSettings()).validate()
    path = Path(path)
    loaded: list[RawDocument] = []
    with collection_paused(when=is_text_file(path)):  # PDF and Word parsers make cycles: collect them
        loaded.append(load_file(path, checked))
    with collection_paused():
        found = raw_to_extraction(loaded.pop())  # held by the pipeline alone, which lets it go
    keep_compiled()
    return found


def extract_text(
    text: str, *, source: str = "<text>", fmt: str = "markdown", settings: ExtractSettings | None = None
) -> ExtractedDocument:
    """Extract from text already in memory (``fmt`` is markdown, html or text)."""
    from extract.collector import collection_paused

    with collection_paused():  # the first call imports the stages: modules, classes, no garbage
        from extract.load import load_text
        from extract.pattern_cache import keep_compiled
        from extract.pipeline import raw_to_extraction
        from extract.settings import ExtractSettings

    checked = (settings or ExtractSettings()).validate()
    with collection_paused():
        found = raw_to_extraction(load_text(text, source=source, fmt=fmt, settings=checked))
    keep_compiled()
    return found
