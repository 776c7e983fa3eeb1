"""Lifetimes of what the facade issues and stores (seconds)."""

from __future__ import annotations

from typing import Final

ACCESS_TOKEN_SECONDS: Final = 3600  # what Alexa is told in expires_in
REFRESH_TOKEN_SECONDS: Final = 365 * 24 * 3600  # sliding: every rotation starts a new year
REFRESH_GRACE_SECONDS: Final = 60  # a rotated refresh token still works this long: Alexa may retry
CODE_SECONDS: Final = 120  # Alexa redeems the code at once; RFC 6749 allows up to 10 minutes
PENDING_SECONDS: Final = 600  # time for the person to sign in at Withings
# DynamoDB deletes expired items lazily (within days); `ttl` is only cleanup. Expiry is always checked
# against expires_at, so the slack just keeps index entries around as long as their targets.
TTL_SLACK_SECONDS: Final = 24 * 3600
