"""GET /link/authorize over the in-memory store (OAuth2 mode: Withings is only a URL here).

RFC 6749 §4.1.2.1: an untrusted client or redirect_uri gets a page, never a redirect; every other
error goes back to Alexa with its state. A good request is remembered as a pending flow whose id is
the state Withings will send back.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from skill.linking.context import LinkingContext
from skill.linking.http import handle_http_event
from skill.store.errors import ConditionFailed
from skill.store.memory import MemoryStore
from skill.store.records import LinkMode

from .conftest import CLIENT_ID, PUBLIC_BASE_URL, REDIRECT_URI, SETTINGS, http_event

Contexts = Callable[[str], LinkingContext]


def _authorize(contexts: Contexts, **overrides: str) -> dict[str, object]:
    params = {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "state": "alexa-state",
        "redirect_uri": REDIRECT_URI,
        **overrides,
    }
    params = {k: v for k, v in params.items() if v is not None}
    return handle_http_event(http_event("GET", "/link/authorize", urlencode(params)), None, contexts)


def _query(location: object) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(str(location)).query).items()}


def test_a_good_request_goes_to_withings_and_is_remembered(store: MemoryStore, contexts: Contexts) -> None:
    result = _authorize(contexts)
    assert result["statusCode"] == 302
    location = result["headers"]["Location"]
    assert str(location).startswith(SETTINGS.oauth2_authorize_url)
    withings = _query(location)
    assert withings["redirect_uri"] == f"{PUBLIC_BASE_URL}/link/callback"
    assert withings["client_id"] == SETTINGS.consumer_key
    pending = store.consume_pending(withings["state"], LinkMode.OAUTH2, None, None)
    assert (pending.client_id, pending.redirect_uri, pending.alexa_state) == (
        CLIENT_ID,
        REDIRECT_URI,
        "alexa-state",
    )
    with pytest.raises(ConditionFailed):  # single use
        store.consume_pending(withings["state"], LinkMode.OAUTH2, None, None)


@pytest.mark.parametrize(
    "overrides", [{"client_id": "intruder"}, {"redirect_uri": "https://evil.example/cb"}]
)
def test_an_untrusted_client_or_redirect_gets_a_page(contexts: Contexts, overrides: dict[str, str]) -> None:
    result = _authorize(contexts, **overrides)
    assert result["statusCode"] == 400
    assert "Location" not in result["headers"]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"response_type": "token"}, "unauthorized_client"),
        ({"response_type": "id_token"}, "unsupported_response_type"),
        ({"code_challenge": "c" * 43, "code_challenge_method": "plain"}, "invalid_request"),
    ],
)
def test_other_errors_go_back_to_alexa_with_the_state(
    store: MemoryStore, contexts: Contexts, overrides: dict[str, str], error: str
) -> None:
    result = _authorize(contexts, **overrides)
    assert result["statusCode"] == 302
    back = _query(result["headers"]["Location"])
    assert str(result["headers"]["Location"]).startswith(REDIRECT_URI)
    assert (back["error"], back["state"]) == (error, "alexa-state")
