"""OAuth 1.0a signing (RFC 5849 §3.4) against published vectors, and the legacy token dance.

Expected strings come from outside the code under test: RFC 5849's own examples (§1.2), oauthlib's test
vector (withings-api.md §1.5), a Withings-shaped vector frozen from oauthlib's Client, and signatures
checked by oauthlib's server-side verifier.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from skill.withings.auth import OAuth1Credentials
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, InvalidParamsError, ServiceError
from skill.withings.oauth1 import (
    AccessToken,
    OAuth1Auth,
    RequestToken,
    authorize_url,
    get_access_token,
    get_request_token,
    sign,
)

# --- vectors ---------------------------------------------------------------------------------------

# Vector A: RFC 5849 §3.4.1.1 as used by oauthlib's tests (withings-api.md §1.5).
A_URL = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"
A_BODY = [("c2", ""), ("a3", "2 q")]
A_CONSUMER_SECRET = "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ"
A_TOKEN_SECRET = "just-a-string    asdasd"
A_NORMALIZED = (
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
    "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
    "&oauth_token=kkk9d7dh3k39sjv7"
)
A_BASE_STRING = (
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
    "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
    "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
)
A_SIGNATURE = "wsdNmjGB7lvis0UJuPAmjvX/PXw="

# Vector B: RFC 5849 §1.2, the photos GET (withings-api.md §1.5).
B_CONSUMER = ("dpf43f3p2l4k3l03", "kd94hf93k423kf44")
B_TOKEN = ("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00")
B_BASE_STRING = (
    "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
    "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1"
    "%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal"
)
B_SIGNATURE = "MdpQcU8iPSUjWoN/UDMsK2sui9I="

# Withings-shaped: vector B plus action=getmeas and userid, with oauth_version=1.0 as Withings'
# examples sent it. Signature frozen from oauthlib 4.0.1's Client(signature_type=SIGNATURE_TYPE_QUERY).
W_BASE_STRING = (
    "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&action%3Dgetmeas%26file%3Dvacation.jpg"
    "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method"
    "%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0"
    "%26size%3Doriginal%26userid%3D29"
)
W_SIGNATURE = "5C3u8nYvE+te5AHWDSf6AIIjgdo="

CONSUMER_KEY = "fake-consumer-key"
CONSUMER_SECRET = "fake-consumer-secret-Zq9"
TOKEN_SECRET = "fake-token-secret-Xw7"
OAUTH1_BASE = "https://oauth.example.test/account"


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _oauthlib_verifies(url: str, consumer_secret: str, token_secret: str, method: str = "GET") -> bool:
    """oauthlib's server-side check of a query-signed request: an oracle independent of our signer."""
    from oauthlib.common import Request
    from oauthlib.oauth1.rfc5849 import signature

    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    request = Request(url, http_method=method)
    request.params = [(k, v) for k, v in pairs if k != "oauth_signature"]
    request.signature = dict(pairs)["oauth_signature"]
    return bool(signature.verify_hmac_sha1(request, consumer_secret, token_secret))


# --- RFC vectors -----------------------------------------------------------------------------------


def test_vector_a_post_with_query_and_body_params() -> None:
    signed = sign(
        "POST",
        A_URL,
        A_BODY,
        consumer_key="9djdj82h48djs9d2",
        consumer_secret=A_CONSUMER_SECRET,
        token="kkk9d7dh3k39sjv7",
        token_secret=A_TOKEN_SECRET,
        nonce="7d8f3e4a",
        timestamp="137131201",
        version=None,
    )
    assert signed.normalized_params == A_NORMALIZED
    assert signed.base_string == A_BASE_STRING
    assert signed.signature == A_SIGNATURE
    # Key = "ECrD...ZZZZ&just-a-string%20%20%20%20asdasd": shown by length only.
    assert signed.signing_key_masked == "***(39)&***(31)"
    assert A_CONSUMER_SECRET not in repr(signed)
    assert "just-a-string" not in repr(signed)


def test_vector_b_get_photos() -> None:
    signed = sign(
        "GET",
        "http://photos.example.net/photos",
        {"file": "vacation.jpg", "size": "original"},
        consumer_key=B_CONSUMER[0],
        consumer_secret=B_CONSUMER[1],
        token=B_TOKEN[0],
        token_secret=B_TOKEN[1],
        nonce="chapoH",
        timestamp="137131202",
        version=None,
    )
    assert signed.base_string == B_BASE_STRING
    assert signed.signature == B_SIGNATURE
    assert signed.method == "GET"
    sent = _query(signed.url)
    assert sent["oauth_signature"] == B_SIGNATURE
    assert sent["file"] == "vacation.jpg"
    assert sent["oauth_token"] == B_TOKEN[0]
    assert urlsplit(signed.url).path == "/photos"
    assert dict(signed.params) == sent


