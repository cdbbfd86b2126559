"""The lexicon built once and read back from disk in later processes: same index, never stale,
never in the way (a bad file is rebuilt, an unwritable folder only costs the build)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract import lexicon as lex
from extract import lexicon_cache


@pytest.fixture(autouse=True)
def _forget_after() -> Iterator[None]:
    """Later tests must not see a lexicon built here from a patched word list."""
    yield
    lex.lexicon.cache_clear()


def _fresh() -> lex.Lexicon:
    lex.lexicon.cache_clear()
    return lex.lexicon()


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("lexicon-*.marshal"))


def test_a_later_process_reads_the_same_index_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    built = _fresh()
    written = _files(tmp_path)
    assert [path.name.rsplit("-", 1)[1] for path in written] == ["pairs.marshal", "syllables.marshal", "words.marshal"]
    monkeypatch.setattr(lex, "_built", lambda *_: pytest.fail("the cached index should have been read"))
    read = _fresh()
    assert (read.syllables, read.words, read.pairs, dict(read.entries)) == (built.syllables, built.words, built.pairs, dict(built.entries))
    assert "quy" in read.syllables and read.is_pair("hạ", "tầng")
    assert _files(tmp_path) == written


def test_words_and_pairs_are_read_only_when_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    built = _fresh()
    pairs_file, _, words_file = _files(tmp_path)
    words_file.unlink()
    pairs_file.unlink()
    read = _fresh()
    assert "quy" in read.syllables and read.entries["quy"] == built.entries["quy"]
    assert not words_file.exists() and not pairs_file.exists()  # not asked for: not looked for
    assert read.is_pair("hạ", "tầng") and read.pairs == built.pairs
    assert pairs_file.exists()  # asked for, missing: rebuilt and written again
    assert "quy định" in read.words and read.words == built.words


def test_a_changed_word_list_is_not_read_from_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    _fresh()
    monkeypatch.setattr(lex, "supplement_words", lambda: ("chống chịu", "từ mới toanh"))
    changed = _fresh()
    assert "toanh" in changed.syllables and "từ mới toanh" in changed.words
    assert len(_files(tmp_path)) == 6  # three parts from each word list


def test_a_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    built = _fresh()
    _, syllables_file, words_file = _files(tmp_path)
    words_file.write_bytes(words_file.read_bytes()[:1000])
    assert _fresh().pairs == built.pairs
    syllables_file.write_bytes(b"\x00not marshal")
    assert _fresh().syllables == built.syllables
    words_file.write_bytes(syllables_file.read_bytes())  # readable, but the other part's shape
    assert _fresh().words == built.words


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes into read-only folders")
def test_an_unwritable_folder_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path / "sub"))
    try:
        assert "quy" in _fresh().syllables
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lexicon_cache.cache_dir() is None
    assert "quy" in _fresh().syllables
    assert not list(tmp_path.rglob("*.marshal"))


def test_the_folder_follows_the_platform_convention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(lexicon_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if os.name != "nt":
        assert lexicon_cache.cache_dir() == tmp_path / "planwatch"
