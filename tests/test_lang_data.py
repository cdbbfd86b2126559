"""Language data integrity (dateparser's habit): every language defines the same concepts.

A concept missing from one language fails silently at run time (``en`` once had no
``[columns]``, so English task tables gave no tasks); here it fails the build instead.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from extract.langdata import LANG_DIR, LANGUAGES

# Tables whose keys are words of the language itself, not concepts, and the unit catalogue (each
# language lists the units its sources use): their keys differ by nature.
WORD_MAPS = {"scales", "words", "plural_heads", "expansions", "units", "spellings"}


def concept_paths(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Dotted key paths of a data file, not descending into word maps."""
    paths: set[tuple[str, ...]] = set()
    for key, value in data.items():
        path = (*prefix, key)
        paths.add(path)
        if isinstance(value, dict) and key not in WORD_MAPS:
            paths |= concept_paths(value, path)
    return paths


def _files() -> list[str]:
    names: set[str] = set()
    for code in LANGUAGES:
        names |= {p.name for p in (LANG_DIR / code).glob("*.toml")}
    return sorted(names)


@pytest.mark.parametrize("name", _files())
def test_every_language_defines_the_same_keys(name: str) -> None:
    present = {code: LANG_DIR / code / name for code in LANGUAGES if (LANG_DIR / code / name).is_file()}
    if len(present) < len(LANGUAGES):
        pytest.skip(f"{name} exists for {sorted(present)} only (language-specific data)")
    keys = {code: concept_paths(tomllib.loads(path.read_text(encoding="utf-8"))) for code, path in present.items()}
    reference = keys[LANGUAGES[0]]
    for code, found in keys.items():
        missing = sorted(".".join(p) for p in reference - found)
        extra = sorted(".".join(p) for p in found - reference)
        assert not missing and not extra, f"{code}/{name}: missing {missing}, not in {LANGUAGES[0]}: {extra}"


def test_task_table_concepts_exist_in_every_language() -> None:
    for code in LANGUAGES:
        data = tomllib.loads((LANG_DIR / code / "language.toml").read_text(encoding="utf-8"))
        for concept in ("number", "title", "lead", "cooperating", "timeframe", "outputs", "notes"):
            assert data["columns"].get(concept), f"{code}: no header words for the {concept} column"


def test_language_dir_is_the_package_data_dir() -> None:
    assert Path(LANG_DIR).is_dir() and (LANG_DIR / "vi" / "language.toml").is_file()
