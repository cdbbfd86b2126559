"""Targets and observations: numbers a document sets as goals, or reports as facts.

Plans: every number in the objectives section, and in the outputs column of the task table, is
a goal. News: a sentence with a deadline ("by 2025", "within the next four years") or a goal
cue states goals; other numbers are observations. Garbled numbers are warned about, never kept.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from datetime import date

import regex

from extract.fields.indicators import match_indicator, readable_name
from extract.fields.numbers import Garble, Quantity, text_to_scan
from extract.fields.target_context import (
    Sentence, When, comparator, dates, deadlines, has_goal_cue, is_baseline, nearest, nearest_after,
    per_capita, rates_of, strip_comparator, text_to_sentences, unit_of,
)
from extract.fields.target_lang import fragment, section
from extract.fields.timeframes import text_to_timeframe
from schemas.blocks import Segmented
from schemas.records import DocumentInfo, Observation, Provenance, Target

logger = logging.getLogger(__name__)

TAINT_WORDS = 4
EXCERPT = 80
READ_KINDS = ("paragraph", "list_item")


@dataclass(frozen=True, slots=True)
class Piece:
    """A text to read for figures, where it sits, and what its numbers default to."""

    text: str
    source: Provenance
    goal: bool | None  # True: every number is a goal; None: decide sentence by sentence
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A clean number in its sentence, with everything read around it."""

    q: Quantity
    unit: str | None
    before: str
    after: str
    is_baseline: bool = False  # "up from 36% in 2021": the start point of the figure before it


def segmented_to_targets(
    seg: Segmented, document: DocumentInfo
) -> tuple[list[Target], list[Observation], list[str]]:
    """Targets, observations and warnings found in a segmented document.

    Args:
        seg: the document cut into sections and task tables.
        document: its facts (kind, issue date, horizon, title, issuer).

    Returns:
        (targets, observations, warnings); a garbled number only ever yields a warning.
    """
    lang = seg.lang
    area = document_area(seg, document, lang)
    targets: list[Target] = []
    observations: list[Observation] = []
    warnings: list[str] = []
    for piece in document_to_pieces(seg, document):
        for sentence in text_to_sentences(piece.text):
            found, notes = sentence_to_figures(sentence.text, lang)
            warnings.extend(notes)
            if not found:
                continue
            goal = piece.goal
            ends = deadlines(sentence.text, lang, document.issued)
            if goal is None:
                goal = bool(ends) or has_goal_cue(sentence.text, lang)
            source = _source(piece, sentence)
            flags = ["review"] if notes else []
            if goal:
                targets.extend(_targets(found, sentence, ends, piece, document, lang, area, source, flags))
            else:
                observations.extend(_observations(found, sentence, document, lang, area, source, flags))
    logger.debug("%s: %d targets, %d observations", document.source, len(targets), len(observations))
    return targets, observations, warnings


def document_to_pieces(seg: Segmented, document: DocumentInfo) -> Iterator[Piece]:
    """The texts to read: a plan's objectives and task outputs, or every paragraph of news."""
    lang = seg.lang
    if document.kind != "plan":
        for sec in seg.sections:
            for block in sec.blocks:
                if block.kind in READ_KINDS:
                    yield Piece(block.text, Provenance(page=block.page, line=block.line), None)
        return
    for sec in seg.sections:
        if sec.role != "objectives":
            continue
        heading_end = _first_deadline(sec.heading, lang, document)
        for block in sec.blocks:
            if block.kind == "heading":
                heading_end = _first_deadline(block.text, lang, document) or heading_end
            elif block.kind in READ_KINDS:
                yield Piece(block.text, Provenance(page=block.page, line=block.line), True,
                            heading_end or document.horizon)
    for table in seg.tables:
        if "outputs" not in table.columns:
            continue
        out = table.columns.index("outputs")
        when = table.columns.index("timeframe") if "timeframe" in table.columns else None
        for row in table.rows:
            if len(set(row.cells)) <= 1 or out >= len(row.cells):
                continue  # a group row repeats its title in every cell
            frame = text_to_timeframe(row.cells[when], lang) if when is not None and when < len(row.cells) else None
            source = Provenance(page=row.page, table=row.table, row=row.row, column="outputs")
            yield Piece(regex.sub(r"[ \t]*\n[ \t]*(?![-•*+] )", " ", row.cells[out]), source, True,
                        frame.end if frame else None)


def _first_deadline(text: str, lang: str, document: DocumentInfo) -> date | None:
    found = deadlines(text, lang, document.issued)
    return found[0].day if found else None


def document_area(seg: Segmented, document: DocumentInfo, lang: str) -> str | None:
    """The province a plan's title or issuer names; for news, the first one the text names."""
    pattern = _area_pattern(lang)
    texts = [document.title or "", document.issuer or ""]
    if document.kind != "plan":
        texts += [b.text for s in seg.sections for b in s.blocks if b.kind in READ_KINDS]
    for text in texts:
        if m := pattern.search(text):
            return m.group("name")
    return None


@cache
def _area_pattern(lang: str) -> regex.Pattern[str]:
    name = r"(?P<name>\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,3})"
    parts = [fragment(t).replace("{name}", name) for t in section(lang, "goals").get("areas", [])]
    return regex.compile("|".join(f"(?:{p})" for p in parts) or "(?!)", regex.VERSION1)


