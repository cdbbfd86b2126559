"""Figures of one sentence: clean numbers with their units, comparators and what they are
(a goal, a current value, a baseline), and the bounded window of text each one is quoted with."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

import regex

from extract.fields.numbers import Garble, Quantity, text_to_scan
from extract.fields.target_context import (
    Sentence, canonical_unit, comparator, document_type_at, is_baseline, per_capita, rates_of, unit_of, unit_starts,
)
from extract.fields.target_lang import FLAGS, LazyPatterns, alternation, bounded, section
from extract.pattern_cache import compile_cached

TAINT_WORDS = 4
EXCERPT = 80
WINDOW = 300  # the most characters a fact quotes around its figure
NEAR = 60  # characters either side of a figure searched for a current-value word
MAX_SENTENCE = 1200  # a longer "sentence" is read in windows of about this size
NOUN_WORDS = 2
ACRONYM_MIN, ACRONYM_MAX = 2, 6  # letters of an acronym a number may count ("NHTM", "CCN")
CURRENT_WORDS = 3  # a current-value word counts this many words before its figure at most
DONE_WORDS = 6  # a completed-verb word counts this many words after an opening count at most
SUBJECT_WORDS = 3  # words before a figure that still opens its sentence as the subject ("More than 20 …")
WORD = compile_cached(r"[\p{L}][\p{L}\p{M}\d/-]*")
SPACE_BEFORE = compile_cached(r"\s\S*$")
PUNCTUATION = compile_cached(r"[,;.]")
DIGIT = compile_cached(r"\d")  # a figure written in digits
WHITESPACE = compile_cached(r"\s+")


@dataclass(frozen=True, slots=True)
class Figure:
    """A clean number in its sentence, with everything read around it."""

    q: Quantity
    unit: str | None
    before: str
    after: str
    is_baseline: bool = False  # "up from 36% in 2021": the start point of the figure before it
    current: bool = False  # "now under 5 percent", "hiện có 87 trạm": a value today, not a goal
    sign: str | None = None  # comparator read before the number
    counted: bool = False  # the unit is the noun that follows, not a known unit
    documents: bool = False  # it counts documents by their type, capitalised ("06 Quyết định"): a tally, no goal


@cache
def _compiled(lang: str) -> LazyPatterns:
    goals = section(lang, "goals")
    return LazyPatterns({
        "current_before": (
            rf"{bounded(goals.get('current', []))}(?:\s+[^\s,;:.]+){{0,{CURRENT_WORDS}}}\s*$"),
        "current_after": rf"^[^,;:.]{{0,25}}?{bounded(goals.get('current_after', []))}",
        "not_noun": rf"^{alternation(goals.get('not_nouns', []))}$",
        "current_opening": rf"^\W*{bounded(goals.get('current', []))}",
        "current_any": bounded(goals.get("current", []) + goals.get("current_after", [])),
        "reported": bounded(goals.get("reported", [])),
        "estimated": bounded(goals.get("estimates", [])),
        "current_lead": (rf"^\W*(?:{bounded(goals.get('report_openers', []))}\W*)?"
                         rf"{bounded(goals.get('current', []))}"),
        "existential": rf"^\W*{bounded(goals.get('existential', []))}\s*$",
        "done_after": rf"^(?:\s+[^\s,;:.]+){{0,{DONE_WORDS}}}?\s+{bounded(goals.get('done', []))}",
    })


@cache
def _currency_signs(lang: str) -> tuple[regex.Pattern[str], dict[str, str]]:
    """A currency sign written right before the digits ("US$14 billion"), and its unit."""
    signs = {k.casefold(): v for k, v in section(lang, "numbers").get("currency_signs", {}).items()}
    escaped = [regex.escape(k) for k in sorted(signs, key=len, reverse=True)]
    return compile_cached(rf"(?<![\w$])(?:{'|'.join(escaped) or '(?!)'})\s?$", FLAGS), signs


def sentence_windows(sentence: Sentence) -> list[Sentence]:
    """A sentence, or for a giant one, consecutive windows cut at spaces (bounded work each)."""
    if len(sentence.text) <= MAX_SENTENCE:
        return [sentence]
    out: list[Sentence] = []
    text, begin = sentence.text, 0
    while begin < len(text):
        end = min(begin + MAX_SENTENCE, len(text))
        if end < len(text):
            cut = text.rfind(" ", begin + MAX_SENTENCE // 2, end)
            end = cut if cut > begin else end
        out.append(Sentence(sentence.start + begin, sentence.start + end, text[begin:end]))
        begin = end
    return out


def window(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of at most WINDOW characters around ``start:end`` (the whole text if short)."""
    if len(text) <= WINDOW:
        return 0, len(text)
    half = (WINDOW - (end - start)) // 2
    lo = max(0, start - max(half, 0))
    hi = min(len(text), lo + WINDOW)
    lo = max(0, hi - WINDOW)
    if lo > 0 and (cut := text.find(" ", lo, start)) != -1:
        lo = cut + 1
    if hi < len(text) and (cut := text.rfind(" ", end, hi)) != -1:
        hi = cut
    return lo, hi


