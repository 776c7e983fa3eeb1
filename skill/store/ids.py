"""New random ids and secrets for what the store keeps: link ids, codes, tokens, linking states."""

from __future__ import annotations

import secrets


def new_link_id() -> str:
    """Opaque and random (128 bits), but grants nothing on its own: safe to log."""
    return secrets.token_hex(16)


def new_secret_value() -> str:
    """An opaque code, token or state: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)
