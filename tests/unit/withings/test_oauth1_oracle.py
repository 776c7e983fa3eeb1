"""Our signer agrees with oauthlib's own Client on a few hundred randomized requests.

oauthlib's Client(signature_type=SIGNATURE_TYPE_QUERY) is what requests-oauthlib used against Withings
(maximebf, orcasgit), so agreeing with it means agreeing with signatures Withings accepted. The inputs
are seeded (reproducible) and deliberately awkward: unicode and RFC 3986 reserved characters in names
and values, repeated names, empty values, with and without a token, odd ports and paths, query and
form-body parameters together.

Callbacks never contain "%": oauthlib's Client re-reads its own query and unescapes oauth_* values a
second time, so a "%" in a callback would be oauthlib's bug, not a disagreement on RFC 5849.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest

from skill.withings.oauth1 import sign

CASES = 400
SEED = 5849

_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "-._~ !*'();:@&=+$,/?#[]"  # unreserved and reserved
    "éüß日本語€😀"  # 2-, 3- and 4-byte UTF-8
)
_SAFE = "abcdefghijklmnopqrstuvwxyz0123456789-._~"


def _text(rng: random.Random, low: int, high: int, alphabet: str = _ALPHABET) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


@dataclass(frozen=True)
class Case:
    method: str
    base: str
    query: list[tuple[str, str]]
    body: list[tuple[str, str]]
    consumer_key: str
    consumer_secret: str
    token: str | None
    token_secret: str
    callback: str | None
    verifier: str | None
    nonce: str
    timestamp: str


def _params(rng: random.Random) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for _ in range(rng.randint(0, 6)):
        if params and rng.random() < 0.25:
            name = rng.choice(params)[0]  # a repeated name
        else:
            name = _text(rng, 1, 8)
            if name.startswith("oauth_"):
                name = "x" + name
        value = "" if rng.random() < 0.15 else _text(rng, 1, 12)
        params.append((name, value))
    return params


def _case(rng: random.Random) -> Case:
    scheme = rng.choice(["http", "https"])
    host = "".join(rng.choice("abcdefghijKLMNOP") for _ in range(rng.randint(1, 10))) + rng.choice(
        [".example.com", ".EXAMPLE.net", ".test"]
    )
    port = rng.choice(["", "", ":80", ":443", ":8080", f":{rng.randint(1, 65535)}"])
    path = "".join("/" + _text(rng, 0, 6, _SAFE) for _ in range(rng.randint(0, 3)))
    method = rng.choice(["GET", "GET", "GET", "POST"])
    params = _params(rng)
    split = rng.randint(0, len(params)) if method == "POST" else len(params)
    with_token = rng.random() < 0.7
    return Case(
        method=method,
        base=f"{scheme}://{host}{port}{path}",
        query=params[:split],
        body=params[split:],
        consumer_key=_text(rng, 1, 20),
        consumer_secret=_text(rng, 0, 30),
        token=_text(rng, 1, 20) if with_token else None,
        token_secret=_text(rng, 0, 30) if with_token else "",
        callback=(
            "https://cb.example.test/" + _text(rng, 0, 10, _SAFE + "?&= éü") if rng.random() < 0.2 else None
        ),
        verifier=_text(rng, 1, 10, _SAFE) if rng.random() < 0.2 else None,
        nonce=_text(rng, 1, 32, _SAFE),
        timestamp=str(rng.randint(0, 2_000_000_000)),
    )


def _url(case: Case) -> str:
    if not case.query:
        return case.base
    return f"{case.base}?{urlencode(case.query, quote_via=quote, safe='')}"


def _oauthlib_sign(case: Case) -> tuple[str, str]:
    """(signature, signed URL) from oauthlib's own Client."""
    from oauthlib.oauth1 import SIGNATURE_TYPE_QUERY, Client

    client = Client(
        case.consumer_key,
        client_secret=case.consumer_secret,
        resource_owner_key=case.token,
        resource_owner_secret=case.token_secret,
        callback_uri=case.callback,
        verifier=case.verifier,
        signature_type=SIGNATURE_TYPE_QUERY,
        nonce=case.nonce,
        timestamp=case.timestamp,
    )
    if case.method == "POST":
        uri, _, _ = client.sign(
            _url(case),
            http_method="POST",
            body=urlencode(case.body, quote_via=quote, safe=""),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    else:
        uri, _, _ = client.sign(_url(case), http_method="GET")
    signature = dict(parse_qsl(urlsplit(uri).query, keep_blank_values=True))["oauth_signature"]
    return signature, uri


_CASES = [_case(random.Random(SEED + i)) for i in range(CASES)]


@pytest.mark.parametrize("case", _CASES, ids=[f"case{i}" for i in range(CASES)])
def test_signature_agrees_with_oauthlib_client(case: Case) -> None:
    expected, oauthlib_url = _oauthlib_sign(case)
    ours = sign(
        case.method,
        _url(case),
        case.body,
        consumer_key=case.consumer_key,
        consumer_secret=case.consumer_secret,
        token=case.token,
        token_secret=case.token_secret,
        callback=case.callback,
        verifier=case.verifier,
        nonce=case.nonce,
        timestamp=case.timestamp,
    )
    assert ours.signature == expected
    # Same parameters on the wire (our query also carries the form parameters: Withings-style URL).
    theirs = parse_qsl(urlsplit(oauthlib_url).query, keep_blank_values=True) + case.body
    mine = parse_qsl(urlsplit(ours.url).query, keep_blank_values=True)
    assert sorted(mine) == sorted(theirs)


def test_the_cases_cover_what_they_claim() -> None:
    """Guard against a generator that silently stops producing the awkward inputs."""
    names = [k for c in _CASES for k, _ in (*c.query, *c.body)]
    values = [v for c in _CASES for _, v in (*c.query, *c.body)]
    assert any("😀" in n or "日" in n for n in names)
    assert any(set(v) & set("&=+/?#") for v in values)
    assert "" in values
    assert any(len(c.query + c.body) != len({k for k, _ in c.query + c.body}) for c in _CASES)
    assert any(c.token is None for c in _CASES) and any(c.token for c in _CASES)
    assert any(c.method == "POST" and c.body and c.query for c in _CASES)
    assert any(":8080" in c.base for c in _CASES)
    assert any(":80/" in c.base or c.base.endswith(":80") for c in _CASES)
    assert any(c.callback for c in _CASES) and any(c.verifier for c in _CASES)
