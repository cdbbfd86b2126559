"""The README is tested: every command documented with help, the examples current."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = cli.commands[name]
    assert command.help and "Example" in command.help
    assert f"### planwatch {name}" in README


def test_readme_quick_start_is_two_commands_that_install() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [block.split("```")[0].strip() for block in quick.split("```sh\n")[1:]]
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "planwatch ingest corpus/docs" in commands[0]
    assert 'pip install -e ".[test]"' in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    quick = README.split("## Quick start", 1)[1]
    test_command = quick.split("```sh\n")[2].split("```")[0].strip().split("&& ", 2)[2]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_examples_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    from cogapp import Cog

    monkeypatch.chdir(ROOT)
    status = Cog().main(["cog", "--check", "-I", str(ROOT), "README.md"])
    os.chdir(ROOT)
    assert status == 0, "README examples are stale: run `cog -r README.md`"
