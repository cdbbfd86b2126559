"""The built Viet74K lexicon (and the parsed language data) kept on disk between runs, so a new
process need not build it.

Building the lexicon (reading 74,000 entries, indexing syllables, words and pairs) costs about
half a second, more than the rest of a short document's extraction; loading the built one back
costs a fraction of that. Parsing the language data files (TOML) is a smaller cost of the same
kind, kept the same way. This module (with ``extract.pattern_cache``, which keeps compiled
patterns in the same folder) is the only place extraction touches the disk besides the file it
reads, and what it writes never changes a result:

- Where: ``$PLANWATCH_CACHE_DIR`` if set (set it to an empty string to turn caching off), else
  ``$XDG_CACHE_HOME/planwatch``, else ``~/.cache/planwatch`` (``%LOCALAPPDATA%\\planwatch`` on
  Windows).
- What: one file per part of a lexicon, named by the part and a hash of everything it is built
  from (the Viet74K file, the supplement in ``lang/vi/syllables.toml``, this format's version and
  Python's marshal version), so a changed word list or Python never reads a stale index. Parts
  are read separately: a process that needs only the syllables does not read the word pairs.
- How: written to a temporary file and renamed into place (concurrent workers never see half a
  file); a missing, unreadable or malformed file is rebuilt; a folder that cannot be written is
  left alone (the lexicon is then built in every process, as before).
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

CACHE_ENV = "PLANWATCH_CACHE_DIR"
FORMAT = "lexicon-2"  # raise when the cached parts' shape changes


def cache_dir() -> Path | None:
    """The folder the lexicon is cached in, or None when caching is turned off. Asked for by
    every cached pattern (``extract.pattern_cache``), so the folder is worked out once per set
    of the environment variables that choose it."""
    get = os.environ.get
    return _folder(get(CACHE_ENV), get("LOCALAPPDATA"), get("XDG_CACHE_HOME"), get("HOME"), get("USERPROFILE"))


@lru_cache(maxsize=16)
def _folder(chosen: str | None, local: str | None, xdg: str | None, *_home: str | None) -> Path | None:
    """:func:`cache_dir` for these values of its variables (``_home``: what ``Path.home`` reads)."""
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32" and local:
        return Path(local) / "planwatch"
    base = xdg or str(Path.home() / ".cache")
    return Path(base) / "planwatch"


def cached_build(
    sources: list[bytes], build: Callable[[], dict[str, Any]], part: str, check: Callable[[Any], bool],
    kind: str = FORMAT,
) -> Any:
    """Part ``part`` of ``build()``'s result, read back from the cache when one was written from
    the same ``sources``; else everything is built, each part written for the next process, and
    ``part`` returned. ``check`` vets what was read; ``kind`` names what is cached and its
    format's version (a part marshal cannot write is not cached)."""
    folder = cache_dir()
    if folder is None:
        return build()[part]
    digest = hashlib.sha256(f"{kind}\0{marshal.version}\0{sys.version_info[:2]}".encode())
    for source in sources:
        digest.update(hashlib.sha256(source).digest())
    stem = f"{kind}-{digest.hexdigest()[:24]}"
    path = folder / f"{stem}-{part}.marshal"
    try:
        data = marshal.loads(path.read_bytes())
        if check(data):
            return data  # type: ignore[no-any-return]
        logger.info("cache %s is malformed; rebuilding it", path)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        logger.info("cache %s unreadable (%s); rebuilding it", path, exc)
    built = build()
    for name, value in built.items():
        try:
            payload = marshal.dumps(value)
        except ValueError:  # e.g. a TOML date: read from the source every time
            continue
        write_file(folder / f"{stem}-{name}.marshal", payload)
    return built[part]


def write_file(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file renamed into place (a reader never
    sees half a file); a folder that cannot be written is logged and left alone."""
    import tempfile  # only a process that writes the cache needs it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.info("cache not written to %s (%s)", path.parent, exc)
