"""OAuth 1.0a (RFC 5849), HMAC-SHA1, the way the legacy Withings API used it.

Every call is a GET with all `oauth_*` parameters, `userid` and the action's own parameters in the query
string. Withings' base string is plain RFC 5849 §3.4: the "quirks" reported in 2017 (a double-encoded
callback, `&` between the URI and the parameters, an unescaped `&` between the three parts, a key ending
in `&` when there is no token secret) are all the standard (withings-api.md §1.4).

Why oauthlib's primitives composed here rather than its `Client`: the primitives
(`collect_parameters`, `normalize_parameters`, `base_string_uri`, `signature_base_string`, the HMAC
signer) are spec code tested against the RFC's vectors, so we write no crypto or encoding plumbing; but
composing the §3.4 steps ourselves keeps every stage (normalized parameters, base string, key shape)
visible, which is what `python -m skill.withings explain-oauth1` prints when a signature is refused.
oauthlib is imported inside the functions that need it: a cold start on the OAuth2 path never pays for it.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from skill.withings.auth import OAuth1Credentials, PreparedRequest
from skill.withings.errors import AuthError, ServiceError, WithingsError

if TYPE_CHECKING:
    import requests

    from skill.withings.deadline import Deadline

SIGNATURE_METHOD = "HMAC-SHA1"
OAUTH_VERSION = "1.0"

# The token endpoints answer quickly or not at all; the linking flow has a user waiting in a browser.
_TOKEN_CALL_CAP_SECONDS = 5.0


@dataclass(frozen=True)
class SignedRequest:
    """A signed request and every intermediate stage of RFC 5849 §3.4, for sending and for debugging.

    `url` carries everything in the query (Withings' style, oauthlib's SIGNATURE_TYPE_QUERY): the URL's own
    query, `params`, the protocol parameters and the signature. Nothing here holds a secret:
    `signing_key_masked` shows only the key's shape.
    """

    method: str
    url: str
    base_string: str
    signing_key_masked: str  # "***(40)&***(16)": encoded consumer secret & encoded token secret, lengths only
    signature: str
    params: tuple[tuple[str, str], ...]  # everything sent, decoded, in URL order, oauth_signature last
    base_string_uri: str  # §3.4.1.2: scheme and host lower-cased, default port dropped, no query
    normalized_params: str  # §3.4.1.3.2: encoded, sorted, `k=v` joined by `&`


def _mask(encoded_secret: str) -> str:
    # Lengths only: enough to spot a stray space or a missing secret, nothing to recover the secret from.
    return f"***({len(encoded_secret)})" if encoded_secret else ""


def sign(
    method: str,
    url: str,
    params: Mapping[str, str] | Sequence[tuple[str, str]],
    *,
    consumer_key: str,
    consumer_secret: str,
    token: str | None = None,
    token_secret: str = "",
    callback: str | None = None,
    verifier: str | None = None,
    nonce: str | None = None,
    timestamp: str | None = None,
    version: str | None = OAUTH_VERSION,
) -> SignedRequest:
    """Sign a request with HMAC-SHA1 following RFC 5849 §3.4 step by step.

    `params` are the request's parameters besides those already in `url`'s query (for a POST, its form
    body). Protocol parameters are passed as keywords, never in `params`. `nonce` and `timestamp` are
    injectable for tests and for the explain CLI; by default a fresh random nonce and the current time.
    `version` is oauth_version, OPTIONAL in §3.1: Withings' examples sent "1.0", the RFC's own vectors
    omit it (pass None).

    Raises ValueError for a malformed URL or an `oauth_*` name among the request parameters.
    """
    from oauthlib.oauth1.rfc5849 import signature as rfc
    from oauthlib.oauth1.rfc5849 import utils

    parts = urlsplit(url)
    request_params = [
        (str(k), str(v)) for k, v in (params.items() if isinstance(params, Mapping) else params)
    ]
    # §3.4.1.3.1: the query's parameters are collected along with the request's. oauthlib unescapes
    # oauth_* values it collects (it expects them from an encoded header); ours are raw, so they are
    # added separately below and callers may not smuggle any in.
    collected = [
        (str(k), str(v)) for k, v in rfc.collect_parameters(uri_query=parts.query, body=request_params)
    ]
    if any(k.startswith("oauth_") for k, _ in collected):
        raise ValueError("oauth_* parameters are protocol parameters: pass them as keyword arguments")

    protocol = [
        ("oauth_consumer_key", consumer_key),
        ("oauth_nonce", nonce if nonce is not None else secrets.token_hex(16)),
        ("oauth_signature_method", SIGNATURE_METHOD),
        ("oauth_timestamp", timestamp if timestamp is not None else str(int(time.time()))),
    ]
    if version is not None:
        protocol.append(("oauth_version", version))
    if token:
        protocol.append(("oauth_token", token))
    if callback is not None:
        protocol.append(("oauth_callback", callback))
    if verifier is not None:
        protocol.append(("oauth_verifier", verifier))
    all_params = collected + protocol

    # §3.4.1.3.2: encode names and values, sort, join. Values with reserved characters (the callback
    # URL) are encoded here once and again in the base string: "double encoding" is the standard.
    normalized = str(rfc.normalize_parameters(all_params))
    # §3.4.1.2: scheme://host[:port]/path, lower-cased host, no default port, no query.
    base_uri = str(rfc.base_string_uri(urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))))
    # §3.4.1.1: METHOD & encoded URI & encoded parameters, joined by literal `&`.
    base_string = str(rfc.signature_base_string(method.upper(), base_uri, normalized))
    # §3.4.2: key = encoded consumer secret & encoded token secret; the `&` stays when the latter is empty.
    # The public signer takes "a client": anything with these two attributes.
    secrets_holder = SimpleNamespace(client_secret=consumer_secret, resource_owner_secret=token_secret)
    signature = str(rfc.sign_hmac_sha1_with_client(base_string, secrets_holder))
    key_shape = f"{_mask(utils.escape(consumer_secret))}&{_mask(utils.escape(token_secret))}"

    # §3.5.3: everything in the query, in normalized order so the URL reads like the base string.
    ordered = sorted(all_params, key=lambda kv: (utils.escape(kv[0]), utils.escape(kv[1])))
    sent = (*ordered, ("oauth_signature", signature))
    query = "&".join(f"{utils.escape(k)}={utils.escape(v)}" for k, v in sent)
    final_url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    return SignedRequest(
        method=method.upper(),
        url=final_url,
        base_string=base_string,
        signing_key_masked=key_shape,
        signature=signature,
        params=tuple(sent),
        base_string_uri=base_uri,
        normalized_params=normalized,
    )


@dataclass(frozen=True)
class OAuth1Auth:
    """RequestAuth for legacy data calls: a GET with oauth_* and `userid` signed in the query string."""

    credentials: OAuth1Credentials
    nonce_factory: Callable[[], str] | None = None
    clock: Callable[[], float] | None = None

    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        # userid is an ordinary parameter, signed like any other; the stored credentials decide it.
        request_params = {**params, "userid": self.credentials.userid}
        signed = sign(
            "GET",
            url,
            request_params,
            consumer_key=self.credentials.consumer_key,
            consumer_secret=self.credentials.consumer_secret,
            token=self.credentials.token,
            token_secret=self.credentials.token_secret,
            nonce=self.nonce_factory() if self.nonce_factory else None,
            timestamp=str(int(self.clock())) if self.clock else None,
        )
        return PreparedRequest(method="GET", url=signed.url)


@dataclass(frozen=True)
class RequestToken:
    token: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class AccessToken:
    token: str
    secret: str = field(repr=False)
    userid: str


def get_request_token(
    consumer_key: str, consumer_secret: str, base_url: str, callback_url: str, *, deadline: Deadline
) -> RequestToken:
    """Step 1: a signed GET {base_url}/request_token with oauth_callback; key is `consumer_secret&`."""
    signed = sign(
        "GET",
        f"{base_url.rstrip('/')}/request_token",
        (),
        consumer_key=consumer_key,
        consumer_secret=consumer_secret,
        callback=callback_url,
    )
    reply = _token_reply(_get(signed, deadline), "request_token")
    return RequestToken(token=reply["oauth_token"], secret=reply.get("oauth_token_secret", ""))


def authorize_url(
    consumer_key: str,
    consumer_secret: str,
    base_url: str,
    request_token: RequestToken,
    *,
    nonce: str | None = None,
    timestamp: str | None = None,
) -> str:
    """Step 2: where to send the user. Signed with the consumer and request-token secrets, as the
    Withings guide showed; clients that sent only oauth_token worked too, so signing is harmless."""
    signed = sign(
        "GET",
        f"{base_url.rstrip('/')}/authorize",
        (),
        consumer_key=consumer_key,
        consumer_secret=consumer_secret,
        token=request_token.token,
        token_secret=request_token.secret,
        nonce=nonce,
        timestamp=timestamp,
    )
    return signed.url


def get_access_token(
    consumer_key: str,
    consumer_secret: str,
    base_url: str,
    request_token: RequestToken,
    verifier: str,
    *,
    deadline: Deadline,
    userid: str | None = None,
) -> AccessToken:
    """Step 3: a signed GET {base_url}/access_token with oauth_token and oauth_verifier.

    The reply carries oauth_token, oauth_token_secret and userid; `userid` (from the callback URL) is
    the fallback when the reply has none.
    """
    signed = sign(
        "GET",
        f"{base_url.rstrip('/')}/access_token",
        (),
        consumer_key=consumer_key,
        consumer_secret=consumer_secret,
        token=request_token.token,
        token_secret=request_token.secret,
        verifier=verifier,
    )
    reply = _token_reply(_get(signed, deadline), "access_token")
    secret = reply.get("oauth_token_secret", "")
    found_userid = reply.get("userid") or userid
    if not secret or not found_userid:
        raise ServiceError(None, "access_token reply lacks oauth_token_secret or userid")
    return AccessToken(token=reply["oauth_token"], secret=secret, userid=found_userid)


def _get(signed: SignedRequest, deadline: Deadline) -> requests.Response:
    from skill.withings import transport

    # No retry: a request token or a verifier is single use, a second try would only be refused.
    return transport.send(
        PreparedRequest(method="GET", url=signed.url),
        deadline=deadline,
        cap=_TOKEN_CALL_CAP_SECONDS,
        retries=0,
    )


def _token_reply(response: requests.Response, step: str) -> dict[str, str]:
    """Parse a form-encoded token reply; anything else becomes a typed WithingsError.

    Withings answers refusals in its JSON envelope ({"status": 342, ...}); those map to their status
    family. An HTTP 401/403 without tokens is a refusal too. Anything else without oauth_token is garbage.
    """
    text = response.text.strip()
    if text.startswith("{"):
        raise _json_reply_error(text, step)
    reply = dict(parse_qsl(text, keep_blank_values=True))
    if reply.get("oauth_token"):
        return reply
    if response.status_code in (401, 403):
        raise AuthError(None, f"{step}: HTTP {response.status_code}")
    raise ServiceError(None, f"{step}: HTTP {response.status_code}, reply without oauth_token")


def _json_reply_error(text: str, step: str) -> WithingsError:
    try:
        decoded: Any = json.loads(text)
    except ValueError:
        return ServiceError(None, f"{step}: malformed JSON reply")
    status = decoded.get("status") if isinstance(decoded, dict) else None
    if not isinstance(status, int) or isinstance(status, bool) or status == 0:
        return ServiceError(status if isinstance(status, int) else None, f"{step}: JSON reply without tokens")
    from skill.withings import statuses

    error, body = decoded.get("error"), decoded.get("body")
    return statuses.error_for(
        status, error if isinstance(error, str) else None, body if isinstance(body, dict) else None
    )
