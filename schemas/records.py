"""Records shared by extraction and the store: the extraction JSON contract (DESIGN.md §5).

Every record is a frozen, slotted dataclass: cheap to import and to build, so that a short
extraction does not pay for a validation library it does not use. ``Record.to_dict`` gives the
contract's JSON values; ``schemas.contract`` validates JSON back into records and describes them
as JSON Schema (``schemas/json/``) from these same definitions, the constraints and descriptions
read from each field's metadata. Fields may be added; none may be renamed or removed.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date as Date
from typing import Any, ClassVar, Literal, Self

SCHEMA_VERSION = "1"

Role = Literal["lead", "cooperate"]
Recurrence = Literal["continuous", "daily", "weekly", "monthly", "quarterly", "yearly"]
Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
DocumentKind = Literal["plan", "news", "other"]
AgencyKind = Literal[
    "ministry", "department", "people_committee", "enterprise", "collective", "vague", "other"
]
Jurisdiction = Literal["national", "province", "district", "commune", "unknown"]
# How a mention was resolved: the canonical name, an alias, an abbreviation, a close spelling
# (flagged for review, never learned as an alias), not at all, or as a person (a lead or
# cooperating cell naming people, kept in the task's ``persons``, never an agency).
MatchReason = Literal["name", "alias", "acronym", "fuzzy", "unresolved", "person"]
AREA_DESCRIPTION = "the province the agency belongs to (its name in the province list), 'national' for national bodies; null when unknown"

# Flags on extracted facts. Anything flagged deserves a human look before it is relied on.
Flag = Literal[
    "truncated",  # the source was cut off inside this fact
    "garbled",  # the source text is damaged (numbers or letters); not reported as fact
    "ambiguous",  # more than one reading; the one given is a guess
    "vague",  # an agency mention that names no one in particular ("related units")
    "unresolved",  # an agency mention that matches no known agency
    "continued",  # the fact was stitched from pieces across a page or table break
    "review",  # low confidence for another reason
    "date_assumed",  # an observation dated by its document, the text gives no date of its own
    "unlisted_indicator",  # the indicator is not in the catalogue: its own words, listed for review
    "unparsed",  # a text kept as written that gives no date (e.g. "after the ministry's guidance")
    "repaired",  # read from a damaged or legacy-font text layer that was converted: check the letters
    "ocr",  # read by OCR from a page image: check the letters and numbers
]


def _about(description: str, default: Any = None) -> Any:
    """An optional field with its description (for the JSON Schema)."""
    return field(default=default, metadata={"description": description})


def _required(description: str) -> Any:
    return field(metadata={"description": description})


def _share(default: Any = MISSING) -> Any:
    """A confidence: a number from 0 to 1."""
    return field(default=default, metadata={"ge": 0, "le": 1})


def _many(description: str | None = None) -> Any:
    """A list, empty by default (a new one for each record)."""
    metadata: dict[str, Any] = {"json_schema_extra": {"default": []}}
    if description:
        metadata["description"] = description
    return field(default_factory=list, metadata=metadata)


def _hidden(default: Any, description: str) -> Any:
    """A field the extraction uses and the contract's JSON leaves out."""
    return field(default=default, metadata={"exclude": True, "description": description})


def _describe(schema: dict[str, Any], cls: type) -> None:
    """A record's JSON Schema takes its docstring as description (the docstring a dataclass
    writes for a class that has none, its signature, is not one)."""
    doc = cls.__doc__
    if doc and not doc.startswith(cls.__name__ + "("):
        schema["description"] = inspect.cleandoc(doc)


