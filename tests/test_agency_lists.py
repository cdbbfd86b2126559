"""Agency lists as plans write them: commas inside names and between them, "và" inside names and
between agencies, collectives ("các sở, ban, ngành"), scope phrases, acronyms and places.

The generated test composes lists from the agency directory, joins them with the separators real
cells use, renders them through the table shapes of ``tablegen`` and reads them back."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.agencies import split_agencies
from extract.directory import agency_directory
from extract.fields.prose_tasks import lead_value_to_roles
from extract.langdata import load_language
from tablegen import SHAPES, GeneratedTable, render_pipe, task_tables


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a comma before a generic kind of actor, after a name closed by a proper name or place
        ("Đài Phát thanh và Truyền hình Thành phố, cơ quan thông tấn báo chí", ["Đài Phát thanh và Truyền hình Thành phố", "cơ quan thông tấn báo chí"]),
        ("Bộ Tài chính, bộ, ngành liên quan", ["Bộ Tài chính", "bộ, ngành liên quan"]),
        ("Sở Y tế tỉnh Lạng Sơn, các đơn vị trực thuộc", ["Sở Y tế tỉnh Lạng Sơn", "các đơn vị trực thuộc"]),
        ("Các cơ quan Đảng, Quốc hội, Tòa án nhân dân tối cao", ["Các cơ quan Đảng", "Quốc hội", "Tòa án nhân dân tối cao"]),
        # … after a directory agency named by its organisation word
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, cơ quan, tổ chức khác có liên quan",
         ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "cơ quan, tổ chức khác có liên quan"]),
        # … after a long descriptive name
        ("Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập, đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
         ["Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập", "đơn vị sự nghiệp công lập trực thuộc UBND tỉnh"]),
        # a branch and a named office after a comma
        ("Bảo hiểm xã hội Thành phố, Chi nhánh Ngân hàng Chính sách xã hội Thành phố", ["Bảo hiểm xã hội Thành phố", "Chi nhánh Ngân hàng Chính sách xã hội Thành phố"]),
        ("Sở Nông nghiệp và Môi trường, các Sở, ban, ngành", ["Sở Nông nghiệp và Môi trường", "các Sở, ban, ngành"]),
        # enumerations of kinds stay whole
        ("Các Sở, ngành, đơn vị", ["Các Sở, ngành, đơn vị"]),
        ("Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", ["Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
        ("các cơ quan, tổ chức, cá nhân có liên quan", ["các cơ quan, tổ chức, cá nhân có liên quan"]),
        ("Tập đoàn, doanh nghiệp công nghệ số", ["Tập đoàn, doanh nghiệp công nghệ số"]),
        ("Các bộ, ngành, địa phương là chủ quản CSDLQG, CSDL chuyên ngành", ["Các bộ, ngành, địa phương là chủ quản CSDLQG, CSDL chuyên ngành"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        # "và" before a locality ending the list; a qualifier after it is shared
        ("Các sở, ban, ngành và địa phương", ["Các sở, ban, ngành", "địa phương"]),
        ("Các cơ quan Trung ương và địa phương", ["Các cơ quan Trung ương", "địa phương"]),
        ("Các bộ, ngành và địa phương có liên quan", ["Các bộ, ngành và địa phương có liên quan"]),
        ("các Hiệp hội và Doanh nghiệp công nghệ số Việt Nam", ["các Hiệp hội và Doanh nghiệp công nghệ số Việt Nam"]),
        ("Sở Tư pháp và các đơn vị có liên quan", ["Sở Tư pháp", "các đơn vị có liên quan"]),
        ("Các thành phố trực thuộc Trung ương và một số tỉnh đủ điều kiện", ["Các thành phố trực thuộc Trung ương", "một số tỉnh đủ điều kiện"]),
        # "và" before a directory agency whatever its organisation word
        ("Bộ Công an và Văn phòng Chính phủ", ["Bộ Công an", "Văn phòng Chính phủ"]),
        # acronyms, places
        ("VTV, VOV, TTXVN", ["VTV", "VOV", "TTXVN"]),
        ("các địa phương Bắc Ninh, Bình Dương, An Giang", ["các địa phương Bắc Ninh", "Bình Dương", "An Giang"]),
        # a separator the source lost before a plural of a directory collective
        ("Hội đồng Dân tộc các Ủy ban khác của Quốc hội", ["Hội đồng Dân tộc", "các Ủy ban khác của Quốc hội"]),
        # a scope phrase qualifies the agency before it
        ("Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan, tổ chức khác có liên quan",
         ["Sở Nội vụ", "các sở, ban, ngành Thành phố", "các cơ quan, tổ chức khác có liên quan"]),
        ("Các sở, ngành có liên quan theo chức năng, nhiệm vụ quản lý được giao.", ["Các sở, ngành có liên quan"]),
    ],
)
def test_agency_list_shapes(cell: str, expected: list[str]) -> None:
    assert split_agencies(cell, "vi") == expected


def test_a_noun_that_is_also_a_verb_after_a_kind_and_a_comma_names_actors() -> None:
    """"các cơ quan, tổ chức khác": "tổ chức" (organise / organisation) is a noun in a list."""
    value = "Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan, tổ chức khác có liên quan."
    assert lead_value_to_roles(value, "vi") == (["Sở Nội vụ", "các sở, ban, ngành Thành phố", "các cơ quan, tổ chức khác có liên quan"], [])
    assert lead_value_to_roles("Sở Nội vụ tổ chức thực hiện", "vi") == (["Sở Nội vụ"], [])


# --- generated lists ---------------------------------------------------------------------------


def _reads_alone(name: str) -> bool:
    return split_agencies(name, "vi") == [name]


def _named() -> list[str]:
    """Directory agencies named by an organisation word ("Bộ Công an", "Sở Văn hóa, Thể thao và
    Du lịch"), with a province after some of the provincial ones."""
    heads = tuple(h for h in load_language("vi").words("agencies", "comma_heads") if h[:1].isupper() and not h.endswith(","))
    directory = agency_directory("vi")
    names = [e.name for e in directory.agencies if e.kind not in ("collective", "vague") and e.name.startswith(heads)]
    names += [f"{n} tỉnh Lâm Đồng" for n in names if n.startswith("Sở ")][:4]
    return sorted(n for n in set(names) if _reads_alone(n))


# Collectives as cells write them: an enumeration of kinds, perhaps closed by a place or qualifier.
COLLECTIVES = [
    "các sở, ban, ngành", "các Sở, ban, ngành tỉnh", "các cơ quan, đơn vị có liên quan", "UBND các xã, phường, đặc khu",
    "Ủy ban nhân dân các huyện, thành phố", "các bộ, ngành liên quan", "các cơ quan, tổ chức, cá nhân có liên quan",
    "các doanh nghiệp viễn thông", "các địa phương",
]
NAMED = _named()
# What may follow a named agency after a comma: a collective opening with a kind word, no marker.
KINDS_AFTER_NAME = ["cơ quan, tổ chức khác có liên quan", "đơn vị sự nghiệp trực thuộc", "bộ, ngành liên quan"]


@st.composite
def agency_lists(draw: st.DrawFn) -> tuple[str, list[str]]:
    """(cell text, agencies) for a list of one to four agencies, joined as real cells join them:
    "; " anywhere; ", " after a named agency, or before a name or a plural; "và" before the
    last when it is a name or a plural; a line break where a converter wraps the cell."""
    count = draw(st.integers(1, 4))
    items: list[str] = []
    text = ""
    for at in range(count):
        previous_named = bool(items) and items[-1] in NAMED
        kinds = ["named", "collective"] + (["kind"] if previous_named else [])
        kind = draw(st.sampled_from(kinds))
        pool = {"named": NAMED, "collective": COLLECTIVES, "kind": KINDS_AFTER_NAME}[kind]
        item = draw(st.sampled_from([p for p in pool if p not in items]))
        if at:
            joins = ["; ", ", "] if previous_named or kind == "named" or item.casefold().startswith(("các ", "ubnd", "ủy ban")) else ["; "]
            if at == count - 1 and kind != "kind" and (kind == "named" or item.startswith(("các ", "UBND", "Ủy ban"))):
                joins.append(" và ")
            text += draw(st.sampled_from(joins))
        items.append(item)
        text += item
    if draw(st.booleans()) and " " in text:  # the converter wrapped the cell before a lower-case word
        words = text.split(" ")
        wraps = [i for i in range(1, len(words)) if words[i][:1].islower() and words[i - 1] not in (",", ";")]
        if wraps:
            at = draw(st.sampled_from(wraps))
            text = " ".join(words[:at]) + "\n" + " ".join(words[at:])
    return text, items


@settings(max_examples=300, deadline=None, derandomize=True)
@given(agency_lists())
def test_generated_agency_lists_split_back(drawn: tuple[str, list[str]]) -> None:
    text, items = drawn
    assert split_agencies(text, "vi") == items


def _check_table(table: GeneratedTable, shape: str) -> None:
    render, source, fmt = SHAPES[shape]
    rendered = render(table)
    result = extract_text(rendered, source=source, fmt=fmt) if fmt else extract_text(rendered, source=source)
    found = {t.title: ([m.mention for m in t.lead], [m.mention for m in t.cooperating]) for t in result.tasks}
    for task in table.tasks:
        assert found.get(task.title) == (task.lead, task.cooperating), rendered


TABLES = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@TABLES
@given(task_tables(agency_cells=agency_lists()))
def test_generated_agency_cells_read_back_from_html_tables(table: GeneratedTable) -> None:
    _check_table(table, "html")


@TABLES
@given(task_tables(spans=False, agency_cells=agency_lists()))
def test_generated_agency_cells_read_back_from_pipe_tables(table: GeneratedTable) -> None:
    _check_table(table, "pipe")


def test_a_plural_noun_verb_in_a_duty_partner_list_names_actors() -> None:
    """"… và các tổ chức chính trị - xã hội thành phố tổ chức tuyên truyền": the first "tổ
    chức" follows a plural marker (a noun), the second ends the partners (a verb)."""
    from extract.fields.responsibilities import duty_partners

    duty = "Phối hợp với các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội thành phố tổ chức tuyên truyền"
    assert duty_partners(duty, "vi") == ["các sở, ban, ngành", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "các tổ chức chính trị - xã hội thành phố"]
    assert duty_partners("Phối hợp Sở Nội vụ *(Ban Thi đua - Khen thưởng) *tiến hành họp xét", "vi") == ["Sở Nội vụ"]


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Mạnh", "Việt", "Hữu", "Minh"]
GIVEN = ["Cường", "Linh", "Loan", "An", "Hùng", "Thảo", "Dũng"]


@st.composite
def people_per_line(draw: st.DrawFn) -> tuple[str, list[str]]:
    """(cell text, people): one to three people, one per line, as a Word cell names them."""
    names = st.tuples(st.sampled_from(FAMILY), st.sampled_from(MIDDLE), st.sampled_from(GIVEN)).map(" ".join)
    items = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    return "\n".join(items), items


@TABLES
@given(task_tables(spans=False, agency_cells=people_per_line()))
def test_cell_lines_a_converter_joined_with_two_spaces_read_back(table: GeneratedTable) -> None:
    """markitdown writes a Word cell's paragraphs "A  B" in a pipe table: the run of spaces is
    the line break, so the people (whom nothing else separates) come back one by one."""
    rendered = render_pipe(table).replace("<br>", "  ")
    found = {t.title: ([m.mention for m in t.lead], [m.mention for m in t.cooperating])
             for t in extract_text(rendered, source="t.md").tasks}
    for task in table.tasks:
        assert found.get(task.title) == (task.lead, task.cooperating), rendered
