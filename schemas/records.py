"""Records shared by extraction and the store: the extraction JSON contract (DESIGN.md §5).

Everything here is a frozen pydantic model, so a record can be validated, serialised to the
contract's JSON and described as JSON Schema (``schemas/json/``) from one definition.
Fields may be added; none may be renamed or removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date as Date
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

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


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _shared_fields(fields: set[str]) -> set[str]:
    """One set object per distinct set of field names (there are few)."""
    key = frozenset(fields)
    return _FIELD_SETS.setdefault(key, set(key))


class Record(BaseModel):
    """Base: immutable, no unknown fields, dates as ISO strings in JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def replaced(self, **update: Any) -> Self:
        """``model_copy(update=update)`` (the new values are not validated again either) whose
        set of explicitly given fields is shared with every other record given the same fields.

        Records are frozen, so nothing changes that set (``model_copy`` copies it before adding
        to it); a large extraction then holds one such set, not one per task (~0.7 KB each).
        """
        fields = _shared_fields(self.model_fields_set | update.keys())
        return self.model_construct(_fields_set=fields, **{**self.__dict__, **update})


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


class AgencyMention(Record):
    """One agency as a task or duty names it, with the canonical agency it resolves to."""

    mention: str
    agency: str | None = Field(None, description="canonical name; null when unresolved")
    kind: AgencyKind | None = None
    confidence: float = Field(ge=0, le=1)
    flags: list[Flag] = []
    reason: MatchReason | None = Field(None, description="how the mention was resolved")
    area: str | None = Field(None, description=AREA_DESCRIPTION)


class PersonMention(Record):
    """A person a task names as responsible: by name ("Nguyễn Thị Loan") or by office ("Cục
    trưởng Cục Du lịch Quốc gia Việt Nam"), with the agency the same cell gives, if any."""

    mention: str = Field(description="the person as written")
    name: str | None = Field(None, description="the person's own name, when written")
    title: str | None = Field(None, description="the office, when written (a head's title, e.g. a department director)")
    role: Role
    agency: AgencyMention | None = Field(None, description="the person's agency as the same cell names it; resolved by link")
    confidence: float = Field(1.0, ge=0, le=1)
    flags: list[Flag] = []


class Timeframe(Record):
    text: str
    start: Date | None = None
    end: Date | None = None
    recurrence: Recurrence | None = None


class TaskGroup(Record):
    number: str | None = None
    title: str


class Task(Record):
    key: str
    group: TaskGroup | None = None
    number: str | None = None
    title: str
    outputs: str | None = None
    notes: str | None = None
    lead: list[AgencyMention] = []
    cooperating: list[AgencyMention] = []
    timeframe: Timeframe | None = None
    source: Provenance = Provenance()
    confidence: float = Field(1.0, ge=0, le=1)
    flags: list[Flag] = []
    persons: list[PersonMention] = Field([], description="people the task names as responsible, with their agencies")


class Responsibility(Record):
    """A duty given to an agency in prose (e.g. the "organisation of implementation" section)."""

    agency: AgencyMention
    role: Role
    duty: str
    cooperating: list[AgencyMention] = Field([], description="partners the duty names as cooperating ('in coordination with X')")
    source: Provenance = Provenance()
    confidence: float = Field(1.0, ge=0, le=1)
    flags: list[Flag] = []


IndicatorReason = Literal["name", "alias", "unlisted"]


class IndicatorMention(Record):
    """What a figure measures, in the document's own words, as the fields stage read it, and the
    catalogue indicator the link stage resolved it to (``reason``: the row's own name or one of
    its aliases matched, or no row did)."""

    mention: str = Field(description="the indicator in the document's words (a table's indicator cell, or the figure's clause)")
    unit: str | None = None
    value: float | None = None
    context: str = Field("", exclude=True, description="the words around the figure searched for a catalogue name")
    in_order: bool = Field(False, exclude=True, description="a table's indicator cell: a catalogue name must occur in order")
    indicator: str | None = Field(None, description="the catalogue name; null when no row matched")
    indicator_id: str | None = None
    confidence: float = Field(0.0, ge=0, le=1)
    reason: IndicatorReason | None = Field(None, description="how the mention was resolved")


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
    confidence: float = Field(1.0, ge=0, le=1)
    source: Provenance = Provenance()
    also: list[Provenance] = Field([], description="other places that restate the same target in the same words")
    flags: list[Flag] = []
    indicator_mention: IndicatorMention | None = Field(None, description="the indicator as written and how link resolved it")


class Observation(Record):
    indicator: str
    indicator_id: str | None = None
    value: float
    unit: str | None = None
    as_of: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    area: str | None = None
    text: str
    confidence: float = Field(1.0, ge=0, le=1)
    source: Provenance = Provenance()
    flags: list[Flag] = []
    indicator_mention: IndicatorMention | None = Field(None, description="the indicator as written and how link resolved it")


class Reference(Record):
    """Another document this one cites, e.g. a decision by number and date."""

    text: str
    number: str | None = None
    kind: str | None = None
    date: Date | None = None


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
    references: list[Reference] = []
    area: str | None = Field(None, description="the province the document belongs to (issuer or title), 'national', or null")


class AgencyInfo(Record):
    """An agency named by the document, as the directory knows it."""

    name: str
    kind: AgencyKind | None = None
    jurisdiction: Jurisdiction | None = None
    aliases: list[str] = []
    parent: str | None = None
    area: str | None = Field(None, description=AREA_DESCRIPTION + "; with name, the agency's identity")
    valid_from: Date | None = Field(None, description="first day the agency existed under this name, when known")
    valid_until: Date | None = Field(None, description="first day it no longer existed (merged or renamed); null while current")
    successor: str | None = Field(None, description="the agency that took it over on valid_until")
    source: str | None = Field(None, description="where the validity and successor facts come from, or 'unconfirmed'")


class ExtractedDocument(Record):
    """Everything extracted from one file: the output of ``extract.extract_file``."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    document: DocumentInfo
    tasks: list[Task] = []
    targets: list[Target] = []
    observations: list[Observation] = []
    responsibilities: list[Responsibility] = []
    agencies: list[AgencyInfo] = []
    warnings: list[str] = []

    def to_json(self, indent: int | None = 1) -> str:
        """The contract JSON: UTF-8 text with real characters, no ``\\u`` escapes."""
        import json

        if indent is None:
            return json.dumps(self.model_dump(mode="json"), ensure_ascii=False)
        return "".join(self.json_parts(indent))

    def json_parts(self, indent: int = 1) -> Iterator[str]:
        """``to_json`` in pieces, one per record of a list, so that a large extraction is
        written out without its whole text or its whole ``model_dump`` in memory at once."""
        import json

        pad = " " * indent
        for at, name in enumerate(type(self).model_fields):
            value = getattr(self, name)
            yield ("{" if at == 0 else ",") + "\n" + pad + json.dumps(name, ensure_ascii=False) + ": "
            if isinstance(value, list) and value:
                for k, item in enumerate(value):
                    dumped = item.model_dump(mode="json") if isinstance(item, BaseModel) else item
                    text = json.dumps(dumped, ensure_ascii=False, indent=indent)
                    yield ("[" if k == 0 else ",") + "\n" + 2 * pad + text.replace("\n", "\n" + 2 * pad)
                yield "\n" + pad + "]"
            else:
                dumped = self.model_dump(mode="json", include={name})[name]
                yield json.dumps(dumped, ensure_ascii=False, indent=indent).replace("\n", "\n" + pad)
        yield "\n}"