class Record:
    """Base: immutable (frozen dataclasses), fields given by keyword, dates as ISO strings in JSON."""

    __slots__ = ()
    # read by the validating side (``schemas.contract``): no unknown fields, docstrings as descriptions
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "json_schema_extra": _describe}

    def replaced(self, **update: Any) -> Self:
        """A copy with the fields of ``update`` changed (not validated, like any construction)."""
        return replace(self, **update)  # type: ignore[type-var]

    def to_dict(self) -> dict[str, Any]:
        """The record as the contract's JSON values: dates as ISO strings, numbers of a float
        field as floats, nested records as dicts, hidden fields left out."""
        return {name: _json_value(getattr(self, name), is_float) for name, is_float in _dumped(type(self))}


_DUMPED: dict[type, tuple[tuple[str, bool], ...]] = {}


def _dumped(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, is a float field) of each field of ``cls`` the JSON shows, in order."""
    found = _DUMPED.get(cls)
    if found is None:
        found = _DUMPED[cls] = tuple(
            (f.name, "float" in str(f.type)) for f in fields(cls) if not f.metadata.get("exclude")  # type: ignore[arg-type]
        )
    return found


def _json_value(value: Any, is_float: bool = False) -> Any:
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if is_float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Date):
        return value.isoformat()
    return value


_record = dataclass(frozen=True, slots=True, kw_only=True)


@_record
class Provenance(Record):
    """Where a fact was read: page, table/row/column, or a character span of the text."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    text: str | None = None


@_record
class AgencyMention(Record):
    """One agency as a task or duty names it, with the canonical agency it resolves to."""

    mention: str
    agency: str | None = _about("canonical name; null when unresolved")
    kind: AgencyKind | None = None
    confidence: float = _share()
    flags: list[Flag] = _many()
    reason: MatchReason | None = _about("how the mention was resolved")
    area: str | None = _about(AREA_DESCRIPTION)


@_record
class PersonMention(Record):
    """A person a task names as responsible: by name ("Nguyễn Thị Loan") or by office ("Cục
    trưởng Cục Du lịch Quốc gia Việt Nam"), with the agency the same cell gives, if any."""

    mention: str = _required("the person as written")
    name: str | None = _about("the person's own name, when written")
    title: str | None = _about("the office, when written (a head's title, e.g. a department director)")
    role: Role
    agency: AgencyMention | None = _about("the person's agency as the same cell names it; resolved by link")
    confidence: float = _share(1.0)
    flags: list[Flag] = _many()


@_record
class Timeframe(Record):
    text: str
    start: Date | None = None
    end: Date | None = None
    recurrence: Recurrence | None = None


@_record
class TaskGroup(Record):
    number: str | None = None
    title: str


@_record
class Task(Record):
    key: str
    group: TaskGroup | None = None
    number: str | None = None
    title: str
    outputs: str | None = None
    notes: str | None = None
    lead: list[AgencyMention] = _many()
    cooperating: list[AgencyMention] = _many()
    timeframe: Timeframe | None = None
    source: Provenance = Provenance()
    confidence: float = _share(1.0)
    flags: list[Flag] = _many()
    persons: list[PersonMention] = _many("people the task names as responsible, with their agencies")


@_record
class Responsibility(Record):
    """A duty given to an agency in prose (e.g. the "organisation of implementation" section)."""

    agency: AgencyMention
    role: Role
    duty: str
    cooperating: list[AgencyMention] = _many("partners the duty names as cooperating ('in coordination with X')")
    source: Provenance = Provenance()
    confidence: float = _share(1.0)
    flags: list[Flag] = _many()


IndicatorReason = Literal["name", "alias", "unlisted"]


@_record
class IndicatorMention(Record):
    """What a figure measures, in the document's own words, as the fields stage read it, and the
    catalogue indicator the link stage resolved it to (``reason``: the row's own name or one of
    its aliases matched, or no row did)."""

    mention: str = _required("the indicator in the document's words (a table's indicator cell, or the figure's clause)")
    unit: str | None = None
    value: float | None = None
    context: str = _hidden("", "the words around the figure searched for a catalogue name")
    in_order: bool = _hidden(False, "a table's indicator cell: a catalogue name must occur in order")
    indicator: str | None = _about("the catalogue name; null when no row matched")
    indicator_id: str | None = None
    confidence: float = _share(0.0)
    reason: IndicatorReason | None = _about("how the mention was resolved")


