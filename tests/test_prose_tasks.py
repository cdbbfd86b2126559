"""Tasks written as labelled prose items, in the shapes real plans use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.fields.prose_labels import label_role
from extract.fields.prose_tasks import lead_value_to_roles

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PROSE = Path(__file__).resolve().parent / "data" / "prose"


def _tasks(text: str) -> list[tuple[str, str | None, str, list[str], list[str], str | None]]:
    doc = extract_text(text, source="x.md")
    return [(t.key, t.group.title if t.group else None, t.title, [m.mention for m in t.lead],
             [m.mention for m in t.cooperating], t.timeframe.text if t.timeframe else None) for t in doc.tasks]


def test_bullets_with_label_sets_under_numbered_headings() -> None:
    """Bac Ninh shape: a heading holds one or more bullet blocks, each with its labels."""
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n**1. Rà soát đội ngũ công chức**\n\n- Rà soát, kiện toàn đội ngũ.\n\n"
        "*Đơn vị chủ trì thực hiện: *Các\nSở, ngành, UBND cấp xã.\n\n*Đơn vị phối hợp: *Sở Nội\nvụ, Sở Tư pháp.\n\n"
        "*Thời gian thực hiện: *Thường\nxuyên.\n\n**2. Tập huấn kỹ năng**\n\n- Tổ chức tập huấn.\n\n"
        "*Đơn vị chủ trì tham mưu thực\nhiện: *Sở Tư pháp.\n\n*Thời gian thực hiện: *Hằng năm.\n\n"
        "- Bồi dưỡng kiến thức pháp luật.\n\n*- Đơn vị chủ trì: *Sở Nội vụ.\n\n*- Đơn vị phối hợp: *các cơ quan, đơn vị\n\n"
        "liên quan.\n\n*- Thời gian thực hiện: *Tháng 12/2026.\n\n**3. Đẩy mạnh chuyển đổi số.**\n\n"
        "- Ứng dụng AI.\n\n*Đơn vị chủ trì: *Sở Khoa học và Công nghệ.\n\n*Thời gian thực hiện: *Thường xuyên.\n"
    )
    assert _tasks(text) == [
        ("1.1", "Rà soát đội ngũ công chức", "Rà soát, kiện toàn đội ngũ.", ["Các Sở, ngành", "UBND cấp xã"],
         ["Sở Nội vụ", "Sở Tư pháp"], "Thường xuyên."),
        ("2.1", "Tập huấn kỹ năng", "Tổ chức tập huấn.", ["Sở Tư pháp"], [], "Hằng năm."),
        ("2.2", "Tập huấn kỹ năng", "Bồi dưỡng kiến thức pháp luật.", ["Sở Nội vụ"],
         ["các cơ quan, đơn vị liên quan"], "Tháng 12/2026."),
        ("3.1", "Đẩy mạnh chuyển đổi số.", "Ứng dụng AI.", ["Sở Khoa học và Công nghệ"], [], "Thường xuyên."),
    ]


def test_numbered_items_with_embedded_roles() -> None:
    """Lâm Đồng letter shape: "(1)" items under numbered groups; a lead line naming both roles."""
    text = (
        "Để triển khai mô hình chính quyền hai cấp, đề nghị các cơ quan thực hiện:\n\n"
        "1. Hoàn thiện hạ tầng công nghệ thông tin\n\n(1) Nâng cấp hệ thống truyền dẫn.\n\n"
        "- Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ.\n\n- Thời gian hoàn thành: Thực hiện thường xuyên.\n\n"
        "(2) Sao lưu cơ sở dữ liệu của các tỉnh sáp nhập.\n\n"
        "- Đơn vị thực hiện: Văn phòng UBND tỉnh chủ trì, phối hợp với Công an tỉnh thực hiện.\n\n"
        "- Thời gian hoàn thành: Trong tháng 8/2025.\n"
    )
    doc = extract_text(text, source="x.md")
    assert [(t.key, t.group.title if t.group else None, t.title) for t in doc.tasks] == [
        ("1.1", "Hoàn thiện hạ tầng công nghệ thông tin", "Nâng cấp hệ thống truyền dẫn."),
        ("1.2", "Hoàn thiện hạ tầng công nghệ thông tin", "Sao lưu cơ sở dữ liệu của các tỉnh sáp nhập."),
    ]
    second = doc.tasks[1]
    assert [m.mention for m in second.lead] == ["Văn phòng UBND tỉnh"]
    assert [m.mention for m in second.cooperating] == ["Công an tỉnh"]
    assert second.timeframe and (second.timeframe.start, second.timeframe.end) == (date(2025, 8, 1), date(2025, 8, 31))
    assert doc.document.kind == "plan"  # a letter that assigns tasks
    assert second.source.line == 11 and second.source.column == "prose"


def test_each_numbered_heading_is_a_task_when_it_has_one_label_set() -> None:
    """Hà Nội shape: numbered item headings (1, 2, 3.1 …) each followed by its labels."""
    text = (
        "II. NỘI DUNG\n\n1. Triển khai kết nối dữ liệu\n\n- Các bệnh viện kết nối dữ liệu với Sở Y tế.\n\n"
        "- Đơn vị thực hiện: Các bệnh viện.\n\n- Thời gian thực hiện: Hoàn thành trước ngày 30/9/2025.\n\n"
        "2. Rà soát an ninh mạng\n\n- Đơn vị thực hiện: Công an Thành phố.\n\n- Thời gian thực hiện: Duy trì thường xuyên.\n\n"
        "3. Triển khai bệnh án điện tử\n\n3.1. Khảo sát đánh giá\n\n- Đơn vị thực hiện: Các bệnh viện.\n\n"
        "3.2. Nâng cấp hạ tầng\n\n- Thời gian thực hiện: Theo lộ trình đã đề ra.\n"
    )
    assert [(k, g, t, lead, tf) for k, g, t, lead, _, tf in _tasks(text)] == [
        ("1", None, "Triển khai kết nối dữ liệu", ["Các bệnh viện"], "Hoàn thành trước ngày 30/9/2025."),
        ("2", None, "Rà soát an ninh mạng", ["Công an Thành phố"], "Duy trì thường xuyên."),
        ("3.1", "Triển khai bệnh án điện tử", "Khảo sát đánh giá", ["Các bệnh viện"], None),
        ("3.2", "Triển khai bệnh án điện tử", "Nâng cấp hạ tầng", [], "Theo lộ trình đã đề ra."),
    ]


def test_a_lone_label_is_not_a_task_list() -> None:
    assert _tasks("MỤC TIÊU\n\nNâng cấp mạng.\n\nThời gian thực hiện: năm 2026.\n") == []


@pytest.mark.parametrize(("label", "role"), [
    ("Đơn vị chủ trì thực hiện", "lead"), ("Đơn vị chủ trì tham mưu thực hiện", "lead"),
    ("Đơn vị thực hiện", "lead"), ("Đơn vị phối hợp", "cooperating"), ("Thời gian hoàn thành", "timeframe"),
    ("Nội dung", "title"), ("Sở Tài chính", None), ("Ghi chú", None),
])
def test_label_role(label: str, role: str | None) -> None:
    assert label_role(label, "vi") == role


def test_lead_value_names_both_roles() -> None:
    assert lead_value_to_roles("Sở Y tế chủ trì, phối hợp với Công an Thành phố, Sở Tài chính thực hiện.", "vi") == (
        ["Sở Y tế"], ["Công an Thành phố", "Sở Tài chính"])
    assert lead_value_to_roles("Sở Tư pháp; Sở Nội vụ.", "vi") == (["Sở Tư pháp", "Sở Nội vụ"], [])


def test_kh141_labelled_prose_matches_gold() -> None:
    gold = json.loads((CORPUS / "gold" / "kh141-bacninh-phapluat-nhanluc-labelled.json").read_text(encoding="utf-8"))
    doc = extract_file(CORPUS / "docs" / "kh141-bacninh-phapluat-nhanluc-labelled.md")
    got = {t.key: t for t in doc.tasks}
    assert set(got) == {t["key"] for t in gold["tasks"]}
    for task in gold["tasks"]:
        mine = got[task["key"]]
        assert " ".join(mine.title.split()) == " ".join(task["title"].split())
        assert [m.mention for m in mine.lead] == task["lead"]
        assert [m.mention for m in mine.cooperating] == task["cooperating"]
        assert mine.timeframe and mine.timeframe.text == task["timeframe"]["text"]


def test_an_empty_label_filled_by_dated_items_gives_one_task_per_item() -> None:
    """'Thời gian thực hiện:' alone on its line, one actor and deadline per '+' item under it:
    each item is a step of its own, led by the agencies it opens with."""
    text = (
        "II. NHIỆM VỤ\n\n1. Rà soát văn bản\n\n- Cơ quan thực hiện: Bộ Công an tiến hành rà soát.\n\n"
        "- Thời gian thực hiện:\n\n"
        "+ Các bộ, Ủy ban nhân dân các tỉnh gửi kết quả rà soát trước ngày 15 tháng 12 năm 2025.\n\n"
        "+ Bộ Công an báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025.\n\n"
        "2. Tuyên truyền\n\n- Cơ quan thực hiện: Bộ Tư pháp.\n\n- Thời gian thực hiện: năm 2026.\n"
    )
    tasks = extract_text(text, source="x.md").tasks
    assert [(t.key, t.title, [m.mention for m in t.lead], t.timeframe.end if t.timeframe else None) for t in tasks] == [
        ("1-1", "Rà soát văn bản", ["Các bộ", "Ủy ban nhân dân các tỉnh"], date(2025, 12, 15)),
        ("1-2", "Rà soát văn bản", ["Bộ Công an"], date(2025, 12, 31)),
        ("2", "Tuyên truyền", ["Bộ Tư pháp"], date(2026, 12, 31)),
    ]
    assert tasks[1].timeframe is not None and tasks[1].timeframe.text.startswith("Bộ Công an báo cáo")


def test_items_filling_a_label_without_their_own_dates_stay_one_task() -> None:
    text = (
        "1. Rà soát văn bản\n\n- Cơ quan thực hiện: Bộ Công an.\n\n- Thời gian thực hiện:\n\n"
        "+ Trước ngày 15 tháng 12 năm 2025 đối với văn bản của Bộ.\n\n+ Các văn bản khác: theo tiến độ chung.\n\n"
        "2. Tuyên truyền\n\n- Cơ quan thực hiện: Bộ Tư pháp.\n\n- Thời gian thực hiện: năm 2026.\n"
    )
    tasks = extract_text(text, source="x.md").tasks
    assert [(t.key, t.timeframe.end if t.timeframe else None) for t in tasks] == [("1", date(2025, 12, 15)), ("2", date(2026, 12, 31))]


def test_project_descriptions_with_only_a_schedule_are_not_tasks() -> None:
    """A scheme describing each project's schedule and funding ("Thời gian triển khai:") with a
    figure caption above it assigns nothing: no label anywhere names an agency."""
    text = (
        "2. Trung tâm điều hành\n\n|<image_1>|\n\nHình 1: Cấu trúc của Trung tâm điều hành\n\n"
        "Hệ thống được chia làm 3 cấp.\n\n**Thời gian thực hiện:**\n\nGiai đoạn đến 2020: xây dựng trung tâm.\n\n"
        "**Nguồn lực đầu tư:** Ngân sách tỉnh.\n\n3. Trung tâm dữ liệu\n\nHình 2: Mô hình tổng quan\n\n"
        "**Thời gian thực hiện:** Giai đoạn 2019 – 2020.\n\n**Nguồn lực đầu tư:** Ngân sách tỉnh.\n"
    )
    assert _tasks(text) == []


def test_two_labels_on_one_line_split_at_the_semicolon() -> None:
    """'Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z.' closing each numbered heading (a Sở's own plan
    assigning its divisions); the responsible-leader line before it is no agency label."""
    text = (
        "III. NHIỆM VỤ TRỌNG TÂM\n\n1. Tái cơ cấu ngành công nghiệp\n\n- Tham mưu xây dựng chính sách.\n\n"
        "Lãnh đạo phụ trách: Phó giám đốc Nguyễn Văn A.\n\n"
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.\n\n"
        "2. Phát triển nguồn nhân lực\n\n- Phối hợp đào tạo.\n\n"
        "Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp: Phòng Quản lý Công nghiệp.\n"
    )
    assert [(k, t, lead, coop) for k, _, t, lead, coop, _ in _tasks(text)] == [
        ("1", "Tái cơ cấu ngành công nghiệp", ["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]),
        ("2", "Phát triển nguồn nhân lực", ["Văn phòng Sở"], ["Phòng Quản lý Công nghiệp"]),
    ]


@pytest.mark.parametrize("inline", [True, False])
@pytest.mark.parametrize(("task_label", "lead_label", "time_label"), [
    ("Nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"),
    ("Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Thời gian hoàn thành"),
])
def test_lettered_label_fields_give_title_agencies_and_time(
    inline: bool, task_label: str, lead_label: str, time_label: str,
) -> None:
    """Each numbered heading holds 'a) <task>: …', 'b) Cơ quan thực hiện:' with bulleted roles and
    'c) <time>: …': the task field is the title (the heading, often only a topic, is its group) and
    the lettered time label is read like a bare one."""
    works = ["Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.", "Triển khai phương án an toàn thông tin."]
    leads = ["Sở Khoa học và Công nghệ", "Công an Thành phố"]
    times = ["Hoàn thành trong năm 2025.", "Thực hiện thường xuyên."]
    topics = ["Về dữ liệu", "Về đảm bảo an toàn thông tin"]
    parts = ["II. NHIỆM VỤ"]
    for n, (work, lead, when, topic) in enumerate(zip(works, leads, times, topics, strict=True), start=1):
        field = f"a) {task_label}: {work}" if inline else f"a) {task_label}:\n\n- {work}"
        parts += [f"**{n}. {topic}:**", field, "b) Cơ quan thực hiện:",
                  f"- {lead_label}: {lead}.", "- Đơn vị phối hợp: Các Sở, ban, ngành.", f"c) {time_label}: {when}"]
    got = _tasks("\n\n".join(parts) + "\n")
    assert [(k, g, t.lstrip("- "), lead, coop, tf) for k, g, t, lead, coop, tf in got] == [
        (str(n), topic, work, [lead], ["Các Sở, ban, ngành"], when)
        for n, (work, lead, when, topic) in enumerate(zip(works, leads, times, topics, strict=True), start=1)
    ]


@pytest.mark.parametrize("letters", [("a", "b"), ("a", "b", "c")])
def test_lettered_sub_items_with_their_own_labels_are_separate_tasks(letters: tuple[str, ...]) -> None:
    """Lai Châu shape: under '3.1' the items 'a) …', 'b) …' each carry a label set; they are tasks
    '3.1.a', '3.1.b' (not one task with the next item run into its time), and a heading whose
    labels follow it directly stays the task itself."""
    parts = ["II. NỘI DUNG KẾ HOẠCH", "**1. Rà soát văn bản**", "- Cơ quan chủ trì: Sở Tư pháp.",
             "- Thời gian thực hiện: Năm 2026.", "**2. Góp ý dự thảo**", "*2.1. Góp ý nghị định*"]
    for n, letter in enumerate(letters, start=1):
        parts += [f"{letter}) Nghị định số {n} về điều kiện kinh doanh.", "- Cơ quan chủ trì: Sở Công Thương.",
                  f"- Thời gian thực hiện: Quý {n}/2026."]
    got = _tasks("\n\n".join(parts) + "\n")
    assert [(k, g, t, tf) for k, g, t, _, _, tf in got] == [
        ("1", None, "Rà soát văn bản", "Năm 2026."),
        *[(f"2.1.{letter}", "Góp ý nghị định", f"Nghị định số {n} về điều kiện kinh doanh.", f"Quý {n}/2026.")
          for n, letter in enumerate(letters, start=1)],
    ]


@pytest.mark.parametrize(("first", "second", "verb"), [
    ("Sở Khoa học và Công nghệ", "các sở, ngành liên quan", "rà soát"),
    ("Sở Nội vụ", "Ủy ban nhân dân các xã, phường", "chủ động tổ chức"),
])
def test_each_clause_of_a_prose_lead_value_gives_its_subject(first: str, second: str, verb: str) -> None:
    """'Cơ quan thực hiện: X tiến hành rà soát …; Y <verb> …': the agencies are X and Y, not X alone."""
    lead, partners = lead_value_to_roles(f"{first} tiến hành rà soát văn bản của mình; {second} {verb} văn bản "
                                         "do cơ quan mình tham mưu ban hành.", "vi")
    assert (lead, partners) == ([first, second], [])


@pytest.mark.parametrize("field", ["Nội dung", "Nội dung thực hiện"])
def test_a_content_field_describes_the_task_its_heading_names(field: str) -> None:
    """'2. Rà soát văn bản' + '- Nội dung: …': the heading is the task's title, the content its notes
    (unlike a 'Nhiệm vụ:' field under a topic heading)."""
    text = ("II. NỘI DUNG\n\n**1. Rà soát văn bản quy phạm pháp luật**\n\n"
            f"- {field}: Rà soát các văn bản có liên quan đến Luật.\n\n- Cơ quan chủ trì: Sở Tư pháp.\n\n"
            "- Thời gian thực hiện: Năm 2026.\n\n**2. Kiểm tra việc thi hành Luật**\n\n"
            "- Cơ quan chủ trì: Sở Nội vụ.\n\n- Thời gian thực hiện: Hằng năm.\n")
    doc = extract_text(text, source="x.md")
    assert [(t.key, t.title, t.notes) for t in doc.tasks] == [
        ("1", "Rà soát văn bản quy phạm pháp luật", "Rà soát các văn bản có liên quan đến Luật."),
        ("2", "Kiểm tra việc thi hành Luật", None),
    ]


def test_a_lettered_item_after_a_label_set_opens_the_next_task() -> None:
    """'b) Nghị định …' starts with a lower-case letter, yet it is the next item under the heading,
    not the previous time label's text broken by a blank line."""
    labels = "- Cơ quan chủ trì: Sở Khoa học\nvà Công nghệ.\n\n- Cơ quan phối hợp: Các sở, ngành.\n\n- Thời gian thực hiện: {when}\n\n"
    text = (
        "**III. NHIỆM VỤ**\n\n*3.1. Góp ý dự thảo văn bản*\n\n"
        "a) Nghị định quy định chi tiết thi hành Luật.\n\n" + labels.format(when="Quý II/2026.")
        + "b) Nghị định quy định về điều kiện kinh doanh.\n\n" + labels.format(when="Quý IV/2026.")
    )
    assert [(t[0], t[2], t[5]) for t in _tasks(text)] == [
        ("3.1.a", "Nghị định quy định chi tiết thi hành Luật.", "Quý II/2026."),
        ("3.1.b", "Nghị định quy định về điều kiện kinh doanh.", "Quý IV/2026."),
    ]


