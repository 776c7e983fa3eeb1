"""The persistence interface: the few primitives the linking facade and the accounts layer need.

Every backend (skill.store.dynamodb for AWS, skill.store.memory for functional tests) keeps the same
rules, checked by one contract suite (tests/unit/store/test_contract.py):
- single use: a pending flow, an authorization code and a refresh token (after its grace window) are
  consumed by exactly one caller; a refused consumption changes nothing;
- expiry is judged by the store's clock (skill.store.clock) against the record's `expires_at`;
- a link's credentials change only under a version check, and a refresh lease is exclusive until it
  expires;
- tokens are issued only for a live (not dead, not purged) link;
- failures are the store's own errors (skill.store.errors): ConditionFailed for a lost condition,
  StoreUnavailable for an outage, CredentialsUnreadable for a ciphertext that no longer opens.
The per-user data cache and the app-wide call budget (CacheStore, BudgetStore) follow the same rules
(tests/unit/store/test_contract_cache.py): a cache write whose fetch began before a recorded change
is refused, a permit past the minute's limit is refused, atomically across instances.
`deadline` bounds the call where the backend can honour it (None: the backend's own timeouts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from skill.store.cache_records import CachedEntry, CacheRead, Change
    from skill.store.records import (
        CodeGrant,
        Credentials,
        IssuedTokens,
        Link,
        LinkMode,
        PendingLink,
        RefreshGrant,
        SubscriptionMark,
    )
    from skill.withings.deadline import Deadline


class LinkStore(Protocol):
    """Linked Withings users: encrypted credentials, their version, status and refresh lease."""

    def create_link(
        self, link_id: str, creds: Credentials, code: str, grant: CodeGrant, deadline: Deadline | None
    ) -> None:
        """A new link (version 1, active) and the single-use authorization code that refers to it.

        Until the code is redeemed the link is provisional (a backend may expire it)."""
        ...

    def get_link(self, link_id: str, deadline: Deadline | None) -> Link | None: ...

    def link_created_at(self, link_id: str, deadline: Deadline | None) -> float | None:
        """When the link was created, without opening its credentials (None: no such link)."""
        ...

    def try_lease(self, link_id: str, version: int, owner: str, seconds: float, deadline: Deadline) -> bool:
        """Take the refresh lease if nobody holds a live one and the link is active at `version`."""
        ...

    def save_credentials(
        self, link_id: str, expected_version: int, creds: Credentials, deadline: Deadline | None
    ) -> int:
        """Replace the credentials of an active link still at `expected_version`; releases the lease.

        Returns the new version. ConditionFailed: the version moved on, or the link is dead or gone."""
        ...

    def release_lease(self, link_id: str, owner: str, deadline: Deadline | None) -> None:
        """Drop the lease if `owner` holds it (best effort: a lease also expires on its own)."""
        ...

    def mark_dead(self, link_id: str, deadline: Deadline | None) -> None:
        """Keep the link, dead (so the skill can say "link again"); no-op for a purged link."""
        ...

    def purge_link(self, link_id: str, deadline: Deadline | None) -> int:
        """Delete the link, its credentials, everything issued for it and the Alexa users mapped to it.

        Returns how many records were deleted (for the log line)."""
        ...


class GrantStore(Protocol):
    """What the facade hands out around a link: pending flows, codes, access and refresh tokens."""

    def put_pending(self, pending_id: str, pending: PendingLink, deadline: Deadline | None) -> None:
        """Remember a flow between /link/authorize and /link/callback (ConditionFailed: id taken)."""
        ...

    def consume_pending(
        self, pending_id: str, mode: LinkMode, request_token: str | None, deadline: Deadline | None
    ) -> PendingLink:
        """Remove and return the pending flow: exactly one caller gets it.

        ConditionFailed (nothing removed) if it is unknown, expired, already consumed, of another
        mode, or (OAuth1, `request_token` given) for another request token."""
        ...

    def peek_code(self, code: str, deadline: Deadline | None) -> CodeGrant | None:
        """The grant behind an unexpired code, without consuming it (validation comes first)."""
        ...

    def redeem_code(self, code: str, grant: CodeGrant, deadline: Deadline | None) -> IssuedTokens:
        """Consume the code and issue an access/refresh pair, atomically.

        ConditionFailed: replayed, expired, bound to another link, or the link is dead or gone."""
        ...

    def peek_refresh(self, refresh_token: str, deadline: Deadline | None) -> RefreshGrant | None:
        """The grant behind a refresh token that is unexpired and not past its grace window."""
        ...

    def rotate_refresh(
        self, refresh_token: str, grant: RefreshGrant, deadline: Deadline | None
    ) -> IssuedTokens:
        """Issue a new pair. The presented refresh token keeps working for a short grace window
        (Alexa may not have received the answer and retry), then dies.

        ConditionFailed: expired, past its grace window, or the link is dead or gone."""
        ...

    def access_link_id(
        self, access_token: str, deadline: Deadline | None, *, include_expired: bool = False
    ) -> str | None:
        """The link behind an unexpired access token (or an expired one, for the purge).

        May still name a link purged since (backends may cache this): get_link then says None."""
        ...


class AlexaUserStore(Protocol):
    """Which link an Alexa userId belongs to (SkillAccountLinked maps it, SkillDisabled purges it).

    With `person_id`, the link of one recognised speaker of that account (a voice profile that
    linked its own Withings account); the account's mapping and its people's are independent.
    """

    def alexa_link_id(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> str | None: ...

    def map_alexa_user(
        self, alexa_user_id: str, link_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None:
        """Map (or re-map) the user, or one of its people, to an existing link (ConditionFailed: no
        such link)."""
        ...

    def unmap_alexa_user(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None: ...

    def person_link_ids(self, alexa_user_id: str, deadline: Deadline | None) -> list[str]:
        """The links the account's recognised speakers are mapped to (SkillDisabled purges them too)."""
        ...


