"""A figure right after a change verb ("tăng gần 85,6%", "grew by 12%") is growth or a cut, never
the level an indicator of that name measures: it stays unlinked, while the level read through the
same words ("đạt", "tăng lên", "made up", "increased to") links."""

from __future__ import annotations

import pytest

from extract import extract_text

VI = "Năm 2024, tỷ trọng kinh tế số trong GRDP của tỉnh {verb} 12%."
EN = "In 2024 the digital economy's share of GDP {verb} 12%."
SHARE = "digital_economy_share_gdp"


def _indicators(text: str) -> list[str | None]:
    result = extract_text(text, source="news.txt")
    return [f.indicator_id for f in [*result.observations, *result.targets]]


@pytest.mark.parametrize(("template", "verb"), [
    (VI, "tăng"), (VI, "tăng gần"), (VI, "giảm khoảng"), (VI, "tăng trưởng hơn"), (VI, "tăng thêm"),
    (EN, "grew by"), (EN, "rose"), (EN, "increased by nearly"), (EN, "fell by about"),
])
def test_a_change_is_not_the_indicators_level(template: str, verb: str) -> None:
    assert _indicators(template.format(verb=verb)) == [None]


@pytest.mark.parametrize(("template", "verb"), [
    (VI, "đạt"), (VI, "tăng lên"), (VI, "đạt khoảng"),
    (EN, "reached"), (EN, "increased to"), (EN, "was about"),
])
def test_a_level_links_to_its_indicator(template: str, verb: str) -> None:
    assert _indicators(template.format(verb=verb)) == [SHARE]
