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
    assert "pip install . &&" in commands[0] and "-e" not in commands[0].split()  # the wheel, not the tree
    assert "planwatch ingest corpus/docs" in commands[0]
    assert '".[test]"' in commands[1] and "pytest" in commands[1]


def test_ci_runs_both_readme_quick_start_commands_as_written() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "## Quick start" in ci and "README.md" in ci  # read from the README, not copied
    assert '"${commands[0]}"' in ci and '"${commands[1]}"' in ci
    assert "mktemp -d" in ci and "/tmp/" not in ci


def test_readme_examples_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    from cogapp import Cog

    monkeypatch.chdir(ROOT)
    status = Cog().main(["cog", "--check", "-I", str(ROOT), "README.md"])
    os.chdir(ROOT)
    assert status == 0, "README examples are stale: run `cog -r README.md`"


def test_every_ingest_option_is_in_its_readme_section() -> None:
    section = README.split("### planwatch ingest", 1)[1].split("\n### ", 1)[0]
    options = [opt for param in cli.commands["ingest"].params for opt in param.opts if opt.startswith("--")]
    assert {"--workers", "--engine", "--scheduler"} <= set(options)
    assert [opt for opt in options if f"`{opt}" not in section] == []
