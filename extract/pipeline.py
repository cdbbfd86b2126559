"""The stages in order: normalize -> segment -> fields -> link, over a loaded document."""

from __future__ import annotations

from extract.fields.collect import segmented_to_fields
from extract.link import fields_to_extraction
from extract.normalize import raw_to_normalized
from extract.segment import normalized_to_segmented
from schemas.blocks import RawDocument
from schemas.records import ExtractedDocument


def raw_to_extraction(raw: RawDocument) -> ExtractedDocument:
    """Run every stage after loading; the result carries all warnings."""
    normalized, lang = raw_to_normalized(raw)
    del raw  # the loaded grids are not read again; a large table need not be held twice
    segmented = normalized_to_segmented(normalized, lang)
    del normalized
    return fields_to_extraction(segmented_to_fields(segmented, lang))