def sentence_to_figures(text: str, lang: str, default_unit: str | None = None) -> tuple[list[Figure], list[str]]:
    """Clean numbers of a sentence with their units; warnings for every garbled one.

    ``default_unit`` (a target table's unit column) is the unit of a value written without one.
    """
    scan = text_to_scan(text, lang)
    notes = [f"garbled number '{g.text}' ({g.reason}) not reported: {excerpt(text)}" for g in scan.garbles]
    quantities = [q for q in scan.quantities if not _tainted(q, scan.garbles, text, notes)]
    valued_garbles = [g for g in scan.garbles if not g.reason.startswith("not a real")]
    if len(valued_garbles) + len(scan.quantities) - len(quantities) > len(quantities) and quantities:
        shown = ", ".join(q.text for q in quantities)
        notes.append(f"numbers '{shown}' not reported: their sentence is mostly garbled: {excerpt(text)}")
        return [], notes
    figures: list[Figure] = []
    capita = per_capita(text, quantities, lang)
    currencies = set(section(lang, "numbers").get("currencies", []))
    pats = _compiled(lang)
    for i, q in enumerate(quantities):
        prev = quantities[i - 1] if i else None
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
        before = text[max(prev.end if prev else 0, q.start - WINDOW) : q.start]
        after = text[q.end : min(next_start, q.end + WINDOW)]
        unit = capita[i][0] if i in capita else unit_of(q, text, prev, min(next_start, q.end + WINDOW), lang)
        counted = False
        if unit is None and not q.percent:
            unit = _counted_noun(after, lang)
            counted = unit is not None
        sign_at = _currency_signs(lang)[0].search(before)
        if sign_at and not q.percent:
            unit, counted = _currency_signs(lang)[1][sign_at.group().strip().casefold()], False
        if default_unit and not q.percent and (unit is None or counted):
            unit, counted = canonical_unit(default_unit, lang), False
        if q.needs_noun and (unit is None or (counted and comparator(before, lang) != ">=")):
            continue  # "two villages", "at least two cable routes" are figures; "two milestones" is words
        if unit and unit not in ("%",) and i not in capita and not counted:
            unit = "/".join([unit, *rates_of(after, lang)])
        if figures and unit and "/" not in unit and figures[-1].unit and figures[-1].unit.startswith(unit + "/"):
            unit = figures[-1].unit  # "27 GB by 2030" after "14 GB … each month per subscriber"
        if figures and before.rstrip().endswith("(") and unit in currencies and figures[-1].unit in currencies:
            continue  # "1.9 trillion VND (82.17 million USD)": a conversion, not a new figure
        sign = comparator(before, lang)
        if unit is None and sign is None and q.of is None:
            continue  # a bare number with no unit, no noun and no comparator is no figure
        if q.ambiguous and not (q.percent or q.unit or default_unit or unit_starts(after, lang)):
            continue  # "4.4" in Vietnamese text: a section number unless a unit follows at once
        current = bool(pats["current_before"].search(before[-NEAR:]) or pats["current_after"].search(after[:NEAR]))
        baseline = bool(figures) and is_baseline(before, lang)
        typed = counted and document_type_at(after, len(after) - len(after.lstrip()), lang)
        figure = Figure(q, unit, before, after, is_baseline=baseline, current=current, sign=sign, counted=counted,
                        documents=typed)
        figures.extend(_paired(figure, lang))
    return [f for i, f in enumerate(figures) if not _said_again(f, figures[i + 1 : i + 2], text)], notes


def _said_again(fig: Figure, following: list[Figure], text: str) -> bool:
    """A figure in words whose next figure, in digits and brackets within its clause, has the same
    value and unit ("tại tất cả các bệnh viện … (100% bệnh viện …)"): that one says it."""
    if DIGIT.search(fig.q.text) or not following:
        return False
    nxt = following[0]
    return (DIGIT.search(nxt.q.text) is not None and (nxt.q.value, nxt.unit) == (fig.q.value, fig.unit)
            and text[: nxt.q.start].rstrip().endswith("(") and ";" not in text[fig.q.end : nxt.q.start])


