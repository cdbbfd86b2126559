"""Listings written row by row are byte for byte what one ``json.dump`` of the whole list writes."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from store.export import write_json_list

CASES: list[list[Any]] = [
    [],
    [1, "a", None, True, 2.5, float("nan")],
    [{"id": "x", "lead": ["Sở A", "Sở \"B\""], "source": {"page": 3, "text": "dòng 1\ndòng 2"}, "empty": {},
      "none": [], "nested": [[1, [2]], {"k": {"j": []}}]}],
    [{"id": 1}, {}, [], {"a": [{"b": None}]}],
    [{1: "int key", None: "null key"}],  # keys json converts itself
]


@pytest.mark.parametrize("items", CASES)
def test_streamed_json_equals_one_dump(items: list[Any]) -> None:
    whole = io.StringIO()
    json.dump(items, whole, ensure_ascii=False, indent=1)
    whole.write("\n")
    streamed = io.StringIO()
    write_json_list(iter(items), streamed)
    assert streamed.getvalue() == whole.getvalue()


def _items() -> list[Any]:
    from datetime import date

    from store.checklist import Item

    out = []
    for n in range(6):
        out.append(Item(
            id=f"t{n}" if n % 3 else None, agency="Sở \"Tài chính\"\n", role=("lead", "cooperate")[n % 2],
            document="34/KH-UBND", key=f"I.{n}", group=None if n % 2 else "Nhóm\t1", task="Rà soát \\ báo cáo </tag>",
            co_agencies=("Sở A", "Sở B")[: n % 3], lead=("Sở A",), cooperate=(), outputs=None if n % 2 else "- Báo cáo",
            timeframe="Quý 1/2026", recurrence="yearly" if n == 2 else None, due=date(2026, 3, n + 1) if n % 4 else None,
            status="done" if n == 1 else "not_started", overdue=n == 3, note="ghi chú" if n == 4 else None,
            source={"page": n, "row": n + 1, "text": "dòng 1\ndòng 2", "cells": [1, {"k": None}], "x": 2.5}
            if n % 2 else {},
        ))
    return out


def test_checklist_json_equals_dump_of_to_dict() -> None:
    from store.formats.text import write_json

    items = _items()
    whole = io.StringIO()
    json.dump([i.to_dict() for i in items], whole, ensure_ascii=False, indent=1)
    whole.write("\n")
    streamed = io.StringIO()
    write_json(iter(items), streamed)
    assert streamed.getvalue() == whole.getvalue()


def test_matrix_json_equals_dump_of_to_dict() -> None:
    from store.export import JSON_BATCH, write_matrix_json
    from store.matrix_select import MatrixRow

    rows = [MatrixRow("34/KH-UBND", f"I.{n}", "Rà soát \"trạm\" \\ BTS\n</tag>\t", "Sở \u2028A", ("lead", "cooperate")[n % 2],
                      None if n % 3 == 0 else f"id{n}") for n in range(JSON_BATCH * 2 + 3)]  # more than two batches
    rows.append(MatrixRow("x", "1", None, "a", "lead", "b"))  # type: ignore[arg-type]  # no text: left to json
    for part in (rows, rows[:1], rows[-1:], []):
        whole = io.StringIO()
        json.dump([r.to_dict() for r in part], whole, ensure_ascii=False, indent=1)
        whole.write("\n")
        streamed = io.StringIO()
        write_matrix_json(iter([r.pair() for r in part]), streamed)  # the pairs the matrix reader gives
        assert streamed.getvalue() == whole.getvalue()