@_record
class Target(Record):
    indicator: str
    indicator_id: str | None = None
    text: str
    comparator: Comparator
    value: float
    value_max: float | None = None
    unit: str | None = None
    deadline: Date | None = None
    area: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    confidence: float = _share(1.0)
    source: Provenance = Provenance()
    also: list[Provenance] = _many("other places that restate the same target in the same words")
    flags: list[Flag] = _many()
    indicator_mention: IndicatorMention | None = _about("the indicator as written and how link resolved it")


@_record
class Observation(Record):
    indicator: str
    indicator_id: str | None = None
    value: float
    unit: str | None = None
    as_of: str | None = _about("YYYY, YYYY-MM or YYYY-MM-DD")
    area: str | None = None
    text: str
    confidence: float = _share(1.0)
    source: Provenance = Provenance()
    flags: list[Flag] = _many()
    indicator_mention: IndicatorMention | None = _about("the indicator as written and how link resolved it")


@_record
class Reference(Record):
    """Another document this one cites, e.g. a decision by number and date."""

    text: str
    number: str | None = None
    kind: str | None = None
    date: Date | None = None


@_record
class DocumentInfo(Record):
    source: str
    sha256: str
    format: str
    language: str
    kind: DocumentKind
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued: Date | None = None
    horizon: Date | None = None
    pages: int | None = None
    references: list[Reference] = _many()
    area: str | None = _about("the province the document belongs to (issuer or title), 'national', or null")


@_record
class AgencyInfo(Record):
    """An agency named by the document, as the directory knows it."""

    name: str
    kind: AgencyKind | None = None
    jurisdiction: Jurisdiction | None = None
    aliases: list[str] = _many()
    parent: str | None = None
    area: str | None = _about(AREA_DESCRIPTION + "; with name, the agency's identity")
    valid_from: Date | None = _about("first day the agency existed under this name, when known")
    valid_until: Date | None = _about("first day it no longer existed (merged or renamed); null while current")
    successor: str | None = _about("the agency that took it over on valid_until")
    source: str | None = _about("where the validity and successor facts come from, or 'unconfirmed'")


@_record
class ExtractedDocument(Record):
    """Everything extracted from one file: the output of ``extract.extract_file``."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    document: DocumentInfo
    tasks: list[Task] = _many()
    targets: list[Target] = _many()
    observations: list[Observation] = _many()
    responsibilities: list[Responsibility] = _many()
    agencies: list[AgencyInfo] = _many()
    warnings: list[str] = _many()

    def to_json(self, indent: int | None = 1) -> str:
        """The contract JSON: UTF-8 text with real characters, no ``\\u`` escapes."""
        import json

        if indent is None:
            return json.dumps(self.to_dict(), ensure_ascii=False)
        return "".join(self.json_parts(indent))

    def json_parts(self, indent: int = 1) -> Iterator[str]:
        """``to_json`` in pieces, one per record of a list, so that a large extraction is
        written out without its whole text or its whole ``to_dict`` in memory at once."""
        import json

        pad = " " * indent
        for at, (name, _) in enumerate(_dumped(type(self))):
            value = getattr(self, name)
            yield ("{" if at == 0 else ",") + "\n" + pad + json.dumps(name, ensure_ascii=False) + ": "
            if isinstance(value, list) and value:
                for k, item in enumerate(value):
                    dumped = _json_value(item)
                    text = json.dumps(dumped, ensure_ascii=False, indent=indent)
                    yield ("[" if k == 0 else ",") + "\n" + 2 * pad + text.replace("\n", "\n" + 2 * pad)
                yield "\n" + pad + "]"
            else:
                dumped = _json_value(value)
                yield json.dumps(dumped, ensure_ascii=False, indent=indent).replace("\n", "\n" + pad)
        yield "\n}"
