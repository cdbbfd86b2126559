"""Cells a spreadsheet would run as formulas (OWASP CSV injection), and how they are written safely."""

from __future__ import annotations

import re
from typing import Any

# A spreadsheet reads a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
FIRSTS = frozenset(FORMULA_STARTS)  # each start is one character


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would run: it starts with = + - @ tab or CR and is no plain number."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and PLAIN_NUMBER.fullmatch(value) is None
    )


def neutralise_cell(value: Any) -> Any:
    """The value with a ``'`` in front when a spreadsheet would read it as a formula.

    ``"=HYPERLINK(…)"`` becomes ``"'=HYPERLINK(…)"`` and ``"- Rà soát"`` ``"'- Rà soát"``
    (drop the one leading ``'`` to get the text back); numbers, dates and ``-5`` stay as they are.
    """
    return "'" + value if is_formula_like(value) else value
