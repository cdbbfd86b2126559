"""Queries over the store: task filters, the responsibility matrix, agencies, documents."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from conftest import STTTT, UBND, VNPT, make_plan
from store import queries
from store import tables as t
from store.errors import NotFound
from store.ingest import save_result


def keys(rows: list[queries.TaskRow]) -> list[str]:
    return [r.key for r in rows]


def test_tasks_are_listed_in_numbering_order_with_their_agencies(stored: Session) -> None:
    rows = queries.tasks(stored)
    assert keys(rows) == ["I.1", "I.2", "II.1"]
    assert rows[0].lead == (VNPT,)
    assert rows[0].cooperate == (STTTT, UBND)
    assert rows[0].to_dict()["deadline"] == "2025-12-31"
    assert rows[0].document == "34/KH-STTTT"


@pytest.mark.parametrize("name", ["Sở TT&TT", "STTTT", "Sở Thông tin và Truyền thông", "sở  tt&tt"])
def test_agency_filter_accepts_abbreviations_and_full_names(stored: Session, name: str) -> None:
    assert keys(queries.tasks(stored, agency=name)) == ["I.1", "I.2", "II.1"]
    assert keys(queries.tasks(stored, agency=name, role="lead")) == ["I.2"]
    assert keys(queries.tasks(stored, agency=name, role="cooperate")) == ["I.1", "II.1"]


def test_agency_known_only_from_a_document_matches(stored: Session) -> None:
    assert keys(queries.tasks(stored, agency="Đài Phát thanh tỉnh")) == ["II.1"]


def test_unknown_agency_is_reported_with_a_hint(stored: Session) -> None:
    with pytest.raises(NotFound, match="planwatch agencies"):
        queries.tasks(stored, agency="Công ty không tồn tại XYZ")


def test_due_before_is_inclusive_and_overdue_uses_the_given_day(stored: Session) -> None:
    assert keys(queries.tasks(stored, due_before=date(2024, 6, 30))) == ["I.2"]
    assert keys(queries.tasks(stored, overdue=True, today=date(2024, 7, 1))) == ["I.2"]
    assert keys(queries.tasks(stored, overdue=True, today=date(2024, 6, 30))) == []


def test_done_tasks_are_not_overdue(stored: Session) -> None:
    task = stored.exec(select(t.Task).where(t.Task.key == "I.2")).one()
    task.status = "done"
    stored.add(task)
    stored.commit()
    # II.1 is continuous: due at the plan's horizon (2025-12-31), so past it by 2030
    assert keys(queries.tasks(stored, overdue=True, today=date(2030, 1, 1))) == ["I.1", "II.1"]


def test_document_filter_by_number_file_name_sha_prefix_or_title(stored: Session) -> None:
    save_result(stored, make_plan(sha256="f" * 64, number="12/KH-UBND", title="Kế hoạch chuyển đổi số", tasks=[]))
    for text in ("34/KH-STTTT", "ke-hoach-34.md", "aaaaaaaa", "mạng viễn thông di động"):
        assert len(queries.tasks(stored, document=text)) == 3, text
    assert queries.tasks(stored, document="12/KH-UBND") == []
    with pytest.raises(NotFound, match="planwatch documents"):
        queries.tasks(stored, document="99/KH-XYZ")


def test_superseded_versions_are_left_out_unless_named(stored: Session) -> None:
    save_result(stored, make_plan(sha256="b" * 64, tasks=[]))  # version 2 of 34/KH-STTTT, no tasks
    assert queries.tasks(stored) == []
    assert len(queries.tasks(stored, document="aaaaaaaa")) == 3


def test_responsibility_matrix_has_one_row_per_assignment(stored: Session) -> None:
    rows = queries.responsibility_matrix(stored)
    assert len(rows) == 8
    row = rows[0].to_dict()
    assert len(row.pop("id")) == 8  # the task's stable id
    assert row == {
        "document": "34/KH-STTTT",
        "task_key": "I.1",
        "task": "Rà soát, phát triển trạm BTS tại các khu vực lõm sóng",
        "agency": VNPT,
        "role": "lead",
    }


def test_responsibility_matrix_for_one_agency(stored: Session) -> None:
    rows = queries.responsibility_matrix(stored, agency="STTTT")
    assert [(r.task_key, r.agency, r.role) for r in rows] == [
        ("I.1", STTTT, "cooperate"), ("I.2", STTTT, "lead"), ("II.1", STTTT, "cooperate"),
    ]


def test_agencies_lists_aliases_and_task_counts(stored: Session) -> None:
    rows = {r.name: r for r in queries.agencies(stored)}
    assert set(rows) == {STTTT, VNPT, UBND, "các đơn vị có liên quan", "Đài Phát thanh tỉnh"}
    assert (rows[STTTT].lead_tasks, rows[STTTT].cooperate_tasks) == (1, 2)
    assert rows[STTTT].aliases == ("Sở TT&TT", "STTTT")


def test_unresolved_agencies_are_the_mentions_nobody_matched(stored: Session) -> None:
    rows = queries.agencies(stored, unresolved=True)
    assert [r.name for r in rows] == ["các đơn vị có liên quan", "Đài Phát thanh tỉnh"]
    assert rows[1].lead_tasks == 1


def test_documents_lists_counts_and_versions(stored: Session) -> None:
    save_result(stored, make_plan(sha256="b" * 64))
    rows = queries.documents(stored)
    assert [(r.label, r.version, r.status, r.tasks, r.targets) for r in rows] == [
        ("34/KH-STTTT", 1, "superseded", 3, 1),
        ("34/KH-STTTT", 2, "current", 3, 1),
    ]


def test_targets_filtered_by_indicator_words_and_area(stored: Session) -> None:
    rows = queries.targets(stored, indicator="tải xuống")
    assert [(r.indicator, r.comparator, r.value, r.unit, r.deadline) for r in rows] == [
        ("Tốc độ tải xuống trung bình 4G", ">=", 40, "Mbit/s", date(2025, 12, 31)),
    ]
    assert queries.targets(stored, area="Đắk Nông")[0].to_dict()["deadline"] == "2025-12-31"
    assert queries.targets(stored, area="Hà Nội") == []
