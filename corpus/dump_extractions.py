"""Write the extraction JSON of every corpus document into a folder, to compare two commits.

Run on each commit (e.g. before and after a change meant to keep output identical), then diff:

    python corpus/dump_extractions.py /tmp/before      # on the old commit
    python corpus/dump_extractions.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after

Each file under ``corpus/docs`` and ``tests/data`` gives ``<path with / as __>.json``: the text
``ExtractedDocument.to_json()`` returns, or ``ERROR <name>: <message>`` when extraction refuses it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("corpus/docs", "tests/data")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into (created if missing)")
    args = parser.parse_args()
    out = args.out.resolve()
    os.chdir(ROOT)  # sources are named relative to the checkout, so two checkouts compare equal
    sys.path.insert(0, str(ROOT))
    from extract import extract_file
    from extract.errors import PlanwatchError

    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file():
                continue
            relative = path.relative_to(ROOT)
            try:
                text = extract_file(relative).to_json()
            except PlanwatchError as error:
                text = f"ERROR {type(error).__name__}: {error}"
            (out / (str(relative).replace("/", "__") + ".json")).write_text(text, encoding="utf-8")
            count += 1
    print(f"{count} extractions written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
