"""An in-memory Store with the DynamoDB backend's semantics, for functional tests without DynamoDB Local.

Same rules (skill.store.base): single use, conditions, expiry by the store clock, tokens only for a
live link, ConditionFailed leaving everything as it was. One lock makes every call atomic, as the
backend's conditional writes and transactions are. Nothing is encrypted here (nothing leaves the
process); lifetimes come from skill.store.policy like the backend's.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.errors import ConditionFailed
from skill.store.ids import new_secret_value
from skill.store.memory_cache import MemoryCacheItems
from skill.store.records import (
    CodeGrant,
    Credentials,
    IssuedTokens,
    Link,
    LinkMode,
    LinkStatus,
    PendingLink,
    RefreshGrant,
    SubscriptionMark,
)

if TYPE_CHECKING:
    from skill.withings.deadline import Deadline


@dataclass(frozen=True)
class _Expiring:
    link_id: str
    client_id: str
    expires_at: float
    grace_until: float | None = None


@dataclass(frozen=True)
class _Code:
    grant: CodeGrant
    expires_at: float


@dataclass(frozen=True)
class _Pending:
    pending: PendingLink
    expires_at: float


class MemoryStore(MemoryCacheItems):
    def __init__(self) -> None:
        MemoryCacheItems.__init__(self)
        self._lock = threading.Lock()
        self._links: dict[str, Link] = {}
        self._pending: dict[str, _Pending] = {}
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, _Expiring] = {}
        self._refresh: dict[str, _Expiring] = {}
        self._alexa: dict[tuple[str, str | None], str] = {}
        self._subscriptions: dict[str, SubscriptionMark] = {}

    # -- links -----------------------------------------------------------------------------------

    def create_link(
        self, link_id: str, creds: Credentials, code: str, grant: CodeGrant, deadline: Deadline | None
    ) -> None:
        with self._lock:
            if link_id in self._links or code in self._codes:
                raise ConditionFailed("link or code exists")
            now = clock.now()
            self._links[link_id] = Link(link_id, creds, 1, LinkStatus.ACTIVE, now)
            self._codes[code] = _Code(grant, now + policy.CODE_SECONDS)

    def get_link(self, link_id: str, deadline: Deadline | None) -> Link | None:
        with self._lock:
            return self._links.get(link_id)

    def link_created_at(self, link_id: str, deadline: Deadline | None) -> float | None:
        with self._lock:
            link = self._links.get(link_id)
            return None if link is None else link.created_at

    def try_lease(self, link_id: str, version: int, owner: str, seconds: float, deadline: Deadline) -> bool:
        with self._lock:
            link = self._links.get(link_id)
            now = clock.now()
            if link is None or link.version != version or link.dead or link.leased(now):
                return False
            self._links[link_id] = dataclasses.replace(link, lease_until=now + seconds, lease_owner=owner)
            return True

    def save_credentials(
        self, link_id: str, expected_version: int, creds: Credentials, deadline: Deadline | None
    ) -> int:
        with self._lock:
            link = self._links.get(link_id)
            if link is None or link.version != expected_version or link.dead:
                raise ConditionFailed("version moved on, or the link is dead or gone")
            self._links[link_id] = dataclasses.replace(
                link, credentials=creds, version=expected_version + 1, lease_until=None, lease_owner=None
            )
            return expected_version + 1

    def release_lease(self, link_id: str, owner: str, deadline: Deadline | None) -> None:
        with self._lock:
            link = self._links.get(link_id)
            if link is not None and link.lease_owner == owner:
                self._links[link_id] = dataclasses.replace(link, lease_until=None, lease_owner=None)

    def mark_dead(self, link_id: str, deadline: Deadline | None) -> None:
        with self._lock:
            link = self._links.get(link_id)
            if link is not None:
                self._links[link_id] = dataclasses.replace(
                    link, status=LinkStatus.DEAD, lease_until=None, lease_owner=None
                )

    def purge_link(self, link_id: str, deadline: Deadline | None) -> int:
        with self._lock:
            deleted = 1 if self._links.pop(link_id, None) is not None else 0
            for table in (self._codes, self._access, self._refresh):
                mine = [k for k, v in table.items() if _link_of(v) == link_id]
                for k in mine:
                    del table[k]
                deleted += len(mine)
            mapped = [k for k, v in self._alexa.items() if v == link_id]
            for key in mapped:
                del self._alexa[key]
            return deleted + len(mapped)

    # -- pending links -----------------------------------------------------------------------------

    def put_pending(self, pending_id: str, pending: PendingLink, deadline: Deadline | None) -> None:
        with self._lock:
            if pending_id in self._pending:
                raise ConditionFailed("pending id exists")
            self._pending[pending_id] = _Pending(pending, clock.now() + policy.PENDING_SECONDS)

    def consume_pending(
        self, pending_id: str, mode: LinkMode, request_token: str | None, deadline: Deadline | None
    ) -> PendingLink:
        with self._lock:
            entry = self._pending.get(pending_id)
            if (
                entry is None
                or entry.expires_at <= clock.now()
                or entry.pending.mode != mode
                or (request_token is not None and entry.pending.request_token != request_token)
            ):
                raise ConditionFailed("unknown, expired, used, or another flow's")
            del self._pending[pending_id]
            return entry.pending

    # -- codes and tokens ---------------------------------------------------------------------------

    def peek_code(self, code: str, deadline: Deadline | None) -> CodeGrant | None:
        with self._lock:
            entry = self._codes.get(code)
            return None if entry is None or entry.expires_at <= clock.now() else entry.grant

    def redeem_code(self, code: str, grant: CodeGrant, deadline: Deadline | None) -> IssuedTokens:
        with self._lock:
            now = clock.now()
            entry = self._codes.get(code)
            if entry is None or entry.expires_at <= now or entry.grant.link_id != grant.link_id:
                raise ConditionFailed("code replayed, expired or for another link")
            issued = self._issue(grant.link_id, grant.client_id, now)  # raises before anything changed
            del self._codes[code]
            return issued

    def peek_refresh(self, refresh_token: str, deadline: Deadline | None) -> RefreshGrant | None:
        with self._lock:
            entry = self._refresh.get(refresh_token)
            now = clock.now()
            if entry is None or not _usable(entry, now):
                return None
            return RefreshGrant(entry.link_id, entry.client_id)

    def rotate_refresh(
        self, refresh_token: str, grant: RefreshGrant, deadline: Deadline | None
    ) -> IssuedTokens:
        with self._lock:
            now = clock.now()
            entry = self._refresh.get(refresh_token)
            if entry is None or entry.link_id != grant.link_id or not _usable(entry, now):
                raise ConditionFailed("refresh token expired, past its grace window, or another link's")
            issued = self._issue(grant.link_id, grant.client_id, now)
            if entry.grace_until is None:  # a retry inside the window does not extend it
                self._refresh[refresh_token] = dataclasses.replace(
                    entry, grace_until=now + policy.REFRESH_GRACE_SECONDS
                )
            return issued

    def _issue(self, link_id: str, client_id: str, now: float) -> IssuedTokens:
        link = self._links.get(link_id)
        if link is None or link.dead:
            raise ConditionFailed("tokens only for a live link")
        access, refresh = new_secret_value(), new_secret_value()
        self._access[access] = _Expiring(link_id, client_id, now + policy.ACCESS_TOKEN_SECONDS)
        self._refresh[refresh] = _Expiring(link_id, client_id, now + policy.REFRESH_TOKEN_SECONDS)
        return IssuedTokens(access, refresh, policy.ACCESS_TOKEN_SECONDS)

    def access_link_id(
        self, access_token: str, deadline: Deadline | None, *, include_expired: bool = False
    ) -> str | None:
        with self._lock:
            entry = self._access.get(access_token)
            if entry is None or (not include_expired and entry.expires_at <= clock.now()):
                return None
            return entry.link_id

    # -- Alexa users ---------------------------------------------------------------------------------

    def alexa_link_id(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> str | None:
        with self._lock:
            return self._alexa.get((alexa_user_id, person_id))

    def map_alexa_user(
        self, alexa_user_id: str, link_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None:
        with self._lock:
            if link_id not in self._links:
                raise ConditionFailed("no such link")
            self._alexa[(alexa_user_id, person_id)] = link_id

    def unmap_alexa_user(
        self, alexa_user_id: str, deadline: Deadline | None, *, person_id: str | None = None
    ) -> None:
        with self._lock:
            self._alexa.pop((alexa_user_id, person_id), None)

    def person_link_ids(self, alexa_user_id: str, deadline: Deadline | None) -> list[str]:
        with self._lock:
            return sorted(
                {link for (user, person), link in self._alexa.items() if user == alexa_user_id and person}
            )

    # -- notification subscriptions' marks ---------------------------------------------------------

    def subscription_mark(self, withings_userid: str, deadline: Deadline | None) -> SubscriptionMark | None:
        with self._lock:
            return self._subscriptions.get(withings_userid)

    def put_subscription_mark(
        self, withings_userid: str, mark: SubscriptionMark, deadline: Deadline | None
    ) -> None:
        with self._lock:
            self._subscriptions[withings_userid] = mark

    def delete_subscription_mark(self, withings_userid: str, deadline: Deadline | None) -> None:
        with self._lock:
            self._subscriptions.pop(withings_userid, None)


def _usable(entry: _Expiring, now: float) -> bool:
    return entry.expires_at > now and (entry.grace_until is None or entry.grace_until > now)


def _link_of(value: object) -> str | None:
    if isinstance(value, str):  # an Alexa mapping
        return value
    if isinstance(value, _Code):
        return value.grant.link_id
    if isinstance(value, _Expiring):
        return value.link_id
    return None
