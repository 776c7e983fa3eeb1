"""Client authentication at the token endpoint (RFC 6749 §2.3.1): HTTP Basic or body credentials,
never both, compared in constant time."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable, Mapping
from urllib.parse import unquote_plus

from skill.linking.errors import OAuthError
from skill.linking.web import Params


def _bad_basic(description: str) -> OAuthError:
    return OAuthError("invalid_client", description, status=401, basic_challenge=True)


def _equal(presented: str, expected: str) -> bool:
    # Both compared always (no short-circuit on the id), in constant time for equal lengths.
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


def _basic(header: str) -> tuple[str, str] | None:
    """(id, secret) from `Basic base64(urlencode(id):urlencode(secret))`; None if not Basic at all."""
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as exc:
        raise OAuthError(
            "invalid_client", "malformed Basic credentials", status=401, basic_challenge=True
        ) from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise _bad_basic("malformed Basic credentials")
    # §2.3.1 form-urlencodes both before Basic; Alexa's values are plain, which decodes to themselves.
    return unquote_plus(client_id), unquote_plus(secret)


def authenticate(
    headers: Mapping[str, str], form: Params, expected_id: str, expected_secret: Callable[[], str]
) -> str:
    """The authenticated client id. Raises OAuthError (invalid_client, or invalid_request for two methods)."""
    header = headers.get("authorization", "")
    basic = _basic(header) if header else None
    if header and basic is None:
        raise OAuthError(
            "invalid_client", "unsupported authentication scheme", status=401, basic_challenge=True
        )
    if basic is not None:
        if form.get("client_secret"):
            raise OAuthError("invalid_request", "more than one client authentication method")
        client_id, secret = basic
        body_id = form.get("client_id")
        if body_id and body_id != client_id:
            raise OAuthError("invalid_request", "client_id differs from the authenticated client")
    else:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if not client_id or not secret:
            raise OAuthError("invalid_client", "client authentication required", status=401)
    id_ok = _equal(client_id, expected_id)
    secret_ok = _equal(secret, expected_secret())
    if not (id_ok and secret_ok):
        raise OAuthError(
            "invalid_client", "client authentication failed", status=401, basic_challenge=basic is not None
        )
    return client_id
