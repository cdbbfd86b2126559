"""Seed 003, the reference plan: every converter artefact of its appendix undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract import extract_file
from schemas.records import ExtractedDocument

SEED = Path(__file__).parent.parent / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


@pytest.fixture(scope="module")
def plan() -> ExtractedDocument:
    return extract_file(SEED)


def test_seven_tasks_in_four_groups(plan: ExtractedDocument) -> None:
    assert [t.key for t in plan.tasks] == ["I.1", "I.2", "I.3", "II.4", "III.5", "III.6", "IV.7"]
    assert [t.group.number for t in plan.tasks if t.group] == ["I", "I", "I", "II", "III", "III", "IV"]


def test_header_fragment_ends_task_2_outputs(plan: ExtractedDocument) -> None:
    outputs = plan.tasks[1].outputs or ""
    assert outputs.endswith("theo quy định của pháp luật để mở rộng vùng phủ 4G 5G, cũng như giảm thiểu chi đầu tư.")
    assert "continued" in plan.tasks[1].flags


def test_header_fragment_ends_task_4_outputs(plan: ExtractedDocument) -> None:
    outputs = plan.tasks[3].outputs or ""
    assert "- Xây dựng các trạm gốc có độ an toàn cao, nâng cao mức độ chống chịu thảm họa" in outputs
    assert outputs.endswith("- Đẩy mạnh công tác rà soát định kỳ, tối ưu hóa hệ thống, đảm bảo tính bền vững cơ sở hạ tầng viễn thông")


def test_pipe_table_copy_is_not_counted_again(plan: ExtractedDocument) -> None:
    assert len(plan.tasks) == 7
    assert sum("another rendering of the same table" in w for w in plan.warnings) == 3


def test_last_task_is_kept_and_flagged_truncated(plan: ExtractedDocument) -> None:
    last = plan.tasks[-1]
    assert last.flags == ["truncated"] and last.confidence < 0.9
    assert [m.mention for m in last.cooperating] == ["Các Sở, ban, ngành", "UBND các"]
    assert last.cooperating[1].agency is None and "unresolved" in last.cooperating[1].flags


def test_agencies_split_and_resolved(plan: ExtractedDocument) -> None:
    first = plan.tasks[0]
    assert [(m.mention, m.agency) for m in first.cooperating] == [
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố"),
        ("các đơn vị có liên quan", "Các đơn vị có liên quan"),
    ]
    assert first.cooperating[2].flags == ["vague"]
    assert plan.tasks[1].cooperating[1].agency == "Doanh nghiệp viễn thông"  # DNVT


def test_timeframes_parsed_with_continuous_bounded_by_horizon(plan: ExtractedDocument) -> None:
    first, second, fifth = plan.tasks[0].timeframe, plan.tasks[1].timeframe, plan.tasks[4].timeframe
    assert first and (first.start, first.end) == (date(2024, 1, 1), date(2025, 12, 31))
    assert second and (second.start, second.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert fifth and (fifth.text, fifth.recurrence, fifth.end) == ("Thường xuyên", "continuous", date(2025, 12, 31))


def test_provenance_points_at_page_table_and_row(plan: ExtractedDocument) -> None:
    assert [(t.source.page, t.source.table, t.source.row) for t in plan.tasks[:4]] == [(5, 1, 3), (5, 1, 4), (6, 2, 2), (6, 2, 4)]


def test_document_facts(plan: ExtractedDocument) -> None:
    doc = plan.document
    assert doc.title == "Kế hoạch nâng cao chất lượng mạng viễn thông di động tỉnh Đắk Nông đến năm 2025"
    assert doc.issuer == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    assert doc.number is None and doc.horizon == date(2025, 12, 31) and doc.kind == "plan"
    assert [(r.number, r.date) for r in doc.references] == [
        ("1110/QĐ-BTTTT", date(2024, 7, 2)),
        ("570/QĐ-UBND", date(2021, 3, 21)),
        ("09/NQ-TU", date(2021, 11, 1)),
        ("34/KH-STTTT", date(2024, 5, 9)),
    ]


def test_prose_duties_from_the_implementation_section(plan: ExtractedDocument) -> None:
    duties = [(d.agency.agency, d.role) for d in plan.responsibilities]
    assert len(duties) == 11
    assert duties[:4] == [
        ("Sở Thông tin và Truyền thông", "lead"),
        ("Sở Thông tin và Truyền thông", "cooperate"),
        ("Sở Thông tin và Truyền thông", "lead"),
        ("Sở Giao thông Vận tải", "lead"),
    ]
    assert {d.agency.agency for d in plan.responsibilities[3:7]} == {
        "Sở Giao thông Vận tải", "Sở Xây dựng", "Sở Công Thương", "Công ty Điện lực Đắk Nông",
    }


def test_same_bytes_give_the_same_json() -> None:
    assert extract_file(SEED).to_json() == extract_file(SEED).to_json()


def test_english_seeds_read_without_error_and_boilerplate_contributes_nothing() -> None:
    news = extract_file(SEED.with_name("001_9bb67069d732fb41.txt"))
    assert news.document.kind == "news" and news.document.language == "en"
    assert any("web-page boilerplate" in w for w in news.warnings)
    article = SEED.with_name("001_9bb67069d732fb41.txt").read_text(encoding="utf-8").split("\nComment\n")[0]
    assert news.observations and all(o.text in " ".join(article.split()) for o in news.observations)
    from extract.load import load_file
    from extract.normalize import raw_to_normalized

    normalized, _ = raw_to_normalized(load_file(SEED.with_name("001_9bb67069d732fb41.txt")))
    assert not any("Recent news" in b.text or "143 collectives" in b.text for b in normalized.blocks)
    dated = extract_file(SEED.with_name("000_f3d760a5877f9be0.txt"))
    assert dated.document.issued == date(2021, 5, 2) and dated.document.issuer == "VNA"
