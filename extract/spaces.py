"""White space collapsed to single spaces, cheaply on text that is already flat.

A ``\\s+`` substitution visits every character and builds a match for every single space, which
on long block texts (whole paragraphs, every cell of a table) is much of what several stages
spend. Most such texts hold only single spaces and line breaks: those are flattened with
plain string operations, and the pattern runs only on the rest.
"""

from __future__ import annotations

from extract.pattern_cache import compile_cached

SPACES = compile_cached(r"\s+")


def collapse_spaces(text: str) -> str:
    """``text`` with each run of white space made one space: what ``SPACES.sub(" ", text)`` returns.

    Every white-space character but the space is unprintable, so a text that is printable once
    its line breaks are spaces, and holds no two spaces in a row, has no run to collapse.
    """
    flat = text.replace("\n", " ") if "\n" in text else text
    if "  " not in flat and flat.isprintable():
        return flat
    return SPACES.sub(" ", text)
