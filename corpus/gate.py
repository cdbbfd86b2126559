"""The corpus quality gate: score every corpus document and compare with the pinned floors.

Example:
    python corpus/gate.py                       # print the table; exit 1 if below a floor
    python corpus/gate.py --update              # pin current scores and file hashes
    python corpus/gate.py --update --allow-regression   # ... even where a floor goes down

Exit codes: 0 all floors met (or baseline written), 1 a floor missed, a pin stale, or an update
refused, 2 usage error. The logic lives in ``tests/gate_floors.py``; this file only translates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import gate_floors  # noqa: E402


TABLE_NOTE = (
    "floor = pinned F1 (precision and recall are pinned too); status info = not pinned.\n"
    "title/group/lead/cooperating/timeframe/outputs are scored over tasks whose key matches "
    "the gold; with no matched task they read 1.0, and the 'tasks' row shows what is missing."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="write the current scores as floors and re-pin the file hashes")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: allow a floor to go down")
    parser.add_argument("--corpus", type=Path, default=gate_floors.CORPUS_DIR, help="corpus folder")
    args = parser.parse_args(argv)
    if args.allow_regression and not args.update:
        parser.error("--allow-regression only makes sense with --update")

    baseline = gate_floors.load_baseline(args.corpus)
    scores = gate_floors.score_corpus(args.corpus)
    print(gate_floors.format_table(gate_floors.score_table(scores, baseline)))
    print(TABLE_NOTE)
    errors = [f"{s.file}: extraction raised {s.error}" for s in scores if s.error]

    if args.update:
        if errors:
            print("\n".join(errors), file=sys.stderr)
            print("Update refused: fix the extraction errors above first.", file=sys.stderr)
            return 1
        new, lowered = gate_floors.updated_baseline(baseline, scores, args.corpus,
                                                allow_regression=args.allow_regression)
        if lowered:
            print("Update refused: it would lower these floors (re-run with --allow-regression "
                  "if the regression is intended):\n  " + "\n  ".join(lowered), file=sys.stderr)
            return 1
        gate_floors.write_baseline(new, args.corpus)
        print(f"Wrote {args.corpus / gate_floors.BASELINE_NAME}", file=sys.stderr)
        return 0

    problems = gate_floors.pin_problems(baseline, args.corpus)
    floors = baseline.get("floors") or {}
    failures = [msg for s in scores for msg in gate_floors.floor_failures(s, floors.get(s.file) or {})]
    for s in scores:  # an extraction error is a failure even where the floors happen to hold
        if s.error and not gate_floors.floor_failures(s, floors.get(s.file) or {}):
            failures.append(f"{s.file}: extraction raised {s.error}")
    for msg in problems + failures:
        print(msg, file=sys.stderr)
    if problems or failures:
        n_pins = max(len(problems) - 1, 0)  # the last line is the re-pin hint
        print(f"Gate FAILED: {len(failures)} field(s) below floor, {n_pins} pin problem(s).",
              file=sys.stderr)
        return 1
    print("Gate passed.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
