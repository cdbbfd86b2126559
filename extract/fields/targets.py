"""Targets and observations: figures a document sets as goals, or reports as facts.

Plans: a figure in a goal part ("Mục tiêu", "Targets"), in a task's outputs cell, or elsewhere
with a goal word or comparator ("phấn đấu", "tối thiểu 80%") is a goal, unless its sentence is
framed as a rule's requirement or condition ("phải có … tối thiểu 1.000 m2", "từ 81% trở lên thì
được hưởng"), or sits under a heading that opens with the conditions of a rule ("III. Điều kiện
đối với doanh nghiệp …": a resolution restating amended provisions), with no deadline and no goal
word before the figure; its deadline is the
sentence's own, else the one its heading or opening line carries, else the plan's horizon.
A figure said to be current ("hiện có 87 trạm", "now under 5 percent") is an observation or the
baseline of the goal beside it; so is every figure of a sentence that tells what has been done
("Đến nay, 21 ngân hàng đã …", "Có 34/34 địa phương hoàn thành …"), in a task's cell too.
News: a sentence with a deadline or a goal word states goals; other figures are observations
dated by the sentence or, flagged, by the article. A paragraph that has begun reporting ("Theo
báo cáo …, hiện nay, …") goes on reporting until a firm goal word or a deadline; a sentence
that tells what was done ("đã") in a year not after the article's is a report too, and so is one
with no deadline that tells it before its first figure with no firm goal word ("đến ngày 13/11, …
đã hoàn thành 370/944 nhiệm vụ …, với tỷ lệ … đạt 67%").
Garbled numbers are warned about, never kept. Every fact quotes a bounded window of its text.
What a sentence's words say about its figures (a requirement, a met commitment, a whole's size, a
qualifying share, a baseline) is asked of ``extract.fields.target_clauses``.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache

import regex

from extract.fields.indicators import figure_to_mention
from extract.fields.restated import Told, figure_words, is_headline, restated
from extract.fields.target_clauses import (
    baseline_for, clause_patterns, continues, future_year, goal_despite, is_baseline_of, is_period, is_pledged,
    lays_down_rules, looks_back, minimum_sought, only_deadline, opens_clause, qualifies_share, requires, respectively,
    rule_goal, sizes_whole, tells_done, with_future_years, without_pledges, year_near,
)
from extract.fields.target_context import (
    Sentence, When, dates, deadlines, has_firm_goal_cue, has_goal_cue, nearest, nearest_after, text_to_sentences,
)
from extract.fields.target_figures import (
    Figure, opens_current, reported, says_current, sentence_to_figures, sentence_windows, window,
)
from extract.fields.target_lang import fragment, section
from extract.fields.document import reference_date, reported_year, without_issue_years
from extract.fields.target_outline import Piece, document_to_pieces, is_plan_like, preamble_horizon, text_deadline
from extract.fields.target_years import bygone, estimate, past_dated
from extract.pattern_cache import compile_cached
from schemas.blocks import Segmented
from schemas.records import DocumentInfo, Observation, Provenance, Target

logger = logging.getLogger(__name__)

MAX_PER_SENTENCE = 24  # facts kept from one sentence; the rest are warned about
MAX_PER_DOCUMENT = 5000  # facts kept from one document
READ_KINDS = ("paragraph", "list_item")
LETTERS_ONLY = compile_cached(r"[^\p{L}\p{N}]+")
TASK_CELLS = ("outputs", "title")  # a task row's cells: a tally of documents there is the task's paperwork
MIN_REPEATED = 20  # letters and digits a line needs before its repetition is skipped


def segmented_to_targets(
    seg: Segmented, document: DocumentInfo
) -> tuple[list[Target], list[Observation], list[str]]:
    """Targets, observations and warnings found in a segmented document.

    Args:
        seg: the document cut into sections and task tables.
        document: its facts (kind, issue date, horizon, title, issuer).

    Returns:
        (targets, observations, warnings); each fact's indicator is a mention in the document's
        words, resolved to the catalogue by ``link``; a garbled number only ever yields a warning.
    """
    lang = seg.lang
    plan = is_plan_like(document)
    reference = reference_date(seg, document)
    if reference != document.issued:  # a blank-day letterhead: its month dates the figures
        document = document.replaced(issued=reference)
    title = without_issue_years(document.title or "", lang)  # "Quyết định 2629/QĐ-TTg năm 2025 …"
    horizon = document.horizon or text_deadline(title, lang, document.issued) or reported_year(title, lang, document.issued)
    if horizon is None and plan:
        horizon = preamble_horizon(seg, document)
    area = document_area(seg, document, lang)
    reader = _Reader(lang, document, plan, area, rules=plan and lays_down_rules(title, lang))
    previous = ""
    for piece in document_to_pieces(seg, document, horizon, plan):
        if piece.zone == "quiet" and not piece.table:
            continue
        letters = "" if plan or piece.table else LETTERS_ONLY.sub("", piece.text).casefold()
        if len(letters) >= MIN_REPEATED and letters == previous:
            continue  # a web page's headline repeated without punctuation ("50/100 Mbps, 60%" -> "50 100 Mbps 60")
        previous = letters
        reader.read(piece)
        if reader.full:
            reader.warnings.append(f"more than {MAX_PER_DOCUMENT} figures: the rest of the document is not read")
            break
    logger.debug("%s: %d targets, %d observations", document.source, len(reader.targets), len(reader.observations))
    drop = restated(reader.told)
    targets = [t for i, t in enumerate(reader.targets) if ("target", i) not in drop]
    observations = [o for i, o in enumerate(reader.observations) if ("observation", i) not in drop]
    return targets, observations, reader.warnings


class _Reader:
    """Reads pieces in order, remembering the last sentence's reading for "of which" sentences."""

    def __init__(self, lang: str, document: DocumentInfo, plan: bool, area: str | None, rules: bool = False) -> None:
        self.lang, self.document, self.plan, self.area = lang, document, plan, area
        self.rules = rules  # a document laying down rules: only a figure a goal word leads to is a goal
        self.targets: list[Target] = []
        self.observations: list[Observation] = []
        self.warnings: list[str] = []
        self.last_goal: bool | None = None
        self.carried: date | None = None  # news: the last deadline the article named
        self.paragraph: date | None = None  # news: the one deadline the current paragraph names
        self.reporting = False  # a task's cell whose earlier sentence told what has been done
        self.aiming = False  # news: the current paragraph has stated a goal
        self.as_of: str | None = None  # news: the date the paragraph's last dated figure was given for
        self.said: set[tuple[float, str | None, str]] = set()  # each goal's value, unit and letters as quoted
        self.goal_values: set[tuple[str, str | None]] = set()  # news: each goal's figure as written, and unit
        self.told: list[Told] = []  # news: each fact as told, to find those the article tells twice
        self.sentences = 0
        self.told_done = False

    @property
    def full(self) -> bool:
        return len(self.targets) + len(self.observations) >= MAX_PER_DOCUMENT

    def read(self, piece: Piece) -> None:
        self.paragraph = None if self.plan else only_deadline(piece.text, self.lang, self.document.issued)
        self.reporting = False
        self.aiming = False
        self.as_of = None
        for whole in text_to_sentences(piece.text):
            for sentence in sentence_windows(whole):
                self._sentence(piece, sentence)

    def _sentence(self, piece: Piece, sentence: Sentence) -> None:
        lang, text = self.lang, sentence.text
        self.sentences += 1
        found, notes = sentence_to_figures(text, lang, piece.unit)
        self.warnings.extend(notes)
        if not found:
            self.last_goal = None if not continues(text, lang) else self.last_goal
            self._carry([w for w in deadlines(text, lang, self.document.issued) if not is_period(w, text)])
            return
        if len(found) > MAX_PER_SENTENCE:
            self.warnings.append(f"{len(found)} figures in one sentence: only the first {MAX_PER_SENTENCE} kept "
                                 f"(line {piece.source.line})")
            found = found[:MAX_PER_SENTENCE]
        ends = deadlines(text, lang, self.document.issued)
        self._carry(ends)
        told = text if self.plan else without_pledges(text, lang)  # a met commitment's words set no other goal
        cue = has_goal_cue(told, lang)
        firm = cue if self.plan else has_firm_goal_cue(told, lang)
        if not self.plan and cue and not firm and not ends and not self.paragraph and not self.aiming:
            cue = False  # "Nhiều Bộ, ngành đạt tỷ lệ … trên 70%": a weak goal word alone, with no date and no goal
            # stated before it in the paragraph, reports a result
        inherited = self.last_goal if continues(text, lang) else None
        required = (self.plan and not any(w.day for w in ends) and not inherited  # "Trong đó, X có tối thiểu …"
                    and (piece.zone == "rule" or requires(text, lang)))
        flags = ["review"] if notes else []
        goals: list[Figure] = []
        current: list[Figure] = []
        reports = not firm and ((not ends and opens_current(text, lang)) or (not self.plan and reported(text, lang)))
        done = not ends and ((self.reporting and not firm) or tells_done(told, found[0], lang, inherited))
        issued, news = self.document.issued, not self.plan
        past = not ends and not news and past_dated(told, issued, lang)
        done = done or (news and estimate(ends, told, issued, lang)) or (
            not firm and news and bygone(ends, told, found[0], issued, lang)) or (
            not self.plan and not ends and not firm and says_current(told[: found[0].q.start], lang))
        self.reporting = self.reporting or ((done or reports) and (piece.table or not self.plan))
        for fig in found:
            kind = ("goal" if not self.plan and is_pledged(fig, text, lang)
                    else None if fig.documents and piece.source.column in TASK_CELLS  # a task's own paperwork
                    else "current" if done or (reports and not fig.counted)
                    else self._kind(fig, piece, cue or bool(ends), inherited, text, required))
            if kind == "goal" and ((self.rules and not rule_goal(fig, text, lang)) or past):
                kind = None  # a decree's or a regulation's threshold, fee, time limit or penalty; a past result
            if kind == "goal":
                goals.append(fig)
            elif kind == "current":
                current.append(fig)
        goals = [f for f in goals if not qualifies_share(f, goals, text, lang)]
        self.last_goal = bool(goals) if goals or current else inherited
        if goals:
            self.aiming = True
            self._targets(goals, current, sentence, ends, piece, flags)
        self.told_done = done or reports  # news: the sentence's own words tell its figures are results
        if current and (not self.plan or piece.zone in ("situation", "body") or not goals):
            self._observations([f for f in current if not is_baseline_of(f, goals)], sentence, piece, flags,
                               until_now=self.plan and done and looks_back(text, lang))

    def _tell(self, kind: str, fig: Figure, sentence: Sentence, piece: Piece, when: object) -> None:
        """News: remember how a fact was told, before it is appended to its list."""
        if self.plan:
            return
        near, words = figure_words(sentence.text, fig.q.start, fig.q.end, self.lang)
        index = len(self.targets if kind == "target" else self.observations)
        year = str(when)[:4] if when else None
        sure = has_goal_cue(sentence.text, self.lang) if kind == "target" else self.told_done or fig.current
        self.told.append(Told(kind, index, fig.q.value, _unit_name(fig, self.lang), year,
                              is_headline(piece.text), self.sentences, near, words, sure))

    def _carry(self, ends: list[When]) -> None:
        """News: remember the latest deadline named, for later goals that name none."""
        days = [w.day for w in ends if w.day is not None]
        if days and not self.plan:
            self.carried = days[-1]

    def _kind(self, fig: Figure, piece: Piece, goal_words: bool, inherited: bool | None, text: str,
              required: bool = False) -> str | None:
        """goal, current, or None (not a figure this document reports); ``required``: the sentence
        states a requirement or condition of a rule, so in a plan's prose its figures set no goal."""
        if piece.as_of is not None:
            return "current"  # a result column of a target table ("Kết quả đạt được / Năm 2018")
        if fig.current or fig.is_baseline:
            return "current" if (not self.plan or (fig.current and not fig.counted)) else None
        if clause_patterns(self.lang)["condition"].search(fig.before):
            return None  # a threshold that triggers an action ("khi chỉ số AQI ≥ 300"), not a goal
        if fig.unit in section(self.lang, "numbers").get("currencies", []) and clause_patterns(self.lang)["funding"].search(fig.before):
            return None  # a budget ("Tổng kinh phí … là hơn 22.450 tỷ đồng") allocates money, it is no goal
        if fig.documents:
            return None  # "có 07 Công văn": a tally of documents counts only where the sentence tells it was done
        if sizes_whole(fig, text, self.lang):  # "tất cả các trường (khoảng 800 trường)": how large the whole is
            return "current" if not self.plan or piece.table or piece.zone in ("goal", "situation") else None
        if piece.title:  # a task title: "xây dựng 03 nền tảng" is a goal, "mô hình 02 cấp" a name; where no
            led = clause_patterns(self.lang)["title_lead_in"].search(fig.before)  # outputs column sets goals, so is
            shared = piece.sole and (fig.q.percent or fig.sign == ">=")  # a share or a minimum ("tích hợp 100% …")
            return "goal" if led or shared or minimum_sought(fig, text, self.lang) else None
        if piece.table or piece.zone == "goal":
            return "goal" if not fig.q.needs_noun or fig.unit else None
        if not self.plan:
            if goal_words or inherited:
                return "goal"
            return None if (fig.q.text, fig.unit) in self.goal_values else "current"  # a goal told again
        if piece.zone == "situation":  # a fraction ("3/12 nền tảng", "34/34 xã") there tells progress
            told = says_current(text, self.lang) or inherited is False or fig.q.of is not None
            return "current" if told and not fig.counted else None
        if fig.q.needs_noun or (required and not goal_despite(fig, text, self.lang)):
            return None  # a spelled-out number in a plan's prose ("ba trụ cột") is no figure, nor a rule's threshold
        measured = fig.q.percent or (fig.unit is not None and not fig.counted)
        if measured and (goal_words or fig.sign or inherited or piece.dated or opens_clause(fig, text)):
            return "goal"
        led_in = clause_patterns(self.lang)["lead_in"].search(fig.before) is not None
        return "goal" if fig.counted and (fig.sign == ">=" or led_in) else None

    def _targets(self, goals: list[Figure], current: list[Figure], sentence: Sentence, ends: list[When],
                 piece: Piece, flags: list[str]) -> None:
        if not self.plan:
            ends = with_future_years(ends, sentence.text, self.lang, self.document.issued)
        paired = respectively(goals, ends, sentence.text, self.lang, self.document.issued)
        past: list[tuple[Figure, date]] = []
        for i, fig in enumerate(goals):
            when = paired[i] if paired else nearest_after(fig.q, ends, [g.q for g in goals if g is not fig],
                                                          sentence.text, self.lang)
            deadline = when.day if when else piece.deadline
            if self.plan and deadline is not None and self._before_reference(deadline):
                past.append((fig, deadline))
                continue
            if not self.plan and is_pledged(fig, sentence.text, self.lang):
                deadline, pledged = None, True  # a commitment told as met: the report's date is not its deadline
            else:
                pledged = False
            own = [*flags, *(["ambiguous"] if fig.q.ambiguous else [])]
            if deadline is None and not self.plan and not pledged:
                deadline = future_year(fig, sentence.text, self.lang, self.document.issued)
            if deadline is None and self.paragraph and not pledged:
                deadline = self.paragraph  # a news list of goals whose paragraph closes "… by 2025"
            if deadline is None and not self.plan and self.carried and not pledged:
                deadline = self.carried  # "by that time", or a goal after "By 2025, …" earlier on
                own.append("review")
            if deadline is None and not self.plan:
                own.append("review")
            base = baseline_for(fig, current)
            mention = figure_to_mention(fig, sentence.text, self.lang, piece.indicator)
            sign = "range" if fig.q.value_max is not None else fig.sign or "="
            src = _source(piece, sentence, fig)
            said = (fig.q.value, fig.unit, LETTERS_ONLY.sub("", src.text or "").casefold())
            if piece.title and said in self.said:
                continue  # a task title repeating a goal the body stated word for word
            self.said.add(said)
            if not fig.q.percent:  # a share ("100%") recurs for other indicators; a speed or a length is that goal
                self.goal_values.add((fig.q.text, fig.unit))
            self._tell("target", fig, sentence, piece, deadline.year if deadline else None)
            self.targets.append(Target(
                indicator=mention.mention, indicator_mention=mention, text=src.text or "", comparator=sign,  # type: ignore[arg-type]
                value=fig.q.value, value_max=fig.q.value_max, unit=_unit_name(fig, self.lang), deadline=deadline, area=self.area,
                baseline=base.q.value if base else None, baseline_year=year_near(base, sentence.text, self.lang),
                confidence=_confidence(fig, own), source=src, flags=sorted(set(own)),  # type: ignore[arg-type]
            ))
        if past and piece.zone != "goal" and not has_firm_goal_cue(sentence.text, self.lang):
            for year in sorted({day.year for _, day in past}):
                self._observations([f for f, day in past if day.year == year], sentence, piece, flags, year=year)

    def _before_reference(self, deadline: date) -> bool:
        """A plan's figure dated in a year before the document's own ("Kết quả Chỉ số … năm 2025" in a
        decision of February 2026) is a result, not a goal: with no goal word it is an observation."""
        issued = self.document.issued
        return issued is not None and deadline.year < issued.year

    def _observations(self, figures: list[Figure], sentence: Sentence, piece: Piece, flags: list[str],
                      until_now: bool = False, year: int | None = None) -> None:
        """``until_now``: a plan's sentence that opens looking back ([goals].look_back: "Thời gian qua,
        … đã ban hành 06 …") tells what was done up to the document's date: an undated figure is as of
        its month ("Hiện nay có 87 trạm" stays as of its year). ``year``: the past year the figures'
        sentence or heading names, for those the sentence dates no other way."""
        issued = self.document.issued
        when_found = dates(sentence.text, self.lang, issued)
        quantities = [f.q for f in figures]
        default = (f"{issued:%Y-%m}" if until_now else str(issued.year)) if issued else None
        default = str(year) if year is not None else default
        for fig in figures:
            when = nearest(fig.q, when_found, quantities)
            if when is None and piece.as_of:
                when = When(0, 0, None, piece.as_of)
            if when is None and len(when_found) == 1 and when_found[0].end <= fig.q.start:
                when = when_found[0]  # "In 2021, X ranked 12th, 43 places higher than in 2020": both 2021
            own = [*flags, *(["ambiguous"] if fig.q.ambiguous else [])]
            if when is not None and when.as_of and not self.plan:
                self.as_of = when.as_of
            elif when is None and self.as_of and not self.plan and reported(sentence.text, self.lang):
                # figures a sentence credits to statistics after "… stood in China by the end of last year"
                # are the same statistics ("5G is already available in … 98 percent of …, MIIT data showed");
                # a plain "There are 658 enterprises" after "revenue in 2020 topped …" is today's
                when = When(0, 0, None, self.as_of)
                own.append("date_assumed")
            if when is None and default:
                own.append("date_assumed")
            mention = figure_to_mention(fig, sentence.text, self.lang)
            src = _source(piece, sentence, fig)
            # an assumed date names no year of the figure's own
            self._tell("observation", fig, sentence, piece, when.as_of if when else None)
            self.observations.append(Observation(
                indicator=mention.mention, indicator_mention=mention, value=fig.q.value, unit=_unit_name(fig, self.lang),
                as_of=when.as_of if when else default, area=self.area, text=src.text or "",
                confidence=_confidence(fig, own), source=src, flags=sorted(set(own)),  # type: ignore[arg-type]
            ))




