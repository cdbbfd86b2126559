"""Comparing agency and document names as people type them."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """A comparison key: NFC, case-folded, single spaces ("Sở  TT&TT" == "sở tt&tt")."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
