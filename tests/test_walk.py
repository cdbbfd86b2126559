"""Folder walking never drops input silently: unreadable folders and files are per-path errors
(exit 1) while the rest goes in; linked folders are followed once."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from store.cli import cli
from store.walk import BROKEN_LINK, collect_inputs
from test_concurrency import PLAN_TEMPLATE, planwatch_command

# As root, file modes bind only once the capabilities that override them are dropped.
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
needs_modes = pytest.mark.skipif(
    bool(UNPRIVILEGED) and shutil.which("setpriv") is None, reason="root without setpriv ignores file modes"
)


def write_plan(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAN_TEMPLATE.format(n=n, q="I"), encoding="utf-8")
    return path


def ingest_unprivileged(db_url: str, *paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [*UNPRIVILEGED, *planwatch_command(), "--db", db_url, "--silent", "ingest", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


def ingest(db_url: str, *paths: Path) -> Any:
    return CliRunner().invoke(cli, ["--db", db_url, "--silent", "ingest", *map(str, paths)], catch_exceptions=False)


def outcome_lines(stderr: str) -> dict[str, str]:
    """Path -> status word, from the per-file lines."""
    lines = [line for line in stderr.splitlines() if line.startswith(("ok ", "skipped ", "error "))]
    return {line.split(" ", 1)[1].split(":", 1)[0]: line.split(" ", 1)[0] for line in lines}


@needs_modes
def test_unreadable_subfolder_and_file_are_errors_and_the_rest_goes_in(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "plans"
    good = write_plan(root / "a.md", 1)
    hidden = write_plan(root / "locked" / "b.md", 2)
    secret = write_plan(root / "open" / "c.md", 3)
    deeper = write_plan(root / "open" / "d.md", 4)
    hidden.parent.chmod(0)
    secret.chmod(0)
    try:
        result = ingest_unprivileged(db_url, root, cwd=tmp_path)
    finally:
        hidden.parent.chmod(0o755)
        secret.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert f"error {hidden.parent}: cannot read the folder (Permission denied)" in result.stderr
    assert f"error {secret}: Permission denied" in result.stderr
    assert outcome_lines(result.stderr) == {
        str(hidden.parent): "error", str(good): "ok", str(secret): "error", str(deeper): "ok",
    }
    assert "2 of 4 files failed" in result.stderr


@needs_modes
def test_unreadable_file_named_on_the_command_line_is_a_per_file_error(db_url: str, tmp_path: Path) -> None:
    locked = write_plan(tmp_path / "locked.md", 1)
    good = write_plan(tmp_path / "good.md", 2)
    locked.chmod(0)
    try:
        result = ingest_unprivileged(db_url, locked, good, cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert outcome_lines(result.stderr) == {str(locked): "error", str(good): "ok"}


def test_missing_file_named_on_the_command_line_does_not_stop_the_batch(db_url: str, tmp_path: Path) -> None:
    good = write_plan(tmp_path / "good.md", 1)
    result = ingest(db_url, tmp_path / "typo.md", good)
    assert result.exit_code == 1
    assert outcome_lines(result.stderr) == {str(tmp_path / "typo.md"): "error", str(good): "ok"}
    assert "No such file or directory" in result.stderr


def test_linked_folders_are_followed_once_and_loops_end(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "plans"
    own = write_plan(root / "a.md", 1)
    shared = write_plan(tmp_path / "shared" / "b.md", 2)
    (root / "loop").symlink_to(root, target_is_directory=True)  # a link back to the top
    (root / "link").symlink_to(shared.parent, target_is_directory=True)
    (root / "zlink").symlink_to(shared.parent, target_is_directory=True)  # the same folder again
    result = ingest(db_url, root)
    assert result.exit_code == 0, result.stderr
    assert outcome_lines(result.stderr) == {str(own): "ok", str(root / "link" / "b.md"): "ok"}


def test_broken_and_looping_links_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    write_plan(root / "a.md", 1)
    (root / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (root / "self.md").symlink_to(root / "self.md")
    (root / "notes").symlink_to(tmp_path / "nowhere")  # not an input's name: not reported
    inputs = collect_inputs([root])
    assert inputs.files == [root / "a.md"]
    reasons = {problem.path.name: problem.reason for problem in inputs.problems}
    assert reasons["gone.md"] == BROKEN_LINK
    assert reasons["self.md"] in (BROKEN_LINK, "cannot read (Too many levels of symbolic links)")
    assert set(reasons) == {"gone.md", "self.md"}
