"""Table-driven cases for the six ways target reading goes wrong, in both languages.

Every sentence here is written for this test (none is copied from a corpus document). Each case
names what must be found; cases with an empty expectation are failures that must stay failures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from extract.fields.numbers import text_to_scan
from extract.fields.target_context import deadlines
from extract.fields.targets import segmented_to_targets
from extract.link_targets import facts_to_linked, targets_to_linked
from extract.load.grid import texts_to_grid
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, Observation, Target

ISSUED = date(2024, 3, 15)


def read_linked(seg: Segmented, info: DocumentInfo) -> tuple[list[Target], list[Observation], list[str]]:
    """The fields stage's targets and observations, with link's indicator resolution."""
    targets, observations, warnings = segmented_to_targets(seg, info)
    return targets_to_linked(targets, seg.lang, news=info.kind == "news"), facts_to_linked(observations, seg.lang), warnings


def _doc(blocks: tuple[Block, ...], lang: str, kind: str, horizon: date | None = None,
         title: str | None = None) -> tuple[Segmented, DocumentInfo]:
    raw = RawDocument("t.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, lang, (Section(None, "", blocks),), ())
    info = DocumentInfo(source="t.md", sha256="0" * 64, format="markdown", language=lang, kind=kind,  # type: ignore[arg-type]
                        issued=ISSUED, horizon=horizon, title=title)
    return seg, info


def news(*paragraphs: str, lang: str = "en") -> tuple[list[Target], list[Observation]]:
    blocks = tuple(Block("paragraph", p, line=i + 1) for i, p in enumerate(paragraphs))
    found = read_linked(*_doc(blocks, lang, "news"))
    return found[0], found[1]


def plan(*blocks: tuple[str, str], lang: str = "vi", horizon: date | None = date(2030, 12, 31)) -> list[Target]:
    made = tuple(Block(kind, text, level=2 if kind == "heading" else 0, line=i + 1) for i, (kind, text) in enumerate(blocks))
    return read_linked(*_doc(made, lang, "plan", horizon))[0]


def values(found: list[Any]) -> list[float]:
    return [f.value for f in found]


# 1. Numbers that are not figures ---------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Posted 15 March 2025 08:30 GMT by the newsroom."),
    ("en", "Updated 2024-11-02 14:05:09 after the meeting."),
    ("en", "The briefing began at 10:45 am GMT+7 in the capital."),
    ("en", "Under Resolution 52 the ministry acted quickly."),
    ("en", "Decision 411 lays out the national strategy."),
    ("en", "Phase 2 of the programme starts soon."),
    ("en", "Residents of District 7 attended the event."),
    ("en", "Officials aged 45 and over took part."),
    ("vi", "Số: 205/KH-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh."),
    ("vi", "Thực hiện KH số 96 của Ủy ban nhân dân tỉnh."),
    ("vi", "Căn cứ Nghị quyết số 57-NQ/TW của Bộ Chính trị."),
    ("vi", "Người dân Quận 7 tham gia hội nghị."),
    ("vi", "Người từ 18 tuổi trở lên được tham gia."),
    ("vi", "Hội nghị diễn ra ngày 16 tháng 6 năm 2025."),
    ("vi", "Cuộc họp lúc 14:30 tại trụ sở."),
])
def test_dates_references_and_places_are_not_quantities(lang: str, text: str) -> None:
    assert text_to_scan(text, lang).quantities == ()


@pytest.mark.parametrize(("blocks", "expected"), [
    ((("paragraph", "1. Mục tiêu cụ thể"), ("paragraph", "(1) Tỷ lệ hộ gia đình có cáp quang đạt 90%;")), [90.0]),
    ((("paragraph", "2.1. Đến năm 2030"), ("paragraph", "Hình thành ít nhất 05 vườn ươm khởi nghiệp.")), [5.0]),
    ((("paragraph", "II. MỤC TIÊU"), ("paragraph", "1️⃣ Phủ sóng 100% thôn bản.")), [100.0]),
    ((("paragraph", "Căn cứ Luật số 47/2019/QH14 ngày 22 tháng 11 năm 2019;"),), []),
    ((("paragraph", "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND"),), []),
    ((("paragraph", "title: Kế hoạch 12\ndate: 2024-03-15"),), []),
])
def test_markers_letterheads_and_front_matter_give_no_targets(blocks: tuple[tuple[str, str], ...],
                                                               expected: list[float]) -> None:
    assert values(plan(*blocks)) == expected


# 2. Goal versus current value and baseline -------------------------------------------------------

@pytest.mark.parametrize(("sentence", "target", "baseline", "observed"), [
    ("Broadband uptake, now under 5 percent, is expected to climb to 30 percent by 2030.", 30, 5, [5]),
    ("The operator aims for 400,000 subscribers by 2026, up from 150,000 subscribers today.", 400000, 150000, []),
    ("Coverage should rise from 12.4 per cent last year to 40 per cent by 2026.", 40, 12.4, [12.4]),
    ("The network aims to reach 200-300 Mbps in urban districts by 2027.", 200, None, []),
    ("E-payment use is set to rise to 75 percent by 2028.", 75, None, []),
])
def test_goal_beside_current_value(sentence: str, target: float, baseline: float | None, observed: list[float]) -> None:
    targets, observations = news(sentence)
    assert values(targets) == [target]
    assert targets[0].baseline == baseline
    assert values(observations) == observed


@pytest.mark.parametrize(("sentence", "observed"), [
    ("The town currently has 42 base stations and 3,100 subscribers.", [42, 3100]),
    ("Hiện nay toàn tỉnh có 87 trạm BTS.", [87]),
])
def test_current_figures_are_observations(sentence: str, observed: list[float]) -> None:
    lang = "vi" if "tỉnh" in sentence else "en"
    targets, observations = news(sentence, lang=lang)
    assert targets == [] and values(observations) == observed


def test_a_current_sentence_inside_the_goals_is_not_a_goal() -> None:
    blocks = (Block("heading", "Mục tiêu", level=2, line=1),
              Block("paragraph", "Hiện nay, toàn tỉnh có 120 trạm 5G.", line=2),
              Block("list_item", "Đến năm 2029 có tối thiểu 300 trạm 5G.", line=3))
    targets, observations, _ = read_linked(*_doc(blocks, "vi", "plan", date(2030, 12, 31)))
    assert [(t.value, t.deadline) for t in targets] == [(300, date(2029, 12, 31))]
    assert values(observations) == [120]


@pytest.mark.parametrize(("lang", "blocks", "goals", "observed"), [
    ("vi", (("heading", "Mục tiêu"), ("paragraph", "Kết quả đến nay có 45 trạm đang phát sóng."),
            ("paragraph", "Có 8/10 huyện hoàn thành việc số hoá hồ sơ, đạt tỷ lệ 80%."),
            ("list_item", "Đến năm 2029 có tối thiểu 300 trạm 5G.")), [300], [45, 8, 80]),
    ("en", (("heading", "Targets"), ("paragraph", "As a result, currently 40 percent of households use fibre."),
            ("paragraph", "There are 12 provinces that have completed the migration, 60 percent of the country."),
            ("list_item", "By 2029, 90 percent of households will have fibre.")), [90], [40, 12, 60]),
])
def test_a_sentence_telling_what_has_been_done_reports_even_among_the_goals(
        lang: str, blocks: tuple[tuple[str, str], ...], goals: list[float], observed: list[float]) -> None:
    made = tuple(Block(kind, text, level=2 if kind == "heading" else 0, line=i + 1)
                 for i, (kind, text) in enumerate(blocks))
    targets, observations, _ = read_linked(*_doc(made, lang, "plan", date(2030, 12, 31)))
    assert values(targets) == goals and values(observations) == observed


def test_observation_without_a_date_takes_the_document_date_flagged() -> None:
    (obs,) = news("There are 214 enterprises in the sector.")[1]
    assert obs.as_of == "2024" and "date_assumed" in obs.flags


# 3. Deadlines carried, paired, resolved, and not leaked -------------------------------------------

@pytest.mark.parametrize(("blocks", "expected"), [
    ((("heading", "Mục tiêu cụ thể đến năm 2027"), ("list_item", "Phủ sóng 5G đạt 80% dân số.")),
     [(80.0, date(2027, 12, 31))]),
    ((("paragraph", "Đến năm 2028, phấn đấu:"), ("list_item", "Tối thiểu 60% hộ gia đình dùng cáp quang.")),
     [(60.0, date(2028, 12, 31))]),
    ((("paragraph", "III. LỘ TRÌNH"), ("paragraph", "1. Giai đoạn 2026 - 2028"),
      ("list_item", "Bảo đảm 100% trường học kết nối băng rộng.")), [(100.0, date(2028, 12, 31))]),
    ((("heading", "Mục tiêu"), ("list_item", "Tỷ lệ hồ sơ trực tuyến đạt 70% trước ngày 30/9/2026.")),
     [(70.0, date(2026, 9, 30))]),
    ((("heading", "Mục tiêu"), ("list_item", "Tỷ lệ hộ dùng cáp quang đạt 90%.")), [(90.0, date(2030, 12, 31))]),
])
def test_plan_deadlines_from_headings_openers_and_horizon(blocks: tuple[tuple[str, str], ...],
                                                          expected: list[tuple[float, date]]) -> None:
    assert [(t.value, t.deadline) for t in plan(*blocks)] == expected


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (("Targets for the two milestones (2026 and 2028) are 70 percent and 95 percent, respectively.",),
     [(70, date(2026, 12, 31)), (95, date(2028, 12, 31))]),
    (("The city plans 2,000 new charging points this year.",), [(2000, date(2024, 12, 31))]),
    (("The province aims to build 12 data centres within the next three years.",), [(12, date(2027, 12, 31))]),
    (("The plan runs to 2030 by design. By 2029, the province will connect 500 schools.",),
     [(500, date(2029, 12, 31))]),
    (("The plan sets goals to be met by 2027.", "Over 70% of adults are expected to use e-signatures by that time."),
     [(70, date(2027, 12, 31))]),
    (("Speeds will reach 14 GB per subscriber by 2025 and 27 GB by 2030.",),
     [(14, date(2025, 12, 31)), (27, date(2030, 12, 31))]),
])
def test_news_deadlines_paired_carried_and_relative(paragraphs: tuple[str, ...], expected: list[tuple[float, date]]) -> None:
    assert [(t.value, t.deadline) for t in news(*paragraphs)[0]] == expected


@pytest.mark.parametrize(("lang", "text", "years"), [
    ("vi", "giảm 20% so với mức trung bình năm 2023, đến năm 2030", [2030]),
    ("en", "by 2030, up from 36% in 2021", [2030]),
    ("en", "As of June this year, most villages are covered", []),
    ("vi", "Giai đoạn 2026 - 2030", [2030]),
    ("en", "by the end of 2026", [2026]),
])
def test_deadline_phrases_and_years_that_are_not_deadlines(lang: str, text: str, years: list[int]) -> None:
    assert [w.day.year for w in deadlines(text, lang, ISSUED) if w.day] == years


def test_a_deadline_does_not_leak_onto_a_current_figure() -> None:
    targets, observations = news("By 2028 the operator will lay 900 km of fibre, currently about 42.3 km.")
    assert values(targets) == [900] and values(observations) == [42.3]


# 4. "all" ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "all communes will have fibre broadband by 2027", [100.0]),
    ("en", "the network will cover all villages by 2026", [100.0]),
    ("en", "all mobile network operators must report quarterly", []),
    ("en", "services spread across all internet users", []),
    ("en", "officials at all levels join the drive", []),
    ("vi", "tất cả các xã có cáp quang", [100.0]),
    ("vi", "tất cả các nhà mạng báo cáo hằng quý", []),
])
def test_all_is_100_percent_only_over_a_population(lang: str, text: str, expected: list[float]) -> None:
    assert [q.value for q in text_to_scan(text, lang).quantities] == expected


# 5. Ranges, units, ranks, locale numbers ---------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "value", "value_max", "percent"), [
    ("en", "200-300 Mbps", 200, 300, False),
    ("en", "50–80 IoT devices", 50, 80, False),
    ("en", "45–50%", 45, 50, True),
    ("vi", "20% - 50%", 20, 50, True),
    ("vi", "4.758,5 MW", 4758.5, None, False),
    ("vi", "1.125 trạm", 1125, None, False),
    ("vi", "88,5%", 88.5, None, True),
    ("en", "1,422 stations", 1422, None, False),
    ("en", "1.77 million subscriptions", 1.77e6, None, False),
    ("vi", "một nửa số hộ", 50, None, True),
    ("en", "half of the residents", 50, None, True),
    ("en", "Eighty percent of services", 80, None, True),
    ("vi", "08/08 huyện", 8, None, False),
])
def test_numbers_ranges_and_words(lang: str, text: str, value: float, value_max: float | None, percent: bool) -> None:
    (q,) = text_to_scan(text, lang).quantities
    assert (q.value, q.value_max, q.percent) == (value, value_max, percent)


@pytest.mark.parametrize(("lang", "item", "expected"), [
    ("vi", "Mỗi xã tối thiểu 200 mẫu đo/xã/tháng.", (">=", 200, "samples/commune/month")),
    ("vi", "Doanh thu tăng 12 %/năm.", ("=", 12, "%")),
    ("vi", "Thuộc top 03 cả nước về chỉ số chuyển đổi số.", ("<=", 3, None)),
    ("vi", "Chỉ số xếp hạng ≤ 3 Đông Nam Á.", ("<=", 3, None)),
    ("vi", "Chỉ số phát triển con người > 0,7.", (">", 0.7, None)),
    ("vi", "Mật độ đạt 30 thuê bao trên 100 dân.", ("=", 30, "per 100 people")),
    ("vi", "Tốc độ tối thiểu 100 Mbit/s.", (">=", 100, "Mbit/s")),
    ("vi", "Nồng độ bụi dưới 40 μg/m3.", ("<", 40, "μg/m3")),
    ("en", "Download speeds of at least 40 Mbps.", (">=", 40, "Mbit/s")),
    ("en", "Use no more than 3 GB per subscriber per month.", ("<=", 3, "GB/subscriber/month")),
    ("en", "The country ranks among the top 30 in the index.", ("<=", 30, None)),
])
def test_comparators_units_and_ranks(lang: str, item: str, expected: tuple[Any, ...]) -> None:
    (t,) = plan(("heading", "Mục tiêu" if lang == "vi" else "Targets"), ("list_item", item), lang=lang)
    sign, value, unit = expected
    assert (t.comparator, t.value) == (sign, value)
    if unit is not None:
        assert t.unit == unit


@pytest.mark.parametrize(("lang", "text", "garbled"), [
    ("en", "the rollout of 17G-PON ports", ["17G-PON"]),
    ("en", "more than 6,5 8G base stations", ["6,5"]),
    ("en", "penetration has reached <>%", ["<>%"]),
])
def test_garbled_figures_are_flagged_never_valued(lang: str, text: str, garbled: list[str]) -> None:
    scan = text_to_scan(text, lang)
    assert scan.quantities == () and all(any(g in x.text for x in scan.garbles) for g in garbled)


# 6. Indicators are words -------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "sentence", "indicator_id"), [
    ("vi", "Tốc độ tải xuống trung bình 4G đạt tối thiểu 50 Mbit/s vào năm 2026.", "mobile_4g_download_speed"),
    ("en", "The 4G average download speed will reach 50 Mbps by 2026.", "mobile_4g_download_speed"),
    ("en", "The digital economy is expected to make up 25 percent of GDP by 2027.", "digital_economy_share_gdp"),
])
def test_one_indicator_across_languages(lang: str, sentence: str, indicator_id: str) -> None:
    (t,) = news(sentence, lang=lang)[0]
    assert t.indicator_id == indicator_id


@pytest.mark.parametrize(("sentence", "words"), [
    ("By 2027, 85 percent of rural clinics will offer telemedicine.", "rural clinics"),
    ("The share of cashless payments will reach 60% by 2026.", "share of cashless payments"),
    ("Province X aims for 70 percent and 95 percent of schools online by 2026 and 2028, respectively.", "schools"),
])
def test_unlisted_indicators_keep_their_words(sentence: str, words: str) -> None:
    found = news(sentence)[0]
    assert found and all(words in t.indicator and "unlisted_indicator" in t.flags for t in found)
    assert all(t.indicator not in ("respectively", "?") and not t.indicator.startswith("By ") for t in found)


# Windows, caps, tables, restatements -------------------------------------------------------------

def test_a_fact_quotes_a_bounded_window_with_its_span() -> None:
    long = "The ministry said " + "the programme continues " * 40 + "and 85 percent of towns will be covered by 2027."
    (t,) = news(long)[0]
    assert len(t.text) <= 300 and "85 percent" in t.text
    assert long[t.source.char_start : t.source.char_end] == t.text


def test_figures_per_sentence_are_capped_with_a_warning() -> None:
    blocks = (Block("paragraph", "tăng 10% " * 200, line=1),)
    targets, observations, warnings = read_linked(*_doc(blocks, "vi", "news"))
    assert len(targets) + len(observations) <= 24 * 2
    assert any("figures in one sentence" in w for w in warnings)


def test_target_table_with_unit_column_and_group_deadlines() -> None:
    rows = (("TT", "Chỉ tiêu", "Đơn vị", "Kết quả"), ("I", "Đến năm 2028", "", ""),
            ("1", "Xếp hạng cạnh tranh số", "Thứ bậc", "≤ 4 khu vực; ≤ 40 thế giới"),
            ("2", "Tỉ lệ giao dịch không tiền mặt", "%", "≥ 75"), ("II", "Đến năm 2040", "", ""),
            ("3", "Số sàn dữ liệu", "Sàn", "6"))
    blocks = (Block("table", "", grid=texts_to_grid(rows, index=1), line=1),)
    found = read_linked(*_doc(blocks, "vi", "plan"))[0]
    assert [(t.comparator, t.value, t.unit, t.deadline.year if t.deadline else None) for t in found] == [
        ("<=", 4, "rank", 2028), ("<=", 40, "rank", 2028), (">=", 75, "%", 2028), ("=", 6, "Sàn", 2040)]


def test_a_goal_an_article_restates_in_another_paragraph_is_one_goal_listing_the_other_place() -> None:
    same = "By 2027, 90 percent of households will have fibre."
    (only,), _ = news(same, "Officials repeated it. " + same)
    assert only.source.line == 1 and [p.line for p in only.also] == [2]


def test_a_plan_goal_restated_in_the_same_words_keeps_a_record_per_place_linked_to_the_other() -> None:
    same = "Đến năm 2027, 90% hộ gia đình có cáp quang."
    first, second = plan(("heading", "I. MỤC TIÊU"), ("paragraph", same), ("paragraph", same))
    assert [p.line for p in first.also] == [3] and [p.line for p in second.also] == [2]