def test_vector_b_params_in_the_url_query_sign_the_same() -> None:
    signed = sign(
        "GET",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        (),
        consumer_key=B_CONSUMER[0],
        consumer_secret=B_CONSUMER[1],
        token=B_TOKEN[0],
        token_secret=B_TOKEN[1],
        nonce="chapoH",
        timestamp="137131202",
        version=None,
    )
    assert signed.signature == B_SIGNATURE


def test_rfc_temporary_credentials_callback_is_double_encoded_and_key_keeps_ampersand() -> None:
    # RFC 5849 §1.2, "initiate": no token yet, so the key is "kd94hf93k423kf44&".
    signed = sign(
        "POST",
        "https://photos.example.net/initiate",
        (),
        consumer_key=B_CONSUMER[0],
        consumer_secret=B_CONSUMER[1],
        callback="http://printer.example.com/ready",
        nonce="wIjqoS",
        timestamp="137131200",
        version=None,
    )
    assert "oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready%26" in signed.base_string
    assert signed.signature == "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
    assert signed.signing_key_masked == "***(16)&"
    assert _query(signed.url)["oauth_callback"] == "http://printer.example.com/ready"


def test_rfc_token_credentials_with_verifier() -> None:
    signed = sign(
        "POST",
        "https://photos.example.net/token",
        (),
        consumer_key=B_CONSUMER[0],
        consumer_secret=B_CONSUMER[1],
        token="hh5s93j4hdidpola",
        token_secret="hdhd0244k9j7ao03",
        verifier="hfdp7dh39dks9884",
        nonce="walatlh",
        timestamp="137131201",
        version=None,
    )
    assert signed.signature == "gKgrFCywp7rO0OXSjdot/IHF7IU="


def test_withings_shaped_vector_frozen_from_oauthlib() -> None:
    signed = sign(
        "GET",
        "http://photos.example.net/photos",
        {"action": "getmeas", "file": "vacation.jpg", "size": "original", "userid": "29"},
        consumer_key=B_CONSUMER[0],
        consumer_secret=B_CONSUMER[1],
        token=B_TOKEN[0],
        token_secret=B_TOKEN[1],
        nonce="chapoH",
        timestamp="137131202",
    )
    assert signed.base_string == W_BASE_STRING
    assert signed.signature == W_SIGNATURE
    # And by hand with the stdlib, from the written-out base string and key.
    key = f"{B_CONSUMER[1]}&{B_TOKEN[1]}".encode()
    by_hand = base64.b64encode(hmac.new(key, W_BASE_STRING.encode(), hashlib.sha1).digest()).decode()
    assert by_hand == W_SIGNATURE


def test_base_string_uri_lowercases_host_and_drops_default_port_but_url_keeps_them() -> None:
    signed = sign(
        "get",
        "HTTP://Photos.Example.NET:80/photos",
        {"a": "1"},
        consumer_key="k",
        consumer_secret="s",
        nonce="n",
        timestamp="1",
    )
    assert signed.base_string_uri == "http://photos.example.net/photos"
    assert signed.base_string.startswith("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&")
    other_port = sign("GET", "https://h.example:8443/x", {}, consumer_key="k", consumer_secret="s")
    assert other_port.base_string_uri == "https://h.example:8443/x"


def test_reserved_and_unicode_values_are_percent_encoded_per_rfc3986() -> None:
    signed = sign(
        "GET",
        "https://wbsapi.example.test/measure",
        [("q", "a b+c/é~*"), ("q", "")],
        consumer_key="k",
        consumer_secret="s",
        nonce="n",
        timestamp="1",
    )
    assert "q=&q=a%20b%2Bc%2F%C3%A9~%2A" in signed.normalized_params
    assert [v for k, v in parse_qsl(urlsplit(signed.url).query, keep_blank_values=True) if k == "q"] == [
        "",
        "a b+c/é~*",
    ]
    assert _oauthlib_verifies(signed.url, "s", "")


def test_default_nonce_and_timestamp_are_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.9)
    first = sign("GET", "https://h.example/x", {}, consumer_key="k", consumer_secret="s")
    second = sign("GET", "https://h.example/x", {}, consumer_key="k", consumer_secret="s")
    one, two = _query(first.url), _query(second.url)
    assert one["oauth_timestamp"] == "1700000000"
    assert len(one["oauth_nonce"]) == 32
    int(one["oauth_nonce"], 16)
    assert one["oauth_nonce"] != two["oauth_nonce"]
    assert one["oauth_version"] == "1.0"
    assert one["oauth_signature_method"] == "HMAC-SHA1"


