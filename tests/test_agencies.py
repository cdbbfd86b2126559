from __future__ import annotations

import pytest

from extract.agencies import resolve_agency, split_agencies
from extract.jurisdiction import NATIONAL, document_area, province_in, successor


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Sở TT&TT;\nUBND các huyện,\nthành phố và các\nđơn vị có liên\nquan", ["Sở TT&TT", "UBND các huyện, thành phố", "các đơn vị có liên quan"]),
        ("Sở Thông tin và\nTruyền thông và\ncác đơn vị có liên\nquan", ["Sở Thông tin và Truyền thông", "các đơn vị có liên quan"]),
        ("Sở Tư pháp, Sở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"]),
        ("Bộ Khoa học và Công nghệ và Bộ Tài chính", ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"]),
        ("Các Sở, ban, ngành; UBND các", ["Các Sở, ban, ngành", "UBND các"]),
        ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
        # a name the converter wrapped before a lower-case word continues ("Bộ Quốc" / "phòng")
        ("Bộ Công an, Bộ Quốc\nphòng và các bộ, ngành khác có liên quan", ["Bộ Công an", "Bộ Quốc phòng", "các bộ, ngành khác có liên quan"]),
        ("Bộ Công an, Văn\nphòng Chính phủ", ["Bộ Công an", "Văn phòng Chính phủ"]),
        ("Sở Tài chính\nPhòng Kinh tế", ["Sở Tài chính", "Phòng Kinh tế"]),
        ("Bộ Xây dựng, Tòa án nhân dân tối cao", ["Bộ Xây dựng", "Tòa án nhân dân tối cao"]),
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
        # the departments collective, then the socio-political organisations collective
        ("Sở, ban, ngành, tổ chức chính trị - xã hội", ["Sở, ban, ngành", "tổ chức chính trị - xã hội"]),
        ("Các sở, ban, ngành, các tổ chức chính trị-xã hội", ["Các sở, ban, ngành", "các tổ chức chính trị-xã hội"]),

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
        ("Sở Thông tin và Truyền thôn", "Sở Thông tin và Truyền thông", ["review"]),
        ("UBND các", None, ["unresolved"]),
        ("Hội Nông dân xã Đắk Ha", None, ["unresolved"]),
    ],
)
def test_resolve_agency(mention: str, canonical: str | None, flags: list[str]) -> None:
    resolved = resolve_agency(mention, "vi")
    assert (resolved.mention, resolved.agency, resolved.flags) == (mention, canonical, flags)
    assert resolved.confidence < 0.5 if canonical is None else resolved.confidence >= 0.8


LD, DN = "Lâm Đồng", "Đắk Nông"


