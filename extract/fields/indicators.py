"""The indicator catalogue (``extract/lang/indicators.tsv``) and names for the indicators it lacks.

Each catalogue row has an id, a unit, a direction (up: more is better; down: less is better) and
names in every language, with ``|``-separated aliases: the same indicator read from a Vietnamese
plan and an English article gets one id. A figure whose words match no row keeps its own words
(the clause around it) and is flagged for review by the caller, never forced into a row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

from extract.fields.target_context import deadline_free, strip_comparator, unit_starts
from extract.fields.target_lang import FLAGS, bounded, section
from extract.langdata import LANG_DIR, nfc

if TYPE_CHECKING:
    from extract.fields.target_figures import Figure

WORD = regex.compile(r"[\p{L}\d]+(?:[-/][\p{L}\d]+)*")
CLAUSE = regex.compile(r"[;:()]|,\s|\s[-–]\s")
CLAUSE_STOP = regex.compile(r"[;:()]")
WHITESPACE = regex.compile(r"\s+")
NUMBERING = regex.compile(r"^(?:\(?[\dIVXivx]{1,4}[.)]|\p{Ll}\))\s*")
EDGE = " :;,.()-–*\"'“”"
MAX_NAME_WORDS = 12
NOISE_TAIL = 80  # characters at the end of a name searched for trailing goal words
GAP = 3  # words allowed between a catalogue name's words ("tốc độ tải xuống trung bình tối thiểu")
LANGS = ("vi", "en")


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    names: dict[str, tuple[str, ...]]  # language -> name and aliases
    unit: str
    direction: str  # "up" or "down"

    def name(self, lang: str) -> str:
        names = self.names.get(lang) or next(iter(self.names.values()))
        return names[0]


@cache
def indicators() -> tuple[Indicator, ...]:
    """All catalogue rows, read once."""
    with (LANG_DIR / "indicators.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return tuple(
        Indicator(r["id"], {lang: tuple(nfc(n).strip() for n in r[lang].split("|") if n.strip())
                            for lang in LANGS if r.get(lang)},
                  r["unit"], r.get("direction") or "up")
        for r in rows
    )


def by_id(ind_id: str) -> Indicator | None:
    return next((i for i in indicators() if i.id == ind_id), None)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in WORD.findall(text))


@cache
def _name_words(lang: str) -> tuple[tuple[Indicator, frozenset[str], str], ...]:
    """Each name's words, and a pattern (source) finding them in order with at most GAP words
    between; patterns are compiled when first searched (a run may never need one)."""
    found = []
    for ind in indicators():
        for name in ind.names.get(lang, ()):
            words = [regex.escape(w) for w in WORD.findall(name)]
            gap = rf"(?:\W+[\p{{L}}\d]+){{0,{GAP}}}?\W+"
            found.append((ind, _words(name), r"(?<!\w)" + gap.join(words) + r"(?!\w)"))
    return tuple(found)


@cache
def _ordered(source: str) -> regex.Pattern[str]:
    return regex.compile(source, FLAGS)


def _unit_fits(catalogue: str, unit: str | None) -> bool:
    if unit is None:
        return False
    return catalogue == unit or unit.startswith(catalogue + "/") or catalogue.startswith(unit + "/")


def match_indicator(context: str, unit: str | None, lang: str, ordered: bool = False) -> Indicator | None:
    """The row with this unit whose name's (or alias's) words all occur in ``context`` (with
    ``ordered``: in order, few words between, for a table's indicator cell); the longest wins."""
    have = _words(context)
    best: tuple[int, Indicator] | None = None
    for ind, words, pattern in _name_words(lang):
        if (words and words <= have and _unit_fits(ind.unit, unit) and (best is None or len(words) > best[0])
                and (not ordered or _ordered(pattern).search(context))):
            best = (len(words), ind)
    return best[1] if best else None


@cache
def _noise(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Goal and deadline words trimmed from the start and from the end of a name."""
    goals = section(lang, "goals")
    words = goals.get("cues", []) + goals.get("current", []) + goals.get("current_after", []) + \
        section(lang, "comparators").get("fillers", [])
    return (regex.compile(rf"(?:{bounded(words)}\s*)+", FLAGS),
            regex.compile(rf"(?:\s*{bounded(words)})+$", FLAGS))


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


def indicator_name(fig: Figure, sentence: str, lang: str, given: str | None = None) -> tuple[str, str | None]:
    """(name, catalogue id or None) for a figure; ``given`` is a target table's indicator cell."""
    if given:
        found = match_indicator(given, fig.unit, lang, ordered=True)
        flat = WHITESPACE.sub(" ", given).strip(EDGE)
        return (found.name(lang), found.id) if found else (" ".join(flat.split(" ")[:MAX_NAME_WORDS * 2]), None)
    before, after = clause_around(fig)
    if fig.q.percent and (population := _percent_of(sentence[fig.q.end : fig.q.end + 200], lang)):
        after = population
        before = ""
    found = match_indicator(f"{fig.before[-160:]} {CLAUSE_STOP.split(fig.after[:160])[0]}", fig.unit, lang)
    if found is not None:
        return found.name(lang), found.id
    wider = NUMBERING.sub("", fig.before[-200:].strip())
    return readable_name(strip_comparator(before, lang), after, lang, strip_comparator(wider, lang), fig.unit,
                         noun_first=fig.counted or fig.q.unit == "rank" or unit_starts(fig.after, lang)), None


@cache
def _of_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    goals = section(lang, "goals")
    percent = section(lang, "numbers").get("percent", [])
    chain = rf"^(?:\s*(?:{bounded(goals.get('joiners', []))}|,|[\d.,]+\s*(?:{bounded(percent)}|%)?))*\s*"
    return regex.compile(chain, FLAGS), regex.compile(rf"^{bounded(goals.get('of_words', []))}\s+", FLAGS)


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
