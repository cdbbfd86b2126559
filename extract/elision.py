"""Elision marks: a cell such as "…", "….........." or "......" that stands for rows the source
left out (a saved legal-document page shows part of a long table and dots for the rest).

The loaders give such a mark a row of its own; the table stage reads the rows after it with no
group, because the group rows it hides are unknown.
"""

from __future__ import annotations

from extract.pattern_cache import compile_cached

_ELISION = compile_cached(r"^[\s.…·]*…[\s.…·]*$|^\s*\.{3,}[\s.·]*$")


def is_elision(text: str) -> bool:
    """True for text made only of dots and ellipses, with at least one ellipsis or three dots."""
    return bool(text.strip()) and _ELISION.match(text) is not None
