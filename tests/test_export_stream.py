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
