from __future__ import annotations

import pytest

from extract.agencies import resolve_agency, split_agencies


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Sở TT&TT;\nUBND các huyện,\nthành phố và các\nđơn vị có liên\nquan", ["Sở TT&TT", "UBND các huyện, thành phố", "các đơn vị có liên quan"]),
        ("Sở Thông tin và\nTruyền thông và\ncác đơn vị có liên\nquan", ["Sở Thông tin và Truyền thông", "các đơn vị có liên quan"]),
        ("Sở Tư pháp, Sở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"]),
        ("Bộ Khoa học và Công nghệ và Bộ Tài chính", ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"]),
        ("Các Sở, ban, ngành; UBND các", ["Các Sở, ban, ngành", "UBND các"]),
        ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
        ("", []),
        # bulleted agencies: one per line, after a stray <br>, or run together on one line
        ("+ Sở Tài chính<br>+ Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
        ("+ Sở Tài chính<br/>+ Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
        ("- Sở Tài chính\n- Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
        ("• Sở Kế hoạch và\nĐầu tư\n• UBND các huyện,\nthành phố", ["Sở Kế hoạch và Đầu tư", "UBND các huyện, thành phố"]),
        ("+ Sở Tài chính + Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
        ("- Sở Tài chính", ["Sở Tài chính"]),
        ("- Sở Văn hóa - Thể thao và Du lịch", ["Sở Văn hóa - Thể thao và Du lịch"]),
        ("Sở Văn hóa - Thể thao và Du lịch", ["Sở Văn hóa - Thể thao và Du lịch"]),

    ],
)
def test_split_agencies(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell, "vi") == expected


def test_split_bulleted_agencies_in_english() -> None:
    cell = "- Department of Finance\n- Department of Health"
    assert split_agencies(cell, "en") == ["Department of Finance", "Department of Health"]
    assert split_agencies("+ Department of Finance + Department of Health", "en") == [
        "Department of Finance", "Department of Health",
    ]


@pytest.mark.parametrize(
    ("mention", "canonical", "flags"),
    [
        ("Sở TT&TT", "Sở Thông tin và Truyền thông", []),
        ("STTTT", "Sở Thông tin và Truyền thông", []),
        ("Department of Information and Communications", "Sở Thông tin và Truyền thông", []),
        ("Sở Thông tin và Truyền thông tỉnh Đắk Nông", "Sở Thông tin và Truyền thông", []),
        ("DNVT", "Doanh nghiệp viễn thông", []),
        ("Các DNVT", "Doanh nghiệp viễn thông", []),
        ("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố", []),
        ("Uỷ ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố", []),
        ("các đơn vị có liên quan", "Các đơn vị có liên quan", ["vague"]),
        ("Sở Thông tin và Truyền thôn", "Sở Thông tin và Truyền thông", ["ambiguous"]),
        ("UBND các", None, ["unresolved"]),
        ("Hội Nông dân xã Đắk Ha", None, ["unresolved"]),
    ],
)
def test_resolve_agency(mention: str, canonical: str | None, flags: list[str]) -> None:
    resolved = resolve_agency(mention, "vi")
    assert (resolved.mention, resolved.agency, resolved.flags) == (mention, canonical, flags)
    assert resolved.confidence < 0.5 if canonical is None else resolved.confidence >= 0.8


@pytest.mark.parametrize(("cell", "expected"), [
    ("Đỗ Mạnh Cường\nVũ Việt Linh\nNguyễn Thị Loan", ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"]),
    ("Trần Văn An\nLê Thị Bình", ["Trần Văn An", "Lê Thị Bình"]),
    ("Sở Khoa học và Công\nnghệ", ["Sở Khoa học và Công nghệ"]),
    ("Phòng Quản lý\nkỹ thuật an toàn", ["Phòng Quản lý kỹ thuật an toàn"]),
])
def test_one_person_per_line_is_one_lead_each(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Lãnh đạo\nSở Giáo dục và Đào tạo", ["Lãnh đạo Sở Giáo dục và Đào tạo"]),
    ("Lãnh đạo\nUBND xã Đức Trọng", ["Lãnh đạo UBND xã Đức Trọng"]),
    ("Sở Y tế\nSở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
])
def test_a_role_line_names_the_people_of_the_body_below_it(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell) == expected