def _paired(fig: Figure, lang: str) -> list[Figure]:
    """ "50/100 Mbps": two values of a unit of [numbers].paired_units (download and upload, fixed
    and mobile), not a fraction; any other figure as it is."""
    if fig.q.of is None or fig.unit not in section(lang, "numbers").get("paired_units", []):
        return [fig]
    first = replace(fig, q=replace(fig.q, of=None))
    return [first, replace(first, q=replace(first.q, value=fig.q.of))]


def _counted_noun(after: str, lang: str) -> str | None:
    """The noun a bare number counts ("20 mô hình", "two villages"): the next words up to a stop."""
    words: list[str] = []
    not_noun = _compiled(lang)["not_noun"]
    for m in WORD.finditer(after[:60]):
        gap = after[m.start() - 1 : m.start()] if m.start() else " "
        if (words and gap != " ") or (not words and after[: m.start()].strip()) or not_noun.match(m.group()):
            break
        if m.group()[0].isupper() and not words and not _acronym_noun(m, after) \
                and not document_type_at(after, m.start(), lang):
            break
        words.append(m.group())
        if len(words) >= NOUN_WORDS:
            break
    return " ".join(words).casefold() or None


def _acronym_noun(m: regex.Match[str], after: str) -> bool:
    """An acronym counted by the number before it ("21 NHTM đã …", "12 SOEs"), not a word of a
    title in capitals ("06 MANG LẠI"): the next word, if any, is not in capitals too."""
    word = m.group().removesuffix("s")  # "SOEs"
    if not (ACRONYM_MIN <= len(word) <= ACRONYM_MAX and word.isupper()):
        return False
    following = WORD.search(after, m.end())
    return following is None or not following.group().isupper() or following.start() - m.end() > 1


def _tainted(q: Quantity, garbles: tuple[Garble, ...], text: str, notes: list[str]) -> bool:
    """A number whose own words hold a garbled token ("5 kilometers of 30G")."""
    i = bisect_left(_starts(garbles), q.end)  # a window is short: this stays bounded
    for g in garbles[i : i + 1]:
        between = text[q.end : g.start]
        if len(between.split()) <= TAINT_WORDS and not PUNCTUATION.search(between):
            notes.append(f"number '{q.text}' not reported: it counts a garbled '{g.text}': {excerpt(text)}")
            return True
    return False


def _starts(garbles: tuple[Garble, ...]) -> list[int]:
    return [g.start for g in garbles]


def excerpt(text: str) -> str:
    flat = WHITESPACE.sub(" ", text[: EXCERPT * 4]).strip()
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def says_current(text: str, lang: str) -> bool:
    """Whether a sentence speaks of the present or past anywhere ("hiện nay", "so far")."""
    return _compiled(lang)["current_any"].search(text) is not None


def reported(text: str, lang: str) -> bool:
    """A sentence that attributes its figures to statistics or ranks ("Theo số liệu …", "xếp thứ")."""
    return _compiled(lang)["reported"].search(text) is not None


def estimated(text: str, lang: str) -> bool:
    """A sentence that gives an estimate ([goals].estimates: "estimates that … will reach")."""
    return _compiled(lang)["estimated"].search(text) is not None


def opens_current(text: str, lang: str) -> bool:
    """A sentence that opens with a present-time word ("Hiện nay, …", "Currently, …") reports."""
    return _compiled(lang)["current_opening"].search(text) is not None


def subject_done(text: str, first: Figure, lang: str) -> bool:
    """A sentence whose first figure opens it as the subject of a completed verb ("More than 20
    provincial governments have emphasized …", "21 NHTM đã đăng ký …")."""
    return (len(text[: first.q.start].split()) <= SUBJECT_WORDS
            and _compiled(lang)["done_after"].search(first.after) is not None)


def reports_done(text: str, first: Figure, lang: str) -> int | None:
    """Where a sentence shows it tells what has been done or is under way, or None: it opens
    with a present-time or completed word, perhaps after a report word ("Kết quả đến nay có 28
    ngân hàng", "Đã có 578.536 lượt"): the sentence's end (a goal word anywhere in it makes it
    a goal sentence); or it opens with an existential word and a count whose noun a completed or
    ongoing verb follows ("Có 34/34 địa phương hoàn thành …", "There are 12 provinces that have
    completed …"): that verb's end (a goal word only counts before it)."""
    pats = _compiled(lang)
    if (m := pats["current_lead"].search(text)) and m.end() <= first.q.start:
        return len(text)
    if pats["existential"].search(text[: first.q.start]) and (m := pats["done_after"].search(first.after)):
        return first.q.end + m.end()
    return None
