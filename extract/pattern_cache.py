"""Compiled regular expressions kept on disk between runs, so a new process need not compile them.

The language data become long alternations (provinces, document types, target phrases), and
the ``regex`` module compiles a pattern in Python: for a short document that costs more than
reading it. A compiled pattern pickles as its compiled code (``regex`` gives ``Pattern`` that
pickling), and unpickling it skips the parse: this module keeps every pattern
``compile_cached`` was asked for in one file beside the lexicon cache
(``extract.lexicon_cache``) and reads it back.

- Only patterns built from the language data or written in the code go through it;
  a pattern built from a document's own words is compiled with ``regex.compile`` as usual (the
  cache would grow with every document).
- The file is named by a hash of this format's version, the ``regex`` version and default
  version, and Python's version, so an upgraded ``regex`` never reads a stale pattern. It holds
  each pattern's pickle apart, unpickled only when asked for; an unpickler that refuses
  everything but ``regex``'s own constructor reads them, and a pattern whose source differs from
  its key, or a file that cannot be read, is compiled afresh.
- ``keep_compiled`` writes the file when this process compiled a pattern it did not hold,
  merged with what another process wrote meanwhile, atomically (``lexicon_cache.write_file``).
  The cache never changes a result: the unpickled pattern is the compiled one.
"""

from __future__ import annotations

import hashlib
import io
import logging
import marshal
import pickle
import sys
from pathlib import Path
from typing import Any

import regex

from extract.lexicon_cache import cache_dir, write_file

logger = logging.getLogger(__name__)

FORMAT = "patterns-1"  # raise when the file's shape changes
MAX_PATTERNS = 4096  # a file holding more starts again (patterns are built from data, not documents)
_CONSTRUCTOR = ("regex._regex", "compile")  # what a pickled regex.Pattern calls, and all it may call

Key = tuple[str, int]


class _PatternUnpickler(pickle.Unpickler):
    """Unpickles a compiled pattern and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) != _CONSTRUCTOR:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def cache_file(folder: Path) -> Path:
    """The pattern file in ``folder`` for this ``regex`` and Python."""
    versions = f"{FORMAT}\0{regex.__version__}\0{int(regex.DEFAULT_VERSION)}\0{sys.version_info[:2]}"
    return folder / f"{FORMAT}-{hashlib.sha256(versions.encode()).hexdigest()[:24]}.marshal"


class PatternCache:
    """Patterns compiled once and kept in ``folder`` (None: compiled in every process)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._stored: dict[Key, bytes] | None = None  # read on first use
        self._compiled: dict[Key, regex.Pattern[str]] = {}
        self._new: dict[Key, bytes] = {}

    def compiled(self, source: str, flags: int = 0) -> regex.Pattern[str]:
        """``regex.compile(source, flags)``, read back from the file when it holds it."""
        key = (source, int(flags))
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = self._load(key) or self._compile(key)
        return found

    def keep(self) -> None:
        """Write the patterns this process compiled, merged with the file's, if any are new."""
        if not self._new or self.folder is None:
            return
        merged = {**self._read(), **self._new}
        if len(merged) > MAX_PATTERNS:
            merged = dict(self._new)
        write_file(cache_file(self.folder), marshal.dumps(merged))
        self._stored = merged
        self._new = {}

    def _load(self, key: Key) -> regex.Pattern[str] | None:
        if self._stored is None:
            self._stored = self._read()
        payload = self._stored.get(key)
        if payload is None:
            return None
        try:
            found = _PatternUnpickler(io.BytesIO(payload)).load()
        except Exception as exc:  # a damaged entry of any kind is compiled again
            logger.info("cached pattern unreadable (%s); compiling it", exc)
            return None
        return found if isinstance(found, regex.Pattern) and found.pattern == key[0] else None

    def _compile(self, key: Key) -> regex.Pattern[str]:
        found = regex.compile(*key)
        if self.folder is not None:
            self._new[key] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        return found

    def _read(self) -> dict[Key, bytes]:
        if self.folder is None:
            return {}
        path = cache_file(self.folder)
        try:
            data = marshal.loads(path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, EOFError, ValueError, TypeError) as exc:
            logger.info("pattern cache %s unreadable (%s); compiling afresh", path, exc)
            return {}
        if isinstance(data, dict) and all(_is_entry(k, v) for k, v in data.items()):
            return data
        logger.info("pattern cache %s is malformed; compiling afresh", path)
        return {}


def _is_entry(key: object, value: object) -> bool:
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
            and isinstance(key[1], int) and isinstance(value, bytes))


_shared: list[PatternCache] = []  # the process's cache, made again when the folder changes


def _cache() -> PatternCache:
    folder = cache_dir()
    if not _shared or _shared[0].folder != folder:
        _shared[:] = [PatternCache(folder)]
    return _shared[0]


def compile_cached(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)`` for a pattern built from the language data or the code,
    compiled once across processes (see the module's docstring)."""
    return _cache().compiled(source, flags)


def keep_compiled() -> None:
    """Keep the patterns this process compiled for the next one (a no-op when none are new)."""
    if _shared:
        _shared[0].keep()