def test_protocol_parameters_cannot_be_passed_as_request_params() -> None:
    with pytest.raises(ValueError, match="oauth_"):
        sign("GET", "https://h.example/x", {"oauth_token": "t"}, consumer_key="k", consumer_secret="s")
    with pytest.raises(ValueError, match="oauth_"):
        sign("GET", "https://h.example/x?oauth_nonce=1", {}, consumer_key="k", consumer_secret="s")


# --- OAuth1Auth: data calls ------------------------------------------------------------------------


def test_oauth1auth_signs_a_get_with_everything_in_the_query() -> None:
    credentials = OAuth1Credentials(
        consumer_key=CONSUMER_KEY,
        consumer_secret=CONSUMER_SECRET,
        token="fake-access-token",
        token_secret=TOKEN_SECRET,
        userid="1234567",
    )
    auth = OAuth1Auth(credentials, nonce_factory=lambda: "fixednonce", clock=lambda: 1_490_000_000.5)
    prepared = auth.prepare(
        "https://wbsapi.example.test/measure",
        {"action": "getmeas", "startdate": "1490000000", "userid": "someone-else"},
    )
    assert prepared.method == "GET"
    assert not prepared.data
    assert not prepared.headers
    sent = _query(prepared.url)
    assert sent["action"] == "getmeas"
    assert sent["startdate"] == "1490000000"
    assert sent["userid"] == "1234567"  # the credentials' userid is the one signed and sent
    assert sent["oauth_consumer_key"] == CONSUMER_KEY
    assert sent["oauth_token"] == "fake-access-token"
    assert sent["oauth_nonce"] == "fixednonce"
    assert sent["oauth_timestamp"] == "1490000000"
    assert sent["oauth_signature_method"] == "HMAC-SHA1"
    assert sent["oauth_version"] == "1.0"
    assert "oauth_signature" in sent
    assert urlsplit(prepared.url).path == "/measure"
    assert CONSUMER_SECRET not in prepared.url
    assert TOKEN_SECRET not in prepared.url
    assert _oauthlib_verifies(prepared.url, CONSUMER_SECRET, TOKEN_SECRET)
    assert not _oauthlib_verifies(prepared.url, CONSUMER_SECRET, "wrong")


# --- the token dance -------------------------------------------------------------------------------


@responses.activate
def test_request_token_sends_signed_callback_and_parses_form_reply() -> None:
    responses.add(
        responses.GET,
        f"{OAUTH1_BASE}/request_token",
        body="oauth_token=fake-request-token&oauth_token_secret=fake-rt-secret",
        content_type="text/plain",
    )
    token = get_request_token(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        OAUTH1_BASE + "/",
        "https://link.example.test/link/callback?pending=abc",
        deadline=Deadline.after(5),
    )
    assert token == RequestToken("fake-request-token", "fake-rt-secret")
    assert "fake-rt-secret" not in repr(token)
    sent_url = responses.calls[0].request.url
    assert sent_url is not None
    sent = _query(sent_url)
    assert sent["oauth_callback"] == "https://link.example.test/link/callback?pending=abc"
    assert "oauth_token" not in sent
    assert _oauthlib_verifies(sent_url, CONSUMER_SECRET, "")


def test_authorize_url_is_signed_with_the_request_token_secret() -> None:
    url = authorize_url(
        CONSUMER_KEY, CONSUMER_SECRET, OAUTH1_BASE, RequestToken("fake-request-token", "fake-rt-secret")
    )
    assert url.startswith(f"{OAUTH1_BASE}/authorize?")
    assert _query(url)["oauth_token"] == "fake-request-token"
    assert "fake-rt-secret" not in url
    assert _oauthlib_verifies(url, CONSUMER_SECRET, "fake-rt-secret")


@responses.activate
def test_access_token_sends_verifier_and_returns_userid() -> None:
    responses.add(
        responses.GET,
        f"{OAUTH1_BASE}/access_token",
        body="oauth_token=fake-access-token&oauth_token_secret=fake-at-secret&userid=1234567&deviceid=0",
    )
    access = get_access_token(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        OAUTH1_BASE,
        RequestToken("fake-request-token", "fake-rt-secret"),
        "fake-verifier",
        deadline=Deadline.after(5),
    )
    assert access == AccessToken("fake-access-token", "fake-at-secret", "1234567")
    assert "fake-at-secret" not in repr(access)
    sent_url = responses.calls[0].request.url
    assert sent_url is not None
    sent = _query(sent_url)
    assert sent["oauth_verifier"] == "fake-verifier"
    assert sent["oauth_token"] == "fake-request-token"
    assert _oauthlib_verifies(sent_url, CONSUMER_SECRET, "fake-rt-secret")


