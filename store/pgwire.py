"""A small PostgreSQL client on the standard library, for the read commands.

Importing psycopg loads libpq and its TLS and Kerberos libraries and about a hundred modules
(asyncio, typing_extensions, importlib.metadata …): more time than a filtered read command
spends on its query. The read commands only run statements and read rows, so for the plain
connections this module speaks the frontend/backend protocol (version 3) itself: a TCP host,
user, password, database and ``options`` from the URL; trust, password, MD5 or SCRAM-SHA-256
authentication; no TLS. Everything else, and any failure while connecting, is left to
psycopg (:class:`Unsupported`, then the caller opens psycopg as before), so libpq keeps its
say on environment variables, password files, services, TLS and its error messages.

Statements run in one transaction (as psycopg runs them), through the extended protocol with
text parameters and text results, each column decoded by its type as psycopg decodes it.
"""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

PROTOCOL = 196608  # 3.0
SSL_REQUEST = 80877103
DEFAULT_PORT = 5432
# connection parameters this client honours as libpq does; any other one is left to libpq
PLAIN_KEYS = {"options", "application_name", "sslmode", "connect_timeout", "client_encoding", "user",
              "password", "dbname", "host", "port"}
PLAINTEXT_SSLMODES = {"disable", "allow", "prefer"}  # no TLS when the server offers none
KERBEROS_CACHE = "/tmp/krb5cc_{uid}"  # libpq tries GSS encryption first when this exists
RECEIVE = 1 << 16
HEADER, INT32 = struct.Struct("!Bi"), struct.Struct("!i")
DATA_ROW, ROW_DESCRIPTION, PORTAL_SUSPENDED, ERROR, READY = b"DTsEZ"
SKIPPED = frozenset(b"NSAK")  # notices, parameter reports, notifications, the cancel key


class Unsupported(Exception):
    """A connection this client leaves to libpq (psycopg): TLS, a password file, an unusual
    parameter, or any failure while connecting, which libpq then reports in its own words."""


class PgError(Exception):
    """An error the server reported for a statement (its ``sqlstate`` and message)."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.sqlstate = fields.get("C", "")
        super().__init__(f"{fields.get('S', 'ERROR')}:  {fields.get('M', 'unknown error')}")


def plain_parameters(uri: str, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The connection parameters of a ``postgresql://`` URI when this client opens it as libpq
    would; :class:`Unsupported` otherwise (``PG*`` environment variables, a Unix socket, several
    hosts, TLS, parameters it does not know)."""
    if any(name.startswith("PG") for name in environ) or "KRB5CCNAME" in environ:
        raise Unsupported("libpq reads the environment")
    if os.path.exists(KERBEROS_CACHE.format(uid=os.getuid())):
        raise Unsupported("GSS encryption may apply")
    parts = urlsplit(uri)
    host = unquote(parts.hostname or "")
    if parts.scheme not in ("postgresql", "postgres") or not host or "," in parts.netloc or host.startswith("/"):
        raise Unsupported("not one TCP host")
    params = {"host": host, "port": str(parts.port or DEFAULT_PORT)}
    if parts.username:
        params["user"] = unquote(parts.username)
    if parts.password is not None:
        params["password"] = unquote(parts.password)
    if parts.path.strip("/"):
        params["dbname"] = unquote(parts.path[1:])
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in PLAIN_KEYS:
            raise Unsupported(f"parameter {key}")
        params[key] = value
    if params.get("sslmode", "prefer") not in PLAINTEXT_SSLMODES:
        raise Unsupported("TLS required")
    if params.get("client_encoding", "UTF8").upper().replace("-", "") not in ("UTF8", "UNICODE"):
        raise Unsupported("not UTF-8")
    if "," in params["host"] or params["host"].startswith("/"):
        raise Unsupported("not one TCP host")
    if "user" not in params:
        import getpass

        params["user"] = getpass.getuser()
    params.setdefault("dbname", params["user"])
    return params


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!i", len(body) + 4) + body


def _cstr(text: str) -> bytes:
    return text.encode() + b"\0"


def _fields(body: bytes) -> dict[str, str]:
    """The fields of an ErrorResponse or NoticeResponse."""
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[part[:1].decode()] = part[1:].decode(errors="replace")
    return out


def _json(raw: bytes) -> Any:
    import json

    return json.loads(raw.decode())


def _numeric(raw: bytes) -> Any:
    from decimal import Decimal

    return Decimal(raw.decode())


