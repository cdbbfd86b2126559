"""Targets and observations: numbers a document sets as goals, or reports as facts."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import regex

from extract.langdata import LANG_DIR, words_pattern
from schemas.blocks import Segmented
from schemas.records import DocumentInfo, Observation, Provenance, Target

NUMBER = regex.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(%|\p{L}[\p{L}/]*)?")


@cache
def target_words(lang: str) -> dict[str, Any]:
    """The language's ``targets.toml``; {} when absent."""
    path = Path(LANG_DIR) / lang / "targets.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _comparators(lang: str) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    table = target_words(lang).get("comparators", {})
    return tuple((sign, words_pattern(words)) for sign, words in table.items())


def _value(text: str, lang: str) -> float | None:
    flat = text.replace(".", "").replace(",", ".") if lang == "vi" else text.replace(",", "")
    try:
        return float(flat)
    except ValueError:
        return None


def segmented_to_targets(
    seg: Segmented, document: DocumentInfo
) -> tuple[list[Target], list[Observation], list[str]]:
    """Targets, observations and warnings found in a segmented document."""
    targets: list[Target] = []
    for section in seg.sections:
        if section.role != "objectives":
            continue
        for block in section.blocks:
            if block.kind not in ("list_item", "paragraph"):
                continue
            match = NUMBER.search(block.text)
            if match is None or (value := _value(match.group(1), seg.lang)) is None:
                continue
            comparator = "="
            for sign, pattern in _comparators(seg.lang):
                if pattern.search(block.text[: match.start()]):
                    comparator = sign
                    break
            targets.append(
                Target(
                    indicator=block.text[: match.start()].strip() or block.text[:60],
                    text=block.text,
                    comparator=comparator,  # type: ignore[arg-type]
                    value=value,
                    unit=match.group(2),
                    deadline=document.horizon,
                    confidence=0.5,
                    source=Provenance(page=block.page, line=block.line, text=block.text),
                    flags=["review"],
                )
            )
    return targets, [], []
