"""Generated artefacts are committed and kept in step; the output follows its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from extract import extract_file
from schemas.generate import JSON_DIR, SCHEMAS, schema_text

CORPUS = Path(__file__).parent.parent / "corpus" / "docs"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_json_schema_matches_the_records(name: str) -> None:
    committed = (JSON_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run: python -m schemas.generate"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")), ids=lambda p: p.name)
def test_extraction_json_validates_against_the_schema(path: Path) -> None:
    schema = json.loads((JSON_DIR / "extraction.schema.json").read_text(encoding="utf-8"))
    output = json.loads(extract_file(path).to_json())
    jsonschema.validate(output, schema)
    assert "\\u" not in extract_file(path).to_json()
