"""Language data files parsed once per version and read back from the on-disk cache: the same
values as parsing, never stale, and a file the cache cannot hold (a TOML date) still read."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from extract import langdata, lexicon_cache
from extract.errors import LanguageDataError


@pytest.fixture(autouse=True)
def _forget_after() -> Iterator[None]:
    langdata.read_data_file.cache_clear()
    yield
    langdata.read_data_file.cache_clear()


def _language(folder: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "xx").mkdir(exist_ok=True)
    (folder / "xx" / "data.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(langdata, "LANG_DIR", folder)


def _read_again() -> dict[str, object]:
    langdata.read_data_file.cache_clear()
    return langdata.read_data_file("xx", "data.toml")


def test_the_real_files_read_back_as_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path))
    for code, name in (("vi", "language.toml"), ("vi", "targets.toml"), ("en", "targets.toml")):
        parsed = tomllib.loads(langdata.nfc(langdata.data_path(code, name).read_text(encoding="utf-8")))
        assert langdata.read_data_file(code, name) == parsed  # parsed, written
        langdata.read_data_file.cache_clear()
        assert langdata.read_data_file(code, name) == parsed  # read back
    assert len(list(tmp_path.glob(f"{langdata.DATA_CACHE}-*.marshal"))) == 3


def test_a_later_read_does_not_parse_and_a_changed_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path / "cache"))
    _language(tmp_path, 'words = ["Cafe\u0301"]\n', monkeypatch)  # a decomposed letter
    assert _read_again() == {"words": ["Café"]}  # NFC, as before the cache
    with monkeypatch.context() as patched:
        patched.setattr(tomllib, "loads", lambda *_: pytest.fail("the cached parse should have been read"))
        assert _read_again() == {"words": ["Café"]}
    _language(tmp_path, 'words = ["tea"]\n', monkeypatch)
    assert _read_again() == {"words": ["tea"]}


def test_a_file_the_cache_cannot_hold_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path / "cache"))
    _language(tmp_path, "since = 2025-07-01\n", monkeypatch)
    assert _read_again() == {"since": date(2025, 7, 1)}
    assert _read_again() == {"since": date(2025, 7, 1)}
    assert not list((tmp_path / "cache").glob("*.marshal"))


def test_a_malformed_file_is_a_language_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicon_cache.CACHE_ENV, str(tmp_path / "cache"))
    _language(tmp_path, "words = [\n", monkeypatch)
    with pytest.raises(LanguageDataError, match="restore it"):
        _read_again()
