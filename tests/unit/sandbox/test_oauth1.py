"""OAuth1: the hand-written RFC 5849 verifier against the RFC's vectors, and against oauthlib over HTTP."""

from __future__ import annotations

import time
import urllib.parse

import pytest
import requests

from sandbox import oauth1
from tests.unit.sandbox.helpers import CALLBACK, TIMEOUT, oauth1_get, oauth1_link, query_of, sign

# --- RFC vectors (withings-api.md §1.5) ---------------------------------------------------------


def test_vector_a_rfc5849_3_4_1_1() -> None:
    # GIVEN the RFC's POST example: query, form body and header protocol parameters
    params = [
        *oauth1.decode_form("b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
        *oauth1.decode_form("c2&a3=2+q"),
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
        ("oauth_signature", "ignored"),
    ]
    uri = oauth1.base_string_uri("http", "example.com", "/request")
    # THEN the normalized string and base string are the RFC's, byte for byte
    assert oauth1.normalize_parameters(params) == (
        "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
        "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
        "&oauth_token=kkk9d7dh3k39sjv7"
    )
    base = oauth1.signature_base_string("POST", uri, params)
    assert base == (
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
        "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
        "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    )
    signature = oauth1.hmac_sha1_signature(
        base, "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ", "just-a-string    asdasd"
    )
    assert signature == "wsdNmjGB7lvis0UJuPAmjvX/PXw="


def test_vector_b_rfc5849_1_2_photos() -> None:
    params = [
        ("file", "vacation.jpg"),
        ("size", "original"),
        ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        ("oauth_token", "nnch734d00sl2jdk"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131202"),
        ("oauth_nonce", "chapoH"),
    ]
    uri = oauth1.base_string_uri("HTTP", "Photos.Example.NET:80", "/photos")
    assert uri == "http://photos.example.net/photos"
    base = oauth1.signature_base_string("GET", uri, params)
    assert base == (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
        "%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
        "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal"
    )
    signature = oauth1.hmac_sha1_signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
    assert signature == "MdpQcU8iPSUjWoN/UDMsK2sui9I="


def test_withings_shaped_vector_frozen_from_oauthlib() -> None:
    # Vector B plus action/userid/meastypes, as a Withings getmeas URL. No published signature exists;
    # this one was computed once with oauthlib (the client's signer) and frozen.
    signed = (
        "http://wbsapi.withings.net/measure?action=getmeas&userid=29&meastypes=1%2C6&startdate=1700000000"
        "&oauth_nonce=chapoH&oauth_timestamp=137131202&oauth_version=1.0&oauth_signature_method=HMAC-SHA1"
        "&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk"
    )
    split = urllib.parse.urlsplit(signed)
    uri = oauth1.base_string_uri(split.scheme, split.netloc, split.path)
    base = oauth1.signature_base_string("GET", uri, oauth1.decode_form(split.query))
    signature = oauth1.hmac_sha1_signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
    assert signature == "Fvu0Ttl3GlCOp5bYh3MLqQK+B1g="


@pytest.mark.parametrize(
    ("scheme", "host", "expected"),
    [
        ("http", "127.0.0.1:8080", "http://127.0.0.1:8080/p"),
        ("https", "Example.com:443", "https://example.com/p"),
        ("https", "example.com:80", "https://example.com:80/p"),
        ("http", "[::1]:80", "http://[::1]/p"),
        ("http", "[::1]:5000", "http://[::1]:5000/p"),
    ],
)
def test_base_string_uri_drops_only_default_ports(scheme: str, host: str, expected: str) -> None:
    assert oauth1.base_string_uri(scheme, host, "/p") == expected


def test_percent_encoding_is_rfc3986_unreserved_only() -> None:
    assert oauth1.percent_encode("a b+c~d*é/") == "a%20b%2Bc~d%2A%C3%A9%2F"


# --- over HTTP, signed by oauthlib -------------------------------------------------------------


@pytest.fixture(scope="module")
def link(sandbox) -> tuple[str, str, str]:
    return oauth1_link(sandbox.url, "10001")


def test_signed_data_call_is_accepted(sandbox, link) -> None:
    token, secret, userid = link
    reply = oauth1_get(sandbox.url, "/measure", token, secret, action="getmeas", userid=userid, meastype="1")
    assert reply["status"] == 0
    assert reply["body"]["measuregrps"]
    assert all(m["type"] == 1 for g in reply["body"]["measuregrps"] for m in g["measures"])


def test_odd_characters_in_params_verify(sandbox, link) -> None:
    # spaces, '+', '/', non-ASCII: the encoding paths where hand-rolled signers usually disagree
    token, secret, userid = link
    reply = oauth1_get(
        sandbox.url, "/v2/user", token, secret, action="getgoals", userid=userid, note="a b+c/d é&x=y"
    )
    assert reply["status"] == 0


def _signed_getmeas(sandbox, link, **sign_kwargs) -> str:
    token, secret, userid = link
    url = f"{sandbox.url}/measure?action=getmeas&userid={userid}&meastype=1"
    kwargs = {"token": token, "token_secret": secret, **sign_kwargs}
    return sign(url, **kwargs)


def test_tampered_parameter_is_refused(sandbox_clean, link) -> None:
    signed = _signed_getmeas(sandbox_clean, link)
    tampered = signed.replace("meastype=1", "meastype=4")
    assert tampered != signed
    reply = requests.get(tampered, timeout=TIMEOUT).json()
    assert reply["status"] == 342
    assert sandbox_clean.stats()["oauth1_signature_failures"] == 1


def test_wrong_token_secret_is_refused(sandbox, link) -> None:
    reply = requests.get(
        _signed_getmeas(sandbox, link, token_secret="not-the-secret"), timeout=TIMEOUT
    ).json()
    assert reply["status"] == 342


def test_wrong_consumer_secret_or_key_is_refused(sandbox, link) -> None:
    wrong_secret = _signed_getmeas(sandbox, link, consumer_secret="guess")
    wrong_key = _signed_getmeas(sandbox, link, consumer_key="someone-else")
    assert requests.get(wrong_secret, timeout=TIMEOUT).json()["status"] == 342
    assert requests.get(wrong_key, timeout=TIMEOUT).json()["status"] == 342


def test_replayed_nonce_is_refused(sandbox_clean, link) -> None:
    signed = _signed_getmeas(sandbox_clean, link)
    assert requests.get(signed, timeout=TIMEOUT).json()["status"] == 0
    assert requests.get(signed, timeout=TIMEOUT).json()["status"] == 342
    assert sandbox_clean.stats()["oauth1_replays_refused"] == 1


def test_stale_or_future_timestamp_is_refused(sandbox_clean, link) -> None:
    now = int(time.time())
    old = _signed_getmeas(sandbox_clean, link, timestamp=str(now - 1000))
    future = _signed_getmeas(sandbox_clean, link, timestamp=str(now + 1000))
    within = _signed_getmeas(sandbox_clean, link, timestamp=str(now - 200))
    assert requests.get(old, timeout=TIMEOUT).json()["status"] == 342
    assert requests.get(future, timeout=TIMEOUT).json()["status"] == 342
    assert requests.get(within, timeout=TIMEOUT).json()["status"] == 0
    assert sandbox_clean.stats()["oauth1_stale_timestamps"] == 2


def test_missing_or_foreign_userid_is_refused(sandbox, link) -> None:
    token, secret, _ = link
    missing = sign(f"{sandbox.url}/measure?action=getmeas", token=token, token_secret=secret)
    foreign = sign(f"{sandbox.url}/measure?action=getmeas&userid=10002", token=token, token_secret=secret)
    assert requests.get(missing, timeout=TIMEOUT).json()["status"] == 247
    assert requests.get(foreign, timeout=TIMEOUT).json()["status"] == 250


def test_unknown_token_is_refused(sandbox) -> None:
    url = sign(f"{sandbox.url}/measure?action=getmeas&userid=10001", token="nope", token_secret="nope")
    assert requests.get(url, timeout=TIMEOUT).json()["status"] == 401


def test_signature_in_authorization_header_is_not_read(sandbox, link) -> None:
    # Withings took the oauth_* parameters from the query string; a header-signed call has none there.
    from oauthlib.oauth1 import Client

    token, secret, userid = link
    client = Client(
        "sandbox-consumer-key",
        client_secret="sandbox-consumer-secret",
        resource_owner_key=token,
        resource_owner_secret=secret,
    )
    url, headers, _ = client.sign(f"{sandbox.url}/measure?action=getmeas&userid={userid}")
    assert requests.get(url, headers=headers, timeout=TIMEOUT).json()["status"] == 401


def test_revoked_user_tokens_die(sandbox) -> None:
    token, secret, userid = oauth1_link(sandbox.url, "10801")
    assert oauth1_get(sandbox.url, "/v2/user", token, secret, action="getgoals", userid=userid)["status"] == 0
    sandbox.revoke_user("10801")
    assert (
        oauth1_get(sandbox.url, "/v2/user", token, secret, action="getgoals", userid=userid)["status"] == 401
    )


# --- the dance --------------------------------------------------------------------------------


def test_full_dance_returns_userid_and_working_credentials(sandbox_clean) -> None:
    base = sandbox_clean.url
    # request token
    r = requests.get(sign(f"{base}/account/request_token", callback=CALLBACK), timeout=TIMEOUT)
    assert r.status_code == 200
    rt = dict(urllib.parse.parse_qsl(r.text))
    assert set(rt) == {"oauth_token", "oauth_token_secret"}
    # authorize: auto-approved, redirected to the stored callback with token, verifier and userid appended
    r = requests.get(
        f"{base}/account/authorize",
        params={"oauth_token": rt["oauth_token"], "user": "10042"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert r.status_code == 302
    location = r.headers["Location"]
    assert location.startswith("http://127.0.0.1:9/link/callback?")
    back = query_of(location)
    assert back["session"] == "abc"
    assert back["oauth_token"] == rt["oauth_token"]
    assert back["userid"] == "10042"
    # authorizing the same request token again is refused with a page
    again = requests.get(
        f"{base}/account/authorize",
        params={"oauth_token": rt["oauth_token"]},
        allow_redirects=False,
        timeout=5,
    )
    assert again.status_code == 400
    assert "text/html" in again.headers["Content-Type"]
    # access token, signed with the request token's secret
    exchange = sign(
        f"{base}/account/access_token",
        token=rt["oauth_token"],
        token_secret=rt["oauth_token_secret"],
        verifier=back["oauth_verifier"],
    )
    r = requests.get(exchange, timeout=TIMEOUT)
    assert r.status_code == 200
    access = dict(urllib.parse.parse_qsl(r.text))
    assert access["userid"] == "10042"
    # the request token is single use (a fresh signature, so it is not the nonce that refuses it)
    exchange2 = sign(
        f"{base}/account/access_token",
        token=rt["oauth_token"],
        token_secret=rt["oauth_token_secret"],
        verifier=back["oauth_verifier"],
    )
    assert requests.get(exchange2, timeout=TIMEOUT).status_code == 401
    # and the credentials work
    reply = oauth1_get(
        base,
        "/v2/user",
        access["oauth_token"],
        access["oauth_token_secret"],
        action="getgoals",
        userid="10042",
    )
    assert reply["status"] == 0
    stats = sandbox_clean.stats()
    assert (stats["oauth1_request_token"], stats["oauth1_authorize"], stats["oauth1_access_token"]) == (
        1,
        1,
        1,
    )


def test_default_user_is_10001(sandbox) -> None:
    assert oauth1_link(sandbox.url.replace("127.0.0.1", "localhost"), "10001")[2] == "10001"
    r = requests.get(sign(f"{sandbox.url}/account/request_token", callback=CALLBACK), timeout=TIMEOUT)
    rt = dict(urllib.parse.parse_qsl(r.text))
    r = requests.get(
        f"{sandbox.url}/account/authorize",
        params={"oauth_token": rt["oauth_token"]},
        allow_redirects=False,
        timeout=5,
    )
    assert query_of(r.headers["Location"])["userid"] == "10001"


def test_token_endpoints_refuse_in_plain_http(sandbox) -> None:
    base = sandbox.url
    no_callback = requests.get(sign(f"{base}/account/request_token"), timeout=TIMEOUT)
    assert no_callback.status_code == 400
    bad_sig = requests.get(
        sign(f"{base}/account/request_token", callback=CALLBACK, consumer_secret="x"), timeout=5
    )
    assert bad_sig.status_code == 401
    assert "invalid signature" in bad_sig.text
    unknown = requests.get(
        f"{base}/account/authorize", params={"oauth_token": "unknown"}, allow_redirects=False, timeout=5
    )
    assert unknown.status_code == 400


def test_access_token_needs_the_right_verifier(sandbox) -> None:
    base = sandbox.url
    rt = dict(
        urllib.parse.parse_qsl(
            requests.get(sign(f"{base}/account/request_token", callback=CALLBACK), timeout=5).text
        )
    )
    # not yet approved: refused
    early = sign(
        f"{base}/account/access_token", token=rt["oauth_token"], token_secret=rt["oauth_token_secret"]
    )
    assert requests.get(early, timeout=TIMEOUT).status_code == 401
    requests.get(
        f"{base}/account/authorize",
        params={"oauth_token": rt["oauth_token"]},
        allow_redirects=False,
        timeout=5,
    )
    wrong = sign(
        f"{base}/account/access_token",
        token=rt["oauth_token"],
        token_secret=rt["oauth_token_secret"],
        verifier="wrong",
    )
    assert requests.get(wrong, timeout=TIMEOUT).status_code == 401
