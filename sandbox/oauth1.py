"""OAuth 1.0a as legacy Withings spoke it: RFC 5849 §3.4 HMAC-SHA1 verification and the token dance.

Why this is hand-written and does not use oauthlib: the skill's client signs with oauthlib. If the
sandbox verified with oauthlib as well, any misunderstanding the two share (how query parameters enter
the base string, how `+` and `%20` decode, which port is "default") would pass unnoticed. A second,
independent implementation written from the RFC text, checked against the RFC's own test vectors, and
agreeing with oauthlib over real HTTP is the evidence that the client signs the way Withings verified.

Like Withings, every `oauth_*` parameter must be in the query string (the clients used
`signature_type='query'`); a form body, if any, is signed too (§3.4.1.3.1), an Authorization header is not
read. Only HMAC-SHA1 is accepted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

REQUEST_TOKEN_TTL = 600  # seconds a request token may wait for the user and the exchange

# --- RFC 5849 §3.4: the signature base string and HMAC-SHA1 --------------------------------------

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def percent_encode(value: str) -> str:
    """§3.6: UTF-8, then every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper-case)."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in value.encode("utf-8"))


def decode_form(raw: str) -> list[tuple[str, str]]:
    """§3.4.1.3.1: query and form bodies decode as application/x-www-form-urlencoded.

    `+` means a space, `%XX` a byte; a name without `=` has the empty value; order and duplicates are
    kept (they matter for the normalized string).
    """
    pairs: list[tuple[str, str]] = []
    for part in raw.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        pairs.append((urllib.parse.unquote_plus(name), urllib.parse.unquote_plus(value)))
    return pairs


def base_string_uri(scheme: str, host: str, path: str) -> str:
    """§3.4.1.2: scheme and host lower-cased, the default port dropped, no query, no fragment."""
    scheme, host = scheme.lower(), host.strip().lower()
    if host.startswith("["):  # [IPv6]:port
        end = host.find("]")
        name, port = host[: end + 1], (host[end + 2 :] if host[end + 1 : end + 2] == ":" else "")
    else:
        name, _, port = host.partition(":")
    if port and (scheme, port) not in (("http", "80"), ("https", "443")):
        name = f"{name}:{port}"
    return f"{scheme}://{name}{path or '/'}"


def normalize_parameters(params: Iterable[tuple[str, str]]) -> str:
    """§3.4.1.3.2: encode names and values, sort by name then value, join `name=value` with `&`.

    `oauth_signature` is left out (and `realm`, which only an Authorization header can carry).
    """
    encoded = sorted(
        (percent_encode(name), percent_encode(value)) for name, value in params if name != "oauth_signature"
    )
    return "&".join(f"{name}={value}" for name, value in encoded)


def signature_base_string(method: str, uri: str, params: Iterable[tuple[str, str]]) -> str:
    """§3.4.1.1: METHOD & encoded base URI & encoded normalized parameters, joined by a literal `&`."""
    return "&".join((method.upper(), percent_encode(uri), percent_encode(normalize_parameters(params))))