def sentence_to_figures(text: str, lang: str) -> tuple[list[Figure], list[str]]:
    """Clean numbers of a sentence with their units; warnings for every garbled one."""
    scan = text_to_scan(text, lang)
    notes = [f"garbled number '{g.text}' ({g.reason}) not reported: {_excerpt(text)}" for g in scan.garbles]
    quantities = [q for q in scan.quantities if not _tainted(q, scan.garbles, text, notes)]
    valued_garbles = [g for g in scan.garbles if not g.reason.startswith("not a real")]
    if len(valued_garbles) + len(scan.quantities) - len(quantities) > len(quantities) and quantities:
        shown = ", ".join(q.text for q in quantities)
        notes.append(f"numbers '{shown}' not reported: their sentence is mostly garbled: {_excerpt(text)}")
        return [], notes
    figures: list[Figure] = []
    capita = per_capita(text, quantities, lang)
    currencies = set(section(lang, "numbers").get("currencies", []))
    for i, q in enumerate(quantities):
        prev = quantities[i - 1] if i else None
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
        before, after = text[prev.end if prev else 0 : q.start], text[q.end : next_start]
        unit = capita[i][0] if i in capita else unit_of(q, text, prev, next_start, lang)
        if unit is None and q.needs_noun:
            continue
        if unit and unit not in ("%",) and i not in capita:
            rates = rates_of(after, lang)
            unit = "/".join([unit, *rates])
        if unit is None and figures and not q.percent:
            unit = figures[-1].unit
        if figures and unit and "/" not in unit and figures[-1].unit and figures[-1].unit.startswith(unit + "/"):
            unit = figures[-1].unit  # "27 GB by 2030" after "14 GB … each month per subscriber"
        if figures and before.rstrip().endswith("(") and unit in currencies and figures[-1].unit in currencies:
            continue  # "1.9 trillion VND (82.17 million USD)": a conversion, not a new figure
        if figures and is_baseline(before, lang):
            figures.append(Figure(q, unit, before, after, is_baseline=True))
            continue
        figures.append(Figure(q, unit, before, after))
    return figures, notes


def _tainted(q: Quantity, garbles: tuple[Garble, ...], text: str, notes: list[str]) -> bool:
    """A number whose own words hold a garbled token ("5 kilometers of 30G")."""
    for g in garbles:
        between = text[q.end : g.start]
        if g.start >= q.end and len(between.split()) <= TAINT_WORDS and not regex.search(r"[,;.]", between):
            notes.append(f"number '{q.text}' not reported: it counts a garbled '{g.text}': {_excerpt(text)}")
            return True
    return False


def _excerpt(text: str) -> str:
    flat = regex.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _source(piece: Piece, sentence: Sentence) -> Provenance:
    return piece.source.model_copy(update={"char_start": sentence.start, "char_end": sentence.end, "text": sentence.text})


def _confidence(fig: Figure, flags: list[str]) -> float:
    score = 0.9 - (0.2 if fig.unit is None else 0) - (0.2 if flags else 0) - (0.2 if fig.q.ambiguous else 0)
    return round(max(score, 0.1), 2)


def _named(fig: Figure, context: str, lang: str) -> tuple[str, str | None]:
    found = match_indicator(context, fig.unit, lang)
    if found is not None:
        return found.names.get(lang) or next(iter(found.names.values())), found.id
    return readable_name(strip_comparator(fig.before, lang), fig.after), None


def _targets(figures: list[Figure], sentence: Sentence, ends: list[When], piece: Piece, document: DocumentInfo,
             lang: str, area: str | None, source: Provenance, flags: list[str]) -> Iterator[Target]:
    for i, fig in enumerate(figures):
        if fig.is_baseline:
            continue
        base = figures[i + 1].q.value if i + 1 < len(figures) and figures[i + 1].is_baseline else None
        when = nearest_after(fig.q, ends)
        deadline = when.day if when else piece.deadline
        own_flags = [*flags, *(["ambiguous"] if fig.q.ambiguous else [])]
        if deadline is None and piece.goal is None:
            own_flags.append("review")
        sign = "range" if fig.q.value_max is not None else comparator(fig.before, lang) or "="
        name, ind_id = _named(fig, fig.before + " " + fig.after, lang)
        yield Target(
            indicator=name, indicator_id=ind_id, text=sentence.text, comparator=sign,  # type: ignore[arg-type]
            value=fig.q.value, value_max=fig.q.value_max, unit=fig.unit, deadline=deadline, area=area,
            baseline=base, confidence=_confidence(fig, own_flags), source=source,
            flags=sorted(set(own_flags)),  # type: ignore[arg-type]
        )


def _observations(figures: list[Figure], sentence: Sentence, document: DocumentInfo, lang: str,
                  area: str | None, source: Provenance, flags: list[str]) -> Iterator[Observation]:
    when_found = dates(sentence.text, lang, document.issued)
    quantities = [f.q for f in figures]
    default = str(document.issued.year) if document.issued else None
    for fig in figures:
        when = nearest(fig.q, when_found, quantities)
        own_flags = [*flags, *(["ambiguous"] if fig.q.ambiguous else [])]
        name, ind_id = _named(fig, fig.before + " " + fig.after, lang)
        yield Observation(
            indicator=name, indicator_id=ind_id, value=fig.q.value, unit=fig.unit,
            as_of=when.as_of if when else default, area=area, text=sentence.text,
            confidence=_confidence(fig, own_flags), source=source,
            flags=sorted(set(own_flags)),  # type: ignore[arg-type]
        )