def _unit_name(fig: Figure, lang: str) -> str | None:
    """A counted noun's name in [counted_units] ("trường" -> "schools"), else the unit as read."""
    if not fig.counted or fig.unit is None:
        return fig.unit
    return _counted_names(lang).get(fig.unit, fig.unit)


@cache
def _counted_names(lang: str) -> dict[str, str]:
    return {noun.casefold(): name for name, nouns in section(lang, "counted_units").items() for noun in nouns}


def _source(piece: Piece, sentence: Sentence, fig: Figure) -> Provenance:
    lo, hi = window(sentence.text, fig.q.start, fig.q.end)
    start = sentence.start + lo
    return piece.source.replaced(char_start=start, char_end=sentence.start + hi,
                                 text=sentence.text[lo:hi])


def _confidence(fig: Figure, flags: list[str]) -> float:
    score = (0.9 - (0.2 if fig.unit is None else 0.1 if fig.counted else 0)
             - (0.2 if "review" in flags else 0) - (0.2 if fig.q.ambiguous else 0))
    return round(max(score, 0.1), 2)


def document_area(seg: Segmented, document: DocumentInfo, lang: str) -> str | None:
    """The province a plan's title or issuer names; for news, the first one the text names."""
    pattern = _area_pattern(lang)
    texts = [document.title or "", document.issuer or ""]
    if document.kind != "plan":
        texts += [b.text for s in seg.sections for b in s.blocks[:200] if b.kind in READ_KINDS]
    for text in texts:
        if m := pattern.search(text[:2000]):
            return m.group("name")
    return None


@cache
def _area_pattern(lang: str) -> regex.Pattern[str]:
    name = r"(?P<name>\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,3})"
    parts = [fragment(t).replace("{name}", name) for t in section(lang, "goals").get("areas", [])]
    return compile_cached("|".join(f"(?:{p})" for p in parts) or "(?!)", regex.VERSION1)