def hmac_sha1_signature(base_string: str, client_secret: str, token_secret: str) -> str:
    """§3.4.2: key = encoded client secret & encoded token secret (the `&` stays when the latter is empty)."""
    key = f"{percent_encode(client_secret)}&{percent_encode(token_secret)}"
    digest = hmac.new(key.encode("utf-8"), base_string.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


# --- Verification ------------------------------------------------------------------------------


class OAuth1Refusal(Exception):
    """Why a signed request was refused. `reason` picks the answer the server gives."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # params | consumer | timestamp | token | signature | nonce | verifier
        self.message = message


@dataclass(frozen=True)
class SignedRequest:
    method: str
    uri: str  # the base string URI (§3.4.1.2), built from the Host header and path
    query: Sequence[tuple[str, str]]  # decoded, in order
    form: Sequence[tuple[str, str]] = ()  # decoded form body, if any

    def oauth(self) -> dict[str, str]:
        """The protocol parameters, which must come once each and in the query string."""
        found: dict[str, str] = {}
        for name, value in self.query:
            if name.startswith("oauth_"):
                if name in found:
                    raise OAuth1Refusal("params", f"duplicate {name}")
                found[name] = value
        if any(name.startswith("oauth_") for name, _ in self.form):
            raise OAuth1Refusal("params", "oauth parameters must be in the query string")
        return found


class NonceCache:
    """(consumer key, nonce, timestamp) seen within the skew window; older entries are stale anyway."""

    def __init__(self, window: int) -> None:
        self._window = window
        self._seen: dict[tuple[str, str, str], float] = {}
        self._next_purge = 0.0
        self._lock = threading.Lock()

    def check_and_store(self, consumer_key: str, nonce: str, timestamp: str, now: float) -> bool:
        """True the first time a triple is seen, False for a replay."""
        key = (consumer_key, nonce, timestamp)
        with self._lock:
            if now >= self._next_purge:
                horizon = now - 2 * self._window
                self._seen = {k: t for k, t in self._seen.items() if t >= horizon}
                self._next_purge = now + self._window
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


# --- The provider: consumer, tokens, the dance ------------------------------------------------


@dataclass
class _RequestToken:
    secret: str
    callback: str
    created: float
    userid: str | None = None  # set once the user has approved
    verifier: str | None = None


@dataclass
class _AccessToken:
    secret: str
    userid: str
    revoked: bool = False


@dataclass
class OAuth1Provider:
    consumer_key: str
    consumer_secret: str = field(repr=False)
    timestamp_skew: int = 300
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._request_tokens: dict[str, _RequestToken] = {}
        self._access_tokens: dict[str, _AccessToken] = {}
        self._nonces = NonceCache(self.timestamp_skew)

    # The checks, in order. The nonce is recorded only once the signature is known good, so a forged
    # request cannot burn a nonce that a genuine one is about to use.
    def verify(
        self, request: SignedRequest, token_secret_of: Callable[[str], str | None] | None
    ) -> dict[str, str]:
        oauth = request.oauth()
        required = ["oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce"]
        required.append("oauth_signature")
        if token_secret_of is not None:
            required.append("oauth_token")
        missing = [name for name in required if not oauth.get(name)]
        if missing:
            raise OAuth1Refusal("params", f"missing {', '.join(missing)}")
        if oauth["oauth_signature_method"] != "HMAC-SHA1":
            raise OAuth1Refusal("signature", "unsupported signature method")
        if oauth.get("oauth_version", "1.0") != "1.0":
            raise OAuth1Refusal("params", "unsupported oauth_version")
        if not hmac.compare_digest(oauth["oauth_consumer_key"].encode(), self.consumer_key.encode()):
            raise OAuth1Refusal("consumer", "unknown consumer key")
        now = self.clock()
        stamp = oauth["oauth_timestamp"]
        if not stamp.isdigit() or abs(int(stamp) - now) > self.timestamp_skew:
            raise OAuth1Refusal("timestamp", "timestamp out of the allowed window")
        token_secret = ""
        if token_secret_of is not None:
            found = token_secret_of(oauth["oauth_token"])
            if found is None:
                raise OAuth1Refusal("token", "token invalid or doesn't exist")
            token_secret = found
        params = [*request.query, *request.form]
        expected = hmac_sha1_signature(
            signature_base_string(request.method, request.uri, params), self.consumer_secret, token_secret
        )
        if not hmac.compare_digest(expected.encode(), oauth["oauth_signature"].encode()):
            raise OAuth1Refusal("signature", "invalid signature")
        if not self._nonces.check_and_store(oauth["oauth_consumer_key"], oauth["oauth_nonce"], stamp, now):
            raise OAuth1Refusal("nonce", "nonce already used")
        return oauth

    def request_token(self, request: SignedRequest) -> tuple[str, str]:
        callback = dict(request.query).get("oauth_callback", "")
        if not callback:
            raise OAuth1Refusal("params", "missing oauth_callback")
        self.verify(request, None)
        token, secret = secrets.token_hex(16), secrets.token_hex(20)
        with self._lock:
            self._purge_request_tokens()
            self._request_tokens[token] = _RequestToken(secret, callback, self.clock())
        return token, secret

    def authorize(self, token: str, userid: str) -> tuple[str, str]:
        """The user approves (there is no human here): (where to send the browser, verifier).

        The redirect is "" for an out-of-band ("oob") callback: the page shows the verifier instead.

        Raises KeyError for an unknown, expired or already approved request token.
        """
        verifier = secrets.token_hex(10)
        with self._lock:
            self._purge_request_tokens()
            pending = self._request_tokens.get(token)
            if pending is None or pending.userid is not None:
                raise KeyError(token)
            pending.userid, pending.verifier = userid, verifier
            callback = pending.callback
        if callback == "oob":
            return "", verifier
        extra = urllib.parse.urlencode({"oauth_token": token, "oauth_verifier": verifier, "userid": userid})
        return f"{callback}{'&' if '?' in callback else '?'}{extra}", verifier

    def access_token(self, request: SignedRequest) -> tuple[str, str, str]:
        """Exchange an approved request token (single use) for (token, secret, userid)."""

        def approved_secret(token: str) -> str | None:
            with self._lock:
                self._purge_request_tokens()
                pending = self._request_tokens.get(token)
                return pending.secret if pending and pending.userid else None

        oauth = self.verify(request, approved_secret)
        with self._lock:
            pending = self._request_tokens.get(oauth["oauth_token"])
            if pending is None or pending.userid is None:  # a concurrent exchange won
                raise OAuth1Refusal("token", "token invalid or doesn't exist")
            if not hmac.compare_digest(
                (pending.verifier or "").encode(), oauth.get("oauth_verifier", "").encode()
            ):
                raise OAuth1Refusal("verifier", "invalid verifier")
            del self._request_tokens[oauth["oauth_token"]]
            token, secret = secrets.token_hex(20), secrets.token_hex(20)
            self._access_tokens[token] = _AccessToken(secret, pending.userid)
            return token, secret, pending.userid

    def authenticate(self, request: SignedRequest) -> tuple[str, str]:
        """A signed data call: (token's userid, oauth_token). Revoked tokens still verify, then refuse."""

        def secret_of(token: str) -> str | None:
            with self._lock:
                record = self._access_tokens.get(token)
                return record.secret if record else None

        oauth = self.verify(request, secret_of)
        with self._lock:
            record = self._access_tokens[oauth["oauth_token"]]
            if record.revoked:
                raise OAuth1Refusal("revoked", "token revoked")
            return record.userid, oauth["oauth_token"]

    def revoke_user(self, userid: str) -> None:
        with self._lock:
            for record in self._access_tokens.values():
                if record.userid == userid:
                    record.revoked = True

    def _purge_request_tokens(self) -> None:
        horizon = self.clock() - REQUEST_TOKEN_TTL
        for token in [t for t, r in self._request_tokens.items() if r.created < horizon]:
            del self._request_tokens[token]
