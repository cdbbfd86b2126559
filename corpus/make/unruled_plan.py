"""Make a plan whose task table has no ruling: a Word file with table borders off, its
LibreOffice PDF, and the rows a reader must find.

Run: python corpus/make/unruled_plan.py [--out corpus/make/out] [--seed 11]. Needs python-docx
and LibreOffice (see long_plan.py). The table is the long plan's (same words and columns) cut
to its first groups, with every border off: headers centred and bold, one lead per row, rows
cut by page breaks, the header repeated on every page, and a paragraph of prose after the table.
Writes ``unruled-plan.docx``, ``unruled-plan.pdf`` and ``unruled-plan.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from long_plan import WORDS, a4_document, add_task_table, make_plan, plan_rows  # noqa: E402

ROWS = 30  # table rows kept (groups and tasks): about eight pages
CLOSING = (
    "Các sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ nhiệm vụ được giao chủ động "
    "triển khai thực hiện, định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ để tổng hợp."
)


def unruled_rows(seed: int) -> list[dict]:
    """The long plan's first rows, each task with its own lead (no merged cell to guess)."""
    rows = plan_rows(seed)[:ROWS]
    return [{**row, "merge": 1} if row["kind"] == "task" else row for row in rows]


def write_docx(rows: list[dict], path: Path) -> None:
    document = a4_document()
    document.add_paragraph(WORDS["title"]).runs[0].bold = True
    document.add_paragraph(WORDS["prose"])
    document.add_paragraph(WORDS["appendix"]).runs[0].bold = True
    add_task_table(document, rows, ruled=False, centred_header=True)
    document.add_paragraph(CLOSING)
    document.save(str(path))


def main() -> int:
    return make_plan("unruled-plan", unruled_rows, write_docx, 11)


if __name__ == "__main__":
    sys.exit(main())
