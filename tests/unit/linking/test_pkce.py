from __future__ import annotations

import pytest

from skill.linking import pkce

# RFC 7636 Appendix B
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_rfc_7636_example_matches() -> None:
    assert pkce.verifier_matches(VERIFIER, CHALLENGE)
    assert not pkce.verifier_matches(VERIFIER[:-1] + "Y", CHALLENGE)


def test_no_pkce_is_allowed() -> None:
    assert pkce.checked_challenge(None, None) is None


def test_s256_challenge_is_kept() -> None:
    assert pkce.checked_challenge(CHALLENGE, "S256") == CHALLENGE


@pytest.mark.parametrize(
    ("challenge", "method"),
    [
        (CHALLENGE, None),  # defaults to plain (RFC 7636 §4.3): refused
        (CHALLENGE, "plain"),
        (CHALLENGE, "s256"),
        ("too-short", "S256"),
        (CHALLENGE + "A", "S256"),
        (CHALLENGE[:-1] + "=", "S256"),
        (None, "S256"),
    ],
)
def test_bad_challenges_are_refused(challenge: str | None, method: str | None) -> None:
    with pytest.raises(pkce.PkceError):
        pkce.checked_challenge(challenge, method)


@pytest.mark.parametrize(
    ("verifier", "ok"), [(VERIFIER, True), ("a" * 42, False), ("a" * 129, False), ("a b" * 20, False)]
)
def test_verifier_shape(verifier: str, ok: bool) -> None:
    assert pkce.well_formed_verifier(verifier) is ok
