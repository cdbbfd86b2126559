"""Authentication for :mod:`store.pgwire`: trust, cleartext password, MD5 and SCRAM-SHA-256
(RFC 5802 and 7677, without channel binding). A method it does not know, or a password the
server asks for and the URL does not give (libpq would look in the password file), is left to
libpq (:class:`store.pgwire.Unsupported`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from typing import TYPE_CHECKING

from store.pgwire import PgError, Unsupported, _cstr, _fields, _message

if TYPE_CHECKING:
    from store.pgwire import Connection

OK, CLEARTEXT, MD5, SASL, SASL_CONTINUE, SASL_FINAL = 0, 3, 5, 10, 11, 12
SCRAM = "SCRAM-SHA-256"


def authenticate(conn: Connection, user: str, password: str | None) -> None:
    """Answer the server's authentication requests until it accepts (or raise)."""
    scram: ScramClient | None = None
    while True:
        kind, body = conn.read()
        if kind == b"E":
            raise PgError(_fields(body))
        if kind != b"R":
            raise Unsupported(f"unexpected message {kind!r} while authenticating")
        code = int.from_bytes(body[:4], "big")
        if code == OK:
            return
        if password is None:
            raise Unsupported("the server asks for a password")
        if code == CLEARTEXT:
            conn.send(_message(b"p", _cstr(password)))
        elif code == MD5:
            conn.send(_message(b"p", _cstr(md5_password(user, password, body[4:8]))))
        elif code == SASL:
            if SCRAM not in body[4:].decode().split("\0"):
                raise Unsupported("no SCRAM-SHA-256 without channel binding")
            scram = ScramClient(password)
            first = scram.first().encode()
            conn.send(_message(b"p", _cstr(SCRAM) + struct.pack("!i", len(first)) + first))
        elif code == SASL_CONTINUE and scram is not None:
            conn.send(_message(b"p", scram.final(body[4:].decode()).encode()))
        elif code == SASL_FINAL and scram is not None:
            scram.verify(body[4:].decode())
        else:
            raise Unsupported(f"authentication method {code}")


def md5_password(user: str, password: str, salt: bytes) -> str:
    """The answer to an MD5 request: md5(md5(password + user) + salt), as text."""
    inner = hashlib.md5((password + user).encode()).hexdigest().encode()
    return "md5" + hashlib.md5(inner + salt).hexdigest()


class ScramClient:
    """The client side of SCRAM-SHA-256 (the user name is the connection's: sent empty)."""

    def __init__(self, password: str, nonce: str | None = None, name: str = "") -> None:
        self.password = password
        self.nonce = nonce or base64.b64encode(os.urandom(18)).decode()
        self.first_bare = f"n={name},r={self.nonce}"
        self.signature = b""

    def first(self) -> str:
        return "n,," + self.first_bare

    def final(self, server_first: str) -> str:
        attrs = dict(part.split("=", 1) for part in server_first.split(","))
        if not attrs["r"].startswith(self.nonce):
            raise Unsupported("SCRAM nonce mismatch")
        salted = hashlib.pbkdf2_hmac("sha256", self.password.encode(), base64.b64decode(attrs["s"]), int(attrs["i"]))
        client_key = hmac.digest(salted, b"Client Key", "sha256")
        without_proof = f"c=biws,r={attrs['r']}"
        message = f"{self.first_bare},{server_first},{without_proof}".encode()
        client_signature = hmac.digest(hashlib.sha256(client_key).digest(), message, "sha256")
        proof = bytes(a ^ b for a, b in zip(client_key, client_signature))
        self.signature = hmac.digest(hmac.digest(salted, b"Server Key", "sha256"), message, "sha256")
        return f"{without_proof},p={base64.b64encode(proof).decode()}"

    def verify(self, server_final: str) -> None:
        attrs = dict(part.split("=", 1) for part in server_final.split(","))
        if "v" not in attrs or not hmac.compare_digest(base64.b64decode(attrs["v"]), self.signature):
            raise Unsupported("SCRAM server signature mismatch")
