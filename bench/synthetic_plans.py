"""Synthetic extraction results for the ingest benchmark: plans as extraction would return them.

``synthetic_plan(p)`` is plan ``p`` of a province-sized corpus: ``tasks`` task rows, each with
one lead and two cooperating agencies (three assignments, as in the 100,000-task /
300,000-assignment store of the scale issue) drawn from a directory of canonical agencies plus
a few unresolved mentions, timeframes, targets, duties and references. Every fifth plan is a
new version of the plan before it (same issuer and number, other bytes, most titles kept), so
the writer's version and status carry-over path is part of what is measured.
"""

from __future__ import annotations

from datetime import date

from schemas.records import (
    AgencyInfo,
    AgencyMention,
    DocumentInfo,
    ExtractedDocument,
    Provenance,
    Reference,
    Responsibility,
    Target,
    Task,
    TaskGroup,
    Timeframe,
)

DEPARTMENTS = (
    "Sở Thông tin và Truyền thông", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng", "Sở Công Thương", "Sở Tư pháp", "Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ", "Sở Lao động - Thương binh và Xã hội", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Văn phòng UBND tỉnh",
    "Ủy ban nhân dân các huyện, thành phố", "Các doanh nghiệp viễn thông", "Đài Phát thanh và Truyền hình tỉnh",
)
UNRESOLVED = ("Trung tâm Phục vụ hành chính công", "các đơn vị có liên quan", "Ban Quản lý các khu công nghiệp")
AREA = "tỉnh Đồng Nai"
ISSUER = "Ủy ban nhân dân tỉnh Đồng Nai"


def _mention(n: int) -> AgencyMention:
    if n % 23 == 0:  # about one mention in 23 is not in the directory
        name = UNRESOLVED[n % len(UNRESOLVED)]
        flags = ["vague"] if name.startswith("các") else ["unresolved"]
        return AgencyMention(mention=name, agency=None, confidence=0.3, flags=flags, area=AREA)  # type: ignore[arg-type]
    name = DEPARTMENTS[n % len(DEPARTMENTS)]
    return AgencyMention(mention=name, agency=name, kind="department", confidence=0.95, reason="name", area=AREA)


def _task(p: int, i: int, series: int) -> Task:
    group = i // 25 + 1
    recurring = i % 7 == 0
    year = 2026 + i % 5
    return Task(
        key=f"{group}.{i % 25 + 1}",
        group=TaskGroup(number=str(group), title=f"Nhóm nhiệm vụ {group}: chuyển đổi số trong lĩnh vực {group}"),
        number=str(i % 25 + 1),
        title=f"Triển khai nhiệm vụ {i} của kế hoạch {series}: rà soát, nâng cấp hạ tầng và báo cáo kết quả"
        + (" (cập nhật)" if p != series and i % 10 == 0 else ""),  # a new version edits some titles
        outputs=f"Báo cáo kết quả thực hiện nhiệm vụ {i}",
        notes="Lồng ghép với các chương trình khác" if i % 9 == 0 else None,
        lead=[_mention(i)],
        cooperating=[_mention(i + 5), _mention(i + 11)],
        timeframe=Timeframe(text="Thường xuyên", recurrence="continuous") if recurring
        else Timeframe(text=f"Quý {i % 4 + 1}/{year}", start=date(year, (i % 4) * 3 + 1, 1), end=date(year, (i % 4 + 1) * 3, 28)),
        source=Provenance(page=i // 20 + 2, table=1, row=i % 20 + 1),
        confidence=0.9,
    )


def synthetic_plan(p: int, tasks: int = 100) -> ExtractedDocument:
    """Plan ``p``: ``tasks`` tasks, 3 assignments each, 4 targets, 3 duties; every fifth plan is
    the next version of plan ``p - 1``."""
    series = p - 1 if p % 5 == 4 else p
    return ExtractedDocument(
        document=DocumentInfo(
            source=f"plans/ke-hoach-{p}.md", sha256=f"{p:064x}", format="markdown", language="vi", kind="plan",
            title=f"Kế hoạch chuyển đổi số số {series} tỉnh Đồng Nai giai đoạn 2026-2030", number=f"{series}/KH-UBND",
            issuer=ISSUER, issued=date(2026, 1 + p % 12, 1 + p % 28), horizon=date(2030, 12, 31), area=AREA,
            references=[Reference(text="Quyết định số 1110/QĐ-TTg ngày 02/7/2024", number="1110/QĐ-TTg",
                                  kind="Quyết định", date=date(2024, 7, 2))],
        ),
        tasks=[_task(p, i, series) for i in range(tasks)],
        targets=[
            Target(indicator="Tỷ lệ hồ sơ trực tuyến toàn trình", text=f"Đạt tối thiểu {70 + k}% hồ sơ trực tuyến toàn trình",
                   comparator=">=", value=70 + k, unit="%", deadline=date(2026 + k, 12, 31), area=AREA,
                   source=Provenance(page=1, line=10 + k))
            for k in range(4)
        ],
        responsibilities=[
            Responsibility(agency=_mention(k), role="lead", duty=f"Chủ trì, theo dõi, đôn đốc thực hiện nội dung {k} của Kế hoạch",
                           source=Provenance(page=3, line=k))
            for k in range(3)
        ],
        agencies=[AgencyInfo(name=name, kind="department", jurisdiction="province", area=AREA) for name in DEPARTMENTS],
        warnings=[],
    )
