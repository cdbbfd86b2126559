"""CLI commands run in a fresh interpreter, for the tests that check what a command imports."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "store.tables", "psycopg")  # what a light read must not load


def run_fresh(*commands: Sequence[str]) -> tuple[str, str, list[str]]:
    """(stdout, stderr, heavy modules loaded) of ``commands`` (CLI arguments, each run in turn in
    one new process, as ``planwatch ARGS`` would); the module list is printed last on stderr."""
    calls = "".join(f"cli({list(args)!r}, standalone_mode=False)\n" for args in commands)
    probe = (f"import json, sys\nfrom store.cli import cli\n{calls}"
             f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    own = done.stderr.rstrip("\n").rfind("\n") + 1  # the command's own stderr ends where the list starts
    return done.stdout, done.stderr[:own], json.loads(done.stderr[own:])
