"""Canonical indicators (``extract/lang/indicators.tsv``) and readable names for the rest."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import regex

from extract.langdata import LANG_DIR, nfc

WORD = regex.compile(r"[\p{L}\d]+(?:[-/][\p{L}\d]+)*")
MAX_NAME_WORDS = 12


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    names: dict[str, str]
    unit: str


@cache
def indicators() -> tuple[Indicator, ...]:
    """All canonical indicators, read once."""
    with (LANG_DIR / "indicators.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return tuple(Indicator(r["id"], {k: nfc(v) for k, v in r.items() if k not in ("id", "unit")}, r["unit"])
                 for r in rows)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


@cache
def _name_words(ind_id: str, lang: str) -> frozenset[str]:
    found = next(i for i in indicators() if i.id == ind_id)
    return frozenset(_words(found.names.get(lang, "")))


def match_indicator(context: str, unit: str | None, lang: str) -> Indicator | None:
    """The indicator with this unit whose name's words all occur in ``context``; longest wins."""
    have = _words(context)
    best: Indicator | None = None
    for ind in indicators():
        words = _name_words(ind.id, lang)
        if ind.unit == unit and words and words <= have:
            if best is None or len(words) > len(_name_words(best.id, lang)):
                best = ind
    return best


def readable_name(before: str, after: str) -> str:
    """A short name from the words around a number: the words before it, else after it."""
    chosen = before if len(WORD.findall(before)) >= 2 else after
    words = regex.sub(r"\s+", " ", chosen).strip(" :;,.()-–").split(" ")
    return " ".join(words[:MAX_NAME_WORDS]) or "?"