@pytest.mark.parametrize(
    ("mention", "area", "canonical", "reason", "where"),
    [
        # exact names, aliases and abbreviations
        ("Sở Thông tin và Truyền thông", LD, "Sở Thông tin và Truyền thông", "name", LD),
        ("Sở TT&TT", LD, "Sở Thông tin và Truyền thông", "acronym", LD),
        ("STTTT", DN, "Sở Thông tin và Truyền thông", "acronym", DN),
        ("Sở TT và TT", LD, "Sở Thông tin và Truyền thông", "acronym", LD),
        ("Department of Information and Communications", LD, "Sở Thông tin và Truyền thông", "alias", LD),
        ("Bộ TT&TT", LD, "Bộ Thông tin và Truyền thông", "acronym", NATIONAL),
        ("BTTTT", DN, "Bộ Thông tin và Truyền thông", "acronym", NATIONAL),
        ("Bộ Khoa học và Công nghệ", LD, "Bộ Khoa học và Công nghệ", "name", NATIONAL),
        ("UBND tỉnh", LD, "Ủy ban nhân dân tỉnh", "acronym", LD),
        ("Ủy ban nhân dân tỉnh", DN, "Ủy ban nhân dân tỉnh", "name", DN),
        ("UBND các huyện, thành phố", LD, "Ủy ban nhân dân các huyện, thành phố", "acronym", LD),
        ("Sở Kế hoạch và Đầu tư", None, "Sở Kế hoạch và Đầu tư", "name", None),
        # a province named in the mention wins over the document's
        ("Sở Thông tin và Truyền thông tỉnh Đắk Nông", LD, "Sở Thông tin và Truyền thông", "name", DN),
        ("Công ty Điện lực Đắk Nông", LD, "Công ty Điện lực Đắk Nông", "name", DN),
        # close spellings of the same level: resolved, for review
        ("Sở Thông tin và Truyền thôn", LD, "Sở Thông tin và Truyền thông", "fuzzy", LD),
        ("Bộ Thông tin và Truyền thôn", LD, "Bộ Thông tin và Truyền thông", "fuzzy", NATIONAL),
        ("Sở Giao thông vận tãi", LD, "Sở Giao thông Vận tải", "fuzzy", LD),
        ("Sở Tài chánh", LD, "Sở Tài chính", "fuzzy", LD),
        # a district committee is never the provincial one (tier), at most the district collective
        ("Ủy ban nhân dân huyện", LD, "Ủy ban nhân dân các huyện, thành phố", "fuzzy", LD),
        # failures that must stay failures: another level, another tier, another province
        ("Sở Ngoại giao", LD, None, "unresolved", LD),
        ("Sở Quốc phòng", LD, None, "unresolved", LD),
        ("Ủy ban nhân dân thành phố Đà Lạt", LD, None, "unresolved", LD),
        # the department, not the ministry of the same words
        ("Sở Nông nghiệp và PTNT", LD, "Sở Nông nghiệp và Phát triển nông thôn", "acronym", LD),
        ("Sở Nông nghiệp và Phát triển nông thôn", DN, "Sở Nông nghiệp và Phát triển nông thôn", "name", DN),
        # a centrally-run city's committee is the provincial committee of that city
        ("UBND thành phố Hà Nội", LD, "Ủy ban nhân dân tỉnh", "acronym", "Hà Nội"),
        ("UBND tỉnh Đắk Nông", LD, "Ủy ban nhân dân tỉnh", "acronym", DN),
        ("Cục Thông tin và Truyền thông", LD, None, "unresolved", None),
        ("Vụ Kế hoạch và Đầu tư", LD, None, "unresolved", NATIONAL),
        ("Ủy ban nhân dân thị xã", LD, None, "unresolved", LD),
        ("Công ty Điện lực Lâm Đồng", LD, None, "unresolved", LD),
        ("Công ty Điện lực Đắk Lắk", LD, None, "unresolved", "Đắk Lắk"),
        ("Trung tâm Thông tin và Truyền thông", LD, None, "unresolved", LD),
        ("Hội Nông dân xã Đắk Ha", LD, None, "unresolved", None),
        ("UBND các", LD, None, "unresolved", LD),
    ],
)
def test_resolution_reason_level_and_area(mention: str, area: str | None, canonical: str | None, reason: str, where: str | None) -> None:
    resolved = resolve_agency(mention, "vi", area)
    assert (resolved.agency, resolved.reason, resolved.area) == (canonical, reason, where)
    assert ("review" in resolved.flags) == (reason == "fuzzy")
    assert ("unresolved" in resolved.flags) == (canonical is None)
    if reason == "fuzzy":
        assert 0.5 < resolved.confidence < 0.9
    elif canonical:
        assert resolved.confidence >= 0.9


def test_no_fuzzy_match_crosses_level() -> None:
    """Every ministry's name, written as a department, resolves to no ministry (and vice versa)."""
    from extract.agencies import agency_directory

    for info in agency_directory("vi").agencies:
        for own, other in (("Bộ ", "Sở "), ("Sở ", "Bộ ")):
            if info.name.startswith(own):
                swapped = resolve_agency(other + info.name.removeprefix(own), "vi", LD)
                assert swapped.agency is None or swapped.agency.startswith(other), (info.name, swapped)


