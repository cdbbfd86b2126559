"""Targets and observations: gold comparison on the corpus, and per-language sentence tables."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import extract
from extract.fields.targets import segmented_to_targets
from extract.link_targets import facts_to_linked, targets_to_linked
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, Observation, Target

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "corpus" / "docs").glob("00[0-9]_*.txt"))  # the seeds: every fact exact
SEED_003 = ROOT / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


def read_linked(seg: Segmented, info: DocumentInfo) -> tuple[list[Target], list[Observation], list[str]]:
    """The fields stage's targets and observations, with link's indicator resolution."""
    targets, observations, warnings = segmented_to_targets(seg, info)
    return targets_to_linked(targets, seg.lang, news=info.kind == "news"), facts_to_linked(observations, seg.lang), warnings


def _target_key(t: dict[str, Any]) -> tuple[Any, ...]:
    vmax = t.get("value_max")
    return (t["comparator"], round(float(t["value"]), 6), None if vmax is None else round(float(vmax), 6),
            t.get("unit"), t.get("deadline"))


def _observation_key(o: dict[str, Any]) -> tuple[Any, ...]:
    return (round(float(o["value"]), 6), o.get("unit"), o.get("as_of"))


def _gold(doc: Path) -> dict[str, Any]:
    return json.loads((ROOT / "corpus" / "gold" / f"{doc.stem}.json").read_text(encoding="utf-8"))


def _recall_precision(gold: list[tuple[Any, ...]], got: list[tuple[Any, ...]]) -> tuple[float, float]:
    common = sum((Counter(gold) & Counter(got)).values())
    return (common / len(gold) if gold else 1.0), (common / len(got) if got else 1.0)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_targets_and_observations_match_gold(doc: Path) -> None:
    """Value, unit, comparator and deadline (as_of) of every gold fact; names may differ."""
    result = json.loads(extract.extract_file(doc).to_json())
    gold = _gold(doc)
    t_recall, t_precision = _recall_precision(
        [_target_key(t) for t in gold["targets"]], [_target_key(t) for t in result["targets"]])
    o_recall, o_precision = _recall_precision(
        [_observation_key(o) for o in gold["observations"]], [_observation_key(o) for o in result["observations"]])
    assert (t_recall, t_precision, o_recall, o_precision) == (1.0, 1.0, 1.0, 1.0)


def _news(*paragraphs: str, lang: str = "en", issued: date | None = date(2021, 5, 2)) -> tuple[Segmented, DocumentInfo]:
    blocks = tuple(Block("paragraph", text, line=i + 1) for i, text in enumerate(paragraphs))
    raw = RawDocument("test.txt", "0" * 64, "text", blocks)
    seg = Segmented(raw, lang, (Section(None, "", blocks),), ())
    info = DocumentInfo(source="test.txt", sha256="0" * 64, format="text", language=lang, kind="news", issued=issued)
    return seg, info


def _plan(*items: str, heading: str = "Mục tiêu cụ thể") -> tuple[Segmented, DocumentInfo]:
    blocks = (Block("heading", heading, level=2, page=1, line=1),
              *(Block("list_item", text, page=1, line=i + 3) for i, text in enumerate(items)))
    raw = RawDocument("plan.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, "vi", (Section("objectives", "MỤC TIÊU", blocks),), ())
    info = DocumentInfo(source="plan.md", sha256="0" * 64, format="markdown", language="vi", kind="plan",
                        title="Kế hoạch phát triển hạ tầng số tỉnh Đắk Nông đến năm 2025",
                        horizon=date(2025, 12, 31))
    return seg, info


def _targets(seg_info: tuple[Segmented, DocumentInfo]) -> list[Target]:
    return read_linked(*seg_info)[0]


def _observations(seg_info: tuple[Segmented, DocumentInfo]) -> list[Observation]:
    return read_linked(*seg_info)[1]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bac Giang targets an average of 14 GB of data each month per broadband subscriber by 2025, "
         "with the figure to increase to 27 GB by 2030.",
         [("=", 14, None, "GB/subscriber/month", date(2025, 12, 31)),
          ("=", 27, None, "GB/subscriber/month", date(2030, 12, 31))]),
        ("Each 100 local people will be connected to 75-100 IoT devices by 2025 and 150-200 by 2030.",
         [("range", 75, 100, "per 100 people", date(2025, 12, 31)),
          ("range", 150, 200, "per 100 people", date(2030, 12, 31))]),
        ("Half of the local population are to have e-payment accounts within the next four years.",
         [("=", 50, None, "%", date(2025, 12, 31))]),
        ("The city aims to have at least 90% of households connected by 2030.",
         [(">=", 90, None, "%", date(2030, 12, 31))]),
        ("Download speeds will reach up to 100 Mbps by 2026.",
         [("<=", 100, None, "Mbit/s", date(2026, 12, 31))]),
    ],
)
def test_english_goal_sentences(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = _targets(_news(sentence))
    assert [(t.comparator, t.value, t.value_max, t.unit, t.deadline) for t in found] == expected


def test_baseline_is_read_not_reported_as_a_target() -> None:
    (target,) = _targets(_news("The share of households with fibre is to reach 80% by 2025, up from 36% in 2021."))
    assert (target.value, target.baseline, target.deadline) == (80, 36, date(2025, 12, 31))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Across the province, there are 1,125 base transceiver stations (BTS), with around 60 new stations "
         "added each year.", [(1125, "stations", "2021"), (60, "stations/year", "2021")]),
        ("Of these, 1,087 are 4G stations and 44 are 5G.", [(1087, "stations", "2021"), (44, "stations", "2021")]),
        ("The proportion of households with fibre is estimated at over 60%, up sharply from 36% in 2021.",
         [(60, "%", "2021"), (36, "%", "2021")]),
        ("Total telecommunications revenue in 2020 topped 1.9 trillion VND (82.17 million USD).",
         [(1.9e12, "VND", "2020")]),
        ("Companies earned over 153 trillion VND in revenue last year.", [(153e12, "VND", "2020")]),
        ("As of June this year, more than 85% of villages are covered.", [(85, "%", "2021-06")]),
        ("Điện Biên province has five telecommunications service providers.", [(5, "providers", "2021")]),
    ],
)
def test_english_observations(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = _observations(_news(sentence))
    assert [(o.value, o.unit, o.as_of) for o in found] == expected


def test_observation_undated_article_has_no_as_of() -> None:
    (obs,) = _observations(_news("Coverage currently stands at only about 88.5%.", issued=None))
    assert (obs.value, obs.as_of) == (88.5, None)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Dịch vụ truy nhập Internet 4G: Tốc độ tải xuống trung bình tối thiểu 40 Mbit/s.",
         [(">=", 40, "Mbit/s", "mobile_4g_download_speed")]),
        ("Phủ sóng băng rộng di động 100% các tuyến đường quốc lộ; đảm bảo không để mất sóng quá 1 km liên tục.",
         [("=", 100, "%", "highway_mobile_coverage"), ("<=", 1, "km", "signal_loss_stretch")]),
        ("100% các huyện, thành phố có sóng dịch vụ 5G và 50% tỷ lệ dân số được phủ sóng dịch vụ.",
         [("=", 100, "%", "districts_5g_coverage"), ("=", 50, "%", "population_5g_coverage")]),
        ("Số trạm BTS đạt 1.125 trạm, tỷ lệ hộ gia đình có cáp quang đạt 88,5%.",
         [("=", 1125, "stations", "base_stations"), ("=", 88.5, "%", "households_fibre")]),
    ],
)
def test_vietnamese_objectives(item: str, expected: list[tuple[Any, ...]]) -> None:
    found = _targets(_plan(item))
    assert [(t.comparator, t.value, t.unit, t.indicator_id) for t in found] == expected
    assert all(t.deadline == date(2025, 12, 31) and t.area == "Đắk Nông" for t in found)


def test_heading_deadline_overrides_horizon() -> None:
    (target,) = _targets(_plan("Tốc độ tải xuống tối thiểu 40 Mbit/s.", heading="Mục tiêu đến năm 2024"))
    assert target.deadline == date(2024, 12, 31)


def test_provenance_points_at_the_sentence() -> None:
    seg, info = _news("Nothing here.", "Intro sentence. There are 658 enterprises in the province.")
    (obs,) = read_linked(seg, info)[1]
    block = seg.sections[0].blocks[1]
    assert obs.source.line == 2
    assert obs.source.char_start is not None and obs.source.char_end is not None
    assert block.text[obs.source.char_start : obs.source.char_end] == obs.text == obs.source.text


def test_task_output_targets_on_seed_003() -> None:
    result = extract.extract_file(SEED_003)
    from_tables = {(t.comparator, t.value, t.unit, t.deadline) for t in result.targets if t.source.table is not None}
    assert from_tables == {
        ("=", 8, "districts/city", date(2025, 12, 31)),
        (">=", 300, "samples/commune/month", None),
        ("=", 100, "%", None),
    }


def test_a_threshold_that_triggers_an_action_is_not_a_goal() -> None:
    """ "ứng phó khẩn cấp khi chỉ số AQI ≥ 300": the figure names when to act, not what to reach."""
    text = ("KẾ HOẠCH\n\nI. MỤC TIÊU\n\nĐến năm 2027, ban hành quy trình ứng phó khẩn cấp khi chỉ số AQI ≥ 300 "
            "trong 03 ngày liên tục; 100% tỉnh có trạm quan trắc.\n")
    got = [(t.value, t.unit) for t in extract.extract_text(text, source="x.md").targets]
    assert got == [(100.0, "%")]


def test_a_counted_figure_led_in_by_a_goal_word_in_plan_prose_is_a_goal() -> None:
    text = ("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n1. Xây dựng đô thị\n\n- Nghiên cứu vật liệu mới đảm bảo mục tiêu đạt 1.200 "
            "công trình xanh vào năm 2030.\n\n- Nghiên cứu vật liệu mới cho 12 công trình thí điểm.\n")
    got = [(t.value, t.deadline) for t in extract.extract_text(text, source="x.md").targets]
    assert got == [(1200.0, date(2030, 12, 31))]


def test_industrial_parks_written_capitalised_or_as_acronyms_are_counted() -> None:
    text = ("KẾ HOẠCH\n\nII. MỤC TIÊU\n\n2. Các chỉ tiêu cụ thể đến năm 2030\n\n"
            "- Hình thành mới 05 Khu công nghiệp, nâng tổng số lên 12 KCN; tỷ lệ lấp đầy đạt trên 80%.\n\n"
            "- 01 Khu công nghiệp đạt tiêu chuẩn KCN sinh thái; thành lập 15 Cụm công nghiệp.\n")
    got = [(t.value, t.unit) for t in extract.extract_text(text, source="x.md").targets]
    assert got == [(5.0, "industrial parks"), (12.0, "industrial parks"), (80.0, "%"), (1.0, "industrial parks"),
                   (15.0, "industrial clusters")]


def test_society_is_not_a_commune_unit() -> None:
    """'kinh tế - xã hội … 5 năm' is the five-year plan, not five communes; '20 xã' still counts communes."""
    text = ("KẾ HOẠCH\n\nI. MỤC TIÊU\n\nGiám sát các chỉ tiêu theo Kế hoạch phát triển kinh tế - xã hội hằng năm và 5 năm.\n\n"
            "Đến năm 2026, phủ sóng 5G tối thiểu 20 xã.\n")
    got = [(t.value, t.unit) for t in extract.extract_text(text, source="x.md").targets]
    assert got == [(20.0, "communes")]


@pytest.mark.parametrize(("text", "lang"), [
    (" date 2021-05-02 All national databases will be completed and shared by 2025.", "en"),
    (" date 2021-05-02 By 2025, all dossiers at the provincial level will be resolved online.", "en"),
    ("KẾ HOẠCH\n\nI. MỤC TIÊU\n\nĐến năm 2025, tất cả hồ sơ thủ tục hành chính được giải quyết trực tuyến.\n", "vi"),
])
def test_all_records_and_services_is_a_full_share(text: str, lang: str) -> None:
    got = [(t.value, t.unit, t.deadline) for t in extract.extract_text(text, source="x.md" if lang == "vi" else "x.txt").targets]
    assert got == [(100.0, "%", date(2025, 12, 31))]


@pytest.mark.parametrize(("item", "expected"), [
    ("Phấn đấu đến năm 2030 đạt ít nhất 50% số xã không có ma túy, riêng năm 2025 phấn đấu xây dựng được ít nhất "
     "20% xã không có ma túy.", [(50.0, date(2030, 12, 31)), (20.0, date(2025, 12, 31))]),
    ("Đến năm 2025, tỷ lệ hộ có cáp quang đạt 50%; đến năm 2030 đạt 80%.",
     [(50.0, date(2025, 12, 31)), (80.0, date(2030, 12, 31))]),
    ("Đạt 80% vào năm 2025 và 100% vào năm 2030.", [(80.0, date(2025, 12, 31)), (100.0, date(2030, 12, 31))]),
    ("Xây dựng được ít nhất 20% xã, phường, đặc khu không có ma túy ngay trong năm 2025 và đảm bảo đến năm 2030, "
     "ít nhất 50% xã không có ma túy.", [(20.0, date(2025, 12, 31)), (50.0, date(2030, 12, 31))]),
])
def test_a_date_phrase_opening_the_next_goals_clause_is_that_goals(item: str, expected: list[tuple[float, date]]) -> None:
    got = [(t.value, t.deadline) for t in extract.extract_text(f"KẾ HOẠCH\n\nII. CHỈ TIÊU\n\n- {item}\n", source="x.md").targets]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Nếu có thay đổi, Sở sẽ thông báo bằng văn bản (Thông tin liên hệ: Ông Nguyễn Văn A, SĐT: 0983 134 682).",
    "Mọi vướng mắc đến năm 2025 xin liên hệ đường dây nóng 0214.3840.123 để được hỗ trợ.",
    "By 2030 the hotline +84 24 3943 7500 will answer citizens' questions.",
])
def test_a_telephone_number_is_no_figure(text: str) -> None:
    doc = extract.extract_text(text, source="t.txt", fmt="text")
    assert (doc.targets, doc.observations) == ([], [])
