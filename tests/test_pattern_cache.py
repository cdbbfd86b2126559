"""Compiled patterns kept on disk between processes: the same pattern back, never stale, never
trusted beyond a compiled pattern, and the same pattern sources in every process (a source that
changed from run to run would miss the cache every time and grow the file)."""

from __future__ import annotations

import marshal
import os
import pickle
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from extract import lexicon_cache, pattern_cache
from extract.pattern_cache import PatternCache, cache_file

ROOT = Path(__file__).resolve().parent.parent
FLAGS = regex.IGNORECASE | regex.VERSION1


def _sources(seed: int, count: int = 12) -> list[str]:
    """Generated alternations of words with named groups, classes and look-arounds."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(string.ascii_lowercase + "đươạ", k=rng.randint(2, 9))) for _ in range(count * 6)]
    found = []
    for at in range(count):
        picked = rng.sample(words, 6)
        found.append(rf"(?<!\w)(?P<w{at}>{'|'.join(picked)})(?:\s+(?P<n>\d+(?:[.,]\d+)?))?(?!\w)")
    return found


def _stored(folder: Path) -> dict[tuple[str, int], bytes]:
    return marshal.loads(cache_file(folder).read_bytes())  # type: ignore[no-any-return]


def _refuse_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_cache.regex, "compile", lambda *_: pytest.fail("should have been read back"))


def test_a_later_process_reads_the_same_patterns_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _sources(1)
    first = PatternCache(tmp_path)
    built = [first.compiled(source, FLAGS) for source in sources]
    first.keep()
    assert set(_stored(tmp_path)) == {(source, int(FLAGS)) for source in sources}
    _refuse_compiling(monkeypatch)
    later = PatternCache(tmp_path)
    text = " ".join(regex.sub(r"[^\w|]", "", s).replace("|", " 12,5 ") for s in sources)
    for source, compiled in zip(sources, built):
        read = later.compiled(source, FLAGS)
        assert (read.pattern, read.flags, read.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)
        assert [m.groupdict() for m in read.finditer(text)] == [m.groupdict() for m in compiled.finditer(text)]
        assert later.compiled(source, FLAGS) is read  # once per process


def test_only_new_patterns_are_written_and_writers_merge(tmp_path: Path) -> None:
    one, two = _sources(2, 4), _sources(3, 4)
    left, right = PatternCache(tmp_path), PatternCache(tmp_path)
    for source in one:
        left.compiled(source)
    for source in two:
        right.compiled(source)
    left.keep()
    right.keep()  # a second writer keeps what the first wrote
    assert set(_stored(tmp_path)) == {(s, 0) for s in one + two}
    written = cache_file(tmp_path).stat().st_mtime_ns
    again = PatternCache(tmp_path)
    for source in one + two:
        again.compiled(source)
    again.keep()  # nothing new: nothing written
    assert cache_file(tmp_path).stat().st_mtime_ns == written


def test_no_folder_compiles_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, "")
    found = pattern_cache.compile_cached(r"(?P<x>\d+)-(?P=x)")
    pattern_cache.keep_compiled()
    assert found.fullmatch("12-12") and not found.fullmatch("12-13")
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    assert pattern_cache.compile_cached(r"(?P<x>\d+)-(?P=x)").fullmatch("7-7")
    pattern_cache.keep_compiled()
    assert (r"(?P<x>\d+)-(?P=x)", 0) in _stored(tmp_path)


class _Planted:
    """Pickles as a call of ``os.getcwd``: what a tampered cache file could hold instead of a pattern."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return os.getcwd, ()


def test_a_tampered_or_mismatched_entry_is_compiled_afresh(tmp_path: Path) -> None:
    planted, swapped, good = r"planted\d", r"swapped\d", r"good\d"
    entries = {
        (planted, 0): pickle.dumps(_Planted()),
        (swapped, 0): pickle.dumps(regex.compile(r"other\d")),
        (good, 0): pickle.dumps(regex.compile(good)),
        ("damaged", 0): b"\x80\x05garbage",
    }
    cache_file(tmp_path).write_bytes(marshal.dumps(entries))
    cache = PatternCache(tmp_path)
    for source in (planted, swapped, good, "damaged"):
        found = cache.compiled(source)
        assert isinstance(found, regex.Pattern) and found.pattern == source
    assert cache.compiled(swapped).match("swapped1") and not cache.compiled(swapped).match("other1")


@pytest.mark.parametrize("payload", [b"not marshal", marshal.dumps(["a", "list"]), marshal.dumps({("x", 0): "text"})])
def test_a_malformed_file_is_compiled_afresh_and_replaced(tmp_path: Path, payload: bytes) -> None:
    cache_file(tmp_path).write_bytes(payload)
    cache = PatternCache(tmp_path)
    assert cache.compiled(r"a+b").fullmatch("aab")
    cache.keep()
    assert set(_stored(tmp_path)) == {(r"a+b", 0)}


def test_another_regex_version_reads_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_file(tmp_path)
    monkeypatch.setattr(pattern_cache.regex, "__version__", "0.0.0")
    assert cache_file(tmp_path) != before


def test_extraction_compiles_the_same_sources_in_every_process(tmp_path: Path) -> None:
    """Two processes with different string hashing extract the same documents: the second finds
    every pattern it needs in the file the first wrote (no source depends on a set's order)."""
    documents = sorted((ROOT / "corpus" / "docs").glob("*.md"))[:3] + sorted((ROOT / "corpus" / "docs").glob("*.txt"))[:3]
    script = "import sys\nfrom extract import extract_file\nfor p in sys.argv[1:]: extract_file(p)\n"
    seen = []
    for seed in ("1", "2"):
        env = {**os.environ, lexicon_cache.CACHE_ENV: str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, *map(str, documents)], check=True, cwd=ROOT, env=env)
        seen.append(set(_stored(tmp_path)))
    assert len(seen[0]) > 50
    assert seen[1] == seen[0]
