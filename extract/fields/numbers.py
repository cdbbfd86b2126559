"""Numbers by locale: "1.125" and "88,5" (vi), "1,422" and "1.77 million" (en), fractions
"08/08", ranges "75-100", words ("half", "all"); garbled tokens are found and never valued."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from extract.fields.target_lang import (
    YEAR,
    LazyPatterns,
    alternation,
    bounded,
    section,
    words_regex,
)
from extract.pattern_cache import compile_cached

DIGITS = r"\d+(?:[.,]\d+)*"
HAS_DIGIT = compile_cached(r"[\d<]")
YEAR_ONLY = compile_cached(YEAR)
# Marks that are never figures in any language: keycap emoji "1️⃣", enumerations "(1)", "1)".
NOT_FIGURE = compile_cached(r"\d{1,2}\ufe0f?\u20e3|(?<![\w)])\(\d{1,2}\)|(?<![\w.,(])\d{1,2}\)(?!\w)")
CLAUSE_BREAK = compile_cached(r"[,;:()–—]|\s-\s")
MAX_ALL_LEAD_WORDS = 3
RANK = "rank"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from text: value (or range), whether it is a percent, and its span."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    percent: bool = False
    unit: str | None = None  # a unit glued to the digits ("5Mbit/s") or given by a word
    of: float | None = None  # the denominator of a fraction "08/08"
    needs_noun: bool = False  # a spelled-out number: only a count when a unit noun follows
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Garble:
    """A damaged number: never valued, reported as a warning."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Scan:
    quantities: tuple[Quantity, ...]
    garbles: tuple[Garble, ...]


@cache
def _patterns(lang: str) -> LazyPatterns:
    numbers = section(lang, "numbers")
    units = [u for phrases in section(lang, "units").values() for u in phrases]
    percent = alternation(numbers.get("percent", []))
    scales = alternation(list(numbers.get("scales", {})))
    suffix = regex.escape(numbers.get("label_suffix", "G"))
    rates = section(lang, "rates").get("per_capita", {}).get("patterns", [])
    time = section(lang, "time")
    return LazyPatterns({
        "token": (
            rf"(?<![\w.,/])(?P<a>{DIGITS})(?:/(?P<of>{DIGITS}))?"
            rf"(?:(?:[ ]?{percent}(?=[ ]?[-–][ ]?\d))?[ ]?[-–][ ]?(?P<b>{DIGITS}))?(?P<glued>[\p{{L}}][\p{{L}}\d/-]*)?"
            rf"(?:[ ]?(?P<percent>{percent})(?!\w)|[ ](?P<scale>{scales})(?!\w))?"),
        "glued_unit": rf"^{alternation(units)}$",
        "label": rf"^{suffix}(?:-\p{{L}}+)?$",
        "placeholder": rf"{alternation(numbers.get('placeholders', []))}(?:{suffix}(?:-\p{{L}}+)?|\s?%)?",
        "skip": r"(?<!\w)" + alternation(time.get("not_quantities", []) + rates),
        "word": bounded(list(numbers.get("words", {}))),
        "word_percent": rf"\s*{percent}(?!\w)",
        "rank": bounded(section(lang, "ranks").get("patterns", [])),
        "all_nouns": rf"\s+(?:{bounded(section(lang, 'goals').get('all_fillers', []))}\s+)?"
                     rf"{bounded(section(lang, 'goals').get('all_nouns', []))}",
        "all_leads": rf"{bounded(section(lang, 'goals').get('all_leads', []))}\s*$",
    })


def digits_to_value(digits: str, lang: str) -> tuple[float | None, bool]:
    """Parse digits in the language's convention: (value, ambiguous); value None if garbled.

    Vietnamese "1.125" = 1125 and "4.758,5" = 4758.5; English "1,422" = 1422 and "1.77" = 1.77.
    A separator group that fits neither thousands nor decimals ("6,5" in English) is garbled.
    """
    dec, tho, clean, odd = _digit_patterns(lang)
    if clean.fullmatch(digits):
        return float(digits.replace(tho, "").replace(dec, ".")), False
    if odd.fullmatch(digits) and lang != "en":
        return float(digits.replace(tho, ".")), True  # "88.5" in a Vietnamese text
    return None, False


