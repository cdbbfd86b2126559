"""What a sentence's words say about its figures: a deadline of its own, a requirement, a
commitment met, a whole's size, a share qualifying a goal, a baseline, years said in passing.

The target reader (``extract.fields.targets``) asks these questions of each sentence and figure;
the words behind them are the language data's ``[goals]`` lists, compiled once per language.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from extract.fields.target_context import When, dates, deadlines, has_goal_cue, strip_comparator, text_to_sentences
from extract.fields.target_figures import Figure, reports_done
from extract.fields.target_lang import LazyPatterns, alternation, bounded, section
from extract.pattern_cache import compile_cached

CLAUSE_START = compile_cached(r"(?:^|[;:,(]\s*)$")
SHARE_STOP = compile_cached(r"[;:.]\s")  # ends the clause a share opens
BASE_YEAR = compile_cached(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
BARE_YEAR = compile_cached(r"(?<![\d/.,-])(?:19|20)\d\d(?![\d/%])")


def lays_down_rules(title: str, lang: str) -> bool:
    """A document that lays down rules ([outline].rule_documents, rule_subjects): a decree, a
    circular, a charter, a decision issuing a regulation; its figures are thresholds, not goals."""
    return clause_patterns(lang)["rule_document"].search(title) is not None


def rule_goal(fig: Figure, text: str, lang: str) -> bool:
    """A word of [outline].rule_goals ("mục tiêu", "phấn đấu") before the figure in its clause: a
    goal that a document laying down rules sets."""
    start = text.rfind(";", 0, fig.q.start) + 1
    return clause_patterns(lang)["rule_goal"].search(text, start, fig.q.start) is not None


def is_period(when: When, text: str) -> bool:
    """A span of years ("giai đoạn 2025-2030", "the 2021-2025 period"): a caption or a title naming
    it sets no deadline for the goals that follow."""
    return len(BASE_YEAR.findall(text, when.start, when.end)) > 1


def only_deadline(text: str, lang: str, issued: date | None) -> date | None:
    """The deadline a paragraph closes on ("… Also, about 95% … by 2025."), when it names no
    other: the goals listed before it in the paragraph share it."""
    days = {w.day for w in deadlines(text, lang, issued) if w.day is not None}
    sentences = text_to_sentences(text)
    if len(days) != 1 or not sentences:
        return None
    last = {w.day for w in deadlines(sentences[-1].text, lang, issued)}
    return days.pop() if days <= last else None


def tells_done(text: str, first: Figure, lang: str, inherited: bool | None) -> bool:
    """A sentence that tells what has been done, with no goal word before the words that show
    it, or one continuing such a sentence ("Trong đó có 3 khoá học …"): every figure in it,
    counts too, is a current value, wherever it sits (a task table's results cell as well)."""
    if inherited is False:
        return True
    shown = reports_done(text, first, lang)
    return shown is not None and not has_goal_cue(text[:shown], lang)


def requires(text: str, lang: str) -> bool:
    """A sentence framed as a rule's requirement or condition ("phải có … tối thiểu 1.000 m2",
    "applicants must have at least 2 …")."""
    return clause_patterns(lang)["requirement"].search(text) is not None


def goal_despite(fig: Figure, text: str, lang: str) -> bool:
    """A goal word of [goals].goals_despite_requirement ("phấn đấu", "target") before the figure in
    its clause, which makes it a goal despite a requirement's frame ("Phấn đấu 100% hồ sơ … trở lên");
    "các mục tiêu: …; từ 0,5 ha trở lên" is none."""
    start = text.rfind(";", 0, fig.q.start) + 1
    return clause_patterns(lang)["despite_requirement"].search(text, start, fig.q.start) is not None


def sizes_whole(fig: Figure, text: str, lang: str) -> bool:
    """A count that tells the size of a whole its clause names before it, in brackets or after a
    word of [goals].scope_openers ("tất cả các trường học (khoảng trên 800 trường)", "all schools
    in the province, comprising 800 schools"), perhaps after a comparator or a filler."""
    if (not fig.counted and fig.unit in (None, "%")) or fig.q.of is not None:
        return False  # a fraction ("24/24 giờ") tells progress or a rule, not a whole's size
    start = max(text.rfind(";", 0, fig.q.start), text.rfind(". ", 0, fig.q.start)) + 1
    return clause_patterns(lang)["whole_size"].search(text, start, fig.q.start) is not None


def minimum_sought(fig: Figure, text: str, lang: str) -> bool:
    """A minimum a goal word asks for earlier in its clause ("bảo đảm tỷ lệ … chiếm tối thiểu 50%"):
    a goal even in a task's title, where a bare share ("bảo đảm 100% hồ sơ …") restates one."""
    start = text.rfind(";", 0, fig.q.start) + 1
    return fig.sign == ">=" and has_goal_cue(text[start : fig.q.start], lang)


def is_pledged(fig: Figure, text: str, lang: str) -> bool:
    """A figure a commitment or a target names ("vượt cam kết triển khai tối thiểu 20.000 trạm",
    "exceeding its target of 90%"): a goal, though the news sentence tells it was met."""
    return clause_patterns(lang)["pledge"].search(strip_comparator(text[: fig.q.start], lang)) is not None


def without_pledges(text: str, lang: str) -> str:
    """The text with each met commitment blanked out (offsets kept): the goal word in "vượt chỉ
    tiêu 20.000 trạm" makes that figure a goal, not the sentence a goal sentence."""
    return clause_patterns(lang)["pledge_word"].sub(lambda m: " " * len(m.group()), text)


def looks_back(text: str, lang: str) -> bool:
    """A sentence that opens looking back over a period up to now ("Thời gian qua, …")."""
    return clause_patterns(lang)["look_back"].search(text) is not None


def continues(text: str, lang: str) -> bool:
    return clause_patterns(lang)["continues"].match(text) is not None


def opens_clause(fig: Figure, text: str) -> bool:
    """A percent that opens its clause ("100% khu công nghiệp …") states a goal in a plan."""
    return fig.q.percent and CLAUSE_START.search(text[max(0, fig.q.start - 3) : fig.q.start]) is not None


def qualifies_share(fig: Figure, goals: list[Figure], text: str, lang: str) -> bool:
    """A count inside the clause a share opens ("100% cơ quan sử dụng ít nhất 01 ứng dụng AI") says
    which members the share counts: no goal of its own. A count opening its own clause after a
    break ("100% xã hoàn thành, tối thiểu 5 huyện đạt chuẩn") is one."""
    if not fig.counted or fig.q.percent or CLAUSE_START.search(strip_comparator(text[: fig.q.start], lang)):
        return False
    return any(g.q.percent and g.q.end <= fig.q.start and opens_clause(g, text)
               and not SHARE_STOP.search(text, g.q.end, fig.q.start) for g in goals)


def is_baseline_of(fig: Figure, goals: list[Figure]) -> bool:
    return bool(goals) and fig.is_baseline


def baseline_for(fig: Figure, current: list[Figure]) -> Figure | None:
    """The current value of the same unit nearest this goal in its sentence."""
    same = [c for c in current if c.unit == fig.unit]
    return min(same, key=lambda c: abs(c.q.start - fig.q.start)) if same else None


def year_near(fig: Figure | None, text: str, lang: str) -> int | None:
    if fig is None:
        return None
    m = BASE_YEAR.search(text[fig.q.end : fig.q.end + 40])
    return int(m.group(1)) if m else None


def with_future_years(ends: list[When], text: str, lang: str, issued: date | None) -> list[When]:
    """News goals: "top 20 in 2022 and top 10 by 2025" - a year not yet past is a deadline too."""
    years = [When(w.start, w.end, date(int(w.as_of), 12, 31)) for w in dates(text, lang, issued)
             if w.as_of and len(w.as_of) == 4 and (issued is None or int(w.as_of) >= issued.year)
             and not any(e.start <= w.start < e.end or w.start <= e.start < w.end for e in ends)]
    return sorted([*ends, *years], key=lambda w: w.start) if years else ends


def future_year(fig: Figure, text: str, lang: str, issued: date | None) -> date | None:
    """A goal sentence's "in 2030" (a reporting-date phrase) naming a year not yet past."""
    for w in dates(text, lang, issued):
        if w.as_of and len(w.as_of) == 4 and w.start >= fig.q.end and (issued is None or int(w.as_of) > issued.year):
            return date(int(w.as_of), 12, 31)
    return None


def respectively(goals: list[Figure], ends: list[When], text: str, lang: str,
                  issued: date | None) -> list[When] | None:
    """ "(2026 and 2028) … 70 percent and 95 percent, respectively": deadlines paired in order;
    with that word, bare years count as the deadlines."""
    if len(goals) < 2 or not clause_patterns(lang)["respectively"].search(text):
        return None
    if len(ends) == len(goals):
        return sorted(ends, key=lambda w: w.start)
    years = [When(m.start(), m.end(), date(int(m.group()), 12, 31)) for m in BARE_YEAR.finditer(text)
             if issued is None or int(m.group()) >= issued.year]
    return years if len(years) == len(goals) else None


@cache
def clause_patterns(lang: str) -> LazyPatterns:
    goals = section(lang, "goals")
    outline = section(lang, "outline")
    leads = alternation(outline.get("rule_subject_leads", []))
    return LazyPatterns({
        # a title opening with a rule's type, or with a type (one or two words), lead words and a rule's subject
        "rule_document": (r"^\W*(?:" + bounded(outline.get("rule_documents", [])) + r"|(?:\p{L}+\s+){1,2}?(?:"
                          + leads + r"\s+){0,2}" + bounded(outline.get("rule_subjects", [])) + ")"),
        "rule_goal": bounded(outline.get("rule_goals", [])),
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
