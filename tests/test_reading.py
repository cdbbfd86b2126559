"""Confidence follows the reading path, text layer > repaired layer > OCR, whatever the format."""

from __future__ import annotations

from extract.load.grid import texts_to_grid
from extract.pipeline import raw_to_extraction
from schemas.blocks import Block, RawDocument, RowOrigin

HEADER = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
ROWS = [
    ["1", "Rà soát cơ sở dữ liệu đất đai", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Năm 2026"],
    ["2", "Nâng cấp hệ thống thông tin", "Sở Khoa học và Công nghệ", "Công an tỉnh", "Quý II/2026"],
]
GOAL = "Đến năm 2030, tỷ lệ hộ gia đình có kết nối cáp quang đạt tối thiểu 95%."


def _document(table_reading: str, text_reading: str) -> RawDocument:
    grid = texts_to_grid([HEADER, *ROWS], origins=[RowOrigin(page=2)] * 3, index=1, loader="test")
    blocks = (
        Block("heading", "KẾ HOẠCH", 1, 1),
        Block("heading", "I. MỤC TIÊU", 1, 1, reading=text_reading),  # type: ignore[arg-type]
        Block("paragraph", GOAL, 0, 1, reading=text_reading),  # type: ignore[arg-type]
        Block("heading", "PHỤ LỤC", 1, 2, reading=table_reading),  # type: ignore[arg-type]
        Block("table", "", 0, 2, None, grid, reading=table_reading),  # type: ignore[arg-type]
    )
    return RawDocument("plan.pdf", "0" * 64, "pdf", blocks, 2)


def test_tasks_and_targets_carry_their_reading() -> None:
    sound = raw_to_extraction(_document("", ""))
    repaired = raw_to_extraction(_document("repaired", ""))
    scanned = raw_to_extraction(_document("ocr", "ocr"))
    assert [len(d.tasks) for d in (sound, repaired, scanned)] == [2, 2, 2]
    for a, b, c in zip(sound.tasks, repaired.tasks, scanned.tasks, strict=True):
        assert a.title == b.title == c.title
        assert a.confidence > b.confidence > c.confidence
        assert "ocr" not in a.flags and "repaired" not in a.flags
        assert "repaired" in b.flags and "ocr" in c.flags
    # A target keeps its reading too; a sound page next to a repaired table stays sound.
    assert sound.targets and repaired.targets and scanned.targets
    assert repaired.targets[0].confidence == sound.targets[0].confidence and not {"ocr", "repaired"} & set(repaired.targets[0].flags)
    assert scanned.targets[0].confidence < sound.targets[0].confidence and "ocr" in scanned.targets[0].flags