def _timestamp(raw: bytes) -> datetime:
    return datetime.fromisoformat(raw.decode())


def _date(raw: bytes) -> date:
    return date.fromisoformat(raw.decode())


def _bool(raw: bytes) -> bool:
    return raw == b"t"


# result types by oid, decoded from their text form as psycopg decodes them
DECODERS: dict[int, Callable[[bytes], Any]] = {
    16: _bool, 20: int, 21: int, 23: int, 26: int, 700: float, 701: float, 1700: _numeric,
    18: bytes.decode, 19: bytes.decode, 25: bytes.decode, 705: bytes.decode, 1042: bytes.decode, 1043: bytes.decode,
    1082: _date, 1114: _timestamp, 1184: _timestamp, 114: _json, 3802: _json,
}


def _unknown(oid: int) -> Callable[[bytes], Any]:
    def fail(_raw: bytes) -> Any:
        raise TypeError(f"no decoder for PostgreSQL type oid {oid} (store.pgwire.DECODERS)")

    return fail


def encode_parameter(value: Any) -> tuple[int, bytes | None]:
    """(type oid, text) of a parameter as psycopg binds it: text with an unknown type, which the
    server infers from the statement; numbers, booleans, dates and times with their type."""
    if value is None:
        return 0, None
    if isinstance(value, str):
        return 0, value.encode()
    if isinstance(value, bool):
        return 16, b"t" if value else b"f"
    if isinstance(value, int):
        return 20, str(value).encode()
    if isinstance(value, float):
        return 701, repr(value).encode()
    if isinstance(value, datetime):
        return (1114 if value.tzinfo is None else 1184), value.isoformat(" ").encode()
    if isinstance(value, date):
        return 1082, value.isoformat().encode()
    if type(value).__name__ == "Decimal":
        return 1700, str(value).encode()
    raise TypeError(f"cannot send a {type(value).__name__} parameter")


