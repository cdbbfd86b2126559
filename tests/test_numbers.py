"""Numbers by locale, fractions, ranges, number words, and garbled numbers (DESIGN.md §2)."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from extract.fields.numbers import digits_to_value, text_to_scan

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = ROOT / "corpus" / "docs" / "002_81f386a800ef9cd0.txt"


@pytest.mark.parametrize(
    ("lang", "digits", "value"),
    [
        ("vi", "1.125", 1125.0),
        ("vi", "88,5", 88.5),
        ("vi", "4.758,5", 4758.5),
        ("vi", "1.000.000", 1_000_000.0),
        ("vi", "300", 300.0),
        ("en", "1,422", 1422.0),
        ("en", "1.77", 1.77),
        ("en", "500,000", 500_000.0),
        ("en", "18.3", 18.3),
        ("en", "1,250,000.5", 1_250_000.5),
    ],
)
def test_digits_by_locale(lang: str, digits: str, value: float) -> None:
    assert digits_to_value(digits, lang)[0] == value


@pytest.mark.parametrize(("lang", "digits"), [("en", "6,5"), ("en", "10,70"), ("en", "12,5"), ("en", "1,2345"), ("vi", "1.2.3")])
def test_bad_digit_groups_have_no_value(lang: str, digits: str) -> None:
    assert digits_to_value(digits, lang)[0] is None


@pytest.mark.parametrize(
    ("lang", "text", "value", "value_max", "percent", "of"),
    [
        ("vi", "1.125 trạm BTS", 1125.0, None, False, None),
        ("vi", "đạt 88,5%", 88.5, None, True, None),
        ("vi", "(08/08 huyện, thành phố Gia Nghĩa)", 8.0, None, False, 8.0),
        ("vi", "1,9 nghìn tỷ đồng", 1.9e12, None, False, None),
        ("en", "1,422 base transceiver stations", 1422.0, None, False, None),
        ("en", "more than 1.77 million mobile phone subscriptions", 1_770_000.0, None, False, None),
        ("en", "rose to 18.3 per cent", 18.3, None, True, None),
        ("en", "more than 80 percent of households", 80.0, None, True, None),
        ("en", "75-100 IoT devices", 75.0, 100.0, False, None),
        ("en", "Half of the local population", 50.0, None, True, None),
        ("en", "all residential areas will have 5G coverage", 100.0, None, True, None),
        ("en", "153 trillion VND", 153e12, None, False, None),
    ],
)
def test_one_quantity(lang: str, text: str, value: float, value_max: float | None, percent: bool, of: float | None) -> None:
    scan = text_to_scan(text, lang)
    assert [(q.value, q.value_max, q.percent, q.of) for q in scan.quantities] == [(value, value_max, percent, of)]
    assert scan.garbles == ()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "mạng 4G, 5G và công nghệ 2G"),
        ("vi", "video Full HD (độ phân giải 1080p) và Ultra HD (4K)"),
        ("vi", "giai đoạn 2024-2025, đến năm 2025"),
        ("vi", "Kế hoạch số 34/KH-STTTT ngày 09/5/2024"),
        ("en", "said on the 17th, Fuzhou, 8 Aug"),
        ("en", "in operation since mid-2023"),
        ("en", "all levels join in the process"),  # "all" only counts where coverage is spoken of
    ],
)
def test_labels_dates_and_years_are_not_quantities(lang: str, text: str) -> None:
    scan = text_to_scan(text, lang)
    assert scan.quantities == () and scan.garbles == ()


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("deploy 17G-PON (passive optical network) ports", ["17G-PON"]),
        ("the in-depth coverage of <>G networks", ["<>G"]),
        ("the penetration rate of users has reached <>%", ["<>%"]),
        ("6,5 8G base stations have been built", ["6,5", "8G"]),
        ("build 10,70 ports of 32G-PON and above", ["10,70", "32G-PON"]),
        ("12,5 70G base stations have been built", ["12,5", "70G"]),
        ("achieving 9G coverage", ["9G"]),
        ("gigabit to home and 10,5 gigabit into enterprises", ["10,5"]),
    ],
)
def test_garbled_numbers_are_flagged_not_valued(text: str, garbled: list[str]) -> None:
    scan = text_to_scan(text, "en")
    assert [g.text for g in scan.garbles] == garbled
    assert scan.quantities == ()


def test_garbled_next_to_a_valid_decimal_in_vietnamese() -> None:
    scan = text_to_scan("đã xây dựng 6,5 8G trạm", "vi")
    assert scan.quantities == ()
    assert {g.text for g in scan.garbles} >= {"8G", "6,5 8G"}


def test_seed_002_garbled_numbers_warned_and_absent() -> None:
    result = extract.extract_file(SEED_002)
    values = {t.value for t in result.targets} | {o.value for o in result.observations}
    assert values == {100.0, 85.0}  # "all townships" and "more than 85% of villages" only
    assert result.targets == []
    text = "\n".join(result.warnings)
    for token in ("17G-PON", "10,5", "<>G", "6,5", "9G", "30G", "10,70", "32G-PON", "12,5", "70G", "<>%"):
        assert f"'{token}'" in text, token
    assert "'5%' not reported" in text  # the clean figure in the all-garbled 2025 sentence
    assert "'5' not reported" in text  # "5 kilometers of 30G coverage"
