"""PKCE (RFC 7636): S256 only. `plain` would let anyone who sees the authorization request redeem
the code, so it is refused rather than silently accepted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")  # BASE64URL(SHA-256), no padding (§4.2)
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")  # §4.1


class PkceError(ValueError):
    pass


def checked_challenge(challenge: str | None, method: str | None) -> str | None:
    """The challenge to bind to the code, None when PKCE is not used. Raises PkceError."""
    if not challenge:
        if method:
            raise PkceError("code_challenge_method without code_challenge")
        return None
    if (method or "plain") != "S256":
        raise PkceError("only code_challenge_method=S256 is supported")  # §4.4.1: invalid_request
    if not _CHALLENGE.fullmatch(challenge):
        raise PkceError("code_challenge is not a base64url SHA-256")
    return challenge


def well_formed_verifier(verifier: str) -> bool:
    return _VERIFIER.fullmatch(verifier) is not None


def verifier_matches(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return hmac.compare_digest(computed, challenge)
