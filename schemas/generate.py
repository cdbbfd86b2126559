"""Write the JSON Schema files in ``schemas/json/`` from the records (``python -m schemas.generate``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from schemas.contract import json_schema
from schemas.records import ExtractedDocument

JSON_DIR = Path(__file__).parent / "json"
SCHEMAS = {"extraction.schema.json": ExtractedDocument}


def schema_text(record: Any) -> str:
    """The committed form of a record's JSON Schema."""
    schema = json_schema(record)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    JSON_DIR.mkdir(exist_ok=True)
    for name, record in SCHEMAS.items():
        (JSON_DIR / name).write_text(schema_text(record), encoding="utf-8")
        print(f"wrote {JSON_DIR / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