class Connection:
    """One connection, in one transaction from the first statement to :meth:`close` (which
    rolls it back: the read commands write nothing)."""

    def __init__(self, params: Mapping[str, str]) -> None:
        timeout = float(params["connect_timeout"]) if params.get("connect_timeout") else None
        try:
            self.sock = socket.create_connection((params["host"], int(params["port"])), timeout=timeout)
        except OSError as error:
            raise Unsupported(str(error)) from error
        self.sock.settimeout(None)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf, self.pos = b"", 0
        self._portals = 0
        try:
            self._start(params)
            self._simple("BEGIN")
        except Unsupported:
            self.close()
            raise
        except (OSError, PgError, ValueError) as error:
            self.close()
            raise Unsupported(str(error)) from error

    def _start(self, params: Mapping[str, str]) -> None:
        if params.get("sslmode", "prefer") == "prefer":  # libpq asks for TLS first
            self.sock.sendall(struct.pack("!ii", 8, SSL_REQUEST))
            self._fill(1)
            self.pos += 1
            if self.buf[self.pos - 1 : self.pos] != b"N":
                raise Unsupported("the server offers TLS")
        startup = {"user": params["user"], "database": params["dbname"], "client_encoding": "UTF8",
                   "DateStyle": "ISO"}
        for key in ("options", "application_name"):
            if params.get(key):
                startup[key] = params[key]
        body = struct.pack("!i", PROTOCOL) + b"".join(_cstr(k) + _cstr(v) for k, v in startup.items()) + b"\0"
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        from store.pgauth import authenticate

        authenticate(self, params["user"], params.get("password"))
        while True:
            kind, body = self.read()
            if kind == b"Z":
                return
            if kind == b"E":
                raise PgError(_fields(body))

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except OSError as error:
            raise PgError({"M": f"connection lost ({error})"}) from error

    def _fill(self, need: int) -> None:
        """Receive until the buffer holds ``need`` bytes from :attr:`pos`."""
        chunks = [self.buf[self.pos :]]
        have = len(chunks[0])
        while have < need:
            try:
                chunk = self.sock.recv(max(RECEIVE, need - have))
            except OSError as error:
                raise PgError({"M": f"connection lost ({error})"}) from error
            if not chunk:
                raise PgError({"M": "the server closed the connection"})
            chunks.append(chunk)
            have += len(chunk)
        self.buf, self.pos = b"".join(chunks), 0

    def next_message(self) -> tuple[int, int, int]:
        """The next message in place: (type byte, start, end of its body in :attr:`buf`);
        notices and parameter reports skipped."""
        while True:
            if len(self.buf) - self.pos < 5:
                self._fill(5)
            kind, size = HEADER.unpack_from(self.buf, self.pos)
            if len(self.buf) - self.pos < size + 1:
                self._fill(size + 1)
            start = self.pos + 5
            self.pos += size + 1
            if kind not in SKIPPED:
                return kind, start, self.pos

    def read(self) -> tuple[bytes, bytes]:
        """The next message (type, body), notices and parameter reports skipped."""
        kind, start, end = self.next_message()
        return bytes((kind,)), self.buf[start:end]

    def _simple(self, statement: str) -> None:
        self.send(_message(b"Q", _cstr(statement)))
        error = None
        while True:
            kind, body = self.read()
            if kind == b"E":
                error = PgError(_fields(body))
            elif kind == b"Z":
                if error is not None:
                    raise error
                return

    def _bind(self, statement: str, params: Sequence[Any], portal: str) -> bytes:
        """Parse, Bind, Describe of ``statement`` with ``params`` ($1, $2 …) into ``portal``."""
        typed = [encode_parameter(value) for value in params]
        parse = _cstr("") + _cstr(statement) + struct.pack(f"!h{len(typed)}i", len(typed), *(t[0] for t in typed))
        values = b"".join(struct.pack("!i", -1) if raw is None else struct.pack("!i", len(raw)) + raw
                          for _, raw in typed)
        bind = _cstr(portal) + _cstr("") + struct.pack("!hh", 0, len(typed)) + values + struct.pack("!hh", 1, 0)
        return _message(b"P", parse) + _message(b"B", bind) + _message(b"D", b"P" + _cstr(portal))

    def _results(self, rows: list[tuple[Any, ...]], decoders: list[Callable[[bytes], Any]]) -> bool:
        """Read one Execute's answer up to ReadyForQuery into ``rows`` (``decoders`` filled from
        the row description); True when the portal has more rows."""
        more, error = False, None
        append, unpack = rows.append, INT32.unpack_from
        while True:
            kind, pos, end = self.next_message()
            buf = self.buf
            if kind == DATA_ROW:  # fields in place: a length (-1: NULL), then the text
                out: list[Any] = []
                add = out.append
                pos += 2
                for decode in decoders:
                    (size,) = unpack(buf, pos)
                    pos += 4
                    if size < 0:
                        add(None)
                    else:
                        add(decode(buf[pos : pos + size]))
                        pos += size
                append(tuple(out))
            elif kind == ROW_DESCRIPTION:
                decoders[:] = _decoders(buf[pos:end])
            elif kind == PORTAL_SUSPENDED:
                more = True
            elif kind == ERROR:
                error = PgError(_fields(buf[pos:end]))
            elif kind == READY:
                if error is not None:
                    raise error
                return more

    def execute(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of ``statement`` ($n parameters); none for a statement without rows."""
        self.send(self._bind(statement, params, "") + _message(b"E", b"\0" + struct.pack("!i", 0))
                  + _message(b"S", b""))
        rows: list[tuple[Any, ...]] = []
        self._results(rows, [])
        return rows

    def stream(self, statement: str, params: Sequence[Any], size: int) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``statement``, ``size`` at a time: a portal of the transaction, read on."""
        self._portals += 1
        portal = f"planwatch_{self._portals}"
        execute = _message(b"E", _cstr(portal) + struct.pack("!i", size)) + _message(b"S", b"")
        decoders: list[Callable[[bytes], Any]] = []
        self.send(self._bind(statement, params, portal) + execute)
        while True:
            rows: list[tuple[Any, ...]] = []
            more = self._results(rows, decoders)
            if rows:
                yield rows
            if not more:
                return
            self.send(execute)

    def close(self) -> None:
        try:
            self.send(_message(b"X", b""))
        except PgError:
            pass
        self.sock.close()


def _decoders(description: bytes) -> list[Callable[[bytes], Any]]:
    """Each column's decoder, from a RowDescription."""
    count = int.from_bytes(description[:2], "big")
    out, pos = [], 2
    for _ in range(count):
        pos = description.index(b"\0", pos) + 1  # the column name
        oid = int.from_bytes(description[pos + 6 : pos + 10], "big")
        out.append(DECODERS.get(oid) or _unknown(oid))
        pos += 18
    return out


def connect(uri: str) -> Connection:
    """A connection to the PostgreSQL database at ``uri``; :class:`Unsupported` when libpq
    should open it (see :func:`plain_parameters`)."""
    return Connection(plain_parameters(uri))
