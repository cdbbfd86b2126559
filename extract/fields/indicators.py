"""What a figure measures, in the document's own words: the indicator mention the link stage
resolves against the catalogue (``extract.indicator_catalogue``).

A table's indicator cell is the mention as it stands; elsewhere the mention is the figure's own
clause without goal, deadline and comparator words, and the words around the figure are kept as
the context link searches for a catalogue name.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import regex

from extract.fields.target_context import deadline_free, strip_comparator, unit_starts
from extract.fields.target_lang import FLAGS, bounded, section
from extract.pattern_cache import compile_cached
from schemas.records import IndicatorMention

if TYPE_CHECKING:
    from extract.fields.target_figures import Figure

WORD = compile_cached(r"[\p{L}\d]+(?:[-/][\p{L}\d]+)*")
CLAUSE = compile_cached(r"[;:()]|,\s|\s[-–]\s")
CLAUSE_STOP = compile_cached(r"[;:()]")
WHITESPACE = compile_cached(r"\s+")
NUMBERING = compile_cached(r"^(?:\(?[\dIVXivx]{1,4}[.)]|\p{Ll}\))\s*")
EDGE = " :;,.()-–*\"'“”"
MAX_NAME_WORDS = 12
NOISE_TAIL = 80  # characters at the end of a name searched for trailing goal words
CONTEXT = 160  # characters each side of a figure searched for a catalogue name
CHANGE_REACH = 60  # characters before a figure searched for a change verb


@cache
def _noise(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Goal and deadline words trimmed from the start and from the end of a name."""
    goals = section(lang, "goals")
    words = goals.get("cues", []) + goals.get("current", []) + goals.get("current_after", []) + \
        section(lang, "comparators").get("fillers", [])
    return (compile_cached(rf"(?:{bounded(words)}\s*)+", FLAGS),
            compile_cached(rf"(?:\s*{bounded(words)})+$", FLAGS))


def _trim_noise(text: str, lang: str) -> str:
    head, tail = _noise(lang)
    if m := head.match(text):
        text = text[m.end() :]
    end = text[-NOISE_TAIL:]
    if m := tail.search(end):
        text = text[: len(text) - len(end) + m.start()]
    return text


def clause_around(fig: Figure) -> tuple[str, str]:
    """The words of the figure's own clause before and after it."""
    before = CLAUSE.split(fig.before)[-1]
    after = CLAUSE.split(fig.after)[0]
    return before, after


def figure_to_mention(fig: Figure, sentence: str, lang: str, given: str | None = None) -> IndicatorMention:
    """The indicator mention of a figure, not yet resolved (``link`` resolves it); ``given`` is
    a target table's indicator cell, searched in order."""
    if given:
        flat = WHITESPACE.sub(" ", given).strip(EDGE)
        return IndicatorMention(mention=" ".join(flat.split(" ")[:MAX_NAME_WORDS * 2]), unit=fig.unit,
                                value=fig.q.value, context=given, in_order=True)
    before, after = clause_around(fig)
    if fig.q.percent and (population := _percent_of(sentence[fig.q.end : fig.q.end + 200], lang)):
        after = population
        before = ""
    wider = NUMBERING.sub("", fig.before[-200:].strip())
    name = readable_name(strip_comparator(before, lang), after, lang, strip_comparator(wider, lang), fig.unit,
                         noun_first=fig.counted or fig.q.unit == "rank" or unit_starts(fig.after, lang))
    context = f"{fig.before[-CONTEXT:]} {CLAUSE_STOP.split(fig.after[:CONTEXT])[0]}"
    if _change(lang).search(fig.before[-CHANGE_REACH:]):  # growth or a cut: no level indicator's value
        context = ""
    return IndicatorMention(mention=name, unit=fig.unit, value=fig.q.value, context=context)


@cache
def _change(lang: str) -> regex.Pattern[str]:
    """A change verb ending the text before a figure, comparators and fillers allowed between."""
    comparators = section(lang, "comparators")
    between = [w for words in comparators.values() for w in words]
    verbs = section(lang, "changes").get("verbs", [])
    if not verbs:
        return compile_cached(r"(?!)")
    return compile_cached(rf"{bounded(verbs)}(?:\s+{bounded(between)}){{0,2}}\s*$", FLAGS)


@cache
def _of_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    goals = section(lang, "goals")
    percent = section(lang, "numbers").get("percent", [])
    chain = rf"^(?:\s*(?:{bounded(goals.get('joiners', []))}|,|[\d.,]+\s*(?:{bounded(percent)}|%)?))*\s*"
    return compile_cached(chain, FLAGS), compile_cached(rf"^{bounded(goals.get('of_words', []))}\s+", FLAGS)


def _percent_of(tail: str, lang: str) -> str | None:
    """The population after "… percent (and 95 percent) of": "schools online" in "of schools online"."""
    chain, of = _of_patterns(lang)
    rest = tail[chain.match(tail).end() :]
    m = of.match(rest)
    return CLAUSE.split(rest[m.end() :])[0] if m else None


def readable_name(before: str, after: str, lang: str, wider: str = "", unit: str | None = None,
                  noun_first: bool = False) -> str:
    """What the figure measures in the text's own words: its clause before the number (without
    goal, deadline and comparator words), else the clause after it, else the sentence before it,
    else its unit. A count of a named noun ("20 mô hình sản xuất …", "top 50 countries in the
    index") is named by the words after it first."""
    for text in ((after, before, wider) if noun_first else (before, after, wider)):
        cleaned = _trim_noise(deadline_free(text, lang).strip(EDGE), lang).strip(EDGE)
        if len(WORD.findall(cleaned)) >= 2:
            words = WHITESPACE.sub(" ", cleaned).split(" ")
            return " ".join(words[-MAX_NAME_WORDS:] if text is wider else words[:MAX_NAME_WORDS]).strip(EDGE)
    for text in (before, after, wider):
        if WORD.search(cleaned := _trim_noise(text, lang).strip(EDGE)):
            return cleaned[:80]
    return unit or "figure"
