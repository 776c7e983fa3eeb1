"""The linking facade built with an in-memory store (skill.store.memory): its RFC 6749 checks run
without DynamoDB Local. Withings is not needed for /link/token, and /link/authorize in OAuth2 mode
only builds a URL."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from skill.config import Settings
from skill.linking.context import LinkingContext
from skill.store.memory import MemoryStore
from skill.withings.oauth2 import OAuth2Client

CLIENT_ID = "alexa-client"
CLIENT_SECRET = "alexa-secret"  # obviously fake
REDIRECT_URI = "https://pitangui.amazon.com/api/skill/link/VENDOR"
PUBLIC_BASE_URL = "https://skill.example.test"
SETTINGS = Settings(
    withings_auth="oauth2",
    consumer_key="withings-client",
    oauth2_authorize_url="https://withings.example.test/oauth2_user/authorize2",
    oauth2_token_url="https://withings.example.test/v2/oauth2",
    link_client_id=CLIENT_ID,
    link_redirect_uris=(REDIRECT_URI,),
    public_base_url=PUBLIC_BASE_URL,
)


def context_over(store: MemoryStore, settings: Settings = SETTINGS) -> LinkingContext:
    return LinkingContext(
        settings=settings,
        store=store,
        link_client_secret=lambda: CLIENT_SECRET,
        consumer_secret=lambda: "withings-secret",
        oauth2_client=lambda: OAuth2Client(
            settings.consumer_key, "withings-secret", settings.oauth2_authorize_url, settings.oauth2_token_url
        ),
        public_base_url=settings.public_base_url,
    )


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def contexts(store: MemoryStore) -> Callable[[str], LinkingContext]:
    return lambda domain_name: context_over(store)


def http_event(method: str, path: str, query: str = "", body: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "version": "2.0",
        "rawPath": path,
        "rawQueryString": query,
        "headers": extra.pop("headers", {}),
        "body": body,
        "isBase64Encoded": extra.pop("b64", False),
        "requestContext": {"http": {"method": method, "path": path}},
    }


def basic(client_id: str = CLIENT_ID, secret: str = CLIENT_SECRET) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
