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
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache

import regex

from extract.fields.indicators import figure_to_mention
from extract.fields.target_context import (
    Sentence, When, dates, deadlines, has_firm_goal_cue, has_goal_cue, nearest, nearest_after, strip_comparator,
    text_to_sentences,
)
from extract.fields.target_figures import (
    Figure, opens_current, reported, reports_done, says_current, sentence_to_figures, sentence_windows, subject_done,
    window,
)
from extract.fields.target_lang import LazyPatterns, bounded, fragment, section
from extract.fields.document import without_issue_years
from extract.fields.target_outline import Piece, document_to_pieces, is_plan_like, preamble_horizon, text_deadline
from extract.pattern_cache import compile_cached
from schemas.blocks import Segmented
from schemas.records import DocumentInfo, Observation, Provenance, Target

logger = logging.getLogger(__name__)

MAX_PER_SENTENCE = 24  # facts kept from one sentence; the rest are warned about
MAX_PER_DOCUMENT = 5000  # facts kept from one document
READ_KINDS = ("paragraph", "list_item")
CLAUSE_START = compile_cached(r"(?:^|[;:,(]\s*)$")
SHARE_STOP = compile_cached(r"[;:.]\s")  # ends the clause a share opens
BASE_YEAR = compile_cached(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
LETTERS_ONLY = compile_cached(r"[^\p{L}\p{N}]+")
TASK_CELLS = ("outputs", "title")  # a task row's cells: a tally of documents there is the task's paperwork
MIN_REPEATED = 20  # letters and digits a line needs before its repetition is skipped
BARE_YEAR = compile_cached(r"(?<![\d/.,-])(?:19|20)\d\d(?![\d/%])")


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
    title = without_issue_years(document.title or "", lang)  # "Quyết định 2629/QĐ-TTg năm 2025 …"
    horizon = document.horizon or text_deadline(title, lang, document.issued)
    if horizon is None and plan:
        horizon = preamble_horizon(seg, document)
    area = document_area(seg, document, lang)
    reader = _Reader(lang, document, plan, area)
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
    return reader.targets, reader.observations, reader.warnings


class _Reader:
    """Reads pieces in order, remembering the last sentence's reading for "of which" sentences."""

    def __init__(self, lang: str, document: DocumentInfo, plan: bool, area: str | None) -> None:
        self.lang, self.document, self.plan, self.area = lang, document, plan, area
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

    @property
    def full(self) -> bool:
        return len(self.targets) + len(self.observations) >= MAX_PER_DOCUMENT

    def read(self, piece: Piece) -> None:
        self.paragraph = None if self.plan else _only_deadline(piece.text, self.lang, self.document.issued)
        self.reporting = False
        self.aiming = False
        self.as_of = None
        for whole in text_to_sentences(piece.text):
            for sentence in sentence_windows(whole):
                self._sentence(piece, sentence)

    def _sentence(self, piece: Piece, sentence: Sentence) -> None:
        lang, text = self.lang, sentence.text
        found, notes = sentence_to_figures(text, lang, piece.unit)
        self.warnings.extend(notes)
        if not found:
            self.last_goal = None if not _continues(text, lang) else self.last_goal
            self._carry([w for w in deadlines(text, lang, self.document.issued) if not _is_period(w, text)])
            return
        if len(found) > MAX_PER_SENTENCE:
            self.warnings.append(f"{len(found)} figures in one sentence: only the first {MAX_PER_SENTENCE} kept "
                                 f"(line {piece.source.line})")
            found = found[:MAX_PER_SENTENCE]
        ends = deadlines(text, lang, self.document.issued)
        self._carry(ends)
        told = text if self.plan else _without_pledges(text, lang)  # a met commitment's words set no other goal
        cue = has_goal_cue(told, lang)
        firm = cue if self.plan else has_firm_goal_cue(told, lang)
        if not self.plan and cue and not firm and not ends and not self.paragraph and not self.aiming:
            cue = False  # "Nhiều Bộ, ngành đạt tỷ lệ … trên 70%": a weak goal word alone, with no date and no goal
            # stated before it in the paragraph, reports a result
        inherited = self.last_goal if _continues(text, lang) else None
        required = (self.plan and not any(w.day for w in ends) and not inherited  # "Trong đó, X có tối thiểu …"
                    and (piece.zone == "rule" or _requires(text, lang)))
        flags = ["review"] if notes else []
        goals: list[Figure] = []
        current: list[Figure] = []
        reports = not firm and ((not ends and opens_current(text, lang)) or (not self.plan and reported(text, lang)))
        done = not ends and ((self.reporting and not firm) or _tells_done(told, found[0], lang, inherited))
        done = done or (not firm and self._bygone(ends, told, found[0])) or (
            not self.plan and not ends and not firm and says_current(told[: found[0].q.start], lang))
        self.reporting = self.reporting or ((done or reports) and (piece.table or not self.plan))
        for fig in found:
            kind = ("goal" if not self.plan and _pledged(fig, text, lang)
                    else None if fig.documents and piece.source.column in TASK_CELLS  # a task's own paperwork
                    else "current" if done or (reports and not fig.counted)
                    else self._kind(fig, piece, cue or bool(ends), inherited, text, required))
            if kind == "goal":
                goals.append(fig)
            elif kind == "current":
                current.append(fig)
        goals = [f for f in goals if not _qualifies_share(f, goals, text, lang)]
        self.last_goal = bool(goals) if goals or current else inherited
        if goals:
            self.aiming = True
            self._targets(goals, current, sentence, ends, piece, flags)
        if current and (not self.plan or piece.zone in ("situation", "body") or not goals):
            self._observations([f for f in current if not _is_baseline_of(f, goals)], sentence, piece, flags,
                               until_now=self.plan and done and _looks_back(text, lang))

    def _bygone(self, ends: list[When], text: str, first: Figure) -> bool:
        """News: a sentence dated no later than the article's year that tells what was done
        ("Trong năm 2025, Viettel đã … khoảng 800 trạm", in December 2025; "… 70 nhiệm vụ được giao
        trong năm 2025, đến nay đã có 50 nhiệm vụ hoàn thành"),
        or whose first figure is the subject of a completed verb ("More than 20 governments have
        emphasized … in their work plans for this year")."""
        issued = self.document.issued
        if self.plan or not ends or issued is None or any(w.day is None or w.day.year > issued.year for w in ends):
            return False
        return says_current(text, self.lang) or subject_done(text, first, self.lang)

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
        if _patterns(self.lang)["condition"].search(fig.before):
            return None  # a threshold that triggers an action ("khi chỉ số AQI ≥ 300"), not a goal
        if fig.unit in section(self.lang, "numbers").get("currencies", []) and _patterns(self.lang)["funding"].search(fig.before):
            return None  # a budget ("Tổng kinh phí … là hơn 22.450 tỷ đồng") allocates money, it is no goal
        if fig.documents:
            return None  # "có 07 Công văn": a tally of documents counts only where the sentence tells it was done
        if _sizes_whole(fig, text, self.lang):  # "tất cả các trường (khoảng 800 trường)": how large the whole is
            return "current" if not self.plan or piece.table or piece.zone in ("goal", "situation") else None
        if piece.title:  # a task title: "xây dựng 03 nền tảng" is a goal, "mô hình 02 cấp" a name; where no
            led = _patterns(self.lang)["title_lead_in"].search(fig.before)  # outputs column sets goals, so is
            shared = piece.sole and (fig.q.percent or fig.sign == ">=")  # a share or a minimum ("tích hợp 100% …")
            return "goal" if led or shared or _minimum_sought(fig, text, self.lang) else None
        if piece.table or piece.zone == "goal":
            return "goal" if not fig.q.needs_noun or fig.unit else None
        if not self.plan:
            if goal_words or inherited:
                return "goal"
            return None if (fig.q.text, fig.unit) in self.goal_values else "current"  # a goal told again
        if piece.zone == "situation":  # a fraction ("3/12 nền tảng", "34/34 xã") there tells progress
            told = says_current(text, self.lang) or inherited is False or fig.q.of is not None
            return "current" if told and not fig.counted else None
        if fig.q.needs_noun or (required and not _goal_despite(fig, text, self.lang)):
            return None  # a spelled-out number in a plan's prose ("ba trụ cột") is no figure, nor a rule's threshold
        measured = fig.q.percent or (fig.unit is not None and not fig.counted)
        if measured and (goal_words or fig.sign or inherited or piece.dated or _opens_clause(fig, text)):
            return "goal"
        led_in = _patterns(self.lang)["lead_in"].search(fig.before) is not None
        return "goal" if fig.counted and (fig.sign == ">=" or led_in) else None

    def _targets(self, goals: list[Figure], current: list[Figure], sentence: Sentence, ends: list[When],
                 piece: Piece, flags: list[str]) -> None:
        if not self.plan:
            ends = _with_future_years(ends, sentence.text, self.lang, self.document.issued)
        paired = _respectively(goals, ends, sentence.text, self.lang, self.document.issued)
        for i, fig in enumerate(goals):
            when = paired[i] if paired else nearest_after(fig.q, ends, [g.q for g in goals if g is not fig],
                                                          sentence.text, self.lang)
            deadline = when.day if when else piece.deadline
            if not self.plan and _pledged(fig, sentence.text, self.lang):
                deadline, pledged = None, True  # a commitment told as met: the report's date is not its deadline
            else:
                pledged = False
            own = [*flags, *(["ambiguous"] if fig.q.ambiguous else [])]
            if deadline is None and not self.plan and not pledged:
                deadline = _future_year(fig, sentence.text, self.lang, self.document.issued)
            if deadline is None and self.paragraph and not pledged:
                deadline = self.paragraph  # a news list of goals whose paragraph closes "… by 2025"
            if deadline is None and not self.plan and self.carried and not pledged:
                deadline = self.carried  # "by that time", or a goal after "By 2025, …" earlier on
                own.append("review")
            if deadline is None and not self.plan:
                own.append("review")
            base = _baseline_for(fig, current)
            mention = figure_to_mention(fig, sentence.text, self.lang, piece.indicator)
            sign = "range" if fig.q.value_max is not None else fig.sign or "="
            src = _source(piece, sentence, fig)
            said = (fig.q.value, fig.unit, LETTERS_ONLY.sub("", src.text or "").casefold())
            if piece.title and said in self.said:
                continue  # a task title repeating a goal the body stated word for word
            self.said.add(said)
            if not fig.q.percent:  # a share ("100%") recurs for other indicators; a speed or a length is that goal
                self.goal_values.add((fig.q.text, fig.unit))
            self.targets.append(Target(
                indicator=mention.mention, indicator_mention=mention, text=src.text or "", comparator=sign,  # type: ignore[arg-type]
                value=fig.q.value, value_max=fig.q.value_max, unit=_unit_name(fig, self.lang), deadline=deadline, area=self.area,
                baseline=base.q.value if base else None, baseline_year=_year_near(base, sentence.text, self.lang),
                confidence=_confidence(fig, own), source=src, flags=sorted(set(own)),  # type: ignore[arg-type]
            ))

    def _observations(self, figures: list[Figure], sentence: Sentence, piece: Piece, flags: list[str],
                      until_now: bool = False) -> None:
        """``until_now``: a plan's sentence that opens looking back ([goals].look_back: "Thời gian qua,
        … đã ban hành 06 …") tells what was done up to the document's date: an undated figure is as of
        its month ("Hiện nay có 87 trạm" stays as of its year)."""
        issued = self.document.issued
        when_found = dates(sentence.text, self.lang, issued)
        quantities = [f.q for f in figures]
        default = (f"{issued:%Y-%m}" if until_now else str(issued.year)) if issued else None
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
            self.observations.append(Observation(
                indicator=mention.mention, indicator_mention=mention, value=fig.q.value, unit=_unit_name(fig, self.lang),
                as_of=when.as_of if when else default, area=self.area, text=src.text or "",
                confidence=_confidence(fig, own), source=src, flags=sorted(set(own)),  # type: ignore[arg-type]
            ))


def _is_period(when: When, text: str) -> bool:
    """A span of years ("giai đoạn 2025-2030", "the 2021-2025 period"): a caption or a title naming
    it sets no deadline for the goals that follow."""
    return len(BASE_YEAR.findall(text, when.start, when.end)) > 1


def _only_deadline(text: str, lang: str, issued: date | None) -> date | None:
    """The deadline a paragraph closes on ("… Also, about 95% … by 2025."), when it names no
    other: the goals listed before it in the paragraph share it."""
    days = {w.day for w in deadlines(text, lang, issued) if w.day is not None}
    sentences = text_to_sentences(text)
    if len(days) != 1 or not sentences:
        return None
    last = {w.day for w in deadlines(sentences[-1].text, lang, issued)}
    return days.pop() if days <= last else None


def _tells_done(text: str, first: Figure, lang: str, inherited: bool | None) -> bool:
    """A sentence that tells what has been done, with no goal word before the words that show
    it, or one continuing such a sentence ("Trong đó có 3 khoá học …"): every figure in it,
    counts too, is a current value, wherever it sits (a task table's results cell as well)."""
    if inherited is False:
        return True
    shown = reports_done(text, first, lang)
    return shown is not None and not has_goal_cue(text[:shown], lang)


def _requires(text: str, lang: str) -> bool:
    """A sentence framed as a rule's requirement or condition ("phải có … tối thiểu 1.000 m2",
    "applicants must have at least 2 …")."""
    return _patterns(lang)["requirement"].search(text) is not None


def _goal_despite(fig: Figure, text: str, lang: str) -> bool:
    """A goal word of [goals].goals_despite_requirement ("phấn đấu", "target") before the figure in
    its clause, which makes it a goal despite a requirement's frame ("Phấn đấu 100% hồ sơ … trở lên");
    "các mục tiêu: …; từ 0,5 ha trở lên" is none."""
    start = text.rfind(";", 0, fig.q.start) + 1
    return _patterns(lang)["despite_requirement"].search(text, start, fig.q.start) is not None


def _sizes_whole(fig: Figure, text: str, lang: str) -> bool:
    """A count that tells the size of a whole its clause names before it, in brackets or after a
    word of [goals].scope_openers ("tất cả các trường học (khoảng trên 800 trường)", "all schools
    in the province, comprising 800 schools"), perhaps after a comparator or a filler."""
    if (not fig.counted and fig.unit in (None, "%")) or fig.q.of is not None:
        return False  # a fraction ("24/24 giờ") tells progress or a rule, not a whole's size
    start = max(text.rfind(";", 0, fig.q.start), text.rfind(". ", 0, fig.q.start)) + 1
    return _patterns(lang)["whole_size"].search(text, start, fig.q.start) is not None


def _minimum_sought(fig: Figure, text: str, lang: str) -> bool:
    """A minimum a goal word asks for earlier in its clause ("bảo đảm tỷ lệ … chiếm tối thiểu 50%"):
    a goal even in a task's title, where a bare share ("bảo đảm 100% hồ sơ …") restates one."""
    start = text.rfind(";", 0, fig.q.start) + 1
    return fig.sign == ">=" and has_goal_cue(text[start : fig.q.start], lang)


def _pledged(fig: Figure, text: str, lang: str) -> bool:
    """A figure a commitment or a target names ("vượt cam kết triển khai tối thiểu 20.000 trạm",
    "exceeding its target of 90%"): a goal, though the news sentence tells it was met."""
    return _patterns(lang)["pledge"].search(strip_comparator(text[: fig.q.start], lang)) is not None


def _without_pledges(text: str, lang: str) -> str:
    """The text with each met commitment blanked out (offsets kept): the goal word in "vượt chỉ
    tiêu 20.000 trạm" makes that figure a goal, not the sentence a goal sentence."""
    return _patterns(lang)["pledge_word"].sub(lambda m: " " * len(m.group()), text)


def _looks_back(text: str, lang: str) -> bool:
    """A sentence that opens looking back over a period up to now ("Thời gian qua, …")."""
    return _patterns(lang)["look_back"].search(text) is not None


def _continues(text: str, lang: str) -> bool:
    return _patterns(lang)["continues"].match(text) is not None


def _opens_clause(fig: Figure, text: str) -> bool:
    """A percent that opens its clause ("100% khu công nghiệp …") states a goal in a plan."""
    return fig.q.percent and CLAUSE_START.search(text[max(0, fig.q.start - 3) : fig.q.start]) is not None


def _qualifies_share(fig: Figure, goals: list[Figure], text: str, lang: str) -> bool:
    """A count inside the clause a share opens ("100% cơ quan sử dụng ít nhất 01 ứng dụng AI") says
    which members the share counts: no goal of its own. A count opening its own clause after a
    break ("100% xã hoàn thành, tối thiểu 5 huyện đạt chuẩn") is one."""
    if not fig.counted or fig.q.percent or CLAUSE_START.search(strip_comparator(text[: fig.q.start], lang)):
        return False
    return any(g.q.percent and g.q.end <= fig.q.start and _opens_clause(g, text)
               and not SHARE_STOP.search(text, g.q.end, fig.q.start) for g in goals)


def _is_baseline_of(fig: Figure, goals: list[Figure]) -> bool:
    return bool(goals) and fig.is_baseline


def _baseline_for(fig: Figure, current: list[Figure]) -> Figure | None:
    """The current value of the same unit nearest this goal in its sentence."""
    same = [c for c in current if c.unit == fig.unit]
    return min(same, key=lambda c: abs(c.q.start - fig.q.start)) if same else None


def _year_near(fig: Figure | None, text: str, lang: str) -> int | None:
    if fig is None:
        return None
    m = BASE_YEAR.search(text[fig.q.end : fig.q.end + 40])
    return int(m.group(1)) if m else None


def _with_future_years(ends: list[When], text: str, lang: str, issued: date | None) -> list[When]:
    """News goals: "top 20 in 2022 and top 10 by 2025" - a year not yet past is a deadline too."""
    years = [When(w.start, w.end, date(int(w.as_of), 12, 31)) for w in dates(text, lang, issued)
             if w.as_of and len(w.as_of) == 4 and (issued is None or int(w.as_of) >= issued.year)
             and not any(e.start <= w.start < e.end or w.start <= e.start < w.end for e in ends)]
    return sorted([*ends, *years], key=lambda w: w.start) if years else ends


def _future_year(fig: Figure, text: str, lang: str, issued: date | None) -> date | None:
    """A goal sentence's "in 2030" (a reporting-date phrase) naming a year not yet past."""
    for w in dates(text, lang, issued):
        if w.as_of and len(w.as_of) == 4 and w.start >= fig.q.end and (issued is None or int(w.as_of) > issued.year):
            return date(int(w.as_of), 12, 31)
    return None


def _respectively(goals: list[Figure], ends: list[When], text: str, lang: str,
                  issued: date | None) -> list[When] | None:
    """ "(2026 and 2028) … 70 percent and 95 percent, respectively": deadlines paired in order;
    with that word, bare years count as the deadlines."""
    if len(goals) < 2 or not _patterns(lang)["respectively"].search(text):
        return None
    if len(ends) == len(goals):
        return sorted(ends, key=lambda w: w.start)
    years = [When(m.start(), m.end(), date(int(m.group()), 12, 31)) for m in BARE_YEAR.finditer(text)
             if issued is None or int(m.group()) >= issued.year]
    return years if len(years) == len(goals) else None


@cache
def _patterns(lang: str) -> LazyPatterns:
    goals = section(lang, "goals")
    return LazyPatterns({
        "continues": r"^\W*" + bounded(goals.get("continues", [])),
        "respectively": bounded(goals.get("respectively", [])),
        "look_back": r"^\W*" + bounded(goals.get("look_back", [])),
        # a condition word shortly before the figure, nothing closing the clause in between
        "condition": bounded(goals.get("condition", [])) + r"[^,;:.()]{0,40}$",
        "requirement": bounded(goals.get("requirement", [])),
        # a funding word before a sum in its clause: the sum is a budget
        "funding": bounded(goals.get("funding", [])) + r"[^,;:.()]{0,80}$",
        "despite_requirement": bounded(goals.get("goals_despite_requirement", [])),
        "lead_in": bounded(goals.get("lead_in", [])) + r"\s*$",
        # a word telling it was met, a commitment's noun, then at most three words (its verb, its
        # object) before the figure
        "pledge": _met_pledge(goals) + r"(?:\s+[^\s,;:.()]+){0,3}\s*$",
        "pledge_word": _met_pledge(goals),
        # a whole, then its size opened by a bracket or a scope word, at most two words before the figure
        "whole_size": (bounded(goals.get("whole", [])) + r"[^;:.()]*?(?:\(|"
                       + bounded(goals.get("scope_openers", [])) + r")\s*(?:[^\s()]+\s+){0,2}$"),
        "title_lead_in": bounded(goals.get("title_lead_in", [])) + r"\s*$",
    })


def _met_pledge(goals: dict[str, list[str]]) -> str:
    """ "vượt cam kết", "hoàn thành chỉ tiêu", "exceeded its commitment to": a commitment told as met."""
    return (bounded(goals.get("pledges_met", [])) + r"(?:\s+[^\s,;:.()]+){0,2}?\s+"
            + bounded(goals.get("pledges", [])))


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
