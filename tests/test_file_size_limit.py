"""Issue 5: the file size limit costs nothing below it, holds on pipes, and is set from the CLI."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from extract.errors import LoadError
from extract.load import READ_CHUNK, read_limited

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
        "split the file, or raise ExtractSettings.max_file_bytes"
    )
    writer.join(5)
