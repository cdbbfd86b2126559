"""Which documents a --document filter names (store.lookup.find_documents): the same ids as
comparing every document's id, number, hash, file and title in Python, on generated stores
whose names hold LIKE's special characters, case and spacing variants."""

from __future__ import annotations

import hashlib
import random
from pathlib import PurePath
from typing import Any

import pytest
from conftest import make_plan
from sqlmodel import Session

from store.db import init_db, make_engine
from store.errors import NotFound
from store.ingest import save_result
from store.lookup import find_documents
from store.names import name_key
from store.sql import as_sql

PIECES = ("Kế hoạch", "KẾ HOẠCH", "chuyển đổi số", "50%", "a_b", "x!y", "Đắk  Nông", "5G", "tỉnh")


def _reference(rows: list[tuple[Any, ...]], text: str) -> list[int]:
    """The comparison of every document in Python, as find_documents defines it."""
    key = name_key(text)
    return [doc_id for doc_id, number, title, sha256, source in rows if (
        text == str(doc_id) or (number and name_key(number) == key)
        or (len(text) >= 6 and sha256.startswith(text.lower())) or source == text
        or PurePath(source).name == text or (title and key in name_key(title)))]


def test_a_document_filter_names_what_comparing_every_document_names(db_url: str) -> None:
    pick = random.Random(7)
    engine = make_engine(db_url)
    init_db(engine)
    with Session(engine) as session:
        for n in range(40):
            words = " ".join(pick.sample(PIECES, 3))
            folder = pick.choice(("plans", "kế hoạch/50%", "a_b", ""))
            save_result(session, make_plan(
                sha256=hashlib.sha256(str(n).encode()).hexdigest(), number=pick.choice((None, f"{n % 7}/KH-UBND")),
                source=f"{folder}/{pick.choice(PIECES)}-{n}.md".lstrip("/"), title=f"{words} {n}", tasks=[]))
        save_result(session, make_plan(sha256="f" * 64, number=None, source="a_b/x!y-50%.md", title="t", tasks=[]))
        session.commit()
        rows = as_sql(session).rows("SELECT id, number, title, sha256, source FROM document ORDER BY id", {})
        texts = ["3/kh-ubnd", "50%", "a_b", "x!y", "%", "_", "kế hoạch", "đắk nông", "5g", "1", "12", "plans",
                 rows[5][3][:8].upper(), rows[6][3][:5], rows[7][4], PurePath(rows[8][4]).name,
                 PurePath(rows[9][4]).name.upper(), "x!y-50%.md", "a_b/x!y-50%.md", "nothing like it"]
        for text in texts:
            expected = _reference(rows, text)
            if expected:
                assert find_documents(session, text) == expected, text
            else:
                with pytest.raises(NotFound):
                    find_documents(session, text)
    engine.dispose()
