"""``LeadingWords`` answers what the ``^(?:w1|w2|…)(?!\\w)`` alternation it replaced answered."""

from __future__ import annotations

import itertools

import regex

from extract.langdata import LeadingWords

WORDS = ["sở", "sở y tế", "ban", "ban chỉ đạo", "ủy ban", "các", "ubnd", "-"]


def _alternation(words: list[str]) -> regex.Pattern[str]:
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True) if w) or "(?!)"
    return regex.compile(rf"^(?:{body})(?!\w)")


def test_same_answers_as_the_alternation_on_generated_texts() -> None:
    heads, pattern = LeadingWords(WORDS), _alternation(WORDS)
    pieces = ["sở", "sở y tế", "ban", "bank", "ủy ban", "ubnd", "các", "cácx", " ", "-", "_", "1", "tỉnh", "", "y"]
    for first, second in itertools.product(pieces, repeat=2):
        text = first + second
        assert heads.match(text) == bool(pattern.match(text)), text


def test_no_words_match_nothing() -> None:
    assert not LeadingWords([]).match("sở") and not LeadingWords(["", ""]).match("")
