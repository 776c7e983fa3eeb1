from __future__ import annotations

import base64

import pytest

from skill.store.crypto import Sealer, aad_for, token_hash
from skill.store.errors import CredentialsUnreadable, StoreConfigError
from tests.unit.store.conftest import TEST_KEY

AAD = aad_for("LINK#abc", "LINK")


def test_sealed_blob_opens_with_the_same_key_and_item() -> None:
    sealer = Sealer(TEST_KEY)
    blob = sealer.seal(b"withings-secret-value", AAD)
    assert b"withings-secret-value" not in blob
    assert sealer.open(blob, AAD) == b"withings-secret-value"


def test_each_seal_uses_a_fresh_nonce() -> None:
    sealer = Sealer(TEST_KEY)
    assert sealer.seal(b"same", AAD) != sealer.seal(b"same", AAD)


def test_blob_moved_to_another_item_does_not_open() -> None:
    sealer = Sealer(TEST_KEY)
    blob = sealer.seal(b"credentials", AAD)
    with pytest.raises(CredentialsUnreadable):
        sealer.open(blob, aad_for("LINK#other", "LINK"))


def test_tampered_blob_does_not_open() -> None:
    sealer = Sealer(TEST_KEY)
    blob = bytearray(sealer.seal(b"credentials", AAD))
    blob[-1] ^= 1
    with pytest.raises(CredentialsUnreadable):
        sealer.open(bytes(blob), AAD)


def test_another_key_does_not_open() -> None:
    blob = Sealer(TEST_KEY).seal(b"credentials", AAD)
    with pytest.raises(CredentialsUnreadable):
        Sealer(bytes(32)).open(blob, AAD)


@pytest.mark.parametrize("blob", [b"", b"\x01short", b"\x02" + bytes(40)])
def test_malformed_blob_is_unreadable(blob: bytes) -> None:
    with pytest.raises(CredentialsUnreadable):
        Sealer(TEST_KEY).open(blob, AAD)


@pytest.mark.parametrize("value", ["", "not base64!", base64.b64encode(bytes(16)).decode()])
def test_bad_token_key_is_a_config_error(value: str) -> None:
    with pytest.raises(StoreConfigError):
        Sealer.from_b64(value)


def test_token_hash_is_sha256_hex_and_hides_the_token() -> None:
    digest = token_hash("opaque-token")
    # sha256(b"opaque-token"), computed independently
    assert digest == "84d3f23da9b5f51b3269566eff05d3fb23607eeef89567f9cd280b90ca0dbc5c"
    assert "opaque-token" not in digest
    assert token_hash("opaque-token") == digest
    assert token_hash("opaque-token2") != digest
