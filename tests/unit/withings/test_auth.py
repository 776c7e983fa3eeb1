"""auth.*: credentials never show their secrets, and a Bearer call is a form POST with the header."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skill.withings.auth import BearerAuth, OAuth1Credentials, OAuth2Tokens, PreparedRequest

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_oauth1_credentials_repr_has_no_secret() -> None:
    creds = OAuth1Credentials(
        "fake-consumer", "fake-consumer-secret", "fake-token", "fake-token-secret", "42"
    )
    text = repr(creds)
    assert "fake-consumer-secret" not in text and "fake-token" not in text
    assert "fake-consumer" in text and "42" in text


def test_oauth2_tokens_repr_has_no_token_and_expiry_is_checked() -> None:
    tokens = OAuth2Tokens("fake-access", "fake-refresh", NOW + timedelta(seconds=600), "42", "user.metrics")
    text = repr(tokens)
    assert "fake-access" not in text and "fake-refresh" not in text
    assert "42" in text and "user.metrics" in text
    assert tokens.expires_within(600, NOW)
    assert not tokens.expires_within(599, NOW)


def test_bearer_auth_prepares_a_form_post_and_hides_the_token() -> None:
    auth = BearerAuth("fake-access")
    prepared = auth.prepare("https://wbsapi.example.test/v2/measure", {"action": "getactivity"})
    assert prepared == PreparedRequest(
        "POST",
        "https://wbsapi.example.test/v2/measure",
        {"action": "getactivity"},
        {"Authorization": "Bearer fake-access"},
    )
    assert "fake-access" not in repr(auth)
    assert "fake-access" not in repr(prepared)


def test_prepared_request_repr_leaves_out_query_form_and_headers() -> None:
    prepared = PreparedRequest(
        "POST", "https://x.example.test/v2/oauth2?oauth_token=fake-token", {"client_secret": "fake-secret"}
    )
    assert repr(prepared) == "PreparedRequest(method='POST', url='https://x.example.test/v2/oauth2')"
    assert not PreparedRequest("GET", "https://x.example.test/").data  # empty by default


def test_credentials_are_immutable() -> None:
    tokens = OAuth2Tokens("a", "r", NOW, "42")
    with pytest.raises(AttributeError):
        tokens.access_token = "b"  # type: ignore[misc]
