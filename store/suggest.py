""""Did you mean …?" for a name the store does not know (rapidfuzz over the known names)."""

from __future__ import annotations

from collections.abc import Iterable

from store.names import sort_key

SIMILAR = 80.0  # rapidfuzz score on unmarked, case-folded names; below it no suggestion is made


def did_you_mean(text: str, known: Iterable[str], *, partial: bool = False) -> str:
    """`` (did you mean 'X'?)`` naming the closest known name, or "" when none is close.

    ``partial`` also lets a few words suggest a long name (document titles)."""
    from rapidfuzz import fuzz, process

    names = {sort_key(name)[0]: name for name in known if name}
    if not names or not text.strip():
        return ""
    found = process.extractOne(sort_key(text)[0], list(names), scorer=fuzz.WRatio if partial else fuzz.token_sort_ratio, score_cutoff=SIMILAR)
    return f" (did you mean '{names[found[0]]}'?)" if found else ""
