"""Speeds written as a slash pair are two goals; a news goal told again is no observation.

Every sentence here is written for this test (none is copied from a corpus document); they are
rendered from parts, so each rule is checked on many inputs.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.fields.target_figures import sentence_to_figures
from tests.news_reading import read_news

PAIRS = [(50, 100), (10, 20), (300, 1000)]


@pytest.mark.parametrize(("low", "high"), PAIRS)
@pytest.mark.parametrize(("lang", "unit"), [("en", "Mbps"), ("en", "Gbps"), ("vi", "Mbps"), ("vi", "Mbit/s")])
def test_a_speed_pair_is_two_values_not_a_fraction(lang: str, unit: str, low: int, high: int) -> None:
    text = f"speed of {low}/{high} {unit}" if lang == "en" else f"tốc độ {low}/{high} {unit}"
    found, _ = sentence_to_figures(text, lang)
    assert [(f.q.value, f.q.of) for f in found] == [(low, None), (high, None)]


@pytest.mark.parametrize(("lang", "text", "value", "of"), [
    ("vi", "08/08 huyện hoàn thành", 8, 8), ("vi", "34/34 xã", 34, 34), ("en", "12/15 provinces", 12, 15)])
def test_a_count_over_its_whole_stays_a_fraction(lang: str, text: str, value: int, of: int) -> None:
    found, _ = sentence_to_figures(text, lang)
    assert [(f.q.value, f.q.of) for f in found] == [(value, of)]


@pytest.mark.parametrize(("low", "high"), PAIRS)
def test_a_news_goal_told_again_without_a_goal_word_is_no_observation(low: int, high: int) -> None:
    """The goal first, then a sentence that repeats its figures with no goal word the reader knows:
    they are the goal again, not figures reached; the current figure beside them still is."""
    targets, seen = read_news(
        f"The ministry targets an average broadband speed of {low}/{high} Mbps by 2027.",
        f"He said the current average speed of 5 Mbps is meant to rise to {low}/{high} Mbps.",
        issued=date(2025, 4, 1))
    assert sorted(t.value for t in targets) == [low, high]
    assert [o.value for o in seen] == [5]


def test_a_figure_not_stated_as_a_goal_before_is_still_an_observation() -> None:
    targets, seen = read_news("The ministry targets 90% 4G coverage by 2027.",
                              "Coverage in the north stands at 85% and speeds average 20 Mbps.",
                              issued=date(2025, 4, 1))
    assert [t.value for t in targets] == [90]
    assert sorted(o.value for o in seen) == [20, 85]


def test_a_share_a_goal_named_is_still_an_observation_when_reached_elsewhere() -> None:
    targets, seen = read_news("The ministry has set a target of 100% 4G coverage for the population by 2027.",
                              "Businesses deployed 4G networks to 100% of communes in the province.",
                              issued=date(2025, 4, 1))
    assert [t.value for t in targets] == [100]
    assert [o.value for o in seen] == [100]
