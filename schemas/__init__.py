"""The shared vocabulary of planwatch: extraction records and their JSON Schema."""

from schemas.blocks import Block, Grid, GridCell, RawDocument, RowOrigin
from schemas.records import (
    SCHEMA_VERSION,
    AgencyInfo,
    AgencyMention,
    DocumentInfo,
    ExtractedDocument,
    Observation,
    Provenance,
    Reference,
    Responsibility,
    Target,
    Task,
    TaskGroup,
    Timeframe,
)

__all__ = [
    "SCHEMA_VERSION",
    "AgencyInfo",
    "AgencyMention",
    "Block",
    "DocumentInfo",
    "ExtractedDocument",
    "Observation",
    "Provenance",
    "RawDocument",
    "Reference",
    "Responsibility",
    "Grid",
    "GridCell",
    "RowOrigin",
    "Target",
    "Task",
    "TaskGroup",
    "Timeframe",
]