@responses.activate
def test_access_token_falls_back_to_the_callback_userid() -> None:
    responses.add(
        responses.GET,
        f"{OAUTH1_BASE}/access_token",
        body="oauth_token=fake-access-token&oauth_token_secret=fake-at-secret",
    )
    access = get_access_token(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        OAUTH1_BASE,
        RequestToken("t", "s"),
        "v",
        deadline=Deadline.after(5),
        userid="42",
    )
    assert access.userid == "42"


@responses.activate
def test_access_token_without_any_userid_is_a_service_error() -> None:
    responses.add(
        responses.GET,
        f"{OAUTH1_BASE}/access_token",
        body="oauth_token=fake-access-token&oauth_token_secret=fake-at-secret",
    )
    with pytest.raises(ServiceError):
        get_access_token(
            CONSUMER_KEY,
            CONSUMER_SECRET,
            OAUTH1_BASE,
            RequestToken("t", "s"),
            "v",
            deadline=Deadline.after(5),
        )


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ('{"status": 342, "error": "signature invalid"}', 200, AuthError),
        ('{"status": 100}', 200, AuthError),
        ('{"status": 503, "body": {}}', 200, InvalidParamsError),
        ('{"status": 0, "body": {}}', 200, ServiceError),
        ("{not json", 200, ServiceError),
        ("<html>maintenance</html>", 200, ServiceError),
        ("oauth_token_secret=only-a-secret", 200, ServiceError),
        ("", 401, AuthError),
        ("Unauthorized", 403, AuthError),
        ("", 502, ServiceError),
    ],
)
@responses.activate
def test_token_replies_that_are_not_tokens_raise_typed_errors(
    body: str, status: int, expected: type[Exception]
) -> None:
    responses.add(responses.GET, f"{OAUTH1_BASE}/request_token", body=body, status=status)
    with pytest.raises(expected) as caught:
        get_request_token(
            CONSUMER_KEY, CONSUMER_SECRET, OAUTH1_BASE, "https://cb.test/", deadline=Deadline.after(5)
        )
    assert type(caught.value) is expected
    assert len(responses.calls) == 1  # token calls are never retried


# --- explain CLI -----------------------------------------------------------------------------------


def test_explain_cli_prints_every_stage_and_no_secret(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.withings.__main__ import main

    code = main(
        [
            "explain-oauth1",
            "--consumer-key",
            B_CONSUMER[0],
            "--consumer-secret",
            B_CONSUMER[1],
            "--token",
            B_TOKEN[0],
            "--token-secret",
            B_TOKEN[1],
            "--userid",
            "29",
            "--nonce",
            "chapoH",
            "--timestamp",
            "137131202",
            "http://photos.example.net/photos",
            "action=getmeas",
            "file=vacation.jpg",
            "size=original",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert W_BASE_STRING in out
    assert W_SIGNATURE in out
    for part in ("action=getmeas", "oauth_nonce=chapoH", "oauth_timestamp=137131202", "userid=29"):
        assert f"    {part}\n" in out  # one normalized parameter per line
    assert "***(16)&***(16)" in out
    assert "http://photos.example.net/photos?action=getmeas&" in out
    assert B_CONSUMER[1] not in out
    assert B_TOKEN[1] not in out


def test_explain_cli_request_token_shape_keeps_the_ampersand(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.withings.__main__ import main

    code = main(
        [
            "explain-oauth1",
            "--consumer-key=k",
            "--consumer-secret=fake-secret-value",
            "--callback=http://printer.example.com/ready",
            "--no-version",
            "https://photos.example.net/initiate",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "***(17)&   " in out
    assert "oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready" in out
    assert "fake-secret-value" not in out


def test_explain_cli_rejects_bad_input_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.withings.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["explain-oauth1", "--consumer-key=k", "--consumer-secret=s", "https://h.example/x", "novalue"])
    assert exited.value.code == 2
    assert "param=value" in capsys.readouterr().err
    assert main(["explain-oauth1", "--consumer-key=k", "--consumer-secret=s", "not-a-url"]) == 2
    assert "error:" in capsys.readouterr().err
