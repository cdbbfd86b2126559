"""Finding the input files under the paths named on the command line, losing none silently.

Files named directly are always kept (reading them later reports any error for that file
alone). Folders are walked recursively in name order; a folder that cannot be listed, or an
entry that cannot be examined, becomes a problem reported for that path while the walk goes
on. Symbolic links to folders are followed, each real folder once, so a link loop ends.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.load import SUFFIXES

logger = logging.getLogger(__name__)

CANNOT_LIST = "cannot read the folder ({reason})"
CANNOT_EXAMINE = "cannot read ({reason})"
BROKEN_LINK = "broken symbolic link"


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that holds or may hold input but cannot be read, with a one-line reason."""

    path: Path
    reason: str


@dataclass
class Inputs:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def collect_inputs(paths: Iterable[str | Path], suffixes: Iterable[str] = SUFFIXES) -> Inputs:
    """The files to ingest under ``paths`` and the problems met on the way.

    Args:
        paths: files and folders as named on the command line.
        suffixes: accepted file endings when walking a folder (lower case, with the dot).
    """
    accepted = frozenset(suffixes)
    inputs = Inputs()
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: list[Path] = []
            _walk(path, accepted, seen, found, inputs.problems)
            inputs.files.extend(sorted(found))
        else:
            inputs.files.append(path)
    return inputs


def _walk(folder: Path, accepted: frozenset[str], seen: set[tuple[int, int]], found: list[Path],
          problems: list[Problem]) -> None:
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError as error:
            problems.append(Problem(current, CANNOT_LIST.format(reason=_reason(error))))
            continue
        if (info.st_dev, info.st_ino) in seen:  # a link back to a folder already walked
            logger.info("%s: folder already walked, not followed again", current)
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            problems.append(Problem(current, CANNOT_LIST.format(reason=_reason(error))))
            continue
        folders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            wanted = path.suffix.lower() in accepted
            try:
                if entry.is_dir():
                    folders.append(path)
                elif entry.is_file():
                    if wanted:
                        found.append(path)
                elif entry.is_symlink() and wanted:
                    problems.append(Problem(path, BROKEN_LINK))
            except OSError as error:  # e.g. a link that loops on itself
                problems.append(Problem(path, CANNOT_EXAMINE.format(reason=_reason(error))))
        stack.extend(reversed(folders))  # walk subfolders in name order
