"""Agencies written one after another with no separator ("Bộ A Bộ B") split into one each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.agencies import split_agencies
from extract.directory import agency_directory
from extract.langdata import load_language


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ", ["Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"]),
        ("Bộ TT&TT Bộ KH&CN", ["Bộ TT&TT", "Bộ KH&CN"]),
        ("Sở Tài chính Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Sở Tài chính Sở Nội vụ Bộ Công an", ["Sở Tài chính", "Sở Nội vụ", "Bộ Công an"]),
        ("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã", ["Sở Khoa học và Công nghệ", "Sở Công Thương", "UBND các phường, xã"]),
        ("Sở Y tế tỉnh Đồng Nai Sở Tài chính", ["Sở Y tế tỉnh Đồng Nai", "Sở Tài chính"]),
        ("Ủy ban nhân dân tỉnh Sở Tài chính", ["Ủy ban nhân dân tỉnh", "Sở Tài chính"]),
        # real names holding a second organisation word stay whole
        ("Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("Văn phòng Ủy ban nhân dân tỉnh Đồng Nai", ["Văn phòng Ủy ban nhân dân tỉnh Đồng Nai"]),
        ("Văn phòng Ủy ban nhân dân Thành phố", ["Văn phòng Ủy ban nhân dân Thành phố"]),
        ("Ban Quản lý các khu công nghiệp", ["Ban Quản lý các khu công nghiệp"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        # a piece the directory does not know: nothing is guessed
        ("Sở Tài chính Sở Hỗn hợp Mới", ["Sở Tài chính Sở Hỗn hợp Mới"]),
    ],
)
def test_run_together_agencies(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell, "vi") == expected


def _standalone() -> list[str]:
    """Directory names and aliases that open with an organisation word ("Sở …"), read back as
    themselves alone and hold no separator of their own (a comma or "và" list is split by other
    rules)."""
    directory = agency_directory("vi")
    heads = tuple(h.strip(" ,") + " " for h in load_language("vi").words("agencies", "comma_heads") if h[:1].isupper())
    names = [n for info in directory.agencies for n in (info.name, *info.aliases)]
    return sorted({n for n in names if n.startswith(heads) and split_agencies(n, "vi") == [n] and "," not in n and " và " not in n})


STANDALONE = _standalone()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(STANDALONE), min_size=2, max_size=3))
def test_run_together_directory_names_read_back(names: list[str]) -> None:
    """Any two or three directory names joined by a space read back as those names, unless the
    joined text is itself a name (then it stays one)."""
    directory = agency_directory("vi")
    joined = " ".join(names)
    parts = split_agencies(joined, "vi")
    if directory.knows(joined, place=False):
        assert parts == [joined]
    else:
        assert [directory.canonical(p) for p in parts] == [directory.canonical(n) for n in names]


def test_a_hostile_run_of_agencies_is_kept_whole_in_linear_time() -> None:
    """Thousands of agencies with no separator (no real cell has them): the search for where to
    cut is quadratic in the cuts, so such a run is kept whole instead of taking minutes."""
    cell = " ".join(["Sở Y tế Sở Nội vụ"] * 3000)
    assert split_agencies(cell, "vi") == [cell]
