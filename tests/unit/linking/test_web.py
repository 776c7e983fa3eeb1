from __future__ import annotations

import base64

import pytest

from skill.linking import pages
from skill.linking.web import (
    HttpRequest,
    MalformedRequest,
    page,
    parse_form,
    parse_params,
    redirect,
    with_query,
)


def test_params_keep_first_value_and_note_repeats() -> None:
    params = parse_params("a=1&b=&a=2&c=%20x")
    assert params.get("a") == "1" and params.get("b") == "" and params.get("c") == " x"
    assert params.repeated == frozenset({"a"})
    assert params.get("missing") == ""


def test_too_many_parameters_is_malformed() -> None:
    with pytest.raises(MalformedRequest):
        parse_params("&".join(f"p{i}=1" for i in range(100)))


def test_form_needs_the_form_content_type() -> None:
    request = HttpRequest("POST", "/link/token", headers={"content-type": "application/json"}, body=b"a=1")
    with pytest.raises(MalformedRequest):
        parse_form(request)


def test_form_accepts_a_charset() -> None:
    request = HttpRequest(
        "POST",
        "/link/token",
        headers={"content-type": "application/x-www-form-urlencoded; charset=UTF-8"},
        body=b"grant_type=refresh_token",
    )
    assert parse_form(request).get("grant_type") == "refresh_token"


def test_event_with_base64_body() -> None:
    event = {
        "rawPath": "/link/token",
        "rawQueryString": "",
        "headers": {"content-type": "application/x-www-form-urlencoded"},
        "body": base64.b64encode(b"grant_type=x").decode(),
        "isBase64Encoded": True,
        "requestContext": {"http": {"method": "post"}},
    }
    request = HttpRequest.from_event(event)
    assert (request.method, request.path, request.body) == ("POST", "/link/token", b"grant_type=x")


def test_event_with_broken_base64_is_malformed() -> None:
    event = {"rawPath": "/", "body": "***", "isBase64Encoded": True, "requestContext": {"http": {}}}
    with pytest.raises(MalformedRequest):
        HttpRequest.from_event(event)


def test_with_query_appends_and_encodes() -> None:
    assert (
        with_query("https://a/b", {"code": "x y", "state": "s&t=1"})
        == "https://a/b?code=x%20y&state=s%26t%3D1"
    )
    assert with_query("https://a/b?z=1", {"code": "c"}) == "https://a/b?z=1&code=c"


def test_redirects_and_pages_are_not_cached_nor_referred() -> None:
    for response in (redirect("https://a"), page("expired", 400)):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("reason", sorted(pages.REASONS))
def test_pages_are_small_mobile_friendly_and_scriptless(reason: str) -> None:
    html = page(reason, 400).body
    assert 'name="viewport"' in html
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert pages.messages("en")[reason][0].replace("'", "&#x27;") in html
    assert len(html) < 4000


def test_unknown_page_reason_falls_back_to_a_generic_page() -> None:
    assert pages.messages("en")["server_error"][0] in pages.render("no-such-reason")
