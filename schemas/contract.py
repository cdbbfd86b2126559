"""The extraction contract checked: JSON (or its parsed values) validated back into records, and
the records described as JSON Schema.

This is the one module that imports pydantic for the records (``schemas.records`` are plain
dataclasses, so extraction never loads it): the store's and tests' readers of extraction JSON
and ``schemas.generate`` use it. Constraints, descriptions and hidden fields come from the
records' field metadata, unknown fields are refused.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from schemas.records import ExtractedDocument

if TYPE_CHECKING:
    from pydantic import TypeAdapter

R = TypeVar("R")


@cache
def _adapter(record: type) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(record)


def validated(record: type[R], data: Any) -> R:
    """``data`` (parsed JSON or Python values) as a ``record``, checked and converted (e.g. ISO
    dates to dates, integers to floats where the field is a float); ``ValidationError`` if not."""
    return _adapter(record).validate_python(data)  # type: ignore[no-any-return]


def extraction_from_json(text: str | bytes) -> ExtractedDocument:
    """An extraction's contract JSON (``ExtractedDocument.to_json``) read back, validated."""
    return _adapter(ExtractedDocument).validate_json(text)  # type: ignore[no-any-return]


def json_schema(record: type = ExtractedDocument) -> dict[str, Any]:
    """The JSON Schema of ``record``'s contract JSON (hidden fields left out)."""
    return _adapter(record).json_schema(mode="serialization")  # type: ignore[no-any-return]
