"""Make a long generated plan: a Word file, its LibreOffice PDF, and the rows a reader must find.

Run: python corpus/make/long_plan.py [--out corpus/make/out] [--seed 7]. Needs python-docx and
LibreOffice (``soffice``, Debian libreoffice-writer-nogui with fonts-liberation2 or DejaVu).

The appendix table has 160+ task rows in eight groups: a group row merged across the five
content columns, rows long enough to be cut by page breaks, lead cells merged down over two or
three tasks, and a header row that Word and LibreOffice repeat on every page. Words come from
``long_plan_words.json``; a seeded generator makes the same files every run. Writes
``long-plan.docx``, ``long-plan.pdf`` and ``long-plan.json`` (the table's rows as a reader of
each grid row sees them: a merged cell's text at every position it covers).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORDS = json.loads((HERE / "long_plan_words.json").read_text(encoding="utf-8"))
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
TASKS_PER_GROUP = (18, 24)
FONT = "Liberation Serif"


def _sentence(rng: random.Random, phrases: int) -> str:
    parts = [f"{rng.choice(WORDS['verbs'])} {rng.choice(WORDS['objects'])}"]
    parts += rng.sample(WORDS["phrases"], k=min(phrases, len(WORDS["phrases"])))
    return ", ".join(parts) + "."


def plan_rows(seed: int) -> list[dict]:
    """The table's rows: groups and tasks, with the lead merges to make."""
    rng = random.Random(seed)
    rows: list[dict] = []
    for g, group in enumerate(WORDS["groups"]):
        rows.append({"kind": "group", "number": ROMAN[g], "text": group})
        count = rng.randint(*TASKS_PER_GROUP)
        n = 0
        while n < count:
            merge = rng.choice([1, 1, 1, 2, 3]) if count - n >= 3 else 1
            lead = rng.choice(WORDS["agencies"])
            for k in range(merge):
                n += 1
                long_row = rng.random() < 0.12
                rows.append(
                    {
                        "kind": "task",
                        "number": str(n),
                        "title": _sentence(rng, rng.randint(9, 12) if long_row else rng.randint(1, 4)),
                        "lead": lead,
                        "merge": merge if k == 0 else 0,  # rows the lead cell covers, on its first row
                        "cooperating": "; ".join(rng.sample(WORDS["agencies"], k=rng.randint(1, 3))),
                        "time": rng.choice(WORDS["times"]),
                        "output": rng.choice(WORDS["outputs"]),
                    }
                )
    return rows


def expected_grid(rows: list[dict]) -> list[list[str]]:
    """What each grid row reads: the header, then groups and tasks (merged text repeated)."""
    out = [list(WORDS["header"])]
    for row in rows:
        if row["kind"] == "group":
            out.append([row["number"]] + [row["text"]] * 5)
        else:
            out.append([row["number"], row["title"], row["lead"], row["cooperating"], row["time"], row["output"]])
    return out


def a4_document() -> Any:
    """A new Word document: A4 portrait, 2 cm margins, 12 pt ``FONT`` (which has Vietnamese glyphs)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return document


def write_docx(rows: list[dict], path: Path) -> None:
    document = a4_document()
    document.add_paragraph(WORDS["title"]).runs[0].bold = True
    document.add_paragraph(WORDS["subtitle"]).runs[0].bold = True
    document.add_paragraph(WORDS["prose"])
    document.add_paragraph(WORDS["appendix"]).runs[0].bold = True
    add_task_table(document, rows, ruled=True)
    document.save(str(path))


def add_task_table(document: Any, rows: list[dict], *, ruled: bool, centred_header: bool = False) -> None:
    """The appendix table of ``rows``: a repeated bold header, group rows merged across the
    columns, lead cells merged down over ``row["merge"]`` task rows; grid lines when ``ruled``,
    none at all otherwise."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1 + len(rows), cols=6)
    if ruled:
        table.style = "Table Grid"
    else:
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            borders.append(edge)
        table._tbl.tblPr.append(borders)
    widths = [Cm(1.2), Cm(6.0), Cm(2.8), Cm(3.2), Cm(2.3), Cm(1.5)]
    for table_row in table.rows:
        for c, cell in enumerate(table_row.cells):
            cell.width = widths[c]
    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for c, text in enumerate(WORDS["header"]):
        header.cells[c].text = text
        header.cells[c].paragraphs[0].runs[0].bold = True
        if centred_header:
            header.cells[c].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, row in enumerate(rows, start=1):
        cells = table.rows[i].cells
        if row["kind"] == "group":
            cells[0].text = row["number"]
            merged = cells[1].merge(cells[5])
            merged.text = row["text"]
            for cell in (cells[0], merged):
                cell.paragraphs[0].runs[0].bold = True
            continue
        cells[0].text, cells[1].text = row["number"], row["title"]
        cells[3].text, cells[4].text, cells[5].text = row["cooperating"], row["time"], row["output"]
        if row["merge"]:
            lead = table.cell(i, 2).merge(table.cell(i + row["merge"] - 1, 2)) if row["merge"] > 1 else cells[2]
            lead.text = row["lead"]


def docx_to_pdf(docx: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-liberation2")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return out / (docx.stem + ".pdf")


def make_plan(name: str, rows_of: Callable[[int], list[dict]], write: Callable[[list[dict], Path], None],
              seed: int, argv: list[str] | None = None) -> int:
    """The command line of a plan generator: ``--out`` folder and ``--seed``; writes
    ``<name>.docx``, its PDF printed by LibreOffice, and ``<name>.json`` (the expected rows)."""
    parser = argparse.ArgumentParser(description=f"Write the generated {name} (Word, PDF and expected rows).")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = rows_of(args.seed)
    docx = args.out / f"{name}.docx"
    write(rows, docx)
    pdf = docx_to_pdf(docx, args.out)
    grid = expected_grid(rows)
    (args.out / f"{name}.json").write_text(json.dumps({"seed": args.seed, "rows": grid}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tasks = sum(1 for r in rows if r["kind"] == "task")
    print(f"{docx}, {pdf}: {tasks} task rows, {len(rows) - tasks} group rows")
    return 0


def main() -> int:
    return make_plan("long-plan", plan_rows, write_docx, 7)


if __name__ == "__main__":
    sys.exit(main())