@cache
def _digit_patterns(lang: str) -> tuple[str, str, regex.Pattern[str], regex.Pattern[str]]:
    numbers = section(lang, "numbers")
    dec, tho = numbers.get("decimal", "."), numbers.get("thousands", ",")
    d, t = regex.escape(dec), regex.escape(tho)
    return (dec, tho, compile_cached(rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"),
            compile_cached(rf"\d+{t}\d{{1,2}}"))


def _is_year(digits: str) -> bool:
    return YEAR_ONLY.fullmatch(digits) is not None


def text_to_scan(text: str, lang: str) -> Scan:
    """Every quantity and garbled number in ``text``, in reading order."""
    pats = _patterns(lang)
    numbers = section(lang, "numbers")
    if not HAS_DIGIT.search(text):
        words = _word_quantities(text, lang, [])
        return Scan(tuple(sorted(words, key=lambda q: q.start)), ())
    ranks = list(pats["rank"].finditer(text))
    skipped = _merged([m.span() for m in pats["skip"].finditer(text)] + [m.span() for m in NOT_FIGURE.finditer(text)]
                      + [m.span() for m in ranks])
    garbles = [Garble(m.start(), m.end(), m.group(), "placeholder") for m in pats["placeholder"].finditer(text)]
    valid_labels = {v.casefold() for v in numbers.get("valid_labels", [])}
    quantities: list[Quantity] = []
    for m in pats["token"].finditer(text):
        if _inside(m.start(), skipped):
            continue
        glued = m.group("glued") or ""
        if glued and not pats["glued_unit"].match(glued):
            label = (m.group("a") + glued).casefold()
            if pats["label"].match(glued) and label not in valid_labels:
                garbles.append(Garble(m.start(), m.start("glued") + len(glued), m.group("a") + glued, "not a real technology label"))
            continue
        found = _token_quantity(m, lang, glued)
        if isinstance(found, Garble):
            garbles.append(found)
        elif found is not None:
            quantities.append(found)
    quantities.extend(_word_quantities(text, lang, skipped))
    quantities.extend(Quantity(m.start(), m.end(), m.group(), float(m.group("rank")), unit=RANK) for m in ranks)
    quantities = _drop_next_to_garbles(sorted(quantities, key=lambda q: q.start), garbles, text)
    return Scan(tuple(q for q in quantities if not isinstance(q, Garble)), tuple(sorted(garbles, key=lambda g: g.start)))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined, so a binary search finds the one holding a position."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of the sorted spans (binary search: linear overall)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _all_reads_as_100(text: str, m: regex.Match[str], lang: str) -> bool:
    """ "all communes will have …" is 100 %; "all operators", "across all users" are not."""
    pats = _patterns(lang)
    if not pats["all_nouns"].match(text, m.end()):
        return False
    start = max(0, m.start() - 200)
    clause = CLAUSE_BREAK.split(text[start : m.start()])[-1]
    return len(clause.split()) <= MAX_ALL_LEAD_WORDS or pats["all_leads"].search(clause) is not None


def _token_quantity(m: regex.Match[str], lang: str, glued: str) -> Quantity | Garble | None:
    a, b, of = m.group("a"), m.group("b"), m.group("of")
    if not (m.group("percent") or glued or m.group("scale")) and _is_year(a) and (b is None or _is_year(b)) and of is None:
        return None
    value, ambiguous = digits_to_value(a, lang)
    high = digits_to_value(b, lang)[0] if b else None
    whole = digits_to_value(of, lang)[0] if of else None
    if value is None or (b and high is None) or (of and whole is None):
        return Garble(m.start(), m.end(), m.group().strip(), "digit groups fit neither thousands nor decimals")
    scale = m.group("scale")
    factor = float(section(lang, "numbers").get("scales", {}).get(scale.casefold(), 1)) if scale else 1.0
    return Quantity(
        m.start(), m.end(), m.group().strip(), value * factor,
        value_max=high * factor if high is not None else None,
        percent=bool(m.group("percent")), unit=glued or None, of=whole, ambiguous=ambiguous,
    )


@dataclass(frozen=True, slots=True)
class WordEntry:
    """A ``[quantity_words]`` entry, compiled once: "half" = 50 %, "all" = 100 % …"""

    words: regex.Pattern[str]
    context: regex.Pattern[str] | None
    value: float
    unit: str | None
    subject: bool


@cache
def _word_entries(lang: str) -> tuple[dict[str, float], tuple[WordEntry, ...]]:
    words = {k.casefold(): float(v) for k, v in section(lang, "numbers").get("words", {}).items()}
    entries = tuple(
        WordEntry(words_regex(tuple(e.get("words", []))),
                  words_regex(tuple(e["context"])) if e.get("context") else None,
                  float(e["value"]), e.get("unit") or None, bool(e.get("subject")))
        for e in section(lang, "quantity_words").values()
    )
    return words, entries


@cache
def _any_word_quantity(lang: str) -> regex.Pattern[str] | None:
    """One pattern that matches a text when the number-word pattern or any quantity-word entry
    does (an alternation of them all), so a text with none costs one scan, not one per pattern;
    None when their flags differ and a union would not be exact."""
    found = [_patterns(lang)["word"], *(entry.words for entry in _word_entries(lang)[1])]
    if len({p.flags for p in found}) != 1:
        return None
    return compile_cached("|".join(f"(?:{p.pattern})" for p in found), found[0].flags)


def _word_quantities(text: str, lang: str, skipped: list[tuple[int, int]]) -> list[Quantity]:
    found: list[Quantity] = []
    any_word = _any_word_quantity(lang)
    if any_word is not None and any_word.search(text) is None:
        return found  # most sentences: no number word and no quantity word
    words, entries = _word_entries(lang)
    pats = _patterns(lang)
    for m in pats["word"].finditer(text):
        if _inside(m.start(), skipped):
            continue
        value = words[m.group().casefold()]
        if per := pats["word_percent"].match(text, m.end()):  # "Eighty percent"
            found.append(Quantity(m.start(), per.end(), text[m.start() : per.end()], value, percent=True))
        else:
            found.append(Quantity(m.start(), m.end(), m.group(), value, needs_noun=True))
    for entry in entries:
        if entry.context is not None and not entry.context.search(text):
            continue
        for m in entry.words.finditer(text):
            if entry.subject and not _all_reads_as_100(text, m, lang):
                continue
            found.append(Quantity(m.start(), m.end(), m.group(), entry.value, percent=entry.unit == "%",
                                  needs_noun=entry.unit is None))
    return found


def _drop_next_to_garbles(quantities: list[Quantity], garbles: list[Garble], text: str) -> list[Quantity]:
    """A number whose next word is a garbled token ("6,5 8G") is itself garbled."""
    kept: list[Quantity] = []
    starts = {g.start: g for g in garbles}
    for q in quantities:
        after = starts.get(q.end) or starts.get(q.end + 1)
        if after is not None:
            garbles.append(Garble(q.start, after.end, text[q.start : after.end], "number glued to a garbled token"))
        else:
            kept.append(q)
    return kept
