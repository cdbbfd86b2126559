"""Real output for the README: run planwatch commands on the bundled corpus (used by cog).

`cog -r README.md` rewrites the examples; `tests/test_docs.py` checks they are current.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def _database() -> str:
    from click.testing import CliRunner

    from store.cli import cli

    folder = tempfile.mkdtemp(prefix="planwatch-readme-")
    url = f"sqlite:///{folder}/readme.db"
    os.chdir(ROOT)
    result = CliRunner().invoke(cli, ["--db", url, "--silent", "ingest", "corpus/docs"])
    assert result.exit_code == 0, result.output
    return url


def show(command: str, *, lines: int | None = None) -> None:
    """Print a console block: the command, then its real stdout (cut to ``lines``)."""
    import cog
    from click.testing import CliRunner

    from store.cli import cli

    args = shlex.split(command)[1:]
    if args[0] != "extract":
        args = ["--db", _database(), *args]
    os.chdir(ROOT)
    result = CliRunner().invoke(cli, args)
    output = result.stdout.rstrip("\n").split("\n")
    if lines is not None and len(output) > lines:
        output = [*output[:lines], "…"]
    cog.outl("```console")
    cog.outl(f"$ {command}")
    for line in output:
        cog.outl(line)
    cog.outl("```")