@pytest.mark.parametrize(
    ("issuer", "title", "area"),
    [
        ("UBND TỈNH LÂM ĐỒNG", None, LD),
        ("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Kế hoạch", DN),
        ("Sở Thông tin và Truyền thông", "Kế hoạch phát triển hạ tầng số tỉnh Bắc Giang", "Bắc Giang"),
        ("CHÍNH PHỦ", "Nghị quyết", NATIONAL),
        ("Bộ Thông tin và Truyền thông", None, NATIONAL),
        ("UBND TP. Hồ Chí Minh", None, "Hồ Chí Minh"),
        (None, None, None),
        ("Hội đồng quản trị", "Kế hoạch", None),
    ],
)
def test_document_area(issuer: str | None, title: str | None, area: str | None) -> None:
    assert document_area(issuer, title) == area


def test_provinces_and_successors() -> None:
    assert province_in("Sở TT&TT tỉnh Bà Rịa-Vũng Tàu") == "Bà Rịa - Vũng Tàu"
    assert (successor(DN), successor("Bắc Giang"), successor(LD), successor("Thừa Thiên Huế")) == (LD, "Bắc Ninh", LD, "Huế")
    from extract.jurisdiction import provinces

    current = [p for p in provinces() if p.valid_until is None]
    assert len(current) == 34 and len(provinces()) == 64  # 63 before 2025, and Huế's new name
    assert all(p.source for p in provinces())


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


def test_directory_history_is_sourced_and_consistent() -> None:
    """Every validity date or successor says where it was read (or that it was not); every
    successor is itself in the directory and current; the 2025 ministry mergers are there."""
    from datetime import date

    from extract.directory import agency_directory, directory_rows

    rows = directory_rows("vi")
    names = {r.name: r for r in rows}
    for row in rows:
        if row.valid_from or row.valid_until or row.successor:
            assert row.source, row.name
        if row.successor:
            assert row.valid_until is not None and names[row.successor].valid_until is None, row.name
    directory = agency_directory("vi")
    assert directory.successor("Bộ Thông tin và Truyền thông") == "Bộ Khoa học và Công nghệ"
    assert directory.successor("Bộ Thông tin và Truyền thông", date(2025, 2, 28)) == "Bộ Thông tin và Truyền thông"
    assert directory.carried_on("Sở Thông tin và Truyền thông", DN) == ("Sở Khoa học và Công nghệ", LD)
    assert directory.carried_on("Sở Thông tin và Truyền thông", DN, date(2025, 4, 1)) == ("Sở Khoa học và Công nghệ", DN)
    assert not directory.valid_on("Bộ Nông nghiệp và Môi trường", date(2024, 12, 31))
    assert "unconfirmed" in names["Sở Thông tin và Truyền thông"].source  # type: ignore[operator]


def test_every_directory_row_is_a_valid_agency_record() -> None:
    """The directory keeps plain rows; each reads as the extraction's record (kinds and levels
    among those the schema allows) and carries the document's area when given one."""
    from extract.directory import directory_rows

    rows = directory_rows("vi")
    assert rows
    for row in rows:
        info = row.info("Lâm Đồng")
        assert (info.name, info.kind, info.jurisdiction, tuple(info.aliases), info.area) == (
            row.name, row.kind, row.jurisdiction, row.aliases, "Lâm Đồng")


@pytest.mark.parametrize("mention", ["Sở TT&TT", "STTTT", "Sở Thông tin và Truyền thông tỉnh Lâm Đồng",
                                     "Ủy ban nhân dân", "Bộ Thông tin và Truyền thông", "Sở Thông tin Truyền thông",
                                     "UBND các huyện, thành phố", "Công ty ABC", "  Sở  TT&TT "])
def test_canonical_name_is_what_resolution_finds(mention: str) -> None:
    from extract.directory import canonical_agency

    assert canonical_agency(mention, "vi") == resolve_agency(mention, "vi").agency == resolve_agency(mention, "vi", LD).agency


def test_a_canonical_name_needs_no_record_models() -> None:
    import subprocess
    import sys

    probe = ("import sys\nfrom extract.directory import canonical_agency\n"
             "print(canonical_agency('STTTT'), 'schemas.records' in sys.modules, 'pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["Sở", "Thông", "tin", "và", "Truyền", "thông", "False", "False"]
