"""The fast path of ``find_agencies`` (a stored name, alone or with its province, found without
the resolver) gives what the resolver gives, and answers for the names listings show."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.directory import agency_directory, canonical_agency
from extract.jurisdiction import split_area
from extract.langdata import load_language
from store.agency_exact import exact_agencies
from store.db import make_engine
from store.errors import NotFound
from store.lookup import resolved_agencies
from store.sql import SessionSql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # noqa: E402  the benchmark's generator of synthetic stores


def _tier_words() -> list[str]:
    return [w.casefold() for lang in ("vi", "en") for ws in load_language(lang).table("agency_levels", "tiers").values()
            for w in ws]


def test_every_directory_name_resolves_to_itself() -> None:
    """The fast path takes a stored resolved name to be its own canonical name."""
    names = [entry.name for entry in agency_directory("vi").agencies]
    assert len(names) > 50
    assert [n for n in names if canonical_agency(n) != n] == []


def test_a_name_without_its_tier_word_resolves_to_nothing_or_the_name() -> None:
    """What the resolver tries first for "Ủy ban nhân dân tỉnh Lai Châu" ("Ủy ban nhân dân") names
    no other agency, whenever the fast path answers (the cut leaves a word, not a sign)."""
    tiers = _tier_words()
    assert max(len(w.split()) for w in tiers) <= 2  # the fast path looks one and two words back
    checked = 0
    for entry in agency_directory("vi").agencies:
        for word in tiers:
            if entry.name.casefold().endswith(" " + word):
                cut = entry.name[: -len(word)].rstrip()
                if cut[-1].isalnum():
                    checked += 1
                    assert canonical_agency(cut) in (None, entry.name), entry.name
    assert checked > 3


@pytest.fixture
def store(db_url: str) -> Iterator[SessionSql]:
    from sqlmodel import Session

    make_store(db_url, 300, per_plan=30)  # every agency of the directory, in every province
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield SessionSql(session)
    engine.dispose()


def _resolver(sql: SessionSql, text: str) -> list[int] | str:
    try:
        return resolved_agencies(sql, text)
    except NotFound:
        return "not found"


def _forms(name: str, area: str, aliases: list[str]) -> list[str]:
    """The ways people write an agency: its name alone or with the province, an alias, another
    case, a close spelling, a tier word added or dropped."""
    out = [name, f"{name} {area}", f"{name} ({area})", name.upper(), f"{name.lower()} {area}", f"{name}  {area}",
           f"{name[:-1]} {area}", f"{name} tỉnh {area}", f"{name.rsplit(' ', 1)[0]} {area}", f"{name} {area} ."]
    out += [f"{alias} {area}" for alias in aliases[:2]] + aliases[:2]
    return out


def test_the_fast_path_agrees_with_the_resolver(store: SessionSql) -> None:
    every = store.rows("SELECT name, area, aliases FROM agency ORDER BY id", {})
    provinces = sorted({area for _, area, _ in every if area not in ("", "national")})
    assert len(provinces) > 30
    some = {*provinces[:: len(provinces) // 4], "", "national"}  # four provinces (every agency of each) and the rest
    rows = [row for row in every if row[1] in some]
    answered = listed = 0
    texts = {text: None for name, area, aliases in rows
             for text in _forms(name, area, json.loads(aliases) if isinstance(aliases, str) else aliases)}
    for text in texts:
        fast = exact_agencies(store, text)
        if fast is not None:
            answered += 1
            assert fast == _resolver(store, text), text
    hits = 0
    for name, area, _ in rows:  # the listing form of a provincial agency: answered, nearly always
        if area not in ("", "national") and split_area(f"{name} ({area})")[1] == area:
            listed += 1
            hits += exact_agencies(store, f"{name} ({area})") is not None
    assert answered > hits > 0.6 * listed > 40


def test_a_listing_by_a_stored_name_imports_no_resolver(store: SessionSql, db_url: str) -> None:
    """`tasks --agency "Sở Y tế Lâm Đồng"` answers without the directory, its patterns and rapidfuzz."""
    probe = ("import json, sys\nfrom store.cli import cli\n"
             f"cli(['--db', {db_url!r}, 'tasks', '--agency', 'Sở Y tế Lâm Đồng', '--format', 'json'], standalone_mode=False)\n"
             "print(json.dumps([m for m in ('regex', 'rapidfuzz', 'extract.directory') if m in sys.modules]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert isinstance(json.loads(done.stdout), list)  # the department's tasks (found, not refused)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
