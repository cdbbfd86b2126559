"""What surrounds a number in its sentence: comparator, unit, deadline, date, baseline."""

from __future__ import annotations

from collections.abc import Sequence

from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.fields.numbers import Quantity
from extract.fields.target_lang import (
    FLAGS, YEAR, LazyPatterns, alternation, bounded, keyed_patterns, section, templated, words_regex, year_templated,
)
from extract.fields.timeframes import year_end
from extract.langdata import read_data_file
from extract.pattern_cache import compile_cached

SENTENCE_END = compile_cached(r"(?<=[.!?])\s+(?=[^\p{Ll}\s])|\n(?=[-•*+] )|(?<=\./\.)")
# SENTENCE_END for a text without "./.": its last branch, an empty match tried at every
# position (most of what the pattern costs), cannot match there.
_DOT_SLASH_DOT = r"|(?<=\./\.)"
_SENTENCE_BREAK = compile_cached(SENTENCE_END.pattern.removesuffix(_DOT_SLASH_DOT))
NEAR_WORDS = 5
WHITESPACE = compile_cached(r"\s+")
LEADING_WORD = compile_cached(r"\s([\p{Ll}][\p{L}\p{M}]*)")
CLAUSE_STOP = compile_cached(r"[;:()]")
LIST_STOP = compile_cached(r"[;:]")
PHRASE_BREAK = compile_cached(r"[.,]\s")
CLAUSE_BREAK = compile_cached(r"[,;]\s")  # between a goal and a later date phrase: the phrase may open a new clause
SENTENCE_BREAK = compile_cached(r"[;.]\s")  # between a date phrase and a goal: not in one clause
CLAUSE_OPENER_WORDS = 2  # words between a clause break and a date phrase that opens the clause ("riêng")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class When:
    """A date phrase in a sentence: its span and the date (or ``as_of`` text) it names."""

    start: int
    end: int
    day: date | None
    as_of: str | None = None


