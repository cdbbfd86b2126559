"""The records' own JSON (``Record.to_dict``, ``ExtractedDocument.to_json``) against the contract.

The records are plain dataclasses serialised by a small function of ours; the contract's
validating side (``schemas.contract``, pydantic) must read that JSON back to equal records and
must serialise the same records to the same values. Documents: one of each kind of fact (tasks
with persons, targets and observations with indicator mentions, duties, agencies, references).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from extract import extract_file
from schemas.contract import extraction_from_json, json_schema, validated
from schemas.records import AgencyMention, ExtractedDocument, IndicatorMention, Provenance, Target

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    "corpus/docs/cv6225-bvhttdl-cds-nguoichiutrachnhiem.md",  # tasks with persons
    "corpus/docs/kh310-hanoi-5g-iot-kcn-2030.md",  # every kind of fact, references
    "corpus/docs/001_9bb67069d732fb41.txt",  # observations
    "corpus/docs/qd2623-ttg-baove-dlcn-labelled.md",  # agencies
]


@pytest.fixture(scope="module", params=DOCS)
def extraction(request: pytest.FixtureRequest) -> ExtractedDocument:
    return extract_file(ROOT / request.param)


def test_own_json_is_what_the_contract_serialises(extraction: ExtractedDocument) -> None:
    oracle = TypeAdapter(ExtractedDocument).dump_python(extraction, mode="json")
    assert extraction.to_dict() == oracle
    assert extraction.to_json() == json.dumps(oracle, ensure_ascii=False, indent=1)
    assert extraction.to_json(indent=None) == json.dumps(oracle, ensure_ascii=False)


def test_own_json_reads_back_to_the_same_json(extraction: ExtractedDocument) -> None:
    again = extraction_from_json(extraction.to_json())  # hidden fields are not in the JSON
    assert isinstance(again.document.issued, date | None) and again.to_json() == extraction.to_json()


def test_numbers_of_float_fields_are_floats_and_hidden_fields_left_out() -> None:
    mention = IndicatorMention(mention="tỷ lệ", value=5, context="words around", in_order=True)
    target = Target(indicator="x", text="x", comparator=">=", value=30, baseline=math.inf, confidence=1,
                    indicator_mention=mention, deadline=date(2030, 12, 31))
    dumped = target.to_dict()
    assert dumped == TypeAdapter(Target).dump_python(target, mode="json")
    assert type(dumped["value"]) is float and type(dumped["confidence"]) is float
    assert dumped["baseline"] == math.inf and dumped["deadline"] == "2030-12-31"
    assert "context" not in dumped["indicator_mention"] and "in_order" not in dumped["indicator_mention"]
    assert type(dumped["source"]["page"]) is type(None)


def test_validation_refuses_what_the_contract_forbids() -> None:
    good = {"mention": "Sở X", "confidence": 0.5}
    assert validated(AgencyMention, good) == AgencyMention(mention="Sở X", confidence=0.5)
    with pytest.raises(ValidationError):
        validated(AgencyMention, {**good, "confidence": 1.5})
    with pytest.raises(ValidationError):
        validated(AgencyMention, {**good, "spelling": "?"})
    with pytest.raises(ValidationError):
        validated(Provenance, {"page": "first"})


def test_records_are_frozen_and_replaced_copies() -> None:
    source = Provenance(page=1)
    with pytest.raises(AttributeError):
        source.page = 2  # type: ignore[misc]
    moved = source.replaced(page=2, column="title")
    assert (source.page, moved.page, moved.column) == (1, 2, "title")
    assert Target(indicator="x", text="x", comparator="=", value=1.0).flags is not \
        Target(indicator="x", text="x", comparator="=", value=1.0).flags  # a new list each


def test_schema_keeps_constraints_descriptions_and_hidden_fields() -> None:
    schema = json_schema()
    mention = schema["$defs"]["IndicatorMention"]
    assert "context" not in mention["properties"] and mention["additionalProperties"] is False
    assert mention["properties"]["confidence"]["maximum"] == 1
    assert schema["$defs"]["Responsibility"]["description"].startswith("A duty given to an agency")
    assert "description" not in schema["$defs"]["Timeframe"]  # no docstring: no signature either


def test_extracting_a_file_does_not_import_pydantic() -> None:
    code = ("import sys; from extract import extract_file; "
            f"extract_file({str(ROOT / DOCS[1])!r}).to_json(); print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
