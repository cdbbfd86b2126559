"""Comparing agency and document names as people type them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NO_DECOMPOSITION = {0x0111: "d"}  # LATIN SMALL LETTER D WITH STROKE sorts with d


@lru_cache(maxsize=1 << 12)  # ingest asks for the same few agency names for every mention
def name_key(text: str) -> str:
    """A comparison key: NFC, case-folded, single spaces ("Sở  TT&TT" == "sở tt&tt")."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese dictionary order, near enough: letters first without tone marks (Đ as D,
    "Ủy" among the U's), then the exact form to break ties."""
    base = unicodedata.normalize("NFD", name_key(text).translate(_NO_DECOMPOSITION))
    return "".join(c for c in base if not unicodedata.combining(c)), name_key(text)
