"""Duties written as prose: agency headings, named subjects, partners, both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.fields.responsibilities import duty_partners, duty_role, heading_to_agencies

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PROSE = Path(__file__).resolve().parent / "data" / "prose"


def _duties(text: str) -> list[tuple[str, str, list[str]]]:
    doc = extract_text(text, source="x.md")
    return [(d.agency.mention, d.role, [m.mention for m in d.cooperating]) for d in doc.responsibilities]


def test_numbered_agency_headings_and_their_bullets() -> None:
    text = (
        "I. MỤC TIÊU\n\nPhủ sóng 5G.\n\nIV. TỔ CHỨC THỰC HIỆN\n\n**1. Sở Khoa học và Công nghệ**\n\n"
        "- Chủ trì, phối hợp với Sở Xây dựng, các đơn vị có liên quan hướng dẫn doanh nghiệp.\n\n"
        "- Phối hợp chặt chẽ với các nhà mạng để xây dựng lộ trình.\n\n**2. Các chủ đầu tư hạ tầng khu công nghiệp**\n\n"
        "- Tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị.\n\n- Chủ động phối hợp với chủ đầu tư cung cấp thông tin.\n\n"
        "Trên đây là Kế hoạch phát triển 5G. Ủy ban nhân dân tỉnh yêu cầu các sở triển khai.\n\nNơi nhận:\n\n- Như trên;\n"
    )
    assert _duties(text) == [
        ("Sở Khoa học và Công nghệ", "lead", ["Sở Xây dựng", "các đơn vị có liên quan"]),
        ("Sở Khoa học và Công nghệ", "cooperate", ["các nhà mạng"]),
        ("Các chủ đầu tư hạ tầng khu công nghiệp", "cooperate", []),
        ("Các chủ đầu tư hạ tầng khu công nghiệp", "cooperate", ["chủ đầu tư"]),
    ]


def test_request_heading_names_several_agencies_with_a_shared_prefix() -> None:
    assert heading_to_agencies("Đề nghị các Sở: Giao thông Vận tải, Xây dựng, Công thương; Công ty Điện lực Đắk Nông", "vi") == [
        "Sở Giao thông Vận tải", "Sở Xây dựng", "Sở Công thương", "Công ty Điện lực Đắk Nông"]
    assert heading_to_agencies("2. Sở Tài chính (Giao Phòng Ngân sách)", "vi") == ["Sở Tài chính"]


def test_a_task_heading_names_nobody_and_a_sentence_names_its_subject() -> None:
    text = (
        "MỤC TIÊU\n\nĐạt 90%.\n\nTỔ CHỨC THỰC HIỆN\n\n1. Công tác theo dõi, kiểm tra\n\n"
        "- Định kỳ kiểm tra tiến độ thực hiện.\n\n"
        "2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí thực hiện Kế hoạch.\n"
    )
    assert _duties(text) == [("Sở Tài chính", "lead", ["Sở Nội vụ"])]


def test_english_sentence_with_lead_and_partner() -> None:
    text = (
        "OBJECTIVES\n\nAll communes have fibre by 2030.\n\nIMPLEMENTATION\n\n"
        "The Department of Information and Communications will lead the rollout, in coordination with the "
        "Department of Construction.\n"
    )
    assert _duties(text) == [("The Department of Information and Communications", "lead", ["the Department of Construction"])]


@pytest.mark.parametrize(("duty", "role"), [
    ("Chủ trì, phối hợp với các sở triển khai.", "lead"),
    ("Phối hợp chặt chẽ với các nhà mạng.", "cooperate"),
    ("Chủ động phối hợp với chủ đầu tư.", "cooperate"),
    ("Tạo điều kiện cho doanh nghiệp.", "cooperate"),
    ("Hướng dẫn các chủ đầu tư thực hiện thủ tục.", "lead"),
])
def test_duty_role(duty: str, role: str) -> None:
    assert duty_role(duty, "vi")[0] == role


def test_duty_partners_stop_at_the_work() -> None:
    assert duty_partners("Phối hợp với Sở Công thương, Công ty Điện lực Đắk Nông đảm bảo nguồn điện.", "vi") == [
        "Sở Công thương", "Công ty Điện lực Đắk Nông"]
    assert duty_partners("Phối hợp với Sở Xây dựng tháo gỡ khó khăn.", "vi") == ["Sở Xây dựng"]


def test_kh987_prose_duties_match_gold() -> None:
    gold = json.loads((CORPUS / "gold" / "kh987-nghean-5g-iot-kcn-prose.json").read_text(encoding="utf-8"))
    doc = extract_file(CORPUS / "docs" / "kh987-nghean-5g-iot-kcn-prose.md")
    assert doc.tasks == []
    assert [(" ".join(d.duty.split()), d.agency.mention, d.role) for d in doc.responsibilities] == [
        (" ".join(g["duty"].split()), g["agency"], g["role"]) for g in gold["responsibilities"]]


def test_kh3260_duties_under_party_group_headings() -> None:
    doc = extract_file(PROSE / "kh3260-ddqh-nq57-prose.md")
    owners = {d.agency.mention for d in doc.responsibilities}
    assert "Tổ đảng ở Thường trực Ủy ban KH,CN&MT" in owners and "Đảng ủy cơ quan Văn phòng Quốc hội" in owners
    assert not any(len(o) > 120 for o in owners)
