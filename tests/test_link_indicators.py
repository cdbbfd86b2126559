"""The fields -> link seam for figures: fields emit indicator mentions in the document's words,
link resolves them to the catalogue with a confidence and a reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import extract
from extract.fields.targets import segmented_to_targets
from extract.indicator_catalogue import resolve_indicator
from extract.link_targets import facts_to_linked, targets_to_linked
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, IndicatorMention

ROOT = Path(__file__).resolve().parent.parent
SEED_003 = ROOT / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


def _plan(*items: str) -> tuple[Segmented, DocumentInfo]:
    blocks = (Block("heading", "Mục tiêu", level=2, line=1),
              *(Block("list_item", text, line=i + 2) for i, text in enumerate(items)))
    raw = RawDocument("t.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, "vi", (Section(None, "", blocks),), ())
    info = DocumentInfo(source="t.md", sha256="0" * 64, format="markdown", language="vi", kind="plan",
                        horizon=date(2025, 12, 31))
    return seg, info


def test_fields_emit_mentions_that_link_resolves() -> None:
    seg, info = _plan("Số trạm BTS đạt 1.125 trạm, tỷ lệ hộ gia đình có cáp quang đạt 88,5%.")
    read, _, _ = segmented_to_targets(seg, info)
    assert [(t.indicator_id, t.flags) for t in read] == [(None, []), (None, [])]
    assert [t.indicator_mention.reason for t in read if t.indicator_mention] == [None, None]
    linked = targets_to_linked(read, "vi")
    assert [t.indicator_id for t in linked] == ["base_stations", "households_fibre"]
    assert all(t.indicator_mention and t.indicator_mention.reason in ("name", "alias") for t in linked)
    assert all(t.indicator == t.indicator_mention.indicator for t in linked if t.indicator_mention)


def test_a_mention_no_row_matches_keeps_its_words_flagged_unlisted() -> None:
    seg, info = _plan("Đến năm 2025, có 20 mô hình sản xuất thông minh.")
    (target,) = targets_to_linked(segmented_to_targets(seg, info)[0], "vi")
    assert target.indicator_id is None and "unlisted_indicator" in target.flags
    assert target.indicator_mention is not None and target.indicator_mention.reason == "unlisted"
    assert target.indicator == target.indicator_mention.mention


def test_a_table_cell_is_matched_in_order_and_ranked_above_free_text() -> None:
    cell = IndicatorMention(mention="Tốc độ tải xuống 4G", unit="Mbit/s", value=40, context="Tốc độ tải xuống 4G",
                            in_order=True)
    loose = cell.replaced(context="4G: xuống, tải, độ, tốc", in_order=True)
    assert resolve_indicator(cell, "vi").indicator_id == "mobile_4g_download_speed"
    assert resolve_indicator(cell, "vi").confidence > resolve_indicator(cell.replaced(in_order=False), "vi").confidence
    assert resolve_indicator(loose, "vi").reason == "unlisted"


def test_the_extraction_json_shows_how_each_indicator_was_resolved_without_its_context() -> None:
    result = extract.extract_file(SEED_003)
    dumped = result.to_dict()
    for fact in (*dumped["targets"], *dumped["observations"]):
        mention = fact["indicator_mention"]
        assert "context" not in mention and "in_order" not in mention
        assert (mention["reason"] == "unlisted") == (fact["indicator_id"] is None)
        assert mention["indicator_id"] == fact["indicator_id"]


def test_observations_resolve_like_targets() -> None:
    seg, info = _plan("Hiện có 1.125 trạm BTS, tỷ lệ hộ gia đình có cáp quang đạt 88,5%.")
    info = info.replaced(kind="news", issued=date(2024, 5, 1))
    _, observations, _ = segmented_to_targets(seg, info)
    assert observations and all(o.indicator_id is None for o in observations)
    linked = facts_to_linked(observations, "vi")
    # "Hiện có …" opens a report: the 88,5% after it ('đạt') is a current value too
    assert [o.indicator_id for o in linked] == ["base_stations", "households_fibre"]
    assert all("unlisted_indicator" not in o.flags for o in linked)
