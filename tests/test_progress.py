"""`planwatch targets` filters and `planwatch progress`: real corpus files, real extraction,
real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from store.cli import cli
from store.progress import as_of_date, expected_at, is_met

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "corpus" / "docs"
INCOMING = ROOT / "corpus" / "docs"
PLAN_NEWS = INCOMING / "mic-vietnam-digital-society-2030.txt"  # national goals: digital economy share of GDP
REPORT = INCOMING / "quangngai-ncdt-10th-meeting-figures.txt"  # reports the digital economy share reached
OTHER_AREA = DOCS / "001_9bb67069d732fb41.txt"  # Điện Biên figures: never beside another province's target


def run(db_url: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", db_url, "--silent", *args], catch_exceptions=False)


@pytest.fixture
def ingested(db_url: str) -> str:
    result = run(db_url, "ingest", str(PLAN_NEWS), str(REPORT), str(OTHER_AREA), str(DOCS / "000_f3d760a5877f9be0.txt"))
    assert result.exit_code == 0, result.output
    return db_url


def test_progress_puts_a_target_beside_a_real_observation(ingested: str) -> None:
    rows = json.loads(run(ingested, "progress", "--format", "json").output)
    observed = [r for r in rows if r["observed"] is not None]
    assert observed, "no target met an observation of the same indicator"
    share = next(r for r in observed if r["observed_in"] == REPORT.name and r["comparator"] == "=")
    assert share["status"] in ("met", "on track", "behind")
    assert share["gap"] == pytest.approx(share["target"] - share["observed"])
    assert all(r["status"] == "no data" for r in rows if r["observed"] is None)
    bac_giang = [r for r in rows if r["area"] == "Bac Giang"]
    assert bac_giang and all(r["observed_in"] != OTHER_AREA.name for r in bac_giang)


def test_targets_deadline_before_and_xlsx(ingested: str, tmp_path: Path) -> None:
    every = json.loads(run(ingested, "targets", "--format", "json").output)
    early = json.loads(run(ingested, "targets", "--deadline-before", "2026-01-01", "--format", "json").output)
    assert early and len(early) < len(every)
    assert all(r["deadline"] < "2026-01-01" for r in early)
    out = tmp_path / "targets.xlsx"
    assert run(ingested, "targets", "--format", "xlsx", "-o", str(out)).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet.max_row == len(every) + 1


@pytest.mark.parametrize(("comparator", "value", "observed", "met"), [
    (">=", 80, 80, True), (">=", 80, 79.9, False), (">", 80, 80, False), ("<=", 3, 2, True),
    ("<", 40, 40, False), ("=", 100, 100, True), ("range", 75, 80, True),
])
def test_met(comparator: str, value: float, observed: float, met: bool) -> None:
    assert is_met(comparator, value, observed) is met


def test_linear_pace_and_as_of_dates() -> None:
    assert expected_at(40, date(2020, 12, 31), 80, date(2024, 12, 31), date(2022, 12, 31)) == pytest.approx(60, abs=0.1)
    assert as_of_date("2024") == date(2024, 12, 31) and as_of_date("2024-02") == date(2024, 2, 29)
    assert as_of_date("sometime") is None


def test_a_figure_with_no_area_counts_only_in_its_own_document() -> None:
    """A national article's figure with no area is no progress of a province's target, nor a
    province's figure of a national target; in the target's own document it is the document's."""
    from types import SimpleNamespace as Row

    from store.progress import same_place

    province = Row(area="Bắc Giang", document_id=1)
    national = Row(area=None, document_id=1)
    assert same_place(province, Row(area=None, document_id=1))
    assert not same_place(province, Row(area=None, document_id=2))
    assert same_place(province, Row(area="bắc giang", document_id=2))
    assert not same_place(province, Row(area="Lâm Đồng", document_id=1))
    assert not same_place(national, Row(area="Lâm Đồng", document_id=2))
    assert same_place(national, Row(area=None, document_id=2))