def _procedures(marker: str, bold: bool, time_label: str, agency_label: str) -> str:
    """Published administrative procedures, each described by lettered or bulleted fields."""
    star = "**" if bold else ""
    parts = ["**QUYẾT ĐỊNH:**\n\nĐiều 1. Công bố kèm theo Quyết định này các thủ tục hành chính nội bộ.\n\n"
             "**PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH**\n\n"]
    for n, (name, days, agency) in enumerate([
        ("Thủ tục thẩm định thành lập đơn vị sự nghiệp công lập", "Trong 10 (mười) ngày, kể từ ngày nhận đủ hồ sơ.", "Sở Nội vụ"),
        ("Thủ tục công bố dịch hại thực vật", "Không quy định.", "Bộ Nông nghiệp và Môi trường"),
        ("Thủ tục cấp lại giấy chứng nhận", "Không quá 07 ngày làm việc.", "Công an tỉnh"),
    ], start=1):
        parts.append(
            f"**{n}. {name}**\n\n{marker.format('a')}{star}Trình tự thực hiện:{star}\n\n- Bước 1: Cơ quan, tổ chức gửi hồ sơ.\n\n"
            f"- Bước 2: Công chức tiếp nhận, thẩm định hồ sơ.\n\n{marker.format('b')}{star}Thành phần hồ sơ:{star} Văn bản đề nghị.\n\n"
            f"{marker.format('d')}{star}{time_label}:{star} {days}\n\n{marker.format('đ')}{star}{agency_label}:{star} {agency}.\n\n"
            f"{marker.format('h')}{star}Phí, lệ phí:{star} Không.\n\n"
        )
    return "".join(parts)


