"""People named as responsible are kept as persons, linked to the agency their cell gives:
the kh2242 Word plan (and its PDF print) names officials in its lead column, the cv6225 letter
has a column of responsible heads ("Người đứng đầu chịu trách nhiệm") beside its lead agencies."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract import extract_file
from extract.fields.persons import cell_to_persons, is_personal_name
from schemas.records import ExtractedDocument

CORPUS = Path(__file__).parent.parent / "corpus"
KH2242 = ("kh2242-laocai-sct-kiemtra-vlncn-2026.docx", "kh2242-laocai-sct-kiemtra-vlncn-2026.pdf")
CV6225 = "cv6225-bvhttdl-cds-nguoichiutrachnhiem.md"


@cache
def read(name: str) -> ExtractedDocument:
    return extract_file(CORPUS / "docs" / name)


def _gold(name: str) -> dict[str, list[str]]:
    gold = json.loads((CORPUS / "gold" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    return {t["key"]: t["lead"] for t in gold["tasks"]}


@pytest.mark.parametrize("name", KH2242)
def test_officials_in_a_lead_column_are_persons_not_agencies(name: str) -> None:
    found = read(name)
    gold = _gold(name)
    assert {t.key: [p.name for p in t.persons] for t in found.tasks} == gold
    for task in found.tasks:
        assert all(p.role == "lead" and p.agency is None and p.title is None for p in task.persons)
        # the lead cell still reads as written, each entry marked as a person, none an agency
        assert [m.mention for m in task.lead] == gold[task.key]
        assert all(m.reason == "person" and m.agency is None and "unresolved" not in m.flags for m in task.lead)
    assert not any("Đỗ Mạnh Cường" in w for w in found.warnings)
    assert not any(a.name in {"Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"} for a in found.agencies)


def test_a_column_of_responsible_heads_gives_persons_with_their_agencies() -> None:
    tasks = {t.key: t for t in read(CV6225).tasks}
    assert [(p.title, p.agency.mention if p.agency else None) for p in tasks["2"].persons] == [
        ("Cục trưởng", "Cục Du lịch Quốc gia Việt Nam")]
    # "Cục trưởng các Cục: A; B; …. Vụ trưởng Vụ …": one head per agency of the list
    assert [p.agency.mention for p in tasks["4"].persons if p.agency] == [
        "Cục Bản quyền tác giả", "Cục Phát thanh truyền hình và Thông tin điện tử", "Cục Xuất bản, In và Phát hành",
        "Cục Báo chí", "Cục Du lịch Quốc gia Việt Nam", "Vụ Kế hoạch, Tài chính"]
    assert [p.mention for p in tasks["5"].persons] == ["Giám đốc Trung tâm Chuyển đổi số VHTTDL", "Cục trưởng Cục DLQGVN"]
    assert [p.title for p in tasks["9"].persons] == ["Giám đốc", "Thủ trưởng"]
    # each head's agency is also the lead the row names: the persons add to the leads, never replace them
    for task in tasks.values():
        assert task.lead and all(p.role == "lead" and p.name is None for p in task.persons)
        assert all(m.reason != "person" for m in (*task.lead, *task.cooperating))


def test_a_head_in_a_province_plan_resolves_to_that_provinces_department() -> None:
    from extract.link import persons_to_linked

    (person,) = persons_to_linked(cell_to_persons("Giám đốc Sở Thông tin và Truyền thông", "lead", "vi"), "vi", "Lâm Đồng")
    assert person.agency is not None
    assert (person.agency.agency, person.agency.area) == ("Sở Thông tin và Truyền thông", "Lâm Đồng")


@pytest.mark.parametrize(("text", "person"), [
    ("Nguyễn Thị Loan", True), ("Đỗ Mạnh Cường", True), ("Thuế Đồng Nai", False), ("Hà Nội", False),
    ("Sở Tài chính", False), ("UBND", False),
])
def test_a_persons_name_opens_with_a_family_name_and_names_no_province(text: str, person: bool) -> None:
    assert is_personal_name(text, "vi") is person
