"""Routing and the answers that need no storage: unknown routes, methods, malformed events."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from skill.linking.context import LinkingContext
from skill.linking.http import _deadline, handle_http_event

from .conftest import http_event as _event

Contexts = Callable[[str], LinkingContext]


def test_unknown_route_is_404_json(contexts: Contexts) -> None:
    result = handle_http_event(_event("GET", "/nope"), None, contexts)
    assert result["statusCode"] == 404
    assert json.loads(result["body"]) == {"error": "not_found"}


@pytest.mark.parametrize(
    ("method", "path", "allow"), [("GET", "/link/token", "POST"), ("POST", "/link/authorize", "GET")]
)
def test_wrong_method_is_405(method: str, path: str, allow: str, contexts: Contexts) -> None:
    result = handle_http_event(_event(method, path), None, contexts)
    assert result["statusCode"] == 405 and result["headers"]["Allow"] == allow


def test_head_on_the_callback_answers_the_withings_probe(contexts: Contexts) -> None:
    result = handle_http_event(_event("HEAD", "/link/callback"), None, contexts)
    assert result["statusCode"] == 200 and result["body"] == ""


def test_malformed_token_request_is_an_oauth_error(contexts: Contexts) -> None:
    result = handle_http_event(_event("POST", "/link/token", body="***", b64=True), None, contexts)
    assert result["statusCode"] == 400
    assert json.loads(result["body"])["error"] == "invalid_request"
    assert result["headers"]["Cache-Control"] == "no-store"


def test_malformed_browser_request_is_a_page(contexts: Contexts) -> None:
    result = handle_http_event(_event("GET", "/link/callback", body="***", b64=True), None, contexts)
    assert result["statusCode"] == 400
    assert result["headers"]["Content-Type"].startswith("text/html")


class _Context:
    def __init__(self, millis: int) -> None:
        self.millis = millis

    def get_remaining_time_in_millis(self) -> int:
        return self.millis


def test_deadline_respects_the_lambda_budget() -> None:
    assert _deadline(_Context(2000), 4.0).remaining() <= 1.5
    assert 3.5 < _deadline(_Context(60000), 4.0).remaining() <= 4.0
    assert 3.5 < _deadline(None, 4.0).remaining() <= 4.0