@pytest.mark.parametrize("marker", ["{}) ", "- ", ""])
@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize(("time_label", "agency_label"), [
    ("Thời hạn giải quyết", "Cơ quan thực hiện thủ tục hành chính"),
    ("Thời hạn giải quyết", "Cơ quan thực hiện"),
    ("Thời gian tiếp nhận hồ sơ", "Cơ quan thực hiện TTHC"),
])
def test_published_procedures_described_by_labels_are_not_tasks(marker: str, bold: bool, time_label: str, agency_label: str) -> None:
    """A decision publishing administrative procedures describes each one with fields shaped like
    task labels ("d) Thời hạn giải quyết: Trong 10 ngày", "đ) Cơ quan thực hiện thủ tục hành chính:
    Sở Nội vụ"): how long any application takes and who processes it, not tasks."""
    assert _tasks(_procedures(marker, bold, time_label, agency_label)) == []


def test_a_dated_label_that_names_a_procedure_stays_a_deadline() -> None:
    """A plan to simplify procedures dates its work ("Thời hạn giải quyết: trước 30/6/2026"): tasks."""
    text = (
        "II. NHIỆM VỤ\n\n1. Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực đất đai\n\n"
        "- Cơ quan thực hiện thủ tục hành chính: Sở Nông nghiệp và Môi trường.\n\n- Thời hạn giải quyết: trước ngày 30/6/2026.\n\n"
        "2. Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\n\n- Cơ quan thực hiện: Văn phòng UBND tỉnh.\n\n"
        "- Thời hạn giải quyết: Năm 2026.\n"
    )
    assert [(t[0], t[3], t[5]) for t in _tasks(text)] == [
        ("1", ["Sở Nông nghiệp và Môi trường"], "trước ngày 30/6/2026."),
        ("2", ["Văn phòng UBND tỉnh"], "Năm 2026."),
    ]


def test_plan_tasks_beside_a_described_procedure_are_kept() -> None:
    """The procedure's fields give no task; the plan's own label sets in the same document still do."""
    text = (
        "II. NHIỆM VỤ\n\n1. Tập huấn nghiệp vụ\n\n- Đơn vị chủ trì: Sở Tư pháp.\n\n- Thời gian thực hiện: Quý II/2026.\n\n"
        "2. Kiểm tra việc thực hiện\n\n- Đơn vị chủ trì: Sở Nội vụ.\n\n- Thời gian thực hiện: Hằng năm.\n\n"
        "PHỤ LỤC\n\n" + _procedures("{}) ", False, "Thời hạn giải quyết", "Cơ quan thực hiện thủ tục hành chính")
    )
    assert [(t[0], t[3]) for t in _tasks(text)] == [("1", ["Sở Tư pháp"]), ("2", ["Sở Nội vụ"])]
