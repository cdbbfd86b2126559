"""Tables drawn without rulings: cell rectangles from the text's own layout.

A header line whose words fall into three or more clusters (gaps much wider than a space)
opens a candidate table; the header may wrap onto the lines right under it. Body lines follow
while no run of closely set words crosses a column boundary (prose runs across every one). A
line whose first word stands in the first column and looks like a row number (1, 2, 1.1, a, I)
starts a row; the lines under it, up to the next numbered line, belong to the same row. A row
numbered in Roman figures (or a capital letter) whose text runs across the columns is a group
row, merged across them. Column edges are the empty gutters between the columns' words, found
near the header's gaps. The rectangles go to the same table builder as ruled cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from extract.load.pdf_text import words_to_lines
from extract.pattern_cache import compile_cached

Word = Mapping[str, Any]
Box = tuple[float, float, float, float]

COLUMN_GAP = 1.2  # font sizes of space between two header words that separate columns
TIGHT_GAP = 0.6  # font sizes: words closer than this run together (one cell's line)
MIN_COLUMNS = 3
MIN_ROWS = 2  # numbered rows needed for a table
HEADER_LINES = 4  # lines a header may wrap onto
ROW_GAP = 1.25  # times the line pitch: a gap this tall ends the header row
BREAK_GAP = 3.0  # font sizes of empty space that end a table
CROSSING = 2.0  # points a run must reach past a boundary to cross it
ROW_NUMBER = compile_cached(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,6}|\p{Lu}|\p{Ll})[.)]?$")
GROUP_NUMBER = compile_cached(r"^(?:[IVXLC]{1,6}|\p{Lu})[.)]?$")


def _size(word: Word) -> float:
    size = word.get("size")
    return float(size) if isinstance(size, (int, float)) and size > 0 else max(float(word["bottom"]) - float(word["top"]), 1.0)


def _runs(line: Sequence[Word], gap: float) -> list[tuple[float, float]]:
    """A line's words run together where the space between them is under ``gap`` font sizes."""
    runs: list[list[float]] = []
    for prev, word in zip([None, *line], line, strict=False):
        if prev is not None and float(word["x0"]) - float(prev["x1"]) < gap * max(_size(prev), _size(word)):
            runs[-1][1] = max(runs[-1][1], float(word["x1"]))
        else:
            runs.append([float(word["x0"]), float(word["x1"])])
    return [(a, b) for a, b in runs]


def _crosses(line: Sequence[Word], boundaries: Sequence[float]) -> bool:
    return any(a < b - CROSSING and z > b + CROSSING for a, z in _runs(line, TIGHT_GAP) for b in boundaries)


def _top(line: Sequence[Word]) -> float:
    return min(float(w["top"]) for w in line)


def _bottom(line: Sequence[Word]) -> float:
    return max(float(w["bottom"]) for w in line)


