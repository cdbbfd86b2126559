"""What extraction does in pieces to stay linear and small reads the same as doing it whole:
GFM tables parsed a window of rows at a time, task tables turned into tasks a slice at a time,
grids relaid without their spans, and the JSON written one record at a time."""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from extract import extract_file, extract_text
from extract.fields.tasks import table_to_tasks
from extract.langdata import load_language
from extract.link import tasks_to_linked
from extract.load import gfm
from extract.load.grid import SpanCell, map_grid_texts, spans_to_grid, texts_to_grid
from extract.normalize import raw_to_normalized
from extract.load import load_text
from extract.segment import normalized_to_segmented
import extract.link as link

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "docs"
HEADER = ["| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |", "|---|:--|--:|---|"]
BREAKERS = ["> trích dẫn | x", "# Mục | x", "- mục | x", "    mã | x", "| a |", "|||", "| 1 | 2 | 3 | 4 | 5 | 6 |"]


def _whole(lines: list[str]) -> list[tuple[str, int, str]]:
    """(type, line, content) of every row and cell token of one markdown-it parse of all lines."""
    parser = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    return [(t.type, t.map[0] if t.map else -1, t.content) for t in parser.parse("\n".join(lines)) if t.type in ("table_open", "tr_open", "inline")]


def _windowed(lines: list[str]) -> list[tuple[str, int, str]]:
    return [(t.type, offset + t.map[0] if t.map else -1, t.content) for t, offset in gfm.gfm_tokens(lines) if t.type in ("table_open", "tr_open", "inline")]


@pytest.mark.parametrize("seed", range(40))
def test_gfm_windows_give_the_rows_of_one_parse(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gfm, "WINDOW_ROWS", 4)
    rng = random.Random(seed)
    lines = list(HEADER)
    for n in range(rng.randint(0, 30)):
        if rng.random() < 0.05:
            lines.append(rng.choice(BREAKERS))
        else:
            cells = [str(n), rng.choice(["Số hóa \\| dữ liệu", "", "Xây dựng"]), "Sở Y tế", "2026"][: rng.randint(1, 5)]
            lines.append(rng.choice(["| {} |", "{}", "| {}"]).format(" | ".join(cells)) + ("" if len(cells) > 1 else " |"))
    assert _windowed(lines) == _whole(lines)


def test_gfm_windows_hold_markdown_its_bound_on_added_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short rows: markdown-it stops the table once it has added too many empty cells; the
    windows must not count afresh past that point, so such a table is parsed whole."""
    table_rule = importlib.import_module("markdown_it.rules_block.table")  # the package shadows it with the rule

    monkeypatch.setattr(gfm, "WINDOW_ROWS", 3)
    monkeypatch.setattr(table_rule, "MAX_AUTOCOMPLETED_CELLS", 5)
    short = HEADER + ["| 1 |"] * 12
    assert _windowed(short) == _whole(short)
    # Long rows first: the whole table's count goes below zero, a later window's would not.
    mixed = HEADER + ["| 1 | 2 | 3 | 4 | 5 | 6 | 7 |"] * 3 + ["| 1 |"] * 9
    assert _windowed(mixed) == _whole(mixed)


def _segmented(rows: int):  # noqa: ANN202
    body = "".join(f"| {n} | Nhiệm vụ số {n} | Sở Tài chính; Sở Y tế | Quý {n % 4 + 1}/2026 |\n" for n in range(1, rows + 1))
    raw = load_text("# PHỤ LỤC\n\n" + "\n".join(HEADER) + "\n" + body + "Lưu ý: với các", source="t.md")
    normalized, lang = raw_to_normalized(raw)
    return normalized_to_segmented(normalized, lang)


def test_tasks_linked_in_slices_are_the_tasks_linked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seg = _segmented(23)
    (table,) = seg.tables
    whole, _ = table_to_tasks(table, load_language(seg.lang), None)
    monkeypatch.setattr(link, "SLICE_TASKS", 5)
    sliced = list(whole)
    link.link_in_slices(sliced, seg.lang, "Đồng Nai")
    assert sliced == tasks_to_linked(whole, seg.lang, "Đồng Nai")


def test_relaid_grid_is_the_grid_its_spans_would_build() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        rows = [[SpanCell(rng.choice(["", "a", "Sở"]), rng.choice([1, 1, 2, 3]), rng.choice([1, 1, 2])) for _ in range(rng.randint(0, 4))] for _ in range(rng.randint(0, 5))]
        grid = spans_to_grid(rows)
        changed = map_grid_texts(grid, lambda text: text.upper() + "!")
        rebuilt = spans_to_grid([[SpanCell(c.text.upper() + "!", c.rowspan, c.colspan) for c in row if not c.covered] for row in grid.rows])
        assert changed.rows == rebuilt.rows
        assert set(changed.flags) == {*grid.flags, *rebuilt.flags}
        texts = [[rng.choice(["", "x", "1"]) for _ in range(rng.randint(0, 4))] for _ in range(rng.randint(0, 5))]
        assert texts_to_grid(texts) == spans_to_grid([[SpanCell(t) for t in row] for row in texts])


@pytest.mark.parametrize("name", ["kh179-dongnai-kinhteso-2026-2030.md", "003_c754e10d2d6fc772.txt", "quangngai-ncdt-10th-meeting-figures.txt"])
def test_json_written_in_parts_is_the_json_of_the_whole_dump(name: str) -> None:
    document = extract_file(CORPUS / name)
    for indent in (1, 2):
        assert "".join(document.json_parts(indent)) == json.dumps(document.to_dict(), ensure_ascii=False, indent=indent)
    empty = extract_text("Không có gì.", source="t.txt", fmt="text")
    assert empty.to_json() == json.dumps(empty.to_dict(), ensure_ascii=False, indent=1)