class SubscriptionMarkStore(Protocol):
    """Per Withings user: when their notification subscriptions were last known complete."""

    def subscription_mark(
        self, withings_userid: str, deadline: Deadline | None
    ) -> SubscriptionMark | None: ...

    def put_subscription_mark(
        self, withings_userid: str, mark: SubscriptionMark, deadline: Deadline | None
    ) -> None: ...

    def delete_subscription_mark(self, withings_userid: str, deadline: Deadline | None) -> None: ...


class CacheStore(Protocol):
    """The per-user data cache (skill.cache): opaque payloads with their times, and the changes
    Withings notified, per Withings userid (a backend keys them by a keyed hash of it, never the id).

    `name` is the entry's name within the user's cache (no health value in it); `applis` the
    Withings notification categories whose changes decide whether the entry may be served.
    """

    def read_cached(
        self, user: str, name: str, applis: Sequence[int], deadline: Deadline | None
    ) -> CacheRead:
        """The entry (None: absent, expired by the store clock, or unreadable) and the changes recorded
        for `applis`, in one round trip."""
        ...

    def write_cached(
        self, user: str, name: str, entry: CachedEntry, applis: Sequence[int], deadline: Deadline | None
    ) -> bool:
        """Store (or replace) the entry, atomically unless one of `applis` had a change recorded at or
        after `entry.fetched_at`: then nothing is stored and the answer is False (the fetch raced a
        notification, so what it brought may already be stale)."""
        ...

    def record_change(self, user: str, appli: int, change: Change, deadline: Deadline | None) -> None:
        """Add a notified change to the appli's list (atomic; skill.store.cache_records.merged)."""
        ...

    def cached_names(self, user: str, deadline: Deadline | None) -> list[str]:
        """The names of the user's entries (invalidation picks the overlapping ones)."""
        ...

    def delete_cached(self, user: str, names: Sequence[str], deadline: Deadline | None) -> int:
        """Delete these entries; returns how many were asked to go."""
        ...

    def purge_cached(self, user: str, deadline: Deadline | None) -> int:
        """Delete all of the user's entries and changes (unlink); returns how many items went."""
        ...


class BudgetStore(Protocol):
    """The app-wide Withings call budget (skill.cache.budget), one counter per minute."""

    def take_permit(self, minute: int, limit: int, deadline: Deadline | None) -> bool:
        """Count one call in `minute` (epoch minutes) if fewer than `limit` were counted; False when
        the minute's budget is spent. Atomic across every Lambda instance."""
        ...


class Store(LinkStore, GrantStore, AlexaUserStore, SubscriptionMarkStore, CacheStore, BudgetStore, Protocol):
    """Everything the skill persists."""
