from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skill.store.errors import CredentialsUnreadable
from skill.store.records import OAuth1Secret, decode_credentials, encode_credentials
from skill.withings.auth import OAuth2Tokens


def test_oauth1_credentials_round_trip() -> None:
    creds = OAuth1Secret(token="tok", token_secret="sec", userid="10001")
    assert decode_credentials(encode_credentials(creds)) == creds


def test_oauth2_credentials_round_trip_keeps_expiry_aware_utc() -> None:
    creds = OAuth2Tokens(
        access_token="a",
        refresh_token="r",
        expires_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        userid="10001",
        scope="user.metrics,user.activity",
    )
    decoded = decode_credentials(encode_credentials(creds))
    assert decoded == creds
    assert isinstance(decoded, OAuth2Tokens)
    assert decoded.expires_at.tzinfo is not None


def test_reprs_hide_secrets() -> None:
    assert "sekrit" not in repr(OAuth1Secret(token="sekrit", token_secret="sekrit", userid="1"))


@pytest.mark.parametrize("raw", [b"", b"{}", b'{"m":"oauth3"}', b'{"m":"oauth1","t":"x"}', b"\xff"])
def test_malformed_credentials_are_unreadable(raw: bytes) -> None:
    with pytest.raises(CredentialsUnreadable):
        decode_credentials(raw)
