"""The standard library's PostgreSQL client of the read commands (store.pgwire): which URLs it
opens and which it leaves to psycopg, the values it reads (compared with psycopg's on the same
statements), its parameters, streaming, errors, and the password exchanges."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from conftest import PG_URL, _postgres_schema_url

from store import pgwire
from store.db import current_postgres, postgres_uri
from store.pgauth import ScramClient, md5_password
from store.sql import PsycopgSql, WireSql

PLAIN = "postgresql://alice:s%40cret@db.example:6543/plans?options=-csearch_path%3Dpw&application_name=pw"


def test_a_plain_url_gives_the_parameters_libpq_would_use() -> None:
    params = pgwire.plain_parameters(PLAIN, environ={})
    assert params == {"host": "db.example", "port": "6543", "user": "alice", "password": "s@cret",
                      "dbname": "plans", "options": "-csearch_path=pw", "application_name": "pw"}
    defaults = pgwire.plain_parameters("postgresql://bob@10.0.0.1", environ={})
    assert (defaults["port"], defaults["dbname"], "password" in defaults) == ("5432", "bob", False)


@pytest.mark.parametrize("uri, environ", [
    ("postgresql://u@h/db?sslmode=require", {}),
    ("postgresql://u@h/db?sslmode=verify-full", {}),
    ("postgresql://u@h/db?sslrootcert=x.pem", {}),
    ("postgresql://u@h/db?service=prod", {}),
    ("postgresql://u@h1,h2/db", {}),
    ("postgresql:///db", {}),
    ("postgresql://u@%2Fvar%2Frun%2Fpostgresql/db", {}),
    ("postgresql://u@h/db?host=/tmp", {}),
    ("postgresql://u@h/db?client_encoding=latin1", {}),
    ("postgresql://u@h/db", {"PGPASSWORD": "x"}),
    ("postgresql://u@h/db", {"PGSSLMODE": "require"}),
    ("postgresql://u@h/db", {"KRB5CCNAME": "FILE:/tmp/k"}),
], ids=lambda value: str(value)[:40])
def test_what_libpq_alone_knows_is_left_to_psycopg(uri: str, environ: dict[str, str]) -> None:
    with pytest.raises(pgwire.Unsupported):
        pgwire.plain_parameters(uri, environ=environ)


def test_scram_sha_256_answers_as_rfc_7677_shows() -> None:
    client = ScramClient("pencil", nonce="rOprNGfwEbeRWgbNEkqO", name="user")
    assert client.first() == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
    server_first = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    assert client.final(server_first) == (
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
    client.verify("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
    with pytest.raises(pgwire.Unsupported):
        client.verify("v=" + base64.b64encode(b"x" * 32).decode())


def test_an_md5_answer_is_md5_of_the_salted_md5_of_password_and_user() -> None:
    inner = hashlib.md5(b"secretalice").hexdigest()
    assert md5_password("alice", "secret", b"\x01\x02\x03\x04") == "md5" + hashlib.md5(
        inner.encode() + b"\x01\x02\x03\x04").hexdigest()


@pytest.fixture
def pg_uri() -> Iterator[str]:
    """A libpq URI of a fresh PostgreSQL schema (skipped without a server)."""
    for url in _postgres_schema_url():
        uri = postgres_uri(url)
        assert uri is not None
        yield uri


@pytest.fixture
def both(pg_uri: str) -> Iterator[tuple[WireSql, PsycopgSql]]:
    """The same database through this client and through psycopg."""
    import psycopg

    wire, psy = WireSql(pgwire.connect(pg_uri)), PsycopgSql(psycopg.connect(pg_uri))
    yield wire, psy
    wire.connection.close()
    psy.connection.close()


VALUES = (
    "SELECT 1::int2, 2::int4, 3000000000::int8, 4::oid, 1.5::float4, -2.25::float8, 'NaN'::float8,"
    " 12.340::numeric, true, false, NULL::text, 'Sở TT&TT'::text, 'ab'::varchar(4), 'x'::char(3),"
    " 'pg'::name, DATE '2025-12-31', TIMESTAMP '2026-01-02 03:04:05.123456', TIMESTAMP '2026-01-02 03:04:05',"
    " '{\"page\": 1, \"text\": \"Sở\", \"n\": [1, 2.5, null]}'::json, '{\"b\": 1, \"a\": {\"c\": true}}'::jsonb,"
    " '[]'::jsonb, ''::text"
)


@pytest.mark.postgres
def test_each_type_reads_as_psycopg_reads_it(both: tuple[WireSql, PsycopgSql]) -> None:
    wire, psy = both
    ours, theirs = wire.rows(VALUES, {}), psy.rows(VALUES, {})
    assert len(ours[0]) == 22
    for mine, expected in zip(ours[0], theirs[0]):
        if isinstance(expected, float) and expected != expected:  # NaN
            assert mine != mine
        else:
            assert (mine, type(mine)) == (expected, type(expected))


@pytest.mark.postgres
def test_an_aware_timestamp_reads_as_the_same_instant(both: tuple[WireSql, PsycopgSql]) -> None:
    wire, psy = both
    statement = "SELECT TIMESTAMPTZ '2026-01-02 03:04:05.5+07'"
    mine, expected = wire.rows(statement, {})[0][0], psy.rows(statement, {})[0][0]
    assert mine == expected and mine.utcoffset() is not None


@pytest.mark.postgres
def test_parameters_bind_as_psycopg_binds_them(both: tuple[WireSql, PsycopgSql]) -> None:
    wire, psy = both
    params: dict[str, Any] = {
        "i": 7, "big": 2**40, "f": 0.1, "d": date(2025, 6, 30), "t": datetime(2026, 1, 2, 3, 4, 5, 6),
        "z": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=7))), "b": True, "s": "Sở KH&ĐT 'x' %s",
        "n": None, "dec": Decimal("1.25"),
    }
    statement = ("SELECT :i + 1, :big, :f * 2, :d + 1, :t, :z, NOT :b, upper(:s), coalesce(:n, :s), :dec * 2,"
                 " :s = :s, length(:s)")
    assert wire.rows(statement, params) == psy.rows(statement, params)


@pytest.mark.postgres
def test_a_stream_reads_every_row_in_batches_and_other_statements_run_between(
    both: tuple[WireSql, PsycopgSql]
) -> None:
    wire, _ = both
    statement = "SELECT g, 'row ' || g FROM generate_series(1, :n) g ORDER BY g"
    seen, sizes = [], []
    for batch in wire.batches(statement, {"n": 2500}, 1000):
        sizes.append(len(batch))
        seen += batch
        assert wire.rows("SELECT count(*) FROM generate_series(1, :n)", {"n": 3}) == [(3,)]
    assert sizes == [1000, 1000, 500]
    assert seen == [(g, f"row {g}") for g in range(1, 2501)]
    assert list(wire.batches("SELECT 1 WHERE false", {}, 10)) == []


@pytest.mark.postgres
def test_a_server_error_is_raised_with_its_message(pg_uri: str) -> None:
    connection = pgwire.connect(pg_uri)
    with pytest.raises(pgwire.PgError, match="no_such_table") as raised:
        connection.execute("SELECT * FROM no_such_table")
    assert raised.value.sqlstate == "42P01"
    connection.close()


@pytest.mark.postgres
def test_a_url_this_client_leaves_to_libpq_is_opened_with_psycopg(pg_uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.db import postgres_is_current

    monkeypatch.setattr(postgres_is_current, "__code__", (lambda _sql: True).__code__)
    wire = current_postgres(pg_uri)
    assert isinstance(wire, WireSql)
    wire.connection.close()
    monkeypatch.setenv("PGAPPNAME", "planwatch-test")
    psy = current_postgres(pg_uri)
    assert isinstance(psy, PsycopgSql)
    psy.connection.close()


@pytest.mark.postgres
def test_a_failure_to_connect_is_left_to_libpq_which_reports_it() -> None:
    uri = postgres_uri(PG_URL)
    assert uri is not None
    missing = uri.rsplit("/", 1)[0] + "/no_such_database_pw"
    with pytest.raises(pgwire.Unsupported):
        pgwire.connect(missing)
    import psycopg

    with pytest.raises(psycopg.OperationalError, match="no_such_database_pw"):
        current_postgres(missing)
