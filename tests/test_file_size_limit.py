"""Issue 5: the file size limit costs nothing below it, holds on pipes, and is set from the CLI."""

from __future__ import annotations

import json
import os
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract.errors import LoadError, SettingsError
from extract.load import READ_CHUNK, read_limited
from extract.settings import MB, size_to_bytes
from store.cli import cli

PARAGRAPH = "Sở Thông tin và Truyền thông chủ trì triển khai kế hoạch chuyển đổi số năm 2025.\n"


def test_issue_5_a_small_file_read_at_a_large_limit_allocates_its_own_size(tmp_path: Path) -> None:
    path = tmp_path / "small.md"
    path.write_text(PARAGRAPH, encoding="utf-8")
    tracemalloc.start()
    try:
        data = read_limited(path, 200 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == PARAGRAPH.encode("utf-8")
    assert peak < 64 * 1024  # not the 200 MB the limit allows


def _feed(fifo: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        with open(fifo, "wb") as out:
            try:
                out.write(data)
            except BrokenPipeError:
                pass  # the reader stopped at its limit

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_issue_5_a_pipe_is_read_in_chunks_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    data = PARAGRAPH.encode("utf-8") * (2 * READ_CHUNK // len(PARAGRAPH) + 7)  # more than two chunks
    writer = _feed(fifo, data)
    assert read_limited(fifo, 10 * READ_CHUNK) == data
    writer.join(5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_issue_5_a_pipe_longer_than_the_limit_is_refused_without_a_size(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.md"
    os.mkfifo(fifo)
    writer = _feed(fifo, b"a" * (3 * READ_CHUNK))
    with pytest.raises(LoadError) as error:
        read_limited(fifo, READ_CHUNK + 10)
    assert str(error.value) == (
        f"{fifo}: the file is over the 1 MB limit for text and HTML files; "
        "split the file, or raise the limit (planwatch --max-file-size, ExtractSettings.max_file_bytes)"
    )
    writer.join(5)


def _cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--silent", *args], catch_exceptions=False)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_issue_5_ingest_max_file_size_refuses_the_big_file_and_stores_the_others(
    db_url: str, tmp_path: Path, workers: str
) -> None:
    big, small, other = tmp_path / "big.md", tmp_path / "small.md", tmp_path / "other.txt"
    big.write_text(PARAGRAPH * 200, encoding="utf-8")
    small.write_text(PARAGRAPH, encoding="utf-8")
    other.write_text("Kế hoạch khác.\n" + PARAGRAPH, encoding="utf-8")
    size = big.stat().st_size

    result = _cli("--db", db_url, "ingest", str(small), str(big), str(other), "--max-file-size", "10KB", "--workers", workers)

    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1] == (
        f"error {big}: {size} bytes is over the 10240 bytes limit for text and HTML files; "
        "split the file, or raise the limit (planwatch --max-file-size, ExtractSettings.max_file_bytes)"
    )
    assert [line.split(":")[0] for line in lines] == [f"ok {small}", f"error {big}", f"ok {other}", "1 of 3 files failed"]
    stored = json.loads(_cli("--db", db_url, "documents", "--format", "json").stdout)
    assert sorted(d["source"] for d in stored) == sorted([str(small), str(other)])


def test_issue_5_extract_max_file_size_is_a_one_line_error_naming_file_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_text(f"<p>{PARAGRAPH * 40}</p>", encoding="utf-8")
    result = _cli("extract", str(big), "--max-file-size", "1.5kb")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {big}: {big.stat().st_size} bytes is over the 1536 bytes limit for text and HTML files; "
        "split the file, or raise the limit (planwatch --max-file-size, ExtractSettings.max_file_bytes)\n"
    )
    assert json.loads(_cli("extract", str(big), "--max-file-size", "1MB").stdout)["document"]["source"] == str(big)


def test_issue_5_max_file_size_applies_to_word_and_pdf_files_too(tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 4096)
    result = _cli("extract", str(pdf), "--max-file-size", "2KB")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {pdf}: 4105 bytes is over the 2048 bytes limit for PDF and Word files;")


@pytest.mark.parametrize(
    ("text", "size"), [("50MB", 50 * MB), ("1.5 GB", 1536 * MB), ("500kb", 500 * 1024), ("2048", 2048), (" 3 m ", 3 * MB)]
)
def test_sizes_are_read_as_people_write_them(text: str, size: int) -> None:
    assert size_to_bytes(text) == size


@pytest.mark.parametrize("text", ["", "MB", "10XB", "-5MB", "0", "0.0001kb", "1e3"])
def test_a_size_that_is_not_one_is_a_usage_error(text: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        size_to_bytes(text)
    path = tmp_path / "a.md"
    path.write_text(PARAGRAPH, encoding="utf-8")
    result = _cli("extract", str(path), "--max-file-size", text)
    assert result.exit_code == 2
    assert "Invalid value for '--max-file-size'" in result.stderr
