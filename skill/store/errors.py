"""One exception root for the store; callers map these onto the Accounts errors or OAuth errors."""

from __future__ import annotations


class StoreError(Exception):
    """Root of every error skill.store raises."""


class StoreUnavailable(StoreError):
    """DynamoDB failed, timed out, or the request's deadline left no time to ask: try again later."""


class StoreConfigError(StoreError):
    """TABLE_NAME or TOKEN_KEY is missing or malformed: a deployment mistake, not the user's."""


class ConditionFailed(StoreError):
    """A conditional write lost: replayed/expired code or state, a version or lease race, a dead link."""


class CredentialsUnreadable(StoreError):
    """A stored ciphertext failed authentication (wrong key, tampered, or moved between items)."""