def text_to_sentences(text: str) -> list[Sentence]:
    """Sentences of a block, with offsets into it (regex splitter: no model to load)."""
    found: list[Sentence] = []
    begin = 0
    ends = SENTENCE_END if "./." in text else _SENTENCE_BREAK
    for m in [*ends.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[begin:end]
        stripped = piece.strip().lstrip("-•*+ ").strip()
        if stripped:
            offset = begin + piece.index(stripped)
            found.append(Sentence(offset, offset + len(stripped), stripped))
        begin = m.end() if m else len(text)
    return found


@cache
def _compiled(lang: str) -> LazyPatterns:
    comps = section(lang, "comparators")
    fillers = alternation(comps.get("fillers", []))
    rates = section(lang, "rates")
    return LazyPatterns({
        sign: rf"(?<!\w){alternation(words)}(?:\s+{fillers})*\s*$"
        for sign, words in comps.items() if sign != "fillers"
    } | {
        "per_capita": alternation(rates.get("per_capita", {}).get("patterns", [])),
        "units": bounded([w for ws in section(lang, "units").values() for w in ws]),
        "units_before": rf"(?<!\w)({alternation([w for ws in section(lang, 'units_before').values() for w in ws])})\s?$",
        "baseline": rf"{alternation(section(lang, 'goals').get('baseline', []))}\s*$",
        "cues": bounded(section(lang, "goals").get("cues", [])),
        "firm_cues": bounded([c for c in section(lang, "goals").get("cues", [])
                              if c not in section(lang, "goals").get("weak_cues", [])]),
        "any_comparator": rf"(?<!\w){alternation([w for k, ws in comps.items() if k != 'fillers' for w in ws])}"
                          rf"(?:\s+{fillers})*\s*$",
        "months": bounded(section(lang, "time").get("months", [])),
        "baseline_year": rf"{bounded(section(lang, 'goals').get('baseline_year', []))}(?:\s+[\p{{L}}]+){{0,4}}\s*$",
    })


@cache
def _unit_names(lang: str) -> dict[str, str]:
    """Each unit phrase (casefolded) to its canonical unit."""
    return {p.casefold(): unit for unit, phrases in section(lang, "units").items() for p in phrases}


@cache
def _unit_gap(lang: str) -> int:
    """How many words may stand between a number and its unit: English puts adjectives there
    ("1,422 new base stations"); Vietnamese writes the unit at once, so a unit word further on is
    part of another word or phrase ("322 văn bản", "42 đơn vị cung cấp dịch vụ")."""
    return int(section(lang, "numbers").get("unit_gap", NEAR_WORDS))


@cache
def _unit_before_names(lang: str) -> dict[str, str]:
    """Each phrase written right before its number (casefolded) to its canonical unit."""
    return {p.casefold(): unit for unit, phrases in section(lang, "units_before").items() for p in phrases}


def comparator(before: str, lang: str) -> str | None:
    """The comparator whose words end right before the number, or None."""
    patterns = _compiled(lang)
    for sign in patterns:  # in the data's order; only the four signs' patterns get compiled
        if sign in (">=", "<=", ">", "<") and patterns[sign].search(before):
            return sign
    return None


def strip_comparator(before: str, lang: str) -> str:
    """The words before a number without a trailing comparator phrase."""
    return _compiled(lang)["any_comparator"].sub("", before.strip())


def is_baseline(before: str, lang: str) -> bool:
    return _compiled(lang)["baseline"].search(before) is not None


def has_goal_cue(text: str, lang: str) -> bool:
    return _compiled(lang)["cues"].search(text) is not None


def has_firm_goal_cue(text: str, lang: str) -> bool:
    """A goal word that never reports a result ("phấn đấu", "sẽ"; not "đạt": "tỷ lệ … đạt 95,25%")."""
    return _compiled(lang)["firm_cues"].search(text) is not None


def canonical_unit(phrase: str, lang: str) -> str:
    """A unit as the data names it ("Thứ bậc" -> "rank", "%" -> "%"), else the phrase itself."""
    flat = WHITESPACE.sub(" ", phrase).strip()
    return "%" if flat.startswith("%") and len(flat) <= 2 else _canonical(flat, lang) or flat


def _canonical(phrase: str, lang: str) -> str | None:
    return _canonical_flat(WHITESPACE.sub(" ", phrase).casefold(), lang)


@cache
def _canonical_flat(flat: str, lang: str) -> str | None:
    names = _unit_names(lang)
    if flat in names:
        return names[flat]
    return next((u for p, u in names.items() if regex.fullmatch(p.replace(" ", r"\s+"), flat, FLAGS)), None)


def unit_of(q: Quantity, text: str, prev: Quantity | None, next_start: int, lang: str) -> str | None:
    """The base unit: percent, glued, per-capita, a unit noun just after, or one before."""
    if q.percent:
        return "%"
    if q.unit:
        return _canonical(q.unit, lang) or q.unit
    after = text[q.end : next_start]
    near = CLAUSE_STOP.split(after, maxsplit=1)[0]
    m = _compiled(lang)["units"].search(near)
    gap = NEAR_WORDS if q.needs_noun else _unit_gap(lang)  # "ngừng hoàn toàn việc cung cấp dịch vụ"
    if m and len(near[: m.start()].split()) <= gap and not PHRASE_BREAK.search(near[: m.start()]):
        return _canonical(m.group(), lang)
    before = text[prev.end if prev else 0 : q.start]
    if m := _compiled(lang)["units_before"].search(before):
        return _unit_before_names(lang)[WHITESPACE.sub(" ", m.group(1)).casefold()]  # "đạt mức 7": a level
    if q.needs_noun or _noun_follows(after, lang):
        return None  # "06 vùng" counts regions, even with "trạm" earlier in the sentence
    found = list(_compiled(lang)["units"].finditer(before))
    if not found or PHRASE_BREAK.search(before, found[-1].end()) or len(before[found[-1].end() :].split()) > NEAR_WORDS:
        return None  # a unit word far back or past a break names something else ("văn bản", "đồng bộ")
    return _canonical(found[-1].group(), lang)


def unit_starts(after: str, lang: str) -> bool:
    """Whether a known unit follows at once ("4.758,5 MW", not "4.4 Triển khai … xã")."""
    m = _compiled(lang)["units"].match(after.lstrip())
    return m is not None and len(after) - len(after.lstrip()) <= 1


def _noun_follows(after: str, lang: str) -> bool:
    """Whether the number is followed at once by a word that may be its noun (not "are", "of"),
    or by a document type it counts ("06 Quyết định")."""
    m = LEADING_WORD.match(after)
    if m is None:
        return after[:1].isspace() and document_type_at(after, 1, lang)
    return not _not_noun(lang).fullmatch(m.group(1))


def document_type_at(text: str, pos: int, lang: str) -> bool:
    """Whether a document type, capitalised as a title writes it, starts at ``pos`` ("06 Quyết
    định, 02 Kế hoạch"): a counted noun, though capitalised like the start of a heading."""
    return _document_type(lang).match(text, pos) is not None


@cache
def _document_type(lang: str) -> regex.Pattern[str]:
    types = read_data_file(lang, "language.toml").get("document_types", [])
    return compile_cached(alternation(types) + r"(?!\w)", regex.VERSION1)


@cache
def _not_noun(lang: str) -> regex.Pattern[str]:
    return compile_cached(alternation(section(lang, "goals").get("not_nouns", [])), FLAGS)


def per_capita(text: str, quantities: list[Quantity], lang: str) -> dict[int, tuple[str, int]]:
    """Quantities a "per 100 people" phrase applies to: {quantity index: (unit, phrase start)}."""
    unit = section(lang, "rates").get("per_capita", {}).get("unit", "")
    found: dict[int, tuple[str, int]] = {}
    for m in _compiled(lang)["per_capita"].finditer(text):
        before = [i for i, q in enumerate(quantities) if q.end <= m.start() and not q.percent]
        after = [i for i, q in enumerate(quantities) if q.start >= m.end() and not q.percent]
        for i in ([before[-1]] if before else after):
            found[i] = (unit, m.start())
    return found


def rates_of(after: str, lang: str) -> list[str]:
    """Rate denominators written after a unit ("each month per subscriber"), in data order."""
    window = LIST_STOP.split(after, maxsplit=1)[0]
    return [key for key, pattern in keyed_patterns(lang, "rates", whole=False) if pattern.search(window)]


def _count(token: str, lang: str) -> int | None:
    if token.isdigit():
        return int(token)
    words = {k.casefold(): v for k, v in section(lang, "numbers").get("words", {}).items()}
    return words.get(token.casefold())


def deadlines(text: str, lang: str, issued: date | None) -> list[When]:
    """Deadline phrases of the language data ("by 2025", "within the next four years", "this
    year" from the document date). A year before the document's own, or one a baseline word
    introduces ("so với năm 2024", "up from 2021"), is no deadline."""
    found = [When(m.start(), m.end(), year_end(int(m.group("year"))))
             for m in year_templated(lang, "deadline", text)]
    for m in year_templated(lang, "deadline_day", text):
        try:
            found.append(When(m.start(), m.end(), date(int(m.group("year")), int(m.group("m")), int(m.group("d")))))
        except ValueError:
            continue
    for m in templated(lang, "relative", "n", r"\w+").finditer(text):
        n = _count(m.group("n"), lang)
        found.append(When(m.start(), m.end(), year_end(issued.year + n) if issued and n else None))
    if issued:
        for key, shift in (("this_year", 0), ("next_year", 1)):
            for m in words_regex(tuple(section(lang, "time").get(key, []))).finditer(text):
                found.append(When(m.start(), m.end(), year_end(issued.year + shift)))
    found = [w for w in found if not _after_baseline_word(text, w, lang)
             and not (issued and w.day is not None and w.day.year < issued.year)]
    return _outermost(sorted(found, key=lambda w: (w.start, -w.end)))


def _outermost(found: list[When]) -> list[When]:
    """Drop phrases inside a longer one ("năm 2030" inside "đến năm 2030")."""
    kept: list[When] = []
    for w in found:
        if kept and w.start < kept[-1].end:
            continue
        kept.append(w)
    return kept


def _after_baseline_word(text: str, w: When, lang: str) -> bool:
    """ "so với (mức trung bình) năm 2024", "up from … in 2021": a start year, not a deadline."""
    return _compiled(lang)["baseline_year"].search(text[max(0, w.start - 40) : w.start]) is not None


def dates(text: str, lang: str, issued: date | None) -> list[When]:
    """Reporting dates ("in 2020", "last year", "as of June this year") as ``as_of`` text; a
    year a baseline word introduces ("higher than in 2020", "so với năm 2022") is none."""
    found = [When(m.start(), m.end(), None, m.group("year"))
             for m in year_templated(lang, "as_of", text)]
    found = [w for w in found if not _after_baseline_word(text, w, lang)]
    for key, shift in (("last_year", -1), ("this_year", 0)):
        for m in words_regex(tuple(section(lang, "time").get(key, []))).finditer(text):
            as_of = str(issued.year + shift) if issued else None
            month = _month_before(text[: m.start()], lang)
            if as_of and month:
                as_of = f"{as_of}-{month:02d}"
            found.append(When(m.start(), m.end(), None, as_of))
    return sorted(found, key=lambda w: w.start)


def _month_before(before: str, lang: str) -> int | None:
    months = [w.casefold() for w in section(lang, "time").get("months", [])]
    m = words_regex(tuple(months)).search(before[-20:].rstrip())
    m = m if m and m.end() == len(before[-20:].rstrip()) else None
    return months.index(WHITESPACE.sub(" ", m.group().strip()).casefold()) + 1 if m else None


def nearest_after(q: Quantity, found: list[When], others: Sequence[Quantity] = (), text: str = "",
                  lang: str | None = None) -> When | None:
    """The first phrase after the number, else the last one before it. A phrase after a clause
    break that opens another goal's clause is that goal's ("đến năm 2030 đạt 50% …, riêng năm 2025
    đạt 20%"; "đạt 50%; đến năm 2030 đạt 80%"; "đến năm 2025 … 20% và đến năm 2030 … 30%"), so the
    phrase before the number is taken instead."""
    after = [w for w in found if w.start >= q.end]
    before = [w for w in found if w.end <= q.start]
    if after and text and _opens_other_clause(after[0], q, others, text, lang):
        after = []
    return after[0] if after else (before[-1] if before else None)


def _opens_other_clause(w: When, q: Quantity, others: Sequence[Quantity], text: str,
                        lang: str | None = None) -> bool:
    """Whether a date phrase after ``q`` opens the clause of a later goal: it follows a ',' or ';'
    with at most ``CLAUSE_OPENER_WORDS`` words between ("…, riêng năm 2025 đạt 20%"), or follows
    a joining word at once ("… 20% và đến năm 2030 …"), and a goal follows it before the next ';'
    or '.'."""
    if not any(o.start >= w.end and not SENTENCE_BREAK.search(text, w.end, o.start) for o in others):
        return False
    between = text[q.end : w.start]
    if lang and _joined(lang).search(between):
        return True
    breaks = list(CLAUSE_BREAK.finditer(between))
    return bool(breaks) and len(between[breaks[-1].end() :].split()) <= CLAUSE_OPENER_WORDS


@cache
def _joined(lang: str) -> regex.Pattern[str]:
    """A joining word ending the text before a date phrase ("và", "and")."""
    return compile_cached(rf"{bounded(section(lang, 'goals').get('clause_joiners', []))}\s*$", FLAGS)


def nearest(q: Quantity, found: list[When], quantities: list[Quantity]) -> When | None:
    """A date phrase that is closer to this number than to any other number in the sentence."""
    def gap(w: When, other: Quantity) -> int:
        return max(w.start - other.end, other.start - w.end, 0)
    return next((w for w in found if min(quantities, key=lambda o: gap(w, o)) is q), None)


def text_deadline(text: str, lang: str, issued: date | None) -> date | None:
    """The latest deadline a heading or title names ("Giai đoạn 2026 - 2030", "đến năm 2035")."""
    found = [w.day for w in deadlines(text, lang, issued) if w.day is not None]
    return max(found) if found else None


def deadline_free(text: str, lang: str) -> str:
    """The text without its deadline and date phrases (for naming what a figure measures)."""
    for key, slot in (("deadline", "year"), ("relative", "n"), ("as_of", "year")):
        text = templated(lang, key, slot, YEAR if slot == "year" else r"\w+").sub(" ", text)
    return WHITESPACE.sub(" ", text).strip()