def _merge_columns(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Header clusters of several lines merged where they overlap: one span per column."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def words_to_unruled_tables(words: Sequence[Word], *, min_rows: int = MIN_ROWS) -> list[list[Box]]:
    """Cell rectangles of each table on a page laid out without rulings (none: []).

    ``min_rows``: numbered rows a table needs (1 on a page that may carry on a table: its
    last rows under a repeated header).
    """
    lines = words_to_lines(words)
    tables: list[list[Box]] = []
    i = 0
    while i < len(lines):
        found = _table_from(lines, i, min_rows)
        if found is None:
            i += 1
            continue
        boxes, end = found
        tables.append(boxes)
        i = end
    return tables


def _header(lines: Sequence[Sequence[Word]], start: int) -> tuple[list[tuple[float, float]], int] | None:
    """The columns a header starting at ``lines[start]`` names, and the first line after it."""
    first = lines[start]
    clusters = _runs(first, COLUMN_GAP)
    if len(clusters) < MIN_COLUMNS:
        return None
    spans = list(clusters)
    end = start + 1
    pitch = None
    while end < len(lines) and end - start < HEADER_LINES:
        line, above = lines[end], lines[end - 1]
        step = _top(line) - _top(above)
        if pitch is not None and step > ROW_GAP * pitch:
            break
        if ROW_NUMBER.match(str(line[0]["text"])) and float(line[0]["x0"]) < clusters[1][0]:
            break
        if step > BREAK_GAP * _size(line[0]):
            break
        pitch = step if pitch is None else pitch
        spans += _runs(line, COLUMN_GAP)
        end += 1
    columns = _merge_columns(spans)
    return (columns, end) if len(columns) >= MIN_COLUMNS else None


def _table_from(lines: Sequence[Sequence[Word]], start: int, min_rows: int) -> tuple[list[Box], int] | None:
    header = _header(lines, start)
    if header is None:
        return None
    columns, body_start = header
    boundaries = [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:], strict=False)]
    rows: list[list[int]] = [list(range(start, body_start))]
    group_rows: set[int] = set()
    numbered = 0
    end = body_start
    while end < len(lines):
        line = lines[end]
        if _top(line) - _bottom(lines[end - 1]) > BREAK_GAP * _size(line[0]):
            break
        first = str(line[0]["text"])
        in_first_column = float(line[0]["x0"]) < boundaries[0]
        starts_row = in_first_column and ROW_NUMBER.match(first) is not None
        if _crosses(line, boundaries):
            group = starts_row and GROUP_NUMBER.match(first) is not None
            if not (group or (len(rows) - 1 in group_rows and not in_first_column)):
                break
            if group:
                group_rows.add(len(rows))
        elif in_first_column and not starts_row:
            break  # text in the number column that is no number: not a row of this table
        if starts_row or len(rows) == 1:
            rows.append([end])
            numbered += starts_row
        else:
            rows[-1].append(end)
        end += 1
    if numbered < min_rows:
        return None
    table_lines = [lines[index] for row in rows for index in row]
    edges = _column_edges(table_lines, columns, boundaries, group_rows, rows, lines)
    tops = [_top(lines[row[0]]) - 1 for row in rows] + [_bottom(lines[rows[-1][-1]]) + 1]
    boxes: list[Box] = []
    for r, row in enumerate(rows):
        y0, y1 = tops[r], tops[r + 1]
        if r in group_rows:
            boxes += [(edges[0], y0, edges[1], y1), (edges[1], y0, edges[-1], y1)]
        else:
            boxes += [(a, y0, b, y1) for a, b in zip(edges, edges[1:], strict=False)]
    return boxes, end


def _column_edges(
    table_lines: Sequence[Sequence[Word]],
    columns: Sequence[tuple[float, float]],
    boundaries: Sequence[float],
    group_rows: set[int],
    rows: Sequence[Sequence[int]],
    lines: Sequence[Sequence[Word]],
) -> list[float]:
    """Left edge, the gutter between each two columns, right edge."""
    skip = {index for r in group_rows for index in rows[r]}
    words = [w for r, row in enumerate(rows) for index in row if index not in skip for w in lines[index]]
    left = min(float(w["x0"]) for line in table_lines for w in line) - 1
    right = max(float(w["x1"]) for line in table_lines for w in line) + 1
    edges = [left]
    for k, boundary in enumerate(boundaries):
        lo, hi = columns[k][0], columns[k + 1][1]
        # The empty stretch nearest the header's gap: no word of a non-group row covers it.
        covered = sorted((max(lo, float(w["x0"])), min(hi, float(w["x1"]))) for w in words if float(w["x1"]) > lo and float(w["x0"]) < hi)
        gaps, reach = [], lo
        for a, b in covered:
            if a > reach:
                gaps.append((reach, a))
            reach = max(reach, b)
        if reach < hi:
            gaps.append((reach, hi))
        best = min(gaps, key=lambda g: 0 if g[0] <= boundary <= g[1] else min(abs(g[0] - boundary), abs(g[1] - boundary)), default=None)
        edges.append((best[0] + best[1]) / 2 if best else boundary)
    edges.append(right)
    return edges
