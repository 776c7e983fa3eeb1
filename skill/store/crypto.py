"""Encryption of Withings credentials at rest, and the hashes that stand in for issued tokens.

AES-256-GCM with a random 96-bit nonce per write. The item's key (pk, sk) is the associated data, so a
ciphertext copied onto another item fails authentication instead of lending its credentials there.
Blob layout: version byte (for key rotation later) | nonce (12) | ciphertext+tag.
Tokens issued to Alexa are 256-bit random values, so an unsalted SHA-256 is a safe lookup key: the
table never holds anything that can be presented as a token. A Withings userid is a small number that
enumeration would recover from its plain SHA-256, so keys built from it use `Sealer.keyed_id` (HMAC
under a key derived from TOKEN_KEY) instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from typing import TYPE_CHECKING

from skill.store.errors import CredentialsUnreadable, StoreConfigError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"
_NONCE_BYTES = 12
_KEY_BYTES = 32


def token_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def aad_for(pk: str, sk: str) -> bytes:
    return f"{pk}\x00{sk}".encode()


class Sealer:
    """Seals and opens credential blobs under TOKEN_KEY."""

    def __init__(self, key: bytes) -> None:
        if len(key) != _KEY_BYTES:
            raise StoreConfigError("TOKEN_KEY must be 32 bytes (base64)")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # deferred: cold start

        self._aead: AESGCM = AESGCM(key)
        # A separate key for ids: the AES key itself never feeds anything but AES-GCM.
        self._id_key = hmac.new(key, b"skill.store keyed ids v1", hashlib.sha256).digest()

    @classmethod
    def from_b64(cls, value: str) -> Sealer:
        try:
            key = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise StoreConfigError("TOKEN_KEY is not valid base64") from exc
        return cls(key)

    def keyed_id(self, value: str) -> str:
        """A stable stand-in for a guessable id in item keys: HMAC-SHA256 under TOKEN_KEY's id key."""
        return hmac.new(self._id_key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
            raise CredentialsUnreadable("unknown ciphertext format")
        nonce, body = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, aad)
        except InvalidTag as exc:
            raise CredentialsUnreadable("ciphertext failed authentication") from exc
